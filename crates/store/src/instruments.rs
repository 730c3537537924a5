//! A wave's extra instruments, their open links and their respondents' answers.

use crate::clock;
use crate::clock::Timestamp;
use crate::crypto::TokenHash;
use crate::db::schema::{instrument_responses, open_links, wave_instruments};
use crate::db::DbConnection;
use crate::error::{StoreError, StoreResult};
use crate::states::InstrumentStatus;
use diesel::prelude::*;
use serde::Serialize;

#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = wave_instruments)]
pub struct WaveInstrument {
    pub cycle_id: i32,
    pub instrument: String,
    pub group_name: String,
    pub added_at: Timestamp,
}

#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = open_links)]
pub struct OpenLink {
    pub id: i32,
    pub cycle_id: i32,
    pub instrument: String,
    pub channel: String,
    pub token: String,
    pub created_by: String,
    pub created_at: Timestamp,
    pub closed_at: Option<Timestamp>,
}

#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = instrument_responses)]
pub struct InstrumentResponse {
    pub id: i32,
    pub cycle_id: i32,
    pub instrument: String,
    pub schema_version: String,
    pub open_link_id: Option<i32>,
    pub channel: String,
    pub invited_email: Option<String>,
    #[serde(skip)]
    pub resume_hash: TokenHash,
    #[serde(skip)]
    pub client_key: Option<String>,
    pub status: InstrumentStatus,
    pub answers: String,
    pub revision: i32,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    pub submitted_at: Option<Timestamp>,
}

impl InstrumentResponse {
    pub fn is_submitted(&self) -> bool {
        self.status == InstrumentStatus::Submitted
    }
}

/// Adds `instrument` to the wave (again: renames its group).
pub fn add(
    conn: &mut DbConnection,
    cycle_id: i32,
    instrument: &str,
    group_name: &str,
) -> StoreResult<WaveInstrument> {
    let existing = find(conn, cycle_id, instrument)?;
    if existing.is_some() {
        diesel::update(
            wave_instruments::table
                .filter(wave_instruments::cycle_id.eq(cycle_id))
                .filter(wave_instruments::instrument.eq(instrument)),
        )
        .set(wave_instruments::group_name.eq(group_name))
        .execute(conn)?;
    } else {
        diesel::insert_into(wave_instruments::table)
            .values((
                wave_instruments::cycle_id.eq(cycle_id),
                wave_instruments::instrument.eq(instrument),
                wave_instruments::group_name.eq(group_name),
                wave_instruments::added_at.eq(clock::now()),
            ))
            .execute(conn)?;
    }
    find(conn, cycle_id, instrument)?.ok_or_else(|| StoreError::NotFound("instrument".into()))
}

pub fn find(
    conn: &mut DbConnection,
    cycle_id: i32,
    instrument: &str,
) -> StoreResult<Option<WaveInstrument>> {
    Ok(wave_instruments::table
        .filter(wave_instruments::cycle_id.eq(cycle_id))
        .filter(wave_instruments::instrument.eq(instrument))
        .select(WaveInstrument::as_select())
        .first(conn)
        .optional()?)
}

/// The wave's instruments, in the order they were added.
pub fn of_wave(conn: &mut DbConnection, cycle_id: i32) -> StoreResult<Vec<WaveInstrument>> {
    Ok(wave_instruments::table
        .filter(wave_instruments::cycle_id.eq(cycle_id))
        .order((wave_instruments::added_at, wave_instruments::instrument))
        .select(WaveInstrument::as_select())
        .load(conn)?)
}

pub fn create_link(
    conn: &mut DbConnection,
    cycle_id: i32,
    instrument: &str,
    channel: &str,
    token: &str,
    by: &str,
) -> StoreResult<OpenLink> {
    diesel::insert_into(open_links::table)
        .values((
            open_links::cycle_id.eq(cycle_id),
            open_links::instrument.eq(instrument),
            open_links::channel.eq(channel),
            open_links::token.eq(token),
            open_links::created_by.eq(by),
            open_links::created_at.eq(clock::now()),
        ))
        .execute(conn)?;
    link_by_token(conn, token)?.ok_or_else(|| StoreError::NotFound("open link".into()))
}

pub fn link_by_token(conn: &mut DbConnection, token: &str) -> StoreResult<Option<OpenLink>> {
    Ok(open_links::table
        .filter(open_links::token.eq(token))
        .select(OpenLink::as_select())
        .first(conn)
        .optional()?)
}

pub fn link(conn: &mut DbConnection, id: i32) -> StoreResult<OpenLink> {
    Ok(open_links::table
        .find(id)
        .select(OpenLink::as_select())
        .first(conn)?)
}

pub fn links_of_cycle(conn: &mut DbConnection, cycle_id: i32) -> StoreResult<Vec<OpenLink>> {
    Ok(open_links::table
        .filter(open_links::cycle_id.eq(cycle_id))
        .order((open_links::instrument, open_links::channel))
        .select(OpenLink::as_select())
        .load(conn)?)
}

/// Closes one link early (the wave's closing closes them all).
pub fn close_link(conn: &mut DbConnection, id: i32) -> StoreResult<bool> {
    Ok(diesel::update(
        open_links::table
            .find(id)
            .filter(open_links::closed_at.is_null()),
    )
    .set(open_links::closed_at.eq(clock::now()))
    .execute(conn)?
        == 1)
}

/// A new response, before its first answer.
pub struct NewResponse<'a> {
    pub cycle_id: i32,
    pub instrument: &'a str,
    pub schema_version: &'a str,
    pub open_link_id: Option<i32>,
    pub channel: &'a str,
    pub invited_email: Option<&'a str>,
    pub resume_hash: &'a TokenHash,
    pub client_key: Option<&'a str>,
}

pub fn start(conn: &mut DbConnection, r: NewResponse) -> StoreResult<InstrumentResponse> {
    let now = clock::now();
    diesel::insert_into(instrument_responses::table)
        .values((
            instrument_responses::cycle_id.eq(r.cycle_id),
            instrument_responses::instrument.eq(r.instrument),
            instrument_responses::schema_version.eq(r.schema_version),
            instrument_responses::open_link_id.eq(r.open_link_id),
            instrument_responses::channel.eq(r.channel),
            instrument_responses::invited_email.eq(r.invited_email),
            instrument_responses::resume_hash.eq(r.resume_hash),
            instrument_responses::client_key.eq(r.client_key),
            instrument_responses::status.eq(InstrumentStatus::Started),
            instrument_responses::answers.eq("{}"),
            instrument_responses::created_at.eq(&now),
            instrument_responses::updated_at.eq(&now),
        ))
        .execute(conn)?;
    by_resume_hash(conn, r.resume_hash)?.ok_or_else(|| StoreError::NotFound("response".into()))
}

pub fn by_resume_hash(
    conn: &mut DbConnection,
    hash: &TokenHash,
) -> StoreResult<Option<InstrumentResponse>> {
    Ok(instrument_responses::table
        .filter(instrument_responses::resume_hash.eq(hash))
        .select(InstrumentResponse::as_select())
        .first(conn)
        .optional()?)
}

/// Responses started from `client_key` since `since`.
pub fn started_by(
    conn: &mut DbConnection,
    client_key: &str,
    since: &Timestamp,
) -> StoreResult<i64> {
    Ok(instrument_responses::table
        .filter(instrument_responses::client_key.eq(client_key))
        .filter(instrument_responses::created_at.gt(since))
        .count()
        .get_result(conn)?)
}

/// Stores new answers (and status) if nobody saved since `revision`; hands back the row.
pub fn save(
    conn: &mut DbConnection,
    id: i32,
    revision: i32,
    answers: &str,
    status: InstrumentStatus,
) -> StoreResult<Option<InstrumentResponse>> {
    let now = clock::now();
    let submitted_at = (status == InstrumentStatus::Submitted).then_some(now.clone());
    let changed = diesel::update(
        instrument_responses::table
            .find(id)
            .filter(instrument_responses::revision.eq(revision)),
    )
    .set((
        instrument_responses::answers.eq(answers),
        instrument_responses::status.eq(status),
        instrument_responses::revision.eq(revision + 1),
        instrument_responses::updated_at.eq(&now),
    ))
    .execute(conn)?;
    if changed == 0 {
        return Ok(None);
    }
    if let Some(at) = submitted_at {
        diesel::update(
            instrument_responses::table
                .find(id)
                .filter(instrument_responses::submitted_at.is_null()),
        )
        .set(instrument_responses::submitted_at.eq(at))
        .execute(conn)?;
    }
    Ok(instrument_responses::table
        .find(id)
        .select(InstrumentResponse::as_select())
        .first(conn)
        .optional()?)
}

/// Every response to the wave's instruments (the dashboard counts them).
pub fn responses_of_wave(
    conn: &mut DbConnection,
    cycle_id: i32,
) -> StoreResult<Vec<InstrumentResponse>> {
    Ok(instrument_responses::table
        .filter(instrument_responses::cycle_id.eq(cycle_id))
        .order(instrument_responses::id)
        .select(InstrumentResponse::as_select())
        .load(conn)?)
}

/// The submitted responses to one instrument.
pub fn submitted(
    conn: &mut DbConnection,
    cycle_id: i32,
    instrument: &str,
) -> StoreResult<Vec<InstrumentResponse>> {
    Ok(instrument_responses::table
        .filter(instrument_responses::cycle_id.eq(cycle_id))
        .filter(instrument_responses::instrument.eq(instrument))
        .filter(instrument_responses::status.eq(InstrumentStatus::Submitted))
        .order(instrument_responses::id)
        .select(InstrumentResponse::as_select())
        .load(conn)?)
}

pub fn response(conn: &mut DbConnection, id: i32) -> StoreResult<InstrumentResponse> {
    instrument_responses::table
        .find(id)
        .select(InstrumentResponse::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| StoreError::NotFound(format!("instrument response {id}")))
}
