//! The cycle's funding tables for the publication, with each stream placed in its service's
//! regions and areas and marked by-and-for when its service's profile says so.

use crate::db::DbConnection;
use crate::error::{AppError, AppResult};
use crate::store::cycles::Cycle;
use crate::store::{funding, profiles, services};
use crate::Platform;
use frontline_geo::areas::REGIONS;
use frontline_geo::tables::Table;
use frontline_provision::gaps::ServiceProfile;
use frontline_provision::money::{money_tables, PfaInRegion};
use frontline_provision::terms::{
    funding_arrangements, funding_terms, funding_terms_by_pfa, PlacedStream,
};
use frontline_provision::Day;
use std::collections::BTreeMap;
use survey_engine::Answers;

/// The funding-terms, funding-mix and by-and-for tables, by region and by police force area
/// (the tables of money protected together under the dominance rule); none when the cycle has
/// no funding register.
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
    let by_and_for: BTreeMap<i32, bool> = profiles::for_cycle(conn, cycle.id)?
        .into_iter()
        .map(|p| {
            let answers = Answers::from_json(&p.answers).unwrap_or_default();
            let led = !ServiceProfile::from_answers(&answers).by_and_for.is_empty();
            (p.service_id, led)
        })
        .collect();
    let placed: BTreeMap<i32, (Vec<String>, Vec<String>)> = services::all(conn)?
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
            (s.id, (regions, s.areas))
        })
        .collect();
    let placed: Vec<PlacedStream> = streams
        .into_iter()
        .map(|(service_id, mut stream)| {
            // Streams are read without their service's name: its id tells services apart.
            stream.service = service_id.to_string();
            let (regions, areas) = placed.get(&service_id).cloned().unwrap_or_default();
            PlacedStream {
                regions,
                areas,
                by_and_for: by_and_for.get(&service_id).copied().unwrap_or(false),
                stream,
            }
        })
        .collect();
    let places: Vec<PfaInRegion> = platform
        .geography
        .areas()
        .iter()
        .map(|a| (a.code.as_str(), a.name.as_str(), a.region.as_str()))
        .collect();
    let pfas: Vec<(&str, &str)> = places.iter().map(|(c, n, _)| (*c, *n)).collect();
    let money = money_tables(&placed, &REGIONS, &places)
        .map_err(|e| AppError::Task(format!("the {} funding tables: {e}", cycle.year)))?;
    Ok(vec![
        funding_terms(&placed, &REGIONS, close),
        funding_terms_by_pfa(&placed, &pfas, close),
        money.mix,
        money.mix_by_pfa,
        funding_arrangements(&placed, &REGIONS),
        money.by_and_for,
        money.by_and_for_by_pfa,
    ])
}
