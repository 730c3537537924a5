//! A table to protect: cell values, the relations published with them (sums and coverings),
//! and which cells an earlier publication already fixed.

use crate::error::DisclosureError;

/// A relation between a total and its parts (cell indices into the grid). In
/// [`Grid::constraints`] the total is the sum of the parts; in [`Grid::coverings`] it is
/// covered by them (each part at most the total, the parts together at least it).
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

/// How a relation ties its total to its parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Kind {
    /// `total = Σ parts`.
    Sum,
    /// Every part `≤ total`, and `Σ parts ≥ total`.
    Cover,
}

/// A cell's status in an earlier publication that stays public (version 1 of a release read
/// beside its correction): [`crate::protect`] never changes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Fixed {
    /// Already published with its value: a reader knows it.
    Shown,
    /// Already published as [`SUPPRESSED`](crate::SUPPRESSED): a reader does not know it,
    /// only what the relations say about it.
    Hidden,
}

/// Counts of people and the totals that relate them. Cells are numbered from 0 in the order
/// they were added.
///
/// Two kinds of relation: sums (`total = Σ parts`: [`Grid::total_of`], [`Grid::relate`]) and
/// coverings ([`Grid::covered_by`]: every part `≤ total` and `Σ parts ≥ total`, for tables
/// that count an item in every group it belongs to). The interval audit and [`crate::protect`]
/// use both; [`crate::derivable_cells`] (exact derivation by elimination) uses sums only.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Grid {
    values: Vec<i64>,
    constraints: Vec<Constraint>,
    /// Covering relations (see [`Grid::covered_by`]).
    coverings: Vec<Constraint>,
    /// Cells whose status an earlier publication fixed.
    fixed: Vec<Option<Fixed>>,
    /// Cells that take part in relations but are never published (e.g. engaged = new + existing,
    /// when only new and existing are columns). They are unknowns to a reader.
    unpublished: Vec<bool>,
    /// Unpublished cells a reader must not narrow either (see [`Grid::guard`]).
    guarded: Vec<bool>,
    /// Whether a zero may be hidden (the table does not promise "zero is shown"). When zeros
    /// are shown, a reader knows every hidden cell is at least 1.
    zeros_may_be_hidden: bool,
}

impl Grid {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a cell and returns its index.
    pub fn cell(&mut self, value: i64) -> usize {
        self.values.push(value);
        self.unpublished.push(false);
        self.guarded.push(false);
        self.fixed.push(None);
        self.values.len() - 1
    }

    /// Adds a cell an earlier publication already shows with this value, and returns its index.
    /// A reader knows it; [`crate::protect`] never hides it (see [`Fixed::Shown`]).
    pub fn fixed_shown(&mut self, value: i64) -> usize {
        let cell = self.cell(value);
        self.fixed[cell] = Some(Fixed::Shown);
        cell
    }

    /// Adds a cell an earlier publication already shows as [`SUPPRESSED`](crate::SUPPRESSED),
    /// and returns its index. A reader does not know it (where zeros are shown, only that it is
    /// at least 1); [`crate::protect`] keeps it hidden and protects it like any hidden cell, but
    /// never chooses it as a complement (see [`Fixed::Hidden`]).
    pub fn fixed_hidden(&mut self, value: i64) -> usize {
        let cell = self.cell(value);
        self.fixed[cell] = Some(Fixed::Hidden);
        cell
    }

    /// Fixes the status of an existing cell (a total added by [`Grid::total_of`], say), as
    /// [`Grid::fixed_shown`] or [`Grid::fixed_hidden`] would have; the cell counts as published.
    pub fn fix(&mut self, cell: usize, status: Fixed) -> Result<(), DisclosureError> {
        let cells = self.values.len();
        let slot = self
            .fixed
            .get_mut(cell)
            .ok_or(DisclosureError::NoSuchCell { cell, cells })?;
        *slot = Some(status);
        self.publish(cell);
        Ok(())
    }

    /// The status an earlier publication fixed for a cell, if any.
    pub fn fixed(&self, cell: usize) -> Option<Fixed> {
        self.fixed.get(cell).copied().flatten()
    }

    /// Whether any cell's status is fixed by an earlier publication.
    pub fn has_fixed(&self) -> bool {
        self.fixed.iter().any(Option::is_some)
    }

    /// Adds a total that is not published but relates other cells (two breakdowns of the same
    /// people, say), and returns its index.
    pub fn unpublished_total_of(&mut self, parts: &[usize]) -> usize {
        let total = self.total_of(parts);
        self.unpublished[total] = true;
        total
    }

    /// Marks an existing cell as never published (a reader does not know it).
    pub fn mark_unpublished(&mut self, cell: usize) {
        if let Some(slot) = self.unpublished.get_mut(cell) {
            *slot = true;
        }
    }

    /// Marks an unpublished cell as one a reader must not narrow either, though no table shows
    /// it: a group of people only differences reveal (the comments of a category given no
    /// subcategory, one service's part of two programmes' returns) or one contributor's amount.
    /// [`crate::protect`] and [`crate::audit`] then treat it as a hidden cell of its size.
    pub fn guard(&mut self, cell: usize) {
        self.mark_unpublished(cell);
        if let Some(slot) = self.guarded.get_mut(cell) {
            *slot = true;
        }
    }

    /// Whether a cell is unpublished and guarded (see [`Grid::guard`]).
    pub fn is_guarded(&self, cell: usize) -> bool {
        self.is_unpublished(cell) && self.guarded.get(cell).copied().unwrap_or(false)
    }

    /// [`Grid::relate`], unless the same relation is already declared.
    pub fn relate_once(&mut self, total: usize, parts: &[usize]) -> Result<(), DisclosureError> {
        if self
            .constraints
            .iter()
            .any(|c| c.total == total && c.parts == parts)
        {
            return Ok(());
        }
        self.relate(total, parts)
    }

    /// A cell's value (0 for an index past the end, which [`Grid::relate`] never lets in).
    pub fn value(&self, cell: usize) -> i64 {
        self.values.get(cell).copied().unwrap_or(0)
    }

    pub fn is_unpublished(&self, cell: usize) -> bool {
        self.unpublished.get(cell).copied().unwrap_or(false)
    }

    /// Marks a cell as published after all (a total one table keeps to itself but another
    /// table prints).
    pub(crate) fn publish(&mut self, cell: usize) {
        if let Some(flag) = self.unpublished.get_mut(cell) {
            *flag = false;
        }
    }

    /// Marks a cell as never published.
    pub(crate) fn unpublish(&mut self, cell: usize) {
        if let Some(flag) = self.unpublished.get_mut(cell) {
            *flag = true;
        }
    }

    /// Whether the tables promise that zero is always shown (the default for counts of people),
    /// so that every hidden cell is known to be at least 1. [`crate::protect`] then never hides
    /// a zero, and the interval audit bounds every hidden cell below by 1.
    pub fn zeros_shown(&self) -> bool {
        !self.zeros_may_be_hidden
    }

    /// Declares whether zeros are always shown (see [`Grid::zeros_shown`]). With `false`, a zero
    /// may be hidden as a complement and hidden cells are bounded below only by 0.
    pub fn set_zeros_shown(&mut self, shown: bool) {
        self.zeros_may_be_hidden = !shown;
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
        let relation = self.relation_of(total, parts)?;
        self.constraints.push(relation);
        Ok(())
    }

    /// Declares that `total` is covered by `parts`: a table that counts an item in every group
    /// it belongs to (a comment in each region its service works in), beside the count of
    /// distinct items. A reader then knows each part is at most the total and the parts
    /// together are at least it (with equality when no item is in two groups). The interval
    /// audit and [`crate::protect`] use these inequalities; [`crate::derivable_cells`] does not.
    pub fn covered_by(&mut self, total: usize, parts: &[usize]) -> Result<(), DisclosureError> {
        let relation = self.relation_of(total, parts)?;
        self.coverings.push(relation);
        Ok(())
    }

    /// A relation, once every cell it names is known to exist.
    fn relation_of(&self, total: usize, parts: &[usize]) -> Result<Constraint, DisclosureError> {
        for &cell in std::iter::once(&total).chain(parts) {
            if cell >= self.values.len() {
                return Err(DisclosureError::NoSuchCell {
                    cell,
                    cells: self.values.len(),
                });
            }
        }
        Ok(Constraint {
            total,
            parts: parts.to_vec(),
        })
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

    /// The sum relations (`total = Σ parts`), in the order declared.
    pub fn constraints(&self) -> &[Constraint] {
        &self.constraints
    }

    /// The covering relations (every part `≤ total`, `Σ parts ≥ total`; see
    /// [`Grid::covered_by`]), in the order declared.
    pub fn coverings(&self) -> &[Constraint] {
        &self.coverings
    }

    pub fn len(&self) -> usize {
        self.values.len()
    }

    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// Counts of people are never negative, every relation names real cells, every sum adds up
    /// and every covering holds; any failing is a mistake upstream (and would make the reader's
    /// problem, as the audit sets it, wrong).
    pub fn check(&self) -> Result<(), DisclosureError> {
        if let Some((cell, &value)) = self.values.iter().enumerate().find(|(_, v)| **v < 0) {
            return Err(DisclosureError::NegativeCount { cell, value });
        }
        for (kind, c) in self.relations() {
            if let Some(cell) = c.cells().find(|&x| x >= self.values.len()) {
                return Err(DisclosureError::NoSuchCell {
                    cell,
                    cells: self.values.len(),
                });
            }
            check_values(
                kind,
                &format!("cell {}", c.total),
                self.value(c.total),
                &c.parts.iter().map(|&p| self.value(p)).collect::<Vec<_>>(),
            )?;
        }
        Ok(())
    }

    /// Every relation, sums first then coverings; a relation's position here is its index in
    /// [`Grid::relation`] and [`Grid::relations_of_cells`].
    pub(crate) fn relations(&self) -> impl Iterator<Item = (Kind, &Constraint)> {
        let sums = self.constraints.iter().map(|c| (Kind::Sum, c));
        sums.chain(self.coverings.iter().map(|c| (Kind::Cover, c)))
    }

    /// The relation at index `r` of [`Grid::relations`].
    pub(crate) fn relation(&self, r: usize) -> Option<(Kind, &Constraint)> {
        match r.checked_sub(self.constraints.len()) {
            None => self.constraints.get(r).map(|c| (Kind::Sum, c)),
            Some(k) => self.coverings.get(k).map(|c| (Kind::Cover, c)),
        }
    }

    /// How many relations of both kinds.
    pub(crate) fn relation_count(&self) -> usize {
        self.constraints.len() + self.coverings.len()
    }

    /// For every cell, the indices (in [`Grid::relations`]) of the relations that mention it.
    pub(crate) fn relations_of_cells(&self) -> Vec<Vec<usize>> {
        let mut of = vec![Vec::new(); self.values.len()];
        for (r, (_, c)) in self.relations().enumerate() {
            for cell in c.cells() {
                if let Some(list) = of.get_mut(cell) {
                    if list.last() != Some(&r) {
                        list.push(r);
                    }
                }
            }
        }
        of
    }
}

/// Whether a relation of `kind` holds for a total's `value` and its parts' values; `total`
/// names the total in the error.
pub(crate) fn check_values(
    kind: Kind,
    total: &str,
    value: i64,
    parts: &[i64],
) -> Result<(), DisclosureError> {
    let sum: i64 = parts.iter().sum();
    match kind {
        Kind::Sum if value != sum => Err(DisclosureError::RelationDoesNotAdd {
            total: total.to_string(),
            value,
            sum,
        }),
        Kind::Cover => {
            let largest = parts.iter().copied().max().unwrap_or(0);
            if largest > value || sum < value {
                Err(DisclosureError::NotCovered {
                    total: total.to_string(),
                    value,
                    largest,
                    sum,
                })
            } else {
                Ok(())
            }
        }
        Kind::Sum => Ok(()),
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
    fn zeros_are_shown_unless_said_otherwise() {
        let mut grid = Grid::new();
        assert!(grid.zeros_shown());
        grid.set_zeros_shown(false);
        assert!(!grid.zeros_shown());
    }

    #[test]
    fn relations_must_add_up() {
        let mut grid = Grid::new();
        let a = grid.cell(3);
        let b = grid.cell(4);
        let t = grid.cell(8);
        grid.relate(t, &[a, b]).unwrap();
        assert_eq!(
            grid.check(),
            Err(DisclosureError::RelationDoesNotAdd {
                total: "cell 2".into(),
                value: 8,
                sum: 7
            })
        );
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

    #[test]
    fn coverings_must_hold() {
        let mut grid = Grid::new();
        let total = grid.cell(10);
        let parts = [grid.cell(7), grid.cell(6)];
        grid.covered_by(total, &parts).unwrap();
        assert!(grid.check().is_ok());
        assert_eq!(grid.coverings().len(), 1);
        assert!(grid.constraints().is_empty());
        let mut short = grid.clone();
        let big = short.cell(14);
        short.covered_by(big, &parts).unwrap();
        assert!(matches!(
            short.check(),
            Err(DisclosureError::NotCovered { sum: 13, .. })
        ));
        let over = grid.cell(12);
        grid.covered_by(total, &[over]).unwrap();
        assert!(matches!(
            grid.check(),
            Err(DisclosureError::NotCovered { largest: 12, .. })
        ));
        assert_eq!(
            grid.covered_by(total, &[9]),
            Err(DisclosureError::NoSuchCell { cell: 9, cells: 4 })
        );
    }

    #[test]
    fn cells_published_earlier_are_fixed_and_published() {
        let mut grid = Grid::new();
        let shown = grid.fixed_shown(12);
        let hidden = grid.fixed_hidden(3);
        let total = grid.unpublished_total_of(&[shown, hidden]);
        assert!(!grid.has_fixed() || grid.fixed(total).is_none());
        grid.fix(total, Fixed::Shown).unwrap();
        assert!(!grid.is_unpublished(total));
        assert_eq!(grid.fixed(shown), Some(Fixed::Shown));
        assert_eq!(grid.fixed(hidden), Some(Fixed::Hidden));
        assert_eq!(grid.fixed(99), None);
        assert_eq!(
            grid.fix(99, Fixed::Hidden),
            Err(DisclosureError::NoSuchCell { cell: 99, cells: 3 })
        );
    }
}
