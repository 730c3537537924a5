//! Frontline's web platform: the workflows that send invitations, collect answers, roll forward
//! non-responders, code answers and publish, and the HTTP pages, templates and mail around them.
//! Persistence is the store crate's; the demo and the command line are crates of their own.

pub mod access;
pub mod coding;
pub mod error;
pub mod estimates;
pub mod fieldwork;
pub mod funding;
pub mod grants;
pub mod http;
pub mod import_need;
pub mod instruments;
pub mod mail;
pub mod packs;
pub mod privacy;
pub mod profiles;
pub mod publication;
pub mod publish;
pub mod qr;
pub mod returns;
pub mod templates;
pub mod voice;

pub use error::{AppError, AppResult};
/// The store crate, under the names the workflows use: the records (`store::accounts`…), the
/// database, clock, secrets and built-in survey definitions, and the platform handle.
pub use frontline_store as store;
pub use frontline_store::{clock, crypto, db, surveys, Platform};
