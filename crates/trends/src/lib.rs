//! Trends across cycles: each published figure followed from the first cycle to this one, as the
//! public saw it (every earlier cycle from its latest release, or from what was published before
//! Frontline), with the change since the previous cycle, series breaks where a definition
//! changed, and line charts. No HTTP, no SQL.

pub mod chart;
pub mod error;
pub mod figures;
pub mod headlines;
pub mod published;
pub mod series;
pub mod spec;

pub use error::TrendError;
pub use figures::{CycleFigures, Origin};
pub use spec::{Level, SeriesSpec};
