//! Tables of magnitudes (amounts of money): the dominance rule that makes a cell sensitive,
//! secondary suppression until no sensitive amount can be narrowed to within a relative
//! protection level of its value, and the audit that checks it.
//!
//! A count of people is small or not; an amount is sensitive when one contributor (a grant, a
//! funded service) makes up most of it, since publishing it publishes that contributor's figure
//! under the cell's name. A hidden amount is protected when everything published beside it
//! (the sums and coverings of the [`Grid`], the shown cells, amounts being at least 0) still
//! leaves it anywhere from `value × (1 − level)` to `value × (1 + level)`. Intervals are solved
//! over the linear relaxation ([`crate::lp`]): a reader gains less than a penny from amounts
//! being whole.

use crate::components::components;
use crate::error::DisclosureError;
use crate::grid::{Fixed, Grid, Kind};
use crate::lp::Programme;
use crate::protect::{CellStatus, Protection};
use std::collections::HashSet;
use std::fmt;

/// The `(n, k%)` dominance rule: a cell is sensitive when its `n` largest contributions make up
/// more than `k`% of it, or when it has `n` contributors or fewer (a cell of one grant is that
/// grant, whatever its size).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DominanceRule {
    contributors: usize,
    percent: u32,
}

impl DominanceRule {
    /// `n` largest contributors, more than `percent`% of the cell.
    pub fn new(contributors: usize, percent: u32) -> Result<Self, DisclosureError> {
        if contributors == 0 || !(1..=100).contains(&percent) {
            return Err(DisclosureError::BadMagnitudeRule(format!(
                "a dominance rule needs at least one contributor and a percentage from 1 to 100, not ({contributors}, {percent}%)"
            )));
        }
        Ok(Self {
            contributors,
            percent,
        })
    }

    pub fn contributors(&self) -> usize {
        self.contributors
    }

    pub fn percent(&self) -> u32 {
        self.percent
    }

    /// Whether a cell made of these contributions (each contributor's whole part of the cell,
    /// not negative) is sensitive. A cell with no contributor (nothing in it) is not.
    pub fn is_sensitive(&self, contributions: &[i64]) -> bool {
        if contributions.is_empty() {
            return false;
        }
        if contributions.len() <= self.contributors {
            return true;
        }
        let mut sorted: Vec<i128> = contributions.iter().map(|&c| i128::from(c)).collect();
        sorted.sort_unstable_by(|a, b| b.cmp(a));
        let total: i128 = sorted.iter().sum();
        let largest: i128 = sorted.iter().take(self.contributors).sum();
        largest * 100 > i128::from(self.percent) * total
    }
}

impl Default for DominanceRule {
    /// `(1, 85%)`: one contributor making up more than 85% of the cell.
    fn default() -> Self {
        Self {
            contributors: 1,
            percent: 85,
        }
    }
}

impl fmt::Display for DominanceRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "({}, {}%) dominance", self.contributors, self.percent)
    }
}

/// A sensitive amount a suppression pattern leaves exposed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MagnitudeExposure {
    pub cell: usize,
    pub value: i64,
    /// The smallest and largest value a reader can work out (`None`: nothing caps it).
    pub lower: f64,
    pub upper: Option<f64>,
    /// A sensitive amount published as a number rather than hidden.
    pub shown: bool,
}

impl fmt::Display for MagnitudeExposure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.shown {
            return write!(f, "cell {} (sensitive, shown)", self.cell);
        }
        match self.upper {
            Some(u) => write!(
                f,
                "cell {} (hidden, but between {:.0} and {u:.0})",
                self.cell, self.lower
            ),
            None => write!(
                f,
                "cell {} (hidden, but at least {:.0})",
                self.cell, self.lower
            ),
        }
    }
}

/// Hides every `sensitive` cell, then the fewest further cells it can find, nearest first,
/// until a reader can narrow no hidden sensitive amount to within `relative_level` of its
/// value (0.1: not to within ±10%): each one's interval must reach `value × (1 − level)` and
/// `value × (1 + level)`.
///
/// The reader knows every relation and shown cell and that amounts are at least 0 (whether or
/// not the grid shows zeros: at least a penny narrows nothing). A zero is never chosen as a
/// complement: the tables show zeros, and a hidden zero cannot give a cell room above its
/// value. Each round, every sensitive amount still short gets one complement, unless a relation
/// it is in already gained one this round: from its own relations if any cell there may be
/// hidden, else from those of the hidden cells linked to it, nearest first. Among the cells of
/// those relations, cells a sum would pin down (the only unknown left in it) come last, parts
/// before totals, and among them the smallest amount at least `value × level` (enough room on
/// its own), else the largest. Complements a reader can still work out by subtraction at the
/// end are shown again: hiding them protects nothing. Cells an earlier publication
/// fixed keep their status and are never complements. Stops when every sensitive amount is
/// protected or nothing linked is left to hide; [`audit_magnitudes`] then names what is still
/// exposed.
pub fn protect_magnitudes(
    grid: &Grid,
    sensitive: &[bool],
    relative_level: f64,
) -> Result<Protection, DisclosureError> {
    check_level(relative_level)?;
    grid.check()?;
    let mut grid = grid.clone();
    grid.set_zeros_shown(false);
    let is_sensitive = |c: usize| sensitive.get(c).copied().unwrap_or(false);
    let mut status: Vec<CellStatus> = (0..grid.len())
        .map(|c| match grid.fixed(c) {
            Some(Fixed::Shown) => CellStatus::Shown,
            Some(Fixed::Hidden) if is_sensitive(c) => CellStatus::Primary,
            Some(Fixed::Hidden) => CellStatus::Secondary,
            None if grid.is_unpublished(c) => CellStatus::Unpublished,
            None if is_sensitive(c) => CellStatus::Primary,
            None => CellStatus::Shown,
        })
        .collect();
    let relations = grid.relations_of_cells();
    let mut safe = Safe::default();
    loop {
        let short = shortfalls(&grid, &status, sensitive, relative_level, &mut safe)?;
        if short.is_empty() {
            break;
        }
        let mut touched = vec![false; grid.relation_count()];
        let mut added = false;
        for exposure in &short {
            let cell = exposure.cell;
            if relations[cell].iter().any(|&r| touched[r]) {
                continue;
            }
            let room = exposure.value as f64 * relative_level;
            if let Some(next) = complement(&grid, &relations, &status, cell, room) {
                status[next] = CellStatus::Secondary;
                for &r in relations[next].iter().chain(&relations[cell]) {
                    touched[r] = true;
                }
                added = true;
            }
        }
        if !added {
            break; // nothing linked is left to hide
        }
    }
    show_what_is_known(&grid, &mut status);
    show_what_the_relations_pin(&grid, &mut status)?;
    Ok(Protection::from_statuses(status))
}

/// Shows again every complement the relations pin to one value however they are combined (not
/// only by one subtraction): a region that is exactly one published area's services, say, once
/// another area in it shows none. It protects nothing and a reader works it out, so it is shown;
/// showing a value a reader knows changes no interval. A point pushing every complement up and
/// one pushing every complement down rule most out at once; the rest are solved one by one.
fn show_what_the_relations_pin(
    grid: &Grid,
    status: &mut [CellStatus],
) -> Result<(), DisclosureError> {
    let unknown: Vec<bool> = status.iter().map(|s| *s != CellStatus::Shown).collect();
    let mut known = Vec::new();
    for part in components(grid, &unknown) {
        let complements: Vec<(usize, usize)> = part
            .cells
            .iter()
            .enumerate()
            .filter(|(_, &c)| status[c] == CellStatus::Secondary && grid.fixed(c).is_none())
            .map(|(k, &c)| (k, c))
            .collect();
        if complements.is_empty() {
            continue;
        }
        let programme = Programme::for_amounts(grid, &part);
        let cap = caps(&programme);
        let weights: Vec<(usize, f64)> = complements
            .iter()
            .map(|&(k, c)| (k, 1.0 / (grid.value(c).max(1) as f64)))
            .collect();
        let high = programme.relaxed_point(&weights, &cap, true)?;
        let low = programme.relaxed_point(&weights, &cap, false)?;
        for &(k, cell) in &complements {
            let at = |point: &Option<Vec<f64>>| point.as_ref().and_then(|p| p.get(k).copied());
            if let (Some(h), Some(l)) = (at(&high), at(&low)) {
                if h - l > 0.5 {
                    continue; // two values a reader cannot rule out
                }
            }
            let upper = programme.relaxed_extreme(k, true)?;
            let lower = programme.relaxed_extreme(k, false)?;
            if let (Some(u), Some(l)) = (upper, lower) {
                if u - l < 0.5 {
                    known.push(cell);
                }
            }
        }
    }
    for cell in known {
        status[cell] = CellStatus::Shown;
    }
    Ok(())
}

/// Shows again every complement a reader can work out exactly by one subtraction: the only
/// unknown left in a sum (a complement chosen before the cells that pinned it were shown to
/// be needed elsewhere). Showing it tells a reader nothing new, so every interval stays as it
/// was; repeated, since a cell shown may leave another alone in its sums.
fn show_what_is_known(grid: &Grid, status: &mut [CellStatus]) {
    let mut changed = true;
    while changed {
        changed = false;
        for relation in grid.constraints() {
            let mut hidden = relation.cells().filter(|&c| status[c] != CellStatus::Shown);
            if let (Some(only), None) = (hidden.next(), hidden.next()) {
                if status[only] == CellStatus::Secondary && grid.fixed(only).is_none() {
                    status[only] = CellStatus::Shown;
                    changed = true;
                }
            }
        }
    }
}

/// Whether hiding `cell` would leave it the only unknown of a sum, so a reader works it out
/// by subtraction and it protects nothing.
fn pinned(grid: &Grid, relations: &[Vec<usize>], status: &[CellStatus], cell: usize) -> bool {
    relations[cell].iter().any(|&r| {
        matches!(grid.relation(r), Some((Kind::Sum, relation))
            if relation.cells().all(|c| c == cell || status[c] == CellStatus::Shown))
    })
}

/// The sensitive cells a suppression pattern exposes, in cell order: shown ones, and hidden
/// ones a reader can narrow to within `relative_level` of their value (see
/// [`protect_magnitudes`]). Cells an earlier publication fixed count as it published them.
pub fn audit_magnitudes(
    grid: &Grid,
    sensitive: &[bool],
    suppressed: &[bool],
    relative_level: f64,
) -> Result<Vec<MagnitudeExposure>, DisclosureError> {
    check_level(relative_level)?;
    grid.check()?;
    let mut grid = grid.clone();
    grid.set_zeros_shown(false);
    let is_sensitive = |c: usize| sensitive.get(c).copied().unwrap_or(false);
    let status: Vec<CellStatus> = (0..grid.len())
        .map(|c| {
            let hidden = match grid.fixed(c) {
                Some(Fixed::Shown) => false,
                Some(Fixed::Hidden) => true,
                None => suppressed.get(c).copied().unwrap_or(false),
            };
            match (hidden, is_sensitive(c), grid.is_unpublished(c)) {
                (_, _, true) if grid.fixed(c).is_none() => CellStatus::Unpublished,
                (true, true, _) => CellStatus::Primary,
                (true, false, _) => CellStatus::Secondary,
                (false, _, _) => CellStatus::Shown,
            }
        })
        .collect();
    let mut out: Vec<MagnitudeExposure> = (0..grid.len())
        .filter(|&c| is_sensitive(c) && status[c] == CellStatus::Shown)
        .map(|cell| {
            let value = grid.value(cell);
            MagnitudeExposure {
                cell,
                value,
                lower: value as f64,
                upper: Some(value as f64),
                shown: true,
            }
        })
        .collect();
    out.extend(shortfalls(
        &grid,
        &status,
        sensitive,
        relative_level,
        &mut Safe::default(),
    )?);
    out.sort_by_key(|e| e.cell);
    Ok(out)
}

/// [`audit_magnitudes`], as a refusal naming every exposed cell.
pub fn ensure_magnitudes_protected(
    grid: &Grid,
    sensitive: &[bool],
    suppressed: &[bool],
    relative_level: f64,
) -> Result<(), DisclosureError> {
    let exposed = audit_magnitudes(grid, sensitive, suppressed, relative_level)?;
    if exposed.is_empty() {
        return Ok(());
    }
    Err(DisclosureError::Exposed {
        count: exposed.len(),
        level: (relative_level * 100.0).round() as u32,
        cells: exposed
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("; "),
    })
}

fn check_level(level: f64) -> Result<(), DisclosureError> {
    if level.is_finite() && level > 0.0 && level <= 1.0 {
        Ok(())
    } else {
        Err(DisclosureError::BadMagnitudeRule(format!(
            "a relative protection level is a fraction above 0 and at most 1, not {level}"
        )))
    }
}

/// What a protection run has found safe: groups of unknowns, and sensitive cells whose interval
/// reaches far enough up or down.
#[derive(Debug, Default)]
struct Safe {
    groups: HashSet<Vec<usize>>,
    up: HashSet<usize>,
    down: HashSet<usize>,
}

/// The hidden sensitive cells ([`CellStatus::Primary`], and unpublished cells marked
/// sensitive: one contributor's amount that only differences would reveal) whose interval does
/// not reach `value × (1 ± level)`, in cell order. What was found safe is remembered in `safe`:
/// hiding more cells only widens intervals, so it stays safe while suppression grows.
fn shortfalls(
    grid: &Grid,
    status: &[CellStatus],
    sensitive: &[bool],
    level: f64,
    safe: &mut Safe,
) -> Result<Vec<MagnitudeExposure>, DisclosureError> {
    let unknown: Vec<bool> = status.iter().map(|s| *s != CellStatus::Shown).collect();
    let mut out = Vec::new();
    for part in components(grid, &unknown) {
        let primaries: Vec<(usize, usize)> = part
            .cells
            .iter()
            .enumerate()
            .filter(|(_, &c)| match status[c] {
                CellStatus::Primary => true,
                CellStatus::Unpublished => sensitive.get(c).copied().unwrap_or(false),
                _ => false,
            })
            .map(|(k, &c)| (k, c))
            .collect();
        if primaries.is_empty() || safe.groups.contains(&part.cells) {
            continue;
        }
        let programme = Programme::for_amounts(grid, &part);
        let before = out.len();
        prove_in_batches(grid, &programme, &primaries, level, safe)?;
        for (k, cell) in primaries {
            let value = grid.value(cell);
            let v = value as f64;
            let slack = 1e-9 * v.abs().max(1.0) + 1e-6;
            // A zero has room either way: amounts are at least 0.
            let (mut upper, mut lower) = (None, 0.0);
            let reaches_up = value == 0 || safe.up.contains(&cell) || {
                upper = programme.relaxed_extreme(k, true)?;
                upper.is_none_or(|u| u + slack >= v * (1.0 + level))
            };
            let reaches_down = value == 0 || safe.down.contains(&cell) || {
                lower = programme.relaxed_extreme(k, false)?.unwrap_or(0.0);
                lower - slack <= v * (1.0 - level)
            };
            if reaches_up {
                safe.up.insert(cell);
            }
            if reaches_down {
                safe.down.insert(cell);
            }
            if !(reaches_up && reaches_down) {
                out.push(MagnitudeExposure {
                    cell,
                    value,
                    lower,
                    upper,
                    shown: false,
                });
            }
        }
        if out.len() == before {
            safe.groups.insert(part.cells);
        }
    }
    out.sort_by_key(|e| e.cell);
    Ok(out)
}

/// Proves as many sensitive cells safe as it can with few programmes: a point pushing every
/// unproven cell up at once (each weighted by its value) proves every cell it takes past
/// `value × (1 + level)`; repeated with the cells still unproven while each point proves some,
/// then the same downwards. What is left is solved cell by cell.
fn prove_in_batches(
    grid: &Grid,
    programme: &Programme,
    primaries: &[(usize, usize)],
    level: f64,
    safe: &mut Safe,
) -> Result<(), DisclosureError> {
    let cap = caps(programme);
    for maximise in [true, false] {
        let proven = |safe: &Safe, cell: usize| {
            if maximise {
                safe.up.contains(&cell)
            } else {
                safe.down.contains(&cell)
            }
        };
        let open: Vec<(usize, usize)> = primaries
            .iter()
            .copied()
            .filter(|&(_, c)| grid.value(c) > 0 && !proven(safe, c))
            .collect();
        let mut open = open;
        while open.len() > 1 {
            let weights: Vec<(usize, f64)> = open
                .iter()
                .map(|&(k, c)| (k, 1.0 / grid.value(c) as f64))
                .collect();
            let Some(point) = programme.relaxed_point(&weights, &cap, maximise)? else {
                break;
            };
            let before = open.len();
            open.retain(|&(k, cell)| {
                let v = grid.value(cell) as f64;
                let slack = 1e-9 * v.abs().max(1.0) + 1e-6;
                let x = point.get(k).copied().unwrap_or(v);
                let reached = if maximise {
                    x + slack >= v * (1.0 + level)
                } else {
                    x - slack <= v * (1.0 - level)
                };
                if reached {
                    if maximise {
                        safe.up.insert(cell);
                    } else {
                        safe.down.insert(cell);
                    }
                }
                !reached
            });
            if open.len() == before {
                break;
            }
        }
    }
    Ok(())
}

/// Bounds for a weighted point: no unknown beyond four times all the amounts together, so a
/// point pushing many cells at once stays finite where a cell alone is unbounded.
fn caps(programme: &Programme) -> Vec<f64> {
    let big: f64 = programme
        .truth()
        .iter()
        .map(|&v| v.max(0) as f64)
        .sum::<f64>()
        * 4.0
        + 1.0;
    vec![big; programme.cells().len()]
}

/// Orders candidates: cells a sum would not pin down first; then parts before totals; among
/// them, amounts with `room` enough (smallest first) before those without (largest first);
/// then by cell.
type Rank = (bool, bool, bool, i64, usize);

/// The best complement for `cell`: in its own relations if any cell there may be hidden, else
/// in the relations of the hidden cells linked to it, nearest first.
fn complement(
    grid: &Grid,
    relations: &[Vec<usize>],
    status: &[CellStatus],
    cell: usize,
    room: f64,
) -> Option<usize> {
    let mut seen_relation = vec![false; grid.relation_count()];
    let mut seen_cell = vec![false; status.len()];
    seen_cell[cell] = true;
    let mut frontier: Vec<usize> = relations[cell].clone();
    for &r in &frontier {
        seen_relation[r] = true;
    }
    while !frontier.is_empty() {
        let best: Option<(Rank, usize)> = frontier
            .iter()
            .filter_map(|&r| grid.relation(r))
            .flat_map(|(_, relation)| {
                relation
                    .cells()
                    .filter(|&c| {
                        status[c] == CellStatus::Shown
                            && grid.fixed(c).is_none()
                            && grid.value(c) > 0
                    })
                    .map(move |c| {
                        let value = grid.value(c);
                        let short = (value as f64) < room;
                        let order = if short { -value } else { value };
                        let useless = pinned(grid, relations, status, c);
                        ((useless, c == relation.total, short, order, c), c)
                    })
            })
            .min();
        if let Some((_, c)) = best {
            return Some(c);
        }
        let mut next = Vec::new();
        for (_, relation) in frontier.iter().filter_map(|&r| grid.relation(r)) {
            for c in relation.cells() {
                if status[c] == CellStatus::Shown || seen_cell[c] {
                    continue;
                }
                seen_cell[c] = true;
                for &r2 in &relations[c] {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn flags(grid: &Grid, cells: &[usize]) -> Vec<bool> {
        let mut out = vec![false; grid.len()];
        for &c in cells {
            out[c] = true;
        }
        out
    }

    #[test]
    fn one_contributor_over_85_percent_makes_a_cell_sensitive() {
        let rule = DominanceRule::default();
        assert!(rule.is_sensitive(&[4_500_000]), "a single grant");
        assert!(
            rule.is_sensitive(&[0]),
            "a single grant of nothing is still that grant"
        );
        assert!(rule.is_sensitive(&[86, 14]));
        assert!(
            !rule.is_sensitive(&[85, 15]),
            "exactly 85% is not more than 85%"
        );
        assert!(!rule.is_sensitive(&[50, 30, 20]));
        assert!(!rule.is_sensitive(&[]), "an empty cell has no contributor");
        assert!(DominanceRule::new(2, 90)
            .unwrap()
            .is_sensitive(&[60, 31, 9]));
        assert!(!DominanceRule::new(2, 90)
            .unwrap()
            .is_sensitive(&[60, 30, 10]));
        assert!(DominanceRule::new(0, 85).is_err());
        assert!(DominanceRule::new(1, 0).is_err());
        assert_eq!(rule.to_string(), "(1, 85%) dominance");
    }

    #[test]
    fn the_smallest_complement_with_room_enough_is_hidden() {
        // 90,000 is sensitive; ±10% needs a partner of at least 9,000 in its row: not the
        // 5,000 (too small to give it room), but the 20,000, smaller than the 40,000.
        let mut grid = Grid::new();
        let parts = [
            grid.cell(90_000),
            grid.cell(5_000),
            grid.cell(20_000),
            grid.cell(40_000),
        ];
        let total = grid.total_of(&parts);
        let sensitive = flags(&grid, &parts[..1]);
        let p = protect_magnitudes(&grid, &sensitive, 0.1).unwrap();
        assert_eq!(p.status(parts[0]), CellStatus::Primary);
        assert_eq!(p.status(parts[2]), CellStatus::Secondary);
        for shown in [parts[1], parts[3], total] {
            assert!(!p.is_suppressed(shown), "cell {shown}");
        }
        assert!(audit_magnitudes(&grid, &sensitive, &p.suppressed(), 0.1)
            .unwrap()
            .is_empty());
    }

    #[test]
    fn small_complements_are_added_until_the_interval_is_wide_enough() {
        // 100,000 beside 3,000 and 4,000: hiding the 4,000 leaves it from 0 to 104,000, and the
        // 3,000 as well at most 107,000, both within 10%; only hiding the total frees it.
        let mut grid = Grid::new();
        let parts = [grid.cell(100_000), grid.cell(3_000), grid.cell(4_000)];
        let total = grid.total_of(&parts);
        let sensitive = flags(&grid, &parts[..1]);
        let only_the_four = flags(&grid, &[parts[0], parts[2]]);
        let exposed = audit_magnitudes(&grid, &sensitive, &only_the_four, 0.1).unwrap();
        assert_eq!(exposed.len(), 1);
        assert_eq!(exposed[0].upper, Some(104_000.0));
        assert_eq!(
            exposed[0].to_string(),
            "cell 0 (hidden, but between 0 and 104000)"
        );
        let p = protect_magnitudes(&grid, &sensitive, 0.1).unwrap();
        assert!(p.is_suppressed(total) && p.is_suppressed(parts[1]) && p.is_suppressed(parts[2]));
        assert!(audit_magnitudes(&grid, &sensitive, &p.suppressed(), 0.1)
            .unwrap()
            .is_empty());
        // At ±3% the 3,000 alone gives room enough (up to 103,000), and is the smaller.
        let p = protect_magnitudes(&grid, &sensitive, 0.03).unwrap();
        assert!(p.is_suppressed(parts[1]) && !p.is_suppressed(parts[2]));
        assert!(!p.is_suppressed(total));
    }

    #[test]
    fn zeros_are_never_complements_and_amounts_may_be_zero() {
        // The sensitive 50,000's only partner in its row is a zero: the total is hidden instead.
        let mut grid = Grid::new();
        let parts = [grid.cell(50_000), grid.cell(0)];
        let total = grid.total_of(&parts);
        let sensitive = flags(&grid, &parts[..1]);
        let p = protect_magnitudes(&grid, &sensitive, 0.1).unwrap();
        assert!(p.is_suppressed(total) && !p.is_suppressed(parts[1]));
        // Hidden amounts may be 0 to a reader: with the total shown and a hidden partner, a
        // sensitive cell ranges from 0 to the total.
        let mut grid = Grid::new();
        let parts = [grid.cell(50_000), grid.cell(45_000)];
        grid.total_of(&parts);
        let hidden = flags(&grid, &parts);
        let exposed = audit_magnitudes(&grid, &flags(&grid, &parts[..1]), &hidden, 0.1).unwrap();
        assert!(exposed.is_empty());
    }

    #[test]
    fn a_shown_sensitive_amount_is_named_and_the_refusal_says_so() {
        let mut grid = Grid::new();
        let parts = [grid.cell(10_000), grid.cell(20_000)];
        grid.total_of(&parts);
        let sensitive = flags(&grid, &parts[..1]);
        let none = vec![false; grid.len()];
        let exposed = audit_magnitudes(&grid, &sensitive, &none, 0.1).unwrap();
        assert!(exposed.len() == 1 && exposed[0].shown);
        let refusal = ensure_magnitudes_protected(&grid, &sensitive, &none, 0.1).unwrap_err();
        assert!(refusal.to_string().contains("cell 0 (sensitive, shown)"));
        assert!(protect_magnitudes(&grid, &sensitive, 0.0).is_err());
        assert!(protect_magnitudes(&grid, &sensitive, f64::NAN).is_err());
    }

    #[test]
    fn a_covering_is_protected_too() {
        // The national amount is covered by its regions (a grant counts in each region its
        // service works in): each region at most the national figure, together at least it.
        // Region A's 30,000 is sensitive; with the national 31,000 and region B's 2,000 shown,
        // A lies from 29,000 to 31,000. Hiding B too leaves A at most 31,000, short of 33,000:
        // the national figure is hidden as well.
        let mut grid = Grid::new();
        let national = grid.cell(31_000);
        let regions = [grid.cell(30_000), grid.cell(2_000)];
        grid.covered_by(national, &regions).unwrap();
        let sensitive = flags(&grid, &regions[..1]);
        let p = protect_magnitudes(&grid, &sensitive, 0.1).unwrap();
        assert!(p.is_suppressed(national) && p.is_suppressed(regions[1]));
        assert!(audit_magnitudes(&grid, &sensitive, &p.suppressed(), 0.1)
            .unwrap()
            .is_empty());
    }

    #[test]
    fn one_contributors_amount_no_table_shows_is_protected_from_differences() {
        // Three services: s1 works in areas A and B, s2 in A only, s3 in B only. Every cell has
        // two contributors, none dominant, yet A + B − region = s1, one organisation's grant:
        // the unpublished atoms are sensitive, so a cell is hidden until s1 has room.
        let mut grid = Grid::new();
        let atoms = [grid.cell(40_000), grid.cell(35_000), grid.cell(30_000)];
        for &atom in &atoms {
            grid.mark_unpublished(atom);
        }
        let area_a = grid.cell(75_000);
        grid.relate(area_a, &[atoms[0], atoms[1]]).unwrap();
        let area_b = grid.cell(70_000);
        grid.relate(area_b, &[atoms[0], atoms[2]]).unwrap();
        let region = grid.cell(105_000);
        grid.relate(region, &atoms).unwrap();
        let sensitive = flags(&grid, &atoms);
        let none = vec![false; grid.len()];
        let exposed = audit_magnitudes(&grid, &sensitive, &none, 0.1).unwrap();
        assert!(
            exposed.iter().any(|e| e.cell == atoms[0]),
            "s1 is exact: {exposed:?}"
        );
        let p = protect_magnitudes(&grid, &sensitive, 0.1).unwrap();
        assert!([area_a, area_b, region].iter().any(|&c| p.is_suppressed(c)));
        assert!(audit_magnitudes(&grid, &sensitive, &p.suppressed(), 0.1)
            .unwrap()
            .is_empty());
    }
}
