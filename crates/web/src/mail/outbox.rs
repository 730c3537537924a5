//! Draining the outbox: sends every message that is due, and backs off on failure.

use super::{MailSettings, Mailer};
use crate::clock;
use crate::error::AppResult;
use crate::store::outbox;
use crate::Platform;

/// Sends every due message; a failed one is retried later, after a growing pause.
pub fn drain(platform: &Platform, settings: &MailSettings, mailer: &Mailer) -> AppResult<usize> {
    let mut conn = platform.conn()?;
    let mut sent = 0;
    loop {
        let batch = outbox::claim_due(&mut conn, 20, settings.lease_seconds)?;
        if batch.is_empty() {
            return Ok(sent);
        }
        for mail in batch {
            match mailer.send(&settings.from, &mail) {
                Ok(()) => {
                    outbox::mark_sent(&mut conn, mail.id)?;
                    sent += 1;
                }
                Err(error) => {
                    tracing::warn!(to = %mail.recipient, attempt = mail.attempts, "mail not sent: {error}");
                    let retry_at = clock::in_seconds(backoff_seconds(mail.attempts));
                    outbox::mark_failed(&mut conn, &mail, &error, &retry_at)?;
                }
            }
        }
    }
}

/// 5 s after the first failure, doubling each time, at most an hour.
pub fn backoff_seconds(attempts: i32) -> i64 {
    let exponent = attempts.clamp(1, 20) as u32 - 1;
    (5_i64 << exponent).min(3_600)
}

#[cfg(test)]
mod tests {
    use super::backoff_seconds;

    #[test]
    fn back_off_doubles_up_to_an_hour() {
        assert_eq!(backoff_seconds(1), 5);
        assert_eq!(backoff_seconds(2), 10);
        assert_eq!(backoff_seconds(4), 40);
        assert_eq!(backoff_seconds(12), 3_600);
    }
}
