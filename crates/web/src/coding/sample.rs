//! The double-coding sample: a share of a question's comments given blind to a second coder
//! (drawn by [`frontline_qualitative::sample`]), audited.

use super::OpenQuestion;
use crate::db::DbConnection;
use crate::error::{AppError, AppResult};
use crate::store::accounts::Account;
use crate::store::audit::{self, Change};
use crate::store::comments;
use crate::store::cycles::Cycle;
use frontline_qualitative::sample::Candidate;

/// Draws `percent` of the question's comments that the second coder did not code first and that
/// no one else holds, at random (reproducibly for the same comments), and gives them to
/// `second`. Returns how many were drawn.
pub fn draw(
    conn: &mut DbConnection,
    cycle: &Cycle,
    question: &OpenQuestion,
    percent: u32,
    second: &Account,
    by: &str,
) -> AppResult<usize> {
    super::ensure_changeable(cycle)?;
    if !(1..=100).contains(&percent) {
        return Err(AppError::invalid(
            "percent",
            format!("{percent} must be a whole percentage from 1 to 100"),
        ));
    }
    if !second.role.codes_comments() || second.disabled_at.is_some() {
        return Err(AppError::invalid(
            "coder",
            format!("{} is not an active coder", second.email),
        ));
    }
    let all: Vec<Candidate> = comments::of_question(conn, cycle.id, &question.id)?
        .iter()
        .map(|c| Candidate {
            id: c.id,
            first_coder: c.first_coder_id,
            second_coder: c.second_coder_id,
        })
        .collect();
    let candidates = frontline_qualitative::sample::draw(&all, percent, second.id);
    let drawn = comments::assign_second_coder(conn, &candidates, second.id)?;
    audit::record(
        conn,
        Change {
            actor: by,
            action: "coding.sample_drawn",
            entity: "question",
            entity_id: format!("{}/{}", cycle.year, question.id),
            after: Some(format!("{drawn} comments to {}", second.email)),
            reason: Some(format!(
                "double coding {percent}% of the question's comments"
            )),
            ..Default::default()
        },
    )?;
    Ok(drawn)
}
