//! The location check before anything is published: every stored text a release would make
//! public — service and organisation names, the directory's contacts, approved quotes, codebook
//! labels, distribution channels, population sources and prevalence labels — is run through the
//! location detector (`frontline-safety`), and a release is refused while any trips it. The
//! guarantee that a refuge's location stays secret is that outputs are built from an allow-list
//! of public fields; this is the second line behind it. `frontline safety-scan` runs the same
//! check over everything stored, public or not, so staff can find and clear it.

use crate::bootstrap::Platform;
use crate::coding;
use crate::db::DbConnection;
use crate::error::{AppError, AppResult};
use crate::profiles::directory;
use crate::store::cycles::Cycle;
use crate::store::{codebooks, instruments, populations, profiles, quotes, services};
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
    for s in services::all(conn)? {
        let owner = format!("service {}", s.id);
        out.push(text(&owner, "organisation", &s.organisation, true));
        out.push(text(&owner, "name", &s.name, true));
    }
    for q in quotes::of_cycle(conn, cycle.id)? {
        if let (Some(published), "approved") = (&q.published_text, q.status.as_str()) {
            out.push(text(
                &format!("quote of comment {}", q.comment_id),
                "approved text",
                published,
                true,
            ));
        }
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
    let hits = scan(texts);
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
