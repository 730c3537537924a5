//! The cycle's funding tables for the publication, with each stream placed in its service's
//! regions.

use crate::bootstrap::Platform;
use crate::db::DbConnection;
use crate::error::{AppError, AppResult};
use crate::store::cycles::Cycle;
use crate::store::{funding, services};
use frontline_geo::areas::REGIONS;
use frontline_geo::tables::Table;
use frontline_provision::terms::{funding_mix, funding_terms, PlacedStream};
use frontline_provision::Day;
use std::collections::BTreeMap;

/// The funding-terms and funding-mix tables; none when the cycle has no funding register.
pub fn for_cycle(
    platform: &Platform,
    conn: &mut DbConnection,
    cycle: &Cycle,
) -> AppResult<Vec<Table>> {
    let streams = funding::for_cycle(conn, cycle.id)?;
    if streams.is_empty() {
        return Ok(Vec::new());
    }
    let close = Day::parse(&cycle.closes_on)
        .map_err(|e| AppError::Task(format!("the {} close date: {e}", cycle.year)))?;
    let regions: BTreeMap<i32, Vec<String>> = services::all(conn)?
        .into_iter()
        .map(|s| {
            let mut regions: Vec<String> = s
                .areas
                .iter()
                .filter_map(|code| platform.geography.find(code))
                .map(|a| a.region.clone())
                .collect();
            regions.sort();
            regions.dedup();
            (s.id, regions)
        })
        .collect();
    let placed: Vec<PlacedStream> = streams
        .into_iter()
        .map(|(service_id, stream)| PlacedStream {
            regions: regions.get(&service_id).cloned().unwrap_or_default(),
            stream,
        })
        .collect();
    Ok(vec![
        funding_terms(&placed, &REGIONS, close),
        funding_mix(&placed, &REGIONS),
    ])
}
