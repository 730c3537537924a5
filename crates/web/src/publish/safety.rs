//! The location check before anything is published, run through the location detector
//! (`frontline-safety`) twice: over every stored text a release would make public, named by what
//! it belongs to (service and organisation names, the directory's contacts, funders, approved
//! quotes, codebook labels, group and channel names, programme names, sources, the cycle's title
//! and the release notes), and over every text the built release actually holds — each cell of
//! each CSV, each text of each page and drawing, each string of the data package — so a text no
//! list names is still caught. A release is refused while anything trips it. The guarantee that a
//! refuge's location stays secret is that outputs are built from an allow-list of public fields;
//! this is the second line behind it. `frontline safety-scan` runs the first check over
//! everything stored, public or not, so staff can find and clear it.

use crate::coding;
use crate::db::DbConnection;
use crate::error::{AppError, AppResult};
use crate::profiles::directory;
use crate::publication::SiteFile;
use crate::store::cycles::Cycle;
use crate::store::{
    accounts, carried, codebooks, funding, instruments, populations, profiles, programmes,
    published, services,
};
use crate::Platform;
use frontline_safety::{find_locations, Finding};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use survey_engine::Answers;

/// One stored text and where it lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    /// What it belongs to: `service 'Org – Service'`, `quote 12`, `codebook of biggest_change`.
    pub owner: String,
    /// The field it is in.
    pub field: String,
    pub text: String,
    /// Whether a release would publish it.
    pub public: bool,
}

/// A text that could locate a place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub text: Text,
    pub findings: Vec<Finding>,
}

impl fmt::Display for Hit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let found: Vec<String> = self.findings.iter().map(ToString::to_string).collect();
        write!(
            f,
            "{}, {} ({}): {}",
            self.text.owner,
            self.text.field,
            if self.text.public {
                "would be published"
            } else {
                "staff only"
            },
            found.join(", ")
        )
    }
}

/// The texts in `texts` that trip the detector.
pub fn scan(texts: Vec<Text>) -> Vec<Hit> {
    texts
        .into_iter()
        .filter_map(|text| {
            let findings = find_locations(&text.text);
            (!findings.is_empty()).then_some(Hit { text, findings })
        })
        .collect()
}

fn text(owner: &str, field: &str, value: &str, public: bool) -> Text {
    Text {
        owner: owner.to_string(),
        field: field.to_string(),
        text: value.to_string(),
        public,
    }
}

/// Every text a release of `cycle` would publish.
pub fn public_texts(
    platform: &Platform,
    conn: &mut DbConnection,
    cycle: &Cycle,
) -> AppResult<Vec<Text>> {
    let mut out = Vec::new();
    for entry in directory::entries(platform, conn, cycle)? {
        let owner = format!("service '{} – {}'", entry.organisation, entry.service);
        for (field, value) in entry.public_texts() {
            out.push(text(&owner, field, value, true));
        }
    }
    // Names of the services that take part in the cycle (a service of another cycle is not
    // published by this release).
    for s in services::all(conn)? {
        if services::in_cycle(conn, cycle.id, s.id).is_err() {
            continue;
        }
        let owner = format!("service {}", s.id);
        out.push(text(&owner, "organisation", &s.organisation, true));
        out.push(text(&owner, "name", &s.name, true));
    }
    out.push(text(
        &format!("the {} cycle", cycle.year),
        "title",
        &cycle.title,
        true,
    ));
    for (service, stream) in funding::for_cycle(conn, cycle.id)? {
        let owner = format!("funding stream of service {service}");
        out.push(text(&owner, "funder", &stream.funder, true));
    }
    for (service, _, source, _) in carried::for_cycle(conn, cycle.id)? {
        let owner = format!("estimate of service {service}");
        out.push(text(&owner, "source", &source, true));
    }
    for wave in instruments::of_wave(conn, cycle.id)? {
        let owner = format!("instrument {}", wave.instrument);
        out.push(text(&owner, "group", &wave.group_name, true));
    }
    for programme in programmes::all(conn)? {
        let owner = format!("programme {}", programme.id);
        out.push(text(&owner, "name", &programme.name, true));
    }
    for account in accounts::all(conn)? {
        if let Some(office) = &account.office {
            let owner = format!("account {}", account.email);
            out.push(text(&owner, "office", office, true));
        }
    }
    for (q, published) in coding::quotes::published(platform, conn, cycle)? {
        out.push(text(
            &format!("quote of comment {}", q.comment_id),
            "approved text",
            &published,
            true,
        ));
    }
    for question in coding::open_questions(platform, conn, cycle)? {
        if let Some(book) = codebooks::latest(conn, cycle.id, &question.id)? {
            let owner = format!("codebook of {}", question.id);
            for code in &book.codebook.codes {
                out.push(text(&owner, "category", &code.name, true));
                for sub in &code.children {
                    out.push(text(&owner, "subcategory", &sub.name, true));
                }
            }
        }
    }
    for link in instruments::links_of_cycle(conn, cycle.id)? {
        out.push(text(
            &format!("open link {}", link.id),
            "channel",
            &link.channel,
            true,
        ));
    }
    for (code, population) in populations::for_year(conn, cycle.year)? {
        out.push(text(
            &format!("population of {code}"),
            "source",
            &population.source,
            true,
        ));
    }
    for rate in populations::rates(conn, cycle.id)? {
        let owner = format!("prevalence rate {}", rate.id);
        out.push(text(&owner, "label", &rate.label, true));
        out.push(text(&owner, "source", &rate.source, true));
    }
    // The series since the first cycle names where each earlier year was published.
    for year in published::all(conn)?
        .into_iter()
        .filter(|y| y.year < cycle.year)
    {
        let owner = format!("figures published for {}", year.year);
        out.push(text(&owner, "source", &year.source, true));
    }
    Ok(out)
}

/// Every text stored for `cycle`'s profiles, public or not, for `frontline safety-scan`; a text
/// counts as published when the directory entry built from the profile shows it.
pub fn profile_texts(
    platform: &Platform,
    conn: &mut DbConnection,
    cycle: &Cycle,
) -> AppResult<Vec<Text>> {
    let published: BTreeSet<(String, String, String)> = directory::entries(platform, conn, cycle)?
        .iter()
        .flat_map(|e| {
            e.public_texts()
                .into_iter()
                .map(|(_, text)| (e.organisation.clone(), e.service.clone(), text.to_string()))
                .collect::<Vec<_>>()
        })
        .collect();
    let services: BTreeMap<i32, (String, String)> = services::all(conn)?
        .into_iter()
        .map(|s| (s.id, (s.organisation, s.name)))
        .collect();
    let mut out = Vec::new();
    for stored in profiles::for_cycle(conn, cycle.id)? {
        let answers = Answers::from_json(&stored.answers)?;
        let (organisation, name) = services
            .get(&stored.service_id)
            .cloned()
            .unwrap_or_default();
        let owner = format!(
            "{} profile of service '{organisation} – {name}'",
            cycle.year
        );
        for (question, value) in &answers.0 {
            for piece in strings_in(value) {
                let public =
                    published.contains(&(organisation.clone(), name.clone(), piece.clone()));
                out.push(text(&owner, question, &piece, public));
            }
        }
    }
    Ok(out)
}

/// Every string inside an answer (an "Other" text, items of a repeating group…).
fn strings_in(value: &serde_json::Value) -> Vec<String> {
    match value {
        serde_json::Value::String(s) => vec![s.clone()],
        serde_json::Value::Array(items) => items.iter().flat_map(strings_in).collect(),
        serde_json::Value::Object(map) => map.values().flat_map(strings_in).collect(),
        _ => Vec::new(),
    }
}

/// Refuses a release (with its `notes`) while anything it would publish could locate a place,
/// naming each.
pub fn check_release(
    platform: &Platform,
    conn: &mut DbConnection,
    cycle: &Cycle,
    notes: &str,
) -> AppResult<()> {
    let mut texts = public_texts(platform, conn, cycle)?;
    texts.push(text("the release", "notes", notes, true));
    refuse(scan(texts))
}

/// Every text a built release holds, one at a time: each cell of each CSV (numbers and `[c]`
/// left out), each text between the tags of each page and drawing, and each string of each JSON
/// file. Geometry (GeoJSON coordinates, drawing paths) and the workbook and zip (which repeat the
/// CSVs) are not read.
pub fn texts_in_files(files: &[SiteFile]) -> Vec<Text> {
    let mut out = Vec::new();
    for file in files {
        let content = String::from_utf8_lossy(&file.content);
        let mut push = |field: String, value: &str| {
            let value = value.trim();
            if !value.is_empty() && !is_figure(value) {
                out.push(text(&format!("file {}", file.path), &field, value, true));
            }
        };
        match file.path.rsplit('.').next() {
            Some("csv") => {
                let mut reader = csv::ReaderBuilder::new()
                    .has_headers(false)
                    .flexible(true)
                    .from_reader(content.as_bytes());
                for (line, record) in reader.records().enumerate() {
                    let Ok(record) = record else { continue };
                    for (column, cell) in record.iter().enumerate() {
                        push(format!("line {}, column {}", line + 1, column + 1), cell);
                    }
                }
            }
            Some("html") | Some("svg") => {
                for piece in content.split('>').filter_map(|p| p.split('<').next()) {
                    push("text".into(), &unescape(piece));
                }
            }
            Some("json") => {
                if let Ok(value) = serde_json::from_str::<serde_json::Value>(&content) {
                    for s in strings_in(&value) {
                        push("string".into(), &s);
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// A number, a percentage, an amount or a suppressed cell: nothing a detector need read.
fn is_figure(value: &str) -> bool {
    let bare: String = value
        .chars()
        .filter(|c| !matches!(c, ',' | '%' | '£' | ' '))
        .collect();
    value == frontline_disclosure::SUPPRESSED || bare.parse::<f64>().is_ok()
}

/// Text between tags with the entities the templates write turned back into characters.
fn unescape(text: &str) -> String {
    text.replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&#x2F;", "/")
        .replace("&amp;", "&")
}

/// Refuses a built release while any text it holds could locate a place, naming file, place and
/// text.
pub fn check_files(files: &[SiteFile]) -> AppResult<()> {
    refuse(scan(texts_in_files(files)))
}

fn refuse(hits: Vec<Hit>) -> AppResult<()> {
    if hits.is_empty() {
        return Ok(());
    }
    let listed: Vec<String> = hits.iter().map(ToString::to_string).collect();
    Err(AppError::invalid(
        "release",
        format!(
            "refused: {} text(s) that would be published could locate a place (a refuge's location must never be published); change or remove them, then release again: {}",
            hits.len(),
            listed.join("; ")
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, content: &str) -> SiteFile {
        SiteFile::text(path, content)
    }

    #[test]
    fn every_text_of_a_built_release_is_read_one_cell_at_a_time() {
        let files = [
            file(
                "tables/rolled-forward.csv",
                "service,pfa,fte,source\nFell Refuge,E23000002,51.28,\"Phoned the manager at 12 Acacia Avenue\"\nKestrel,E23000032,1.07,2016 survey\n",
            ),
            file("index.html", "<p>Need model: <td>51.28</td><td>1.07</td> <span>Kent&#x27;s</span></p>"),
            file("maps/a.svg", "<svg><title>Kent: 45%</title><text>CT1 2AB</text></svg>"),
            file("datapackage.json", r#"{"title": "Survey at ME14 1XX", "n": 51.28}"#),
            file("coverage.geojson", r#"{"coordinates": [[51.2802, 1.0789]]}"#),
        ];
        let hits = scan(texts_in_files(&files));
        let found: Vec<String> = hits
            .iter()
            .map(|h| format!("{} {}", h.text.owner, h.text.field))
            .collect();
        assert_eq!(
            found,
            [
                "file tables/rolled-forward.csv line 2, column 4",
                "file maps/a.svg text",
                "file datapackage.json string",
            ],
            "numbers side by side are not coordinates, and geometry is not read"
        );
        assert!(check_files(&files[..1]).is_err_and(|e| e.to_string().contains("12 Acacia Avenue")));
        assert!(check_files(&files[4..]).is_ok());
    }
}
