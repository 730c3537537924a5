//! The provision map's domain: who funds each service, how, and for how long. Funding streams
//! with their controlled vocabularies, the derived measures commissioners ask for (short-term,
//! ending soon, funding mix), the funding-terms tables, the tables of money under the dominance
//! rule, the funding import format, and safe accommodation's places against the Council of
//! Europe minimum (by police force area and by upper-tier local authority), the Part 4 duty's
//! report by authority, and refuge vacancies for professionals. No HTTP, no SQL.

pub mod directory;
mod error;
pub mod gaps;
pub mod import;
pub mod languages;
pub mod money;
pub mod part4;
pub mod placement;
pub mod profile;
pub mod query;
pub mod safe_accommodation;
pub mod stream;
pub mod terms;
pub mod vacancy;
pub mod vocabulary;

pub use error::ProvisionError;
pub use stream::{Commissioning, Day, FundingStream};
