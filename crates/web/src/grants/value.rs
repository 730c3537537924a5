//! The value and market tables, built from every programme's grants over its latest periods
//! (spend from the financial returns, victims engaged from the VFS returns, the same periods),
//! the money passed on to partners, and the cycle's funding register; protected by the cycle's
//! rule (or a release's protector) for people and the dominance rule for money. What a cycle
//! publishes covers its own year and is fixed at its first release.

use super::monitoring::returns_by_service;
use crate::db::DbConnection;
use crate::error::{AppError, AppResult};
use crate::store::cycles::Cycle;
use crate::store::grants::{self, finance, subcontracts};
use crate::store::{funding, profiles, programmes, releases, services};
use crate::Platform;
use frontline_disclosure::CellProtector;
use frontline_geo::areas::REGIONS;
use frontline_geo::tables::Table;
use frontline_grants::value::{
    funder_dependency, grant_value, providers_by_income, subcontracting, FundedService, Outlay,
    PfaInRegion, Provider, Subcontract,
};
use frontline_provision::gaps::ServiceProfile;
use frontline_provision::Day;
use std::collections::{BTreeMap, BTreeSet};
use survey_engine::Answers;

/// How many of each programme's latest periods the commissioners' value tables cover: a year of
/// quarters.
pub const PERIODS: usize = 4;

/// Which periods the tables cover.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Window {
    /// Each programme's latest [`PERIODS`] opened periods: the commissioners' own monitoring.
    Latest,
    /// The periods ending in the 12 months to a cycle's close (its reference year): what the
    /// cycle publishes, fixed by the cycle, so two releases never cover the same grants with
    /// different figures for a reader to difference.
    YearTo(Day),
}

/// `grant-value`, `subcontracted-funding`, `providers-by-income` and `funder-dependency` over
/// `window`; none when no grant runs in it (the market tables come with them, from `cycle`'s
/// register).
pub fn tables(
    platform: &Platform,
    conn: &mut DbConnection,
    cycle: &Cycle,
    protector: &dyn CellProtector,
    window: Window,
) -> AppResult<Vec<Table>> {
    let periods = periods_in(conn, window)?;
    let running = |g: &grants::StoredGrant| {
        periods.get(&g.programme_id).is_some_and(|own| {
            own.iter()
                .filter_map(|p| p.parse::<frontline_returns::Period>().ok())
                .any(|p| g.terms.runs_in(&p))
        })
    };
    let all: Vec<grants::StoredGrant> = grants::all(conn)?.into_iter().filter(running).collect();
    if all.is_empty() {
        return Ok(Vec::new());
    }
    let services: BTreeMap<i32, services::Service> = services::all(conn)?
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    let by_and_for = by_and_for_services(conn)?;
    let every_period: Vec<String> = periods
        .values()
        .flatten()
        .cloned()
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let returns = returns_by_service(conn, &every_period)?;
    // Funding security is read from the end of the window, not the day of building.
    let latest_end = match window {
        Window::YearTo(close) => Some(close),
        Window::Latest => latest_end(&periods),
    };
    let ids: Vec<i32> = all.iter().map(|g| g.id).collect();
    let spent = finance::all_of(conn, &ids)?;
    // One entry per service, whatever number of grants fund it.
    let mut funded: BTreeMap<i32, FundedService> = BTreeMap::new();
    let mut outlays: BTreeMap<i32, Outlay> = BTreeMap::new();
    for g in &all {
        let Some(s) = services.get(&g.terms.service_id) else {
            continue;
        };
        let Some(area) = s.areas.first() else {
            continue;
        };
        let no_returns = BTreeMap::new();
        let outlay = Outlay::of_grant(
            periods.get(&g.programme_id).into_iter().flatten(),
            spent.get(&g.id).unwrap_or(&no_returns),
        );
        let entry = funded.entry(s.id).or_insert_with(|| FundedService {
            organisation: s.organisation.clone(),
            area: area.clone(),
            by_and_for: by_and_for.contains(&s.id),
            grants: 0,
            ending_within_12_months: 0,
            annual_pence: 0,
            spend_pence: 0,
            engaged: 0,
        });
        entry.grants += 1;
        if latest_end.is_some_and(|day| g.terms.ends_within_12_months_of(day)) {
            entry.ending_within_12_months += 1;
        }
        entry.annual_pence += g.terms.annual_pence;
        outlays.entry(s.id).or_default().add(outlay);
    }
    // Spend and victims engaged over the same periods: those with spending returned.
    for (id, entry) in funded.iter_mut() {
        let Some(outlay) = outlays.get(id) else {
            continue;
        };
        entry.spend_pence = outlay.spend_pence;
        entry.engaged = outlay
            .engaged(|p| Some(returns.get(p)?.get(id)?.engaged()))
            .map_or(0, |(_, engaged)| engaged);
    }
    let places: Vec<PfaInRegion> = platform
        .geography
        .areas()
        .iter()
        .map(|a| (a.code.as_str(), a.name.as_str(), a.region.as_str()))
        .collect();
    let value: Vec<FundedService> = funded.into_values().collect();
    let mut out = vec![grant_value(&places, &REGIONS, &value, protector).map_err(task)?];
    let passed_on = passed_on(conn, &all, &services, &by_and_for)?;
    if !passed_on.is_empty() {
        out.push(subcontracting(&places, &REGIONS, &passed_on).map_err(task)?);
    }
    let market = providers(platform, conn, cycle, &services)?;
    if !market.is_empty() {
        out.push(providers_by_income(&REGIONS, &market));
        out.push(funder_dependency(&REGIONS, &market));
    }
    Ok(out)
}

/// The tables [`tables`] builds, with how many columns key their rows.
const PUBLISHED: [(&str, usize); 4] = [
    ("grant-value", 3),
    ("subcontracted-funding", 3),
    ("providers-by-income", 1),
    ("funder-dependency", 1),
];

/// The value and market tables `cycle` publishes: over its own year, and fixed at its first
/// release — a later version (a correction) carries the first's cells unchanged, since grant
/// data moves on after a release and two versions of one year's money side by side would give a
/// single grant away.
pub fn published(
    platform: &Platform,
    conn: &mut DbConnection,
    cycle: &Cycle,
    protector: &dyn CellProtector,
) -> AppResult<Vec<Table>> {
    let close = Day::parse(&cycle.closes_on)
        .map_err(|e| AppError::Task(format!("the {} close date: {e}", cycle.year)))?;
    let built = tables(platform, conn, cycle, protector, Window::YearTo(close))?;
    let Some(first) = releases::for_cycle(conn, cycle.id)?
        .into_iter()
        .min_by_key(|r| r.version)
    else {
        return Ok(built);
    };
    let mut out = Vec::new();
    for (name, key) in PUBLISHED {
        let Some(bytes) = releases::file(conn, first.id, &format!("tables/{name}.csv"))? else {
            continue;
        };
        let mut table = Table::from_csv(name, &String::from_utf8_lossy(&bytes), key)
            .map_err(|e| AppError::Task(format!("{name} as first released: {e}")))?;
        if let Some(fresh) = built.iter().find(|t| t.name == name) {
            table.title = fresh.title.clone();
            table.note = fresh.note.clone();
        }
        out.push(table);
    }
    Ok(out)
}

fn task(e: frontline_grants::GrantsError) -> AppError {
    AppError::Task(e.to_string())
}

/// Each programme's opened periods in the window, by programme id.
fn periods_in(conn: &mut DbConnection, window: Window) -> AppResult<BTreeMap<String, Vec<String>>> {
    let mut out = BTreeMap::new();
    for p in programmes::all(conn)? {
        let opened = programmes::periods(conn, &p.id)?;
        let names: Vec<String> = match window {
            Window::Latest => opened
                .iter()
                .rev()
                .take(PERIODS)
                .map(|(period, _)| period.to_string())
                .collect(),
            Window::YearTo(close) => opened
                .iter()
                .filter(|(period, _)| {
                    Day::parse(&period.ends())
                        .is_ok_and(|end| end <= close && close < end.plus_months(12))
                })
                .map(|(period, _)| period.to_string())
                .collect(),
        };
        out.insert(p.id, names);
    }
    Ok(out)
}

/// The last day of the latest of the periods.
fn latest_end(periods: &BTreeMap<String, Vec<String>>) -> Option<Day> {
    periods
        .values()
        .flatten()
        .filter_map(|p| p.parse::<frontline_returns::Period>().ok())
        .filter_map(|p| Day::parse(&p.ends()).ok())
        .max()
}

/// Services whose latest profile names a community they are led by and for.
fn by_and_for_services(conn: &mut DbConnection) -> AppResult<BTreeSet<i32>> {
    let mut out = BTreeSet::new();
    for (id, (_, stored)) in profiles::latest_by_service(conn, None)? {
        let answers = Answers::from_json(&stored.answers)?;
        if !ServiceProfile::from_answers(&answers).by_and_for.is_empty() {
            out.insert(id);
        }
    }
    Ok(out)
}

/// What lead providers pass on, placed in the lead's service's first area.
fn passed_on(
    conn: &mut DbConnection,
    all: &[grants::StoredGrant],
    services: &BTreeMap<i32, services::Service>,
    by_and_for: &BTreeSet<i32>,
) -> AppResult<Vec<Subcontract>> {
    let ids: Vec<i32> = all.iter().map(|g| g.id).collect();
    let lead_of: BTreeMap<i32, i32> = all.iter().map(|g| (g.id, g.terms.service_id)).collect();
    let mut out = Vec::new();
    for (grant, partner, pence) in subcontracts::of_grants(conn, &ids)? {
        let Some(lead) = lead_of.get(&grant).and_then(|id| services.get(id)) else {
            continue;
        };
        let Some(area) = lead.areas.first() else {
            continue;
        };
        out.push(Subcontract {
            lead_organisation: lead.organisation.clone(),
            area: area.clone(),
            partner_by_and_for: by_and_for.contains(&partner),
            annual_pence: pence,
        });
    }
    Ok(out)
}

/// Every organisation with funding in the cycle's register, in the region of its first service.
fn providers(
    platform: &Platform,
    conn: &mut DbConnection,
    cycle: &Cycle,
    services: &BTreeMap<i32, services::Service>,
) -> AppResult<Vec<Provider>> {
    let mut by_organisation: BTreeMap<String, Provider> = BTreeMap::new();
    for (service_id, stream) in funding::for_cycle(conn, cycle.id)? {
        let Some(s) = services.get(&service_id) else {
            continue;
        };
        let region = s
            .areas
            .first()
            .and_then(|a| platform.geography.region_of(a))
            .unwrap_or_default()
            .to_string();
        by_organisation
            .entry(s.organisation.clone())
            .or_insert_with(|| Provider {
                region,
                streams: Vec::new(),
            })
            .streams
            .push((stream.funder.clone(), stream.annual_pence));
    }
    Ok(by_organisation.into_values().collect())
}
