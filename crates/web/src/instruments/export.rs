//! One instrument's submitted answers as CSV, a row per respondent, with its codebook and SPSS
//! syntax (described in [`survey_engine::codebook`]), written formula-safe.

use crate::db::DbConnection;
use crate::error::{AppError, AppResult};
use crate::store::cycles::Cycle;
use crate::store::instruments;
use survey_engine::{codebook, export, Answers, SurveyDefinition};

fn write(rows: Vec<Vec<String>>, what: &str) -> AppResult<String> {
    let fail = |e: csv::Error| AppError::Task(format!("writing {what}: {e}"));
    let mut w = frontline_safety::spreadsheet::CsvText::new();
    for row in rows {
        w.row(&row).map_err(fail)?;
    }
    w.finish().map_err(fail)
}

/// `response,channel,submitted_at` and a column per answer; invited addresses are left out.
pub fn answers_csv(
    conn: &mut DbConnection,
    cycle: &Cycle,
    def: &SurveyDefinition,
) -> AppResult<String> {
    let mut rows = vec![["response", "channel", "submitted_at"]
        .iter()
        .map(|s| s.to_string())
        .chain(export::columns(def))
        .collect::<Vec<_>>()];
    for r in instruments::submitted(conn, cycle.id, &def.id)? {
        let answers = Answers::from_json(&r.answers)?;
        let mut row = vec![
            r.id.to_string(),
            r.channel,
            r.submitted_at.map(|t| t.to_string()).unwrap_or_default(),
        ];
        row.extend(export::row(def, &answers));
        rows.push(row);
    }
    write(rows, "the answers")
}

/// `variable,label,type,value_labels,bank`: a line per column of [`answers_csv`].
pub fn codebook_csv(def: &SurveyDefinition) -> AppResult<String> {
    write(codebook::codebook_rows(def), "the codebook")
}

/// SPSS syntax that reads `file` (the answers CSV) with every variable's labels.
pub fn spss_syntax(def: &SurveyDefinition, file: &str) -> AppResult<String> {
    Ok(codebook::spss_syntax(def, file))
}
