//! Marac cases by region: the need model's input summed over each region's areas, so a series
//! can follow it from cycle to cycle.

use crate::areas::{Geography, REGIONS};
use crate::need::AreaNeedInput;
use crate::tables::Table;
use std::collections::BTreeMap;

/// Marac cases by region and in total, from the areas whose inputs were given; blank where no
/// area of a region (or none at all) was given.
pub fn marac_cases(geo: &Geography, given: &[AreaNeedInput]) -> Table {
    let mut t = Table::new(
        super::names::MARAC_CASES,
        "Cases heard at Marac in the 12 months, by region",
        &["region", "marac_cases"],
    )
    .with_note("The need model's input for each police force area (the need model table gives each area's), summed over the region's areas. Blank where no area's cases were given.");
    let mut by_region: BTreeMap<&str, i64> = BTreeMap::new();
    for input in given {
        if let Some(region) = geo.region_of(input.pfa_code.as_str()) {
            *by_region.entry(region).or_default() += i64::from(input.marac_cases.max(0));
        }
    }
    let cell = |n: Option<&i64>| n.map(i64::to_string).unwrap_or_default();
    for region in REGIONS {
        t.push(vec![region.to_string(), cell(by_region.get(region))]);
    }
    let total = (!by_region.is_empty()).then(|| by_region.values().sum::<i64>());
    t.push(vec!["Total".into(), cell(total.as_ref())]);
    t
}
