//! Comparing respondent groups — the instruments of one wave — question by question: closed
//! questions and respondent profiles as counts with percentages computed from them, under one
//! disclosure rule, and likert questions side by side with a diverging stacked bar chart.
//! Pure domain logic: answers in, tables and SVG out.

pub mod chart;
pub mod closed;
mod error;
pub mod group;
pub mod likert;

pub use error::ComparisonError;
pub use group::{shared_questions, Group};
