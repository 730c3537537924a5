//! Applying the rule: primary suppression of small counts, then secondary suppression of the
//! smallest complementary cells until the audit finds nothing derivable.

use crate::audit::derivable_cells;
use crate::error::DisclosureError;
use crate::grid::{Constraint, Grid};
use crate::rule::{SuppressionRule, SUPPRESSED};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellStatus {
    Shown,
    /// A small count.
    Primary,
    /// Hidden so that a small count cannot be worked out from a total.
    Secondary,
    /// Never published (a relation's hidden sum); a reader does not know it.
    Unpublished,
}

/// Which cells of a grid to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Protection {
    status: Vec<CellStatus>,
}

impl Protection {
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

/// Suppresses every small count, then the fewest, smallest further cells needed so that none can
/// be recovered from the grid's relations.
pub fn protect(rule: &SuppressionRule, grid: &Grid) -> Result<Protection, DisclosureError> {
    grid.check()?;
    let values = grid.values();
    let mut status: Vec<CellStatus> = values
        .iter()
        .enumerate()
        .map(|(i, v)| {
            if grid.is_unpublished(i) {
                CellStatus::Unpublished
            } else if rule.is_small(*v) {
                CellStatus::Primary
            } else {
                CellStatus::Shown
            }
        })
        .collect();
    if !status.contains(&CellStatus::Primary) {
        return Ok(Protection { status });
    }
    loop {
        protect_each_relation(grid, &mut status);
        let hidden: Vec<bool> = status.iter().map(|s| *s != CellStatus::Shown).collect();
        let exposed: Vec<usize> = derivable_cells(grid, &hidden)
            .into_iter()
            .filter(|&c| status[c] != CellStatus::Unpublished)
            .collect();
        if exposed.is_empty() {
            break;
        }
        // One complement per exposed cell whose relations gained none yet this round: far fewer
        // rounds on large tables than one cell at a time.
        let mut added: Vec<usize> = Vec::new();
        for &cell in &exposed {
            let touched = grid
                .constraints()
                .iter()
                .filter(|c| c.cells().any(|x| x == cell))
                .any(|c| c.cells().any(|x| added.contains(&x)));
            if touched {
                continue;
            }
            if let Some(next) = complement_for_any(grid, &status, &[cell]) {
                status[next] = CellStatus::Secondary;
                added.push(next);
            }
        }
        if added.is_empty() {
            break; // nothing left to hide: the structure itself fixes the value
        }
    }
    Ok(Protection { status })
}

/// Until no relation has exactly one hidden cell: hide one more in each that does. Relations
/// with an unpublished cell are left to the audit, which sees how they combine.
fn protect_each_relation(grid: &Grid, status: &mut [CellStatus]) {
    let mut changed = true;
    while changed {
        changed = false;
        for constraint in grid.constraints() {
            if constraint
                .cells()
                .any(|c| status[c] == CellStatus::Unpublished)
            {
                continue;
            }
            let hidden = constraint
                .cells()
                .filter(|&c| status[c] != CellStatus::Shown)
                .count();
            if hidden == 1 {
                if let Some(next) = smallest_shown(grid, status, constraint) {
                    status[next] = CellStatus::Secondary;
                    changed = true;
                }
            }
        }
    }
}

/// The best complementary cell in any relation that holds an exposed cell.
fn complement_for_any(grid: &Grid, status: &[CellStatus], exposed: &[usize]) -> Option<usize> {
    let touching = |c: &&Constraint| exposed.iter().any(|e| c.cells().any(|x| x == *e));
    grid.constraints()
        .iter()
        .filter(touching)
        .chain(grid.constraints().iter())
        .find_map(|c| smallest_shown(grid, status, c))
}

/// In one relation: the smallest non-zero part, then a zero part, then the total.
fn smallest_shown(grid: &Grid, status: &[CellStatus], constraint: &Constraint) -> Option<usize> {
    let values = grid.values();
    constraint
        .cells()
        .filter(|&c| status[c] == CellStatus::Shown)
        .min_by_key(|&c| (c == constraint.total, values[c] == 0, values[c], c))
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn negative_counts_are_refused() {
        let mut grid = Grid::new();
        grid.cell(-1);
        assert!(protect(&SuppressionRule::default(), &grid).is_err());
    }
}
