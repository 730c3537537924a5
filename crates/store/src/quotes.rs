//! Quotes: comments a coder starred, and the reviewer's decision on their redacted text. Only
//! approved quotes, in their approved wording, are ever published.

use crate::clock;
use crate::db::schema::{comments, quotes};
use crate::db::DbConnection;
use crate::error::{StoreError, StoreResult};
use crate::states::QuoteStatus;
use diesel::prelude::*;
use serde::Serialize;

#[derive(Debug, Clone, Queryable, Serialize)]
pub struct Quote {
    pub comment_id: i32,
    pub question_id: String,
    pub body: String,
    pub starred_by: String,
    pub status: QuoteStatus,
    pub published_text: Option<String>,
    pub reviewed_by: Option<String>,
}

/// Stars a comment (again, if it was rejected).
pub fn star(conn: &mut DbConnection, comment_id: i32, by: &str) -> StoreResult<()> {
    crate::db::transaction(conn, |conn| match status_of(conn, comment_id)? {
        Some(QuoteStatus::Approved | QuoteStatus::Starred) => Ok(()),
        _ => {
            diesel::delete(quotes::table.find(comment_id)).execute(conn)?;
            diesel::insert_into(quotes::table)
                .values((
                    quotes::comment_id.eq(comment_id),
                    quotes::starred_by.eq(by),
                    quotes::starred_at.eq(clock::now()),
                    quotes::status.eq(QuoteStatus::Starred),
                ))
                .execute(conn)?;
            Ok(())
        }
    })
}

/// A comment's quote status (`starred`, `approved`, `rejected`), if it was ever starred.
fn status_of(conn: &mut DbConnection, comment_id: i32) -> StoreResult<Option<QuoteStatus>> {
    Ok(quotes::table
        .find(comment_id)
        .select(quotes::status)
        .first(conn)
        .optional()?)
}

/// Whether a comment is starred (and not rejected).
pub fn is_starred(conn: &mut DbConnection, comment_id: i32) -> StoreResult<bool> {
    Ok(status_of(conn, comment_id)?.is_some_and(|s| s != QuoteStatus::Rejected))
}

/// The quotes of a cycle, by question and comment.
pub fn of_cycle(conn: &mut DbConnection, cycle_id: i32) -> StoreResult<Vec<Quote>> {
    Ok(quotes::table
        .inner_join(comments::table)
        .filter(comments::cycle_id.eq(cycle_id))
        .order((comments::question_id, comments::id))
        .select((
            quotes::comment_id,
            comments::question_id,
            comments::body,
            quotes::starred_by,
            quotes::status,
            quotes::published_text,
            quotes::reviewed_by,
        ))
        .load(conn)?)
}

/// Approves a quote with its redacted text, or rejects it.
pub fn decide(
    conn: &mut DbConnection,
    comment_id: i32,
    approved_text: Option<&str>,
    by: &str,
) -> StoreResult<()> {
    let changed = diesel::update(quotes::table.find(comment_id))
        .set((
            quotes::status.eq(if approved_text.is_some() {
                QuoteStatus::Approved
            } else {
                QuoteStatus::Rejected
            }),
            quotes::published_text.eq(approved_text),
            quotes::reviewed_by.eq(by),
            quotes::reviewed_at.eq(clock::now()),
        ))
        .execute(conn)?;
    if changed == 0 {
        return Err(StoreError::NotFound(format!(
            "comment {comment_id} is not a starred quote"
        )));
    }
    Ok(())
}
