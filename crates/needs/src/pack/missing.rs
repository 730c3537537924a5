//! Who is missing from the services' returns: for each programme's latest period, the share of
//! the people supported in each group (age, sex, ethnic group, disability; of those whose group
//! was stated) beside the share of the area's residents, from the returns' published cells only
//! — a breakdown with a hidden count gives no share — and the groups reached less than their
//! numbers would lead one to expect ([`crate::groups::UNDER`]).

use super::inputs::Inputs;
use super::{Question, Section};
use crate::groups::{compare, MIN_STATED, UNDER};
use frontline_geo::tables::{one_decimal, two_decimals, Table};
use frontline_returns::metrics::METRICS;
use std::collections::BTreeMap;

/// The section's columns.
pub const COLUMNS: [&str; 7] = [
    "programme",
    "period",
    "group",
    "supported_pct",
    "population_pct",
    "representation",
    "under_represented",
];

pub fn section(inputs: &Inputs, code: &str) -> Section {
    let mut t = Table::new(
        "who-is-missing",
        "Who is missing: people supported beside the area's residents, by group",
        &COLUMNS,
    )
    .keyed_by(3);
    let held = inputs.groups.get(code);
    let residents_from = match held {
        Some(g) if g.year < inputs.year => format!(
            "{}, imported for {} — an earlier cycle's: import the {}'s",
            g.source, g.year, inputs.year
        ),
        Some(g) => g.source.clone(),
        None => "none imported".into(),
    };
    t.note = format!(
        "supported_pct is of the people in the programme's latest returns whose group was stated, from the published counts (none where a count of the breakdown is hidden or fewer than {MIN_STATED} stated theirs); population_pct is of the area's residents ({residents_from}); representation is the first over the second, and a group below {UNDER} is marked under-represented. The census counts sex, the returns gender identity; the latest period may not be complete."
    );
    let residents = held.map(|g| &g.groups);
    // Each programme's latest period (the periods come oldest first), by its id: two programmes
    // may share a name.
    let mut latest: BTreeMap<&str, &super::inputs::VfsPeriod> = BTreeMap::new();
    for period in inputs.vfs {
        latest.insert(period.table.programme.as_str(), period);
    }
    let (Some(residents), false) = (residents, latest.is_empty()) else {
        return Section {
            question: Question::UnmetNeeds,
            table: t,
            notes: vec![if residents.is_none() {
                "No population by group is held for the area: import one with frontline import-population-groups.".into()
            } else {
                "No VFS returns from the area's services.".into()
            }],
        };
    };
    let at = |column: &str| METRICS.iter().position(|m| m.column == column);
    for period in latest.into_values() {
        let Some(cells) = period.table.area_cells(code) else {
            continue;
        };
        let cell = |column: &str| {
            at(column)
                .and_then(|i| cells.get(i))
                .and_then(|c| c.parse::<i64>().ok())
        };
        for r in compare(&cell, residents) {
            let label = METRICS
                .iter()
                .find(|m| m.column == r.group)
                .map_or(r.group, |m| m.label);
            t.push(vec![
                period.table.name.clone(),
                period.period.clone(),
                label.to_string(),
                r.supported_pct.map(one_decimal).unwrap_or_default(),
                r.population_pct.map(one_decimal).unwrap_or_default(),
                r.shown_ratio().map(two_decimals).unwrap_or_default(),
                if r.under_represented() {
                    "yes".into()
                } else {
                    String::new()
                },
            ]);
        }
    }
    Section {
        question: Question::UnmetNeeds,
        table: t,
        notes: Vec::new(),
    }
}
