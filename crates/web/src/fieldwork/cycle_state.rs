//! Opening and closing a cycle for answers, and its reminder schedule; every change is audited.

use crate::db::DbConnection;
use crate::error::{AppError, AppResult};
use crate::fieldwork::reminders;
use crate::store::states::CycleStatus;
use crate::store::{audit, cycles};

/// Moves a cycle between `draft`, `open` and `closed`. Closing makes every invitation link stop
/// working. Frozen cycles belong to the estimates workflow and are not changed here.
pub fn set_status(conn: &mut DbConnection, year: i32, status: &str, actor: &str) -> AppResult<()> {
    let cycle = cycles::by_year(conn, year)?;
    let status = match status.parse() {
        Ok(s @ (CycleStatus::Draft | CycleStatus::Open | CycleStatus::Closed)) => s,
        _ => {
            return Err(AppError::invalid(
                "status",
                format!("'{status}' is not one of: draft, open, closed"),
            ))
        }
    };
    if cycle.is_frozen() {
        return Err(AppError::invalid(
            "status",
            format!("the {year} cycle is frozen; re-open its estimates first"),
        ));
    }
    if cycle.status == status {
        return Ok(());
    }
    Ok(frontline_store::db::transaction(conn, |conn| {
        cycles::set_status(conn, cycle.id, status)?;
        audit::record(
            conn,
            audit::Change {
                actor,
                action: "cycle.status",
                entity: "cycle",
                entity_id: year.to_string(),
                before: Some(cycle.status.to_string()),
                after: Some(status.to_string()),
                reason: None,
            },
        )
    })?)
}

/// Sets the reminder dates from the survey team's text; returns the dates as stored.
pub fn set_reminder_dates(
    conn: &mut DbConnection,
    year: i32,
    text: &str,
    actor: &str,
) -> AppResult<String> {
    let cycle = cycles::by_year(conn, year)?;
    let dates = reminders::parse_dates(text)?;
    frontline_store::db::transaction(conn, |conn| {
        cycles::set_reminder_dates(conn, cycle.id, &dates)?;
        audit::record(
            conn,
            audit::Change {
                actor,
                action: "cycle.reminder_dates",
                entity: "cycle",
                entity_id: year.to_string(),
                before: Some(cycle.reminder_dates.clone()),
                after: Some(dates.clone()),
                reason: None,
            },
        )
    })?;
    Ok(dates)
}
