//! One feedback response, read from the posted form. It holds the person's answers and nothing
//! else: not who sent it, when to the minute, from where, or on what device — the type has no
//! place to put any of that.

use crate::vocabulary::{
    AgeBand, Disability, Ethnicity, Gender, Language, Outcome, OutcomeAnswer, SupportKind,
    SupportReport,
};
use crate::wording::Wording;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// The longest answer to a free-text question, in characters.
pub const MAX_TEXT: usize = 2_000;

/// A person's answers. Every part is optional; a response answers at least one question.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Feedback {
    #[serde(default)]
    pub outcomes: BTreeMap<Outcome, OutcomeAnswer>,
    #[serde(default)]
    pub support: BTreeMap<SupportKind, SupportReport>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub helped: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub better: Option<String>,
    #[serde(default)]
    pub about: AboutYou,
}

/// The form's two free-text questions, coded in the workbench beside the surveys' open answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FreeText {
    Helped,
    Better,
}

impl FreeText {
    pub const ALL: [FreeText; 2] = [FreeText::Helped, FreeText::Better];

    /// The form field's name.
    pub fn code(self) -> &'static str {
        match self {
            FreeText::Helped => "helped",
            FreeText::Better => "better",
        }
    }

    /// The question as coders and readers of the findings see it.
    pub fn label(self) -> &'static str {
        match self {
            FreeText::Helped => "Survivors' feedback: what helped",
            FreeText::Better => "Survivors' feedback: what could be better",
        }
    }

    /// The field whose code is `code`.
    pub fn parse(code: &str) -> Option<FreeText> {
        FreeText::ALL.into_iter().find(|t| t.code() == code)
    }

    /// The person's answer to this question, where they gave one.
    pub fn of(self, feedback: &Feedback) -> Option<&str> {
        match self {
            FreeText::Helped => feedback.helped.as_deref(),
            FreeText::Better => feedback.better.as_deref(),
        }
        .filter(|t| !t.trim().is_empty())
    }
}

/// The optional questions about the person; "prefer not to say" is an answer of its own.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AboutYou {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub age: Option<AgeBand>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gender: Option<Gender>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ethnicity: Option<Ethnicity>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disability: Option<Disability>,
}

/// The optional questions about the person, in the form's order: each field and its answers'
/// codes.
pub fn about_questions() -> [(&'static str, Vec<&'static str>); 4] {
    fn codes<T: Copy>(all: &[T], code: fn(T) -> &'static str) -> Vec<&'static str> {
        all.iter().map(|v| code(*v)).collect()
    }
    [
        ("age", codes(AgeBand::ALL, AgeBand::code)),
        ("gender", codes(Gender::ALL, Gender::code)),
        ("ethnicity", codes(Ethnicity::ALL, Ethnicity::code)),
        ("disability", codes(Disability::ALL, Disability::code)),
    ]
}

/// What is wrong with one field of the form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldProblem {
    /// The form field's name (and the id of its first input).
    pub field: String,
    pub kind: ProblemKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProblemKind {
    /// Nothing was answered at all.
    Empty,
    /// A closed question got a value it does not offer (the reason names the values allowed).
    Unknown(String),
    /// A free-text answer is longer than [`MAX_TEXT`].
    TooLong { length: usize },
}

impl FieldProblem {
    /// The problem in the person's language, as the form shows it beside the field.
    pub fn message(&self, wording: &Wording, language: Language) -> String {
        match &self.kind {
            ProblemKind::Empty => wording.text(language, "error.empty"),
            ProblemKind::Unknown(_) => wording.text(language, "error.unknown"),
            ProblemKind::TooLong { .. } => wording
                .text(language, "error.too_long")
                .replace("{max}", &MAX_TEXT.to_string()),
        }
    }
}

impl fmt::Display for FieldProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ProblemKind::Empty => write!(f, "{}: answer at least one question", self.field),
            ProblemKind::Unknown(reason) => write!(f, "{}: {reason}", self.field),
            ProblemKind::TooLong { length } => write!(
                f,
                "{}: {length} characters; at most {MAX_TEXT} are kept",
                self.field
            ),
        }
    }
}

impl Feedback {
    /// Reads the posted form's fields. Fields the form does not have (the page's own guards, a
    /// language choice) are left to the caller; every problem is returned, named by field.
    pub fn from_form(fields: &[(String, String)]) -> Result<Feedback, Vec<FieldProblem>> {
        let mut feedback = Feedback::default();
        let mut problems = Vec::new();
        for (name, value) in fields {
            let value = value.trim();
            if value.is_empty() {
                continue;
            }
            if let Err(kind) = feedback.read(name, value) {
                problems.push(FieldProblem {
                    field: name.clone(),
                    kind,
                });
            }
        }
        if problems.is_empty() && feedback.is_empty() {
            // Named by the form's first part, not its first question: no one question is required.
            problems.push(FieldProblem {
                field: "outcomes".into(),
                kind: ProblemKind::Empty,
            });
        }
        if problems.is_empty() {
            Ok(feedback)
        } else {
            Err(problems)
        }
    }

    /// Reads one field; fields the form does not have are ignored.
    fn read(&mut self, name: &str, value: &str) -> Result<(), ProblemKind> {
        let closed = |reason: String| ProblemKind::Unknown(reason);
        if let Some(code) = name.strip_prefix("outcome.") {
            if let Ok(outcome) = Outcome::parse(code) {
                let answer = OutcomeAnswer::parse(value).map_err(closed)?;
                self.outcomes.insert(outcome, answer);
            }
            return Ok(());
        }
        if let Some(code) = name.strip_prefix("support.") {
            if let Ok(kind) = SupportKind::parse(code) {
                let report = SupportReport::parse(value).map_err(closed)?;
                self.support.insert(kind, report);
            }
            return Ok(());
        }
        match name {
            "helped" => self.helped = Some(free_text(value)?),
            "better" => self.better = Some(free_text(value)?),
            "age" => self.about.age = Some(AgeBand::parse(value).map_err(closed)?),
            "gender" => self.about.gender = Some(Gender::parse(value).map_err(closed)?),
            "ethnicity" => self.about.ethnicity = Some(Ethnicity::parse(value).map_err(closed)?),
            "disability" => self.about.disability = Some(Disability::parse(value).map_err(closed)?),
            _ => {}
        }
        Ok(())
    }

    /// True when no question is answered.
    pub fn is_empty(&self) -> bool {
        self == &Feedback::default()
    }

    /// The stored form of the answers.
    pub fn to_json(&self) -> String {
        // A map of enums and strings always serialises.
        serde_json::to_string(self).unwrap_or_else(|_| "{}".into())
    }

    /// Reads stored answers back.
    pub fn from_json(text: &str) -> Result<Feedback, String> {
        serde_json::from_str(text).map_err(|e| e.to_string())
    }
}

/// A free-text answer as kept: control characters other than line breaks removed, at most
/// [`MAX_TEXT`] characters.
fn free_text(value: &str) -> Result<String, ProblemKind> {
    let kept: String = value
        .chars()
        .filter(|c| !c.is_control() || *c == '\n')
        .collect();
    let length = kept.chars().count();
    if length > MAX_TEXT {
        return Err(ProblemKind::TooLong { length });
    }
    Ok(kept)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn a_response_reads_every_kind_of_answer_and_ignores_the_page_s_own_fields() {
        let feedback = Feedback::from_form(&fields(&[
            ("outcome.feel_safer", "yes"),
            ("support.childrens_support", "wanted_not_got"),
            ("helped", "  Someone listened.\r\n "),
            ("age", "prefer_not"),
            ("started", "123"),
            ("website", ""),
        ]))
        .expect("valid");
        assert_eq!(feedback.outcomes[&Outcome::FeelSafer], OutcomeAnswer::Yes);
        assert!(!feedback.support[&SupportKind::ChildrensSupport].got());
        assert_eq!(feedback.helped.as_deref(), Some("Someone listened."));
        assert_eq!(feedback.about.age, Some(AgeBand::PreferNotToSay));
        assert_eq!(Feedback::from_json(&feedback.to_json()), Ok(feedback));
    }

    #[test]
    fn every_problem_is_named_by_field() {
        let long = "x".repeat(MAX_TEXT + 1);
        let problems = Feedback::from_form(&fields(&[
            ("outcome.cope_better", "maybe"),
            ("better", &long),
        ]))
        .unwrap_err();
        let said: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(
            said,
            [
                "outcome.cope_better: 'maybe' is not one of yes, not_sure, no".to_string(),
                format!("better: {} characters; at most 2000 are kept", MAX_TEXT + 1),
            ]
        );
    }

    #[test]
    fn an_empty_form_is_not_a_response() {
        let problems = Feedback::from_form(&fields(&[("helped", "   ")])).unwrap_err();
        assert_eq!(problems[0].kind, ProblemKind::Empty);
    }
}
