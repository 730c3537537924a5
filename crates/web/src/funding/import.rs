//! `frontline import-funding --cycle YEAR FILE.csv`: every row is read and checked, and every
//! service matched by name, before anything is stored; problems name the line and field.

use crate::db::DbConnection;
use crate::error::{AppError, AppResult};
use crate::store::audit::{self, Change};
use crate::store::services::{self, Service};
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
    let streams =
        import::read(file, text).map_err(|problems| AppError::rows_refused(file, &problems))?;
    if streams.is_empty() {
        return Err(AppError::invalid(file, "has no funding streams"));
    }
    let known = services::all(conn)?;
    let mut matched = Vec::new();
    let mut problems = Vec::new();
    for (i, stream) in streams.into_iter().enumerate() {
        match service_named(&known, &stream.service) {
            Ok(id) => matched.push((id, stream)),
            Err(problem) => problems.push(format!("{file} line {}, service: {problem}", i + 2)),
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

/// A service by its own name, or as "Organisation – Service" when the name alone is shared.
fn service_named(known: &[Service], name: &str) -> Result<i32, String> {
    let full = |s: &Service| format!("{} – {}", s.organisation, s.name);
    let exact: Vec<&Service> = known.iter().filter(|s| full(s) == name).collect();
    if let [one] = exact.as_slice() {
        return Ok(one.id);
    }
    let by_name: Vec<&Service> = known.iter().filter(|s| s.name == name).collect();
    match by_name.as_slice() {
        [one] => Ok(one.id),
        [] => Err(format!("no service is called '{name}'")),
        several => Err(format!(
            "{} services are called '{name}'; write it as \"Organisation – Service\", e.g. \"{}\"",
            several.len(),
            full(several[0])
        )),
    }
}
