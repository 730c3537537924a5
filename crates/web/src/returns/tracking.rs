//! Which returns are in: for each opened period and each service of a programme, submitted,
//! saved but not submitted, due, or late (past the due date with nothing submitted).

use crate::db::DbConnection;
use crate::error::AppResult;
use crate::store::states::ResponseStatus;
use crate::store::{programmes, services, vfs_returns};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReturnState {
    Submitted,
    /// Saved, not submitted.
    Partial,
    /// Not in, not yet due.
    Due,
    /// Past its due date and not submitted.
    Late,
}

#[derive(Debug, Clone, Serialize)]
pub struct ServiceRow {
    pub service_id: i32,
    pub service: String,
    pub areas: Vec<String>,
    pub states: Vec<ReturnState>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Tracking {
    /// (period, due date), oldest first.
    pub periods: Vec<(String, String)>,
    pub rows: Vec<ServiceRow>,
    /// Late returns per period.
    pub late: Vec<usize>,
}

/// The programme's tracking, for every service or only those in `areas` (a PCC office's).
pub fn programme(
    conn: &mut DbConnection,
    programme_id: &str,
    today: &str,
    areas: Option<&[String]>,
) -> AppResult<Tracking> {
    let periods: Vec<(String, String)> = programmes::periods(conn, programme_id)?
        .into_iter()
        .map(|(p, due)| (p.to_string(), due))
        .collect();
    let names: Vec<String> = periods.iter().map(|(p, _)| p.clone()).collect();
    let stored: BTreeMap<(i32, String), ResponseStatus> =
        vfs_returns::statuses_for_periods(conn, &names)?
            .into_iter()
            .map(|(service, period, status)| ((service, period), status))
            .collect();
    let members = programmes::service_ids(conn, programme_id)?;
    let mut rows = Vec::new();
    for service in services::all(conn)?
        .into_iter()
        .filter(|s| members.contains(&s.id))
    {
        if areas.is_some_and(|a| !service.areas.iter().any(|c| a.contains(c))) {
            continue;
        }
        let states = periods
            .iter()
            .map(
                |(period, due)| match stored.get(&(service.id, period.clone())) {
                    Some(ResponseStatus::Submitted) => ReturnState::Submitted,
                    _ if today > due.as_str() => ReturnState::Late,
                    Some(_) => ReturnState::Partial,
                    None => ReturnState::Due,
                },
            )
            .collect();
        rows.push(ServiceRow {
            service_id: service.id,
            service: format!("{} – {}", service.organisation, service.name),
            areas: service.areas,
            states,
        });
    }
    let late = (0..periods.len())
        .map(|i| {
            rows.iter()
                .filter(|r| r.states[i] == ReturnState::Late)
                .count()
        })
        .collect();
    Ok(Tracking {
        periods,
        rows,
        late,
    })
}
