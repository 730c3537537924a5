//! Outgoing mail: settings, message wording, the transport, and draining the outbox.

pub mod compose;
pub mod outbox;
pub mod settings;
pub mod transport;

pub use settings::MailSettings;
pub use transport::Mailer;
