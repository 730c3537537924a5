//! `datapackage.json`: a Frictionless Tabular Data Package describing every CSV the build
//! actually wrote — fields, types, units, descriptions, primary keys and licence — from the
//! geography crate's data dictionary. Resources come from the files themselves (each CSV's own
//! header row), so the package never lists a file the release lacks (a wave that counted no
//! practitioners has no need model) nor leaves one out.

use crate::error::{AppError, AppResult};
use crate::publication::edition::Edition;
use crate::publication::SiteFile;
use crate::store::cycles::Cycle;
use frontline_disclosure::SUPPRESSED;
use frontline_geo::columns::{describe_in, ColumnType, Dictionary};
use frontline_geo::tables::{Counts, Table};
use serde_json::{json, Value};

/// The path of the need model's CSV.
pub const NEED_MODEL: &str = "tables/need-model.csv";

/// How a CSV of the publication is described: its resource name, title, description,
/// dictionary and how many leading columns are its primary key.
struct About {
    name: String,
    title: String,
    description: String,
    dictionary: Dictionary,
    key_columns: usize,
}

/// What the data package says about the CSV at `path`, from the tables built (`tables`) and
/// the other files the publication writes; `None` for a CSV it does not know.
fn about(path: &str, tables: &[Table]) -> Option<About> {
    let about = |name: &str, title: &str, description: &str, dictionary, key_columns| About {
        name: name.to_string(),
        title: title.to_string(),
        description: description.to_string(),
        dictionary,
        key_columns,
    };
    if path == "directory/services.csv" {
        return Some(about(
            "directory-services",
            "Directory of services",
            "One row per service from its profile: what it offers, to whom and how to reach it. Lists are `;`-separated codes.",
            Dictionary::Directory,
            2,
        ));
    }
    if path == super::changelog::CHANGES_CSV {
        return Some(about(
            "changes",
            "What changed since the version before",
            "Every cell of the release's CSVs that differs from the version before, the main tables first.",
            Dictionary::Changes,
            3,
        ));
    }
    if let Some(code) = path
        .strip_prefix("packs/")
        .and_then(|p| p.strip_suffix("/indicators.csv"))
    {
        return Some(about(
            &format!("pack-{}-indicators", code.to_lowercase()),
            &format!("Needs-assessment pack {code}: indicators"),
            "Each indicator for the police force area beside its region and England and Wales, with its rank among the areas.",
            Dictionary::PackIndicators,
            1,
        ));
    }
    let name = path.strip_prefix("tables/")?.strip_suffix(".csv")?;
    let table = tables.iter().find(|t| t.name == name)?;
    let mut description = table.title.clone();
    let notes = table.notes_text();
    if !notes.is_empty() {
        description = format!("{description}. {notes}");
    }
    if table.counts == Counts::People {
        description.push_str(" Counts of people are disclosure-controlled.");
    }
    Some(about(
        &table.name,
        &table.title,
        &description,
        Dictionary::Tables,
        table.key_columns,
    ))
}

/// How many leading columns key the rows of the CSV at `path` (1 when the package does not
/// describe it), for comparing versions.
pub fn key_columns(path: &str, tables: &[Table]) -> usize {
    about(path, tables).map_or(1, |a| a.key_columns)
}

/// A CSV's header row, past the mark line a draft puts first.
fn header(edition: &Edition, file: &SiteFile) -> AppResult<Vec<String>> {
    let text = String::from_utf8_lossy(&file.content);
    let body = match edition.banner() {
        Some(banner) => text
            .strip_prefix(banner.as_str())
            .map_or(text.as_ref(), |rest| rest.trim_start_matches('\n')),
        None => text.as_ref(),
    };
    let mut reader = csv::Reader::from_reader(body.as_bytes());
    let columns = reader
        .headers()
        .map_err(|e| AppError::Task(format!("reading the header of {}: {e}", file.path)))?;
    Ok(columns.iter().map(str::to_string).collect())
}

/// The data package of every CSV among `files` (the files built, in order), described from
/// the tables built (`tables`) and the data dictionary. A CSV it cannot describe, or a column
/// the dictionary lacks, is an error: nothing is published undescribed.
pub fn describe(
    cycle: &Cycle,
    edition: &Edition,
    tables: &[Table],
    files: &[SiteFile],
    source: &str,
) -> AppResult<String> {
    let mut resources = Vec::new();
    for file in files.iter().filter(|f| f.path.ends_with(".csv")) {
        let about = about(&file.path, tables).ok_or_else(|| {
            AppError::Task(format!(
                "{} is published but the data package cannot describe it",
                file.path
            ))
        })?;
        let columns = header(edition, file)?;
        let columns: Vec<&str> = columns.iter().map(String::as_str).collect();
        let mut described = resource(
            &file.path,
            &about,
            &columns,
            &columns[..about.key_columns.min(columns.len())],
        )?;
        if edition.banner().is_some() {
            // A draft's or provisional view's CSVs open with a line saying so: the header is
            // the second row.
            described["dialect"] = json!({"headerRows": [2]});
        }
        resources.push(described);
    }
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
        "contributors": [{"title": crate::publication::workbook::CONTACT, "role": "publisher"}],
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

fn resource(path: &str, about: &About, columns: &[&str], key: &[&str]) -> AppResult<Value> {
    let name = &about.name;
    let fields = columns
        .iter()
        .map(|c| {
            let info = describe_in(about.dictionary, c).ok_or_else(|| {
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
                let in_key = key.contains(c);
                field["constraints"] = json!({"required": in_key});
                if in_key {
                    // A key column's blank is a value ("Funding" with no subcategory is the
                    // category as a whole), not a missing one.
                    field["missingValues"] = json!([]);
                }
            }
            Ok(field)
        })
        .collect::<AppResult<Vec<Value>>>()?;
    Ok(json!({
        "name": name,
        "title": about.title,
        "description": about.description,
        "path": path,
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

/// Each resource's path and how many columns key its rows, in the package's order, from a
/// stored data package, for comparing versions.
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
                    let path = r["path"].as_str()?.to_string();
                    let key = r["schema"]["primaryKey"].as_array().map_or(1, Vec::len);
                    Some((path, key))
                })
                .collect()
        })
        .unwrap_or_default()
}
