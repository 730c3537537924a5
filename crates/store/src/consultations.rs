//! Consultations with survivors: recorded (audited) for a police force area, read back by area
//! and years for the packs and the staff page.

use crate::audit;
use crate::clock;
use crate::db::schema::consultations;
use crate::db::DbConnection;
use crate::error::{StoreError, StoreResult};
use diesel::prelude::*;
use frontline_provision::stream::Day;
use frontline_voice::consultation::{Consultation, Group, Method};
use serde::Serialize;

/// A stored consultation with who recorded it.
#[derive(Debug, Clone, Serialize)]
pub struct Recorded {
    pub id: i32,
    pub consultation: Consultation,
    pub recorded_by: String,
}

/// Records `consultation`; audited.
pub fn record(conn: &mut DbConnection, consultation: &Consultation, by: &str) -> StoreResult<i32> {
    let groups: Vec<&str> = consultation.groups.iter().map(|g| g.code()).collect();
    crate::db::transaction(conn, |conn| {
        let id: i32 = diesel::insert_into(consultations::table)
            .values((
                consultations::pfa_code.eq(&consultation.pfa_code),
                consultations::held_on.eq(consultation.held_on.to_string()),
                consultations::method.eq(consultation.method.code()),
                consultations::people.eq(i32::try_from(consultation.people).unwrap_or(i32::MAX)),
                consultations::groups.eq(groups.join(";")),
                consultations::recorded_by.eq(by),
                consultations::recorded_at.eq(clock::now()),
            ))
            .returning(consultations::id)
            .get_result(conn)?;
        audit::record(
            conn,
            audit::Change {
                actor: by,
                action: "consultation.recorded",
                entity: "police_force_area",
                entity_id: consultation.pfa_code.clone(),
                after: Some(consultation.describe(0)),
                ..Default::default()
            },
        )?;
        Ok(id)
    })
}

type Row = (i32, String, String, String, i32, String, String);

/// The consultations held in `areas` (every area when none are named) from `from` to `to`
/// (`YYYY-MM-DD`, both included), latest first.
pub fn held(
    conn: &mut DbConnection,
    areas: Option<&[String]>,
    from: &str,
    to: &str,
) -> StoreResult<Vec<Recorded>> {
    let mut query = consultations::table
        .filter(consultations::held_on.ge(from))
        .filter(consultations::held_on.le(to))
        .order((consultations::held_on.desc(), consultations::id.desc()))
        .select((
            consultations::id,
            consultations::pfa_code,
            consultations::held_on,
            consultations::method,
            consultations::people,
            consultations::groups,
            consultations::recorded_by,
        ))
        .into_boxed();
    if let Some(areas) = areas {
        query = query.filter(consultations::pfa_code.eq_any(areas));
    }
    query.load::<Row>(conn)?.into_iter().map(read).collect()
}

fn read(row: Row) -> StoreResult<Recorded> {
    let (id, pfa_code, held_on, method, people, groups, recorded_by) = row;
    let bad = |problem: String| StoreError::invalid(format!("consultation {id}"), problem);
    let groups = groups
        .split(';')
        .filter(|g| !g.is_empty())
        .map(|g| Group::parse(g).map_err(bad))
        .collect::<StoreResult<Vec<_>>>()?;
    Ok(Recorded {
        id,
        consultation: Consultation {
            held_on: Day::parse(&held_on).map_err(bad)?,
            pfa_code,
            method: Method::parse(&method).map_err(bad)?,
            people: u32::try_from(people).map_err(|e| bad(e.to_string()))?,
            groups,
        },
        recorded_by,
    })
}
