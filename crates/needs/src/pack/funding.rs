//! How the area's provision is paid for: streams and annual funding by funder type, how much is
//! short-term, and which services' funding ends within 12 months of the fieldwork close; and
//! what grants buy and the market of providers (cost per victim, by-and-for share, money passed
//! on to partners, providers' size and dependence on one funder), as the publication gives them. A
//! stream counts in every area its service works in, as the national funding tables count it;
//! the amounts are the national funding-mix table's cells, protected there under the dominance
//! rule, so a pack shows exactly what the publication shows.

use super::inputs::{Inputs, PackService};
use super::{Question, Section};
use crate::NeedsError;
use frontline_disclosure::SUPPRESSED;
use frontline_geo::areas::REGIONS;
use frontline_geo::tables::{percent, share_pct, Table};
use frontline_provision::money::{money_tables, MoneyTables, PfaInRegion};
use frontline_provision::terms::{terms_cells, PlacedStream};
use frontline_provision::FundingStream;

/// The national tables of money, built once for every pack from the same streams, places and
/// function as the publication's.
pub struct National {
    money: MoneyTables,
}

impl National {
    pub fn compute(inputs: &Inputs) -> Result<Self, NeedsError> {
        let regions = inputs.regions();
        let placed: Vec<PlacedStream> = inputs
            .services
            .iter()
            .flat_map(|s| {
                let mut in_regions: Vec<String> = s
                    .areas
                    .iter()
                    .filter_map(|a| regions.get(a).cloned())
                    .collect();
                in_regions.sort();
                in_regions.dedup();
                let by_and_for = s.profile.as_ref().is_some_and(|p| !p.by_and_for.is_empty());
                s.streams.iter().map(move |f| {
                    let mut stream = f.clone();
                    // Services are told apart by id, as the publication's tables tell them.
                    stream.service = s.id.to_string();
                    PlacedStream {
                        stream,
                        regions: in_regions.clone(),
                        areas: s.areas.clone(),
                        by_and_for,
                    }
                })
            })
            .collect();
        let places: Vec<PfaInRegion> = inputs
            .geo
            .areas()
            .iter()
            .map(|a| (a.code.as_str(), a.name.as_str(), a.region.as_str()))
            .collect();
        let money = money_tables(&placed, &REGIONS, &places)
            .map_err(|e| NeedsError::File(e.to_string()))?;
        Ok(Self { money })
    }
}

pub fn sections(inputs: &Inputs, national: &National, code: &str) -> Vec<Section> {
    let here: Vec<&PackService> = inputs.services_in(code).collect();
    let streams: Vec<(&PackService, &FundingStream)> = here
        .iter()
        .flat_map(|s| s.streams.iter().map(move |f| (*s, f)))
        .collect();
    let section = |table: Table| Section {
        question: Question::FitsStrategy,
        table,
        notes: Vec::new(),
    };
    let mut out = vec![
        section(by_funder_type(national, code, &streams)),
        section(security(inputs, &streams)),
        section(ending(inputs, &streams)),
    ];
    out.extend(value_and_market(inputs, code).into_iter().map(section));
    out
}

/// The publication's value and market tables, cut to the area, its region and England and
/// Wales: cell for cell as published, so nothing hidden there shows here.
fn value_and_market(inputs: &Inputs, code: &str) -> Vec<Table> {
    let region = inputs.geo.region_of(code).unwrap_or_default().to_string();
    let region_row = format!("{region} (all areas)");
    inputs
        .value
        .iter()
        .map(|published| {
            let mut t = published.clone();
            let by_area = t.columns.first().is_some_and(|c| c == "pfa_code");
            t.retain_rows(|r| {
                if by_area {
                    r[0] == code
                        || r.get(1)
                            .is_some_and(|n| *n == region_row || n == "England and Wales")
                } else {
                    r[0] == region || r[0] == "Total"
                }
            });
            t
        })
        .collect()
}

/// The national funding-mix table's rows for the area, cell for cell, with an all-funders row
/// of the area's annual funding as the by-and-for table publishes it.
fn by_funder_type(
    national: &National,
    code: &str,
    streams: &[(&PackService, &FundingStream)],
) -> Table {
    let mut t = Table::new(
        "funding-by-funder-type",
        "Funding by funder type",
        &["funder_type", "streams", "annual_funding_gbp", "pct_of_annual_funding"],
    )
    .with_note(&format!(
        "Annual amounts of the streams of services working in the area; a service working in several areas has its whole stream counted in each. {}",
        frontline_provision::money::describe_rule()
    ));
    for row in national.money.area_mix(code) {
        t.push(row);
    }
    let total = national.money.area_total(code).unwrap_or(SUPPRESSED);
    let pct = if total == SUPPRESSED {
        SUPPRESSED.to_string()
    } else {
        let pence: i64 = streams.iter().map(|(_, f)| f.annual_pence).sum();
        percent(share_pct(pence as f64, pence as f64))
    };
    t.push(vec![
        "All funders".into(),
        streams.len().to_string(),
        total.to_string(),
        pct,
    ]);
    t
}

/// The national funding-terms table's cells for the area.
fn security(inputs: &Inputs, streams: &[(&PackService, &FundingStream)]) -> Table {
    let mut t = Table::new(
        "funding-security",
        "How secure the funding is",
        &[
            "streams",
            "short_term_streams",
            "short_term_pct",
            "ending_within_12_months",
        ],
    )
    .with_note("A stream is short-term when it runs under five years. Ending within 12 months: from the fieldwork close to 12 months after.");
    let of: Vec<&FundingStream> = streams.iter().map(|(_, f)| *f).collect();
    t.push(terms_cells(&of, inputs.close));
    t
}

/// The streams ending soon, each by name, never with its amount: one stream's amount is one
/// organisation's grant, which the dominance rule never publishes, and a draft pack leaves the
/// team too (a PCC office reads its own).
fn ending(inputs: &Inputs, streams: &[(&PackService, &FundingStream)]) -> Table {
    let mut t = Table::new(
        "funding-ending",
        "Funding ending within 12 months of the fieldwork close",
        &["service", "funder_type", "funder", "ends"],
    )
    .with_note("Each stream's amount is left out: it is one organisation's grant.");
    for (service, f) in streams
        .iter()
        .filter(|(_, f)| f.ends_within_12_months_of(inputs.close))
    {
        // The funder's name is typed in the service's own words: never published for a refuge
        // or other safe accommodation, whose free text never is.
        let safe_accommodation = service
            .profile
            .as_ref()
            .is_some_and(|p| p.is_safe_accommodation());
        let funder = if safe_accommodation && inputs.public {
            "(not published for safe accommodation)".to_string()
        } else {
            f.funder.clone()
        };
        t.push(vec![
            service.name.clone(),
            f.funder_type.label().into(),
            funder,
            f.end.to_string(),
        ]);
    }
    t
}
