//! Codebooks per cycle and open question, versioned: saving never overwrites, it adds the next
//! version, and coders always use the newest.

use crate::clock;
use crate::clock::Timestamp;
use crate::db::schema::codebooks;
use crate::db::DbConnection;
use crate::error::{StoreError, StoreResult};
use diesel::prelude::*;
use frontline_qualitative::codebook::Codebook;
use serde::Serialize;

/// One saved version of a question's codebook.
#[derive(Debug, Clone, Serialize)]
pub struct Version {
    pub version: i32,
    pub note: String,
    pub created_by: String,
    pub created_at: Timestamp,
    pub codebook: Codebook,
}

type Row = (i32, String, String, String, Timestamp);

fn version_of(row: Row) -> StoreResult<Version> {
    let (version, codes, note, created_by, created_at) = row;
    let codebook = serde_json::from_str(&codes)
        .map_err(|e| StoreError::Task(format!("codebook version {version} is unreadable: {e}")))?;
    Ok(Version {
        version,
        note,
        created_by,
        created_at,
        codebook,
    })
}

const COLUMNS: (
    codebooks::version,
    codebooks::codes,
    codebooks::note,
    codebooks::created_by,
    codebooks::created_at,
) = (
    codebooks::version,
    codebooks::codes,
    codebooks::note,
    codebooks::created_by,
    codebooks::created_at,
);

/// The newest version, if the question has a codebook.
pub fn latest(
    conn: &mut DbConnection,
    cycle_id: i32,
    question: &str,
) -> StoreResult<Option<Version>> {
    codebooks::table
        .filter(codebooks::cycle_id.eq(cycle_id))
        .filter(codebooks::question_id.eq(question))
        .order(codebooks::version.desc())
        .select(COLUMNS)
        .first::<Row>(conn)
        .optional()?
        .map(version_of)
        .transpose()
}

/// Every version, newest first.
pub fn versions(
    conn: &mut DbConnection,
    cycle_id: i32,
    question: &str,
) -> StoreResult<Vec<Version>> {
    codebooks::table
        .filter(codebooks::cycle_id.eq(cycle_id))
        .filter(codebooks::question_id.eq(question))
        .order(codebooks::version.desc())
        .select(COLUMNS)
        .load::<Row>(conn)?
        .into_iter()
        .map(version_of)
        .collect()
}

/// Saves `book` as the question's next version; returns its number.
pub fn save(
    conn: &mut DbConnection,
    cycle_id: i32,
    question: &str,
    book: &Codebook,
    note: &str,
    by: &str,
) -> StoreResult<i32> {
    let codes = serde_json::to_string(book).map_err(|e| StoreError::Task(e.to_string()))?;
    crate::db::transaction(conn, |conn| {
        let newest: Option<i32> = codebooks::table
            .filter(codebooks::cycle_id.eq(cycle_id))
            .filter(codebooks::question_id.eq(question))
            .select(diesel::dsl::max(codebooks::version))
            .first(conn)?;
        let version = newest.unwrap_or(0) + 1;
        diesel::insert_into(codebooks::table)
            .values((
                codebooks::cycle_id.eq(cycle_id),
                codebooks::question_id.eq(question),
                codebooks::version.eq(version),
                codebooks::codes.eq(&codes),
                codebooks::note.eq(note),
                codebooks::created_by.eq(by),
                codebooks::created_at.eq(clock::now()),
            ))
            .execute(conn)?;
        Ok(version)
    })
}
