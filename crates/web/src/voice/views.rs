//! What a service, the survey team and the PCC offices see of feedback: counts only in words
//! ("none", "fewer than 10", "10 or more"), and a service's results by finished quarter, as
//! shares rounded to the nearest 10% (see [`frontline_voice::results::service_quarters`]).

use crate::db::DbConnection;
use crate::error::AppResult;
use crate::store::feedback;
use frontline_disclosure::SuppressionRule;
use frontline_voice::results::{service_quarters, ServiceQuarter, SERVICE_MINIMUM};
use serde::Serialize;

/// A service's feedback as its pages show it.
#[derive(Debug, Serialize)]
pub struct ServiceFeedback {
    /// How many responses in all, in words.
    pub responses: String,
    /// Responses a quarter needs before it shows.
    pub minimum: usize,
    /// Its finished quarters, latest first.
    pub quarters: Vec<ServiceQuarter>,
}

/// A count of responses in words: "none", "fewer than 10" or "10 or more".
pub fn in_words(count: usize) -> String {
    match count {
        0 => "none".into(),
        n if n < SERVICE_MINIMUM => format!("fewer than {SERVICE_MINIMUM}"),
        _ => format!("{SERVICE_MINIMUM} or more"),
    }
}

/// The feedback of service `id`, its shares shown where `rule`'s threshold answered.
pub fn of_service(
    conn: &mut DbConnection,
    id: i32,
    rule: &SuppressionRule,
) -> AppResult<ServiceFeedback> {
    let stored = feedback::of_service(conn, id)?;
    let by_month: Vec<(&str, &frontline_voice::Feedback)> = stored
        .iter()
        .map(|s| (s.month.as_str(), &s.feedback))
        .collect();
    let mut quarters = service_quarters(&by_month, &feedback::this_month(), rule);
    quarters.reverse();
    Ok(ServiceFeedback {
        responses: in_words(stored.len()),
        minimum: SERVICE_MINIMUM,
        quarters,
    })
}
