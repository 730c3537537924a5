//! What can go wrong building a series, each naming what is at fault.

use thiserror::Error;

#[derive(Debug, Error)]
pub enum TrendError {
    #[error("the series definition {file} cannot be read: {problem}")]
    Spec { file: String, problem: String },
    #[error("the series column '{column}' changes question between {from} and {to} ({figure}: '{from_question}' then '{to_question}') and the series definition declares no break for it; add a note under breaks.{figure}.{to}")]
    UndeclaredBreak {
        column: String,
        figure: String,
        from: String,
        to: String,
        from_question: String,
        to_question: String,
    },
    #[error("{file} as released for {year} cannot be read: {problem}")]
    Released {
        file: String,
        year: i32,
        problem: String,
    },
}
