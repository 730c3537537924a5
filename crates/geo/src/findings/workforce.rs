//! How the Idva workforce is spread: Idvas as people beside their FTE, services with a single
//! Idva, and areas whose Idvas all work in one service.

use crate::aggregate::Rollup;
use crate::allocation::{AreaFigures, ServiceEstimate};
use crate::areas::{Geography, REGIONS};
use crate::tables::{whole, whole_number, Table};
use std::collections::BTreeSet;

/// Idvas as people and their FTE by region. Each region's people are allocated by its services'
/// shares and rounded; the total is the sum of the regions.
///
/// A workforce figure, published whole like the FTE beside it and the service sizes: the
/// service-size bands and lone-Idva counts published with it bound every region's headcount, so
/// hiding it would protect nothing (the people counted are practitioners in their posts, as the
/// report counts them).
pub fn idva_people(rollup: &Rollup) -> Table {
    let mut t = Table::new(
        super::names::IDVA_PEOPLE,
        "Idvas as people and as full-time equivalents, by region",
        &["region", "idvas", "fte_idvas"],
    )
    .with_note("Idvas are people (a service that gave no head count counts its Idva FTE rounded up), allocated to regions by each service's area shares like their FTE and rounded per region; the total is the sum of the regions.");
    let fte = |f: &AreaFigures| whole(f.role_fte("idva"));
    let mut total = 0;
    for region in REGIONS {
        let f = &rollup.regions[region];
        let people = whole_number(f.idva_people);
        total += people;
        t.push(vec![region.to_string(), people.to_string(), fte(f)]);
    }
    t.push(vec![
        "Total".into(),
        total.to_string(),
        fte(&rollup.national),
    ]);
    t
}

/// Whether a service has exactly one Idva (a lone worker).
fn single_idva(e: &ServiceEstimate) -> bool {
    e.employs("idva") && e.idva_people() == 1.0
}

/// Services with a single Idva by region and in total, and those among them working across more
/// than one police force area.
pub fn single_idva_services(
    geo: &Geography,
    estimates: &[ServiceEstimate],
    rollup: &Rollup,
) -> Table {
    let mut t = Table::new(
        super::names::SINGLE_IDVA_SERVICES,
        "Services with a single Idva (lone workers), by region",
        &[
            "region",
            "idva_services",
            "single_idva_services",
            "single_idva_services_across_areas",
        ],
    )
    .with_note("A service with a single Idva employs one Idva (as a person, whatever the FTE). Services working in several regions are counted in each; the total counts each service once.");
    let lone: Vec<&ServiceEstimate> = estimates.iter().filter(|e| single_idva(e)).collect();
    let in_region = |e: &ServiceEstimate, region: &str| {
        e.shares
            .keys()
            .any(|code| geo.region_of(code) == Some(region))
    };
    let mut row = |name: &str, f: &AreaFigures, of: Vec<&&ServiceEstimate>| {
        let across = of.iter().filter(|e| e.shares.len() > 1).count();
        t.push(vec![
            name.to_string(),
            f.idva_services().to_string(),
            of.len().to_string(),
            across.to_string(),
        ]);
    };
    for region in REGIONS {
        let here = lone.iter().filter(|e| in_region(e, region)).collect();
        row(region, &rollup.regions[region], here);
    }
    row("Total", &rollup.national, lone.iter().collect());
    t
}

/// Police force areas by region, and those where every Idva works in the one service with
/// Idvas there.
pub fn idva_service_concentration(geo: &Geography, rollup: &Rollup) -> Table {
    let mut t = Table::new(
        super::names::IDVA_SERVICE_CONCENTRATION,
        "Police force areas where all Idvas work in one service, by region",
        &["region", "pfas", "pfas_with_one_idva_service"],
    )
    .with_note("An area's Idvas all work in one service when exactly one service employing Idvas works there (the services column of the coverage table by area).");
    let mut all = (0, 0);
    for region in REGIONS {
        let codes: BTreeSet<&str> = geo
            .areas()
            .iter()
            .filter(|a| a.region == region)
            .map(|a| a.code.as_str())
            .collect();
        let one = codes
            .iter()
            .filter(|c| rollup.pfas.get(**c).is_some_and(|f| f.idva_services() == 1))
            .count();
        t.push(vec![
            region.to_string(),
            codes.len().to_string(),
            one.to_string(),
        ]);
        all = (all.0 + codes.len(), all.1 + one);
    }
    t.push(vec!["Total".into(), all.0.to_string(), all.1.to_string()]);
    t
}
