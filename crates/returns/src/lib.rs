//! Periodic provider returns on the Victims Funding Strategy core metrics (MoJ/APCC victim
//! services commissioning guidance 2024, Annex B): reporting periods, the metrics in their fixed
//! categories, the arithmetic checks a return must pass, and aggregation with disclosure control.
//! No HTTP, no SQL.

mod aggregate;
mod checks;
mod error;
mod figures;
mod joint;
pub mod metrics;
mod period;

pub use aggregate::{sum, ByArea};
pub use checks::{check, swings, Finding, Severity};
pub use error::ReturnsError;
pub use figures::ReturnFigures;
pub use joint::{
    period_family, protect_period, Funded, PeriodTables, ProgrammeTable, ServiceReturn,
};
pub use period::{Frequency, Period};
