//! The reader's attack, written independently of the crate's own interval audit: an integer
//! programme (good_lp with microlp) over only what a release publishes: the shown values, where
//! [c] is, the sums (equations) and the coverings (each part at most its total, the parts
//! together at least it), hidden cells at least 1 (zero is shown), whole numbers.

use frontline_disclosure::Grid;
use good_lp::{
    constraint, microlp, variable, Expression, ProblemVariables, Solution, SolverModel, Variable,
};

/// An integer variable ranges over at most this; reaching it means "no upper end".
const CAP: f64 = 1_000_000.0;

/// The reader's attack: min and max of every hidden cell by integer programming over what is
/// published. Returns (cell, lower, upper) with `upper = None` when uncapped.
pub fn attack(grid: &Grid, suppressed: &[bool]) -> Vec<(usize, i64, Option<i64>)> {
    let unknown: Vec<usize> = (0..grid.len())
        .filter(|&c| suppressed[c] || grid.is_unpublished(c))
        .collect();
    let published_value =
        |c: usize| -> Option<i64> { unknown.binary_search(&c).is_err().then(|| grid.values()[c]) };
    let solve = |target: usize, maximise: bool| -> f64 {
        let mut vars = ProblemVariables::new();
        let xs: Vec<Variable> = unknown
            .iter()
            .map(|&c| {
                // A hidden cell is at least 1 (zero is shown); an unpublished one at least 0.
                let low = if grid.is_unpublished(c) { 0.0 } else { 1.0 };
                vars.add(variable().integer().min(low).max(CAP))
            })
            .collect();
        let var = |c: usize| unknown.binary_search(&c).ok().map(|i| xs[i]);
        let goal: Expression = var(target).map(Expression::from).unwrap_or_default();
        let problem = if maximise {
            vars.maximise(goal)
        } else {
            vars.minimise(goal)
        };
        let mut model = problem.using(microlp);
        // Σ sign·cell over `terms`, with the published cells moved to the right-hand side.
        let linear = |terms: &[(usize, f64)]| -> (Expression, f64) {
            let mut lhs = Expression::default();
            let mut rhs = 0.0;
            for &(cell, sign) in terms {
                match (var(cell), published_value(cell)) {
                    (Some(x), _) => lhs += sign * x,
                    (None, Some(v)) => rhs -= sign * v as f64,
                    (None, None) => unreachable!("every cell is shown or unknown"),
                }
            }
            (lhs, rhs)
        };
        for rel in grid.constraints() {
            let mut terms = vec![(rel.total, 1.0)];
            terms.extend(rel.parts.iter().map(|&c| (c, -1.0)));
            let (lhs, rhs) = linear(&terms);
            model = model.with(constraint::eq(lhs, rhs));
        }
        for rel in grid.coverings() {
            for &part in &rel.parts {
                let (lhs, rhs) = linear(&[(part, 1.0), (rel.total, -1.0)]);
                model = model.with(constraint::leq(lhs, rhs));
            }
            let mut terms = vec![(rel.total, -1.0)];
            terms.extend(rel.parts.iter().map(|&c| (c, 1.0)));
            let (lhs, rhs) = linear(&terms);
            model = model.with(constraint::geq(lhs, rhs));
        }
        let solution = model.solve().expect("the true values are a solution");
        solution.value(var(target).expect("target is unknown"))
    };
    unknown
        .iter()
        .filter(|&&c| !grid.is_unpublished(c))
        .map(|&c| {
            let lower = solve(c, false).round() as i64;
            let upper = solve(c, true).round();
            (c, lower, (upper < CAP - 0.5).then_some(upper as i64))
        })
        .collect()
}
