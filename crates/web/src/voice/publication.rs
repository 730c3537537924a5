//! Survivors' feedback in a cycle's publication: the feedback received in the cycle's year, by
//! region and for England and Wales — support wanted against support received, and the four
//! outcomes nationally. Every cell passes through the release's protector, so a corrected
//! release cannot be read against the first to uncover a hidden cell. Free text is never
//! published.

use crate::db::DbConnection;
use crate::error::AppResult;
use crate::store::cycles::Cycle;
use crate::store::{feedback, services};
use crate::Platform;
use frontline_disclosure::CellProtector;
use frontline_geo::areas::REGIONS;
use frontline_geo::tables::Table;
use frontline_voice::results::{self, home_region};
use frontline_voice::Feedback;
use std::collections::BTreeMap;

/// What the rows of all regions together are called.
pub const ENGLAND_AND_WALES: &str = "England and Wales";

/// The feedback tables of `cycle`; none when no feedback arrived in its year.
pub fn tables(
    platform: &Platform,
    conn: &mut DbConnection,
    cycle: &Cycle,
    protector: &dyn CellProtector,
) -> AppResult<Vec<Table>> {
    let year = cycle.year;
    let received = feedback::in_months(conn, &format!("{year}-01"), &format!("{year}-12"))?;
    if received.is_empty() {
        return Ok(Vec::new());
    }
    let region_of_service: BTreeMap<i32, String> = services::all(conn)?
        .into_iter()
        .filter_map(|s| {
            let regions: Vec<&str> = s
                .areas
                .iter()
                .filter_map(|a| platform.geography.region_of(a))
                .collect();
            home_region(&regions, &REGIONS).map(|r| (s.id, r.to_string()))
        })
        .collect();
    let mut by_region: BTreeMap<&str, Vec<&Feedback>> = BTreeMap::new();
    for r in &received {
        if let Some(region) = region_of_service.get(&r.service_id) {
            by_region
                .entry(region.as_str())
                .or_default()
                .push(&r.feedback);
        }
    }
    let rows: Vec<(String, Vec<&Feedback>)> = REGIONS
        .iter()
        .map(|r| (r.to_string(), by_region.remove(r).unwrap_or_default()))
        .collect();
    let all: Vec<&Feedback> = received.iter().map(|r| &r.feedback).collect();
    let period = format!(" Feedback received from January to December {year}.");
    let mut support = results::wanted_received(
        "survivor-feedback-support",
        "region",
        &rows,
        ENGLAND_AND_WALES,
        protector,
    )?;
    support.note.push_str(
        " A service working in more than one region counts in the region of most of its areas.",
    );
    support.note.push_str(&period);
    let mut outcomes = results::outcomes("survivor-feedback-outcomes", &all, protector)?;
    outcomes.note.push_str(&period);
    Ok(vec![support, outcomes])
}
