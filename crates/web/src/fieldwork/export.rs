//! Export of a cycle's responses as CSV: one row per service, one column per question, with the
//! schema version each return was given under.

use crate::db::DbConnection;
use crate::error::{AppError, AppResult};
use crate::fieldwork::tracking;
use crate::store::{cycles, responses};
use std::collections::BTreeMap;
use survey_engine::{export, Answers, Catalogue};

pub fn responses_csv(
    conn: &mut DbConnection,
    catalogue: &Catalogue,
    year: i32,
) -> AppResult<String> {
    let cycle = cycles::by_year(conn, year)?;
    let def = catalogue.get(&cycle.schema_id)?;
    let by_service: BTreeMap<i32, responses::Response> = responses::for_cycle(conn, cycle.id)?
        .into_iter()
        .map(|r| (r.service_id, r))
        .collect();
    let mut out = frontline_safety::spreadsheet::CsvText::new();
    let fixed = [
        "service_id",
        "organisation",
        "service",
        "pfas",
        "state",
        "status",
        "channel",
        "outcome",
        "schema_version",
        "submitted_at",
        "updated_at",
        "unsubmitted_changes",
        "note",
    ];
    let header: Vec<String> = fixed
        .iter()
        .map(|s| s.to_string())
        .chain(export::columns(def))
        .collect();
    out.row(&header).map_err(csv_error)?;
    for p in tracking::progress(conn, cycle.id)? {
        let response = by_service.get(&p.service.id);
        let answers = match response {
            Some(r) if r.is_submitted() => {
                Answers::from_json(r.submitted_answers.as_deref().unwrap_or(&r.answers))?
            }
            Some(r) => Answers::from_json(&r.answers)?,
            None => Answers::new(),
        };
        let field = |f: fn(&responses::Response) -> String| response.map(f).unwrap_or_default();
        let mut record = vec![
            p.service.id.to_string(),
            p.service.organisation.clone(),
            p.service.name.clone(),
            p.service.areas.join(";"),
            p.state_label.to_string(),
            field(|r| r.status.to_string()),
            field(|r| r.channel.to_string()),
            field(|r| r.outcome.to_string()),
            field(|r| r.schema_version.clone()),
            field(|r| {
                r.submitted_at
                    .as_ref()
                    .map(|t| t.to_string())
                    .unwrap_or_default()
            }),
            field(|r| r.updated_at.to_string()),
            p.unsubmitted_changes.to_string(),
            field(|r| r.note.clone().unwrap_or_default()),
        ];
        if response.is_some() {
            record.extend(export::row(def, &answers));
        } else {
            record.extend(export::columns(def).iter().map(|_| String::new()));
        }
        out.row(&record).map_err(csv_error)?;
    }
    out.finish().map_err(csv_error)
}

fn csv_error(e: csv::Error) -> AppError {
    AppError::Task(format!("writing CSV: {e}"))
}
