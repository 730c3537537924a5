//! Comments: the spans of answers to open questions that coders code. Re-segmenting an answer
//! keeps the comments whose span is unchanged and refuses to drop one already coded; re-cutting
//! an answer the respondent amended moves the comments whose text stays and removes the others
//! with their codes and quotes.

use crate::db::schema::{
    adjudications, codings, comments, consultation_transcripts, consultations, feedback_responses,
    quotes, responses, service_areas,
};
use crate::db::DbConnection;
use crate::error::{StoreError, StoreResult};
use diesel::prelude::*;
use frontline_qualitative::segment::{Recut, Span};
use serde::Serialize;

#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = comments)]
pub struct Comment {
    pub id: i32,
    pub cycle_id: i32,
    pub response_id: i32,
    pub question_id: String,
    pub start_char: i32,
    pub end_char: i32,
    pub body: String,
    pub first_coder_id: Option<i32>,
    pub second_coder_id: Option<i32>,
}

/// Comment `id`, if it is a comment of `question` in cycle `cycle_id`; otherwise "not found"
/// (never another question's or cycle's comment). Every coding route naming a comment of a
/// question loads it through here.
pub fn in_question(
    conn: &mut DbConnection,
    cycle_id: i32,
    question: &str,
    id: i32,
) -> StoreResult<Comment> {
    comments::table
        .find(id)
        .filter(comments::cycle_id.eq(cycle_id))
        .filter(comments::question_id.eq(question))
        .select(Comment::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| StoreError::NotFound(format!("comment {id} of {question} in this cycle")))
}

/// Comment `id`, if it is one of cycle `cycle_id`'s (of any question); otherwise "not found".
pub fn in_cycle(conn: &mut DbConnection, cycle_id: i32, id: i32) -> StoreResult<Comment> {
    comments::table
        .find(id)
        .filter(comments::cycle_id.eq(cycle_id))
        .select(Comment::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| StoreError::NotFound(format!("comment {id} in this cycle")))
}

/// The comments of one answer in a cycle, in text order.
pub fn of_answer(
    conn: &mut DbConnection,
    cycle_id: i32,
    response_id: i32,
    question: &str,
) -> StoreResult<Vec<Comment>> {
    Ok(comments::table
        .filter(comments::cycle_id.eq(cycle_id))
        .filter(comments::response_id.eq(response_id))
        .filter(comments::question_id.eq(question))
        .order(comments::start_char)
        .select(Comment::as_select())
        .load(conn)?)
}

/// Every comment of a question, in id order.
pub fn of_question(
    conn: &mut DbConnection,
    cycle_id: i32,
    question: &str,
) -> StoreResult<Vec<Comment>> {
    Ok(comments::table
        .filter(comments::cycle_id.eq(cycle_id))
        .filter(comments::question_id.eq(question))
        .order(comments::id)
        .select(Comment::as_select())
        .load(conn)?)
}

/// Every comment of the cycle, every question.
pub fn of_cycle(conn: &mut DbConnection, cycle_id: i32) -> StoreResult<Vec<Comment>> {
    Ok(comments::table
        .filter(comments::cycle_id.eq(cycle_id))
        .order(comments::id)
        .select(Comment::as_select())
        .load(conn)?)
}

/// The answers to `question` already split into comments (by the id of the row each is kept in),
/// read at once for a list of answers instead of one query each.
pub fn segmented_answers(
    conn: &mut DbConnection,
    question: &str,
) -> StoreResult<std::collections::BTreeSet<i32>> {
    let ids: Vec<i32> = comments::table
        .filter(comments::question_id.eq(question))
        .select(comments::response_id)
        .distinct()
        .load(conn)?;
    Ok(ids.into_iter().collect())
}

/// Sets an answer's comments to `spans` of `answer`: unchanged spans keep their comment (and
/// codes); others are added; a dropped comment must not have been coded.
pub fn set_for_answer(
    conn: &mut DbConnection,
    cycle_id: i32,
    response_id: i32,
    question: &str,
    answer: &str,
    spans: &[Span],
) -> StoreResult<()> {
    crate::db::transaction(conn, |conn| {
        let existing = of_answer(conn, cycle_id, response_id, question)?;
        let same = |c: &Comment, s: &Span| {
            c.start_char as usize == s.start && c.end_char as usize == s.end
        };
        for gone in existing
            .iter()
            .filter(|c| !spans.iter().any(|s| same(c, s)))
        {
            let coded: i64 = codings::table
                .filter(codings::comment_id.eq(gone.id))
                .count()
                .get_result(conn)?;
            if coded > 0 {
                return Err(StoreError::invalid(
                    "segments",
                    format!(
                        "\"{}\" is already coded; clear its codes before splitting it differently",
                        gone.body
                    ),
                ));
            }
            diesel::delete(comments::table.find(gone.id)).execute(conn)?;
        }
        let new: Vec<Span> = spans
            .iter()
            .filter(|s| !existing.iter().any(|c| same(c, s)))
            .copied()
            .collect();
        insert(conn, cycle_id, response_id, question, answer, &new)
    })
}

/// The questions of a response whose answers have been split into comments in a cycle.
pub fn split_questions_of_response(
    conn: &mut DbConnection,
    cycle_id: i32,
    response_id: i32,
) -> StoreResult<Vec<String>> {
    Ok(comments::table
        .filter(comments::cycle_id.eq(cycle_id))
        .filter(comments::response_id.eq(response_id))
        .select(comments::question_id)
        .distinct()
        .order(comments::question_id)
        .load(conn)?)
}

/// What re-cutting an amended answer did to its comments.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Recounted {
    /// Comments kept with their codes, stars and quotes (some at a new place in the answer).
    pub kept: usize,
    /// Comments whose text is gone, removed with their codes, agreed codes and quotes.
    pub removed: usize,
    /// New, uncoded comments for the answer's new text.
    pub added: usize,
}

/// Applies `recut` of the amended `answer` to its stored comments `existing` (in the order the
/// re-cut was given their texts): removes the comments whose text is gone, with everything
/// hanging on them; moves the kept ones to their new place; adds comments for the new text.
pub fn apply_recut(
    conn: &mut DbConnection,
    cycle_id: i32,
    response_id: i32,
    question: &str,
    answer: &str,
    existing: &[Comment],
    recut: &Recut,
) -> StoreResult<Recounted> {
    if recut.kept.len() != existing.len() {
        return Err(StoreError::Task(format!(
            "a re-cut of response {response_id}'s {question} names {} comments, not {}",
            recut.kept.len(),
            existing.len()
        )));
    }
    crate::db::transaction(conn, |conn| {
        let gone: Vec<i32> = existing
            .iter()
            .zip(&recut.kept)
            .filter(|(_, k)| k.is_none())
            .map(|(c, _)| c.id)
            .collect();
        remove(conn, &gone)?;
        let moved: Vec<(i32, Span)> = existing
            .iter()
            .zip(&recut.kept)
            .filter_map(|(c, k)| k.map(|span| (c, span)))
            .filter(|(c, span)| {
                c.start_char as usize != span.start || c.end_char as usize != span.end
            })
            .map(|(c, span)| (c.id, span))
            .collect();
        move_to(conn, &moved, answer)?;
        insert(conn, cycle_id, response_id, question, answer, &recut.added)?;
        Ok(Recounted {
            kept: existing.len() - gone.len(),
            removed: gone.len(),
            added: recut.added.len(),
        })
    })
}

/// Removes comments with their codes, agreed codes and quotes.
pub fn remove(conn: &mut DbConnection, ids: &[i32]) -> StoreResult<()> {
    if ids.is_empty() {
        return Ok(());
    }
    diesel::delete(quotes::table.filter(quotes::comment_id.eq_any(ids))).execute(conn)?;
    diesel::delete(adjudications::table.filter(adjudications::comment_id.eq_any(ids)))
        .execute(conn)?;
    diesel::delete(codings::table.filter(codings::comment_id.eq_any(ids))).execute(conn)?;
    diesel::delete(comments::table.filter(comments::id.eq_any(ids))).execute(conn)?;
    Ok(())
}

/// Moves comments to new spans of `answer`. Each is first parked at a start no span can have
/// (minus its id), so no move collides with a comment's old start on the way.
fn move_to(conn: &mut DbConnection, moves: &[(i32, Span)], answer: &str) -> StoreResult<()> {
    for (id, _) in moves {
        diesel::update(comments::table.find(*id))
            .set(comments::start_char.eq(-*id))
            .execute(conn)?;
    }
    for (id, span) in moves {
        diesel::update(comments::table.find(*id))
            .set((
                comments::start_char.eq(span.start as i32),
                comments::end_char.eq(span.end as i32),
                comments::body.eq(span.text(answer)),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Adds uncoded comments for `spans` of an answer.
fn insert(
    conn: &mut DbConnection,
    cycle_id: i32,
    response_id: i32,
    question: &str,
    answer: &str,
    spans: &[Span],
) -> StoreResult<()> {
    for span in spans {
        diesel::insert_into(comments::table)
            .values((
                comments::cycle_id.eq(cycle_id),
                comments::response_id.eq(response_id),
                comments::question_id.eq(question),
                comments::start_char.eq(span.start as i32),
                comments::end_char.eq(span.end as i32),
                comments::body.eq(span.text(answer)),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Gives comments to a second coder for blind double coding.
pub fn assign_second_coder(
    conn: &mut DbConnection,
    ids: &[i32],
    coder_id: i32,
) -> StoreResult<usize> {
    Ok(
        diesel::update(comments::table.filter(comments::id.eq_any(ids)))
            .set(comments::second_coder_id.eq(Some(coder_id)))
            .execute(conn)?,
    )
}

/// The question id of survivors' feedback free text: `survivors-feedback:helped`, say.
pub const FEEDBACK_PREFIX: &str = "survivors-feedback:";
/// The question id of consultations' transcripts and notes.
pub const TRANSCRIPTS_QUESTION: &str = "survivors-consultations:transcripts";

/// Where the text a comment was cut from is kept, read from its question id: the row its
/// `response_id` names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// A practitioner-survey question: `responses`.
    Survey,
    /// Another instrument's (`INSTRUMENT:QUESTION`): `instrument_responses`, whose respondents
    /// are people, not services with areas.
    Instrument,
    /// Survivors' feedback free text (`survivors-feedback:FIELD`): `feedback_responses`.
    Feedback,
    /// Consultations' transcripts ([`TRANSCRIPTS_QUESTION`]): `consultation_transcripts`.
    Transcript,
}

impl Source {
    pub fn of(question: &str) -> Source {
        if question == TRANSCRIPTS_QUESTION {
            Source::Transcript
        } else if question.starts_with(FEEDBACK_PREFIX) {
            Source::Feedback
        } else if question.contains(':') {
            Source::Instrument
        } else {
            Source::Survey
        }
    }
}

/// Whether a question id is another instrument's (`INSTRUMENT:QUESTION`): its comments' response
/// ids name `instrument_responses`, whose respondents are people, not services with areas.
pub fn is_instrument_question(question: &str) -> bool {
    Source::of(question) == Source::Instrument
}

/// The police force areas each comment of a question comes from: the areas of the service that
/// answered (a practitioner's answer, or a survivor's feedback on a service), or the area a
/// consultation was held for; none for another instrument's question.
pub fn areas_of_question(
    conn: &mut DbConnection,
    cycle_id: i32,
    question: &str,
) -> StoreResult<Vec<(i32, String)>> {
    let of_question = comments::cycle_id
        .eq(cycle_id)
        .and(comments::question_id.eq(question));
    Ok(match Source::of(question) {
        Source::Instrument => Vec::new(),
        Source::Survey => comments::table
            .inner_join(responses::table)
            .inner_join(
                service_areas::table.on(service_areas::service_id.eq(responses::service_id)),
            )
            .filter(of_question)
            .select((comments::id, service_areas::pfa_code))
            .load(conn)?,
        Source::Feedback => comments::table
            .inner_join(
                feedback_responses::table.on(feedback_responses::id.eq(comments::response_id)),
            )
            .inner_join(
                service_areas::table
                    .on(service_areas::service_id.eq(feedback_responses::service_id)),
            )
            .filter(of_question)
            .select((comments::id, service_areas::pfa_code))
            .load(conn)?,
        Source::Transcript => comments::table
            .inner_join(
                consultation_transcripts::table
                    .on(consultation_transcripts::id.eq(comments::response_id)),
            )
            .inner_join(
                consultations::table
                    .on(consultations::id.eq(consultation_transcripts::consultation_id)),
            )
            .filter(of_question)
            .select((comments::id, consultations::pfa_code))
            .load(conn)?,
    })
}

/// How far coding of a question has got, overall and for one coder.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Progress {
    pub comments: i64,
    /// Comments with a first code.
    pub coded: i64,
    /// Comments in the double-coding sample, and of those coded by their second coder.
    pub sampled: i64,
    pub second_coded: i64,
    /// Codes this coder has given.
    pub mine: i64,
    /// Sample comments still waiting for this coder.
    pub my_sample_left: i64,
}

pub fn progress(
    conn: &mut DbConnection,
    cycle_id: i32,
    question: &str,
    me: i32,
) -> StoreResult<Progress> {
    use diesel::dsl::{count_star, exists, not};
    let of_question = || {
        comments::table
            .filter(comments::cycle_id.eq(cycle_id))
            .filter(comments::question_id.eq(question))
    };
    let coded_by_second = exists(
        codings::table
            .filter(codings::comment_id.eq(comments::id))
            .filter(codings::coder_id.nullable().eq(comments::second_coder_id)),
    );
    let coded_by_me = exists(
        codings::table
            .filter(codings::comment_id.eq(comments::id))
            .filter(codings::coder_id.eq(me)),
    );
    Ok(Progress {
        comments: of_question().select(count_star()).first(conn)?,
        coded: of_question()
            .filter(comments::first_coder_id.is_not_null())
            .select(count_star())
            .first(conn)?,
        sampled: of_question()
            .filter(comments::second_coder_id.is_not_null())
            .select(count_star())
            .first(conn)?,
        second_coded: of_question()
            .filter(comments::second_coder_id.is_not_null())
            .filter(coded_by_second)
            .select(count_star())
            .first(conn)?,
        mine: of_question()
            .filter(coded_by_me)
            .select(count_star())
            .first(conn)?,
        my_sample_left: of_question()
            .filter(comments::second_coder_id.eq(me))
            .filter(not(coded_by_me))
            .select(count_star())
            .first(conn)?,
    })
}

/// Codes given per coder on a question: (coder email, codes).
pub fn codes_per_coder(
    conn: &mut DbConnection,
    cycle_id: i32,
    question: &str,
) -> StoreResult<Vec<(String, i64)>> {
    use crate::db::schema::accounts;
    Ok(codings::table
        .inner_join(comments::table)
        .inner_join(accounts::table)
        .filter(comments::cycle_id.eq(cycle_id))
        .filter(comments::question_id.eq(question))
        .group_by(accounts::email)
        .select((accounts::email, diesel::dsl::count_star()))
        .order(accounts::email)
        .load(conn)?)
}
