//! Service profiles: one per service and cycle, with where it came from.

use crate::clock;
use crate::clock::Timestamp;
use crate::db::schema::service_profiles;
use crate::db::DbConnection;
use crate::error::StoreResult;
use crate::states::ProfileSource;
use diesel::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = service_profiles)]
pub struct StoredProfile {
    pub id: i32,
    pub cycle_id: i32,
    pub service_id: i32,
    pub schema_version: String,
    pub answers: String,
    pub source: ProfileSource,
    pub carried_from_year: Option<i32>,
    pub updated_by: String,
    pub updated_at: Timestamp,
}

impl StoredProfile {
    /// Where the profile came from, as shown beside it.
    pub fn provenance(&self) -> String {
        match (self.source, self.carried_from_year) {
            (ProfileSource::RolledForward, Some(year)) => format!("rolled forward from {year}"),
            (ProfileSource::Staff, _) => {
                format!("entered by the survey team ({})", self.updated_by)
            }
            _ => "given by the service".to_string(),
        }
    }
}

pub fn find(
    conn: &mut DbConnection,
    cycle_id: i32,
    service_id: i32,
) -> StoreResult<Option<StoredProfile>> {
    Ok(service_profiles::table
        .filter(service_profiles::cycle_id.eq(cycle_id))
        .filter(service_profiles::service_id.eq(service_id))
        .select(StoredProfile::as_select())
        .first(conn)
        .optional()?)
}

pub fn for_cycle(conn: &mut DbConnection, cycle_id: i32) -> StoreResult<Vec<StoredProfile>> {
    Ok(service_profiles::table
        .filter(service_profiles::cycle_id.eq(cycle_id))
        .order(service_profiles::service_id)
        .select(StoredProfile::as_select())
        .load(conn)?)
}

/// Each service's latest profile with the year of its cycle — of cycles before `before` when
/// given, else of every cycle.
pub fn latest_by_service(
    conn: &mut DbConnection,
    before: Option<i32>,
) -> StoreResult<BTreeMap<i32, (i32, StoredProfile)>> {
    let mut latest = BTreeMap::new();
    // Cycles come newest first: the first profile seen of a service is its latest.
    for cycle in crate::cycles::all(conn)?
        .into_iter()
        .filter(|c| before.is_none_or(|year| c.year < year))
    {
        for p in for_cycle(conn, cycle.id)? {
            latest.entry(p.service_id).or_insert((cycle.year, p));
        }
    }
    Ok(latest)
}

/// What is written: the answers and where they came from.
pub struct Write<'a> {
    pub cycle_id: i32,
    pub service_id: i32,
    pub schema_version: &'a str,
    pub answers: &'a str,
    pub source: ProfileSource,
    pub carried_from_year: Option<i32>,
    pub by: &'a str,
}

/// Inserts or replaces the service's profile for the cycle.
pub fn put(conn: &mut DbConnection, w: Write) -> StoreResult<()> {
    let now = clock::now();
    crate::db::transaction(conn, |conn| {
        diesel::delete(
            service_profiles::table
                .filter(service_profiles::cycle_id.eq(w.cycle_id))
                .filter(service_profiles::service_id.eq(w.service_id)),
        )
        .execute(conn)?;
        diesel::insert_into(service_profiles::table)
            .values((
                service_profiles::cycle_id.eq(w.cycle_id),
                service_profiles::service_id.eq(w.service_id),
                service_profiles::schema_version.eq(w.schema_version),
                service_profiles::answers.eq(w.answers),
                service_profiles::source.eq(w.source),
                service_profiles::carried_from_year.eq(w.carried_from_year),
                service_profiles::updated_by.eq(w.by),
                service_profiles::updated_at.eq(&now),
            ))
            .execute(conn)?;
        Ok(())
    })
}
