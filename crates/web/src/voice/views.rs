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

/// A service's feedback as its pages show it.
#[derive(Debug, Serialize)]
pub struct ServiceFeedback {
    /// How many responses in all, in words.
    pub responses: String,
    /// Responses a quarter needs before it shows.
    pub minimum: u32,
    /// Its finished quarters, latest first.
    pub quarters: Vec<ServiceQuarter>,
}

/// The first month of the quarter still going: responses before it are in finished quarters.
pub fn finished_before() -> String {
    let now = feedback::this_month();
    quarter_start(&now).unwrap_or(now)
}

/// A count of responses in words: "none", "fewer than 10" or "10 or more".
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
    let stored = feedback::of_service(conn, id)?;
    let finished = finished_before();
    let by_month: Vec<(&str, &frontline_voice::Feedback)> = stored
        .iter()
        .filter(|s| s.month < finished)
        .map(|s| (s.month.as_str(), &s.feedback))
        .collect();
    let key = secrets::get_or_create(conn, NOISE_KEY)?;
    let noise = KeyedNoise::new(key.as_bytes());
    let mut quarters = service_quarters(i64::from(id), &by_month, &feedback::this_month(), &noise);
    quarters.reverse();
    Ok(ServiceFeedback {
        responses: in_words(by_month.len()),
        minimum: SERVICE_MINIMUM as u32,
        quarters,
    })
}
