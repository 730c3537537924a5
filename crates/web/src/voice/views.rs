//! What a service, the survey team and the PCC offices see of feedback: only finished quarters —
//! the one still going would date each new response as it arrived — with counts only in words,
//! and a service's results as shares with noise, rounded to the nearest 10% (see
//! [`frontline_voice::service_view`]), drawn from a key kept in the database.

use crate::db::DbConnection;
use crate::error::AppResult;
use crate::store::feedback;
use crate::store::secrets;
use frontline_voice::service_view::{
    quarter_start, service_quarters, KeyedNoise, ServiceQuarter, SERVICE_MINIMUM,
};
use serde::Serialize;

/// A service's feedback as its pages show it: no count at all, not even in words (whether
/// anyone answered in a quarter is the service's to guess, with noise).
#[derive(Debug, Serialize)]
pub struct ServiceFeedback {
    /// About how many responses a quarter needs before it shows.
    pub minimum: u32,
    /// Its finished quarters that show, latest first.
    pub quarters: Vec<ServiceQuarter>,
}

/// The first month of the quarter still going: responses before it are in finished quarters.
pub fn finished_before() -> String {
    let now = feedback::this_month();
    quarter_start(&now).unwrap_or(now)
}

/// A count of responses in words, for the survey team only: "none", "fewer than 10" or "10 or
/// more".
pub fn in_words(count: usize) -> String {
    match count {
        0 => "none".into(),
        n if (n as f64) < SERVICE_MINIMUM => format!("fewer than {SERVICE_MINIMUM}"),
        _ => format!("{SERVICE_MINIMUM} or more"),
    }
}

/// Names the key the noise on services' views is drawn from.
const NOISE_KEY: &str = "service-feedback-noise";

/// The feedback of service `id`.
pub fn of_service(conn: &mut DbConnection, id: i32) -> AppResult<ServiceFeedback> {
    let Some(since) = feedback::first_link_month(conn, id)? else {
        return Ok(ServiceFeedback {
            minimum: SERVICE_MINIMUM as u32,
            quarters: Vec::new(),
        });
    };
    let stored = feedback::of_service(conn, id)?;
    let by_month: Vec<(&str, &frontline_voice::Feedback)> = stored
        .iter()
        .map(|s| (s.month.as_str(), &s.feedback))
        .collect();
    let key = secrets::get_or_create(conn, NOISE_KEY)?;
    let noise = KeyedNoise::new(key.as_bytes());
    let mut quarters = service_quarters(
        i64::from(id),
        &since,
        &by_month,
        &feedback::this_month(),
        &noise,
    );
    quarters.reverse();
    Ok(ServiceFeedback {
        minimum: SERVICE_MINIMUM as u32,
        quarters,
    })
}
