//! Services employing each role, region by region: where a role is common and where it is
//! rare (the "postcode lottery").

use crate::aggregate::Rollup;
use crate::allocation::AreaFigures;
use crate::areas::REGIONS;
use crate::roles::ROLE_LABELS;
use crate::tables::{percent, share_pct, Table};

/// For each region and the nation, each role: services with practitioners there, those
/// employing the role, and the percentage.
pub fn services_by_role_by_region(rollup: &Rollup) -> Table {
    let mut t = Table::new(
        super::names::SERVICES_BY_ROLE_BY_REGION,
        "Services employing each role, by region",
        &[
            "region",
            "role",
            "services_with_practitioners",
            "services_employing_role",
            "pct_of_services",
        ],
    )
    .with_note("Services working in several regions are counted in each, as in the regional tables; the total counts each service once.")
    .keyed_by(2);
    let mut rows = |name: &str, f: &AreaFigures| {
        let services = f.services.len();
        for (role, label) in ROLE_LABELS {
            let n = f.services_employing(role);
            t.push(vec![
                name.to_string(),
                label.to_string(),
                services.to_string(),
                n.to_string(),
                percent(share_pct(n as f64, services as f64)),
            ]);
        }
    };
    for region in REGIONS {
        rows(region, &rollup.regions[region]);
    }
    rows("Total", &rollup.national);
    t
}
