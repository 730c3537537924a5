//! Errors raised by the geography crate, each naming the input at fault.

use thiserror::Error;

#[derive(Debug, Error)]
pub enum GeoError {
    #[error("{file} line {line}: {problem}")]
    BadRow {
        file: String,
        line: u64,
        problem: String,
    },
    #[error(
        "unknown police force area '{0}' (give an ONS code such as E23000001 or a force name)"
    )]
    UnknownArea(String),
    #[error("service {service}: area shares sum to {sum:.3}, they must sum to 1")]
    SharesDoNotSumToOne { service: String, sum: f64 },
    #[error("boundary file: {0}")]
    Boundaries(String),
    #[error("disclosure control: {0}")]
    Disclosure(#[from] frontline_disclosure::DisclosureError),
    #[error("{0}")]
    Io(#[from] std::io::Error),
}
