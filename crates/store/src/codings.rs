//! Codes given to comments, one per coder, with undo; the coding queue each coder works
//! through; and the agreed code of a double-coded comment the coders disagreed on.

use crate::clock;
use crate::db::schema::{adjudications, codings, comments, responses, service_areas};
use crate::db::DbConnection;
use crate::error::{StoreError, StoreResult};
use diesel::dsl::{exists, not};
use diesel::prelude::*;

/// Which comments the workbench walks through.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Filter {
    /// Comments waiting for this coder: their double-coding sample, then comments nobody has
    /// coded first.
    Uncoded,
    /// Comments this coder gave a code (exactly, or any subcategory of a category).
    Code(String),
    /// Comments first coded by an account.
    Coder(i32),
    /// Comments from services working in a police force area.
    Area(String),
    /// Every comment.
    All,
}

impl Filter {
    /// Reads `uncoded`, `all`, `code:PATH`, `coder:ID` or `area:CODE`.
    pub fn parse(text: &str) -> StoreResult<Filter> {
        let bad = || {
            StoreError::invalid(
                "filter",
                format!("'{text}' is not a filter; use uncoded, all, code:…, coder:… or area:…"),
            )
        };
        Ok(match text.split_once(':') {
            None if text.is_empty() || text == "uncoded" => Filter::Uncoded,
            None if text == "all" => Filter::All,
            Some(("code", code)) => Filter::Code(code.to_string()),
            Some(("coder", id)) => Filter::Coder(id.parse().map_err(|_| bad())?),
            Some(("area", code)) => Filter::Area(code.to_string()),
            _ => return Err(bad()),
        })
    }

    pub fn as_query(&self) -> String {
        match self {
            Filter::Uncoded => "uncoded".into(),
            Filter::All => "all".into(),
            Filter::Code(c) => format!("code:{c}"),
            Filter::Coder(id) => format!("coder:{id}"),
            Filter::Area(a) => format!("area:{a}"),
        }
    }
}

/// The next (or previous) comment of `question` in the coder's filter, after (or before) `from`.
pub fn neighbour(
    conn: &mut DbConnection,
    cycle_id: i32,
    question: &str,
    me: i32,
    filter: &Filter,
    from: i32,
    forward: bool,
) -> StoreResult<Option<i32>> {
    if matches!(filter, Filter::Area(_))
        && super::comments::Source::of(question) != super::comments::Source::Survey
    {
        return Err(StoreError::invalid(
            "filter",
            "only practitioners' answers are filtered by area (these comments are people's own words, not a service's answers); filter by code or coder instead",
        ));
    }
    if *filter == Filter::Uncoded {
        // Two narrow queries, each on its own index, rather than one with an OR that can use
        // neither: the coder's double-coding sample, and comments nobody has coded first.
        let sample = step(conn, cycle_id, question, me, &Queue::Sample, from, forward)?;
        let first = step(
            conn,
            cycle_id,
            question,
            me,
            &Queue::FirstCode,
            from,
            forward,
        )?;
        return Ok(match (sample, first) {
            (Some(a), Some(b)) => Some(if forward { a.min(b) } else { a.max(b) }),
            (a, b) => a.or(b),
        });
    }
    step(
        conn,
        cycle_id,
        question,
        me,
        &Queue::Filter(filter),
        from,
        forward,
    )
}

/// One ordered walk through a question's comments.
enum Queue<'a> {
    /// This coder's sample, not yet coded by them.
    Sample,
    /// Comments with no first code, not held for this coder's sample, not coded by them.
    FirstCode,
    Filter(&'a Filter),
}

fn step(
    conn: &mut DbConnection,
    cycle_id: i32,
    question: &str,
    me: i32,
    queue: &Queue,
    from: i32,
    forward: bool,
) -> StoreResult<Option<i32>> {
    let mut query = comments::table
        .filter(comments::cycle_id.eq(cycle_id))
        .filter(comments::question_id.eq(question))
        .select(comments::id)
        .into_boxed();
    query = if forward {
        query
            .filter(comments::id.gt(from))
            .order(comments::id.asc())
    } else {
        query
            .filter(comments::id.lt(from))
            .order(comments::id.desc())
    };
    let coded_by_me = codings::table
        .filter(codings::comment_id.eq(comments::id))
        .filter(codings::coder_id.eq(me));
    query = match queue {
        Queue::Sample => query
            .filter(comments::second_coder_id.eq(me))
            .filter(not(exists(coded_by_me))),
        Queue::FirstCode => query
            .filter(comments::first_coder_id.is_null())
            .filter(
                comments::second_coder_id
                    .is_null()
                    .or(comments::second_coder_id.ne(me)),
            )
            .filter(not(exists(coded_by_me))),
        Queue::Filter(Filter::Uncoded) | Queue::Filter(Filter::All) => query,
        Queue::Filter(Filter::Code(code)) => {
            let prefix = format!("{code} / %");
            query.filter(exists(
                codings::table
                    .filter(codings::comment_id.eq(comments::id))
                    .filter(codings::coder_id.eq(me))
                    .filter(
                        codings::code
                            .eq(code.clone())
                            .or(codings::code.like(prefix)),
                    ),
            ))
        }
        Queue::Filter(Filter::Coder(id)) => query.filter(comments::first_coder_id.eq(*id)),
        Queue::Filter(Filter::Area(pfa)) => query.filter(exists(
            responses::table
                .inner_join(
                    service_areas::table.on(service_areas::service_id.eq(responses::service_id)),
                )
                .filter(responses::id.eq(comments::response_id))
                .filter(service_areas::pfa_code.eq(pfa.clone())),
        )),
    };
    Ok(query.first(conn).optional()?)
}

/// This coder's code for a comment.
pub fn code_of(
    conn: &mut DbConnection,
    comment_id: i32,
    coder: i32,
) -> StoreResult<Option<String>> {
    Ok(codings::table
        .find((comment_id, coder))
        .select(codings::code)
        .first(conn)
        .optional()?)
}

/// Gives (or changes) a coder's code; the comment's first coder is set if it had none and this
/// coder is not its second coder.
pub fn code(conn: &mut DbConnection, comment_id: i32, coder: i32, code: &str) -> StoreResult<()> {
    crate::db::transaction(conn, |conn| {
        let previous = code_of(conn, comment_id, coder)?;
        let last: Option<i64> = codings::table
            .filter(codings::coder_id.eq(coder))
            .select(diesel::dsl::max(codings::seq))
            .first(conn)?;
        let seq = last.unwrap_or(0) + 1;
        if previous.is_some() {
            diesel::update(codings::table.find((comment_id, coder)))
                .set((
                    codings::previous_code.eq(previous),
                    codings::code.eq(code),
                    codings::seq.eq(seq),
                    codings::coded_at.eq(clock::now()),
                ))
                .execute(conn)?;
        } else {
            diesel::insert_into(codings::table)
                .values((
                    codings::comment_id.eq(comment_id),
                    codings::coder_id.eq(coder),
                    codings::code.eq(code),
                    codings::seq.eq(seq),
                    codings::coded_at.eq(clock::now()),
                ))
                .execute(conn)?;
            diesel::update(
                comments::table
                    .find(comment_id)
                    .filter(comments::first_coder_id.is_null())
                    .filter(
                        comments::second_coder_id
                            .is_null()
                            .or(comments::second_coder_id.ne(coder)),
                    ),
            )
            .set(comments::first_coder_id.eq(Some(coder)))
            .execute(conn)?;
        }
        Ok(())
    })
}

/// Takes back the coder's last coding of a question in a cycle (never one of another question's
/// or cycle's): the code before it is restored, or the coding removed. Returns the comment it
/// was on.
pub fn undo(
    conn: &mut DbConnection,
    cycle_id: i32,
    question: &str,
    coder: i32,
) -> StoreResult<Option<i32>> {
    crate::db::transaction(conn, |conn| {
        let last: Option<(i32, Option<String>)> = codings::table
            .inner_join(comments::table)
            .filter(codings::coder_id.eq(coder))
            .filter(comments::cycle_id.eq(cycle_id))
            .filter(comments::question_id.eq(question))
            .order(codings::seq.desc())
            .select((codings::comment_id, codings::previous_code))
            .first(conn)
            .optional()?;
        let Some((comment_id, previous)) = last else {
            return Ok(None);
        };
        let row = codings::table.find((comment_id, coder));
        match previous {
            Some(before) => {
                diesel::update(row)
                    .set((
                        codings::code.eq(before),
                        codings::previous_code.eq(None::<String>),
                        codings::seq.eq(0),
                    ))
                    .execute(conn)?;
            }
            None => {
                diesel::delete(row).execute(conn)?;
                diesel::update(
                    comments::table
                        .find(comment_id)
                        .filter(comments::first_coder_id.eq(coder)),
                )
                .set(comments::first_coder_id.eq(None::<i32>))
                .execute(conn)?;
            }
        }
        Ok(Some(comment_id))
    })
}

/// Every coding of a question: (comment, coder, code).
pub fn of_question(
    conn: &mut DbConnection,
    cycle_id: i32,
    question: &str,
) -> StoreResult<Vec<(i32, i32, String)>> {
    Ok(codings::table
        .inner_join(comments::table)
        .filter(comments::cycle_id.eq(cycle_id))
        .filter(comments::question_id.eq(question))
        .select((codings::comment_id, codings::coder_id, codings::code))
        .order((codings::comment_id, codings::coder_id))
        .load(conn)?)
}

/// The agreed codes of a question's adjudicated comments: (comment, code, decided by).
pub fn adjudications_of_question(
    conn: &mut DbConnection,
    cycle_id: i32,
    question: &str,
) -> StoreResult<Vec<(i32, String, String)>> {
    Ok(adjudications::table
        .inner_join(comments::table)
        .filter(comments::cycle_id.eq(cycle_id))
        .filter(comments::question_id.eq(question))
        .select((
            adjudications::comment_id,
            adjudications::code,
            adjudications::decided_by,
        ))
        .load(conn)?)
}

/// Records (or changes) the agreed code of a comment.
pub fn adjudicate(
    conn: &mut DbConnection,
    comment_id: i32,
    code: &str,
    by: &str,
) -> StoreResult<()> {
    crate::db::transaction(conn, |conn| {
        diesel::delete(adjudications::table.find(comment_id)).execute(conn)?;
        diesel::insert_into(adjudications::table)
            .values((
                adjudications::comment_id.eq(comment_id),
                adjudications::code.eq(code),
                adjudications::decided_by.eq(by),
                adjudications::decided_at.eq(clock::now()),
            ))
            .execute(conn)?;
        Ok(())
    })
}
