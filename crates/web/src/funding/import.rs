//! `frontline import-funding --cycle YEAR FILE.csv`: every row is read and checked, and every
//! service matched by name, before anything is stored; problems name the line and field.

use crate::db::DbConnection;
use crate::error::{AppError, AppResult};
use crate::store::audit::{self, Change};
use crate::store::services;
use crate::store::{cycles, funding};
use frontline_provision::import;

/// Imports `text` into the cycle `year`; returns the number of streams stored.
pub fn import_funding(
    conn: &mut DbConnection,
    year: i32,
    file: &str,
    text: &str,
    by: &str,
) -> AppResult<usize> {
    let cycle = cycles::by_year(conn, year)?;
    if cycle.is_frozen() {
        return Err(AppError::Closed(format!(
            "the {year} estimates are frozen, so its funding register can no longer change; re-open the cycle first (frontline freeze --cycle {year} --reopen --reason \"…\")"
        )));
    }
    let streams = import::read(text).map_err(|refused| AppError::refused(file, refused))?;
    let known = services::all(conn)?;
    let mut matched = Vec::new();
    let mut problems = Vec::new();
    for (i, stream) in streams.into_iter().enumerate() {
        match services::named(&known, &stream.service) {
            Ok(id) => matched.push((id, stream)),
            Err(problem) => problems.push(format!("line {}, service: {problem}", i + 2)),
        }
    }
    if !problems.is_empty() {
        return Err(AppError::rows_refused(file, &problems));
    }
    let stored = funding::replace_for_services(conn, cycle.id, &matched, "import", by)?;
    audit::record(
        conn,
        Change {
            actor: by,
            action: "funding.imported",
            entity: "cycle",
            entity_id: year.to_string(),
            after: Some(format!("{stored} funding streams")),
            reason: Some(format!("imported from {file}")),
            ..Default::default()
        },
    )?;
    Ok(stored)
}
