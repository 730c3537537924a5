//! A table to protect: cell values and the additive relations published with them.

use crate::error::DisclosureError;

/// `total` is the sum of `parts` (cell indices into the grid).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Constraint {
    pub total: usize,
    pub parts: Vec<usize>,
}

impl Constraint {
    /// Every cell the relation mentions, total first.
    pub fn cells(&self) -> impl Iterator<Item = usize> + '_ {
        std::iter::once(self.total).chain(self.parts.iter().copied())
    }
}

/// Counts of people and the totals that relate them. Cells are numbered from 0 in the order
/// they were added.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Grid {
    values: Vec<i64>,
    constraints: Vec<Constraint>,
    /// Cells that take part in relations but are never published (e.g. engaged = new + existing,
    /// when only new and existing are columns). They are unknowns to a reader.
    unpublished: Vec<bool>,
}

impl Grid {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a cell and returns its index.
    pub fn cell(&mut self, value: i64) -> usize {
        self.values.push(value);
        self.unpublished.push(false);
        self.values.len() - 1
    }

    /// Adds a total that is not published but relates other cells (two breakdowns of the same
    /// people, say), and returns its index.
    pub fn unpublished_total_of(&mut self, parts: &[usize]) -> usize {
        let total = self.total_of(parts);
        self.unpublished[total] = true;
        total
    }

    pub fn is_unpublished(&self, cell: usize) -> bool {
        self.unpublished.get(cell).copied().unwrap_or(false)
    }

    /// Adds a total cell holding the sum of `parts`, with the relation, and returns its index.
    pub fn total_of(&mut self, parts: &[usize]) -> usize {
        let value = parts.iter().filter_map(|&p| self.values.get(p)).sum();
        let total = self.cell(value);
        self.constraints.push(Constraint {
            total,
            parts: parts.to_vec(),
        });
        total
    }

    /// Declares that an existing cell is the sum of others (when the totals were given, not summed).
    pub fn relate(&mut self, total: usize, parts: &[usize]) -> Result<(), DisclosureError> {
        for &cell in std::iter::once(&total).chain(parts) {
            if cell >= self.values.len() {
                return Err(DisclosureError::NoSuchCell {
                    cell,
                    cells: self.values.len(),
                });
            }
        }
        self.constraints.push(Constraint {
            total,
            parts: parts.to_vec(),
        });
        Ok(())
    }

    /// A two-way table of `rows` (each the same length) with a total for every row, every column
    /// and the grand total. Returns the grid and where each cell went.
    pub fn two_way(rows: &[Vec<i64>]) -> (Self, TwoWay) {
        let mut grid = Self::new();
        let width = rows.iter().map(Vec::len).max().unwrap_or(0);
        let interior: Vec<Vec<usize>> = rows
            .iter()
            .map(|row| {
                (0..width)
                    .map(|c| grid.cell(row.get(c).copied().unwrap_or(0)))
                    .collect()
            })
            .collect();
        let row_totals: Vec<usize> = interior.iter().map(|r| grid.total_of(r)).collect();
        let column_totals: Vec<usize> = (0..width)
            .map(|c| {
                let column: Vec<usize> = interior.iter().map(|r| r[c]).collect();
                grid.total_of(&column)
            })
            .collect();
        let grand_total = grid.total_of(&row_totals);
        grid.constraints.push(Constraint {
            total: grand_total,
            parts: column_totals.clone(),
        });
        let layout = TwoWay {
            interior,
            row_totals,
            column_totals,
            grand_total,
        };
        (grid, layout)
    }

    pub fn values(&self) -> &[i64] {
        &self.values
    }

    pub fn constraints(&self) -> &[Constraint] {
        &self.constraints
    }

    pub fn len(&self) -> usize {
        self.values.len()
    }

    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// Counts of people are never negative; a negative value is a mistake upstream.
    pub fn check(&self) -> Result<(), DisclosureError> {
        match self.values.iter().position(|v| *v < 0) {
            Some(cell) => Err(DisclosureError::NegativeCount {
                cell,
                value: self.values[cell],
            }),
            None => Ok(()),
        }
    }
}

/// Where the cells of a [`Grid::two_way`] table are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TwoWay {
    pub interior: Vec<Vec<usize>>,
    pub row_totals: Vec<usize>,
    pub column_totals: Vec<usize>,
    pub grand_total: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_way_adds_margins_and_relations() {
        let (grid, at) = Grid::two_way(&[vec![1, 2], vec![3, 4]]);
        assert_eq!(grid.values()[at.row_totals[1]], 7);
        assert_eq!(grid.values()[at.column_totals[0]], 4);
        assert_eq!(grid.values()[at.grand_total], 10);
        // two row relations, two column relations, and the grand total both ways
        assert_eq!(grid.constraints().len(), 6);
    }

    #[test]
    fn relations_must_name_real_cells() {
        let mut grid = Grid::new();
        let a = grid.cell(3);
        assert_eq!(
            grid.relate(a, &[7]),
            Err(DisclosureError::NoSuchCell { cell: 7, cells: 1 })
        );
    }
}
