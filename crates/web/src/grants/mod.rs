//! Grant agreements glued to storage, returns and mail: importing a programme's grants (within
//! what the account may see), monitoring a period against the returns services make once for
//! every commissioner, the grants' standing over time, due-diligence reminders, and the value
//! and market tables built from grants, returns and the funding register. The rules are the
//! `frontline-grants` crate's.

pub mod import;
pub mod monitoring;
pub mod provider;
pub mod reminders;
pub mod value;

use crate::access::Scope;
use crate::db::DbConnection;
use crate::error::AppResult;
use crate::store::grants::{self, StoredGrant};
use crate::store::services::{self, Service};
use std::collections::BTreeMap;

/// A programme's grants the account may see (a PCC office: those its own area holds), each with
/// its service.
pub fn visible(
    conn: &mut DbConnection,
    programme: &str,
    scope: &Scope,
) -> AppResult<Vec<(StoredGrant, Service)>> {
    let services: BTreeMap<i32, Service> = services::all(conn)?
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    Ok(grants::for_programme(conn, programme)?
        .into_iter()
        .filter_map(|g| {
            let service = services.get(&g.terms.service_id)?.clone();
            holds(scope, &g).then_some((g, service))
        })
        .collect())
}

/// Whether the account may see and change a grant: the team every one, a PCC office those held
/// in its areas.
pub fn holds(scope: &Scope, grant: &StoredGrant) -> bool {
    scope.includes(&grant.commissioned_in)
}

/// Whether the account may name a service (in an import, or for due diligence): the team every
/// one, a PCC office those working in one of its areas.
pub fn sees(scope: &Scope, service: &Service) -> bool {
    service.areas.iter().any(|a| scope.includes(a))
}
