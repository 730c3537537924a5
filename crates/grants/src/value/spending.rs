//! What grants buy and where the money goes: `grant-value` (annual value, the share to
//! by-and-for providers, cost per victim: spend over victims engaged, neither published alone) and `subcontracted-funding`
//! (money lead providers pass to partners, and the share reaching by-and-for partners).

use super::hierarchy::{Hierarchy, PfaInRegion};
use crate::error::GrantsError;
use frontline_disclosure::{CellProtector, SUPPRESSED};
use frontline_geo::tables::{percent, share_pct, Table};
use survey_engine::money::pounds;

/// One funded service over the periods a table covers, counted in one police force area (its
/// first: a service's figures are never split between areas).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FundedService {
    pub organisation: String,
    pub area: String,
    pub by_and_for: bool,
    pub grants: usize,
    /// Of those, the grants ending within 12 months of the end of the latest period covered
    /// (the funding-security measure).
    pub ending_within_12_months: usize,
    /// The annual value of its grants.
    pub annual_pence: i64,
    /// What its financial returns say it spent of them over the periods.
    pub spend_pence: i64,
    /// Victims engaged (new and existing) over the periods, from its VFS returns.
    pub engaged: i64,
}

pub const VALUE_COLUMNS: [&str; 9] = [
    "pfa_code",
    "pfa",
    "region",
    "grants",
    "grants_ending_within_12_months",
    "annual_value_gbp",
    "by_and_for_value_gbp",
    "pct_value_by_and_for",
    "cost_per_victim_gbp",
];

const VALUE_NOTE: &str = "Grants of the commissioners' programmes, each counted in its service's first police force area; those ending within 12 months of the end of the latest period are counted apart, as a measure of how secure the funding is. Annual value is what the agreements give a year. The cost per victim is what the providers' financial returns report spending over the periods, over the victims engaged (new and existing) in the same periods' VFS returns; neither is published on its own (the returns' own tables publish victims engaged each period, and spend with them would give a hidden count away). Amounts one organisation makes up more than 85% of are shown as [c], and further amounts are hidden until none can be worked out to within 10%; a cost per victim is [c] wherever its spend would be, or its victims engaged would be under the cycle's rule for counts of people; a share of a hidden amount is hidden too.";

/// `grant-value`, protected as described in the module.
pub fn grant_value(
    all: &[PfaInRegion],
    regions: &[&str],
    services: &[FundedService],
    protector: &dyn CellProtector,
) -> Result<Table, GrantsError> {
    let holding: Vec<&str> = services.iter().map(|s| s.area.as_str()).collect();
    let h = Hierarchy::of(all, regions, &holding);
    let placed: Vec<(usize, &FundedService)> = services
        .iter()
        .filter_map(|s| Some((h.area_index(&s.area)?, s)))
        .collect();
    let money = |amount: &dyn Fn(&FundedService) -> i64| -> Vec<(usize, String, i64)> {
        placed
            .iter()
            .map(|(a, s)| (*a, s.organisation.clone(), amount(s)))
            .collect()
    };
    let levels = h.levels();
    let value = money(&|s| s.annual_pence);
    let value_hidden = h.protect_money(&value, &[])?;
    // A hidden value's by-and-for part is hidden too: it would bound the value from below.
    let by_and_for = money(&|s| if s.by_and_for { s.annual_pence } else { 0 });
    let by_and_for_hidden = h.protect_money(&by_and_for, &value_hidden)?;
    let spend = money(&|s| s.spend_pence);
    let spend_hidden = h.protect_money(&spend, &[])?;
    let mut engaged_by_area = vec![0; h.areas.len()];
    for (a, s) in &placed {
        engaged_by_area[*a] += s.engaged;
    }
    let engaged_hidden = h.protect_people(
        &engaged_by_area,
        protector,
        "grant-value",
        "victims_engaged",
    )?;
    let mut table = Table::new(
        "grant-value",
        "Grants: value, the by-and-for share and cost per victim",
        &VALUE_COLUMNS,
    )
    .keyed_by(3)
    .with_note(VALUE_NOTE);
    for (cell, level) in levels.iter().enumerate() {
        let sum = |pick: &dyn Fn(&FundedService) -> i64| -> i64 {
            placed
                .iter()
                .filter(|(a, _)| h.contains(*level, *a))
                .map(|(_, s)| pick(s))
                .sum()
        };
        let (v, b, sp, e) = (
            sum(&|s| s.annual_pence),
            sum(&|s| if s.by_and_for { s.annual_pence } else { 0 }),
            sum(&|s| s.spend_pence),
            sum(&|s| s.engaged),
        );
        let grants = sum(&|s| s.grants as i64);
        let ending = sum(&|s| s.ending_within_12_months as i64);
        let show = |hidden: &[bool], text: String| {
            if hidden[cell] {
                SUPPRESSED.to_string()
            } else {
                text
            }
        };
        let share = if value_hidden[cell] || by_and_for_hidden[cell] {
            SUPPRESSED.to_string()
        } else {
            percent(share_pct(b as f64, v as f64))
        };
        let cost = if spend_hidden[cell] || engaged_hidden[cell] {
            SUPPRESSED.to_string()
        } else if e > 0 {
            whole_pounds(sp / e)
        } else {
            String::new()
        };
        let mut row: Vec<String> = h.label(*level).into();
        row.extend([
            grants.to_string(),
            ending.to_string(),
            show(&value_hidden, whole_pounds(v)),
            show(&by_and_for_hidden, whole_pounds(b)),
            share,
            cost,
        ]);
        table.push(row);
    }
    Ok(table)
}

/// Whole pounds, rounded down (amounts are never shown to the penny).
fn whole_pounds(pence: i64) -> String {
    let text = pounds(pence);
    text.split_once('.')
        .map_or(text.clone(), |(w, _)| w.to_string())
}

/// Money a lead provider passes on to a sub-contracted partner under a grant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subcontract {
    pub lead_organisation: String,
    /// The lead's service's first police force area.
    pub area: String,
    pub partner_by_and_for: bool,
    pub annual_pence: i64,
}

pub const SUBCONTRACT_COLUMNS: [&str; 7] = [
    "pfa_code",
    "pfa",
    "region",
    "subcontracts",
    "passed_on_gbp",
    "to_by_and_for_gbp",
    "pct_to_by_and_for",
];

/// `subcontracted-funding`: what lead providers pass on a year, and how much reaches by-and-for
/// partners; each amount's contributors are the lead organisations.
pub fn subcontracting(
    all: &[PfaInRegion],
    regions: &[&str],
    given: &[Subcontract],
) -> Result<Table, GrantsError> {
    let holding: Vec<&str> = given.iter().map(|s| s.area.as_str()).collect();
    let h = Hierarchy::of(all, regions, &holding);
    let placed: Vec<(usize, &Subcontract)> = given
        .iter()
        .filter_map(|s| Some((h.area_index(&s.area)?, s)))
        .collect();
    let passed: Vec<(usize, String, i64)> = placed
        .iter()
        .map(|(a, s)| (*a, s.lead_organisation.clone(), s.annual_pence))
        .collect();
    let passed_hidden = h.protect_money(&passed, &[])?;
    let to_by_and_for: Vec<(usize, String, i64)> = placed
        .iter()
        .map(|(a, s)| {
            (
                *a,
                s.lead_organisation.clone(),
                if s.partner_by_and_for {
                    s.annual_pence
                } else {
                    0
                },
            )
        })
        .collect();
    let by_and_for_hidden = h.protect_money(&to_by_and_for, &passed_hidden)?;
    let mut table = Table::new(
        "subcontracted-funding",
        "Grant money lead providers pass on to sub-contracted partners",
        &SUBCONTRACT_COLUMNS,
    )
    .keyed_by(3)
    .with_note("Annual amounts lead providers pass on to partners under their grants, each counted in the lead's service's first police force area; by-and-for partners are those whose profile names a community they are led by and for. Amounts one lead organisation makes up more than 85% of are shown as [c], and further amounts are hidden until none can be worked out to within 10%.");
    for (cell, level) in h.levels().iter().enumerate() {
        let here: Vec<&Subcontract> = placed
            .iter()
            .filter(|(a, _)| h.contains(*level, *a))
            .map(|(_, s)| *s)
            .collect();
        let total: i64 = here.iter().map(|s| s.annual_pence).sum();
        let by_and_for: i64 = here
            .iter()
            .filter(|s| s.partner_by_and_for)
            .map(|s| s.annual_pence)
            .sum();
        let show = |hidden: &[bool], pence: i64| {
            if hidden[cell] {
                SUPPRESSED.to_string()
            } else {
                whole_pounds(pence)
            }
        };
        let share = if passed_hidden[cell] || by_and_for_hidden[cell] {
            SUPPRESSED.to_string()
        } else {
            percent(share_pct(by_and_for as f64, total as f64))
        };
        let mut row: Vec<String> = h.label(*level).into();
        row.extend([
            here.len().to_string(),
            show(&passed_hidden, total),
            show(&by_and_for_hidden, by_and_for),
            share,
        ]);
        table.push(row);
    }
    Ok(table)
}
