//! Importing a cycle's contacts from CSV (`organisation,service,email,pfas` and an optional
//! `name`; `pfas` separated by `;`, each an ONS code or force name). Every row is checked
//! before any is stored; bad rows are all reported by line, and nothing half-imports.

use crate::db::DbConnection;
use crate::error::{AppError, AppResult};
use crate::store::states::CycleStatus;
use crate::store::{cycles, invitations, services};
use diesel::Connection;
use frontline_geo::Geography;

#[derive(Debug, Clone, PartialEq)]
pub struct ContactRow {
    pub organisation: String,
    pub service: String,
    pub name: String,
    pub email: String,
    /// ONS codes.
    pub areas: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct ImportSummary {
    pub rows: usize,
    pub services_created: usize,
    pub invitations: usize,
}

/// Parses and checks the whole file; the error lists every bad row as `line N, field: problem`.
pub fn parse(geo: &Geography, file: &str, text: &str) -> AppResult<Vec<ContactRow>> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| AppError::invalid(file, e.to_string()))?
        .clone();
    let column = |name: &str| headers.iter().position(|h| h.eq_ignore_ascii_case(name));
    let required = |name: &str| {
        column(name).ok_or_else(|| {
            AppError::invalid(
                file,
                format!("missing column '{name}' (expected organisation,service,email,pfas and optionally name)"),
            )
        })
    };
    let (org_col, service_col, email_col, pfas_col) = (
        required("organisation")?,
        required("service")?,
        required("email")?,
        required("pfas")?,
    );
    let name_col = column("name");

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
        let get = |col: usize| record.get(col).unwrap_or("").to_string();
        let mut row_problems = Vec::new();
        let organisation = get(org_col);
        let service = get(service_col);
        let email = get(email_col);
        if organisation.is_empty() {
            row_problems.push("organisation: is empty".to_string());
        }
        if service.is_empty() {
            row_problems.push("service: is empty".to_string());
        }
        if email.parse::<lettre::Address>().is_err() {
            row_problems.push(format!("email: '{email}' is not an email address"));
        }
        let mut areas = Vec::new();
        for part in get(pfas_col)
            .split(';')
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            match geo.find(part) {
                Some(area) => areas.push(area.code.clone()),
                None => row_problems.push(format!(
                    "pfas: '{part}' is not a police force area code or name"
                )),
            }
        }
        if areas.is_empty() && row_problems.iter().all(|p| !p.starts_with("pfas")) {
            row_problems.push("pfas: give at least one police force area".to_string());
        }
        if row_problems.is_empty() {
            rows.push(ContactRow {
                organisation,
                service,
                name: name_col.map(get).unwrap_or_default(),
                email: email.to_lowercase(),
                areas,
            });
        } else {
            problems.extend(
                row_problems
                    .into_iter()
                    .map(|p| format!("line {line}, {p}")),
            );
        }
    }
    if !problems.is_empty() {
        return Err(AppError::rows_refused(file, &problems));
    }
    if rows.is_empty() {
        return Err(AppError::invalid(file, "the file has no contact rows"));
    }
    Ok(rows)
}

/// Stores the rows for a cycle in one transaction: services are matched on organisation and
/// name (created if new, gaining any new areas), contacts on email, and each gets an invitation.
pub fn import(conn: &mut DbConnection, year: i32, rows: &[ContactRow]) -> AppResult<ImportSummary> {
    let cycle = cycles::by_year(conn, year)?;
    if matches!(cycle.status, CycleStatus::Closed | CycleStatus::Frozen) {
        return Err(AppError::invalid(
            "cycle",
            format!(
                "the {year} cycle is {}; contacts can no longer be added",
                cycle.status
            ),
        ));
    }
    conn.transaction(|conn| {
        let mut summary = ImportSummary {
            rows: rows.len(),
            ..Default::default()
        };
        for row in rows {
            let (service_id, created) =
                services::find_or_create(conn, &row.organisation, &row.service, &row.areas)?;
            summary.services_created += usize::from(created);
            let contact = services::ensure_contact(conn, service_id, &row.name, &row.email)?;
            invitations::ensure(conn, cycle.id, service_id, contact)?;
        }
        summary.invitations = invitations::for_cycle(conn, cycle.id)?.len();
        Ok(summary)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_codes_names_and_several_areas() {
        let geo = Geography::reference();
        let rows = parse(
            &geo,
            "c.csv",
            "organisation,service,email,pfas,name\nSafe Org,Idva team,A@Example.org,Cumbria; E23000005,Ann\n",
        )
        .unwrap();
        assert_eq!(rows[0].email, "a@example.org");
        assert_eq!(rows[0].areas.len(), 2);
        assert_eq!(rows[0].name, "Ann");
    }

    #[test]
    fn reports_every_bad_row_by_line_and_field() {
        let geo = Geography::reference();
        let err = parse(
            &geo,
            "c.csv",
            "organisation,service,email,pfas\nA,B,not-an-email,Cumbria\nA,,x@y.org,Atlantis\nA,C,z@y.org,Kent\n",
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("line 2, email"), "{err}");
        assert!(err.contains("line 3, service: is empty"), "{err}");
        assert!(err.contains("line 3, pfas: 'Atlantis'"), "{err}");
        assert!(!err.contains("line 4"), "{err}");
    }
}
