//! The store's errors: configuration, migrations, the database, and stored or given data that
//! does not fit, each saying what and where.

use thiserror::Error;

#[derive(Debug, Error)]
pub enum StoreError {
    /// Bad configuration: the message is the whole story, printed on one line.
    #[error("{0}")]
    Config(String),
    #[error("database migrations failed: {0}")]
    Migration(String),
    #[error("database error: {0}")]
    Database(#[from] diesel::result::Error),
    #[error("no database connection available: {0}")]
    Pool(#[from] diesel::r2d2::PoolError),
    /// Input that names a field and what is wrong with it.
    #[error("{field}: {problem}")]
    Invalid { field: String, problem: String },
    /// The record can no longer change (a closed link, say).
    #[error("{0}")]
    Closed(String),
    #[error("{0} not found")]
    NotFound(String),
    #[error(transparent)]
    Survey(#[from] survey_engine::SurveyError),
    /// Stored data that cannot be read back.
    #[error("{0}")]
    Task(String),
}

impl StoreError {
    pub fn config(message: impl Into<String>) -> Self {
        Self::Config(message.into())
    }

    pub fn invalid(field: impl Into<String>, problem: impl Into<String>) -> Self {
        Self::Invalid {
            field: field.into(),
            problem: problem.into(),
        }
    }
}

pub type StoreResult<T> = Result<T, StoreError>;
