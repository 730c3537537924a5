//! Money a grant's lead provider passes on to sub-contracted partners, a year; setting a
//! partner's amount replaces it, and an amount of nothing removes the partner. Audited.

use crate::audit;
use crate::db::schema::grant_subcontracts;
use crate::db::DbConnection;
use crate::error::{StoreError, StoreResult};
use diesel::prelude::*;

/// Sets what the grant passes on to `partner` a year (none to remove it).
pub fn set(
    conn: &mut DbConnection,
    grant_id: i32,
    partner: i32,
    annual_pence: Option<i64>,
    by: &str,
) -> StoreResult<()> {
    crate::db::transaction(conn, |conn| {
        diesel::delete(
            grant_subcontracts::table
                .filter(grant_subcontracts::grant_id.eq(grant_id))
                .filter(grant_subcontracts::partner_service_id.eq(partner)),
        )
        .execute(conn)?;
        if let Some(pence) = annual_pence {
            diesel::insert_into(grant_subcontracts::table)
                .values((
                    grant_subcontracts::grant_id.eq(grant_id),
                    grant_subcontracts::partner_service_id.eq(partner),
                    grant_subcontracts::annual_pence.eq(pence),
                ))
                .execute(conn)?;
        }
        audit::record(
            conn,
            audit::Change {
                actor: by,
                action: "grant.subcontract_set",
                entity: "grant",
                entity_id: grant_id.to_string(),
                after: Some(match annual_pence {
                    Some(p) => format!("service {partner}: {p} pence a year"),
                    None => format!("service {partner}: removed"),
                }),
                ..Default::default()
            },
        )?;
        Ok::<_, StoreError>(())
    })
}

/// The partners of `grant_ids`: (grant id, partner service id, annual pence).
pub fn of_grants(conn: &mut DbConnection, grant_ids: &[i32]) -> StoreResult<Vec<(i32, i32, i64)>> {
    Ok(grant_subcontracts::table
        .filter(grant_subcontracts::grant_id.eq_any(grant_ids))
        .order((
            grant_subcontracts::grant_id,
            grant_subcontracts::partner_service_id,
        ))
        .select((
            grant_subcontracts::grant_id,
            grant_subcontracts::partner_service_id,
            grant_subcontracts::annual_pence,
        ))
        .load(conn)?)
}
