//! The demo's qualitative coding: two coders, the report's ten-category codebook for every open
//! question, 2016 and 2017 coded in full, 2017 double-coded (a 15% sample) with its
//! disagreements adjudicated, and quotes starred, some approved with their names redacted and
//! some left for review.

use super::free_text::{theme_of, CODEBOOK_CSV};
use frontline_web::coding::{
    codebook, open_questions, quotes as quote_review, sample, segmenting, OpenQuestion,
};
use frontline_web::db::DbConnection;
use frontline_web::error::{AppError, AppResult};
use frontline_web::store::cycles::Cycle;
use frontline_web::store::states::{CycleStatus, Role};
use frontline_web::store::{accounts, codebooks, codings, comments, cycles, quotes};
use frontline_web::Platform;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

pub const DEMO_CODER_EMAIL: &str = "coder@example.org";
pub const DEMO_SECOND_CODER_EMAIL: &str = "coder2@example.org";
const TEAM: &str = "admin@example.org";

pub fn create(platform: &Platform, seed: u64) -> AppResult<String> {
    let mut conn = platform.conn()?;
    let first = accounts::upsert(
        &mut conn,
        DEMO_CODER_EMAIL,
        "Demo coder",
        Role::Coder,
        super::DEMO_ADMIN_PASSWORD,
    )?;
    let second = accounts::upsert(
        &mut conn,
        DEMO_SECOND_CODER_EMAIL,
        "Demo second coder",
        Role::Coder,
        super::DEMO_ADMIN_PASSWORD,
    )?;
    let mut rng = StdRng::seed_from_u64(seed ^ 0xc0de);
    let mut coded = 0;
    for year in [2016, 2017] {
        // Coding is done before a cycle is frozen: the demo's was done while fieldwork was closed.
        let as_created = cycles::by_year(&mut conn, year)?;
        cycles::set_status(&mut conn, as_created.id, CycleStatus::Closed)?;
        let cycle = cycles::by_year(&mut conn, year)?;
        for question in open_questions(platform, &mut conn, &cycle)? {
            frontline_web::store::db::transaction(&mut conn, |conn| {
                prepare(conn, &cycle, &question)?;
                coded += code_all(conn, &cycle, &question, first.id, 0.05, &mut rng)?;
                if year == 2017 {
                    sample::draw(conn, &cycle, &question, 15, &second, TEAM)?;
                    code_all(conn, &cycle, &question, second.id, 0.12, &mut rng)?;
                    adjudicate(conn, &cycle, &question)?;
                }
                Ok::<_, AppError>(())
            })?;
        }
        star_quotes(platform, &mut conn, &cycle, year == 2017)?;
        cycles::set_status(&mut conn, cycle.id, as_created.status)?;
    }
    let next = cycles::by_year(&mut conn, 2018)?;
    for question in open_questions(platform, &mut conn, &next)? {
        codebook::copy_forward(&mut conn, &next, &question, TEAM)?;
    }
    Ok(format!(
        "{coded} comments coded in 2016 and 2017, 2017 double-coded; coders sign in as {DEMO_CODER_EMAIL} or {DEMO_SECOND_CODER_EMAIL}"
    ))
}

/// The codebook (imported in 2016, copied forward after) and the answers split into comments.
fn prepare(conn: &mut DbConnection, cycle: &Cycle, question: &OpenQuestion) -> AppResult<()> {
    if cycle.year == 2016 {
        codebook::import(
            conn,
            cycle,
            question,
            "demo-codebook.csv",
            CODEBOOK_CSV,
            TEAM,
        )?;
    } else {
        codebook::copy_forward(conn, cycle, question, TEAM)?;
    }
    segmenting::suggest_all(conn, cycle, question)?;
    Ok(())
}

/// Codes every comment waiting for `coder`, as a careful person would, slipping at rate `slip`.
pub(crate) fn code_all(
    conn: &mut DbConnection,
    cycle: &Cycle,
    question: &OpenQuestion,
    coder: i32,
    slip: f64,
    rng: &mut StdRng,
) -> AppResult<usize> {
    let paths = codebooks::latest(conn, cycle.id, &question.id)?
        .map(|b| b.codebook.paths())
        .unwrap_or_default();
    let mut n = 0;
    for c in comments::of_question(conn, cycle.id, &question.id)? {
        // Their sample, or comments nobody has coded first (as the workbench queues them).
        let waiting = c.second_coder_id == Some(coder) || c.first_coder_id.is_none();
        if !waiting {
            continue;
        }
        let truth = theme_of(&c.body).unwrap_or("Other");
        let code = if rng.gen_bool(slip) {
            paths[rng.gen_range(0..paths.len())].as_str()
        } else {
            truth
        };
        codings::code(conn, c.id, coder, code)?;
        n += 1;
    }
    Ok(n)
}

/// Settles every disagreement in the sample on the comment's true theme.
fn adjudicate(conn: &mut DbConnection, cycle: &Cycle, question: &OpenQuestion) -> AppResult<()> {
    let found = frontline_web::coding::agreement::for_question(conn, cycle, question)?;
    for d in found.disagreements {
        codings::adjudicate(
            conn,
            d.comment_id,
            theme_of(&d.body).unwrap_or("Other"),
            TEAM,
        )?;
    }
    Ok(())
}

/// Stars comments that name a place (and a few that do not); approves all but the last two
/// with every proposed redaction, unless `leave_some` is false, when all are approved.
fn star_quotes(
    platform: &Platform,
    conn: &mut DbConnection,
    cycle: &Cycle,
    leave_some: bool,
) -> AppResult<()> {
    let question = open_questions(platform, conn, cycle)?
        .into_iter()
        .next()
        .ok_or_else(|| AppError::NotFound("the demo survey's open questions".into()))?;
    let candidates = comments::of_question(conn, cycle.id, &question.id)?;
    let picked: Vec<_> = candidates
        .iter()
        .filter(|c| c.body.len() > 60)
        .step_by(97)
        .take(7)
        .collect();
    for c in &picked {
        quotes::star(conn, c.id, DEMO_CODER_EMAIL)?;
    }
    let reviews = quote_review::reviews(platform, conn, cycle)?;
    let approve = if leave_some {
        reviews.len().saturating_sub(2)
    } else {
        reviews.len()
    };
    for review in reviews.iter().take(approve) {
        let keep: Vec<usize> = (0..review.redactions.len()).collect();
        quote_review::approve(
            platform,
            conn,
            cycle,
            review.quote.comment_id,
            &keep,
            "",
            TEAM,
        )?;
    }
    Ok(())
}
