//! Errors in describing a table to protect, in solving the reader's problem, and a refused release.

use thiserror::Error;

#[derive(Debug, Error, PartialEq, Eq)]
pub enum DisclosureError {
    #[error("suppression threshold: {0} is not a whole number from 1 to 100")]
    BadThreshold(String),
    /// A dominance rule or relative protection level out of range (see
    /// [`crate::DominanceRule`], [`crate::protect_magnitudes`]).
    #[error("magnitude rule: {0}")]
    BadMagnitudeRule(String),
    #[error("a relation names cell {cell}, but the table has {cells} cells")]
    NoSuchCell { cell: usize, cells: usize },
    #[error("counts of people cannot be negative (cell {cell} is {value})")]
    NegativeCount { cell: usize, value: i64 },
    /// A relation says `total` is the sum of its parts, but the values disagree.
    #[error("{total} is {value}, but the parts it is the total of add up to {sum}")]
    RelationDoesNotAdd { total: String, value: i64, sum: i64 },
    /// A covering relation says every part is at most `total` and the parts together are at
    /// least it, but the values disagree.
    #[error("{total} is {value}, but the parts that cover it have largest {largest} and add up to {sum} (each must be at most the total, and together at least it)")]
    NotCovered {
        total: String,
        value: i64,
        largest: i64,
        sum: i64,
    },
    /// A cell declared as published earlier both shown and hidden.
    #[error("cell {0} was published earlier both as a number and as suppressed")]
    FixedConflict(String),
    /// Two tables published together give the same cell different values.
    #[error("cell {key} is {first} in one table and {second} in another")]
    CellMismatch {
        key: String,
        first: i64,
        second: i64,
    },
    /// A linked-tables relation or lookup names a cell no table declared.
    #[error("no table declares cell {0}")]
    UnknownKey(String),
    /// The published figures contradict each other (hidden counts at least 1, relations), so
    /// the reader's problem has no solution; the grid's values do not satisfy its relations.
    #[error("the published figures contradict each other around cell {cell}")]
    Contradiction { cell: usize },
    /// The linear-programming solver failed (not expected for well-formed tables).
    #[error("the protection-interval solver failed: {0}")]
    Solver(String),
    /// A release whose suppression pattern leaves cells that a reader can narrow below the
    /// protection level (or a small count shown).
    #[error("release refused: {count} cell(s) can be narrowed below the protection level of {level}: {cells}")]
    Exposed {
        count: usize,
        level: u32,
        cells: String,
    },
    /// A table named a different number of keys than it has cells.
    #[error("the {family} tables name {keys} cells but hold {cells}")]
    KeysDoNotMatch {
        family: String,
        keys: usize,
        cells: usize,
    },
    /// A release's kept record of its published cells could not be read.
    #[error("the record of an earlier release's cells is unreadable: {0}")]
    Unreadable(String),
}
