//! How the area's provision is paid for: streams and annual funding by funder type, how much is
//! short-term, and which services' funding ends within 12 months of the fieldwork close. A
//! stream counts in every area its service works in, as the national funding tables count it.

use super::inputs::{Inputs, PackService};
use super::{Question, Section};
use frontline_geo::tables::{percent, share_pct, Table};
use frontline_provision::vocabulary::FunderType;
use frontline_provision::FundingStream;
use survey_engine::money::pounds;

pub fn sections(inputs: &Inputs, code: &str) -> Vec<Section> {
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
    vec![
        section(by_funder_type(&streams)),
        section(security(inputs, &streams)),
        section(ending(inputs, &streams)),
    ]
}

fn by_funder_type(streams: &[(&PackService, &FundingStream)]) -> Table {
    let mut t = Table::new(
        "funding-by-funder-type",
        "Funding by funder type",
        &["funder_type", "streams", "annual_funding_gbp", "pct_of_annual_funding"],
    )
    .with_note("Annual amounts of the streams of services working in the area; a service working in several areas has its whole stream counted in each.");
    let total: i64 = streams.iter().map(|(_, f)| f.annual_pence).sum();
    for kind in FunderType::ALL {
        let of: Vec<&FundingStream> = streams
            .iter()
            .filter(|(_, f)| f.funder_type == *kind)
            .map(|(_, f)| *f)
            .collect();
        let amount: i64 = of.iter().map(|f| f.annual_pence).sum();
        t.push(vec![
            kind.label().into(),
            of.len().to_string(),
            pounds(amount),
            percent(share_pct(amount as f64, total as f64)),
        ]);
    }
    t.push(vec![
        "All funders".into(),
        streams.len().to_string(),
        pounds(total),
        percent(share_pct(total as f64, total as f64)),
    ]);
    t
}

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
    let short = streams.iter().filter(|(_, f)| f.is_short_term()).count();
    let ending = streams
        .iter()
        .filter(|(_, f)| f.ends_within_12_months_of(inputs.close))
        .count();
    t.push(vec![
        streams.len().to_string(),
        short.to_string(),
        percent(share_pct(short as f64, streams.len() as f64)),
        ending.to_string(),
    ]);
    t
}

fn ending(inputs: &Inputs, streams: &[(&PackService, &FundingStream)]) -> Table {
    let mut t = Table::new(
        "funding-ending",
        "Funding ending within 12 months of the fieldwork close",
        &[
            "service",
            "funder_type",
            "funder",
            "ends",
            "annual_funding_gbp",
        ],
    );
    for (service, f) in streams
        .iter()
        .filter(|(_, f)| f.ends_within_12_months_of(inputs.close))
    {
        t.push(vec![
            service.name.clone(),
            f.funder_type.label().into(),
            f.funder.clone(),
            f.end.to_string(),
            pounds(f.annual_pence),
        ]);
    }
    t
}
