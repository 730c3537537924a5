//! What can go wrong reading needs-assessment inputs.

use thiserror::Error;

#[derive(Debug, Error, PartialEq, Eq)]
pub enum NeedsError {
    /// A row of an import, named by line and field.
    #[error("line {line}, {field}: {problem}")]
    Row {
        line: u64,
        field: String,
        problem: String,
    },
    #[error("{0}")]
    File(String),
    /// An imported file refused, with every problem by line and field.
    #[error(transparent)]
    Refused(#[from] frontline_csv_import::Refused),
    #[error(
        "'{0}' is not a police force area (give an ONS code such as E23000032 or a force name)"
    )]
    UnknownArea(String),
    #[error("rate {id}: {problem}")]
    Rate { id: String, problem: String },
}
