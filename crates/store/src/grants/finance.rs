//! Each grant's financial return per period: budget, spend and the explanation of a difference,
//! given by the provider beside its VFS return or by staff; a later one replaces it; audited.

use crate::audit;
use crate::clock;
use crate::db::schema::grant_finance;
use crate::db::DbConnection;
use crate::error::{StoreError, StoreResult};
use diesel::prelude::*;
use frontline_grants::finance::FinanceReturn;
use std::collections::BTreeMap;

/// Stores the grant's return for `period`, replacing any earlier one, with its audit record;
/// says who gave the one it replaced.
pub fn put(
    conn: &mut DbConnection,
    grant_id: i32,
    period: &str,
    given: &FinanceReturn,
    by: &str,
) -> StoreResult<Option<String>> {
    let now = clock::now();
    crate::db::transaction(conn, |conn| {
        let before: Option<String> = grant_finance::table
            .filter(grant_finance::grant_id.eq(grant_id))
            .filter(grant_finance::period.eq(period))
            .select(grant_finance::given_by)
            .first(conn)
            .optional()?;
        diesel::delete(
            grant_finance::table
                .filter(grant_finance::grant_id.eq(grant_id))
                .filter(grant_finance::period.eq(period)),
        )
        .execute(conn)?;
        diesel::insert_into(grant_finance::table)
            .values((
                grant_finance::grant_id.eq(grant_id),
                grant_finance::period.eq(period),
                grant_finance::budget_pence.eq(given.budget_pence),
                grant_finance::spend_pence.eq(given.spend_pence),
                grant_finance::explanation.eq(given.explanation.as_deref()),
                grant_finance::given_by.eq(by),
                grant_finance::given_at.eq(now.as_str()),
            ))
            .execute(conn)?;
        audit::record(
            conn,
            audit::Change {
                actor: by,
                action: "grant.finance_given",
                entity: "grant",
                entity_id: grant_id.to_string(),
                after: Some(format!(
                    "{period}: budget {} pence, spend {} pence",
                    given.budget_pence, given.spend_pence
                )),
                before: before.clone(),
                ..Default::default()
            },
        )?;
        Ok::<_, StoreError>(before)
    })
}

/// The financial returns of `grant_ids` for `period`, by grant id.
pub fn for_period(
    conn: &mut DbConnection,
    grant_ids: &[i32],
    period: &str,
) -> StoreResult<BTreeMap<i32, FinanceReturn>> {
    let rows: Vec<(i32, String, i64, i64, Option<String>)> = grant_finance::table
        .filter(grant_finance::grant_id.eq_any(grant_ids))
        .filter(grant_finance::period.eq(period))
        .select(columns())
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, _, b, s, e)| (id, read(b, s, e)))
        .collect())
}

/// Every financial return of `grant_ids`, by grant id then period.
pub fn all_of(
    conn: &mut DbConnection,
    grant_ids: &[i32],
) -> StoreResult<BTreeMap<i32, BTreeMap<String, FinanceReturn>>> {
    let rows: Vec<(i32, String, i64, i64, Option<String>)> = grant_finance::table
        .filter(grant_finance::grant_id.eq_any(grant_ids))
        .select(columns())
        .load(conn)?;
    let mut out: BTreeMap<i32, BTreeMap<String, FinanceReturn>> = BTreeMap::new();
    for (id, period, b, s, e) in rows {
        out.entry(id).or_default().insert(period, read(b, s, e));
    }
    Ok(out)
}

#[allow(clippy::type_complexity)]
fn columns() -> (
    grant_finance::grant_id,
    grant_finance::period,
    grant_finance::budget_pence,
    grant_finance::spend_pence,
    grant_finance::explanation,
) {
    (
        grant_finance::grant_id,
        grant_finance::period,
        grant_finance::budget_pence,
        grant_finance::spend_pence,
        grant_finance::explanation,
    )
}

fn read(budget_pence: i64, spend_pence: i64, explanation: Option<String>) -> FinanceReturn {
    FinanceReturn {
        budget_pence,
        spend_pence,
        explanation,
    }
}
