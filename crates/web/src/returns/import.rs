//! `frontline import-vfs-returns`: one row per service for a period, in the exact column order
//! of the return (`service,pfa,` then every core metric; optional columns may follow). Every row
//! is checked first — numbers, areas and the return's arithmetic — and bad rows are all reported
//! by line and field; nothing half-imports. A service not yet known is created in the programme.

use super::answering::store_for;
use crate::db::DbConnection;
use crate::error::{AppError, AppResult};
use crate::store::states::ReturnChannel;
use crate::store::{programmes, services};
use frontline_csv_import::{Columns, Row};
use frontline_geo::Geography;
use frontline_returns::metrics::{all_columns, METRICS};
use frontline_returns::{check, ReturnFigures, ReturnsError};
use serde_json::json;
use survey_engine::Answers;

#[derive(Debug, Clone, PartialEq)]
pub struct ImportRow {
    /// The line of the file, for errors found when storing.
    pub line: usize,
    pub service: String,
    /// ONS code.
    pub pfa: String,
    pub figures: ReturnFigures,
    pub narrative: String,
}

/// The columns every file starts with.
pub fn required_columns() -> Vec<&'static str> {
    ["service", "pfa"]
        .into_iter()
        .chain(METRICS.iter().map(|m| m.column))
        .collect()
}

/// Reads the file all or nothing: its columns in the return's order, then every row's numbers,
/// area and arithmetic; every problem by line and field.
pub fn parse(geo: &Geography, file: &str, text: &str) -> AppResult<Vec<ImportRow>> {
    check_column_order(text).map_err(|problem| AppError::invalid(file, problem))?;
    let required = required_columns();
    let columns = Columns::required(&required).with_optional(&["narrative"]);
    frontline_csv_import::read(text, columns, |row| read_row(geo, row))
        .map_err(|refused| AppError::refused(file, refused))
}

/// The return's columns come first, in the return's order (a file laid out as the form is).
fn check_column_order(text: &str) -> Result<(), String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = reader.headers().map_err(|e| format!("line 1: {e}"))?;
    for (i, expected) in required_columns().iter().enumerate() {
        match headers.get(i) {
            Some(h) if h == *expected => {}
            found => {
                return Err(format!(
                    "column {} must be '{expected}', found {}; the columns are, in order: {}",
                    i + 1,
                    found.map_or("nothing".to_string(), |f| format!("'{f}'")),
                    required_columns().join(",")
                ))
            }
        }
    }
    Ok(())
}

fn read_row(geo: &Geography, row: &mut Row<'_>) -> Option<ImportRow> {
    let service = row.required("service");
    let pfa = row.check("pfa", |given| {
        geo.find(given)
            .map(|a| a.code.to_string())
            .ok_or_else(|| format!("'{given}' is not a police force area code or name"))
    });
    let cells: Vec<(String, String)> = row
        .cells()
        .filter(|(h, _)| all_columns().any(|c| c == *h))
        .map(|(h, v)| (h.to_string(), v.to_string()))
        .collect();
    let figures =
        match ReturnFigures::from_cells(cells.iter().map(|(h, v)| (h.as_str(), v.as_str()))) {
            Ok(figures) => Some(figures),
            Err(ReturnsError::BadCount { column, value }) => {
                row.problem(
                    &column,
                    format!("'{value}' is not a whole number of 0 or more"),
                );
                None
            }
            Err(ReturnsError::BadWeeks { column, value }) => {
                row.problem(
                    &column,
                    format!("'{value}' is not a number of weeks of 0 or more"),
                );
                None
            }
            Err(other) => {
                row.problem("row", other.to_string());
                None
            }
        }?;
    for finding in check(&figures) {
        row.problem(finding.fields[0], finding.message);
    }
    Some(ImportRow {
        line: row.line() as usize,
        service: service?,
        pfa: pfa?,
        figures,
        narrative: row.text("narrative").to_string(),
    })
}

/// Stores the rows as submitted returns for the period, in one transaction. Returns
/// (returns stored, services created).
pub fn import(
    conn: &mut DbConnection,
    programme_id: &str,
    period: &str,
    rows: &[ImportRow],
    actor: &str,
) -> AppResult<(usize, usize)> {
    let programme = programmes::by_id(conn, programme_id)?;
    let period = programme.period(period)?;
    frontline_store::db::transaction(conn, |conn| {
        programmes::open_period(conn, &programme.id, period)?;
        let mut known: std::collections::HashMap<String, Vec<i32>> =
            std::collections::HashMap::new();
        for s in services::all(conn)? {
            known.entry(s.name.clone()).or_default().push(s.id);
            known
                .entry(format!("{} – {}", s.organisation, s.name))
                .or_default()
                .push(s.id);
        }
        let mut created = 0;
        for row in rows {
            let service_id = match known.get(&row.service).map(Vec::as_slice) {
                Some([id]) => *id,
                Some(several) => {
                    return Err(AppError::invalid(
                        format!("line {}, service", row.line),
                        format!(
                            "'{}' names {} services; give it as 'Organisation – Service'; nothing was imported",
                            row.service,
                            several.len()
                        ),
                    ))
                }
                None => {
                    let id = services::create(conn, &row.service, &row.service, std::slice::from_ref(&row.pfa))?.id;
                    known.insert(row.service.clone(), vec![id]);
                    created += 1;
                    id
                }
            };
            programmes::add_services(conn, &programme.id, &[service_id])?;
            let mut answers = Answers::new();
            for (column, n) in &row.figures.counts {
                answers.set(column.clone(), json!(n));
            }
            if let Some(w) = row.figures.waiting_weeks_median {
                answers.set("waiting_weeks_median", json!(w));
            }
            if !row.narrative.is_empty() {
                answers.set("narrative", json!(row.narrative));
            }
            store_for(
                conn,
                service_id,
                &period.to_string(),
                &row.pfa,
                &answers,
                true,
                actor,
                ReturnChannel::Import,
            )?;
        }
        Ok((rows.len(), created))
    })
}
