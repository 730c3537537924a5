//! The needs-assessment pack's domain: what an area's commissioners take into their commissioning
//! cycle, computed from the same figures the national tables use. Area populations (and their
//! import format), national prevalence rates as per-cycle parameters each with its source,
//! estimated people affected, and each indicator beside its region and England and Wales with
//! its rank among the areas (and all-age populations by upper-tier authority, for refuge
//! places against the Council of Europe minimum); and who is missing, residents by group beside
//! the people the services' returns count. No HTTP, no SQL.

pub mod authority_population;
mod error;
pub mod groups;
pub mod indicators;
pub mod pack;
pub mod population;
pub mod prevalence;

pub use error::NeedsError;
