//! The coding workbench: one comment at a time, in its answer's context, with the codebook on
//! keys (1–9 and 0 for categories, then a letter for a subcategory) and the coder's place in
//! their queue.

use super::OpenQuestion;
use crate::db::DbConnection;
use crate::error::{AppError, AppResult};
use crate::store::codings::{self, Filter};
use crate::store::comments::{self, Progress};
use crate::store::cycles::Cycle;
use crate::store::StoreError;
use crate::store::{codebooks, quotes};
use frontline_qualitative::codebook::Codebook;
use serde::Serialize;

/// Characters of the answer shown on each side of the comment.
const CONTEXT: usize = 600;

/// Keys for categories, in codebook order.
const CATEGORY_KEYS: [&str; 10] = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "0"];
/// Keys for subcategories within the chosen category (not j, k, s or u, which move, star and
/// undo).
const SUB_KEYS: &str = "abcdefghilmnopqrtvwxyz";

#[derive(Debug, Clone, Serialize)]
pub struct KeyedCode {
    pub key: String,
    pub path: String,
    pub name: String,
    pub definition: String,
    pub subcategories: Vec<KeyedCode>,
}

/// The codebook with a key on every code.
pub fn keyed(book: &Codebook) -> Vec<KeyedCode> {
    book.codes
        .iter()
        .zip(CATEGORY_KEYS)
        .map(|(c, key)| KeyedCode {
            key: key.to_string(),
            path: c.name.clone(),
            name: c.name.clone(),
            definition: c.definition.clone(),
            subcategories: c
                .children
                .iter()
                .zip(SUB_KEYS.chars())
                .map(|(s, k)| KeyedCode {
                    key: k.to_string(),
                    path: format!("{} / {}", c.name, s.name),
                    name: s.name.clone(),
                    definition: s.definition.clone(),
                    subcategories: Vec::new(),
                })
                .collect(),
        })
        .collect()
}

/// The comment on screen, with the answer around it.
#[derive(Debug, Clone, Serialize)]
pub struct Shown {
    pub id: i32,
    pub response_id: i32,
    pub before: String,
    pub text: String,
    pub after: String,
    pub my_code: Option<String>,
    pub starred: bool,
    pub in_my_sample: bool,
    pub previous: Option<i32>,
    pub next: Option<i32>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Workbench {
    pub codes: Vec<KeyedCode>,
    pub codebook_version: Option<i32>,
    pub filter: String,
    /// `filter=…`, ready for a link.
    pub filter_query: String,
    pub progress: Progress,
    pub comment: Option<Shown>,
}

/// The workbench at comment `at` (or the first in the filter), for coder `me`.
pub fn open(
    conn: &mut DbConnection,
    cycle: &Cycle,
    question: &OpenQuestion,
    me: i32,
    filter: &Filter,
    at: Option<i32>,
) -> AppResult<Workbench> {
    let book = codebooks::latest(conn, cycle.id, &question.id)?;
    let id = match at {
        Some(id) => Some(id),
        None => codings::neighbour(conn, cycle.id, &question.id, me, filter, 0, true)?,
    };
    let comment = match id {
        Some(id) => Some(show(conn, cycle, question, me, filter, id)?),
        None => None,
    };
    Ok(Workbench {
        codes: book
            .as_ref()
            .map(|b| keyed(&b.codebook))
            .unwrap_or_default(),
        codebook_version: book.map(|b| b.version),
        filter: filter.as_query(),
        filter_query: serde_urlencoded::to_string([("filter", filter.as_query())])
            .unwrap_or_default(),
        progress: comments::progress(conn, cycle.id, &question.id, me)?,
        comment,
    })
}

fn show(
    conn: &mut DbConnection,
    cycle: &Cycle,
    question: &OpenQuestion,
    me: i32,
    filter: &Filter,
    id: i32,
) -> AppResult<Shown> {
    let c = comment_in(conn, cycle, question, id)?;
    let answer = super::segmenting::answer_of(conn, cycle, c.response_id, question)?;
    let chars: Vec<char> = answer.chars().collect();
    let end = usize::try_from(c.end_char).unwrap_or(0).min(chars.len());
    let start = usize::try_from(c.start_char).unwrap_or(0).min(end);
    let piece = |a: usize, b: usize| chars[a.min(b)..b].iter().collect::<String>();
    // A transcript runs to pages: the comment is shown with the text just around it.
    let from = start.saturating_sub(CONTEXT);
    let to = (end + CONTEXT).min(chars.len());
    let mark = |cut: bool| if cut { "…" } else { "" };
    Ok(Shown {
        id,
        response_id: c.response_id,
        before: format!("{}{}", mark(from > 0), piece(from, start)),
        text: piece(start, end),
        after: format!("{}{}", piece(end, to), mark(to < chars.len())),
        my_code: codings::code_of(conn, id, me)?,
        starred: quotes::is_starred(conn, id)?,
        in_my_sample: c.second_coder_id == Some(me),
        previous: codings::neighbour(conn, cycle.id, &question.id, me, filter, id, false)?,
        next: codings::neighbour(conn, cycle.id, &question.id, me, filter, id, true)?,
    })
}

/// Comment `id`, if it is an answer to `question` in `cycle` (a link or form naming a comment of
/// another question or cycle is "not found").
pub fn comment_in(
    conn: &mut DbConnection,
    cycle: &Cycle,
    question: &OpenQuestion,
    id: i32,
) -> AppResult<comments::Comment> {
    comments::in_question(conn, cycle.id, &question.id, id).map_err(|e| match e {
        StoreError::NotFound(_) => {
            AppError::NotFound(format!("comment {id} of {} in {}", question.id, cycle.year))
        }
        other => other.into(),
    })
}

/// Gives coder `me`'s code to comment `id` of the question.
pub fn code(
    conn: &mut DbConnection,
    cycle: &Cycle,
    question: &OpenQuestion,
    id: i32,
    me: i32,
    code: &str,
) -> AppResult<()> {
    comment_in(conn, cycle, question, id)?;
    super::ensure_changeable(cycle)?;
    check_code(conn, cycle, question, code)?;
    Ok(codings::code(conn, id, me, code)?)
}

/// Takes back coder `me`'s last code on the question; returns the comment it was on.
pub fn undo(
    conn: &mut DbConnection,
    cycle: &Cycle,
    question: &OpenQuestion,
    me: i32,
) -> AppResult<Option<i32>> {
    super::ensure_changeable(cycle)?;
    Ok(codings::undo(conn, cycle.id, &question.id, me)?)
}

/// Stars comment `id` of the question as a quote for the reviewer.
pub fn star(
    conn: &mut DbConnection,
    cycle: &Cycle,
    question: &OpenQuestion,
    id: i32,
    by: &str,
) -> AppResult<()> {
    comment_in(conn, cycle, question, id)?;
    super::ensure_changeable(cycle)?;
    Ok(quotes::star(conn, id, by)?)
}

/// Where to go after coding `id`: the next comment in the queue, wrapping to the start.
pub fn after_coding(
    conn: &mut DbConnection,
    cycle: &Cycle,
    question: &OpenQuestion,
    me: i32,
    filter: &Filter,
    id: i32,
) -> AppResult<Option<i32>> {
    match codings::neighbour(conn, cycle.id, &question.id, me, filter, id, true)? {
        Some(next) => Ok(Some(next)),
        None => Ok(codings::neighbour(
            conn,
            cycle.id,
            &question.id,
            me,
            filter,
            0,
            true,
        )?),
    }
}

/// Checks a code against the question's codebook.
pub fn check_code(
    conn: &mut DbConnection,
    cycle: &Cycle,
    question: &OpenQuestion,
    code: &str,
) -> AppResult<()> {
    let book = codebooks::latest(conn, cycle.id, &question.id)?.ok_or_else(|| {
        AppError::invalid(
            "code",
            format!("{} has no codebook yet; import one first", question.id),
        )
    })?;
    if book.codebook.has_path(code) {
        Ok(())
    } else {
        Err(AppError::invalid(
            "code",
            format!(
                "'{code}' is not in version {} of the codebook",
                book.version
            ),
        ))
    }
}
