//! Errors in periods and figures, each naming what is wrong.

use thiserror::Error;

#[derive(Debug, Error, PartialEq, Eq)]
pub enum ReturnsError {
    #[error("'{0}' is not a reporting frequency: give quarterly, six-monthly or annual")]
    BadFrequency(String),
    #[error("'{0}' is not a period: give one like 2025-Q1 (quarter), 2025-H1 (half year) or 2025 (year)")]
    BadPeriod(String),
    #[error("{period} does not fit {article} {frequency} programme: quarterly periods look like 2025-Q1, six-monthly 2025-H1, annual 2025")]
    WrongKind {
        period: String,
        article: &'static str,
        frequency: String,
    },
    #[error("{column}: '{value}' is not a whole number of 0 or more")]
    BadCount { column: String, value: String },
    #[error("{column}: '{value}' is not a number of weeks of 0 or more")]
    BadWeeks { column: String, value: String },
    #[error("disclosure control: {0}")]
    Disclosure(#[from] frontline_disclosure::DisclosureError),
}
