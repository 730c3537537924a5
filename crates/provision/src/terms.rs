//! The funding tables of counts: how secure funding is (streams, short-term streams, streams
//! ending within 12 months of the fieldwork close) and how it is arranged (grants or contracts,
//! core costs, funders per service) — by region with an England and Wales row, and by police
//! force area. A stream counts in every region and area its service covers and once in the
//! England and Wales row. Percentages are computed from the counts. The tables of money are
//! [`crate::money`]'s, protected together.

use crate::stream::{Day, FundingStream};
use crate::vocabulary::{CoreCosts, Kind};
use frontline_geo::tables::{one_decimal, percent, share_pct, Table};
use std::collections::BTreeSet;

/// A stream with the regions and police force areas of the service it funds, and whether that
/// service is led by and for a community.
#[derive(Debug, Clone)]
pub struct PlacedStream {
    pub stream: FundingStream,
    pub regions: Vec<String>,
    pub areas: Vec<String>,
    pub by_and_for: bool,
}

/// A police force area as the tables name it: code and name.
pub type Pfa<'a> = (&'a str, &'a str);

fn in_region<'s>(streams: &'s [PlacedStream], region: &str) -> Vec<&'s FundingStream> {
    streams
        .iter()
        .filter(|p| p.regions.iter().any(|r| r == region))
        .map(|p| &p.stream)
        .collect()
}

fn in_area<'s>(streams: &'s [PlacedStream], code: &str) -> Vec<&'s PlacedStream> {
    streams
        .iter()
        .filter(|p| p.areas.iter().any(|a| a == code))
        .collect()
}

const TERMS_NOTE: &str = "A stream is short-term when it runs under five years (its end date is the last day it pays for). Ending within 12 months: from the fieldwork close to 12 months after.";

/// Streams, short-term streams and their share, and streams ending soon.
pub fn terms_cells(of: &[&FundingStream], close: Day) -> Vec<String> {
    let short = of.iter().filter(|s| s.is_short_term()).count();
    let ending = of
        .iter()
        .filter(|s| s.ends_within_12_months_of(close))
        .count();
    vec![
        of.len().to_string(),
        short.to_string(),
        percent(share_pct(short as f64, of.len() as f64)),
        ending.to_string(),
    ]
}

/// `pfa_code,pfa,streams,short_term_streams,short_term_pct,ending_within_12_months`.
pub fn funding_terms_by_pfa(streams: &[PlacedStream], pfas: &[Pfa], close: Day) -> Table {
    let mut table = Table::new(
        "funding-terms-by-pfa",
        "Funding streams by police force area: short-term and ending within 12 months",
        &[
            "pfa_code",
            "pfa",
            "streams",
            "short_term_streams",
            "short_term_pct",
            "ending_within_12_months",
        ],
    )
    .with_note(&format!(
        "{TERMS_NOTE} The close was {close}. A stream counts in every area its service works in."
    ));
    for (code, name) in pfas {
        let here: Vec<&FundingStream> = in_area(streams, code).iter().map(|p| &p.stream).collect();
        let mut row = vec![code.to_string(), name.to_string()];
        row.extend(terms_cells(&here, close));
        table.push(row);
    }
    table
}

const NATIONAL: &str = "England and Wales";

/// `region,streams,short_term_streams,short_term_pct,ending_within_12_months`.
pub fn funding_terms(streams: &[PlacedStream], regions: &[&str], close: Day) -> Table {
    let mut table = Table::new(
        "funding-terms",
        "Funding streams: how many are short-term (under five years) and how many end within 12 months of the survey's close",
        &["region", "streams", "short_term_streams", "short_term_pct", "ending_within_12_months"],
    )
    .with_note(&format!(
        "{TERMS_NOTE} The close was {close}. A stream counts in every region its service works in, and once for England and Wales."
    ));
    let row = |label: &str, of: Vec<&FundingStream>| {
        let mut cells = vec![label.to_string()];
        cells.extend(terms_cells(&of, close));
        cells
    };
    for region in regions {
        table.push(row(region, in_region(streams, region)));
    }
    table.push(row(NATIONAL, streams.iter().map(|p| &p.stream).collect()));
    table
}

/// Grants and contracts, core costs covered, and distinct funders per funded service.
fn arrangement_cells(of: &[&FundingStream]) -> Vec<String> {
    let n = of.len();
    let grants = of.iter().filter(|s| s.kind == Kind::Grant).count();
    let count = |c: CoreCosts| of.iter().filter(|s| s.core_costs_covered == c).count();
    let services: BTreeSet<&str> = of.iter().map(|s| s.service.as_str()).collect();
    let pairs: BTreeSet<(&str, &str)> = of
        .iter()
        .map(|s| (s.service.as_str(), s.funder.as_str()))
        .collect();
    let per_service = (!services.is_empty()).then(|| pairs.len() as f64 / services.len() as f64);
    vec![
        n.to_string(),
        grants.to_string(),
        (n - grants).to_string(),
        percent(share_pct(grants as f64, n as f64)),
        count(CoreCosts::Yes).to_string(),
        count(CoreCosts::Partly).to_string(),
        count(CoreCosts::No).to_string(),
        percent(share_pct(count(CoreCosts::Yes) as f64, n as f64)),
        services.len().to_string(),
        per_service.map_or(String::new(), one_decimal),
    ]
}

/// `region,streams,grant_streams,contract_streams,grant_pct,core_costs_yes,core_costs_partly,
/// core_costs_no,core_costs_covered_pct,funded_services,funders_per_service`.
pub fn funding_arrangements(streams: &[PlacedStream], regions: &[&str]) -> Table {
    let mut table = Table::new(
        "funding-arrangements",
        "How services are funded: grants or contracts, core costs covered, funders per service",
        &[
            "region", "streams", "grant_streams", "contract_streams", "grant_pct",
            "core_costs_yes", "core_costs_partly", "core_costs_no", "core_costs_covered_pct",
            "funded_services", "funders_per_service",
        ],
    )
    .with_note("Funders per service: distinct funders named per service with at least one stream, averaged. A stream counts in every region its service works in, and once for England and Wales.");
    for region in regions {
        let mut row = vec![region.to_string()];
        row.extend(arrangement_cells(&in_region(streams, region)));
        table.push(row);
    }
    let mut row = vec![NATIONAL.to_string()];
    row.extend(arrangement_cells(
        &streams.iter().map(|p| &p.stream).collect::<Vec<_>>(),
    ));
    table.push(row);
    table
}
