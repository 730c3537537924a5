//! Importing a cycle's contacts from CSV (`organisation,service,email,pfas` and an optional
//! `name`; `pfas` separated by `;`, each an ONS code or force name). Every row is checked
//! before any is stored; bad rows are all reported by line, and nothing half-imports.

use crate::db::DbConnection;
use crate::error::{AppError, AppResult};
use crate::store::states::CycleStatus;
use crate::store::{cycles, invitations, services};
use frontline_csv_import::{Columns, Row};
use frontline_geo::Geography;
use survey_engine::contact::EmailAddress;

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

/// The columns of a contacts file.
const COLUMNS: Columns<'static> = Columns {
    required: &["organisation", "service", "email", "pfas"],
    optional: &["name"],
};

/// Parses and checks the whole file; the error lists every bad row as `line N, field: problem`.
pub fn parse(geo: &Geography, file: &str, text: &str) -> AppResult<Vec<ContactRow>> {
    frontline_csv_import::read(text, COLUMNS, |row| {
        let organisation = row.required("organisation");
        let service = row.required("service");
        let email = row.check("email", EmailAddress::parse);
        let areas = areas_of(geo, row);
        Some(ContactRow {
            organisation: organisation?,
            service: service?,
            name: row.text("name").to_string(),
            email: email?.to_string(),
            areas: areas?,
        })
    })
    .map_err(|refused| AppError::refused(file, refused))
}

/// The `pfas` cell: police force areas separated by `;`, each an ONS code or force name.
fn areas_of(geo: &Geography, row: &mut Row<'_>) -> Option<Vec<String>> {
    let given = row.text("pfas").to_string();
    let mut areas = Vec::new();
    for part in given.split(';').map(str::trim).filter(|p| !p.is_empty()) {
        match geo.find(part) {
            Some(area) => areas.push(area.code.to_string()),
            None => row.problem(
                "pfas",
                format!("'{part}' is not a police force area code or name"),
            ),
        }
    }
    if given.trim().is_empty() {
        row.problem("pfas", "give at least one police force area");
    }
    (!row.has_problems()).then_some(areas)
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
    frontline_store::db::transaction(conn, |conn| {
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
