//! The feedback desk: serves the anonymous form through a service's link and keeps a response.
//!
//! What it never reads: the client's address, its user agent, a cookie. What it keeps: the
//! service (and the region it counts in), the month, the language and the answers. Automated abuse is limited by the guards of
//! [`frontline_voice::guard`], which track no one.

use crate::db::DbConnection;
use crate::error::{AppError, AppResult};
use crate::store::feedback::{self, LinkTarget};
use frontline_voice::guard::{self, FormStamp, LinkWindow, Timing, UsedStamps, Verdict};
use frontline_voice::wording::Wording;
use frontline_voice::{Feedback, FieldProblem};
use rand::RngCore;
use std::sync::Mutex;
use std::time::{SystemTime, UNIX_EPOCH};

/// Where "Exit this page" goes: a neutral page, as the GOV.UK component does.
pub const DEFAULT_EXIT_TO: &str = "https://www.bbc.co.uk/weather";

/// How the desk guards its links.
#[derive(Debug, Clone)]
pub struct FeedbackSettings {
    /// No person sends the form sooner than this after it was served.
    pub min_fill_secs: i64,
    /// Responses one link takes in an hour.
    pub per_link_per_hour: usize,
    /// The neutral page "Exit this page" leads to.
    pub exit_to: String,
}

impl Default for FeedbackSettings {
    fn default() -> Self {
        FeedbackSettings {
            min_fill_secs: Timing::default().min_fill_secs,
            per_link_per_hour: 30,
            exit_to: DEFAULT_EXIT_TO.into(),
        }
    }
}

/// The desk: the form's wording, the key its stamps are signed with (new at every start, kept
/// in memory only) and each link's responses this hour.
pub struct FeedbackDesk {
    pub wording: Wording,
    pub exit_to: String,
    timing: Timing,
    key: [u8; 32],
    window: Mutex<LinkWindow>,
    used: Mutex<UsedStamps>,
}

/// What became of a posted form.
#[derive(Debug)]
pub enum Sent {
    /// Kept — or discarded as a program's, which looks the same from outside.
    Thanks,
    /// The form's stamp was stale or missing: shown again, answers kept, to send once more.
    Again,
    /// Answers to put right, by field; nothing kept.
    Problems(Vec<FieldProblem>),
    /// The link has taken its responses for this hour; nothing kept.
    Busy,
}

fn now_secs() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

impl FeedbackDesk {
    /// The desk; refused when the exit page is not a web address of its own.
    pub fn new(settings: &FeedbackSettings) -> AppResult<Self> {
        let exit = &settings.exit_to;
        let web_address = exit.starts_with("https://") || exit.starts_with("http://");
        if !web_address || exit.contains(char::is_whitespace) || exit.contains(['"', '<', '>']) {
            return Err(AppError::invalid(
                "exit-url",
                format!("'{exit}' is not a web address (https://…) of a neutral page"),
            ));
        }
        let mut key = [0u8; 32];
        rand::rngs::OsRng.fill_bytes(&mut key);
        let timing = Timing {
            min_fill_secs: settings.min_fill_secs,
            ..Timing::default()
        };
        Ok(FeedbackDesk {
            wording: Wording::shipped()?,
            exit_to: settings.exit_to.clone(),
            timing,
            key,
            window: Mutex::new(LinkWindow::new(settings.per_link_per_hour)),
            used: Mutex::new(UsedStamps::new(timing)),
        })
    }

    /// The stamp for a form served now through `token`.
    pub fn stamp(&self, token: &str) -> String {
        FormStamp::new(&self.key).issue(token, now_secs(), rand::random())
    }

    /// The stamp for a form shown again (a problem to put right, a language changed): the person
    /// has already spent the time a program would not, so sending it at once is not held
    /// against them.
    pub fn stamp_again(&self, token: &str) -> String {
        FormStamp::new(&self.key).issue(
            token,
            now_secs() - self.timing.min_fill_secs,
            rand::random(),
        )
    }

    /// Judges and, when a person sent it and it reads, keeps a posted form.
    pub fn receive(
        &self,
        conn: &mut DbConnection,
        target: &LinkTarget,
        token: &str,
        language: frontline_voice::Language,
        fields: &[(String, String)],
    ) -> AppResult<Sent> {
        let given = |name: &str| {
            fields
                .iter()
                .find(|(k, _)| k == name)
                .map_or("", |(_, v)| v.as_str())
        };
        let elapsed = FormStamp::new(&self.key).elapsed(token, given(guard::STAMP), now_secs());
        match guard::judge(given(guard::HONEYPOT), elapsed, self.timing) {
            Verdict::Discard => return Ok(Sent::Thanks),
            Verdict::AskAgain => return Ok(Sent::Again),
            Verdict::Accept => {}
        }
        let answers = match Feedback::from_form(fields) {
            Ok(answers) => answers,
            Err(problems) => return Ok(Sent::Problems(problems)),
        };
        if !self.take(given(guard::STAMP)) {
            // This page was sent before: kept once already (a double tap, or a replay).
            return Ok(Sent::Thanks);
        }
        if !self.admit(target.link_id) {
            return Ok(Sent::Busy);
        }
        feedback::record(
            conn,
            target.service_id,
            &feedback::this_month(),
            language,
            &answers,
        )?;
        Ok(Sent::Thanks)
    }

    fn take(&self, stamp: &str) -> bool {
        let mut used = self
            .used
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        used.take(stamp, now_secs())
    }

    fn admit(&self, link_id: i32) -> bool {
        // A poisoned lock (a panic elsewhere) still holds valid counts.
        let mut window = self
            .window
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        window.admit(i64::from(link_id), now_secs())
    }
}
