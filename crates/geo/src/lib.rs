//! Geography of the survey: police force areas and regions, FTE allocation,
//! the Idva need model, aggregation into coverage tables, and choropleth maps.

pub mod aggregate;
pub mod allocation;
pub mod areas;
pub mod authorities;
pub mod code;
pub mod columns;
pub mod error;
pub mod findings;
pub mod imputation;
pub mod maps;
pub mod need;
pub mod need_file;
pub mod places;
pub mod precedence;
pub mod publication;
pub mod roles;
pub mod tables;

pub use areas::{Geography, PoliceForceArea, Region};
pub use code::{NotAPfaCode, PfaCode};
pub use error::GeoError;
