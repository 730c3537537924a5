//! Frontline's web platform and CLI: thin glue joining the survey engine and geography
//! crates to the database, HTTP and the file system.

pub mod access;
pub mod bootstrap;
pub mod cli;
pub mod clock;
pub mod coding;
pub mod crypto;
pub mod db;
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
pub mod store;
pub mod surveys;

pub use error::{AppError, AppResult};
