//! What a service, the survey team and the PCC offices see of feedback: counts said in words
//! ("none", "fewer than 5"), and a service's results only once it has the rule's threshold of
//! responses — protected cell by cell as every table of people is.

use crate::db::DbConnection;
use crate::error::AppResult;
use crate::store::feedback;
use frontline_disclosure::SuppressionRule;
use frontline_geo::tables::Table;
use frontline_voice::results::{self, visible_to_service};
use frontline_voice::Feedback;
use serde::Serialize;

/// A service's feedback as its pages show it.
#[derive(Debug, Serialize)]
pub struct ServiceFeedback {
    /// How many responses, in words.
    pub responses: String,
    /// Responses needed before results show.
    pub threshold: u32,
    /// The results, once there are enough responses.
    pub outcomes: Option<Table>,
    pub support: Option<Table>,
}

/// A count of responses in words: "none", "fewer than 5" or the number.
pub fn in_words(count: usize, rule: &SuppressionRule) -> String {
    match count {
        0 => "none".into(),
        n if !visible_to_service(n, rule) => format!("fewer than {}", rule.threshold()),
        n => n.to_string(),
    }
}

/// The feedback of service `id` under `rule`.
pub fn of_service(
    conn: &mut DbConnection,
    id: i32,
    name: &str,
    rule: &SuppressionRule,
) -> AppResult<ServiceFeedback> {
    let stored = feedback::of_service(conn, id)?;
    let answers: Vec<Feedback> = stored.into_iter().map(|s| s.feedback).collect();
    let (outcomes, support) = if visible_to_service(answers.len(), rule) {
        let all: Vec<&Feedback> = answers.iter().collect();
        (
            Some(results::outcomes("feedback-outcomes", &all, rule)?),
            Some(results::wanted_received(
                "feedback-support",
                "service",
                &[(name.to_string(), all)],
                name,
                rule,
            )?),
        )
    } else {
        (None, None)
    };
    Ok(ServiceFeedback {
        responses: in_words(answers.len(), rule),
        threshold: rule.threshold(),
        outcomes,
        support,
    })
}
