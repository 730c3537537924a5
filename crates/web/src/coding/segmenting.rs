//! Splitting answers into comments: suggested splits for every answer not yet segmented, and a
//! coder's own split of one answer.

use super::{answer_text, instrument_answer_text, survivors, OpenQuestion, TextSource};
use crate::db::DbConnection;
use crate::error::{AppError, AppResult};
use crate::store::cycles::Cycle;
use crate::store::{comments, instruments, responses};
use frontline_qualitative::segment;

/// The answers to `question` in the cycle: the id of the row each is kept in, and its text.
fn answers(
    conn: &mut DbConnection,
    cycle: &Cycle,
    question: &OpenQuestion,
) -> AppResult<Vec<(i32, String)>> {
    Ok(match &question.source {
        TextSource::Survey => responses::for_cycle(conn, cycle.id)?
            .iter()
            .filter_map(|r| Some((r.id, answer_text(r, &question.asked_as)?)))
            .collect(),
        TextSource::Instrument(instrument) => instruments::submitted(conn, cycle.id, instrument)?
            .iter()
            .filter_map(|r| Some((r.id, instrument_answer_text(r, &question.asked_as)?)))
            .collect(),
        TextSource::Feedback(text) => survivors::feedback_answers(conn, cycle, *text)?,
        TextSource::Transcripts => survivors::transcript_answers(conn, cycle)?,
    })
}

/// The submitted answers to `question` not yet split that have something to split: response
/// id, text and suggested comments.
fn unsplit(
    conn: &mut DbConnection,
    cycle: &Cycle,
    question: &OpenQuestion,
) -> AppResult<Vec<(i32, String, Vec<segment::Span>)>> {
    let mut out = Vec::new();
    let segmented = comments::segmented_answers(conn, &question.id)?;
    for (response_id, answer) in answers(conn, cycle, question)? {
        if segmented.contains(&response_id) {
            continue;
        }
        let spans = segment::suggest(&answer);
        if !spans.is_empty() {
            out.push((response_id, answer, spans));
        }
    }
    Ok(out)
}

/// How many submitted answers to `question` are waiting to be split into comments.
pub fn waiting(
    conn: &mut DbConnection,
    cycle: &Cycle,
    question: &OpenQuestion,
) -> AppResult<usize> {
    Ok(unsplit(conn, cycle, question)?.len())
}

/// Splits every submitted answer to `question` that has no comments yet at its suggested
/// boundaries; returns how many answers were split.
pub fn suggest_all(
    conn: &mut DbConnection,
    cycle: &Cycle,
    question: &OpenQuestion,
) -> AppResult<usize> {
    super::ensure_changeable(cycle)?;
    let todo = unsplit(conn, cycle, question)?;
    for (response_id, answer, spans) in &todo {
        comments::set_for_answer(conn, cycle.id, *response_id, &question.id, answer, spans)?;
    }
    Ok(todo.len())
}

/// The answer a comment came from, checked to belong to the cycle.
pub fn answer_of(
    conn: &mut DbConnection,
    cycle: &Cycle,
    response_id: i32,
    question: &OpenQuestion,
) -> AppResult<String> {
    let (in_cycle, text) = match &question.source {
        TextSource::Survey => {
            let r = responses::by_id(conn, response_id)?;
            (r.cycle_id == cycle.id, answer_text(&r, &question.asked_as))
        }
        TextSource::Instrument(instrument) => {
            let r = instruments::response(conn, response_id)?;
            (
                r.cycle_id == cycle.id && &r.instrument == instrument,
                instrument_answer_text(&r, &question.asked_as),
            )
        }
        TextSource::Feedback(text) => {
            return survivors::feedback_answer(conn, cycle, response_id, *text)
        }
        TextSource::Transcripts => return Ok(survivors::transcript(conn, cycle, response_id)?.body),
    };
    if !in_cycle {
        return Err(AppError::NotFound(format!(
            "response {response_id} is not in the {} {}",
            cycle.year, question.label
        )));
    }
    text.ok_or_else(|| {
        AppError::NotFound(format!(
            "response {response_id} has no answer to {}",
            question.id
        ))
    })
}

/// The answer as the coder edits it: its text with a mark between comments.
pub fn marked_answer(
    conn: &mut DbConnection,
    cycle: &Cycle,
    response_id: i32,
    question: &OpenQuestion,
) -> AppResult<String> {
    let answer = answer_of(conn, cycle, response_id, question)?;
    let spans: Vec<segment::Span> = comments::of_answer(conn, cycle.id, response_id, &question.id)?
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
    question: &OpenQuestion,
    marked: &str,
) -> AppResult<usize> {
    let answer = answer_of(conn, cycle, response_id, question)?;
    super::ensure_changeable(cycle)?;
    let spans =
        segment::from_marked(&answer, marked).map_err(|e| AppError::invalid("segments", e))?;
    segment::check(&answer, &spans).map_err(|e| AppError::invalid("segments", e))?;
    comments::set_for_answer(conn, cycle.id, response_id, &question.id, &answer, &spans)?;
    Ok(spans.len())
}
