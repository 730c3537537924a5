//! The annual report's findings beyond coverage — Idvas as people beside their FTE, lone
//! Idvas, areas whose Idvas all work in one service, the cases Idvas support, services
//! employing each role by region and Marac cases — each a table, and a sentence read back from
//! the table as published (so a sentence can never say more than its table shows).

mod cases;
mod marac;
mod roles;
mod sentences;
mod workforce;

pub use cases::CaseMix;
pub use sentences::read;

use crate::aggregate::Rollup;
use crate::allocation::ServiceEstimate;
use crate::areas::Geography;
use crate::need::AreaNeedInput;
use crate::tables::Table;
use serde::Serialize;

/// Names of the findings' tables, as published under `tables/`.
pub mod names {
    pub const IDVA_PEOPLE: &str = "idva-people";
    pub const SINGLE_IDVA_SERVICES: &str = "single-idva-services";
    pub const IDVA_SERVICE_CONCENTRATION: &str = "idva-service-concentration";
    pub const IDVA_CASES: &str = "idva-cases";
    pub const SERVICES_BY_ROLE_BY_REGION: &str = "services-by-role-by-region";
    pub const MARAC_CASES: &str = "marac-cases";
}

/// One sentence of the report and the table it is read from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub sentence: String,
    /// The table's name (`tables/{table}.csv`).
    pub table: String,
    /// The table's title, to link it by.
    pub title: String,
}

/// The findings' tables, each in the place [`crate::publication::build`] lists it.
pub(crate) struct FindingTables {
    pub marac_cases: Table,
    pub idva_people: Table,
    pub single_idva_services: Table,
    pub idva_service_concentration: Table,
    pub idva_cases: Table,
    pub services_by_role_by_region: Table,
}

/// Builds the findings' tables.
pub(crate) fn tables(
    geo: &Geography,
    estimates: &[ServiceEstimate],
    rollup: &Rollup,
    given: &[AreaNeedInput],
) -> FindingTables {
    FindingTables {
        marac_cases: marac::marac_cases(geo, given),
        idva_people: workforce::idva_people(rollup),
        single_idva_services: workforce::single_idva_services(geo, estimates, rollup),
        idva_service_concentration: workforce::idva_service_concentration(geo, rollup),
        idva_cases: cases::idva_cases(estimates),
        services_by_role_by_region: roles::services_by_role_by_region(rollup),
    }
}
