//! Commissioner programmes: their services and the periods they have asked returns for.

use crate::clock;
use crate::clock::Timestamp;
use crate::db::schema::{programme_periods, programme_services, programmes};
use crate::db::DbConnection;
use crate::error::{StoreError, StoreResult};
use diesel::prelude::*;
use frontline_returns::{Frequency, Period};
use serde::Serialize;

#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = programmes)]
pub struct Programme {
    pub id: String,
    pub name: String,
    pub frequency: String,
    pub first_period: String,
    pub created_at: Timestamp,
}

impl Programme {
    pub fn frequency(&self) -> Frequency {
        self.frequency.parse().unwrap_or(Frequency::Quarterly)
    }

    /// A period of this programme, checked for its kind and not before the first.
    pub fn period(&self, text: &str) -> StoreResult<Period> {
        let period: Period = text
            .parse()
            .and_then(|p: Period| p.of(self.frequency()))
            .map_err(|e| StoreError::invalid("period", e.to_string()))?;
        let first: Period = self
            .first_period
            .parse()
            .map_err(|e: frontline_returns::ReturnsError| StoreError::Task(e.to_string()))?;
        if period < first {
            return Err(StoreError::invalid(
                "period",
                format!("{period} is before the programme's first period, {first}"),
            ));
        }
        Ok(period)
    }
}

pub fn create(
    conn: &mut DbConnection,
    id: &str,
    name: &str,
    frequency: Frequency,
    first: Period,
) -> StoreResult<Programme> {
    if id.trim().is_empty() || !id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return Err(StoreError::invalid(
            "id",
            format!("'{id}' must be letters, digits and hyphens, like pcc-kent-grants"),
        ));
    }
    if by_id(conn, id).is_ok() {
        return Err(StoreError::invalid(
            "id",
            format!("a programme '{id}' already exists"),
        ));
    }
    first
        .of(frequency)
        .map_err(|e| StoreError::invalid("first-period", e.to_string()))?;
    diesel::insert_into(programmes::table)
        .values((
            programmes::id.eq(id),
            programmes::name.eq(name.trim()),
            programmes::frequency.eq(frequency.as_str()),
            programmes::first_period.eq(first.to_string()),
            programmes::created_at.eq(clock::now()),
        ))
        .execute(conn)?;
    by_id(conn, id)
}

pub fn by_id(conn: &mut DbConnection, id: &str) -> StoreResult<Programme> {
    programmes::table
        .find(id)
        .select(Programme::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| StoreError::NotFound(format!("programme '{id}'")))
}

pub fn all(conn: &mut DbConnection) -> StoreResult<Vec<Programme>> {
    Ok(programmes::table
        .order(programmes::name)
        .select(Programme::as_select())
        .load(conn)?)
}

/// Adds services to the programme (idempotent).
pub fn add_services(conn: &mut DbConnection, programme: &str, services: &[i32]) -> StoreResult<()> {
    let existing = service_ids(conn, programme)?;
    for id in services.iter().filter(|id| !existing.contains(id)) {
        diesel::insert_into(programme_services::table)
            .values((
                programme_services::programme_id.eq(programme),
                programme_services::service_id.eq(id),
            ))
            .execute(conn)?;
    }
    Ok(())
}

pub fn service_ids(conn: &mut DbConnection, programme: &str) -> StoreResult<Vec<i32>> {
    Ok(programme_services::table
        .filter(programme_services::programme_id.eq(programme))
        .order(programme_services::service_id)
        .select(programme_services::service_id)
        .load(conn)?)
}

/// The programmes funding a service: every one of them sees its returns.
pub fn funding(conn: &mut DbConnection, service_id: i32) -> StoreResult<Vec<String>> {
    Ok(programme_services::table
        .filter(programme_services::service_id.eq(service_id))
        .order(programme_services::programme_id)
        .select(programme_services::programme_id)
        .load(conn)?)
}

/// Opens a period for returns (idempotent); returns its due date.
pub fn open_period(
    conn: &mut DbConnection,
    programme: &str,
    period: Period,
) -> StoreResult<String> {
    let name = period.to_string();
    let found: Option<String> = programme_periods::table
        .filter(programme_periods::programme_id.eq(programme))
        .filter(programme_periods::period.eq(&name))
        .select(programme_periods::due_on)
        .first(conn)
        .optional()?;
    if let Some(due) = found {
        return Ok(due);
    }
    diesel::insert_into(programme_periods::table)
        .values((
            programme_periods::programme_id.eq(programme),
            programme_periods::period.eq(&name),
            programme_periods::due_on.eq(period.due()),
            programme_periods::opened_at.eq(clock::now()),
        ))
        .execute(conn)?;
    Ok(period.due())
}

/// The programme's opened periods with their due dates, oldest first.
pub fn periods(conn: &mut DbConnection, programme: &str) -> StoreResult<Vec<(Period, String)>> {
    let rows: Vec<(String, String)> = programme_periods::table
        .filter(programme_periods::programme_id.eq(programme))
        .select((programme_periods::period, programme_periods::due_on))
        .load(conn)?;
    let mut out: Vec<(Period, String)> = rows
        .into_iter()
        .filter_map(|(p, due)| p.parse().ok().map(|p| (p, due)))
        .collect();
    out.sort();
    Ok(out)
}
