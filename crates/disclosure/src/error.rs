//! Errors in describing a table to protect.

use thiserror::Error;

#[derive(Debug, Error, PartialEq, Eq)]
pub enum DisclosureError {
    #[error("suppression threshold: {0} is not a whole number from 1 to 100")]
    BadThreshold(String),
    #[error("a relation names cell {cell}, but the table has {cells} cells")]
    NoSuchCell { cell: usize, cells: usize },
    #[error("counts of people cannot be negative (cell {cell} is {value})")]
    NegativeCount { cell: usize, value: i64 },
}
