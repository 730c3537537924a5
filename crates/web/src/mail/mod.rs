//! Outgoing mail: settings, message wording, the transport, and the worker that drains the outbox.

pub mod compose;
pub mod settings;
pub mod transport;
pub mod worker;

pub use settings::MailSettings;
pub use transport::Mailer;
