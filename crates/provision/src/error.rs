//! What can go wrong with the provision map's data (an imported file's problems are the shared
//! CSV reader's, each naming its line and field).

use thiserror::Error;

#[derive(Debug, Error, PartialEq, Eq)]
pub enum ProvisionError {
    /// Protecting the tables of money failed (their relations did not hold, or the solver).
    #[error("protecting the funding tables: {0}")]
    Disclosure(#[from] frontline_disclosure::DisclosureError),
}
