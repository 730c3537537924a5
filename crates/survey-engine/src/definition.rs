//! The survey definition format: sections of typed questions, skip conditions and cross-field rules.

use crate::error::SurveyError;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// A versioned survey, as stored in `survey-schemas/*.json`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SurveyDefinition {
    /// The JSON Schema the file declares for editors; not used at run time.
    #[serde(rename = "$schema", default, skip_serializing)]
    pub json_schema: Option<String>,
    /// Stable identifier, e.g. `practitioner-survey-2017`.
    pub id: String,
    /// The version answers are tied to, e.g. `2017.1`.
    pub version: String,
    pub title: String,
    #[serde(default)]
    pub introduction: String,
    pub sections: Vec<Section>,
    #[serde(default)]
    pub rules: Vec<Rule>,
    /// Which questions carry the figures the publication needs.
    #[serde(default)]
    pub figures: FigureMap,
    /// The key figures read under this definition are stored under, worked out once (see
    /// [`crate::submitted::figures_key`]).
    #[serde(skip)]
    figures_key: std::sync::OnceLock<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub id: String,
    pub title: String,
    pub questions: Vec<Question>,
}

/// A question. Its type-specific fields sit beside the common ones (serde cannot refuse
/// unknown fields through `flatten`; the JSON Schema catches those in an editor).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Question {
    pub id: String,
    pub label: String,
    #[serde(default)]
    pub hint: String,
    #[serde(default)]
    pub required: bool,
    #[serde(flatten)]
    pub kind: QuestionKind,
    /// Asked only when this condition holds; otherwise skipped and its answer ignored.
    #[serde(default)]
    pub show_if: Option<Condition>,
    /// The answer identifies a person (a name, a job title): erased under the retention policy
    /// and included in subject-access exports; figures are never personal.
    #[serde(default)]
    pub personal: bool,
    /// The answer may be published (the directory of services): every answer is private unless
    /// its question says so, so a new question stays private until someone decides otherwise.
    /// Free text is never published for a safe-accommodation service, whatever this says.
    #[serde(default)]
    pub public: bool,
    /// `id@version` when the question comes from the shared question bank: answers to the same
    /// bank question are comparable across instruments.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bank: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum QuestionKind {
    /// A whole number of people or cases.
    Integer {
        #[serde(default)]
        min: i64,
        #[serde(default = "default_max_integer")]
        max: i64,
    },
    /// Full-time equivalent: at least 0, at most two decimals.
    Fte {
        #[serde(default = "default_max_fte")]
        max: f64,
    },
    /// A measurement such as weeks waited: at least 0, at most `max`, up to `decimals` places.
    Number {
        max: f64,
        #[serde(default = "default_decimals")]
        decimals: u32,
    },
    SingleChoice {
        choices: Vec<Choice>,
        /// Offer "Other, please say" with a free-text box.
        #[serde(default)]
        other: bool,
    },
    MultipleChoice {
        choices: Vec<Choice>,
        #[serde(default)]
        other: bool,
        /// For long lists (languages): the person types the options' names, separated by
        /// commas, instead of ticking boxes; each must be one of the options.
        #[serde(default)]
        typed: bool,
    },
    Text {
        #[serde(default = "default_max_length")]
        max_length: usize,
    },
    /// A UK telephone number, stored in one written form (`01227 123456`).
    Phone,
    /// An email address, stored in lower case.
    Email,
    /// A secure web address, stored with its `https://`.
    Website,
    /// Rows are practitioner roles; each row takes people and FTE.
    RoleGrid { rows: Vec<Choice> },
    /// The share (%) of a service's FTE in each police force area it covers, summing to 100.
    AreaAllocation,
    /// A calendar date, stored as `YYYY-MM-DD`.
    Date,
    /// A month, stored as `YYYY-MM`.
    Month,
    /// An amount of money, stored as whole pence (never a float); at most `max_pounds`.
    Money {
        #[serde(default = "default_max_pounds")]
        max_pounds: i64,
    },
    /// One band of an ordered range, such as time in post.
    BandedChoice { bands: Vec<Choice> },
    /// Statements rated on one shared scale; stored as statement → scale value.
    Likert {
        statements: Vec<Choice>,
        scale: Vec<Choice>,
    },
    /// A set of questions answered once per item (one block per funding stream), stored as a
    /// list of items, each its questions' answers.
    RepeatingGroup {
        /// What one item is called, e.g. "funding stream".
        item: String,
        questions: Vec<Question>,
        #[serde(default = "default_max_items")]
        max_items: usize,
    },
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    pub value: String,
    pub label: String,
}

/// `question` equals `equals` (for a single choice), or includes it (for a multiple choice); or,
/// with `any_of`, equals or includes any of those values. A definition gives exactly one of the two.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Condition {
    pub question: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub equals: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub any_of: Vec<String>,
}

impl Condition {
    /// The values any one of which makes the condition hold.
    pub fn values(&self) -> impl Iterator<Item = &str> {
        self.equals
            .as_deref()
            .into_iter()
            .chain(self.any_of.iter().map(String::as_str))
    }
}

/// A rule across answers, checked on submission.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Rule {
    /// The FTE in `question` may not exceed the FTE of `role` in `grid`.
    FteNotAboveRole {
        question: String,
        grid: String,
        role: String,
        message: String,
    },
    /// In `grid`, FTE may not exceed people × 1.0 unless `override_question` is answered "yes".
    FteWithinPeople {
        grid: String,
        #[serde(default)]
        override_question: Option<String>,
    },
    /// The numbers answered to `questions`, added up, may not exceed the number answered to
    /// `limit` (e.g. referrals accepted and declined within referrals received).
    SumNotAbove {
        questions: Vec<String>,
        limit: String,
        message: String,
    },
}

/// Question ids that carry each figure; absent ones are simply not reported.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FigureMap {
    #[serde(default)]
    pub employs_practitioners: Option<String>,
    #[serde(default)]
    pub roles: Option<String>,
    #[serde(default)]
    pub idva_high_risk_fte: Option<String>,
    #[serde(default)]
    pub idva_cases: Option<String>,
    #[serde(default)]
    pub idva_locations: Option<String>,
    #[serde(default)]
    pub volunteers: Option<String>,
    #[serde(default)]
    pub areas: Option<String>,
    #[serde(default)]
    pub open_questions: Vec<String>,
    /// A single-choice question whose answer puts respondents in groups that coded comments are
    /// compared across (e.g. the kind of service).
    #[serde(default)]
    pub respondent_group: Option<String>,
}

impl FigureMap {
    /// The names of the figures a definition may map to its questions.
    pub const FIGURES: [&'static str; 8] = [
        "employs_practitioners",
        "roles",
        "idva_high_risk_fte",
        "idva_cases",
        "idva_locations",
        "volunteers",
        "areas",
        "respondent_group",
    ];

    /// The question that gives the figure named `figure` (`roles`, `volunteers`, …) in this
    /// version of the survey; none where the version does not collect it or the name is unknown.
    pub fn question(&self, figure: &str) -> Option<&str> {
        let question = match figure {
            "employs_practitioners" => &self.employs_practitioners,
            "roles" => &self.roles,
            "idva_high_risk_fte" => &self.idva_high_risk_fte,
            "idva_cases" => &self.idva_cases,
            "idva_locations" => &self.idva_locations,
            "volunteers" => &self.volunteers,
            "areas" => &self.areas,
            "respondent_group" => &self.respondent_group,
            _ => return None,
        };
        question.as_deref()
    }
}

fn default_max_pounds() -> i64 {
    100_000_000
}

fn default_max_items() -> usize {
    10
}

fn default_max_integer() -> i64 {
    100_000
}
fn default_decimals() -> u32 {
    1
}

fn default_max_fte() -> f64 {
    1_000.0
}
fn default_max_length() -> usize {
    2_000
}

impl SurveyDefinition {
    /// Where the key of [`crate::submitted::figures_key`] is kept once worked out.
    pub(crate) fn figures_key_memo(&self) -> &std::sync::OnceLock<String> {
        &self.figures_key
    }

    /// Parses and checks a definition that takes no question from a bank (see
    /// [`crate::bank::QuestionBank::definition`] for one that does).
    pub fn from_json(file: &str, text: &str) -> Result<Self, SurveyError> {
        let raw: serde_json::Value =
            serde_json::from_str(text).map_err(|e| SurveyError::BadDefinition {
                file: file.to_string(),
                problem: e.to_string(),
            })?;
        Self::from_value(file, raw)
    }

    /// Checks a definition whose bank questions are already in place: unique ids, conditions
    /// and rules that point at real questions.
    pub fn from_value(file: &str, raw: serde_json::Value) -> Result<Self, SurveyError> {
        let bad = |problem: String| SurveyError::BadDefinition {
            file: file.to_string(),
            problem,
        };
        let def: SurveyDefinition = serde_json::from_value(raw).map_err(|e| bad(e.to_string()))?;
        let mut seen = HashSet::new();
        for q in def.questions() {
            if !seen.insert(q.id.as_str()) {
                return Err(bad(format!("question id '{}' is used twice", q.id)));
            }
        }
        for q in def.questions() {
            if let Some(c) = &q.show_if {
                if c.equals.is_some() != c.any_of.is_empty() {
                    return Err(bad(format!(
                        "question '{}' is shown if '{}' equals a value: give 'equals' or 'any_of', not both or neither",
                        q.id, c.question
                    )));
                }
                if !seen.contains(c.question.as_str()) {
                    return Err(bad(format!(
                        "question '{}' is shown if '{}', which is not a question",
                        q.id, c.question
                    )));
                }
            }
        }
        for rule in &def.rules {
            let refs: Vec<&str> = match rule {
                Rule::FteNotAboveRole { question, grid, .. } => vec![question, grid],
                Rule::FteWithinPeople {
                    grid,
                    override_question,
                } => std::iter::once(grid.as_str())
                    .chain(override_question.as_deref())
                    .collect(),
                Rule::SumNotAbove {
                    questions, limit, ..
                } => questions
                    .iter()
                    .map(String::as_str)
                    .chain(std::iter::once(limit.as_str()))
                    .collect(),
            };
            if let Some(missing) = refs.iter().find(|r| !seen.contains(*r)) {
                return Err(bad(format!(
                    "a rule names '{missing}', which is not a question"
                )));
            }
        }
        Ok(def)
    }

    pub fn questions(&self) -> impl Iterator<Item = &Question> {
        self.sections.iter().flat_map(|s| s.questions.iter())
    }

    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions().find(|q| q.id == id)
    }
}
