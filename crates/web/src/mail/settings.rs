//! Where mail goes (an SMTP server, or a folder when none is configured) and what links point at.

use crate::crypto::LinkToken;
use std::path::PathBuf;
use std::time::Duration;

#[derive(Debug, Clone)]
pub struct MailSettings {
    /// `smtp://user:pass@host:587?tls=required`, `smtps://…`, or `smtp://127.0.0.1:2525` (no TLS).
    pub smtp_url: Option<String>,
    /// Used when no SMTP server is configured: each message is written here as an `.eml` file.
    pub folder: PathBuf,
    /// The sender, e.g. `Frontline survey team <survey@example.org>`.
    pub from: String,
    /// The address respondents reach the platform at, for links in mail.
    pub public_url: String,
    /// How often the worker looks for mail to send and reminders that are due.
    pub poll: Duration,
    /// How long a worker's claim on a message holds before another server may take it over.
    pub lease_seconds: i64,
}

impl MailSettings {
    /// How the admin pages describe the mail route.
    pub fn describe(&self) -> String {
        match &self.smtp_url {
            Some(url) => format!("SMTP server {}", redact(url)),
            None => format!(
                "no SMTP server configured: mail is written to the folder {}",
                self.folder.display()
            ),
        }
    }

    /// The respondent link for a token.
    pub fn link(&self, token: &LinkToken) -> String {
        let base = self.public_url.trim_end_matches('/');
        format!("{base}/r/{}", token.expose())
    }

    /// A service's feedback link, as printed on its cards and leaflets.
    pub fn feedback_link(&self, token: &str) -> String {
        let base = self.public_url.trim_end_matches('/');
        format!("{base}/feedback/{token}")
    }

    /// The link to a service's VFS return for a period.
    pub fn return_link(&self, token: &LinkToken) -> String {
        let base = self.public_url.trim_end_matches('/');
        format!("{base}/v/{}", token.expose())
    }
}

/// An SMTP URL without its password.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            format!("{}://…@{}", &url[..scheme], &url[at + 1..])
        }
        _ => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::redact;

    #[test]
    fn smtp_passwords_are_not_shown() {
        assert_eq!(
            redact("smtp://user:secret@mail.example.org:587"),
            "smtp://…@mail.example.org:587"
        );
        assert_eq!(redact("smtp://127.0.0.1:2525"), "smtp://127.0.0.1:2525");
    }
}
