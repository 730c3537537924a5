//! Figures carried into a cycle for a service that gave none: rolled forward or from a third party.

use crate::clock;
use crate::db::schema::carried_figures;
use crate::db::DbConnection;
use crate::error::{StoreError, StoreResult};
use crate::states::CarriedKind;
use diesel::prelude::*;
use survey_engine::PractitionerFigures;

#[derive(Debug, Clone)]
pub struct NewCarried<'a> {
    pub cycle_id: i32,
    pub service_id: i32,
    pub kind: CarriedKind,
    /// e.g. "2016 survey results" or "Marac co-ordinator".
    pub source: &'a str,
    pub original_cycle_year: Option<i32>,
    pub figures: &'a PractitionerFigures,
    pub created_by: &'a str,
}

pub fn insert(conn: &mut DbConnection, new: NewCarried<'_>) -> StoreResult<()> {
    let figures = serde_json::to_string(new.figures)
        .map_err(|e| StoreError::invalid("figures", e.to_string()))?;
    diesel::insert_into(carried_figures::table)
        .values((
            carried_figures::cycle_id.eq(new.cycle_id),
            carried_figures::service_id.eq(new.service_id),
            carried_figures::kind.eq(new.kind),
            carried_figures::source.eq(new.source),
            carried_figures::original_cycle_year.eq(new.original_cycle_year),
            carried_figures::answers.eq(figures),
            carried_figures::created_by.eq(new.created_by),
            carried_figures::created_at.eq(clock::now()),
        ))
        .execute(conn)?;
    Ok(())
}

/// (service id, kind, source, figures) for every carried figure in the cycle.
pub fn for_cycle(
    conn: &mut DbConnection,
    cycle_id: i32,
) -> StoreResult<Vec<(i32, CarriedKind, String, PractitionerFigures)>> {
    let rows: Vec<(i32, CarriedKind, String, String)> = carried_figures::table
        .filter(carried_figures::cycle_id.eq(cycle_id))
        .order(carried_figures::service_id)
        .select((
            carried_figures::service_id,
            carried_figures::kind,
            carried_figures::source,
            carried_figures::answers,
        ))
        .load(conn)?;
    rows.into_iter()
        .map(|(service, kind, source, json)| {
            let figures = serde_json::from_str(&json).map_err(|e| {
                StoreError::invalid(
                    format!("carried figures of service {service}"),
                    e.to_string(),
                )
            })?;
            Ok((service, kind, source, figures))
        })
        .collect()
}
