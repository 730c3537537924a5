//! Demand and outcomes: people on services' waiting lists (from their profiles) and the VFS
//! returns of the area's funded services over the last periods — referrals, engagement, waits
//! and outcome rates — protected exactly as the national by-area VFS table protects them.

use super::inputs::Inputs;
use super::{Question, Section};
use crate::NeedsError;
use frontline_disclosure::SUPPRESSED;
use frontline_geo::tables::{percent, whole, Table};
use frontline_returns::metrics::{METRICS, OUTCOMES};

/// The VFS columns the pack shows, in order.
const SHOWN: [&str; 5] = [
    "referrals_new",
    "engaged_new",
    "engaged_existing",
    "waiting_list",
    "waiting_weeks_median",
];

pub fn sections(inputs: &Inputs, code: &str) -> Result<Vec<Section>, NeedsError> {
    Ok(vec![
        Section {
            question: Question::CommunityNeeds,
            table: waiting_lists(inputs, code),
            notes: Vec::new(),
        },
        Section {
            question: Question::UnmetNeeds,
            table: returns(inputs, code)?,
            notes: Vec::new(),
        },
    ])
}

fn waiting_lists(inputs: &Inputs, code: &str) -> Table {
    let mut t = Table::new(
        "waiting-lists",
        "Waiting lists reported in services' profiles",
        &["measure", "value"],
    )
    .counting_people()
    .with_note(&inputs.protector.rule().describe());
    let lists: Vec<f64> = inputs
        .services_in(code)
        .filter_map(|s| s.waiting_list)
        .collect();
    let people: f64 = lists.iter().sum();
    let shown = if inputs.protector.rule().is_small(people.round() as i64) {
        SUPPRESSED.to_string()
    } else {
        whole(people)
    };
    t.push(vec![
        "Services reporting a waiting list".into(),
        lists.len().to_string(),
    ]);
    if inputs.public {
        // Area totals of services working in several areas, published side by side, would let
        // a hidden total be worked out; no national table protects them, so they stay unreleased.
        t.note = format!(
            "The number of people waiting is given to the survey team and the area's PCC office only. {}",
            t.note
        );
    } else {
        t.push(vec!["People waiting".into(), shown]);
    }
    t
}

fn returns(inputs: &Inputs, code: &str) -> Result<Table, NeedsError> {
    let mut columns = vec!["programme", "period"];
    columns.extend(SHOWN);
    let labels: Vec<String> = OUTCOMES.iter().map(|o| format!("{}_pct", o.name)).collect();
    columns.extend(labels.iter().map(String::as_str));
    let mut t = Table::new(
        "vfs-returns",
        "Victims Funding Strategy returns of the area's funded services",
        &columns,
    )
    .keyed_by(2)
    .counting_people()
    .with_note(&format!(
        "Counts are protected as in the national table of returns by area, every programme's table of a period together (one return serves every programme funding its service): {} An outcome rate is the percentage of those asked who reported improvement, shown only where both counts are published.",
        inputs.protector.rule().describe()
    ));
    let at = |column: &str| METRICS.iter().position(|m| m.column == column);
    for period in inputs.vfs {
        let Some(cells) = period.table.area_cells(code) else {
            continue;
        };
        let cell = |column: &str| {
            at(column)
                .and_then(|i| cells.get(i))
                .cloned()
                .unwrap_or_default()
        };
        let mut record = vec![period.table.name.clone(), period.period.clone()];
        record.extend(SHOWN.iter().map(|c| cell(c)));
        for o in OUTCOMES {
            let (asked, improved) = (cell(o.asked), cell(o.improved));
            let rate = match (asked.parse::<f64>(), improved.parse::<f64>()) {
                (Ok(a), Ok(i)) if a > 0.0 => percent(Some(100.0 * i / a)),
                _ => String::new(),
            };
            record.push(rate);
        }
        t.push(record);
    }
    Ok(t)
}
