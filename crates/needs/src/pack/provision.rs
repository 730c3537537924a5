//! What the area has: practitioners by role per 100,000 women, Idva provision against the need
//! model (the coverage table's own row), services by type, by-and-for community, eligibility and
//! upper-tier local authority, the area's gap flags with the rules that raise them, and refuge
//! places against the Council of Europe minimum, for the area and for each of its authorities.

use super::inputs::{Inputs, PackService, PlacesIn};
use super::{Question, Section};
use crate::indicators::per_100k;
use frontline_geo::allocation::AreaFigures;
use frontline_geo::authorities::upper_tier_authorities_on;
use frontline_geo::need::coverage_pct;
use frontline_geo::tables::{one_decimal, percent, whole, Table};
use frontline_provision::gaps::{gaps, ServiceProfile};
use frontline_provision::safe_accommodation::{coe_minimum, shortfall};
use frontline_provision::vocabulary::{Community, Gender, Opening, ServiceType};
use survey_engine::figures::ROLES;

pub fn sections(inputs: &Inputs, code: &str) -> Vec<Section> {
    let here: Vec<&PackService> = inputs.services_in(code).collect();
    let section = |table: Table| Section {
        question: Question::UnmetNeeds,
        table,
        notes: Vec::new(),
    };
    vec![
        section(practitioners(inputs, code)),
        section(idva_provision(inputs, code)),
        section(by_type(&here)),
        section(by_community(&here)),
        section(eligibility(&here)),
        section(access(&here)),
        section(by_local_authority(&here, code, &inputs.close.to_string())),
        section(gap_flags(&here)),
        section(refuge_places(inputs, code)),
    ]
    .into_iter()
    // By authority, refuge places could place a refuge the directory names: drafts only.
    .chain((!inputs.public).then(|| section(refuge_places_by_authority(inputs, code))))
    .collect()
}

/// The family places of the services counting their places in `areas`.
fn family_places_in(inputs: &Inputs, areas: &[&str]) -> u64 {
    inputs
        .services
        .iter()
        .filter_map(|s| s.places.as_ref())
        .filter(|p| areas.contains(&p.area.as_str()))
        .map(|p| p.places.family)
        .sum()
}

/// The minimum's three figures for a population (blank when it is unknown) and places.
fn against_minimum(population: Option<u64>, places: u64) -> [String; 3] {
    match population {
        Some(p) => [
            p.to_string(),
            coe_minimum(p).to_string(),
            shortfall(p, places).to_string(),
        ],
        None => [String::new(), String::new(), String::new()],
    }
}

/// The area's upper-tier authorities of the cycle's year, each with its family places against
/// the minimum for its population, and the places whose authority no service gave.
fn refuge_places_by_authority(inputs: &Inputs, code: &str) -> Table {
    let mut t = Table::new(
        "refuge-places-by-authority",
        "Refuge family places against the Council of Europe minimum, by upper-tier local authority",
        &["utla_code", "local_authority", "population", "family_places", "coe_minimum", "shortfall"],
    )
    .with_note("Each authority's places are those of the safe-accommodation services whose places are in it (a service says which when several could hold them), against the minimum for the authority's own all-age population. Totals by authority only: no refuge's location is ever published.");
    let here: Vec<&PlacesIn> = inputs
        .services
        .iter()
        .filter_map(|s| s.places.as_ref())
        .filter(|p| p.area == code)
        .collect();
    let authorities = upper_tier_authorities_on(&inputs.close.to_string()).unwrap_or_default();
    for la in authorities.iter().filter(|a| a.pfa_code == code) {
        let places: u64 = here
            .iter()
            .filter(|p| p.authority.as_deref() == Some(la.code.as_str()))
            .map(|p| p.places.family)
            .sum();
        let [population, minimum, short] =
            against_minimum(inputs.authority_populations.get(&la.code).copied(), places);
        t.push(vec![
            la.code.clone(),
            la.name.clone(),
            population,
            places.to_string(),
            minimum,
            short,
        ]);
    }
    let unplaced: u64 = here
        .iter()
        .filter(|p| p.authority.is_none())
        .map(|p| p.places.family)
        .sum();
    if unplaced > 0 {
        t.push(vec![
            String::new(),
            "Authority not given".into(),
            String::new(),
            unplaced.to_string(),
            String::new(),
            String::new(),
        ]);
    }
    t
}

/// Refuge places by kind in the area, and its family places against the Council of Europe
/// minimum beside its region's and England and Wales': counts by area only, never a refuge's.
fn refuge_places(inputs: &Inputs, code: &str) -> Table {
    let mut t = Table::new(
        "refuge-places",
        "Refuge and safe accommodation places against the Council of Europe minimum",
        &["area", "population", "family_places", "coe_minimum", "shortfall"],
    )
    .with_note("The Council of Europe minimum is one family place per 10,000 residents, rounded half up; the shortfall is never below zero. Places are those safe-accommodation services give in their profiles, counted in the area each names. No refuge's location is ever published.");
    let region = inputs.geo.region_of(code).unwrap_or_default().to_string();
    let in_region: Vec<&str> = inputs
        .geo
        .areas()
        .iter()
        .filter(|a| a.region == region)
        .map(|a| a.code.as_str())
        .collect();
    let everywhere: Vec<&str> = inputs.geo.areas().iter().map(|a| a.code.as_str()).collect();
    let name = inputs
        .geo
        .find(code)
        .map_or(code.to_string(), |a| a.name.clone());
    for (label, areas) in [
        (name, vec![code]),
        (region, in_region),
        ("England and Wales".to_string(), everywhere),
    ] {
        let population: Option<u64> = areas
            .iter()
            .map(|a| inputs.populations.get(*a).map(|p| p.population.everyone()))
            .sum();
        let places = family_places_in(inputs, &areas);
        let [shown, minimum, short] = against_minimum(population, places);
        t.push(vec![label, shown, places.to_string(), minimum, short]);
    }
    t
}

/// The FTE and services allocated to the area, as the national tables allocate them.
fn allocated(inputs: &Inputs, code: &str) -> AreaFigures {
    inputs
        .publication
        .rollup
        .pfas
        .get(code)
        .cloned()
        .unwrap_or_default()
}

fn practitioners(inputs: &Inputs, code: &str) -> Table {
    let figures = allocated(inputs, code);
    let women = inputs.women_in(code) as u64;
    let mut t = Table::new(
        "practitioners",
        "Frontline practitioners by role",
        &["role", "fte", "fte_per_100k_women"],
    )
    .with_note("FTE allocated to the area by each service's share of its work here, as the national tables allocate it. Volunteers are people, not FTE.");
    let row = |role: &str, fte: f64| {
        vec![
            role.to_string(),
            whole(fte),
            per_100k(fte, women).map(one_decimal).unwrap_or_default(),
        ]
    };
    for role in ROLES {
        t.push(row(role, figures.role_fte(role)));
    }
    t.push(row("all", figures.total_fte()));
    // Volunteers are people: the published cell, suppressed as the national table suppresses it.
    let volunteers = inputs
        .publication
        .table("volunteers-by-pfa")
        .and_then(|t| t.cell(code, "volunteers"))
        .unwrap_or_default();
    t.push(vec!["volunteers".into(), volunteers.into(), String::new()]);
    t
}

/// The area's row of the national coverage table, cell for cell.
fn idva_provision(inputs: &Inputs, code: &str) -> Table {
    let mut t = Table::new(
        "idva-provision",
        "Idva provision and the need model",
        &[
            "idva_services",
            "fte_idvas",
            "fte_idvas_high_risk",
            "recommended_fte",
            "coverage_pct",
        ],
    )
    .with_note("Coverage is the FTE of Idvas working with high-risk victims as a percentage of the need model's recommended FTE.");
    let f = allocated(inputs, code);
    let required = inputs
        .publication
        .needs
        .get(code)
        .map_or(0.0, |n| n.required_fte);
    t.push(vec![
        f.idva_services().to_string(),
        whole(f.role_fte("idva")),
        whole(f.idva_high_risk_fte),
        whole(required),
        percent(coverage_pct(f.idva_high_risk_fte, required)),
    ]);
    t
}

fn profiles<'a>(here: &[&'a PackService]) -> Vec<&'a ServiceProfile> {
    here.iter().filter_map(|s| s.profile.as_ref()).collect()
}

fn by_type(here: &[&PackService]) -> Table {
    let profiles = profiles(here);
    let mut t = Table::new(
        "services-by-type",
        "Services by what they offer",
        &["service_type", "profiled_services", "by_and_for_services"],
    )
    .with_note("From the services' profiles; a service offering several things counts under each.");
    for kind in ServiceType::ALL {
        let offering: Vec<&&ServiceProfile> = profiles
            .iter()
            .filter(|p| p.offers.contains(kind))
            .collect();
        t.push(vec![
            kind.label().into(),
            offering.len().to_string(),
            offering
                .iter()
                .filter(|p| !p.by_and_for.is_empty())
                .count()
                .to_string(),
        ]);
    }
    t
}

/// Services whose profile has each of `values`, one row per value.
fn count_by<T: Copy>(
    here: &[&PackService],
    (name, title, column): (&str, &str, &str),
    values: &[T],
    label: fn(T) -> &'static str,
    has: fn(&ServiceProfile, &T) -> bool,
) -> Table {
    let profiles = profiles(here);
    let mut t = Table::new(name, title, &[column, "profiled_services"]);
    for value in values {
        let n = profiles.iter().filter(|p| has(p, value)).count();
        t.push(vec![label(*value).into(), n.to_string()]);
    }
    t
}

fn by_community(here: &[&PackService]) -> Table {
    count_by(
        here,
        (
            "services-by-and-for",
            "By-and-for services: run by and for the community they serve",
            "community",
        ),
        Community::ALL,
        Community::label,
        |p, c| p.by_and_for.contains(c),
    )
}

fn eligibility(here: &[&PackService]) -> Table {
    count_by(
        here,
        ("eligibility", "Who services support", "gender"),
        Gender::ALL,
        Gender::label,
        |p, g| p.genders.contains(g),
    )
}

/// When and to whom the area's services are open: evenings, weekends, people with no recourse
/// to public funds (profiles that never said count for none).
fn access(here: &[&PackService]) -> Table {
    let profiles = profiles(here);
    let mut t = Table::new(
        "services-access",
        "Services open outside office hours, and to people with no recourse to public funds",
        &["access", "profiled_services"],
    )
    .with_note(
        "From services' profiles; a profile given before the question was asked counts for none.",
    );
    let count = |has: &dyn Fn(&ServiceProfile) -> bool| profiles.iter().filter(|p| has(p)).count();
    for opening in Opening::ALL {
        let n = count(&|p| p.opening.as_ref().is_some_and(|o| o.contains(opening)));
        t.push(vec![
            format!("Open: {}", opening.label().to_lowercase()),
            n.to_string(),
        ]);
    }
    let n = count(&|p| p.no_recourse == Some(true));
    t.push(vec![
        "Supports people with no recourse to public funds".into(),
        n.to_string(),
    ]);
    t
}

/// Services naming each of the area's upper-tier local authorities of the cycle's year (where
/// profiles hold them).
fn by_local_authority(here: &[&PackService], code: &str, day: &str) -> Table {
    let mut t = Table::new(
        "services-by-local-authority",
        "Services by upper-tier local authority",
        &["utla_code", "local_authority", "profiled_services"],
    )
    .with_note("Where services' profiles name the upper-tier local authorities they serve; a service naming none counts only at force level. Refuges and other safe accommodation are never counted here: they are placed by police force area only.");
    // The authorities of the cycle's year: a later reorganisation does not change its pack.
    let authorities = upper_tier_authorities_on(day).unwrap_or_default();
    // A refuge counted by authority could be found by differencing with the directory, which
    // lists every other service's authorities.
    let placeable: Vec<&&PackService> = here
        .iter()
        .filter(|s| {
            !s.profile
                .as_ref()
                .is_some_and(ServiceProfile::is_safe_accommodation)
        })
        .collect();
    for la in authorities.iter().filter(|a| a.pfa_code == code) {
        let n = placeable
            .iter()
            .filter(|s| s.local_authorities.contains(&la.code))
            .count();
        t.push(vec![la.code.to_string(), la.name.clone(), n.to_string()]);
    }
    t
}

fn gap_flags(here: &[&PackService]) -> Table {
    let streams: Vec<_> = here.iter().flat_map(|s| &s.streams).collect();
    let mut t = Table::new(
        "gap-flags",
        "Gap flags: provision the area lacks",
        &["gap", "rule"],
    );
    for gap in gaps(&profiles(here), &streams) {
        t.push(vec![gap.label().into(), gap.rule().into()]);
    }
    t
}
