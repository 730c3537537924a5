//! How the area's provision is paid for: streams and annual funding by funder type, how much is
//! short-term, and which services' funding ends within 12 months of the fieldwork close. A
//! stream counts in every area its service works in, as the national funding tables count it.

use super::inputs::{Inputs, PackService};
use super::{Question, Section};
use frontline_geo::tables::{percent, share_pct, Table};
use frontline_provision::terms::{mix_rows, terms_cells};
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

/// The national funding-mix table's rows for the area, with an all-funders row.
fn by_funder_type(streams: &[(&PackService, &FundingStream)]) -> Table {
    let mut t = Table::new(
        "funding-by-funder-type",
        "Funding by funder type",
        &["funder_type", "streams", "annual_funding_gbp", "pct_of_annual_funding"],
    )
    .with_note("Annual amounts of the streams of services working in the area; a service working in several areas has its whole stream counted in each.");
    let of: Vec<&FundingStream> = streams.iter().map(|(_, f)| *f).collect();
    for row in mix_rows(&[], &of) {
        t.push(row);
    }
    let total: i64 = of.iter().map(|f| f.annual_pence).sum();
    t.push(vec![
        "All funders".into(),
        of.len().to_string(),
        pounds(total),
        percent(share_pct(total as f64, total as f64)),
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
