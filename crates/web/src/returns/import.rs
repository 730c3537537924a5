//! `frontline import-vfs-returns`: one row per service for a period, in the exact column order
//! of the return (`service,pfa,` then every core metric; optional columns may follow). Every row
//! is checked first — numbers, areas and the return's arithmetic — and bad rows are all reported
//! by line and field; nothing half-imports. A service not yet known is created in the programme.

use super::answering::store_for;
use crate::db::DbConnection;
use crate::error::{AppError, AppResult};
use crate::store::states::ReturnChannel;
use crate::store::{programmes, services};
use diesel::Connection;
use frontline_geo::Geography;
use frontline_returns::metrics::{all_columns, METRICS};
use frontline_returns::{check, ReturnFigures};
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

pub fn parse(geo: &Geography, file: &str, text: &str) -> AppResult<Vec<ImportRow>> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| AppError::invalid(file, e.to_string()))?
        .clone();
    for (i, expected) in required_columns().iter().enumerate() {
        match headers.get(i) {
            Some(h) if h == *expected => {}
            found => {
                return Err(AppError::invalid(
                    file,
                    format!(
                        "column {} must be '{expected}', found {}; the columns are, in order: {}",
                        i + 1,
                        found.map_or("nothing".to_string(), |f| format!("'{f}'")),
                        required_columns().join(",")
                    ),
                ))
            }
        }
    }
    let narrative_col = headers.iter().position(|h| h == "narrative");
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let line = i + 2;
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                problems.push(format!("line {line}: {e}"));
                continue;
            }
        };
        let mut row_problems = Vec::new();
        let service = record.get(0).unwrap_or("").to_string();
        if service.is_empty() {
            row_problems.push("service: is empty".to_string());
        }
        let pfa_text = record.get(1).unwrap_or("");
        let pfa = geo.find(pfa_text).map(|a| a.code.clone());
        if pfa.is_none() {
            row_problems.push(format!(
                "pfa: '{pfa_text}' is not a police force area code or name"
            ));
        }
        let cells = headers
            .iter()
            .zip(record.iter())
            .filter(|(h, _)| all_columns().any(|c| c == *h));
        match ReturnFigures::from_cells(cells) {
            Ok(figures) => {
                for finding in check(&figures) {
                    row_problems.push(format!("{}: {}", finding.fields[0], finding.message));
                }
                if let (true, Some(pfa)) = (row_problems.is_empty(), pfa) {
                    rows.push(ImportRow {
                        line,
                        service,
                        pfa,
                        figures,
                        narrative: narrative_col
                            .and_then(|c| record.get(c))
                            .unwrap_or("")
                            .to_string(),
                    });
                }
            }
            Err(e) => row_problems.push(e.to_string()),
        }
        problems.extend(
            row_problems
                .into_iter()
                .map(|p| format!("line {line}, {p}")),
        );
    }
    if !problems.is_empty() {
        return Err(AppError::rows_refused(file, &problems));
    }
    if rows.is_empty() {
        return Err(AppError::invalid(file, "has no returns"));
    }
    Ok(rows)
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
    conn.transaction(|conn| {
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
            store_for(conn, service_id, &period.to_string(), &row.pfa, &answers, true, actor, ReturnChannel::Import)?;
        }
        Ok((rows.len(), created))
    })
}
