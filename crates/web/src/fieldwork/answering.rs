//! Answering a cycle's survey for one service, online by invitation link or by survey staff
//! on the phone: section saves that never lose an earlier answer, submission, amendment until
//! the cycle closes, and the two answers that are not figures (no practitioners, closed).

use crate::coding;
use crate::db::DbConnection;
use crate::error::{AppError, AppResult};
use crate::store::cycles::Cycle;
use crate::store::responses::{self, NewAnswers, NewResponse, Response, Submission};
use crate::store::states::{Channel, Outcome};
use crate::store::StoreError;
use crate::store::{audit, services};
use crate::surveys::schema_ref;
use survey_engine::figures::outcome;
use survey_engine::validate::{check, check_section, Problem, Stage};
use survey_engine::{Answers, SubmittedAnswers, SurveyDefinition};

/// Who is answering for which service.
#[derive(Debug, Clone)]
pub struct Respondent {
    pub cycle: Cycle,
    pub service: services::Service,
    /// Online (by invitation link) or by phone (survey staff on the service's behalf).
    pub channel: Channel,
    /// For the audit log: `respondent` or the staff member's email.
    pub actor: String,
    /// The service's response as it stood when the respondent was identified (read in the same
    /// round trip where it can be). Writes start from it and re-read only when another save
    /// landed first.
    pub response: Option<Response>,
}

/// The result of a save or submission: stored, or refused with the problems to show.
#[derive(Debug)]
pub enum Saved {
    Stored(Box<Response>),
    Refused(Vec<Problem>),
}

/// Attempts at a write before giving up when other saves keep landing first.
const ATTEMPTS: usize = 8;

/// The service's response as stored now, read again.
pub fn current(conn: &mut DbConnection, r: &Respondent) -> AppResult<Option<Response>> {
    Ok(responses::find(conn, r.cycle.id, r.service.id)?)
}

/// What a write's attempt starts from: the response read with the respondent, then (after
/// another save landed first) the response as stored now.
fn starting_point(
    conn: &mut DbConnection,
    r: &Respondent,
    attempt: usize,
) -> AppResult<Option<Response>> {
    if attempt == 0 {
        Ok(r.response.clone())
    } else {
        current(conn, r)
    }
}

/// The working answers (empty before the first save).
pub fn answers_of(response: Option<&Response>) -> AppResult<Answers> {
    match response {
        Some(r) => Ok(Answers::from_json(&r.answers)?),
        None => Ok(Answers::new()),
    }
}

/// Saves one section's answers over the earlier ones. Answers that fail their question's checks
/// are refused with the problems, and nothing from this save is stored.
pub fn save_section(
    conn: &mut DbConnection,
    def: &SurveyDefinition,
    r: &Respondent,
    section_id: &str,
    posted: Answers,
) -> AppResult<Saved> {
    ensure_open(&r.cycle)?;
    let section = def
        .sections
        .iter()
        .find(|s| s.id == section_id)
        .ok_or_else(|| AppError::NotFound(format!("section {section_id}")))?;
    for attempt in 0..ATTEMPTS {
        let existing = starting_point(conn, r, attempt)?;
        let mut merged = answers_of(existing.as_ref())?;
        merged.merge(posted.clone());
        let problems = check_section(def, &merged, section, Stage::Draft);
        if !problems.is_empty() {
            return Ok(Saved::Refused(problems));
        }
        let json = merged.to_json();
        match &existing {
            None => {
                if insert_partial(conn, def, r, json)? {
                    return fetch(conn, r).map(|resp| Saved::Stored(Box::new(resp)));
                }
            }
            Some(resp) => {
                // The update hands back the stored row: no second read. How a response was
                // given changes only when it is submitted, not when a page is saved.
                if let Some(saved) =
                    responses::update_answers(conn, resp.id, resp.revision, &json, resp.channel)?
                {
                    record_staff_save(conn, r, section_id)?;
                    return Ok(Saved::Stored(Box::new(saved)));
                }
            }
        }
    }
    Err(busy())
}

/// The survey team changing a service's answers (by phone) is audited; a respondent's own
/// saves are their answers, kept with the response.
fn record_staff_save(conn: &mut DbConnection, r: &Respondent, section_id: &str) -> AppResult<()> {
    if r.channel != Channel::Phone {
        return Ok(());
    }
    Ok(audit::record(
        conn,
        audit::Change {
            actor: &r.actor,
            action: "response.saved_by_phone",
            entity: "service",
            entity_id: format!("{} – {}", r.service.organisation, r.service.name),
            after: Some(format!(
                "section {section_id} of the {} survey",
                r.cycle.year
            )),
            ..Default::default()
        },
    )?)
}

/// Submits the working answers if they pass every check; otherwise returns the problems.
pub fn submit(conn: &mut DbConnection, def: &SurveyDefinition, r: &Respondent) -> AppResult<Saved> {
    ensure_open(&r.cycle)?;
    for attempt in 0..ATTEMPTS {
        let Some(existing) = starting_point(conn, r, attempt)? else {
            return Ok(Saved::Refused(check(
                def,
                &Answers::new(),
                Stage::Submission,
            )));
        };
        let answers = Answers::from_json(&existing.answers)?;
        let problems = check(def, &answers, Stage::Submission);
        if !problems.is_empty() {
            return Ok(Saved::Refused(problems));
        }
        let result = Outcome::from(outcome(def, &answers));
        let before = existing.submitted_answers.clone();
        let submission = Submission {
            answers: SubmittedAnswers::read(def, &existing.answers)?,
            outcome: result,
            channel: channel_after(&existing, r),
            note: existing.note.as_deref(),
        };
        // The submission and the re-cut of any answer already split into comments are one
        // transaction: coders never see comments of an answer that is no longer given.
        let stored = frontline_store::db::transaction(conn, |conn| {
            if !responses::submit(conn, existing.id, existing.revision, submission)? {
                return Ok::<_, AppError>(false);
            }
            coding::recut::response_submitted(
                conn,
                r.cycle.id,
                existing.id,
                &existing.answers,
                &r.actor,
            )?;
            audit::record(
                conn,
                audit::Change {
                    actor: &r.actor,
                    action: if before.is_some() {
                        "response.resubmitted"
                    } else {
                        "response.submitted"
                    },
                    entity: "response",
                    entity_id: existing.id.to_string(),
                    before,
                    after: Some(existing.answers.clone()),
                    reason: Some(format!("{} return ({result})", channel_after(&existing, r))),
                },
            )?;
            Ok(true)
        })?;
        if stored {
            return fetch(conn, r).map(|resp| Saved::Stored(Box::new(resp)));
        }
    }
    Err(busy())
}

/// Records that the service employs no practitioners or has closed: an answer, submitted as such.
pub fn record_outcome(
    conn: &mut DbConnection,
    def: &SurveyDefinition,
    r: &Respondent,
    outcome: &str,
    note: &str,
) -> AppResult<Response> {
    ensure_open(&r.cycle)?;
    let outcome = match outcome.parse() {
        Ok(o @ (Outcome::NoPractitioners | Outcome::ServiceClosed)) => o,
        _ => {
            return Err(AppError::invalid(
                "outcome",
                format!("'{outcome}' is not one of: no_practitioners, service_closed"),
            ))
        }
    };
    for attempt in 0..ATTEMPTS {
        let existing = match starting_point(conn, r, attempt)? {
            Some(e) => e,
            None => {
                insert_partial(conn, def, r, Answers::new().to_json())?;
                continue;
            }
        };
        let note = Some(note.trim()).filter(|n| !n.is_empty());
        let submission = Submission {
            answers: SubmittedAnswers::read(def, &existing.answers)?,
            outcome,
            channel: r.channel,
            note,
        };
        let stored = frontline_store::db::transaction(conn, |conn| {
            if !responses::submit(conn, existing.id, existing.revision, submission)? {
                return Ok::<_, AppError>(false);
            }
            coding::recut::response_submitted(
                conn,
                r.cycle.id,
                existing.id,
                &existing.answers,
                &r.actor,
            )?;
            audit::record(
                conn,
                audit::Change {
                    actor: &r.actor,
                    action: "response.outcome",
                    entity: "service",
                    entity_id: format!("{} – {}", r.service.organisation, r.service.name),
                    before: Some(existing.outcome.to_string()),
                    after: Some(format!("{outcome} (response {})", existing.id)),
                    reason: note.map(str::to_string),
                },
            )?;
            Ok(true)
        })?;
        if stored {
            return fetch(conn, r);
        }
    }
    Err(busy())
}

fn insert_partial(
    conn: &mut DbConnection,
    def: &SurveyDefinition,
    r: &Respondent,
    answers: String,
) -> AppResult<bool> {
    let inserted = responses::insert(
        conn,
        NewResponse {
            cycle_id: r.cycle.id,
            service_id: r.service.id,
            schema_version: &schema_ref(def),
            channel: r.channel,
            outcome: Outcome::Answered,
            answers: NewAnswers::Partial(answers),
        },
    );
    match inserted {
        Ok(_) => Ok(true),
        // Another save created the row first: re-read and merge into it.
        Err(StoreError::Database(diesel::result::Error::DatabaseError(
            diesel::result::DatabaseErrorKind::UniqueViolation,
            _,
        ))) => Ok(false),
        Err(e) => Err(e.into()),
    }
}

/// A response once given by phone stays marked as such, even if later amended online.
fn channel_after(existing: &Response, r: &Respondent) -> Channel {
    match existing.channel {
        Channel::Phone => Channel::Phone,
        Channel::Online | Channel::Import => r.channel,
    }
}

fn fetch(conn: &mut DbConnection, r: &Respondent) -> AppResult<Response> {
    current(conn, r)?.ok_or_else(|| AppError::NotFound("response".into()))
}

fn ensure_open(cycle: &Cycle) -> AppResult<()> {
    if cycle.is_open() {
        Ok(())
    } else {
        Err(AppError::Closed(format!(
            "the {} survey is {}; answers can no longer be changed",
            cycle.year, cycle.status
        )))
    }
}

fn busy() -> AppError {
    AppError::Task("the response kept changing while saving; please try again".into())
}
