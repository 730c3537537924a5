//! The public directory of services: one entry per service from its profile — what it offers,
//! to whom, who leads it, how to reach it — filtered as a reader asks, written as CSV, and
//! counted per area for the coverage maps.
//!
//! An entry is built only from [`PublicProfile`]: the answers to questions the profile
//! definition marks public (an allow-list), never the text of an "Other" answer, and for a
//! refuge or other safe accommodation no free text at all. Its contact is a checked telephone
//! number, email or web address; it never holds an address.

use crate::gaps::ServiceProfile;
use crate::languages;
use crate::query::{given, ticked, FieldProblem};
use crate::vocabulary::{
    Accreditation, AdditionalNeed, Community, CrimeType, Gender, Opening, ReferralRoute,
    ServiceType, SupportMode,
};
use frontline_safety::spreadsheet::{restore, CsvText};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use survey_engine::publicity::{public_answers, FreeText};
use survey_engine::{Answers, SurveyDefinition};

/// The answers of a profile that may be published, and nothing else: what every public output
/// about a service is built from.
#[derive(Debug, Clone)]
pub struct PublicProfile {
    answers: Answers,
    safe_accommodation: bool,
}

impl PublicProfile {
    /// The publishable part of a profile given under `def`.
    pub fn new(def: &SurveyDefinition, answers: &Answers) -> Self {
        let safe_accommodation = ServiceProfile::from_answers(answers).is_safe_accommodation();
        let free_text = if safe_accommodation {
            FreeText::Withheld
        } else {
            FreeText::Allowed
        };
        Self {
            answers: public_answers(def, answers, free_text),
            safe_accommodation,
        }
    }

    pub fn answers(&self) -> &Answers {
        &self.answers
    }

    /// Whether the service offers refuge or other safe accommodation.
    pub fn is_safe_accommodation(&self) -> bool {
        self.safe_accommodation
    }

    fn text(&self, question: &str) -> Option<String> {
        self.answers
            .get(question)
            .and_then(|v| v.as_str())
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_string)
    }

    fn yes(&self, question: &str) -> bool {
        self.answers.choice(question) == Some("yes")
    }

    fn codes<T>(&self, question: &str, parse: fn(&str) -> Result<T, String>) -> Vec<T> {
        self.answers
            .choices(question)
            .into_iter()
            .filter_map(|c| parse(c).ok())
            .collect()
    }
}

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
    pub children_as_victims: bool,
    pub no_recourse: bool,
    pub additional_needs: Vec<AdditionalNeed>,
    pub by_and_for: Vec<Community>,
    /// ISO 639-1 codes.
    pub languages: Vec<String>,
    pub bsl: bool,
    pub accreditations: Vec<Accreditation>,
    pub referral_routes: Vec<ReferralRoute>,
    /// How support is given (phone, online, in person).
    pub support_modes: Vec<SupportMode>,
    /// When it is open outside office hours (evenings, weekends); empty for office hours only
    /// or not said.
    pub opening: Vec<Opening>,
    /// A checked UK telephone number.
    pub phone: Option<String>,
    /// A checked email address.
    pub email: Option<String>,
    /// A checked `https://` address.
    pub website: Option<String>,
}

impl Entry {
    /// The entry for a service working in `areas` (and the upper-tier authorities
    /// `local_authorities`), from the public part of its profile.
    pub fn from_profile(
        organisation: &str,
        service: &str,
        areas: &[String],
        local_authorities: &[String],
        profile: &PublicProfile,
    ) -> Self {
        let age = |q: &str| {
            profile
                .answers
                .number(q)
                .and_then(|n| u32::try_from(n as i64).ok())
        };
        let mut areas = areas.to_vec();
        areas.sort();
        let mut local_authorities = local_authorities.to_vec();
        local_authorities.sort();
        let entry = Self {
            organisation: organisation.to_string(),
            service: service.to_string(),
            areas,
            local_authorities,
            offers: profile.codes("services_offered", ServiceType::parse),
            crime_types: profile.codes("crime_types", CrimeType::parse),
            genders: profile.codes("genders_served", Gender::parse),
            min_age: age("min_age"),
            max_age: age("max_age"),
            children_as_victims: profile.yes("children_as_victims"),
            no_recourse: profile.yes("no_recourse"),
            additional_needs: profile.codes("additional_needs", AdditionalNeed::parse),
            by_and_for: profile.codes("by_and_for", Community::parse),
            languages: profile
                .answers
                .choices("languages")
                .into_iter()
                .filter_map(languages::code_of)
                .map(str::to_string)
                .collect(),
            bsl: profile.yes("bsl"),
            accreditations: profile.codes("accreditation", Accreditation::parse),
            referral_routes: profile.codes("referral_routes", ReferralRoute::parse),
            support_modes: profile.codes("support_modes", SupportMode::parse),
            opening: profile.codes("opening_times", Opening::parse),
            phone: profile.text("contact_phone"),
            email: profile.text("contact_email"),
            website: profile.text("contact_website"),
        };
        entry.placed_by_force_area_only()
    }

    /// The entry without the upper-tier authorities of a refuge or other safe accommodation:
    /// it is placed by police force area only, since an authority could pin a refuge that works
    /// in one.
    fn placed_by_force_area_only(mut self) -> Self {
        if self.is_safe_accommodation() {
            self.local_authorities.clear();
        }
        self
    }

    /// Language names, for pages.
    pub fn language_names(&self) -> Vec<&'static str> {
        self.languages
            .iter()
            .filter_map(|c| languages::name_of(c))
            .collect()
    }

    /// Every text of the entry that a reader sees, with what it is, for the location check run
    /// before anything is published.
    pub fn public_texts(&self) -> Vec<(&'static str, &str)> {
        let mut out = vec![
            ("organisation", self.organisation.as_str()),
            ("service", self.service.as_str()),
        ];
        for (field, value) in [
            ("phone", &self.phone),
            ("email", &self.email),
            ("website", &self.website),
        ] {
            if let Some(v) = value {
                out.push((field, v.as_str()));
            }
        }
        out
    }
}

/// What a reader filters by; an empty field matches everything. A field the directory does not
/// know is refused by name (`deny_unknown_fields`), and so is a value (see [`Filter::checked`]).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Filter {
    pub area: Option<String>,
    pub service_type: Option<String>,
    pub gender: Option<String>,
    pub community: Option<String>,
    pub language: Option<String>,
    /// Words in the organisation's or service's name.
    pub text: Option<String>,
    /// `yes`: supports people with no recourse to public funds.
    pub no_recourse: Option<String>,
    /// `yes`: supports children as victims in their own right.
    pub children: Option<String>,
    /// An additional need's code.
    pub need: Option<String>,
    /// An accreditation's code.
    pub accreditation: Option<String>,
    /// A support mode's code.
    pub mode: Option<String>,
    /// An opening time's code (evenings, weekends).
    pub opening: Option<String>,
}

impl Filter {
    /// The filter with every code as stored (any case given), or the first value that is not a
    /// code of its vocabulary, not a language, or (for a tick box) not `yes`. The area is the
    /// caller's to check against its geography.
    pub fn checked(mut self) -> Result<Filter, FieldProblem> {
        fn code<T: Copy>(
            field: &'static str,
            value: &mut Option<String>,
            parse: fn(&str) -> Result<T, String>,
            code: fn(T) -> &'static str,
        ) -> Result<(), FieldProblem> {
            if let Some(given) = given(value).map(str::to_string) {
                let parsed = parse(&given).map_err(|message| FieldProblem { field, message })?;
                *value = Some(code(parsed).to_string());
            }
            Ok(())
        }
        code(
            "service_type",
            &mut self.service_type,
            ServiceType::parse,
            ServiceType::code,
        )?;
        code("gender", &mut self.gender, Gender::parse, Gender::code)?;
        code(
            "community",
            &mut self.community,
            Community::parse,
            Community::code,
        )?;
        code(
            "need",
            &mut self.need,
            AdditionalNeed::parse,
            AdditionalNeed::code,
        )?;
        code(
            "accreditation",
            &mut self.accreditation,
            Accreditation::parse,
            Accreditation::code,
        )?;
        code(
            "mode",
            &mut self.mode,
            SupportMode::parse,
            SupportMode::code,
        )?;
        code("opening", &mut self.opening, Opening::parse, Opening::code)?;
        ticked("no_recourse", &self.no_recourse)?;
        ticked("children", &self.children)?;
        if let Some(language) = given(&self.language) {
            if !language.eq_ignore_ascii_case("bsl") && languages::code_of(language).is_none() {
                return Err(FieldProblem {
                    field: "language",
                    message: format!("'{language}' is not a language we know; give a name like Polish, Urdu, Welsh, or BSL"),
                });
            }
        }
        Ok(self)
    }

    pub fn matches(&self, e: &Entry) -> bool {
        given(&self.area).is_none_or(|a| e.areas.iter().any(|x| x == a))
            && given(&self.service_type).is_none_or(|t| e.offers.iter().any(|o| o.code() == t))
            && given(&self.gender).is_none_or(|g| e.genders.iter().any(|x| x.code() == g))
            && given(&self.community).is_none_or(|c| e.by_and_for.iter().any(|x| x.code() == c))
            && given(&self.language).is_none_or(|l| {
                l.eq_ignore_ascii_case("bsl") && e.bsl
                    || languages::code_of(l).is_some_and(|code| {
                        // Every service gives support in English; its languages are besides.
                        code == "en" || e.languages.iter().any(|x| x == code)
                    })
            })
            && given(&self.text).is_none_or(|t| {
                let t = t.to_lowercase();
                e.service.to_lowercase().contains(&t) || e.organisation.to_lowercase().contains(&t)
            })
            && given(&self.no_recourse).is_none_or(|_| e.no_recourse)
            && given(&self.children).is_none_or(|_| e.children_as_victims)
            && given(&self.need).is_none_or(|n| e.additional_needs.iter().any(|x| x.code() == n))
            && given(&self.accreditation)
                .is_none_or(|a| e.accreditations.iter().any(|x| x.code() == a))
            && given(&self.mode).is_none_or(|m| e.support_modes.iter().any(|x| x.code() == m))
            && given(&self.opening).is_none_or(|o| e.opening.iter().any(|x| x.code() == o))
    }
}

/// The columns of `directory/services.csv`.
pub const COLUMNS: [&str; 23] = [
    "organisation",
    "service",
    "pfa_codes",
    "utla_codes",
    "offers",
    "crime_types",
    "genders",
    "min_age",
    "max_age",
    "children_as_victims",
    "no_recourse",
    "additional_needs",
    "by_and_for",
    "languages",
    "bsl",
    "accreditations",
    "referral_routes",
    "support_modes",
    "opening_times",
    "phone",
    "email",
    "website",
    "safe_accommodation",
];

fn joined<T: Copy>(values: &[T], code: fn(T) -> &'static str) -> String {
    values
        .iter()
        .map(|v| code(*v))
        .collect::<Vec<_>>()
        .join(";")
}

fn yes_no(flag: bool) -> String {
    if flag { "yes" } else { "no" }.to_string()
}

impl Entry {
    /// Whether the entry offers refuge or other safe accommodation.
    pub fn is_safe_accommodation(&self) -> bool {
        self.offers
            .iter()
            .any(|o| matches!(o, ServiceType::Refuge | ServiceType::OtherSafeAccommodation))
    }

    fn record(&self) -> Vec<String> {
        vec![
            self.organisation.clone(),
            self.service.clone(),
            self.areas.join(";"),
            self.local_authorities.join(";"),
            joined(&self.offers, ServiceType::code),
            joined(&self.crime_types, CrimeType::code),
            joined(&self.genders, Gender::code),
            self.min_age.map(|a| a.to_string()).unwrap_or_default(),
            self.max_age.map(|a| a.to_string()).unwrap_or_default(),
            yes_no(self.children_as_victims),
            yes_no(self.no_recourse),
            joined(&self.additional_needs, AdditionalNeed::code),
            joined(&self.by_and_for, Community::code),
            self.languages.join(";"),
            yes_no(self.bsl),
            joined(&self.accreditations, Accreditation::code),
            joined(&self.referral_routes, ReferralRoute::code),
            joined(&self.support_modes, SupportMode::code),
            joined(&self.opening, Opening::code),
            self.phone.clone().unwrap_or_default(),
            self.email.clone().unwrap_or_default(),
            self.website.clone().unwrap_or_default(),
            yes_no(self.is_safe_accommodation()),
        ]
    }
}

/// The directory as CSV, one row per entry; lists are `;`-separated codes.
pub fn to_csv(entries: &[Entry]) -> Result<String, csv::Error> {
    let mut w = CsvText::new();
    w.row(COLUMNS)?;
    for e in entries {
        w.row(e.record())?;
    }
    w.finish()
}

/// Reads the directory back from its CSV (a released snapshot), by column name, so snapshots
/// written before a column existed still read; unknown codes and columns are skipped.
pub fn from_csv(text: &str) -> Result<Vec<Entry>, csv::Error> {
    fn list<T>(cell: &str, parse: fn(&str) -> Result<T, String>) -> Vec<T> {
        cell.split(';').filter_map(|c| parse(c).ok()).collect()
    }
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers()?.clone();
    let mut out = Vec::new();
    for row in reader.records() {
        let r = row?;
        let cell = |name: &str| {
            headers
                .iter()
                .position(|h| h == name)
                .and_then(|i| r.get(i))
                .map(restore)
                .unwrap_or("")
                .to_string()
        };
        let codes = |name: &str| -> Vec<String> {
            cell(name)
                .split(';')
                .filter(|c| !c.is_empty())
                .map(str::to_string)
                .collect()
        };
        let given = |name: &str| Some(cell(name)).filter(|c| !c.is_empty());
        let entry = Entry {
            organisation: cell("organisation"),
            service: cell("service"),
            areas: codes("pfa_codes"),
            local_authorities: codes("utla_codes"),
            offers: list(&cell("offers"), ServiceType::parse),
            crime_types: list(&cell("crime_types"), CrimeType::parse),
            genders: list(&cell("genders"), Gender::parse),
            min_age: cell("min_age").parse().ok(),
            max_age: cell("max_age").parse().ok(),
            children_as_victims: cell("children_as_victims") == "yes",
            no_recourse: cell("no_recourse") == "yes",
            additional_needs: list(&cell("additional_needs"), AdditionalNeed::parse),
            by_and_for: list(&cell("by_and_for"), Community::parse),
            languages: codes("languages")
                .iter()
                .filter_map(|l| languages::code_of(l))
                .map(str::to_string)
                .collect(),
            bsl: cell("bsl") == "yes",
            accreditations: list(&cell("accreditations"), Accreditation::parse),
            referral_routes: list(&cell("referral_routes"), ReferralRoute::parse),
            support_modes: list(&cell("support_modes"), SupportMode::parse),
            opening: list(&cell("opening_times"), Opening::parse),
            phone: given("phone"),
            email: given("email"),
            website: given("website"),
        };
        // A release made before safe accommodation was placed by force area only shows none too.
        out.push(entry.placed_by_force_area_only());
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

    fn definition() -> SurveyDefinition {
        let catalogue = survey_engine::Catalogue::from_sources([
            (
                "sv-study-2021.bank.json",
                include_str!("../../../survey-schemas/sv-study-2021.bank.json"),
            ),
            (
                "service-profile-2027.json",
                include_str!("../../../survey-schemas/service-profile-2027.json"),
            ),
        ])
        .expect("the shipped profile definition");
        catalogue
            .get("service-profile-2027")
            .expect("profile")
            .clone()
    }

    fn entry(name: &str, areas: &[&str], json: &str) -> Entry {
        let areas: Vec<String> = areas.iter().map(|a| a.to_string()).collect();
        let answers = Answers::from_json(json).expect("answers");
        Entry::from_profile(
            "Org",
            name,
            &areas,
            &[],
            &PublicProfile::new(&definition(), &answers),
        )
    }

    #[test]
    fn only_public_answers_reach_an_entry_and_entries_round_trip_through_csv() {
        let refuge = entry(
            "Fell Refuge",
            &["E23000002"],
            r#"{"services_offered": ["refuge"], "genders_served": ["women"],
                "public_contact": "Fell House, CA11 7QF", "languages": ["pl", "ur"],
                "accreditation": {"values": ["womens_aid_quality_standards", "other"], "other": "Kitemark (CA11 7QF)"},
                "contact_phone": "01768 123456", "waiting_list": 7, "bsl": "yes"}"#,
        );
        assert_eq!(refuge.phone.as_deref(), Some("01768 123456"));
        assert_eq!(refuge.languages, ["pl", "ur"]);
        assert_eq!(
            refuge.accreditations,
            [Accreditation::WomensAidQualityStandards]
        );
        let outreach = entry(
            "Kestrel Outreach",
            &["E23000032", "E23000031"],
            r#"{"services_offered": ["community_outreach", "chidva"], "genders_served": ["women", "men"],
                "by_and_for": ["lgbt"], "referral_routes": ["self"], "contact_website": "https://kestrel.example.org"}"#,
        );
        let csv = to_csv(&[refuge.clone(), outreach.clone()]).expect("csv");
        assert!(!csv.contains("CA11") && !csv.contains("Kitemark") && !csv.contains(",7,"));
        assert_eq!(from_csv(&csv).expect("read"), vec![refuge, outreach]);
    }

    #[test]
    fn filters_combine_and_counts_follow_areas() {
        let all = [
            entry(
                "A",
                &["K", "S"],
                r#"{"services_offered": ["idva"], "genders_served": ["men"], "languages": ["cy"],
                    "support_modes": ["phone", "online"], "opening_times": ["evenings"], "no_recourse": "yes"}"#,
            ),
            entry(
                "B",
                &["K"],
                r#"{"services_offered": ["idva", "refuge"], "genders_served": ["women"], "by_and_for": ["black_and_minoritised"],
                    "children_as_victims": "yes", "additional_needs": ["mental_health"],
                    "accreditation": ["womens_aid_quality_standards"], "opening_times": ["office_hours_only"]}"#,
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
        // What profiles collect is searchable: how and when support is given, and to whom.
        assert_eq!(f(serde_json::json!({"mode": "online"})), ["A"]);
        assert_eq!(f(serde_json::json!({"opening": "evenings"})), ["A"]);
        assert_eq!(
            f(serde_json::json!({"opening": "weekends"})),
            Vec::<String>::new()
        );
        assert_eq!(f(serde_json::json!({"no_recourse": "yes"})), ["A"]);
        assert_eq!(f(serde_json::json!({"children": "yes"})), ["B"]);
        assert_eq!(f(serde_json::json!({"need": "mental_health"})), ["B"]);
        assert_eq!(
            f(serde_json::json!({"accreditation": "womens_aid_quality_standards"})),
            ["B"]
        );
        assert_eq!(all[0].opening, [Opening::Evenings]);
        assert_eq!(f(serde_json::json!({"language": "English"})), ["A", "B"]);
        // Values are checked against their vocabularies, any case given; the field is named.
        let checked = |json: serde_json::Value| {
            serde_json::from_value::<Filter>(json)
                .expect("filter")
                .checked()
        };
        assert_eq!(
            checked(serde_json::json!({"mode": "Online"}))
                .expect("a mode")
                .mode
                .as_deref(),
            Some("online")
        );
        let bad = checked(serde_json::json!({"opening": "office_hours_only"})).unwrap_err();
        assert_eq!(bad.field, "opening");
        assert!(
            bad.message.contains("evenings, weekends"),
            "{}",
            bad.message
        );
        assert_eq!(
            checked(serde_json::json!({"no_recourse": "no"}))
                .unwrap_err()
                .field,
            "no_recourse"
        );
        assert_eq!(
            checked(serde_json::json!({"language": "Klingon"}))
                .unwrap_err()
                .field,
            "language"
        );
        assert!(
            serde_json::from_value::<Filter>(serde_json::json!({"opening_times": "evenings"}))
                .is_err()
        );
        assert!(all[1].opening.is_empty(), "office hours only opens nothing");
        assert_eq!(f(serde_json::json!({})), ["A", "B"]);
        let idva = counts_by_area(&all, ServiceType::Idva);
        assert_eq!((idva["K"], idva["S"]), (2, 1));
    }
}
