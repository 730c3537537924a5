//! Errors in funding data, each naming the line and field at fault.

use thiserror::Error;

#[derive(Debug, Error, PartialEq, Eq)]
pub enum ProvisionError {
    #[error("{file} line {line}, {field}: {problem}")]
    BadField {
        file: String,
        line: u64,
        field: String,
        problem: String,
    },
    #[error("{file}: {problem}")]
    BadFile { file: String, problem: String },
    /// Protecting the tables of money failed (their relations did not hold, or the solver).
    #[error("protecting the funding tables: {0}")]
    Disclosure(#[from] frontline_disclosure::DisclosureError),
}
