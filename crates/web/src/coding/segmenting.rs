//! Splitting answers into comments: suggested splits for every answer not yet segmented, and a
//! coder's own split of one answer.

use super::{answer_text, OpenQuestion};
use crate::db::DbConnection;
use crate::error::{AppError, AppResult};
use crate::store::cycles::Cycle;
use crate::store::{comments, responses};
use frontline_qualitative::segment;

/// Splits every submitted answer to `question` that has no comments yet at its suggested
/// boundaries; returns how many answers were split.
pub fn suggest_all(
    conn: &mut DbConnection,
    cycle: &Cycle,
    question: &OpenQuestion,
) -> AppResult<usize> {
    let mut split = 0;
    for response in responses::for_cycle(conn, cycle.id)? {
        let Some(answer) = answer_text(&response, &question.id) else {
            continue;
        };
        if comments::answer_is_segmented(conn, response.id, &question.id)? {
            continue;
        }
        let spans = segment::suggest(&answer);
        if spans.is_empty() {
            continue;
        }
        comments::set_for_answer(conn, cycle.id, response.id, &question.id, &answer, &spans)?;
        split += 1;
    }
    Ok(split)
}

/// The answer a comment came from.
pub fn answer_of(conn: &mut DbConnection, response_id: i32, question: &str) -> AppResult<String> {
    let response = responses::by_id(conn, response_id)?;
    answer_text(&response, question).ok_or_else(|| {
        AppError::NotFound(format!(
            "response {response_id} has no answer to {question}"
        ))
    })
}

/// The answer as the coder edits it: its text with a mark between comments.
pub fn marked_answer(
    conn: &mut DbConnection,
    response_id: i32,
    question: &str,
) -> AppResult<String> {
    let answer = answer_of(conn, response_id, question)?;
    let spans: Vec<segment::Span> = comments::of_answer(conn, response_id, question)?
        .iter()
        .map(|c| segment::Span {
            start: c.start_char as usize,
            end: c.end_char as usize,
        })
        .collect();
    Ok(segment::marked(&answer, &spans))
}

/// Sets an answer's comments from the coder's marked text.
pub fn resegment(
    conn: &mut DbConnection,
    cycle: &Cycle,
    response_id: i32,
    question: &str,
    marked: &str,
) -> AppResult<usize> {
    let answer = answer_of(conn, response_id, question)?;
    let spans =
        segment::from_marked(&answer, marked).map_err(|e| AppError::invalid("segments", e))?;
    segment::check(&answer, &spans).map_err(|e| AppError::invalid("segments", e))?;
    comments::set_for_answer(conn, cycle.id, response_id, question, &answer, &spans)?;
    Ok(spans.len())
}
