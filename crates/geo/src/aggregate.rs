//! Rolling PFA figures up to regions and the nation, counting each service once per level.

use crate::allocation::AreaFigures;
use crate::areas::{Geography, REGIONS};
use serde::Serialize;
use std::collections::BTreeMap;

/// Figures at every level: per PFA (all 43, empty where nothing was allocated), per region, national.
#[derive(Debug, Clone, Serialize)]
pub struct Rollup {
    pub pfas: BTreeMap<String, AreaFigures>,
    pub regions: BTreeMap<String, AreaFigures>,
    pub national: AreaFigures,
}

/// Region figures are the sums of their PFAs; a service split across regions counts in each,
/// and once nationally, so region counts may sum to more than the total.
pub fn roll_up(geo: &Geography, mut by_pfa: BTreeMap<String, AreaFigures>) -> Rollup {
    let pfas: BTreeMap<String, AreaFigures> = geo
        .areas()
        .iter()
        .map(|area| {
            let figures = by_pfa.remove(area.code.as_str()).unwrap_or_default();
            (area.code.to_string(), figures)
        })
        .collect();
    let regions = REGIONS
        .iter()
        .map(|region| {
            let within: Vec<&AreaFigures> = geo
                .areas()
                .iter()
                .filter(|a| a.region == *region)
                .filter_map(|a| pfas.get(a.code.as_str()))
                .collect();
            (region.to_string(), AreaFigures::sum_of(&within))
        })
        .collect();
    let national = AreaFigures::sum_of(&pfas.values().collect::<Vec<_>>());
    Rollup {
        pfas,
        regions,
        national,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::allocation::allocate;
    use crate::allocation::tests::estimate;

    #[test]
    fn a_service_split_over_two_regions_counts_in_each_and_once_nationally() {
        let geo = Geography::reference();
        // Cheshire (North West) and West Yorkshire (Yorkshire & Humber).
        let split = estimate(
            1,
            (4.0, 4.0),
            2.0,
            &[("E23000006", 0.5), ("E23000010", 0.5)],
        );
        let local = estimate(2, (2.0, 2.0), 2.0, &[("E23000006", 1.0)]);
        let rollup = roll_up(&geo, allocate(&[split, local]).unwrap());
        let nw = &rollup.regions["North West"];
        let yh = &rollup.regions["Yorkshire & Humber"];
        assert_eq!(nw.idva_services(), 2);
        assert_eq!(yh.idva_services(), 1);
        assert_eq!(rollup.national.idva_services(), 2);
        assert_eq!(nw.role_fte("idva"), 4.0);
        assert_eq!(yh.role_fte("idva"), 2.0);
        assert_eq!(rollup.national.role_fte("idva"), 6.0);
        assert_eq!(rollup.national.idva_high_risk_fte, 4.0);
        assert_eq!(rollup.pfas.len(), 43);
        assert_eq!(rollup.regions["London"].idva_services(), 0);
    }
}
