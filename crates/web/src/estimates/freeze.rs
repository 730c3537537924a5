//! Freezing a cycle's estimates before publication, and re-opening them; both audited. A frozen
//! cycle is read-only.

use crate::db::DbConnection;
use crate::error::{AppError, AppResult};
use crate::store::audit;
use crate::store::cycles::{self, Cycle};
use crate::store::states::CycleStatus;

/// Refuses any change to a frozen cycle's figures.
pub fn ensure_not_frozen(cycle: &Cycle) -> AppResult<()> {
    if cycle.is_frozen() {
        Err(AppError::Forbidden(format!(
            "the {} estimates are frozen; an admin must re-open them before anything changes",
            cycle.year
        )))
    } else {
        Ok(())
    }
}

/// Estimates work happens after fieldwork: the cycle must be closed and not frozen.
pub fn ensure_estimating(cycle: &Cycle) -> AppResult<()> {
    ensure_not_frozen(cycle)?;
    if cycle.status != CycleStatus::Closed {
        return Err(AppError::invalid(
            "cycle",
            format!(
                "the {} cycle is {}; close fieldwork before working on its estimates",
                cycle.year, cycle.status
            ),
        ));
    }
    Ok(())
}

pub fn freeze(conn: &mut DbConnection, year: i32, actor: &str, reason: &str) -> AppResult<()> {
    let cycle = cycles::by_year(conn, year)?;
    ensure_estimating(&cycle)?;
    change(
        conn,
        &cycle,
        CycleStatus::Frozen,
        actor,
        reason,
        "cycle.frozen",
    )
}

/// Re-opening is explicit: it needs a reason, and it is audited.
pub fn reopen(conn: &mut DbConnection, year: i32, actor: &str, reason: &str) -> AppResult<()> {
    let cycle = cycles::by_year(conn, year)?;
    if !cycle.is_frozen() {
        return Err(AppError::invalid(
            "cycle",
            format!("the {year} cycle is {}, not frozen", cycle.status),
        ));
    }
    if reason.trim().is_empty() {
        return Err(AppError::invalid(
            "reason",
            "say why the frozen estimates are being re-opened",
        ));
    }
    change(
        conn,
        &cycle,
        CycleStatus::Closed,
        actor,
        reason,
        "cycle.reopened",
    )
}

fn change(
    conn: &mut DbConnection,
    cycle: &Cycle,
    status: CycleStatus,
    actor: &str,
    reason: &str,
    action: &str,
) -> AppResult<()> {
    Ok(frontline_store::db::transaction(conn, |conn| {
        cycles::set_status(conn, cycle.id, status)?;
        audit::record(
            conn,
            audit::Change {
                actor,
                action,
                entity: "cycle",
                entity_id: cycle.year.to_string(),
                before: Some(cycle.status.to_string()),
                after: Some(status.to_string()),
                reason: Some(reason.trim().to_string()).filter(|r| !r.is_empty()),
            },
        )
    })?)
}

/// Sets the cycle's disclosure-control threshold; refused once frozen (outputs must not change
/// under a frozen cycle), and audited.
pub fn set_suppression(
    conn: &mut DbConnection,
    year: i32,
    rule: frontline_disclosure::SuppressionRule,
    actor: &str,
) -> AppResult<()> {
    let cycle = cycles::by_year(conn, year)?;
    ensure_not_frozen(&cycle)?;
    Ok(frontline_store::db::transaction(conn, |conn| {
        cycles::set_suppression_threshold(conn, cycle.id, rule)?;
        audit::record(
            conn,
            audit::Change {
                actor,
                action: "cycle.suppression_set",
                entity: "cycle",
                entity_id: year.to_string(),
                before: Some(cycle.suppression_threshold.to_string()),
                after: Some(rule.threshold().to_string()),
                reason: None,
            },
        )
    })?)
}
