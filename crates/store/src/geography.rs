//! The reference geography in the database, loaded from the fixture on start-up.

use crate::db::schema::{police_force_areas, regions};
use crate::db::DbConnection;
use crate::error::{StoreError, StoreResult};
use diesel::prelude::*;
use frontline_geo::{Geography, PfaCode, PoliceForceArea};

#[derive(Debug, Clone, PartialEq, Queryable, Insertable, AsChangeset)]
#[diesel(table_name = police_force_areas)]
struct AreaRow {
    code: String,
    name: String,
    region: String,
    adult_females: i64,
}

/// Inserts or updates the 10 regions and 43 areas so they match `geo`; safe to run on every start.
pub fn sync_reference(conn: &mut DbConnection, geo: &Geography) -> StoreResult<()> {
    crate::db::transaction(conn, |conn| {
        for region in geo.regions() {
            let found: i64 = regions::table
                .filter(regions::name.eq(&region.name))
                .count()
                .get_result(conn)?;
            if found == 0 {
                diesel::insert_into(regions::table)
                    .values((
                        regions::name.eq(&region.name),
                        regions::sort_order.eq(region.sort_order),
                    ))
                    .execute(conn)?;
            }
        }
        // Only rows that differ are written: an unchanged start-up changes no data (nor the
        // data's revision, which would drop every kept draft).
        let stored: Vec<AreaRow> = police_force_areas::table.load(conn)?;
        for area in geo.areas() {
            let row = AreaRow {
                code: area.code.to_string(),
                name: area.name.clone(),
                region: area.region.clone(),
                adult_females: area.adult_females,
            };
            match stored.iter().find(|r| r.code == row.code) {
                Some(same) if *same == row => {}
                Some(_) => {
                    diesel::update(police_force_areas::table.find(area.code.as_str()))
                        .set(&row)
                        .execute(conn)?;
                }
                None => {
                    diesel::insert_into(police_force_areas::table)
                        .values(&row)
                        .execute(conn)?;
                }
            }
        }
        Ok(())
    })
}

/// The geography as stored, for the code that reads it back.
pub fn load(conn: &mut DbConnection) -> StoreResult<Geography> {
    let rows: Vec<AreaRow> = police_force_areas::table
        .order(police_force_areas::code)
        .load(conn)?;
    let areas = rows
        .into_iter()
        .map(|r| {
            Ok(PoliceForceArea {
                code: stored_code(&r.code)?,
                name: r.name,
                region: r.region,
                adult_females: r.adult_females,
            })
        })
        .collect::<StoreResult<_>>()?;
    Ok(Geography::new(areas))
}

/// A police force area code read back from the database (written only after it was checked).
pub fn stored_code(text: &str) -> StoreResult<PfaCode> {
    PfaCode::parse(text).map_err(|e| StoreError::Task(format!("a stored area: {e}")))
}

pub fn region_count(conn: &mut DbConnection) -> StoreResult<i64> {
    Ok(regions::table.count().get_result(conn)?)
}
