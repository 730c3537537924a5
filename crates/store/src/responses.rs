//! Responses to a cycle's survey: one per service, with answers as JSON under a schema version.

use crate::clock;
use crate::clock::Timestamp;
use crate::db::schema::responses;
use crate::db::DbConnection;
use crate::error::StoreResult;
use crate::states::{Channel, Outcome, ResponseStatus};
use diesel::prelude::*;
use serde::Serialize;
use survey_engine::SubmittedAnswers;

#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = responses)]
pub struct Response {
    pub id: i32,
    pub cycle_id: i32,
    pub service_id: i32,
    pub schema_version: String,
    pub status: ResponseStatus,
    pub channel: Channel,
    pub outcome: Outcome,
    pub answers: String,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    pub submitted_at: Option<Timestamp>,
    /// The answers as last submitted; later amendments stay in `answers` until resubmitted.
    pub submitted_answers: Option<String>,
    /// Bumped on every write; a save based on an older revision is retried.
    pub revision: i32,
    /// The survey team's note, e.g. on a phone call or a closure.
    pub note: Option<String>,
}

impl Response {
    pub fn is_submitted(&self) -> bool {
        self.status == ResponseStatus::Submitted
    }

    /// Whether the working answers differ from what was last submitted.
    pub fn has_unsubmitted_changes(&self) -> bool {
        self.is_submitted() && self.submitted_answers.as_deref() != Some(self.answers.as_str())
    }
}

#[derive(Debug, Clone)]
pub struct NewResponse<'a> {
    pub cycle_id: i32,
    pub service_id: i32,
    pub schema_version: &'a str,
    pub channel: Channel,
    pub outcome: Outcome,
    pub answers: NewAnswers<'a>,
}

/// A new response's answers: still being given, or submitted with the figures read from them.
#[derive(Debug, Clone)]
pub enum NewAnswers<'a> {
    Partial(String),
    Submitted(SubmittedAnswers<'a>),
}

pub fn insert(conn: &mut DbConnection, new: NewResponse<'_>) -> StoreResult<i32> {
    let now = clock::now();
    let (status, answers, submitted) = match &new.answers {
        NewAnswers::Partial(text) => (ResponseStatus::Partial, text.as_str(), None),
        NewAnswers::Submitted(s) => (ResponseStatus::Submitted, s.text(), Some(s)),
    };
    Ok(diesel::insert_into(responses::table)
        .values((
            responses::cycle_id.eq(new.cycle_id),
            responses::service_id.eq(new.service_id),
            responses::schema_version.eq(new.schema_version),
            responses::status.eq(status),
            responses::channel.eq(new.channel),
            responses::outcome.eq(new.outcome),
            responses::answers.eq(answers),
            responses::created_at.eq(&now),
            responses::updated_at.eq(&now),
            responses::submitted_answers.eq(submitted.map(SubmittedAnswers::text)),
            responses::figures.eq(submitted.map(SubmittedAnswers::figures)),
            responses::figures_key.eq(submitted.map(SubmittedAnswers::key)),
            responses::submitted_at.eq(submitted.map(|_| &now)),
        ))
        .returning(responses::id)
        .get_result(conn)?)
}

pub fn for_cycle(conn: &mut DbConnection, cycle_id: i32) -> StoreResult<Vec<Response>> {
    Ok(responses::table
        .filter(responses::cycle_id.eq(cycle_id))
        .order(responses::service_id)
        .select(Response::as_select())
        .load(conn)?)
}

/// What a submitted, answered response gives the estimates: the figures read from its answers
/// when it was submitted, with the key they were read under; and, only where asked for, the
/// answers as last submitted (amendments not yet resubmitted do not count).
#[derive(Debug, Queryable)]
pub struct Submitted {
    pub service_id: i32,
    pub schema_version: String,
    pub channel: Channel,
    pub figures_key: Option<String>,
    pub figures: Option<String>,
    /// Read by [`submitted_answers`] only.
    pub answers: Option<String>,
}

/// The cycle's submitted, answered responses by service, with the figures stored at submission
/// and not their answers: all the estimates read of a response whose figures are stored.
pub fn submitted_figures(conn: &mut DbConnection, cycle_id: i32) -> StoreResult<Vec<Submitted>> {
    submitted(conn, cycle_id, "NULL")
}

/// [`submitted_figures`] with every response's answers as last submitted: for responses stored
/// without figures, or with figures read another way.
pub fn submitted_answers(conn: &mut DbConnection, cycle_id: i32) -> StoreResult<Vec<Submitted>> {
    submitted(
        conn,
        cycle_id,
        "COALESCE(responses.submitted_answers, responses.answers)",
    )
}

fn submitted(
    conn: &mut DbConnection,
    cycle_id: i32,
    answers: &'static str,
) -> StoreResult<Vec<Submitted>> {
    Ok(responses::table
        .filter(responses::cycle_id.eq(cycle_id))
        .filter(responses::status.eq(ResponseStatus::Submitted))
        .filter(responses::outcome.eq(Outcome::Answered))
        .order(responses::service_id)
        .select((
            responses::service_id,
            responses::schema_version,
            responses::channel,
            responses::figures_key,
            responses::figures,
            diesel::dsl::sql::<diesel::sql_types::Nullable<diesel::sql_types::Text>>(answers),
        ))
        .load(conn)?)
}

pub fn by_id(conn: &mut DbConnection, id: i32) -> StoreResult<Response> {
    responses::table
        .find(id)
        .select(Response::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| crate::error::StoreError::NotFound(format!("no response {id}")))
}

/// Count of responses per (status, outcome) for a cycle.
pub fn tally(conn: &mut DbConnection, cycle_id: i32) -> StoreResult<Vec<(String, String, i64)>> {
    Ok(responses::table
        .filter(responses::cycle_id.eq(cycle_id))
        .group_by((responses::status, responses::outcome))
        .select((
            responses::status,
            responses::outcome,
            diesel::dsl::count(responses::id),
        ))
        .order((responses::status, responses::outcome))
        .load(conn)?)
}

pub fn find(
    conn: &mut DbConnection,
    cycle_id: i32,
    service_id: i32,
) -> StoreResult<Option<Response>> {
    Ok(responses::table
        .filter(responses::cycle_id.eq(cycle_id))
        .filter(responses::service_id.eq(service_id))
        .select(Response::as_select())
        .first(conn)
        .optional()?)
}

/// Replaces the working answers if the row is still at `revision`, returning the stored row;
/// none means someone else saved first and the caller should re-read and retry.
pub fn update_answers(
    conn: &mut DbConnection,
    id: i32,
    revision: i32,
    answers: &str,
    channel: Channel,
) -> StoreResult<Option<Response>> {
    Ok(diesel::update(
        responses::table
            .find(id)
            .filter(responses::revision.eq(revision)),
    )
    .set((
        responses::answers.eq(answers),
        responses::channel.eq(channel),
        responses::revision.eq(revision + 1),
        responses::updated_at.eq(clock::now()),
    ))
    // Every column of the struct in its order (the multi-backend connection cannot return a
    // `Selectable` directly).
    .returning((
        responses::id,
        responses::cycle_id,
        responses::service_id,
        responses::schema_version,
        responses::status,
        responses::channel,
        responses::outcome,
        responses::answers,
        responses::created_at,
        responses::updated_at,
        responses::submitted_at,
        responses::submitted_answers,
        responses::revision,
        responses::note,
    ))
    .get_result::<Response>(conn)
    .optional()?)
}

/// What a submission records: the answers with the figures read from them.
pub struct Submission<'a> {
    pub answers: SubmittedAnswers<'a>,
    pub outcome: Outcome,
    pub channel: Channel,
    pub note: Option<&'a str>,
}

/// Marks the response submitted with these answers, if still at `revision`.
pub fn submit(
    conn: &mut DbConnection,
    id: i32,
    revision: i32,
    s: Submission<'_>,
) -> StoreResult<bool> {
    let now = clock::now();
    let changed = diesel::update(
        responses::table
            .find(id)
            .filter(responses::revision.eq(revision)),
    )
    .set((
        responses::status.eq(ResponseStatus::Submitted),
        responses::answers.eq(s.answers.text()),
        responses::submitted_answers.eq(s.answers.text()),
        responses::figures.eq(s.answers.figures()),
        responses::figures_key.eq(s.answers.key()),
        responses::outcome.eq(s.outcome),
        responses::channel.eq(s.channel),
        responses::note.eq(s.note),
        responses::revision.eq(revision + 1),
        responses::updated_at.eq(&now),
        responses::submitted_at.eq(&now),
    ))
    .execute(conn)?;
    Ok(changed == 1)
}
