//! The funding tables: how secure funding is (streams, short-term streams, streams ending within
//! 12 months of the fieldwork close) and where it comes from (annual funding by funder type), by
//! region and for England and Wales. A stream counts in every region its service covers and once
//! in the England and Wales row. Percentages are computed from the counts and amounts.

use crate::stream::{Day, FundingStream};
use crate::vocabulary::FunderType;
use frontline_geo::tables::{percent, share_pct, Table};

/// A stream with the regions of the service it funds.
#[derive(Debug, Clone)]
pub struct PlacedStream {
    pub stream: FundingStream,
    pub regions: Vec<String>,
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
        "A stream is short-term when it runs under five years (its end date is the last day it pays for). Ending within 12 months: from the fieldwork close, {close}, to 12 months after. A stream counts in every region its service works in, and once for England and Wales."
    ));
    let row = |label: &str, of: Vec<&FundingStream>| {
        let short = of.iter().filter(|s| s.is_short_term()).count();
        let ending = of
            .iter()
            .filter(|s| s.ends_within_12_months_of(close))
            .count();
        vec![
            label.to_string(),
            of.len().to_string(),
            short.to_string(),
            percent(share_pct(short as f64, of.len() as f64)),
            ending.to_string(),
        ]
    };
    for region in regions {
        let here = streams
            .iter()
            .filter(|p| p.regions.iter().any(|r| r == region))
            .map(|p| &p.stream)
            .collect();
        table.push(row(region, here));
    }
    table.push(row(NATIONAL, streams.iter().map(|p| &p.stream).collect()));
    table
}

/// `region,funder_type,streams,annual_funding,pct_of_funding`: every funder type in every region.
pub fn funding_mix(streams: &[PlacedStream], regions: &[&str]) -> Table {
    let mut table = Table::new(
        "funding-mix",
        "Annual funding by funder type",
        &["region", "funder_type", "streams", "annual_funding", "pct_of_funding"],
    )
    .with_note("Annual amounts as given for each stream, in pounds; a stream counts in every region its service works in, and once for England and Wales.")
    .keyed_by(2);
    let mut push = |label: &str, of: Vec<&FundingStream>| {
        let total: i64 = of.iter().map(|s| s.annual_pence).sum();
        for funder in FunderType::ALL {
            let theirs: Vec<&&FundingStream> =
                of.iter().filter(|s| s.funder_type == *funder).collect();
            let pence: i64 = theirs.iter().map(|s| s.annual_pence).sum();
            table.push(vec![
                label.to_string(),
                funder.label().to_string(),
                theirs.len().to_string(),
                survey_engine::money::pounds(pence),
                percent(share_pct(pence as f64, total as f64)),
            ]);
        }
    };
    for region in regions {
        push(
            region,
            streams
                .iter()
                .filter(|p| p.regions.iter().any(|r| r == region))
                .map(|p| &p.stream)
                .collect(),
        );
    }
    push(NATIONAL, streams.iter().map(|p| &p.stream).collect());
    table
}
