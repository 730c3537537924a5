//! Comments: the spans of answers to open questions that coders code. Re-segmenting an answer
//! keeps the comments whose span is unchanged and refuses to drop one already coded.

use crate::db::schema::{codings, comments, responses, service_areas};
use crate::db::DbConnection;
use crate::error::{AppError, AppResult};
use diesel::prelude::*;
use frontline_qualitative::segment::Span;
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

pub fn get(conn: &mut DbConnection, id: i32) -> AppResult<Comment> {
    comments::table
        .find(id)
        .select(Comment::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| AppError::NotFound(format!("no comment {id}")))
}

/// The comments of one answer, in text order.
pub fn of_answer(
    conn: &mut DbConnection,
    response_id: i32,
    question: &str,
) -> AppResult<Vec<Comment>> {
    Ok(comments::table
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
) -> AppResult<Vec<Comment>> {
    Ok(comments::table
        .filter(comments::cycle_id.eq(cycle_id))
        .filter(comments::question_id.eq(question))
        .order(comments::id)
        .select(Comment::as_select())
        .load(conn)?)
}

/// Whether an answer has been segmented.
pub fn answer_is_segmented(
    conn: &mut DbConnection,
    response_id: i32,
    question: &str,
) -> AppResult<bool> {
    Ok(diesel::select(diesel::dsl::exists(
        comments::table
            .filter(comments::response_id.eq(response_id))
            .filter(comments::question_id.eq(question)),
    ))
    .get_result(conn)?)
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
) -> AppResult<()> {
    conn.transaction(|conn| {
        let existing = of_answer(conn, response_id, question)?;
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
                return Err(AppError::invalid(
                    "segments",
                    format!(
                        "\"{}\" is already coded; clear its codes before splitting it differently",
                        gone.body
                    ),
                ));
            }
            diesel::delete(comments::table.find(gone.id)).execute(conn)?;
        }
        for span in spans
            .iter()
            .filter(|s| !existing.iter().any(|c| same(c, s)))
        {
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
    })
}

/// Gives comments to a second coder for blind double coding.
pub fn assign_second_coder(
    conn: &mut DbConnection,
    ids: &[i32],
    coder_id: i32,
) -> AppResult<usize> {
    Ok(
        diesel::update(comments::table.filter(comments::id.eq_any(ids)))
            .set(comments::second_coder_id.eq(Some(coder_id)))
            .execute(conn)?,
    )
}

/// Whether a question id is another instrument's (`INSTRUMENT:QUESTION`): its comments' response
/// ids name `instrument_responses`, whose respondents are people, not services with areas.
pub fn is_instrument_question(question: &str) -> bool {
    question.contains(':')
}

/// The police force areas of the service that gave each comment of a question (none for
/// another instrument's question).
pub fn areas_of_question(
    conn: &mut DbConnection,
    cycle_id: i32,
    question: &str,
) -> AppResult<Vec<(i32, String)>> {
    if is_instrument_question(question) {
        return Ok(Vec::new());
    }
    Ok(comments::table
        .inner_join(responses::table)
        .inner_join(service_areas::table.on(service_areas::service_id.eq(responses::service_id)))
        .filter(comments::cycle_id.eq(cycle_id))
        .filter(comments::question_id.eq(question))
        .select((comments::id, service_areas::pfa_code))
        .load(conn)?)
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
) -> AppResult<Progress> {
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
) -> AppResult<Vec<(String, i64)>> {
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
