//! Answering an instrument by a private link (`/s/TOKEN`): section saves that keep earlier
//! answers, submission when every check passes, amendments until the wave closes, and the
//! private link sent to the respondent's own address on request.

use crate::coding;
use crate::crypto::LinkToken;
use crate::db::DbConnection;
use crate::error::{AppError, AppResult};
use crate::instruments::open_links::OpenLinkGuard;
use crate::store::cycles::{self, Cycle};
use crate::store::instruments::{self, InstrumentResponse};
use crate::store::outbox;
use crate::store::states::InstrumentStatus;
use crate::{clock, Platform};
use survey_engine::validate::{check, check_section, Problem, Stage};
use survey_engine::{Answers, SurveyDefinition};

/// A respondent's response, reached by its private link, and the wave it belongs to.
#[derive(Clone)]
pub struct PrivateLink {
    pub response: InstrumentResponse,
    pub cycle: Cycle,
}

/// The outcome of a save: stored, or refused with what to put right.
pub enum Saved {
    Stored(Box<InstrumentResponse>),
    Refused(Vec<Problem>),
}

const ATTEMPTS: usize = 8;

/// Finds the response a private link resumes; refuses once the wave has closed.
pub fn open(conn: &mut DbConnection, token: &str) -> AppResult<PrivateLink> {
    let not_found = || AppError::NotFound("survey link".into());
    let token = LinkToken::from_link(token).ok_or_else(not_found)?;
    let response = instruments::by_resume_hash(conn, &token.hash())?.ok_or_else(not_found)?;
    let cycle = cycles::by_id(conn, response.cycle_id)?;
    if !cycle.is_open() {
        return Err(AppError::Closed(format!(
            "The {} has closed, so answers can no longer be given or changed. Thank you for your help.",
            cycle.title
        )));
    }
    Ok(PrivateLink { response, cycle })
}

pub fn definition<'p>(
    platform: &'p Platform,
    link: &PrivateLink,
) -> AppResult<&'p SurveyDefinition> {
    Ok(platform.catalogue.get(&link.response.instrument)?)
}

pub fn answers_of(response: &InstrumentResponse) -> AppResult<Answers> {
    Ok(Answers::from_json(&response.answers)?)
}

/// Refuses the first answers of an open-link response given sooner than people can read and
/// answer a page (named invitations are not guarded: their link went to one address).
fn too_fast(response: &InstrumentResponse, guard: &OpenLinkGuard) -> bool {
    response.open_link_id.is_some()
        && response.status == InstrumentStatus::Started
        && response.created_at > clock::in_seconds(-(guard.min_fill.as_secs() as i64))
}

/// Saves one section's answers over the earlier ones; nothing is stored if any is refused.
/// A submitted response stays submitted only while its answers still pass every check.
pub fn save_section(
    conn: &mut DbConnection,
    def: &SurveyDefinition,
    link: &PrivateLink,
    guard: &OpenLinkGuard,
    section_id: &str,
    posted: Answers,
) -> AppResult<Saved> {
    let section = def
        .sections
        .iter()
        .find(|s| s.id == section_id)
        .ok_or_else(|| AppError::NotFound(format!("survey section '{section_id}'")))?;
    let mut response = link.response.clone();
    if too_fast(&response, guard) {
        return Err(AppError::invalid(
            "form",
            "this page was sent back faster than a person could read it; please check your answers and save again",
        ));
    }
    for _ in 0..ATTEMPTS {
        let mut merged = answers_of(&response)?;
        merged.merge(posted.clone());
        let stage = if response.is_submitted() {
            Stage::Submission
        } else {
            Stage::Draft
        };
        let problems = check_section(def, &merged, section, stage);
        if !problems.is_empty() {
            return Ok(Saved::Refused(problems));
        }
        let status = if response.is_submitted() {
            InstrumentStatus::Submitted
        } else {
            InstrumentStatus::Partial
        };
        if let Some(saved) = save_and_recut(conn, &response, &merged.to_json(), status)? {
            return Ok(Saved::Stored(Box::new(saved)));
        }
        response = reread(conn, &response)?;
    }
    Err(busy())
}

/// Submits if every check passes.
pub fn submit(
    conn: &mut DbConnection,
    def: &SurveyDefinition,
    link: &PrivateLink,
) -> AppResult<Saved> {
    let mut response = link.response.clone();
    for _ in 0..ATTEMPTS {
        let answers = answers_of(&response)?;
        let problems = check(def, &answers, Stage::Submission);
        if !problems.is_empty() {
            return Ok(Saved::Refused(problems));
        }
        if let Some(saved) = save_and_recut(
            conn,
            &response,
            &response.answers,
            InstrumentStatus::Submitted,
        )? {
            return Ok(Saved::Stored(Box::new(saved)));
        }
        response = reread(conn, &response)?;
    }
    Err(busy())
}

/// Queues a mail with the private link to `email`; at most one per response every ten minutes.
/// The address is used for this mail only.
pub fn email_link(
    conn: &mut DbConnection,
    public_url: &str,
    link: &PrivateLink,
    token: &str,
    email: &str,
) -> AppResult<bool> {
    let email = email.trim();
    let plausible = email.len() <= 254
        && email.split_once('@').is_some_and(|(user, host)| {
            !user.is_empty() && host.contains('.') && !host.starts_with('.') && !host.ends_with('.')
        })
        && !email.chars().any(|c| c.is_whitespace() || c.is_control());
    if !plausible {
        return Err(AppError::invalid(
            "email",
            "enter an email address like name@example.org",
        ));
    }
    let now = clock::now();
    let bucket = &now.as_str()[..15];
    let body = format!(
        "You asked for the link to your answers to the {}.\n\nCarry on, change or submit them here until the survey closes on {}:\n\n{}/s/{token}\n\nThis link is private to you: anyone with it can see and change your answers, so please do not forward this email.\n",
        link.cycle.title, link.cycle.closes_on, public_url.trim_end_matches('/')
    );
    Ok(outbox::enqueue(
        conn,
        &format!("resume:{}:{bucket}", link.response.id),
        email,
        "Your link to carry on with the survey",
        &body,
    )?)
}

/// Stores the answers (if nobody saved since `response` was read) and, in the same
/// transaction, re-cuts any of its answers already split into comments for coding.
fn save_and_recut(
    conn: &mut DbConnection,
    response: &InstrumentResponse,
    answers: &str,
    status: InstrumentStatus,
) -> AppResult<Option<InstrumentResponse>> {
    frontline_store::db::transaction(conn, |conn| {
        let saved = instruments::save(conn, response.id, response.revision, answers, status)?;
        if let Some(saved) = &saved {
            coding::recut::instrument_response_saved(conn, saved, "respondent")?;
        }
        Ok(saved)
    })
}

fn reread(conn: &mut DbConnection, r: &InstrumentResponse) -> AppResult<InstrumentResponse> {
    instruments::by_resume_hash(conn, &r.resume_hash)?
        .ok_or_else(|| AppError::NotFound("response".into()))
}

fn busy() -> AppError {
    AppError::Task("the response kept changing while saving; please try again".into())
}
