//! The mail round that runs beside the HTTP server: every few seconds it queues any scheduled
//! reminders that are due, then drains the outbox.

use super::reminders;
use crate::error::AppResult;
use crate::mail::{outbox, MailSettings, Mailer};
use crate::Platform;
use std::sync::Arc;

/// Runs until the process stops.
pub async fn run(platform: Platform, settings: MailSettings, mailer: Arc<Mailer>) {
    let mut tick = tokio::time::interval(settings.poll);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        let (p, s, m) = (platform.clone(), settings.clone(), Arc::clone(&mailer));
        match actix_web::rt::task::spawn_blocking(move || run_once(&p, &s, &m)).await {
            Ok(Ok(_)) => {}
            Ok(Err(e)) => tracing::error!("mail worker: {e}"),
            Err(e) => tracing::error!("mail worker stopped unexpectedly: {e}"),
        }
    }
}

/// One pass: due reminders, then the outbox. Returns the number of messages sent.
pub fn run_once(platform: &Platform, settings: &MailSettings, mailer: &Mailer) -> AppResult<usize> {
    reminders::queue_scheduled(platform, settings)?;
    outbox::drain(platform, settings, mailer)
}
