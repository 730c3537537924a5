//! `datapackage.json`: a Frictionless Tabular Data Package describing every CSV of the
//! publication — fields, types, units, descriptions, primary keys and licence — from the
//! geography crate's data dictionary.

use super::edition::Edition;
use crate::error::{AppError, AppResult};
use crate::store::cycles::Cycle;
use frontline_disclosure::SUPPRESSED;
use frontline_geo::columns::{describe as column, ColumnType};
use frontline_geo::tables::{Counts, Table};
use serde_json::{json, Value};

/// Columns of `tables/need-model.csv`, written beside the tables.
pub const NEED_MODEL_COLUMNS: [&str; 10] = [
    "pfa_code",
    "pfa",
    "region",
    "adult_females",
    "marac_cases",
    "marac_based_fte",
    "population_based_fte",
    "uplift_fte",
    "required_fte",
    "fte_idvas_high_risk",
];

pub fn describe(
    cycle: &Cycle,
    edition: &Edition,
    tables: &[Table],
    source: &str,
) -> AppResult<String> {
    let mut resources = Vec::new();
    for t in tables {
        let columns: Vec<&str> = t.columns.iter().map(String::as_str).collect();
        let mut description = t.title.clone();
        if !t.note.is_empty() {
            description = format!("{description}. {}", t.note);
        }
        if t.counts == Counts::People {
            description.push_str(" Counts of people are disclosure-controlled.");
        }
        resources.push(resource(
            &t.name,
            &t.title,
            &description,
            &columns,
            &columns[..t.key_columns.min(columns.len())],
        )?);
    }
    resources.push(resource(
        "need-model",
        "Need model by police force area",
        "Unrounded inputs and results of the Idva need model, one row per police force area.",
        &NEED_MODEL_COLUMNS,
        &["pfa_code"],
    )?);
    let mut package = json!({
        "profile": "tabular-data-package",
        "name": format!("frontline-provision-{}", cycle.year),
        "title": format!("Frontline practitioners and Idva provision, {}", cycle.year),
        "description": "Frontline domestic abuse practitioners by police force area and region, and Idva coverage of recommended provision.",
        "licenses": [{
            "name": "OGL-UK-3.0",
            "title": "Open Government Licence v3.0",
            "path": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
        }],
        "sources": [{"title": source}],
        "contributors": [{"title": super::workbook::CONTACT, "role": "publisher"}],
        "resources": resources,
    });
    if let Some(release) = edition.release() {
        package["version"] = json!(release.version.to_string());
        package["created"] = json!(release.released_at);
    }
    if let Some(mark) = edition.watermark() {
        package["status"] = json!(mark);
    }
    serde_json::to_string_pretty(&package)
        .map_err(|e| AppError::Task(format!("writing datapackage.json: {e}")))
}

fn resource(
    name: &str,
    title: &str,
    description: &str,
    columns: &[&str],
    key: &[&str],
) -> AppResult<Value> {
    let fields = columns
        .iter()
        .map(|c| {
            let info = column(c).ok_or_else(|| {
                AppError::Task(format!(
                    "column {c} of {name} is not in the data dictionary"
                ))
            })?;
            let mut field = json!({
                "name": c,
                "type": info.kind,
                "description": info.description,
            });
            if !info.unit.is_empty() {
                field["unit"] = json!(info.unit);
            }
            if info.kind == ColumnType::String {
                field["constraints"] = json!({"required": key.contains(c)});
            }
            Ok(field)
        })
        .collect::<AppResult<Vec<Value>>>()?;
    Ok(json!({
        "name": name,
        "title": title,
        "description": description,
        "path": format!("tables/{name}.csv"),
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": {
            "fields": fields,
            "primaryKey": key,
            "missingValues": ["", SUPPRESSED],
        },
    }))
}

/// The primary key of each table in a stored data package, for comparing versions.
pub fn primary_keys(text: &str) -> Vec<(String, usize)> {
    let Ok(package) = serde_json::from_str::<Value>(text) else {
        return Vec::new();
    };
    package["resources"]
        .as_array()
        .map(|resources| {
            resources
                .iter()
                .filter_map(|r| {
                    let name = r["name"].as_str()?.to_string();
                    let key = r["schema"]["primaryKey"].as_array().map_or(1, Vec::len);
                    Some((name, key))
                })
                .collect()
        })
        .unwrap_or_default()
}
