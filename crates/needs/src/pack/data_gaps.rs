//! Gaps in the data: what is missing or weak for an area — services whose figures or profiles
//! were rolled forward, no Marac figures, funded services with no VFS returns, suppressed cells,
//! a missing or stale population — so a commissioner knows what to chase.

use super::inputs::Inputs;
use super::Section;
use frontline_disclosure::SUPPRESSED;
use frontline_geo::allocation::Given;
use frontline_geo::tables::Table;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DataGap {
    pub gap: String,
    pub detail: String,
}

fn gap(what: &str, detail: String) -> DataGap {
    DataGap {
        gap: what.to_string(),
        detail,
    }
}

/// The gaps of the area `code`, given the pack's sections (for their suppressed cells).
pub fn of_area(inputs: &Inputs, code: &str, sections: &[Section]) -> Vec<DataGap> {
    let mut out = Vec::new();
    for e in inputs
        .estimates
        .iter()
        .filter(|e| e.provenance.kind == Given::RolledForward && e.shares.contains_key(code))
    {
        out.push(gap(
            "Figures rolled forward",
            format!(
                "{} did not respond; its figures are carried from {}",
                e.service, e.provenance.source
            ),
        ));
    }
    for s in inputs.services_in(code) {
        if s.profile.is_none() {
            out.push(gap(
                "No service profile",
                format!("{} has no profile for {}", s.name, inputs.year),
            ));
        } else if s.profile_rolled_forward {
            out.push(gap(
                "Profile rolled forward",
                format!(
                    "{}'s profile was carried from an earlier cycle, not confirmed",
                    s.name
                ),
            ));
        }
        if s.in_returns_programme && s.counted_returns == 0 {
            out.push(gap(
                "No VFS returns",
                format!("{} is funded under a returns programme but has no counted return in the periods shown", s.name),
            ));
        }
    }
    if !inputs.marac_given(code) {
        out.push(gap(
            "No Marac figures",
            format!("No Marac case numbers were given for {}: the need model uses the population basis alone", inputs.year),
        ));
    }
    match inputs.populations.get(code) {
        None => out.push(gap(
            "No population",
            format!(
                "No population was imported for {}: prevalence cannot be estimated",
                inputs.year
            ),
        )),
        Some(p) if p.for_year < inputs.year => out.push(gap(
            "Stale population",
            format!(
                "The population was given for {}, not {}",
                p.for_year, inputs.year
            ),
        )),
        Some(_) => {}
    }
    let suppressed: Vec<&str> = sections
        .iter()
        .filter(|s| s.table.rows.iter().flatten().any(|c| c == SUPPRESSED))
        .map(|s| s.table.title.as_str())
        .collect();
    if !suppressed.is_empty() {
        let cells: usize = sections
            .iter()
            .map(|s| {
                s.table
                    .rows
                    .iter()
                    .flatten()
                    .filter(|c| *c == SUPPRESSED)
                    .count()
            })
            .sum();
        out.push(gap(
            "Suppressed cells",
            format!(
                "{cells} cell(s) hidden to protect small counts, in: {}",
                suppressed.join("; ")
            ),
        ));
    }
    out
}

pub fn table(gaps: &[DataGap]) -> Table {
    let mut t = Table::new(
        "gaps-in-the-data",
        "Gaps in the data: what to chase",
        &["gap", "detail"],
    );
    for g in gaps {
        t.push(vec![g.gap.clone(), g.detail.clone()]);
    }
    t
}
