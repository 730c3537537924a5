//! Qualitative analysis of open answers, as researchers do it in NVivo or QualCoder: codebooks
//! (CSV and REFI-QDA `.qdc`), answers split into comments, agreement between coders (Cohen's
//! kappa, Krippendorff's alpha) and the double-coding sample, redaction of names before quotes
//! are published, and word clouds.
//! No HTTP, no SQL.

pub mod agreement;
pub mod codebook;
mod error;
pub mod project;
pub mod redact;
pub mod results;
pub mod sample;
pub mod segment;
pub mod wordcloud;

pub use error::QualitativeError;
