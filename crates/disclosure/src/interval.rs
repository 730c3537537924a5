//! Protection intervals: for each hidden cell, the smallest and largest whole value consistent
//! with everything published (the sums and coverings, the shown cells, hidden cells at least 1 where zero
//! is shown, unpublished cells at least 0), found by linear programming one group of linked
//! unknowns at a time.

use crate::components::{components, Component};
use crate::error::DisclosureError;
use crate::grid::{Fixed, Grid};
use crate::lp::{Extreme, Programme};
use std::collections::HashSet;
use std::fmt;

/// The upper end of an [`Interval`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    Finite(i64),
    /// Nothing published caps the cell.
    Unbounded,
}

/// What a reader can work out about one hidden cell: it lies in `lower..=upper`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Interval {
    pub cell: usize,
    pub lower: i64,
    pub upper: Bound,
}

impl Interval {
    /// `upper − lower`, or `None` when there is no upper end.
    pub fn width(&self) -> Option<i64> {
        match self.upper {
            Bound::Finite(u) => Some(u - self.lower),
            Bound::Unbounded => None,
        }
    }

    /// Whether the reader knows the value exactly.
    pub fn is_exact(&self) -> bool {
        self.width() == Some(0)
    }

    /// Whether the interval is at least `width` wide (an unbounded one always is).
    pub fn is_at_least(&self, width: i64) -> bool {
        self.width().is_none_or(|w| w >= width)
    }

    pub fn contains(&self, value: i64) -> bool {
        value >= self.lower
            && match self.upper {
                Bound::Finite(u) => value <= u,
                Bound::Unbounded => true,
            }
    }
}

impl fmt::Display for Interval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.upper {
            Bound::Finite(u) if u == self.lower => write!(f, "exactly {u}"),
            Bound::Finite(u) => write!(f, "{}..={u}", self.lower),
            Bound::Unbounded => write!(f, "{} or more", self.lower),
        }
    }
}

/// The exact interval of every published suppressed cell (`suppressed[cell]`, not
/// unpublished), in cell order. Unpublished cells are unknowns to the reader whether or not
/// `suppressed` marks them; so are cells an earlier publication hid ([`Fixed::Hidden`]), while
/// cells it showed ([`Fixed::Shown`]) are known whatever `suppressed` says.
pub fn intervals(grid: &Grid, suppressed: &[bool]) -> Result<Vec<Interval>, DisclosureError> {
    grid.check()?;
    let unknown = unknowns(grid, suppressed);
    let mut out = Vec::new();
    for part in components(grid, &unknown) {
        let programme = Programme::new(grid, &part);
        for (k, &cell) in part.cells.iter().enumerate() {
            if !grid.is_unpublished(cell) {
                out.push(exact(&programme, k, cell, &mut |_| {})?);
            }
        }
    }
    out.sort_by_key(|i| i.cell);
    Ok(out)
}

/// The reader's unknowns: cells an earlier publication hid, unpublished cells, and the
/// suppressed ones, except cells an earlier publication showed.
pub(crate) fn unknowns(grid: &Grid, suppressed: &[bool]) -> Vec<bool> {
    (0..grid.len())
        .map(|c| match grid.fixed(c) {
            Some(Fixed::Hidden) => true,
            Some(Fixed::Shown) => false,
            None => grid.is_unpublished(c) || suppressed.get(c).copied().unwrap_or(false),
        })
        .collect()
}

/// Finds the hidden cells whose intervals are narrower than they must be. Remembers groups
/// already found safe, so repeated checks while suppression grows only solve what changed.
#[derive(Debug, Default)]
pub(crate) struct Checker {
    safe: HashSet<Vec<usize>>,
}

impl Checker {
    /// The exact intervals of the unknown cells narrower than `required(cell)` (`None`: no
    /// requirement, as for unpublished cells), in cell order.
    ///
    /// Each group's true values are a whole-number solution; every whole-number solution the
    /// solver meets widens the range a cell is already known to span, so most cells are proven
    /// safe by a few pushes in mixed directions and only the rest get their own two solves.
    pub fn shortfalls(
        &mut self,
        grid: &Grid,
        unknown: &[bool],
        required: &dyn Fn(usize) -> Option<i64>,
    ) -> Result<Vec<Interval>, DisclosureError> {
        let mut out = Vec::new();
        for part in components(grid, unknown) {
            if self.safe.contains(&part.cells) {
                continue;
            }
            let found = shortfalls_in(grid, &part, required)?;
            if found.is_empty() {
                self.safe.insert(part.cells);
            } else {
                out.extend(found);
            }
        }
        out.sort_by_key(|i| i.cell);
        Ok(out)
    }
}

fn shortfalls_in(
    grid: &Grid,
    part: &Component,
    required: &dyn Fn(usize) -> Option<i64>,
) -> Result<Vec<Interval>, DisclosureError> {
    let programme = Programme::new(grid, part);
    let need: Vec<Option<i64>> = part.cells.iter().map(|&c| required(c)).collect();
    let mut low = programme.truth().to_vec();
    let mut high = low.clone();
    let absorb = |point: &[i64], low: &mut Vec<i64>, high: &mut Vec<i64>| {
        for ((l, h), &x) in low.iter_mut().zip(high.iter_mut()).zip(point) {
            *l = (*l).min(x);
            *h = (*h).max(x);
        }
    };
    let pending = |low: &[i64], high: &[i64]| -> Vec<usize> {
        (0..need.len())
            .filter(|&k| need[k].is_some_and(|w| high[k] - low[k] < w))
            .collect()
    };
    let widest = need.iter().flatten().copied().max().unwrap_or(1).max(1);
    let cap: Vec<f64> = programme
        .truth()
        .iter()
        .map(|&t| (t + 4 * widest + 4) as f64)
        .collect();
    for pattern in 0..2u32 {
        let open = pending(&low, &high);
        if open.is_empty() {
            return Ok(Vec::new());
        }
        let weights: Vec<(usize, f64)> = open
            .iter()
            .map(|&k| (k, sign(programme.cells()[k], pattern)))
            .collect();
        for maximise in [true, false] {
            if let Some(point) = programme.witness(&weights, &cap, maximise)? {
                absorb(&point, &mut low, &mut high);
            }
        }
    }
    let mut out = Vec::new();
    for k in pending(&low, &high) {
        let Some(w) = need[k] else { continue };
        if high[k] - low[k] >= w {
            continue; // proven safe by a solution met since
        }
        let cell = programme.cells()[k];
        let mut seen = |p: &[i64]| absorb(p, &mut low, &mut high);
        let interval = exact(&programme, k, cell, &mut seen)?;
        if !interval.is_at_least(w) {
            out.push(interval);
        }
    }
    Ok(out)
}

/// Both ends of cell `k`'s interval; every whole solution met is passed to `seen`.
fn exact(
    programme: &Programme,
    k: usize,
    cell: usize,
    seen: &mut dyn FnMut(&[i64]),
) -> Result<Interval, DisclosureError> {
    let upper = match programme.extreme(k, true)? {
        Extreme::Unbounded => Bound::Unbounded,
        Extreme::At { value, point } => {
            seen(&point);
            Bound::Finite(value)
        }
    };
    let lower = match programme.extreme(k, false)? {
        Extreme::At { value, point } => {
            seen(&point);
            value
        }
        Extreme::Unbounded => {
            return Err(DisclosureError::Solver(format!(
                "cell {cell} has no lower bound"
            )))
        }
    };
    Ok(Interval { cell, lower, upper })
}

/// A fixed pseudo-random ±1 per cell and pattern, so pushes pull linked cells apart and the
/// result is the same on every run.
fn sign(cell: usize, pattern: u32) -> f64 {
    let mut x = (cell as u64)
        .wrapping_add(u64::from(pattern) << 32)
        .wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    if (x ^ (x >> 31)) & 1 == 0 {
        1.0
    } else {
        -1.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hide(grid: &Grid, cells: &[usize]) -> Vec<bool> {
        let mut hidden = vec![false; grid.len()];
        for &c in cells {
            hidden[c] = true;
        }
        hidden
    }

    #[test]
    fn five_hidden_ones_under_a_shown_total_of_five_are_each_exactly_one() {
        let mut grid = Grid::new();
        let parts: Vec<usize> = (0..5).map(|_| grid.cell(1)).collect();
        let mut all = parts.clone();
        all.push(grid.cell(40));
        grid.total_of(&all);
        let found = intervals(&grid, &hide(&grid, &parts)).unwrap();
        assert_eq!(found.len(), 5);
        assert!(found.iter().all(|i| i.is_exact() && i.lower == 1));
        // Gaussian elimination sees no single cell fixed: only the bounds give it away.
        assert!(crate::derivable_cells(&grid, &hide(&grid, &parts)).is_empty());
    }

    #[test]
    fn a_row_leaving_two_over_two_hidden_cells_fixes_both() {
        // 31 − 21 − 8 − 0 = 2 over two hidden cells, each at least 1.
        let mut grid = Grid::new();
        let parts = [
            grid.cell(21),
            grid.cell(8),
            grid.cell(0),
            grid.cell(1),
            grid.cell(1),
        ];
        grid.total_of(&parts);
        let found = intervals(&grid, &hide(&grid, &parts[3..])).unwrap();
        assert!(
            found.iter().all(|i| i.is_exact() && i.lower == 1),
            "{found:?}"
        );
    }

    #[test]
    fn without_the_zero_promise_hidden_cells_may_be_zero() {
        let mut grid = Grid::new();
        grid.set_zeros_shown(false);
        let parts = [grid.cell(21), grid.cell(8), grid.cell(1), grid.cell(1)];
        grid.total_of(&parts);
        let found = intervals(&grid, &hide(&grid, &parts[2..])).unwrap();
        assert!(found
            .iter()
            .all(|i| i.lower == 0 && i.upper == Bound::Finite(2)));
    }

    #[test]
    fn a_cell_no_relation_caps_is_unbounded() {
        let mut grid = Grid::new();
        let parts = [grid.cell(2), grid.cell(30)];
        let total = grid.total_of(&parts);
        let lone = grid.cell(3);
        let found = intervals(&grid, &hide(&grid, &[parts[0], total, lone])).unwrap();
        assert_eq!(found.len(), 3);
        for i in &found {
            assert_eq!(i.upper, Bound::Unbounded, "{i:?}");
            assert!(i.is_at_least(1_000_000));
        }
        // The total is at least the shown 30 plus a hidden cell of at least 1.
        let lowers: Vec<i64> = found.iter().map(|i| i.lower).collect();
        assert_eq!(lowers, vec![1, 31, 1]);
        assert_eq!(found[0].to_string(), "1 or more");
    }

    #[test]
    fn a_covering_bounds_a_hidden_part_by_what_the_shown_parts_leave() {
        // The national figure counts each item once; the regions count an item in every region
        // it is in, so 22 + 3 only covers 24. A reader knows the hidden region is at most the
        // national 24 and, with the shown 22, at least 24 − 22.
        let mut grid = Grid::new();
        let national = grid.cell(24);
        let regions = [grid.cell(22), grid.cell(3)];
        grid.covered_by(national, &regions).unwrap();
        let found = intervals(&grid, &hide(&grid, &regions[1..])).unwrap();
        let expected = Interval {
            cell: regions[1],
            lower: 2,
            upper: Bound::Finite(24),
        };
        assert_eq!(found, vec![expected]);
        // A hidden national figure lies between the largest region and their sum.
        let found = intervals(&grid, &hide(&grid, &[national])).unwrap();
        assert_eq!((found[0].lower, found[0].upper), (22, Bound::Finite(25)));
        // Elimination uses sums only: a covering never makes a cell derivable.
        assert!(crate::derivable_cells(&grid, &hide(&grid, &regions[1..])).is_empty());
    }

    #[test]
    fn integrality_closes_what_the_relaxation_leaves_open() {
        // Four hidden cells x = (1, 1, 2, 2); three overlapping groupings are shown:
        // x0 + x1 + x3 = 4, x1 + x2 + x3 = 5, x0 + x2 + x3 = 5. With t = x3:
        // x0 = x1 = (4 − t)/2, x2 = (6 − t)/2, and each at least 1 ⇒ 1 ≤ t ≤ 2. The relaxation
        // allows t = 1 (x0 = 1.5) and x0 up to 1.5; whole numbers force t even, so t = 2 and
        // every cell is exact. Rounding the relaxed bounds would give x3 ∈ 1..=2, not exact.
        let mut grid = Grid::new();
        let x: Vec<usize> = [1, 1, 2, 2].iter().map(|&v| grid.cell(v)).collect();
        grid.total_of(&[x[0], x[1], x[3]]);
        grid.total_of(&[x[1], x[2], x[3]]);
        grid.total_of(&[x[0], x[2], x[3]]);
        let found = intervals(&grid, &hide(&grid, &x)).unwrap();
        assert_eq!(found.len(), 4);
        for i in &found {
            assert!(i.is_exact(), "{i:?}");
            assert!(i.contains(grid.values()[i.cell]));
        }
        // Linear algebra alone recovers nothing here.
        assert!(crate::derivable_cells(&grid, &hide(&grid, &x)).is_empty());
    }
}
