//! Transcripts and notes of consultations with survivors: added (audited, never edited) and read
//! back as text sources for the coding workbench.

use crate::audit;
use crate::clock;
use crate::comments::{self, TRANSCRIPTS_QUESTION};
use crate::db::schema::comments as comment_rows;
use crate::db::schema::{consultation_transcripts, consultations};
use crate::db::DbConnection;
use crate::error::{StoreError, StoreResult};
use diesel::prelude::*;
use serde::Serialize;

/// The longest transcript kept, in characters (a form of it fits the server's body limit
/// whatever the characters).
pub const MAX_BODY: usize = 100_000;
/// The longest title, in characters.
pub const MAX_TITLE: usize = 200;

/// A stored transcript with the consultation it belongs to, as [`COLUMNS`] reads it.
#[derive(Debug, Clone, Serialize, Queryable)]
pub struct Transcript {
    pub id: i32,
    pub consultation_id: i32,
    pub title: String,
    pub body: String,
    pub added_by: String,
    pub added_at: String,
    /// The consultation's police force area and the day it was held (`YYYY-MM-DD`).
    pub pfa_code: String,
    pub held_on: String,
}

const COLUMNS: (
    consultation_transcripts::id,
    consultation_transcripts::consultation_id,
    consultation_transcripts::title,
    consultation_transcripts::body,
    consultation_transcripts::added_by,
    consultation_transcripts::added_at,
    consultations::pfa_code,
    consultations::held_on,
) = (
    consultation_transcripts::id,
    consultation_transcripts::consultation_id,
    consultation_transcripts::title,
    consultation_transcripts::body,
    consultation_transcripts::added_by,
    consultation_transcripts::added_at,
    consultations::pfa_code,
    consultations::held_on,
);

/// Text as kept: line breaks as `\n`, and no control character but line breaks and tabs, nor
/// any invisible mark that turns text around or hides in it (direction overrides and isolates,
/// zero-width characters, the byte-order mark).
fn cleaned(text: &str, keep_lines: bool) -> String {
    let invisible = |c: char| {
        matches!(
            c,
            '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}'
        )
    };
    text.replace("\r\n", "\n")
        .chars()
        .filter(|c| !c.is_control() || (keep_lines && matches!(c, '\n' | '\t')))
        .filter(|c| !invisible(*c))
        .collect()
}

/// Adds a transcript (or notes) to consultation `consultation_id`: the title and text must each
/// say something and fit; control characters are dropped; audited without its text.
pub fn add(
    conn: &mut DbConnection,
    consultation_id: i32,
    title: &str,
    body: &str,
    by: &str,
) -> StoreResult<i32> {
    let (title, body) = (cleaned(title, false), cleaned(body, true));
    let (title, body) = (title.trim(), body.trim_end());
    if title.is_empty() {
        return Err(StoreError::invalid("Title", "give the transcript a title"));
    }
    if title.chars().count() > MAX_TITLE {
        return Err(StoreError::invalid(
            "Title",
            format!("at most {MAX_TITLE} characters"),
        ));
    }
    if body.trim().is_empty() {
        return Err(StoreError::invalid(
            "Transcript or notes",
            "paste the transcript or notes; it is empty",
        ));
    }
    let chars = body.chars().count();
    if chars > MAX_BODY {
        return Err(StoreError::invalid(
            "Transcript or notes",
            format!("{chars} characters; at most {MAX_BODY} are kept, so add it in parts"),
        ));
    }
    crate::db::transaction(conn, |conn| {
        let area: String = consultations::table
            .find(consultation_id)
            .select(consultations::pfa_code)
            .first(conn)
            .optional()?
            .ok_or_else(|| StoreError::NotFound(format!("consultation {consultation_id}")))?;
        let id: i32 = diesel::insert_into(consultation_transcripts::table)
            .values((
                consultation_transcripts::consultation_id.eq(consultation_id),
                consultation_transcripts::title.eq(title),
                consultation_transcripts::body.eq(body),
                consultation_transcripts::added_by.eq(by),
                consultation_transcripts::added_at.eq(clock::now()),
            ))
            .returning(consultation_transcripts::id)
            .get_result(conn)?;
        audit::record(
            conn,
            audit::Change {
                actor: by,
                action: "transcript.added",
                entity: "police_force_area",
                entity_id: area,
                after: Some(format!(
                    "transcript {id} '{title}' of consultation {consultation_id}, {chars} characters"
                )),
                ..Default::default()
            },
        )?;
        Ok(id)
    })
}

/// The transcripts of consultations held after `after` and up to `until` (`YYYY-MM-DD`), in the
/// order they were added.
pub fn held_in(conn: &mut DbConnection, after: &str, until: &str) -> StoreResult<Vec<Transcript>> {
    Ok(consultation_transcripts::table
        .inner_join(consultations::table)
        .filter(consultations::held_on.gt(after))
        .filter(consultations::held_on.le(until))
        .order(consultation_transcripts::id)
        .select(COLUMNS)
        .load(conn)?)
}

/// Whether any consultation held after `after` and up to `until` has a transcript.
pub fn any_held_in(conn: &mut DbConnection, after: &str, until: &str) -> StoreResult<bool> {
    Ok(diesel::select(diesel::dsl::exists(
        consultation_transcripts::table
            .inner_join(consultations::table)
            .filter(consultations::held_on.gt(after))
            .filter(consultations::held_on.le(until)),
    ))
    .get_result(conn)?)
}

/// The transcripts of the consultations `ids`, in the order they were added.
pub fn of_consultations(conn: &mut DbConnection, ids: &[i32]) -> StoreResult<Vec<Transcript>> {
    Ok(consultation_transcripts::table
        .inner_join(consultations::table)
        .filter(consultation_transcripts::consultation_id.eq_any(ids))
        .order(consultation_transcripts::id)
        .select(COLUMNS)
        .load(conn)?)
}

/// Transcript `id`.
pub fn by_id(conn: &mut DbConnection, id: i32) -> StoreResult<Transcript> {
    consultation_transcripts::table
        .inner_join(consultations::table)
        .filter(consultation_transcripts::id.eq(id))
        .select(COLUMNS)
        .first(conn)
        .optional()?
        .ok_or_else(|| StoreError::NotFound(format!("transcript {id}")))
}

/// Withdraws transcript `id` (pasted by mistake, or identifying someone): it and every comment
/// cut from it, with their codes and quotes, are removed; audited with `reason`, never the text.
pub fn withdraw(conn: &mut DbConnection, id: i32, by: &str, reason: &str) -> StoreResult<()> {
    let reason = cleaned(reason, false);
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(StoreError::invalid(
            "Reason",
            "say why the transcript is withdrawn (kept in the audit log)",
        ));
    }
    crate::db::transaction(conn, |conn| {
        let transcript = by_id(conn, id)?;
        let cut: Vec<i32> = comment_rows::table
            .filter(comment_rows::question_id.eq(TRANSCRIPTS_QUESTION))
            .filter(comment_rows::response_id.eq(id))
            .select(comment_rows::id)
            .load(conn)?;
        comments::remove(conn, &cut)?;
        diesel::delete(consultation_transcripts::table.find(id)).execute(conn)?;
        audit::record(
            conn,
            audit::Change {
                actor: by,
                action: "transcript.withdrawn",
                entity: "police_force_area",
                entity_id: transcript.pfa_code.clone(),
                before: Some(format!(
                    "transcript {id} '{}' of consultation {}, {} comments",
                    transcript.title,
                    transcript.consultation_id,
                    cut.len()
                )),
                reason: Some(reason.to_string()),
                ..Default::default()
            },
        )?;
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::cleaned;

    #[test]
    fn control_and_invisible_characters_are_dropped_and_lines_kept() {
        assert_eq!(
            cleaned("a\u{0}b\r\nc\u{202E}d\u{200B}e\tf", true),
            "ab\ncde\tf"
        );
        assert_eq!(cleaned("Ti\u{7}tle\n", false), "Title");
    }
}
