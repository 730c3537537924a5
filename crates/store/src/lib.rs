//! Frontline's store: the database (one diesel connection type over SQLite and PostgreSQL, its
//! pool and migrations), the platform handle every command and request works with, and the
//! records the platform keeps — each module owns one kind of record. No HTTP, no workflows.

pub mod clock;
pub mod crypto;
pub mod db;
pub mod error;
pub mod feedback;
mod platform;
pub mod surveys;

pub mod accounts;
pub mod audit;
pub mod carried;
pub mod codebooks;
pub mod codings;
pub mod comments;
pub mod consultations;
pub mod cycles;
pub mod due_diligence;
pub mod funding;
pub mod geography;
pub mod grants;
pub mod instruments;
pub mod invitations;
pub mod need_inputs;
pub mod outbox;
pub mod populations;
pub mod profiles;
pub mod programmes;
pub mod published;
pub mod quotes;
pub mod releases;
pub mod responses;
pub mod reviews;
pub mod revision;
pub mod secrets;
pub mod services;
pub mod states;
pub mod transcripts;
pub mod vacancies;
pub mod vacancy_links;
pub mod vfs_returns;

pub use error::{StoreError, StoreResult};
pub use platform::Platform;
