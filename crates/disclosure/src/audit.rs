//! The equation audit: which suppressed cells could be worked out exactly from the shown cells
//! and the published sums (by any sequence of additions and subtractions, not only within one
//! line).

use crate::grid::Grid;

const EPSILON: f64 = 1e-9;

/// The suppressed cells whose value is fixed by the shown cells and the sum relations.
///
/// Only equations are used: coverings ([`Grid::covered_by`]) are inequalities, which
/// elimination cannot use, and cells an earlier publication fixed count as `suppressed` says.
/// The interval audit ([`crate::intervals`], [`crate::audit`]) uses all of them.
///
/// Each relation `total − Σ parts = 0` is a linear equation; shown cells are constants and
/// suppressed cells unknowns. A suppressed cell is derivable exactly when its unit vector lies in
/// the row space of the unknowns' coefficient matrix, i.e. when, in reduced row echelon form, some
/// row has its only non-zero entry in that cell's column.
pub fn derivable_cells(grid: &Grid, suppressed: &[bool]) -> Vec<usize> {
    let unknowns: Vec<usize> = (0..grid.len())
        .filter(|&i| suppressed.get(i).copied().unwrap_or(false))
        .collect();
    if unknowns.is_empty() {
        return Vec::new();
    }
    let column_of = |cell: usize| unknowns.binary_search(&cell).ok();
    let mut rows: Vec<Vec<f64>> = grid
        .constraints()
        .iter()
        .map(|c| {
            let mut row = vec![0.0; unknowns.len()];
            if let Some(k) = column_of(c.total) {
                row[k] += 1.0;
            }
            for &p in &c.parts {
                if let Some(k) = column_of(p) {
                    row[k] -= 1.0;
                }
            }
            row
        })
        .filter(|row: &Vec<f64>| row.iter().any(|x| x.abs() > EPSILON))
        .collect();
    let pivots = reduce(&mut rows, unknowns.len());
    pivots
        .iter()
        .filter(|(r, k)| {
            rows[*r]
                .iter()
                .enumerate()
                .all(|(j, x)| j == *k || x.abs() <= EPSILON)
        })
        .map(|(_, k)| unknowns[*k])
        .collect()
}

/// Gauss–Jordan elimination in place; returns (row, pivot column) pairs.
fn reduce(rows: &mut [Vec<f64>], width: usize) -> Vec<(usize, usize)> {
    let mut pivots = Vec::new();
    let mut r = 0;
    for k in 0..width {
        if r == rows.len() {
            break;
        }
        let Some(best) = (r..rows.len())
            .filter(|&i| rows[i][k].abs() > EPSILON)
            .max_by(|&a, &b| rows[a][k].abs().total_cmp(&rows[b][k].abs()))
        else {
            continue;
        };
        rows.swap(r, best);
        let lead = rows[r][k];
        for x in rows[r].iter_mut() {
            *x /= lead;
        }
        let pivot_row = rows[r].clone();
        for (i, row) in rows.iter_mut().enumerate() {
            if i != r && row[k].abs() > EPSILON {
                let factor = row[k];
                for (x, p) in row.iter_mut().zip(&pivot_row) {
                    *x -= factor * p;
                }
            }
        }
        pivots.push((r, k));
        r += 1;
    }
    pivots
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lone_suppressed_cell_in_a_row_is_derivable() {
        let (grid, at) = Grid::two_way(&[vec![3, 10], vec![12, 20]]);
        let mut hidden = vec![false; grid.len()];
        hidden[at.interior[0][0]] = true;
        assert_eq!(derivable_cells(&grid, &hidden), vec![at.interior[0][0]]);
    }

    #[test]
    fn a_rectangle_of_four_suppressed_cells_is_safe() {
        let (grid, at) = Grid::two_way(&[vec![3, 2, 9], vec![1, 4, 8], vec![10, 11, 12]]);
        let mut hidden = vec![false; grid.len()];
        for (r, c) in [(0, 0), (0, 1), (1, 0), (1, 1)] {
            hidden[at.interior[r][c]] = true;
        }
        assert!(derivable_cells(&grid, &hidden).is_empty());
    }

    #[test]
    fn a_chain_across_rows_and_columns_is_caught() {
        // Row 0 hides (0,0) and (0,1); column 1 hides (0,1) and (1,1); row 1 hides only (1,1)
        // beside it... (1,1) alone in row 1 is derivable, which then reveals (0,1) and (0,0).
        let (grid, at) = Grid::two_way(&[vec![3, 2, 9], vec![10, 4, 8]]);
        let mut hidden = vec![false; grid.len()];
        for (r, c) in [(0, 0), (0, 1), (1, 1)] {
            hidden[at.interior[r][c]] = true;
        }
        let mut found = derivable_cells(&grid, &hidden);
        found.sort();
        let mut expected = vec![at.interior[0][0], at.interior[0][1], at.interior[1][1]];
        expected.sort();
        assert_eq!(found, expected);
    }
}
