//! The public directory of services: one entry per service from its profile — what it offers,
//! to whom, who leads it, how to reach it — filtered as a reader asks, written as CSV, and
//! counted per area for the coverage maps. It never holds an address: a refuge's location is
//! secret, and a refuge's contact that names a postcode is left out.

use crate::gaps::ServiceProfile;
use crate::profile::has_postcode;
use crate::vocabulary::{Community, CrimeType, Gender, ReferralRoute, ServiceType};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use survey_engine::Answers;

/// One service as the directory shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub organisation: String,
    pub service: String,
    /// Police force area codes, sorted.
    pub areas: Vec<String>,
    /// Upper-tier local authority codes the service names, sorted.
    pub local_authorities: Vec<String>,
    pub offers: Vec<ServiceType>,
    pub crime_types: Vec<CrimeType>,
    pub genders: Vec<Gender>,
    pub min_age: Option<u32>,
    pub max_age: Option<u32>,
    pub by_and_for: Vec<Community>,
    pub languages: Vec<String>,
    pub bsl: bool,
    pub referral_routes: Vec<ReferralRoute>,
    pub public_contact: Option<String>,
}

fn parsed<T>(answers: &Answers, question: &str, parse: fn(&str) -> Result<T, String>) -> Vec<T> {
    answers
        .choices(question)
        .into_iter()
        .filter_map(|c| parse(c).ok())
        .collect()
}

impl Entry {
    /// The entry for a service working in `areas`, from its profile answers.
    pub fn from_profile(
        organisation: &str,
        service: &str,
        areas: &[String],
        answers: &Answers,
    ) -> Self {
        let refuge = ServiceProfile::from_answers(answers).is_refuge();
        let text = |q: &str| {
            answers
                .get(q)
                .and_then(|v| v.as_str())
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_string)
        };
        let age = |q: &str| answers.number(q).and_then(|n| u32::try_from(n as i64).ok());
        let mut areas = areas.to_vec();
        areas.sort();
        let mut local_authorities: Vec<String> = answers
            .choices("utlas")
            .into_iter()
            .map(str::to_string)
            .collect();
        local_authorities.sort();
        Self {
            organisation: organisation.to_string(),
            service: service.to_string(),
            areas,
            local_authorities,
            offers: parsed(answers, "services_offered", ServiceType::parse),
            crime_types: parsed(answers, "crime_types", CrimeType::parse),
            genders: parsed(answers, "genders_served", Gender::parse),
            min_age: age("min_age"),
            max_age: age("max_age"),
            by_and_for: parsed(answers, "by_and_for", Community::parse),
            languages: text("languages")
                .map(|l| {
                    l.split(',')
                        .map(|x| x.trim().to_string())
                        .filter(|x| !x.is_empty())
                        .collect()
                })
                .unwrap_or_default(),
            bsl: answers.choice("bsl") == Some("yes"),
            referral_routes: parsed(answers, "referral_routes", ReferralRoute::parse),
            public_contact: text("public_contact").filter(|c| !(refuge && has_postcode(c))),
        }
    }
}

/// What a reader filters by; an empty field matches everything.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Filter {
    pub area: Option<String>,
    pub service_type: Option<String>,
    pub gender: Option<String>,
    pub community: Option<String>,
    pub language: Option<String>,
    /// Words in the organisation's or service's name.
    pub text: Option<String>,
}

/// A filter field's value, when one was given.
fn given(field: &Option<String>) -> Option<&str> {
    field.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

impl Filter {
    pub fn matches(&self, e: &Entry) -> bool {
        given(&self.area).is_none_or(|a| e.areas.iter().any(|x| x == a))
            && given(&self.service_type).is_none_or(|t| e.offers.iter().any(|o| o.code() == t))
            && given(&self.gender).is_none_or(|g| e.genders.iter().any(|x| x.code() == g))
            && given(&self.community).is_none_or(|c| e.by_and_for.iter().any(|x| x.code() == c))
            && given(&self.language).is_none_or(|l| {
                l.eq_ignore_ascii_case("bsl") && e.bsl
                    || e.languages.iter().any(|x| x.eq_ignore_ascii_case(l))
            })
            && given(&self.text).is_none_or(|t| {
                let t = t.to_lowercase();
                e.service.to_lowercase().contains(&t) || e.organisation.to_lowercase().contains(&t)
            })
    }
}

/// The columns of `directory/services.csv`.
pub const COLUMNS: [&str; 14] = [
    "organisation",
    "service",
    "pfa_codes",
    "utla_codes",
    "offers",
    "crime_types",
    "genders",
    "min_age",
    "max_age",
    "by_and_for",
    "languages",
    "bsl",
    "referral_routes",
    "public_contact",
];

fn joined<T: Copy>(values: &[T], code: fn(T) -> &'static str) -> String {
    values
        .iter()
        .map(|v| code(*v))
        .collect::<Vec<_>>()
        .join(";")
}

/// The directory as CSV, one row per entry; lists are `;`-separated codes.
pub fn to_csv(entries: &[Entry]) -> Result<String, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(COLUMNS)?;
    for e in entries {
        w.write_record([
            e.organisation.clone(),
            e.service.clone(),
            e.areas.join(";"),
            e.local_authorities.join(";"),
            joined(&e.offers, ServiceType::code),
            joined(&e.crime_types, CrimeType::code),
            joined(&e.genders, Gender::code),
            e.min_age.map(|a| a.to_string()).unwrap_or_default(),
            e.max_age.map(|a| a.to_string()).unwrap_or_default(),
            joined(&e.by_and_for, Community::code),
            e.languages.join(";"),
            if e.bsl { "yes" } else { "no" }.into(),
            joined(&e.referral_routes, ReferralRoute::code),
            e.public_contact.clone().unwrap_or_default(),
        ])?;
    }
    let bytes = w.into_inner().map_err(|e| e.into_error())?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// Reads the directory back from its CSV (a released snapshot); unknown codes are skipped.
pub fn from_csv(text: &str) -> Result<Vec<Entry>, csv::Error> {
    fn list<T>(cell: &str, parse: fn(&str) -> Result<T, String>) -> Vec<T> {
        cell.split(';').filter_map(|c| parse(c).ok()).collect()
    }
    let mut out = Vec::new();
    for row in csv::Reader::from_reader(text.as_bytes()).records() {
        let r = row?;
        let cell = |i: usize| r.get(i).unwrap_or("").to_string();
        let codes = |i: usize| -> Vec<String> {
            cell(i)
                .split(';')
                .filter(|c| !c.is_empty())
                .map(str::to_string)
                .collect()
        };
        out.push(Entry {
            organisation: cell(0),
            service: cell(1),
            areas: codes(2),
            local_authorities: codes(3),
            offers: list(&cell(4), ServiceType::parse),
            crime_types: list(&cell(5), CrimeType::parse),
            genders: list(&cell(6), Gender::parse),
            min_age: cell(7).parse().ok(),
            max_age: cell(8).parse().ok(),
            by_and_for: list(&cell(9), Community::parse),
            languages: codes(10),
            bsl: cell(11) == "yes",
            referral_routes: list(&cell(12), ReferralRoute::parse),
            public_contact: Some(cell(13)).filter(|c| !c.is_empty()),
        });
    }
    Ok(out)
}

/// Services offering `kind` in each area (a service counts in every area it works in).
pub fn counts_by_area(entries: &[Entry], kind: ServiceType) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for e in entries.iter().filter(|e| e.offers.contains(&kind)) {
        for a in &e.areas {
            *counts.entry(a.clone()).or_default() += 1;
        }
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answers(json: &str) -> Answers {
        Answers::from_json(json).expect("answers")
    }

    #[test]
    fn a_refuge_never_shows_a_postcode_and_entries_round_trip_through_csv() {
        let refuge = Entry::from_profile(
            "Fell Trust",
            "Fell Refuge",
            &["E23000002".into()],
            &answers(
                r#"{"services_offered": ["refuge"], "genders_served": ["women"], "public_contact": "Fell House, CA11 7QF", "languages": "Polish, Urdu", "bsl": "yes"}"#,
            ),
        );
        assert_eq!(refuge.public_contact, None);
        let outreach = Entry::from_profile(
            "Kestrel",
            "Kestrel Outreach",
            &["E23000032".into(), "E23000031".into()],
            &answers(
                r#"{"services_offered": ["community_outreach", "chidva"], "genders_served": ["women", "men"], "by_and_for": ["lgbt"], "referral_routes": ["self"], "public_contact": "0300 123 4567"}"#,
            ),
        );
        let csv = to_csv(&[refuge.clone(), outreach.clone()]).expect("csv");
        assert!(!csv.contains("CA11"));
        assert_eq!(from_csv(&csv).expect("read"), vec![refuge, outreach]);
    }

    #[test]
    fn filters_combine_and_counts_follow_areas() {
        let e = |name: &str, areas: &[&str], json: &str| {
            let areas: Vec<String> = areas.iter().map(|a| a.to_string()).collect();
            Entry::from_profile("Org", name, &areas, &answers(json))
        };
        let all = [
            e(
                "A",
                &["K", "S"],
                r#"{"services_offered": ["idva"], "genders_served": ["men"], "languages": "Welsh"}"#,
            ),
            e(
                "B",
                &["K"],
                r#"{"services_offered": ["idva", "refuge"], "genders_served": ["women"], "by_and_for": ["black_and_minoritised"]}"#,
            ),
        ];
        let f = |json: serde_json::Value| -> Vec<String> {
            let filter: Filter = serde_json::from_value(json).expect("filter");
            all.iter()
                .filter(|x| filter.matches(x))
                .map(|x| x.service.clone())
                .collect()
        };
        assert_eq!(f(serde_json::json!({"area": "S"})), ["A"]);
        assert_eq!(
            f(serde_json::json!({"service_type": "refuge", "area": "K"})),
            ["B"]
        );
        assert_eq!(
            f(serde_json::json!({"gender": "men", "language": "welsh"})),
            ["A"]
        );
        assert_eq!(
            f(serde_json::json!({"community": "black_and_minoritised"})),
            ["B"]
        );
        assert_eq!(f(serde_json::json!({"text": "b"})), ["B"]);
        assert_eq!(f(serde_json::json!({})), ["A", "B"]);
        let idva = counts_by_area(&all, ServiceType::Idva);
        assert_eq!((idva["K"], idva["S"]), (2, 1));
    }
}
