//! What can go wrong when comparing groups.

use thiserror::Error;

#[derive(Debug, Error)]
pub enum ComparisonError {
    #[error("question '{0}' is not a closed question any group asks")]
    NotClosed(String),
    #[error("question '{0}' is not a likert question any group asks")]
    NotLikert(String),
    #[error(transparent)]
    Disclosure(#[from] frontline_disclosure::DisclosureError),
}
