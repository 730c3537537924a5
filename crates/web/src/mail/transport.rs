//! Handing a message to the SMTP server (lettre) or writing it to the mail folder.

use super::MailSettings;
use crate::error::{AppError, AppResult};
use crate::store::outbox::Mail;
use lettre::message::header::ContentType;
use lettre::{FileTransport, Message, SmtpTransport, Transport};

pub enum Mailer {
    Smtp(SmtpTransport),
    Folder(FileTransport),
}

impl Mailer {
    pub fn new(settings: &MailSettings) -> AppResult<Self> {
        match &settings.smtp_url {
            Some(url) => SmtpTransport::from_url(url)
                .map(|builder| Mailer::Smtp(builder.build()))
                .map_err(|e| AppError::config(format!("FRONTLINE_SMTP_URL '{url}': {e}"))),
            None => {
                std::fs::create_dir_all(&settings.folder)
                    .map_err(|e| AppError::file(&settings.folder, e))?;
                Ok(Mailer::Folder(FileTransport::new(&settings.folder)))
            }
        }
    }

    /// Sends one queued message; the error text is kept on the outbox row.
    pub fn send(&self, from: &str, mail: &Mail) -> Result<(), String> {
        let message = Message::builder()
            .from(from.parse().map_err(|e| format!("sender '{from}': {e}"))?)
            .to(mail
                .recipient
                .parse()
                .map_err(|e| format!("recipient '{}': {e}", mail.recipient))?)
            .subject(&mail.subject)
            // A stable id lets receiving servers drop a copy resent after a crash mid-send.
            .message_id(Some(format!("<frontline-outbox-{}@frontline>", mail.id)))
            .header(ContentType::TEXT_PLAIN)
            .body(mail.body.clone())
            .map_err(|e| e.to_string())?;
        match self {
            Mailer::Smtp(t) => t.send(&message).map(|_| ()).map_err(|e| e.to_string()),
            Mailer::Folder(t) => t.send(&message).map(|_| ()).map_err(|e| e.to_string()),
        }
    }
}
