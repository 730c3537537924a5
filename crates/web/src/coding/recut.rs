//! Honouring a respondent's amendment: once an answer has been split into comments, a change to
//! it re-cuts them. Comments whose text the answer still has keep their codes, stars and quotes
//! (moved to where the text now is); comments whose text is gone are removed with their codes,
//! agreed codes and quotes; new text becomes new, uncoded comments at suggested boundaries. A
//! withdrawn (cleared) answer loses every comment. Called by the answer's save, inside its
//! transaction, so the answer and its comments never disagree.

use super::{instrument_answer_text, submitted_text};
use crate::db::DbConnection;
use crate::error::AppResult;
use crate::store::audit::{self, Change};
use crate::store::comments::{self, Comment, Recounted, Source};
use crate::store::instruments::InstrumentResponse;
use frontline_qualitative::segment::{self, Span};

/// After a practitioner response's submitted answers change (submitted again, or an outcome
/// recorded): re-cuts each of its answers that had been split. `submitted` is the answers' JSON
/// as now submitted.
pub fn response_submitted(
    conn: &mut DbConnection,
    cycle_id: i32,
    response_id: i32,
    submitted: &str,
    actor: &str,
) -> AppResult<()> {
    for question in comments::split_questions_of_response(conn, cycle_id, response_id)? {
        // The response's number may also name an instrument response, a survivor's feedback
        // or a transcript: only the practitioner survey's questions are this response's.
        if Source::of(&question) != Source::Survey {
            continue;
        }
        let answer = submitted_text(submitted, &question);
        recut_answer(
            conn,
            cycle_id,
            response_id,
            &question,
            answer.as_deref(),
            actor,
        )?;
    }
    Ok(())
}

/// After an instrument response is saved (its answers are coded as soon as it is submitted, and
/// a submitted response's saves change them): re-cuts each of its answers that had been split.
pub fn instrument_response_saved(
    conn: &mut DbConnection,
    response: &InstrumentResponse,
    actor: &str,
) -> AppResult<()> {
    let prefix = format!("{}:", response.instrument);
    for question in comments::split_questions_of_response(conn, response.cycle_id, response.id)? {
        let Some(asked_as) = question.strip_prefix(&prefix) else {
            continue;
        };
        let answer = instrument_answer_text(response, asked_as);
        recut_answer(
            conn,
            response.cycle_id,
            response.id,
            &question,
            answer.as_deref(),
            actor,
        )?;
    }
    Ok(())
}

/// Re-cuts one split answer to its text now (none: withdrawn); audited when anything changed.
fn recut_answer(
    conn: &mut DbConnection,
    cycle_id: i32,
    response_id: i32,
    question: &str,
    answer: Option<&str>,
    actor: &str,
) -> AppResult<()> {
    let answer = answer.unwrap_or("");
    let existing = comments::of_answer(conn, cycle_id, response_id, question)?;
    let texts: Vec<&str> = existing.iter().map(|c| c.body.as_str()).collect();
    let plan = segment::recut(&texts, answer);
    let before: Vec<Span> = existing.iter().map(span_of).collect();
    if plan.changes_nothing(&before) {
        return Ok(());
    }
    let done = comments::apply_recut(
        conn,
        cycle_id,
        response_id,
        question,
        answer,
        &existing,
        &plan,
    )?;
    let removed: Vec<String> = existing
        .iter()
        .zip(&plan.kept)
        .filter(|(_, k)| k.is_none())
        .map(|(c, _)| c.id.to_string())
        .collect();
    Ok(audit::record(
        conn,
        Change {
            actor,
            action: "coding.answer_recut",
            entity: "response",
            entity_id: format!("{response_id}/{question}"),
            before: (!removed.is_empty()).then(|| format!("comments {}", removed.join(", "))),
            after: Some(describe(done)),
            reason: Some(if answer.trim().is_empty() {
                "the answer was withdrawn".into()
            } else {
                "the respondent changed the answer after it was split into comments".into()
            }),
        },
    )?)
}

fn span_of(c: &Comment) -> Span {
    Span {
        start: usize::try_from(c.start_char).unwrap_or(0),
        end: usize::try_from(c.end_char).unwrap_or(0),
    }
}

fn describe(done: Recounted) -> String {
    format!(
        "{} comment(s) kept with their codes, {} removed with their codes and quotes, {} new",
        done.kept, done.removed, done.added
    )
}
