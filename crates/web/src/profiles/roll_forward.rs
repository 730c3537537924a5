//! Rolling profiles forward: a service with no profile this cycle keeps its latest earlier one,
//! marked as rolled forward from that cycle, until it gives a new one. Local authorities it
//! named that were abolished since are carried as their successors in the new cycle's year.

use crate::db::DbConnection;
use crate::error::AppResult;
use crate::store::profiles::{self, Write};
use crate::store::states::ProfileSource;
use crate::store::{audit, cycles};
use frontline_geo::authorities::successors_on;
use std::collections::BTreeSet;
use survey_engine::Answers;

/// Rolls forward into the cycle `year`; returns how many profiles were carried.
pub fn roll_forward(conn: &mut DbConnection, year: i32, by: &str) -> AppResult<usize> {
    let cycle = cycles::by_year(conn, year)?;
    let have: Vec<i32> = profiles::for_cycle(conn, cycle.id)?
        .into_iter()
        .map(|p| p.service_id)
        .collect();
    let latest = profiles::latest_by_service(conn, Some(year))?;
    let mut carried = 0;
    for (service_id, (from, p)) in latest {
        if have.contains(&service_id) {
            continue;
        }
        let answers = with_authorities_of(&p.answers, &cycle.closes_on)?;
        profiles::put(
            conn,
            Write {
                cycle_id: cycle.id,
                service_id,
                schema_version: &p.schema_version,
                answers: &answers,
                source: ProfileSource::RolledForward,
                carried_from_year: Some(p.carried_from_year.unwrap_or(from)),
                by,
            },
        )?;
        carried += 1;
    }
    audit::record(
        conn,
        audit::Change {
            actor: by,
            action: "profiles.rolled_forward",
            entity: "cycle",
            entity_id: year.to_string(),
            after: Some(format!("{carried} profiles")),
            ..Default::default()
        },
    )?;
    Ok(carried)
}

/// The answers with each upper-tier authority named replaced by what it stands for on `day`
/// (itself, or its successors once abolished), so the profile reads in the new cycle's geography.
fn with_authorities_of(answers: &str, day: &str) -> AppResult<String> {
    let mut parsed = Answers::from_json(answers)?;
    let named = parsed.choices(super::saving::UTLAS);
    if named.is_empty() {
        return Ok(answers.to_string());
    }
    let mut now = BTreeSet::new();
    for code in named {
        now.extend(
            successors_on(code, day)?
                .into_iter()
                .map(|u| u.code.to_string()),
        );
    }
    parsed.set(super::saving::UTLAS, serde_json::json!(now));
    Ok(parsed.to_json())
}
