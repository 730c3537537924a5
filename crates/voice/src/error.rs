//! What can go wrong in survivors' voice outside a person's answers (those are
//! [`crate::FieldProblem`]s).

use thiserror::Error;

#[derive(Debug, Error)]
pub enum VoiceError {
    /// The form's wording file is malformed or misses text a language needs.
    #[error("survivor feedback wording: {0}")]
    Wording(String),
    /// A stored response could not be read back.
    #[error("stored feedback response {id}: {problem}")]
    Stored { id: i64, problem: String },
    /// The disclosure rule could not protect a table.
    #[error("{0}")]
    Disclosure(#[from] frontline_disclosure::DisclosureError),
}
