//! The reader's problem for one group of unknown cells, as a linear programme solved with
//! `good_lp` (pure-Rust `microlp` solver): every sum holds as an equation and every covering as
//! inequalities (each part at most the total, the parts together at least it), shown cells are
//! constants, hidden cells are at least 1 where zero is shown (else 0), unpublished cells at
//! least 0, and all are whole numbers.

use crate::components::Component;
use crate::error::DisclosureError;
use crate::grid::{Grid, Kind};
use good_lp::{
    constraint, microlp, variable, Expression, ProblemVariables, ResolutionError, Solution,
    SolutionStatus, SolverModel, Variable,
};

/// How close to a whole number a solver value must be to count as one.
const WHOLE: f64 = 1e-6;

/// How a row's left-hand side compares with its right-hand side.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sense {
    Equal,
    AtMost,
    AtLeast,
}

/// One linear (in)equality with the shown cells moved to the right-hand side.
#[derive(Debug, Clone)]
struct Row {
    terms: Vec<(usize, f64)>,
    sense: Sense,
    rhs: f64,
}

/// The extreme value of one cell over the reader's problem.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Extreme {
    /// No relation caps the cell (only possible for a maximum).
    Unbounded,
    /// The whole-number optimum, and a whole-number solution that reaches it.
    At { value: i64, point: Vec<i64> },
}

/// The reader's problem for one [`Component`].
#[derive(Debug, Clone)]
pub(crate) struct Programme {
    cells: Vec<usize>,
    rows: Vec<Row>,
    lower: Vec<f64>,
    truth: Vec<i64>,
    /// What every value is divided by before solving (1 for counts): amounts in pence run to
    /// billions, where the solver's tolerances would see contradictions that are not there.
    scale: f64,
}

impl Programme {
    /// The problem for the unknown cells of `part` (hidden or unpublished); every other cell
    /// is shown and enters as a constant.
    pub fn new(grid: &Grid, part: &Component) -> Self {
        let cells = part.cells.clone();
        let local = |cell: usize| cells.binary_search(&cell).ok();
        let mut rows = Vec::with_capacity(part.relations.len());
        for &r in &part.relations {
            let Some((kind, c)) = grid.relation(r) else {
                continue;
            };
            let total = (c.total, 1.0);
            let parts = c.parts.iter().map(|&p| (p, -1.0));
            match kind {
                // total − Σ parts = 0
                Kind::Sum => rows.extend(row(grid, &local, Sense::Equal, total, parts)),
                Kind::Cover => {
                    // total − Σ parts ≤ 0, and total − part ≥ 0 for each part.
                    rows.extend(row(grid, &local, Sense::AtMost, total, parts));
                    for &p in &c.parts {
                        let one = std::iter::once((p, -1.0));
                        rows.extend(row(grid, &local, Sense::AtLeast, total, one));
                    }
                }
            }
        }
        let lower = cells
            .iter()
            .map(|&c| {
                // A hidden zero (only when zeros may be hidden, or in a pattern audited from
                // outside) is bounded by 0, so the true values always satisfy the problem.
                if grid.zeros_shown() && !grid.is_unpublished(c) && grid.value(c) >= 1 {
                    1.0
                } else {
                    0.0
                }
            })
            .collect();
        let truth = cells.iter().map(|&c| grid.value(c)).collect();
        Self {
            cells,
            rows,
            lower,
            truth,
            scale: 1.0,
        }
    }

    /// [`Programme::new`] for amounts: solved on values scaled to about a thousand, since only
    /// the linear relaxation is used for them ([`Programme::relaxed_extreme`]).
    pub fn for_amounts(grid: &Grid, part: &Component) -> Self {
        let mut programme = Self::new(grid, part);
        let largest = programme
            .rows
            .iter()
            .map(|r| r.rhs.abs())
            .chain(programme.truth.iter().map(|&v| v.unsigned_abs() as f64))
            .fold(0.0, f64::max);
        programme.scale = (largest / 1_000.0).max(1.0);
        programme
    }

    pub fn cells(&self) -> &[usize] {
        &self.cells
    }

    /// The true values: one whole-number solution the reader cannot rule out.
    pub fn truth(&self) -> &[i64] {
        &self.truth
    }

    pub fn has_relations(&self) -> bool {
        !self.rows.is_empty()
    }

    /// The smallest (or largest) whole value cell `k` can take. The linear relaxation is solved
    /// first; if its optimal solution is not whole, the bound is solved again with integer
    /// variables, so it is never looser than a reader using integer programming.
    pub fn extreme(&self, k: usize, maximise: bool) -> Result<Extreme, DisclosureError> {
        if !self.has_relations() {
            return Ok(if maximise {
                Extreme::Unbounded
            } else {
                let value = self.lower.get(k).copied().unwrap_or(0.0) as i64;
                let mut point = self.truth.clone();
                if let Some(x) = point.get_mut(k) {
                    *x = value;
                }
                Extreme::At { value, point }
            });
        }
        let objective = [(k, 1.0)];
        let point = match self.solve(&objective, maximise, false, None)? {
            None => return Ok(Extreme::Unbounded),
            Some(point) => match whole(&point) {
                Some(p) => p,
                None => match self.solve(&objective, maximise, true, None)? {
                    Some(point) => whole(&point).ok_or_else(|| {
                        DisclosureError::Solver("integer solution is not whole".into())
                    })?,
                    None => return Ok(Extreme::Unbounded),
                },
            },
        };
        let value = point.get(k).copied().unwrap_or(0);
        Ok(Extreme::At { value, point })
    }

    /// The smallest (or largest) value cell `k` can take over the linear relaxation alone, with
    /// no whole-number condition; `None` when nothing caps it. For amounts of money in pence,
    /// where being whole narrows a cell by less than a penny.
    pub fn relaxed_extreme(
        &self,
        k: usize,
        maximise: bool,
    ) -> Result<Option<f64>, DisclosureError> {
        if !self.has_relations() {
            let low = self.lower.get(k).copied().unwrap_or(0.0);
            return Ok((!maximise).then_some(low));
        }
        Ok(self
            .solve(&[(k, 1.0)], maximise, false, None)?
            .and_then(|point| point.get(k).copied()))
    }

    /// A whole-number solution pushed in the direction `weights` (cell, weight), with every
    /// cell capped at `cap` so the push is finite; `None` when the solver's vertex is not whole.
    pub fn witness(
        &self,
        weights: &[(usize, f64)],
        cap: &[f64],
        maximise: bool,
    ) -> Result<Option<Vec<i64>>, DisclosureError> {
        if !self.has_relations() {
            return Ok(None);
        }
        Ok(self
            .solve(weights, maximise, false, Some(cap))?
            .and_then(|p| whole(&p)))
    }

    /// A point of the linear relaxation pushed in the direction `weights` (cell, weight), every
    /// cell capped at `cap` so the push is finite. Any such point is one a reader cannot rule
    /// out, so it proves how far each cell can go at once.
    pub fn relaxed_point(
        &self,
        weights: &[(usize, f64)],
        cap: &[f64],
        maximise: bool,
    ) -> Result<Option<Vec<f64>>, DisclosureError> {
        if !self.has_relations() {
            return Ok(None);
        }
        self.solve(weights, maximise, false, Some(cap))
    }

    /// Solves; `Ok(None)` means unbounded.
    fn solve(
        &self,
        objective: &[(usize, f64)],
        maximise: bool,
        integer: bool,
        cap: Option<&[f64]>,
    ) -> Result<Option<Vec<f64>>, DisclosureError> {
        let scale = self.scale;
        let mut vars = ProblemVariables::new();
        let xs: Vec<Variable> = self
            .lower
            .iter()
            .enumerate()
            .map(|(k, &low)| {
                let low = low / scale;
                let mut def = variable().min(low);
                if let Some(&c) = cap.and_then(|c| c.get(k)) {
                    def = def.max((c / scale).max(low));
                }
                if integer {
                    def = def.integer();
                }
                vars.add(def)
            })
            .collect();
        let expression = |terms: &[(usize, f64)]| -> Expression {
            terms
                .iter()
                .filter_map(|&(k, w)| xs.get(k).map(|x| w * *x))
                .sum()
        };
        let goal = expression(objective);
        let problem = if maximise {
            vars.maximise(goal)
        } else {
            vars.minimise(goal)
        };
        let mut model = problem.using(microlp);
        for row in &self.rows {
            let lhs = expression(&row.terms);
            let rhs = row.rhs / scale;
            model = model.with(match row.sense {
                Sense::Equal => constraint::eq(lhs, rhs),
                Sense::AtMost => constraint::leq(lhs, rhs),
                Sense::AtLeast => constraint::geq(lhs, rhs),
            });
        }
        match model.solve() {
            Ok(solution) => {
                if !matches!(solution.status(), SolutionStatus::Optimal) {
                    return Err(DisclosureError::Solver(format!(
                        "no proven optimum ({:?})",
                        solution.status()
                    )));
                }
                Ok(Some(
                    xs.iter().map(|x| solution.value(*x) * scale).collect(),
                ))
            }
            Err(ResolutionError::Unbounded) => Ok(None),
            Err(ResolutionError::Infeasible) => Err(DisclosureError::Contradiction {
                cell: self.cells.first().copied().unwrap_or(0),
            }),
            Err(e) => Err(DisclosureError::Solver(e.to_string())),
        }
    }
}

/// The row `Σ sign·cell  sense  0` over `total` and `others`, with the cells not in the group
/// (shown, so constants) moved to the right-hand side; `None` when no unknown is left in it
/// (the true values satisfy it, so it says nothing).
fn row(
    grid: &Grid,
    local: &dyn Fn(usize) -> Option<usize>,
    sense: Sense,
    total: (usize, f64),
    others: impl Iterator<Item = (usize, f64)>,
) -> Option<Row> {
    let mut terms: Vec<(usize, f64)> = Vec::new();
    let mut rhs = 0.0;
    for (cell, sign) in std::iter::once(total).chain(others) {
        match local(cell) {
            Some(k) => match terms.iter_mut().find(|(j, _)| *j == k) {
                Some((_, coeff)) => *coeff += sign,
                None => terms.push((k, sign)),
            },
            None => rhs -= sign * grid.value(cell) as f64,
        }
    }
    terms.retain(|(_, coeff)| *coeff != 0.0);
    (!terms.is_empty()).then_some(Row { terms, sense, rhs })
}

/// The point rounded, if every coordinate is a whole number.
fn whole(point: &[f64]) -> Option<Vec<i64>> {
    point
        .iter()
        .map(|&x| {
            let r = x.round();
            ((x - r).abs() <= WHOLE && r.is_finite()).then_some(r as i64)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::components::components;

    fn programme(grid: &Grid, hidden: &[usize]) -> Programme {
        let mut unknown = vec![false; grid.len()];
        for &h in hidden {
            unknown[h] = true;
        }
        let parts = components(grid, &unknown);
        assert_eq!(parts.len(), 1);
        Programme::new(grid, &parts[0])
    }

    #[test]
    fn a_pair_hidden_in_a_row_ranges_between_the_bounds() {
        let mut grid = Grid::new();
        let parts = [grid.cell(3), grid.cell(7), grid.cell(20)];
        grid.total_of(&parts);
        let p = programme(&grid, &parts[..2]);
        // a + b = 10, both at least 1.
        match p.extreme(0, true).unwrap() {
            Extreme::At { value, point } => {
                assert_eq!(value, 9);
                assert_eq!(point, vec![9, 1]);
            }
            Extreme::Unbounded => panic!("bounded"),
        }
        assert!(matches!(
            p.extreme(0, false).unwrap(),
            Extreme::At { value: 1, .. }
        ));
    }

    #[test]
    fn a_hidden_total_and_part_have_no_upper_end() {
        let mut grid = Grid::new();
        let parts = [grid.cell(3), grid.cell(7)];
        let total = grid.total_of(&parts);
        let p = programme(&grid, &[parts[0], total]);
        assert_eq!(p.extreme(0, true).unwrap(), Extreme::Unbounded);
        assert!(matches!(
            p.extreme(0, false).unwrap(),
            Extreme::At { value: 1, .. }
        ));
    }
}
