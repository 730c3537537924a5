//! Importing a programme's grants from `service,grant_ref,start,end,annual_amount,kpi_metric,
//! kpi_rule,kpi_target[,notice_months]`: every row checked before anything is stored; a service
//! must be one of the programme's (and, for a PCC office, work in its areas).

use super::sees;
use crate::access::Scope;
use crate::db::DbConnection;
use crate::error::{AppError, AppResult};
use crate::store::grants::{self, Imported};
use crate::store::{programmes, services};

/// Reads and stores `text` as the programme's grants, audited as `actor`'s.
pub fn import(
    conn: &mut DbConnection,
    programme: &str,
    text: &str,
    scope: &Scope,
    actor: &str,
) -> AppResult<Imported> {
    let found = programmes::by_id(conn, programme)?;
    let funded = programmes::service_ids(conn, &found.id)?;
    let known = services::all(conn)?;
    let resolve = |given: &str| -> Result<i32, String> {
        let id = match given.parse::<i32>() {
            Ok(id) if known.iter().any(|s| s.id == id) => id,
            Ok(_) => return Err(format!("no service has the id {given}")),
            Err(_) => services::named(&known, given)?,
        };
        if !funded.contains(&id) {
            return Err(format!(
                "'{given}' is not a service of the programme {} (add it to the programme first)",
                found.id
            ));
        }
        if !known.iter().any(|s| s.id == id && sees(scope, s)) {
            return Err(format!("'{given}' does not work in your areas"));
        }
        Ok(id)
    };
    let read = frontline_grants::import::read(text, &resolve)
        .map_err(|e| AppError::invalid("file", e.to_string()))?;
    Ok(grants::import(conn, &found.id, &read, actor)?)
}
