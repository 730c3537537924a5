//! Survivors' feedback in a cycle's publication: the feedback received in the cycle's year, by
//! region and for England and Wales — support wanted against support received, and the four
//! outcomes nationally. Only a year that has ended is published: no response can then join it,
//! and each counts in the region fixed when it arrived, so a corrected release holds the same
//! feedback as the first and the two cannot be read against each other. Every cell passes
//! through the release's protector. Free text is never published.

use crate::db::DbConnection;
use crate::error::AppResult;
use crate::store::cycles::Cycle;
use crate::store::feedback;
use frontline_disclosure::CellProtector;
use frontline_geo::areas::REGIONS;
use frontline_geo::tables::Table;
use frontline_voice::results;
use frontline_voice::Feedback;
use std::collections::BTreeMap;

/// What the rows of all regions together are called.
pub const ENGLAND_AND_WALES: &str = "England and Wales";

/// The feedback tables of `cycle`; none while its year is still going or when no feedback
/// arrived in it.
pub fn tables(
    conn: &mut DbConnection,
    cycle: &Cycle,
    protector: &dyn CellProtector,
) -> AppResult<Vec<Table>> {
    let year = cycle.year;
    let last = format!("{year}-12");
    if feedback::this_month() <= last {
        return Ok(Vec::new());
    }
    let received = feedback::in_months(conn, &format!("{year}-01"), &last)?;
    if received.is_empty() {
        return Ok(Vec::new());
    }
    let mut by_region: BTreeMap<&str, Vec<&Feedback>> = BTreeMap::new();
    for r in &received {
        by_region
            .entry(r.region.as_str())
            .or_default()
            .push(&r.feedback);
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
