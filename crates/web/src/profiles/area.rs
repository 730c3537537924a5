//! One police force area's provision for a cycle: each service working there with its profile
//! and where the profile came from, the area's gap flags with their rules, and its services'
//! funding register, with the streams that end within 12 months of the cycle's close.

use super::safe_accommodation;
use crate::db::DbConnection;
use crate::error::{AppError, AppResult};
use crate::store::cycles::Cycle;
use crate::store::{funding, profiles, services};
use crate::Platform;
use frontline_provision::gaps::{gaps, ServiceProfile};
use frontline_provision::safe_accommodation::{
    coe_minimum, shortfall, DeclineReason, SafeAccommodation,
};
use frontline_provision::vocabulary::{Community, Gender, ReferralRoute, ServiceType};
use frontline_provision::Day;
use serde::Serialize;
use std::collections::BTreeMap;
use survey_engine::Answers;

#[derive(Debug, Clone, Serialize)]
pub struct ServiceLine {
    pub id: i32,
    pub organisation: String,
    pub name: String,
    /// Where the profile came from, or none when the service has no profile.
    pub provenance: Option<String>,
    pub offers: Vec<&'static str>,
    pub genders: Vec<&'static str>,
    pub by_and_for: Vec<&'static str>,
    pub referral_routes: Vec<&'static str>,
    pub waiting_list: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Flag {
    pub label: &'static str,
    pub rule: &'static str,
}

/// A funding stream of one of the area's services, as the register shows it.
#[derive(Debug, Clone, Serialize)]
pub struct StreamLine {
    pub service: String,
    pub funder_type: &'static str,
    pub funder: String,
    pub kind: &'static str,
    pub start: String,
    pub end: String,
    pub annual_pounds: String,
    pub core_costs_covered: &'static str,
    pub short_term: bool,
    pub ending_soon: bool,
    pub ring_fenced: bool,
    pub break_clause: Option<String>,
    /// The lead commissioner first, then the others funding it jointly.
    pub commissioners: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AreaProvision {
    pub code: String,
    pub name: String,
    pub region: String,
    pub services: Vec<ServiceLine>,
    pub gaps: Vec<Flag>,
    /// Every stream of the area's services, and those ending within 12 months of the close.
    pub register: Vec<StreamLine>,
    pub ending_soon: Vec<StreamLine>,
    /// The area's safe-accommodation places and referrals, when any service gives them.
    pub safe_accommodation: Option<SafeSummary>,
}

/// The safe-accommodation services counting their places in the area, added up, against the
/// Council of Europe minimum for the area's population.
#[derive(Debug, Clone, Serialize)]
pub struct SafeSummary {
    pub services: usize,
    pub given: SafeAccommodation,
    pub declined: Vec<(&'static str, u64)>,
    pub population: Option<u64>,
    pub coe_minimum: Option<u64>,
    pub shortfall: Option<u64>,
}

fn safe_summary(
    conn: &mut DbConnection,
    cycle: &Cycle,
    code: &str,
) -> AppResult<Option<SafeSummary>> {
    let here: Vec<SafeAccommodation> = safe_accommodation::given(conn, cycle)?
        .into_iter()
        .filter(|placed| placed.area.as_deref() == Some(code))
        .map(|placed| placed.given)
        .collect();
    if here.is_empty() {
        return Ok(None);
    }
    let given = SafeAccommodation::sum(&here);
    let population = safe_accommodation::population_by_area(conn, cycle)?
        .get(code)
        .copied();
    Ok(Some(SafeSummary {
        services: here.len(),
        declined: DeclineReason::ALL
            .iter()
            .map(|r| {
                (
                    r.label(),
                    given.referrals.declined.get(r).copied().unwrap_or(0),
                )
            })
            .collect(),
        coe_minimum: population.map(coe_minimum),
        shortfall: population.map(|p| shortfall(p, given.places.family)),
        population,
        given,
    }))
}

fn labels<T: Copy>(
    set: impl IntoIterator<Item = T>,
    label: fn(T) -> &'static str,
) -> Vec<&'static str> {
    set.into_iter().map(label).collect()
}

/// The provision of the area `code` in `cycle`.
pub fn of_area(
    platform: &Platform,
    conn: &mut DbConnection,
    cycle: &Cycle,
    code: &str,
) -> AppResult<AreaProvision> {
    let area = platform
        .geography
        .find(code)
        .ok_or_else(|| AppError::NotFound(format!("police force area {code}")))?
        .clone();
    let here: Vec<services::Service> = services::all(conn)?
        .into_iter()
        .filter(|s| s.areas.iter().any(|a| a == code))
        .collect();
    let stored: BTreeMap<i32, profiles::StoredProfile> = profiles::for_cycle(conn, cycle.id)?
        .into_iter()
        .map(|p| (p.service_id, p))
        .collect();
    let mut read: Vec<ServiceProfile> = Vec::new();
    let mut lines = Vec::new();
    for s in &here {
        let stored = stored.get(&s.id);
        let answers = match stored {
            Some(p) => Answers::from_json(&p.answers)?,
            None => Answers::new(),
        };
        let profile = ServiceProfile::from_answers(&answers);
        lines.push(ServiceLine {
            id: s.id,
            organisation: s.organisation.clone(),
            name: s.name.clone(),
            provenance: stored.map(profiles::StoredProfile::provenance),
            offers: labels(profile.offers.iter().copied(), ServiceType::label),
            genders: labels(profile.genders.iter().copied(), Gender::label),
            by_and_for: labels(profile.by_and_for.iter().copied(), Community::label),
            referral_routes: labels(
                profile.referral_routes.iter().copied(),
                ReferralRoute::label,
            ),
            waiting_list: answers.number("waiting_list"),
        });
        if stored.is_some() {
            read.push(profile);
        }
    }
    let names: BTreeMap<i32, String> = here.iter().map(|s| (s.id, s.name.clone())).collect();
    let streams: Vec<(String, frontline_provision::FundingStream)> =
        funding::for_cycle(conn, cycle.id)?
            .into_iter()
            .filter_map(|(id, stream)| Some((names.get(&id)?.clone(), stream)))
            .collect();
    let close = Day::parse(&cycle.closes_on)
        .map_err(|e| AppError::Task(format!("the {} close date: {e}", cycle.year)))?;
    let register: Vec<StreamLine> = streams
        .iter()
        .map(|(service, s)| StreamLine {
            service: service.clone(),
            funder_type: s.funder_type.label(),
            funder: s.funder.clone(),
            kind: s.kind.label(),
            start: s.start.to_string(),
            end: s.end.to_string(),
            annual_pounds: survey_engine::money::pounds(s.annual_pence),
            core_costs_covered: s.core_costs_covered.label(),
            short_term: s.is_short_term(),
            ending_soon: s.ends_within_12_months_of(close),
            ring_fenced: s.ring_fenced,
            break_clause: s.commissioning.break_clause.map(|d| d.to_string()),
            commissioners: s
                .commissioning
                .lead_commissioner
                .iter()
                .map(|l| format!("{l} (lead)"))
                .chain(s.commissioning.co_commissioners.iter().cloned())
                .collect(),
        })
        .collect();
    let ending_soon = register.iter().filter(|l| l.ending_soon).cloned().collect();
    let found = gaps(
        &read.iter().collect::<Vec<_>>(),
        &streams.iter().map(|(_, s)| s).collect::<Vec<_>>(),
    );
    Ok(AreaProvision {
        code: area.code.to_string(),
        name: area.name.clone(),
        region: area.region.clone(),
        services: lines,
        gaps: found
            .into_iter()
            .map(|g| Flag {
                label: g.label(),
                rule: g.rule(),
            })
            .collect(),
        register,
        ending_soon,
        safe_accommodation: safe_summary(conn, cycle, code)?,
    })
}
