//! Reviewing starred quotes: the names found in each are proposed for redaction, the reviewer
//! keeps or drops each proposal (and may add words), and only the approved text is published.

use super::survivors;
use crate::db::DbConnection;
use crate::error::{AppError, AppResult};
use crate::profiles::safe_accommodation;
use crate::store::audit::{self, Change};
use crate::store::comments::{self, Source};
use crate::store::cycles::Cycle;
use crate::store::quotes::{self, Quote};
use crate::store::states::QuoteStatus;
use crate::store::StoreError;
use crate::store::{responses, services, transcripts};
use crate::Platform;
use frontline_qualitative::redact::{apply, NameKind, Redaction, Redactor};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use survey_engine::calendar::in_words;

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

/// Comment id → who said it: "Organisation – Service (areas)" for the practitioner survey's
/// comments, a survivor's feedback on a service, or a consultation by area, day and title.
fn speakers(
    platform: &Platform,
    conn: &mut DbConnection,
    cycle: &Cycle,
) -> AppResult<BTreeMap<i32, String>> {
    let area_name = |code: &str| {
        platform
            .geography
            .find(code)
            .map_or(code.to_string(), |a| a.name.clone())
    };
    let services: BTreeMap<i32, String> = services::all(conn)?
        .into_iter()
        .map(|s| {
            let areas: Vec<String> = s.areas.iter().map(|code| area_name(code)).collect();
            (
                s.id,
                format!("{} – {} ({})", s.organisation, s.name, areas.join(", ")),
            )
        })
        .collect();
    let by = Speakers::of(conn, cycle)?;
    Ok(comments::of_cycle(conn, cycle.id)?
        .into_iter()
        .filter_map(|c| {
            let said = match Source::of(&c.question_id) {
                Source::Instrument => return None,
                Source::Survey => services.get(by.responses.get(&c.response_id)?)?.clone(),
                Source::Feedback => format!(
                    "a survivor's feedback on {}",
                    services.get(by.feedback.get(&c.response_id)?)?
                ),
                Source::Transcript => {
                    let (area, day, title) = by.transcripts.get(&c.response_id)?;
                    format!(
                        "a consultation with survivors in {}, {}: {title}",
                        area_name(area),
                        in_words(day, false).unwrap_or_else(|| day.clone())
                    )
                }
            };
            Some((c.id, said))
        })
        .collect())
}

/// Whose each response id is, by source: the service of a practitioner response or of a
/// survivor's feedback, and the area, day and title of a transcript.
struct Speakers {
    responses: BTreeMap<i32, i32>,
    feedback: BTreeMap<i32, i32>,
    transcripts: BTreeMap<i32, (String, String, String)>,
}

impl Speakers {
    fn of(conn: &mut DbConnection, cycle: &Cycle) -> AppResult<Self> {
        let year = survivors::year_of(conn, cycle)?;
        Ok(Self {
            responses: responses::for_cycle(conn, cycle.id)?
                .into_iter()
                .map(|r| (r.id, r.service_id))
                .collect(),
            feedback: survivors::feedback_services(conn, cycle)?,
            transcripts: transcripts::held_in(conn, &year.after, &year.until)?
                .into_iter()
                .map(|t| (t.id, (t.pfa_code, t.held_on, t.title)))
                .collect(),
        })
    }
}

/// The quotes a publication of `cycle` may print: approved, in their approved wording, and never
/// from a refuge or other safe accommodation (none of whose free text is ever public) — neither
/// a practitioner's answer nor a survivor's feedback on such a service.
pub fn published(
    platform: &Platform,
    conn: &mut DbConnection,
    cycle: &Cycle,
) -> AppResult<Vec<(Quote, String)>> {
    let given = responses::for_cycle(conn, cycle.id)?;
    let mut safe_services = safe_accommodation::services_among(platform, conn, cycle, &given)?;
    let withheld_responses = safe_accommodation::responses_given_by(&given, &safe_services);
    safe_services.extend(safe_accommodation::latest(conn)?.into_keys());
    let feedback_on = survivors::feedback_services(conn, cycle)?;
    let withheld: BTreeSet<i32> = comments::of_cycle(conn, cycle.id)?
        .into_iter()
        .filter(|c| match Source::of(&c.question_id) {
            Source::Survey => withheld_responses.contains(&c.response_id),
            Source::Feedback => feedback_on
                .get(&c.response_id)
                .is_none_or(|s| safe_services.contains(s)),
            Source::Instrument | Source::Transcript => false,
        })
        .map(|c| c.id)
        .collect();
    Ok(quotes::of_cycle(conn, cycle.id)?
        .into_iter()
        .filter(|q| q.status == QuoteStatus::Approved)
        .filter(|q| !withheld.contains(&q.comment_id))
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
