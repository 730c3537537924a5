//! Refuge vacancies for professionals: what kind of place is free, for whom, and until when. A
//! vacancy lives 48 hours from when it was posted or last refreshed; it names no address and no
//! area finer than its service's police force area, and carries no free text.

use crate::languages;
use crate::query::{given, ticked, FieldProblem};
use frontline_geo::areas::REGIONS;
use serde::{Deserialize, Serialize};

/// Every vacancy gives support in English; its languages are those besides.
const ENGLISH: &str = "en";

/// How long a vacancy stays on the board unless refreshed.
pub const LIFETIME_HOURS: i64 = 48;

/// The kind of place a vacancy offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PlaceKind {
    Family,
    SingleWomen,
    Men,
    Lgbt,
}

impl PlaceKind {
    pub const ALL: [PlaceKind; 4] = [
        PlaceKind::Family,
        PlaceKind::SingleWomen,
        PlaceKind::Men,
        PlaceKind::Lgbt,
    ];

    pub fn code(self) -> &'static str {
        match self {
            PlaceKind::Family => "family",
            PlaceKind::SingleWomen => "single_women",
            PlaceKind::Men => "men",
            PlaceKind::Lgbt => "lgbt",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            PlaceKind::Family => "Family place",
            PlaceKind::SingleWomen => "Place for a single woman",
            PlaceKind::Men => "Place for a man",
            PlaceKind::Lgbt => "Place for an LGBT+ survivor",
        }
    }

    pub fn parse(code: &str) -> Result<Self, String> {
        Self::ALL
            .into_iter()
            .find(|k| k.code() == code.trim())
            .ok_or_else(|| {
                format!(
                    "'{}' is not a kind of place; use one of {}",
                    code.trim(),
                    Self::ALL.map(PlaceKind::code).join(", ")
                )
            })
    }
}

/// A vacancy as posted, checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Vacancy {
    pub kind: PlaceKind,
    /// Children may come with the survivor up to this age; none when no children can.
    pub children_up_to_age: Option<u8>,
    pub accessible: bool,
    /// ISO 639-1 codes of the languages support is given in, besides English.
    pub languages: Vec<String>,
    pub no_recourse_accepted: bool,
}

/// A posted vacancy's fields, as text from a form or a file.
#[derive(Debug, Clone, Default)]
pub struct VacancyForm<'a> {
    pub kind: &'a str,
    pub children_up_to_age: &'a str,
    pub accessible: bool,
    pub languages: &'a str,
    pub no_recourse_accepted: bool,
}

impl Vacancy {
    /// Checks every field at once: the vacancy, or every problem by field.
    pub fn parse(form: &VacancyForm<'_>) -> Result<Self, Vec<FieldProblem>> {
        let mut problems = Vec::new();
        let kind = PlaceKind::parse(form.kind)
            .map_err(|message| {
                problems.push(FieldProblem {
                    field: "kind",
                    message,
                })
            })
            .ok();
        let age = form.children_up_to_age.trim();
        let children_up_to_age = if age.is_empty() {
            None
        } else {
            match age.parse::<u8>() {
                Ok(a) if a <= 17 => Some(a),
                _ => {
                    problems.push(FieldProblem {
                        field: "children_up_to_age",
                        message: format!(
                            "'{age}' is not an age from 0 to 17; leave it blank if no children can come"
                        ),
                    });
                    None
                }
            }
        };
        let mut languages = Vec::new();
        for given in form
            .languages
            .split([',', ';'])
            .map(str::trim)
            .filter(|l| !l.is_empty())
        {
            match languages::code_of(given) {
                Some(code) if !languages.iter().any(|l| l == code) => {
                    languages.push(code.to_string())
                }
                Some(_) => {}
                None => problems.push(FieldProblem {
                    field: "languages",
                    message: format!(
                        "'{given}' is not a language we know; give names like Polish, Urdu, Welsh"
                    ),
                }),
            }
        }
        match (kind, problems.is_empty()) {
            (Some(kind), true) => Ok(Vacancy {
                kind,
                children_up_to_age,
                accessible: form.accessible,
                languages,
                no_recourse_accepted: form.no_recourse_accepted,
            }),
            _ => Err(problems),
        }
    }
}

/// What a referrer searched for, as the board's query string gives it; a part the board does
/// not know is refused by name (`deny_unknown_fields`), and so is a value (see [`Search::need`]).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Search {
    pub region: Option<String>,
    pub kind: Option<String>,
    pub child_aged: Option<String>,
    pub accessible: Option<String>,
    pub language: Option<String>,
    pub no_recourse: Option<String>,
}

impl Search {
    /// The need searched for; a part that is not understood is named, never ignored.
    pub fn need(&self) -> Result<Need, FieldProblem> {
        let problem = |field, message| FieldProblem { field, message };
        let region = match given(&self.region) {
            Some(r) if REGIONS.contains(&r) => Some(r.to_string()),
            Some(r) => return Err(problem("region", format!("'{r}' is not a region"))),
            None => None,
        };
        let kind = given(&self.kind)
            .map(PlaceKind::parse)
            .transpose()
            .map_err(|e| problem("kind", e))?;
        let child_aged = given(&self.child_aged)
            .map(|a| {
                a.parse::<u8>().ok().filter(|a| *a <= 17).ok_or_else(|| {
                    problem("child_aged", format!("'{a}' is not an age from 0 to 17"))
                })
            })
            .transpose()?;
        let language = given(&self.language)
            .map(|l| {
                languages::code_of(l)
                    .map(str::to_string)
                    .ok_or_else(|| problem("language", format!("'{l}' is not a language we know")))
            })
            .transpose()?;
        Ok(Need {
            region,
            kind,
            child_aged,
            accessible: ticked("accessible", &self.accessible)?,
            language,
            no_recourse: ticked("no_recourse", &self.no_recourse)?,
        })
    }
}

/// What a referrer is looking for; every part optional.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Need {
    pub region: Option<String>,
    pub kind: Option<PlaceKind>,
    /// The oldest child coming along.
    pub child_aged: Option<u8>,
    pub accessible: bool,
    pub language: Option<String>,
    pub no_recourse: bool,
}

impl Need {
    /// The need as codes (`region=Wales, child_aged=12, accessible`), for an audit log: never
    /// the words a referrer typed, which could say who they are placing.
    pub fn describe(&self) -> String {
        let parts: Vec<String> = [
            self.region.clone().map(|r| format!("region={r}")),
            self.kind.map(|k| format!("kind={}", k.code())),
            self.child_aged.map(|a| format!("child_aged={a}")),
            self.accessible.then(|| "accessible".to_string()),
            self.language.clone().map(|l| format!("language={l}")),
            self.no_recourse.then(|| "no_recourse".to_string()),
        ]
        .into_iter()
        .flatten()
        .collect();
        if parts.is_empty() {
            "everything".into()
        } else {
            parts.join(", ")
        }
    }

    /// Whether a vacancy in `region` meets the need.
    pub fn is_met_by(&self, vacancy: &Vacancy, region: &str) -> bool {
        self.region.as_deref().is_none_or(|r| r == region)
            && self.kind.is_none_or(|k| k == vacancy.kind)
            && self
                .child_aged
                .is_none_or(|age| vacancy.children_up_to_age.is_some_and(|most| age <= most))
            && (!self.accessible || vacancy.accessible)
            && self
                .language
                .as_deref()
                .is_none_or(|l| l == ENGLISH || vacancy.languages.iter().any(|v| v == l))
            && (!self.no_recourse || vacancy.no_recourse_accepted)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form<'a>(kind: &'a str, age: &'a str, languages: &'a str) -> VacancyForm<'a> {
        VacancyForm {
            kind,
            children_up_to_age: age,
            accessible: true,
            languages,
            no_recourse_accepted: false,
        }
    }

    #[test]
    fn a_vacancy_is_checked_field_by_field() {
        let v = Vacancy::parse(&form("family", "12", "Polish, ur")).expect("vacancy");
        assert_eq!(v.kind, PlaceKind::Family);
        assert_eq!(v.children_up_to_age, Some(12));
        assert_eq!(v.languages, ["pl", "ur"]);
        let problems = Vacancy::parse(&form("castle", "19", "Klingon")).unwrap_err();
        let fields: Vec<_> = problems.iter().map(|p| p.field).collect();
        assert_eq!(fields, ["kind", "children_up_to_age", "languages"]);
        assert!(problems[0]
            .message
            .contains("family, single_women, men, lgbt"));
    }

    #[test]
    fn a_search_is_read_part_by_part_and_logged_as_codes() {
        let search =
            |json: serde_json::Value| -> Search { serde_json::from_value(json).expect("search") };
        let need = search(serde_json::json!({"region": "Wales", "child_aged": "12",
            "accessible": "yes", "language": "Polish"}))
        .need()
        .expect("need");
        assert_eq!(
            need.describe(),
            "region=Wales, child_aged=12, accessible, language=pl"
        );
        assert_eq!(Need::default().describe(), "everything");
        for (json, field) in [
            (serde_json::json!({"region": "Narnia"}), "region"),
            (serde_json::json!({"child_aged": "19"}), "child_aged"),
            (serde_json::json!({"no_recourse": "no"}), "no_recourse"),
            (
                serde_json::json!({"language": "Polish – Jane D."}),
                "language",
            ),
        ] {
            assert_eq!(search(json).need().unwrap_err().field, field);
        }
        assert!(serde_json::from_value::<Search>(serde_json::json!({"childaged": "5"})).is_err());
    }

    #[test]
    fn a_need_is_met_only_by_a_vacancy_that_fits_every_part() {
        let v = Vacancy::parse(&form("family", "12", "Polish")).expect("vacancy");
        let need = |f: fn(&mut Need)| {
            let mut n = Need::default();
            f(&mut n);
            n
        };
        assert!(Need::default().is_met_by(&v, "Wales"));
        assert!(need(|n| n.child_aged = Some(12)).is_met_by(&v, "Wales"));
        assert!(!need(|n| n.child_aged = Some(13)).is_met_by(&v, "Wales"));
        assert!(!need(|n| n.region = Some("London".into())).is_met_by(&v, "Wales"));
        assert!(need(|n| n.language = Some("pl".into())).is_met_by(&v, "Wales"));
        assert!(!need(|n| n.language = Some("cy".into())).is_met_by(&v, "Wales"));
        assert!(need(|n| n.language = Some("en".into())).is_met_by(&v, "Wales"));
        assert!(!need(|n| n.no_recourse = true).is_met_by(&v, "Wales"));
        assert!(need(|n| n.accessible = true).is_met_by(&v, "Wales"));
        assert!(!need(|n| n.kind = Some(PlaceKind::Men)).is_met_by(&v, "Wales"));
    }
}
