//! Errors reading codebooks and coding files, each naming the line or element at fault.

use thiserror::Error;

#[derive(Debug, Error, PartialEq, Eq)]
pub enum QualitativeError {
    #[error("{file} line {line}: {problem}")]
    BadRow {
        file: String,
        line: u64,
        problem: String,
    },
    #[error("{file}: {problem}")]
    BadFile { file: String, problem: String },
    #[error(transparent)]
    Disclosure(#[from] frontline_disclosure::DisclosureError),
}
