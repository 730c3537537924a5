//! The web crate's error type: configuration, storage, input and domain failures.

use thiserror::Error;

#[derive(Debug, Error)]
pub enum AppError {
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
    /// The survey (or link) is closed to answers.
    #[error("{0}")]
    Closed(String),
    /// The page needs a signed-in staff member.
    #[error("sign in to continue")]
    SignInRequired,
    /// Too many attempts in a short time; the next may come after `retry_after_secs`.
    #[error("{message}")]
    TooManyAttempts {
        message: String,
        retry_after_secs: u64,
    },
    /// A request body over the limit: refused while it is read, never held whole.
    #[error("{0}")]
    TooLarge(String),
    /// Signed in, but not allowed to do this.
    #[error("{0}")]
    Forbidden(String),
    #[error("{0} not found")]
    NotFound(String),
    #[error(transparent)]
    Geo(#[from] frontline_geo::GeoError),
    #[error(transparent)]
    Survey(#[from] survey_engine::SurveyError),
    #[error("{path}: {source}")]
    File {
        path: String,
        source: std::io::Error,
    },
    #[error("a background task failed: {0}")]
    Task(String),
}

/// When the database is briefly out of reach, how long to wait before trying again.
pub const RETRY_BUSY_SECS: u64 = 5;

impl AppError {
    /// Whether the database could not be reached (no connection free, the connection dropped,
    /// or SQLite still locked by another writer after the busy timeout): a moment's outage,
    /// after which the same request may well succeed.
    pub fn is_out_of_reach(&self) -> bool {
        use diesel::result::{DatabaseErrorKind, Error};
        match self {
            AppError::Pool(_)
            | AppError::Database(Error::DatabaseError(DatabaseErrorKind::ClosedConnection, _))
            | AppError::Database(Error::DatabaseError(DatabaseErrorKind::UnableToSendCommand, _))
            | AppError::Database(Error::BrokenTransactionManager) => true,
            AppError::Database(Error::DatabaseError(_, info)) => {
                info.message().contains("database is locked")
            }
            _ => false,
        }
    }

    /// Whether a write lost a race to an identical one (a unique key taken a moment before):
    /// a double click, say, where the first press did the work.
    pub fn is_taken_already(&self) -> bool {
        use diesel::result::{DatabaseErrorKind, Error};
        matches!(
            self,
            AppError::Database(Error::DatabaseError(DatabaseErrorKind::UniqueViolation, _))
        )
    }

    pub fn config(message: impl Into<String>) -> Self {
        Self::Config(message.into())
    }

    pub fn invalid(field: impl Into<String>, problem: impl Into<String>) -> Self {
        Self::Invalid {
            field: field.into(),
            problem: problem.into(),
        }
    }

    /// A file imported all or nothing, refused: every row's problem, and that nothing was stored.
    pub fn rows_refused<P: std::fmt::Display>(file: &str, problems: &[P]) -> Self {
        let problems: Vec<String> = problems.iter().map(ToString::to_string).collect();
        Self::invalid(
            file,
            format!(
                "nothing was imported; fix these rows: {}",
                problems.join("; ")
            ),
        )
    }

    /// A file the shared CSV reader refused: every problem by line and field, under the file's
    /// name.
    pub fn refused(file: &str, refused: frontline_csv_import::Refused) -> Self {
        Self::invalid(file, refused.to_string())
    }

    pub fn file(path: impl AsRef<std::path::Path>, source: std::io::Error) -> Self {
        Self::File {
            path: path.as_ref().display().to_string(),
            source,
        }
    }
}

pub type AppResult<T> = Result<T, AppError>;

/// The store's errors, as the workflows and pages report them.
impl From<frontline_store::StoreError> for AppError {
    fn from(e: frontline_store::StoreError) -> Self {
        use frontline_store::StoreError as S;
        match e {
            S::Config(m) => AppError::Config(m),
            S::Migration(m) => AppError::Migration(m),
            S::Database(e) => AppError::Database(e),
            S::Pool(e) => AppError::Pool(e),
            S::Invalid { field, problem } => AppError::Invalid { field, problem },
            S::Closed(m) => AppError::Closed(m),
            S::NotFound(m) => AppError::NotFound(m),
            S::Survey(e) => AppError::Survey(e),
            S::Task(m) => AppError::Task(m),
        }
    }
}

/// Survivors' voice: a malformed wording file is configuration; the rest are faults.
impl From<frontline_voice::VoiceError> for AppError {
    fn from(e: frontline_voice::VoiceError) -> Self {
        use frontline_voice::VoiceError as V;
        match e {
            V::Wording(_) => AppError::Config(e.to_string()),
            V::Stored { .. } | V::Disclosure(_) => AppError::Task(e.to_string()),
        }
    }
}
