//! Applying the rule: primary suppression of small counts, then secondary suppression of the
//! smallest complementary cells until the interval audit finds every hidden cell protected.

use crate::beyond_help::{best_widths, may_hide};
use crate::error::DisclosureError;
use crate::grid::{Constraint, Fixed, Grid};
use crate::interval::Checker;
use crate::rule::{SuppressionRule, SUPPRESSED};
pub use crate::status::CellStatus;

/// Which cells of a grid to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Protection {
    status: Vec<CellStatus>,
}

impl Protection {
    /// A protection from each cell's status (a joint problem's, read back for one table).
    pub(crate) fn from_statuses(status: Vec<CellStatus>) -> Self {
        Self { status }
    }

    pub fn status(&self, cell: usize) -> CellStatus {
        self.status.get(cell).copied().unwrap_or(CellStatus::Shown)
    }

    pub fn is_suppressed(&self, cell: usize) -> bool {
        self.status(cell) != CellStatus::Shown
    }

    /// The cell as published: its formatted value, or [`SUPPRESSED`].
    pub fn show(&self, cell: usize, formatted: impl FnOnce() -> String) -> String {
        if self.is_suppressed(cell) {
            SUPPRESSED.to_string()
        } else {
            formatted()
        }
    }

    /// A figure computed from cells (a percentage of a count, a rate): hidden when any of the
    /// cells it comes from is, so it cannot give the count away.
    pub fn show_derived(&self, from: &[usize], formatted: impl FnOnce() -> String) -> String {
        if from.iter().any(|&c| self.is_suppressed(c)) {
            SUPPRESSED.to_string()
        } else {
            formatted()
        }
    }

    pub fn suppressed(&self) -> Vec<bool> {
        self.status
            .iter()
            .map(|s| *s != CellStatus::Shown)
            .collect()
    }

    pub fn count(&self, kind: CellStatus) -> usize {
        self.status.iter().filter(|s| **s == kind).count()
    }
}

/// Suppresses every small count, then further cells until no reader can narrow a hidden small
/// count to an interval narrower than [`SuppressionRule::protection_level`], nor work out any
/// hidden cell exactly, from everything published: the sums and coverings, the shown cells,
/// whole non-negative counts and, where the grid shows zeros, hidden cells being at least 1.
///
/// Complements are chosen in rounds. First every sum left with a single hidden cell gets its
/// best complement (cheap, and necessary; a covering with one hidden cell need not give it
/// away, so coverings are left to the audit). Then the interval audit finds the cells still
/// under-protected, and each gets one complement, unless a relation it is in already gained one
/// this round or holds a cell that did (its shortfall may have been only that cell's): the best
/// shown cell in its own relations (sums and coverings alike), or failing that in the
/// relations of the hidden cells linked to it, nearest first. "Best" is the smallest non-zero
/// part, then the smallest non-zero total; zeros only when the grid may hide them (as a last
/// resort before totals), since hiding a zero in a table that shows zeros would break its
/// promise. This stops when every hidden cell is protected or nothing linked is left to hide
/// (possible only when zeros may be hidden, or cells are fixed: see below; [`crate::audit`]
/// then names what is still exposed).
///
/// # Cells an earlier publication fixed
///
/// A cell fixed by [`Grid::fix`] keeps its status: a [`Fixed::Shown`] cell is
/// [`CellStatus::Shown`] even if small, a [`Fixed::Hidden`] one is [`CellStatus::Primary`] if
/// small and [`CellStatus::Secondary`] otherwise, and is protected like any hidden cell of
/// that kind. Complements are chosen only among unfixed cells. Some cells no suppression can
/// protect, because cells already shown pin them down; they are found first (hiding every cell
/// that may be hidden still leaves them narrow), and each is given the widest interval
/// possible instead: no complement is spent on a cell that stays exact whatever is hidden, nor
/// hidden among such cells. The result is still `Ok`: [`crate::audit`] names the cells left
/// narrower than the rule asks, so the caller can refuse the release.
pub fn protect(rule: &SuppressionRule, grid: &Grid) -> Result<Protection, DisclosureError> {
    grid.check()?;
    let mut status: Vec<CellStatus> = (0..grid.len())
        .map(|cell| initial(rule, grid, cell))
        .collect();
    let hides = |(cell, s): (usize, &CellStatus)| match s {
        CellStatus::Primary | CellStatus::Secondary => true,
        CellStatus::Unpublished => guarded_small(rule, grid, cell),
        CellStatus::Shown => false,
    };
    if !status.iter().enumerate().any(hides) {
        return Ok(Protection { status });
    }
    let level = i64::from(rule.protection_level());
    let need = move |cell: usize, s: Option<&CellStatus>| match s {
        Some(CellStatus::Primary) => Some(level),
        Some(CellStatus::Secondary) => Some(1),
        Some(CellStatus::Unpublished) if guarded_small(rule, grid, cell) => Some(level),
        _ => None,
    };
    let choose = Chooser::new(grid, best_widths(grid, &status, &need)?);
    let mut checker = Checker::default();
    loop {
        protect_each_relation(&choose, &mut status);
        let unknown: Vec<bool> = status.iter().map(|s| *s != CellStatus::Shown).collect();
        let required = |cell: usize| {
            let width = need(cell, status.get(cell))?;
            let width = choose
                .best_width(cell)
                .map_or(width, |best| best.min(width));
            (width > 0).then_some(width)
        };
        let mut short = checker.shortfalls(grid, &unknown, &required)?;
        if short.is_empty() {
            break;
        }
        // Small counts first (hidden or guarded), then any hidden cell a reader could work out
        // exactly.
        short.sort_by_key(|i| (status[i.cell] == CellStatus::Secondary, i.cell));
        let mut touched = vec![false; grid.relation_count()];
        let mut added = false;
        for interval in &short {
            if choose.relations[interval.cell].iter().any(|&r| touched[r]) {
                continue;
            }
            if let Some(next) = choose.nearest(&status, interval.cell) {
                status[next] = CellStatus::Secondary;
                for &r in choose.relations[next]
                    .iter()
                    .chain(&choose.relations[interval.cell])
                {
                    touched[r] = true;
                }
                added = true;
            }
        }
        if !added {
            break; // nothing linked is left to hide
        }
    }
    Ok(Protection { status })
}

/// Whether a cell is an unpublished group a reader must not narrow ([`Grid::guard`]) and
/// small: it is protected like a hidden small count.
pub(crate) fn guarded_small(rule: &SuppressionRule, grid: &Grid, cell: usize) -> bool {
    grid.is_guarded(cell) && rule.is_small(grid.value(cell))
}

/// A cell's status before secondary suppression: what an earlier publication fixed, else
/// unpublished, a small count, or shown.
fn initial(rule: &SuppressionRule, grid: &Grid, cell: usize) -> CellStatus {
    let small = rule.is_small(grid.value(cell));
    match grid.fixed(cell) {
        Some(Fixed::Shown) => CellStatus::Shown,
        Some(Fixed::Hidden) if small => CellStatus::Primary,
        Some(Fixed::Hidden) => CellStatus::Secondary,
        None if grid.is_unpublished(cell) => CellStatus::Unpublished,
        None if small => CellStatus::Primary,
        None => CellStatus::Shown,
    }
}

/// Until no sum has exactly one hidden cell: hide one more in each that does. Relations
/// with an unpublished cell are left to the interval audit, which sees how they combine, as
/// are coverings and a lone hidden cell beyond help.
fn protect_each_relation(choose: &Chooser, status: &mut [CellStatus]) {
    let mut changed = true;
    while changed {
        changed = false;
        for constraint in choose.grid.constraints() {
            if constraint
                .cells()
                .any(|c| status[c] == CellStatus::Unpublished)
            {
                continue;
            }
            let mut hidden = constraint
                .cells()
                .filter(|&c| status[c] != CellStatus::Shown);
            let (Some(only), None) = (hidden.next(), hidden.next()) else {
                continue;
            };
            if choose.beyond_help(only) {
                continue;
            }
            if let Some((_, next)) = choose.best_in(status, constraint) {
                status[next] = CellStatus::Secondary;
                changed = true;
            }
        }
    }
}

/// Picks complementary cells.
struct Chooser<'a> {
    grid: &'a Grid,
    /// For every cell, the relations (sums, then coverings) that mention it.
    relations: Vec<Vec<usize>>,
    /// The widest interval any suppression allows, where narrower than needed (see
    /// [`best_widths`]).
    best: Vec<Option<i64>>,
}

/// Orders candidates: non-zero parts, then zero parts, then totals; smaller values first.
type Rank = (u8, i64, usize);

impl<'a> Chooser<'a> {
    fn new(grid: &'a Grid, best: Vec<Option<i64>>) -> Self {
        Self {
            grid,
            relations: grid.relations_of_cells(),
            best,
        }
    }

    /// The widest interval any suppression allows the cell, where narrower than needed.
    fn best_width(&self, cell: usize) -> Option<i64> {
        self.best.get(cell).copied().flatten()
    }

    /// Whether a reader knows the cell exactly whatever is hidden.
    fn beyond_help(&self, cell: usize) -> bool {
        self.best_width(cell) == Some(0)
    }

    /// The best shown cell of one relation that may be hidden, with its rank.
    fn best_in(&self, status: &[CellStatus], constraint: &Constraint) -> Option<(Rank, usize)> {
        constraint
            .cells()
            .filter(|&c| {
                status[c] == CellStatus::Shown && may_hide(self.grid, c) && !self.beyond_help(c)
            })
            .map(|c| {
                let value = self.grid.value(c);
                let kind = if c == constraint.total {
                    2
                } else if value == 0 {
                    1
                } else {
                    0
                };
                ((kind, value, c), c)
            })
            .min()
    }

    /// The best complement for `cell`: in its own relations if any can be hidden, else in the
    /// relations of the hidden cells linked to it, nearest first.
    fn nearest(&self, status: &[CellStatus], cell: usize) -> Option<usize> {
        let mut seen_relation = vec![false; self.grid.relation_count()];
        let mut seen_cell = vec![false; status.len()];
        seen_cell[cell] = true;
        let mut frontier: Vec<usize> = Vec::new();
        for &r in &self.relations[cell] {
            seen_relation[r] = true;
            frontier.push(r);
        }
        while !frontier.is_empty() {
            let best = frontier
                .iter()
                .filter_map(|&r| self.grid.relation(r))
                .filter_map(|(_, relation)| self.best_in(status, relation))
                .min();
            if let Some((_, c)) = best {
                return Some(c);
            }
            let mut next = Vec::new();
            for (_, relation) in frontier.iter().filter_map(|&r| self.grid.relation(r)) {
                for c in relation.cells() {
                    if status[c] == CellStatus::Shown || seen_cell[c] {
                        continue;
                    }
                    seen_cell[c] = true;
                    for &r2 in &self.relations[c] {
                        if !seen_relation[r2] {
                            seen_relation[r2] = true;
                            next.push(r2);
                        }
                    }
                }
            }
            frontier = next;
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::derivable_cells;
    use crate::interval::Bound;

    fn shown(p: &Protection, grid: &Grid) -> Vec<String> {
        (0..grid.len())
            .map(|i| p.show(i, || grid.values()[i].to_string()))
            .collect()
    }

    #[test]
    fn a_small_count_and_its_smallest_complements_are_hidden() {
        // 2 is small; its row's smallest other cell (6) and its column's (7) are hidden,
        // then 6's column needs a partner and 7's row does: the 20 closes the rectangle.
        let (grid, at) = Grid::two_way(&[vec![2, 6, 30], vec![7, 20, 40], vec![9, 25, 50]]);
        let p = protect(&SuppressionRule::default(), &grid).unwrap();
        assert_eq!(p.status(at.interior[0][0]), CellStatus::Primary);
        for (r, c) in [(0, 1), (1, 0), (1, 1)] {
            assert_eq!(
                p.status(at.interior[r][c]),
                CellStatus::Secondary,
                "({r},{c})"
            );
        }
        assert_eq!(p.count(CellStatus::Secondary), 3);
        assert!(derivable_cells(&grid, &p.suppressed()).is_empty());
        let cells = shown(&p, &grid);
        assert_eq!(cells[at.grand_total], "189");
        assert_eq!(cells[at.interior[0][0]], SUPPRESSED);
        // A percentage of a hidden count is hidden too; of a shown one, shown.
        let pct = |c: usize| p.show_derived(&[c, at.grand_total], || "x%".into());
        assert_eq!(pct(at.interior[0][0]), SUPPRESSED);
        assert_eq!(pct(at.interior[2][2]), "x%");
    }

    #[test]
    fn zero_is_shown_and_large_counts_leave_the_table_alone() {
        let (grid, _) = Grid::two_way(&[vec![0, 6], vec![8, 0]]);
        let p = protect(&SuppressionRule::default(), &grid).unwrap();
        assert_eq!(
            p.count(CellStatus::Primary) + p.count(CellStatus::Secondary),
            0
        );
    }

    #[test]
    fn complements_are_the_smallest_non_zero_parts_before_zeros_and_totals() {
        let mut grid = Grid::new();
        let parts = [grid.cell(3), grid.cell(0), grid.cell(9), grid.cell(7)];
        let total = grid.total_of(&parts);
        let p = protect(&SuppressionRule::default(), &grid).unwrap();
        assert!(p.is_suppressed(parts[0]) && p.is_suppressed(parts[3]));
        assert!(!p.is_suppressed(parts[1]) && !p.is_suppressed(parts[2]));
        assert!(!p.is_suppressed(total));

        // A small count whose row is otherwise zeros is its own total: both are hidden.
        let mut grid = Grid::new();
        let parts = [grid.cell(3), grid.cell(0)];
        let total = grid.total_of(&parts);
        let p = protect(&SuppressionRule::default(), &grid).unwrap();
        assert!(p.is_suppressed(parts[0]) && p.is_suppressed(total) && !p.is_suppressed(parts[1]));
    }

    #[test]
    fn two_breakdowns_of_the_same_people_protect_each_other() {
        // engaged = new + existing (unpublished), and the age breakdown sums to engaged.
        let mut grid = Grid::new();
        let new = grid.cell(30);
        let existing = grid.cell(12);
        let engaged = grid.unpublished_total_of(&[new, existing]);
        let ages = [grid.cell(2), grid.cell(25), grid.cell(15)];
        grid.relate(engaged, &ages).unwrap();
        let p = protect(&SuppressionRule::default(), &grid).unwrap();
        assert!(p.is_suppressed(ages[0]));
        assert!(p.is_suppressed(ages[2]), "the smallest other age band");
        assert!(!p.is_suppressed(new) && !p.is_suppressed(existing));
        assert_eq!(p.status(engaged), CellStatus::Unpublished);
        let exposed: Vec<usize> = derivable_cells(&grid, &p.suppressed())
            .into_iter()
            .filter(|&c| c != engaged)
            .collect();
        assert!(exposed.is_empty());
    }

    #[test]
    fn five_hidden_ones_under_a_shown_five_get_their_total_hidden() {
        // Before: hiding the five 1s left no equation with a single unknown, so the old audit
        // passed it, but hidden cells are at least 1 and add to the shown 5: all exactly 1.
        let mut grid = Grid::new();
        let parts: Vec<usize> = (0..5).map(|_| grid.cell(1)).collect();
        let total = grid.total_of(&parts);
        let rule = SuppressionRule::default();
        let mut primaries = vec![false; grid.len()];
        for &c in &parts {
            primaries[c] = true;
        }
        assert!(derivable_cells(&grid, &primaries).is_empty());
        let before = crate::audit(&rule, &grid, &primaries).unwrap();
        assert_eq!(before.len(), 5);
        assert!(before.iter().all(|e| e.interval.is_exact()));

        let p = protect(&rule, &grid).unwrap();
        assert_eq!(p.status(total), CellStatus::Secondary);
        for i in crate::intervals(&grid, &p.suppressed()).unwrap() {
            assert!(i.is_at_least(i64::from(rule.protection_level())), "{i:?}");
        }
        assert!(crate::audit(&rule, &grid, &p.suppressed())
            .unwrap()
            .is_empty());
    }

    #[test]
    fn a_row_leaving_two_for_two_hidden_cells_hides_one_more() {
        // 31 − 21 − 8 − 0 = 2 over two hidden 1s: both exactly 1. Hiding the 8 as well leaves
        // three hidden cells adding to 10, each between 1 and 8.
        let mut grid = Grid::new();
        let parts = [
            grid.cell(21),
            grid.cell(8),
            grid.cell(0),
            grid.cell(1),
            grid.cell(1),
        ];
        let total = grid.total_of(&parts);
        let rule = SuppressionRule::default();
        let p = protect(&rule, &grid).unwrap();
        assert_eq!(p.status(parts[1]), CellStatus::Secondary);
        assert!(!p.is_suppressed(parts[0]) && !p.is_suppressed(parts[2]));
        assert!(!p.is_suppressed(total));
        let found = crate::intervals(&grid, &p.suppressed()).unwrap();
        assert!(found
            .iter()
            .all(|i| i.lower == 1 && i.upper == Bound::Finite(8)));
    }

    #[test]
    fn a_zero_is_never_hidden_where_zeros_are_shown() {
        // Threshold 6: 3 and 3 are hidden and add to 6, so each lies in 1..=5, narrower than
        // the level of 5. The only other cells are a zero and the total: the total is hidden,
        // since a hidden zero would break the table's promise that zeros are shown.
        let mut grid = Grid::new();
        let parts = [grid.cell(3), grid.cell(3), grid.cell(0)];
        let total = grid.total_of(&parts);
        let p = protect(&SuppressionRule::new(6).unwrap(), &grid).unwrap();
        assert!(p.is_suppressed(total) && !p.is_suppressed(parts[2]));

        // Where zeros may be hidden, a reader only knows hidden cells are at least 0: each 3
        // lies in 0..=6, wide enough, and nothing more is hidden.
        grid.set_zeros_shown(false);
        let p = protect(&SuppressionRule::new(6).unwrap(), &grid).unwrap();
        assert_eq!(p.count(CellStatus::Secondary), 0);
    }

    #[test]
    fn a_covering_that_pins_a_small_count_gets_a_complement() {
        // National cjs 25 counts each item once and is covered by the regions' cjs 3 and 22
        // (an item may be in both). Region A is 6 = cjs 3 + health 3. Hiding the two small
        // counts leaves cjs A at least 25 − 22 = 3 (covering) and at most 6 − 1 = 5 (sum):
        // 3..=5, narrower than the level of 4, though no equation isolates it.
        let mut grid = Grid::new();
        let (cjs_a, health_a, cjs_b) = (grid.cell(3), grid.cell(3), grid.cell(22));
        let region_a = grid.total_of(&[cjs_a, health_a]);
        let national = grid.cell(25);
        grid.covered_by(national, &[cjs_a, cjs_b]).unwrap();
        let rule = SuppressionRule::default();
        let mut primaries = vec![false; grid.len()];
        primaries[cjs_a] = true;
        primaries[health_a] = true;
        assert!(derivable_cells(&grid, &primaries).is_empty());
        let before = crate::audit(&rule, &grid, &primaries).unwrap();
        let pinned = before.iter().find(|e| e.interval.cell == cjs_a).unwrap();
        assert_eq!(
            (pinned.interval.lower, pinned.interval.upper),
            (3, Bound::Finite(5))
        );

        // The complement comes from the covering: its smallest other part.
        let p = protect(&rule, &grid).unwrap();
        assert_eq!(p.status(cjs_b), CellStatus::Secondary);
        assert!(!p.is_suppressed(region_a) && !p.is_suppressed(national));
        assert_eq!(p.count(CellStatus::Secondary), 1);
        for i in crate::intervals(&grid, &p.suppressed()).unwrap() {
            assert!(i.is_at_least(i64::from(rule.protection_level())), "{i:?}");
        }
        assert!(crate::audit(&rule, &grid, &p.suppressed())
            .unwrap()
            .is_empty());
    }

    #[test]
    fn a_cell_hidden_earlier_gets_a_new_complement_when_its_total_changes() {
        // Version 1: 29 = a 3 [c] + b 6 [c] + c 20. Version 2 corrects b to 7, so its total is
        // 30: new cells. Shown, they give a away (30 − 7 − 20), so the new 7 is hidden too.
        let mut grid = Grid::new();
        let (a, b, c) = (
            grid.fixed_hidden(3),
            grid.fixed_hidden(6),
            grid.fixed_shown(20),
        );
        let total_1 = grid.total_of(&[a, b, c]);
        grid.fix(total_1, Fixed::Shown).unwrap();
        let b_2 = grid.cell(7);
        let total_2 = grid.total_of(&[a, b_2, c]);
        let rule = SuppressionRule::default();
        // What version 2 hides adds to what version 1 did: hiding nothing new exposes a, and
        // then b (9 − a by version 1).
        let exposed = crate::audit(&rule, &grid, &vec![false; grid.len()]).unwrap();
        let cells: Vec<usize> = exposed.iter().map(|e| e.interval.cell).collect();
        assert_eq!(cells, vec![a, b]);
        assert!(exposed.iter().all(|e| e.interval.is_exact()));

        let p = protect(&rule, &grid).unwrap();
        assert_eq!(p.status(a), CellStatus::Primary);
        assert_eq!(p.status(b), CellStatus::Secondary);
        assert_eq!(p.status(b_2), CellStatus::Secondary);
        for shown in [c, total_1, total_2] {
            assert_eq!(p.status(shown), CellStatus::Shown);
        }
        assert!(crate::audit(&rule, &grid, &p.suppressed())
            .unwrap()
            .is_empty());
    }

    #[test]
    fn a_small_count_pinned_by_cells_shown_earlier_is_left_for_the_audit() {
        // Version 1 showed 24 people and 21 of them in group A; version 2 adds the rest, 3,
        // which nothing can protect: 24 − 21. It also adds 40 = those 3 + 37, where hiding the
        // 37 would protect nothing, so it stays shown; and a cell shown earlier stays shown.
        let mut grid = Grid::new();
        let (all, group_a) = (grid.fixed_shown(24), grid.fixed_shown(21));
        let rest = grid.cell(3);
        grid.relate(all, &[group_a, rest]).unwrap();
        let other = grid.cell(37);
        let total = grid.total_of(&[rest, other]);
        let rule = SuppressionRule::default();
        let p = protect(&rule, &grid).unwrap();
        assert_eq!(p.status(rest), CellStatus::Primary);
        assert_eq!(p.count(CellStatus::Secondary), 0);
        assert!(!p.is_suppressed(all) && !p.is_suppressed(group_a) && !p.is_suppressed(total));
        let exposed = crate::audit(&rule, &grid, &p.suppressed()).unwrap();
        assert_eq!(exposed.len(), 1);
        assert_eq!(exposed[0].interval.cell, rest);
        assert!(exposed[0].interval.is_exact());
        let refusal = crate::ensure_protected(&rule, &grid, &p.suppressed()).unwrap_err();
        assert!(refusal
            .to_string()
            .contains("cell 2 (hidden, but exactly 3)"));
        // Suppressing a cell shown earlier does not hide it from a reader.
        let mut hide_all = vec![true; grid.len()];
        hide_all[rest] = true;
        let exposed = crate::audit(&rule, &grid, &hide_all).unwrap();
        assert!(exposed.iter().any(|e| e.interval.cell == rest));
    }

    #[test]
    fn a_cell_that_cannot_be_protected_fully_is_kept_as_wide_as_possible() {
        // Version 1: 10 = x 1 [c] + a 3 [c] + b 6, so x + a = 4 and x is 1..=3 at best (the
        // level is 4). Version 2 adds 9 = a + b: shown, it gives a and then x away. Hiding it
        // keeps x to 1..=3, still narrow (the audit names it) but not exact.
        let mut grid = Grid::new();
        let (x, a, b) = (
            grid.fixed_hidden(1),
            grid.fixed_hidden(3),
            grid.fixed_shown(6),
        );
        let total_1 = grid.fixed_shown(10);
        grid.relate(total_1, &[x, a, b]).unwrap();
        let total_2 = grid.total_of(&[a, b]);
        let rule = SuppressionRule::default();
        let p = protect(&rule, &grid).unwrap();
        assert_eq!(p.status(total_2), CellStatus::Secondary);
        let exposed = crate::audit(&rule, &grid, &p.suppressed()).unwrap();
        let widths: Vec<(usize, Option<i64>)> = exposed
            .iter()
            .map(|e| (e.interval.cell, e.interval.width()))
            .collect();
        assert_eq!(widths, vec![(x, Some(2)), (a, Some(2))]);
    }

    #[test]
    fn negative_counts_are_refused() {
        let mut grid = Grid::new();
        grid.cell(-1);
        assert!(protect(&SuppressionRule::default(), &grid).is_err());
    }

    #[test]
    fn a_small_group_no_table_shows_is_protected_like_a_hidden_count() {
        // A category of 24 comments: 13 and 7 in its two subcategories, and 4 given no
        // subcategory, which no table shows. 24 − 13 − 7 = 4 tells it all the same: guarded,
        // it is protected like a hidden small count.
        let mut grid = Grid::new();
        let courts = grid.cell(13);
        let police = grid.cell(7);
        let rest = grid.cell(4);
        grid.guard(rest);
        let category = grid.total_of(&[courts, police, rest]);
        let rule = SuppressionRule::default();
        let none = vec![false; grid.len()];
        let exposed = crate::audit(&rule, &grid, &none).unwrap();
        assert_eq!(exposed.len(), 1, "{exposed:?}");
        assert_eq!(exposed[0].interval.cell, rest);
        let p = protect(&rule, &grid).unwrap();
        assert_eq!(p.status(rest), CellStatus::Unpublished);
        assert!([courts, police, category]
            .iter()
            .any(|&c| p.is_suppressed(c)));
        assert!(crate::audit(&rule, &grid, &p.suppressed())
            .unwrap()
            .is_empty());
        // Unguarded, it is only an unknown: nothing is hidden for it.
        let mut plain = Grid::new();
        let parts = [plain.cell(13), plain.cell(7), plain.cell(4)];
        plain.mark_unpublished(parts[2]);
        plain.total_of(&parts);
        assert_eq!(
            protect(&rule, &plain).unwrap().count(CellStatus::Secondary),
            0
        );
    }
}
