//! Marac cases by region: the need model's input summed over each region's areas, so a series
//! can follow it from cycle to cycle.

use crate::areas::{Geography, REGIONS};
use crate::need::AreaNeedInput;
use crate::tables::Table;
use std::collections::BTreeMap;

/// Marac cases by region and in total, summed over the areas' given inputs; blank where any area
/// of a region (or of England and Wales) has none, so no partial sum is set beside a whole one.
pub fn marac_cases(geo: &Geography, given: &[AreaNeedInput]) -> Table {
    let mut t = Table::new(
        super::names::MARAC_CASES,
        "Cases heard at Marac in the 12 months, by region",
        &["region", "marac_cases"],
    )
    .with_note("The need model's input for each police force area (the need model table gives each area's), summed over the region's areas. Blank where any area's cases were not given, so a sum never leaves an area out.");
    let cases: BTreeMap<&str, i64> = given
        .iter()
        .map(|i| (i.pfa_code.as_str(), i64::from(i.marac_cases.max(0))))
        .collect();
    let sum = |region: Option<&str>| -> Option<i64> {
        geo.areas()
            .iter()
            .filter(|a| region.is_none_or(|r| a.region == r))
            .map(|a| cases.get(a.code.as_str()).copied())
            .sum()
    };
    let cell = |n: Option<i64>| n.map(|n| n.to_string()).unwrap_or_default();
    for region in REGIONS {
        t.push(vec![region.to_string(), cell(sum(Some(region)))]);
    }
    t.push(vec!["Total".into(), cell(sum(None))]);
    t
}
