//! Errors in loading survey definitions.

use thiserror::Error;

#[derive(Debug, Error)]
pub enum SurveyError {
    #[error("survey definition {file}: {problem}")]
    BadDefinition { file: String, problem: String },
    #[error("no survey definition with id '{0}'")]
    UnknownSurvey(String),
    #[error("answers are not a JSON object: {0}")]
    BadAnswers(String),
}
