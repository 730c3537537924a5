//! A cycle's need-model inputs per police force area: adult females and Marac cases.

use crate::db::schema::need_inputs;
use crate::db::DbConnection;
use crate::error::StoreResult;
use diesel::prelude::*;
use frontline_geo::need::AreaNeedInput;

/// Replaces the cycle's inputs with `rows` in one transaction: all or nothing.
pub fn replace(conn: &mut DbConnection, cycle_id: i32, rows: &[AreaNeedInput]) -> StoreResult<()> {
    crate::db::transaction(conn, |conn| {
        diesel::delete(need_inputs::table.filter(need_inputs::cycle_id.eq(cycle_id)))
            .execute(conn)?;
        // Row by row: diesel's multi-backend connection has no batch insert for SQLite.
        for r in rows {
            diesel::insert_into(need_inputs::table)
                .values((
                    need_inputs::cycle_id.eq(cycle_id),
                    need_inputs::pfa_code.eq(r.pfa_code.as_str()),
                    need_inputs::adult_females.eq(r.adult_females),
                    need_inputs::marac_cases.eq(r.marac_cases),
                ))
                .execute(conn)?;
        }
        Ok(())
    })
}

pub fn for_cycle(conn: &mut DbConnection, cycle_id: i32) -> StoreResult<Vec<AreaNeedInput>> {
    let rows: Vec<(String, i64, i32)> = need_inputs::table
        .filter(need_inputs::cycle_id.eq(cycle_id))
        .order(need_inputs::pfa_code)
        .select((
            need_inputs::pfa_code,
            need_inputs::adult_females,
            need_inputs::marac_cases,
        ))
        .load(conn)?;
    rows.into_iter()
        .map(|(pfa_code, adult_females, marac_cases)| {
            Ok(AreaNeedInput {
                pfa_code: crate::geography::stored_code(&pfa_code)?,
                adult_females,
                marac_cases,
            })
        })
        .collect()
}
