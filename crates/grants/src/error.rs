//! What can go wrong with grants: a refused import (every problem by line and field) or a value
//! that breaks a rule, named by its field.

use thiserror::Error;

#[derive(Debug, Error, PartialEq, Eq)]
pub enum GrantsError {
    /// An imported file refused, with every problem by line and field.
    #[error(transparent)]
    Refused(#[from] frontline_csv_import::Refused),
    /// A value given in a form or a command, named by its field.
    #[error("{field}: {problem}")]
    Invalid { field: String, problem: String },
    /// The disclosure control of a published table could not be worked out.
    #[error("disclosure control: {0}")]
    Disclosure(String),
}

impl GrantsError {
    pub fn invalid(field: impl Into<String>, problem: impl Into<String>) -> Self {
        GrantsError::Invalid {
            field: field.into(),
            problem: problem.into(),
        }
    }
}
