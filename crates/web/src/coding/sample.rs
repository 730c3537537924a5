//! The double-coding sample: a share of a question's comments given blind to a second coder.

use super::OpenQuestion;
use crate::db::DbConnection;
use crate::error::{AppError, AppResult};
use crate::store::accounts::Account;
use crate::store::audit::{self, Change};
use crate::store::comments;
use crate::store::cycles::Cycle;
use rand::seq::SliceRandom;
use rand::SeedableRng;

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
    let all = comments::of_question(conn, cycle.id, &question.id)?;
    let wanted = (all.len() * percent as usize).div_ceil(100);
    let already = all.iter().filter(|c| c.second_coder_id.is_some()).count();
    let mut candidates: Vec<i32> = all
        .iter()
        .filter(|c| c.second_coder_id.is_none() && c.first_coder_id != Some(second.id))
        .map(|c| c.id)
        .collect();
    let seed = candidates.iter().fold(u64::from(percent), |h, id| {
        h.wrapping_mul(31).wrapping_add(*id as u64)
    });
    candidates.shuffle(&mut rand::rngs::StdRng::seed_from_u64(seed));
    candidates.truncate(wanted.saturating_sub(already));
    candidates.sort_unstable();
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
