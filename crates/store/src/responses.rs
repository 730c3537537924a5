//! Responses to a cycle's survey: one per service, with answers as JSON under a schema version.

use crate::clock;
use crate::clock::Timestamp;
use crate::db::schema::responses;
use crate::db::DbConnection;
use crate::error::StoreResult;
use crate::states::{Channel, Outcome, ResponseStatus};
use diesel::prelude::*;
use serde::Serialize;

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
    pub status: ResponseStatus,
    pub channel: Channel,
    pub outcome: Outcome,
    pub answers: String,
}

pub fn insert(conn: &mut DbConnection, new: NewResponse<'_>) -> StoreResult<i32> {
    let now = clock::now();
    let submitted = (new.status == ResponseStatus::Submitted).then(|| now.clone());
    Ok(diesel::insert_into(responses::table)
        .values((
            responses::cycle_id.eq(new.cycle_id),
            responses::service_id.eq(new.service_id),
            responses::schema_version.eq(new.schema_version),
            responses::status.eq(new.status),
            responses::channel.eq(new.channel),
            responses::outcome.eq(new.outcome),
            responses::answers.eq(&new.answers),
            responses::created_at.eq(&now),
            responses::updated_at.eq(&now),
            responses::submitted_answers
                .eq((new.status == ResponseStatus::Submitted).then(|| new.answers.clone())),
            responses::submitted_at.eq(submitted),
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

/// What a submitted, answered response gives the estimates: the answers as last submitted
/// (amendments not yet resubmitted do not count).
#[derive(Debug, Queryable)]
pub struct Submitted {
    pub service_id: i32,
    pub schema_version: String,
    pub channel: Channel,
    pub answers: String,
}

/// The cycle's submitted, answered responses by service, reading only what the estimates use.
pub fn submitted_answers(conn: &mut DbConnection, cycle_id: i32) -> StoreResult<Vec<Submitted>> {
    Ok(responses::table
        .filter(responses::cycle_id.eq(cycle_id))
        .filter(responses::status.eq(ResponseStatus::Submitted))
        .filter(responses::outcome.eq(Outcome::Answered))
        .order(responses::service_id)
        .select((
            responses::service_id,
            responses::schema_version,
            responses::channel,
            diesel::dsl::sql::<diesel::sql_types::Text>(
                "COALESCE(responses.submitted_answers, responses.answers)",
            ),
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
    // Every column in the struct's order (the multi-backend connection cannot return a
    // `Selectable` directly).
    .returning(responses::all_columns)
    .get_result::<Response>(conn)
    .optional()?)
}

/// What a submission records.
pub struct Submission<'a> {
    pub answers: &'a str,
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
        responses::answers.eq(s.answers),
        responses::submitted_answers.eq(s.answers),
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
