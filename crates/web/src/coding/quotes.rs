//! Reviewing starred quotes: the names found in each are proposed for redaction, the reviewer
//! keeps or drops each proposal (and may add words), and only the approved text is published.

use crate::db::DbConnection;
use crate::error::{AppError, AppResult};
use crate::store::audit::{self, Change};
use crate::store::cycles::Cycle;
use crate::store::quotes::{self, Quote};
use crate::store::states::QuoteStatus;
use crate::store::StoreError;
use crate::store::{comments, responses, services};
use crate::Platform;
use frontline_qualitative::redact::{apply, NameKind, Redaction, Redactor};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Review {
    pub quote: Quote,
    pub redactions: Vec<Redaction>,
    /// The text with every proposed redaction applied.
    pub preview: String,
    /// Who said it, for judging whether the quote identifies them: the service and the areas it
    /// works in, or the instrument's respondents (anonymous).
    pub said_by: String,
}

/// Every quote of the cycle with its proposed redactions, waiting ones first, then approved,
/// then rejected; within each, by question and comment.
pub fn reviews(
    platform: &Platform,
    conn: &mut DbConnection,
    cycle: &Cycle,
) -> AppResult<Vec<Review>> {
    let redactor = super::redaction::redactor(platform, conn, cycle)?;
    let said_by = speakers(platform, conn, cycle)?;
    let mut reviews: Vec<Review> = quotes::of_cycle(conn, cycle.id)?
        .into_iter()
        .map(|quote| {
            let redactions = redactor.find(&quote.body);
            Review {
                preview: apply(&quote.body, &redactions),
                said_by: said_by
                    .get(&quote.comment_id)
                    .cloned()
                    .unwrap_or_else(|| "a respondent to one of the wave's surveys".into()),
                quote,
                redactions,
            }
        })
        .collect();
    reviews.sort_by_key(|r| match r.quote.status {
        QuoteStatus::Starred => 0,
        QuoteStatus::Approved => 1,
        QuoteStatus::Rejected => 2,
    });
    Ok(reviews)
}

/// Comment id → "Organisation – Service (areas)" for the practitioner survey's comments.
fn speakers(
    platform: &Platform,
    conn: &mut DbConnection,
    cycle: &Cycle,
) -> AppResult<std::collections::BTreeMap<i32, String>> {
    let services: std::collections::BTreeMap<i32, String> = services::all(conn)?
        .into_iter()
        .map(|s| {
            let areas: Vec<&str> = s
                .areas
                .iter()
                .map(|code| {
                    platform
                        .geography
                        .find(code)
                        .map_or(code.as_str(), |a| a.name.as_str())
                })
                .collect();
            (
                s.id,
                format!("{} – {} ({})", s.organisation, s.name, areas.join(", ")),
            )
        })
        .collect();
    let service_of: std::collections::BTreeMap<i32, i32> = responses::for_cycle(conn, cycle.id)?
        .into_iter()
        .map(|r| (r.id, r.service_id))
        .collect();
    Ok(comments::of_cycle(conn, cycle.id)?
        .into_iter()
        .filter(|c| !comments::is_instrument_question(&c.question_id))
        .filter_map(|c| {
            let service = service_of.get(&c.response_id)?;
            Some((c.id, services.get(service)?.clone()))
        })
        .collect())
}

/// The quotes a publication of `cycle` may print: approved, in their approved wording, and never
/// from a refuge or other safe accommodation (none of whose free text is ever public).
pub fn published(
    platform: &Platform,
    conn: &mut DbConnection,
    cycle: &Cycle,
) -> AppResult<Vec<(Quote, String)>> {
    let withheld = crate::profiles::safe_accommodation::responses_of(platform, conn, cycle)?;
    let responses: std::collections::BTreeMap<i32, i32> = comments::of_cycle(conn, cycle.id)?
        .into_iter()
        .filter(|c| !comments::is_instrument_question(&c.question_id))
        .map(|c| (c.id, c.response_id))
        .collect();
    Ok(quotes::of_cycle(conn, cycle.id)?
        .into_iter()
        .filter(|q| q.status == QuoteStatus::Approved)
        .filter(|q| {
            responses
                .get(&q.comment_id)
                .is_none_or(|r| !withheld.contains(r))
        })
        .filter_map(|q| {
            let text = q.published_text.clone()?;
            Some((q, text))
        })
        .collect())
}

/// Checks that `comment_id` names a comment of `cycle` ("not found" otherwise: a quote of
/// another cycle is never decided from this one's page).
fn quote_in(conn: &mut DbConnection, cycle: &Cycle, comment_id: i32) -> AppResult<()> {
    comments::in_cycle(conn, cycle.id, comment_id).map_err(|e| match e {
        StoreError::NotFound(_) => {
            AppError::NotFound(format!("quote {comment_id} of {}", cycle.year))
        }
        other => other.into(),
    })?;
    Ok(())
}

/// Approves a quote with the proposed redactions numbered in `keep` and any `extra` words
/// (comma-separated) redacted; returns the published text.
pub fn approve(
    platform: &Platform,
    conn: &mut DbConnection,
    cycle: &Cycle,
    comment_id: i32,
    keep: &[usize],
    extra: &str,
    by: &str,
) -> AppResult<String> {
    quote_in(conn, cycle, comment_id)?;
    super::ensure_changeable(cycle)?;
    let review = reviews(platform, conn, cycle)?
        .into_iter()
        .find(|r| r.quote.comment_id == comment_id)
        .ok_or_else(|| {
            AppError::NotFound(format!(
                "comment {comment_id} is not a quote of {}",
                cycle.year
            ))
        })?;
    if let Some(bad) = keep.iter().find(|&&k| k >= review.redactions.len()) {
        return Err(AppError::invalid(
            "redact",
            format!("there is no proposed redaction {bad}"),
        ));
    }
    let mut chosen: Vec<Redaction> = keep.iter().map(|&k| review.redactions[k].clone()).collect();
    let extra_words = Redactor::new(
        extra
            .split(',')
            .map(str::trim)
            .filter(|w| !w.is_empty())
            .map(|w| (w.to_string(), NameKind::Person)),
    );
    for found in extra_words.find(&review.quote.body) {
        if !chosen
            .iter()
            .any(|c| found.start < c.end && c.start < found.end)
        {
            chosen.push(found);
        }
    }
    let text = apply(&review.quote.body, &chosen);
    quotes::decide(conn, comment_id, Some(&text), by)?;
    audit::record(
        conn,
        Change {
            actor: by,
            action: "coding.quote_approved",
            entity: "comment",
            entity_id: comment_id.to_string(),
            after: Some(text.clone()),
            reason: Some(format!("{} redaction(s)", chosen.len())),
            ..Default::default()
        },
    )?;
    Ok(text)
}

/// Rejects a quote: it is never published.
pub fn reject(conn: &mut DbConnection, cycle: &Cycle, comment_id: i32, by: &str) -> AppResult<()> {
    quote_in(conn, cycle, comment_id)?;
    super::ensure_changeable(cycle)?;
    quotes::decide(conn, comment_id, None, by)?;
    Ok(audit::record(
        conn,
        Change {
            actor: by,
            action: "coding.quote_rejected",
            entity: "comment",
            entity_id: comment_id.to_string(),
            ..Default::default()
        },
    )?)
}
