//! Responses to a cycle's survey: one per service, with answers as JSON under a schema version.

use crate::clock;
use crate::db::schema::responses;
use crate::db::DbConnection;
use crate::error::AppResult;
use diesel::prelude::*;
use serde::Serialize;

#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = responses)]
pub struct Response {
    pub id: i32,
    pub cycle_id: i32,
    pub service_id: i32,
    pub schema_version: String,
    pub status: String,
    pub channel: String,
    pub outcome: String,
    pub answers: String,
    pub created_at: String,
    pub updated_at: String,
    pub submitted_at: Option<String>,
}

#[derive(Debug, Clone)]
pub struct NewResponse<'a> {
    pub cycle_id: i32,
    pub service_id: i32,
    pub schema_version: &'a str,
    pub status: &'a str,
    pub channel: &'a str,
    pub outcome: &'a str,
    pub answers: String,
}

pub fn insert(conn: &mut DbConnection, new: NewResponse<'_>) -> AppResult<i32> {
    let now = clock::now();
    let submitted = (new.status == "submitted").then(|| now.clone());
    Ok(diesel::insert_into(responses::table)
        .values((
            responses::cycle_id.eq(new.cycle_id),
            responses::service_id.eq(new.service_id),
            responses::schema_version.eq(new.schema_version),
            responses::status.eq(new.status),
            responses::channel.eq(new.channel),
            responses::outcome.eq(new.outcome),
            responses::answers.eq(new.answers),
            responses::created_at.eq(&now),
            responses::updated_at.eq(&now),
            responses::submitted_at.eq(submitted),
        ))
        .returning(responses::id)
        .get_result(conn)?)
}

pub fn for_cycle(conn: &mut DbConnection, cycle_id: i32) -> AppResult<Vec<Response>> {
    Ok(responses::table
        .filter(responses::cycle_id.eq(cycle_id))
        .order(responses::service_id)
        .select(Response::as_select())
        .load(conn)?)
}

/// Count of responses per (status, outcome) for a cycle.
pub fn tally(conn: &mut DbConnection, cycle_id: i32) -> AppResult<Vec<(String, String, i64)>> {
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
