//! What can go wrong building a series, each naming what is at fault.

use thiserror::Error;

#[derive(Debug, Error)]
pub enum TrendError {
    #[error("the series definition {file} cannot be read: {problem}")]
    Spec { file: String, problem: String },
    #[error("{0}")]
    UndeclaredBreak(Box<UndeclaredBreak>),
}

/// A column whose question changed between two survey versions with no break declared.
#[derive(Debug, Error)]
#[error("the series column '{column}' changes question between {from} and {to} ({figure}: '{from_question}' then '{to_question}') and the series definition declares no break for it; add a note under breaks.{figure}.{to}")]
pub struct UndeclaredBreak {
    pub column: String,
    pub figure: String,
    pub from: String,
    pub to: String,
    pub from_question: String,
    pub to_question: String,
}
