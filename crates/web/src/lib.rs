//! Frontline's web platform and CLI: thin glue joining the survey engine and geography
//! crates to the database, HTTP and the file system.

pub mod access;
pub mod cli;
pub mod coding;
pub mod demo;
pub mod error;
pub mod estimates;
pub mod fieldwork;
pub mod funding;
pub mod http;
pub mod import_need;
pub mod instruments;
pub mod mail;
pub mod packs;
pub mod privacy;
pub mod profiles;
pub mod publish;
pub mod returns;

pub use error::{AppError, AppResult};
/// The store crate, under the names the workflows use: the records (`store::accounts`…), the
/// database, clock, secrets and built-in survey definitions, and the platform handle.
pub use frontline_store as store;
pub use frontline_store::{clock, crypto, db, surveys, Platform};
