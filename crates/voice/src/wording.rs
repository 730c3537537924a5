//! The feedback form's text in each language a person can choose, from
//! `survey-schemas/feedback/survivor-feedback-2027.json`. Every language must give every text the
//! form needs — checked when the wording loads, so a missing Welsh line fails a test, not a
//! person.

use crate::vocabulary::{
    AgeBand, Disability, Ethnicity, Gender, Language, Outcome, OutcomeAnswer, SupportKind,
    SupportReport,
};
use crate::VoiceError;
use serde::Deserialize;
use std::collections::BTreeMap;

/// The shipped wording.
pub const SHIPPED: &str =
    include_str!("../../../survey-schemas/feedback/survivor-feedback-2027.json");

/// The texts that are not answers to a closed question.
const FIXED: &[&str] = &[
    "page_title",
    "exit",
    "exit_hint",
    "skip",
    "start",
    "start_hint",
    "title_error",
    "answer.none",
    "free_text_heading",
    "gone_heading",
    "gone_body",
    "thanks_more",
    "heading",
    "intro",
    "privacy",
    "privacy_more",
    "languages_label",
    "language_restart",
    "outcomes_heading",
    "support_heading",
    "support_hint",
    "helped_label",
    "better_label",
    "free_text_hint",
    "about_heading",
    "about_hint",
    "age_label",
    "gender_label",
    "ethnicity_label",
    "disability_label",
    "send",
    "thanks_heading",
    "thanks_body",
    "errors_heading",
    "error.empty",
    "error.too_long",
    "error.unknown",
    "error.again",
    "busy",
    "not_sent",
];

#[derive(Debug, Deserialize)]
struct File {
    version: String,
    languages: BTreeMap<String, BTreeMap<String, String>>,
}

/// The form's text in every language.
#[derive(Debug, Clone)]
pub struct Wording {
    pub version: String,
    texts: BTreeMap<Language, BTreeMap<String, String>>,
}

impl Wording {
    /// The wording shipped with Frontline.
    pub fn shipped() -> Result<Wording, VoiceError> {
        Wording::from_json(SHIPPED)
    }

    /// Reads a wording file: every language of [`Language::ALL`], each with exactly the texts
    /// the form needs.
    pub fn from_json(text: &str) -> Result<Wording, VoiceError> {
        let file: File =
            serde_json::from_str(text).map_err(|e| VoiceError::Wording(e.to_string()))?;
        let needed = needed_keys();
        let mut texts = BTreeMap::new();
        for language in Language::ALL {
            let given = file.languages.get(language.code()).ok_or_else(|| {
                VoiceError::Wording(format!("no texts for language '{}'", language.code()))
            })?;
            if let Some(missing) = needed.iter().find(|k| !given.contains_key(k.as_str())) {
                return Err(VoiceError::Wording(format!(
                    "language '{}' has no text '{missing}'",
                    language.code()
                )));
            }
            if let Some(extra) = given.keys().find(|k| !needed.contains(k)) {
                return Err(VoiceError::Wording(format!(
                    "language '{}' has a text '{extra}' the form does not use",
                    language.code()
                )));
            }
            texts.insert(*language, given.clone());
        }
        Ok(Wording {
            version: file.version,
            texts,
        })
    }

    /// Every text of `language`, keyed as in the wording file.
    pub fn texts(&self, language: Language) -> &BTreeMap<String, String> {
        // Every language is present: `from_json` refuses a file without one.
        &self.texts[&language]
    }

    /// One text of `language`; the key itself where there is none (never, once loaded).
    pub fn text(&self, language: Language, key: &str) -> String {
        self.texts(language)
            .get(key)
            .cloned()
            .unwrap_or_else(|| key.to_string())
    }
}

/// Every key the form reads: the fixed texts and one per closed answer.
pub fn needed_keys() -> Vec<String> {
    let mut keys: Vec<String> = FIXED.iter().map(|k| k.to_string()).collect();
    let mut group = |prefix: &str, codes: Vec<&str>| {
        keys.extend(codes.into_iter().map(|c| format!("{prefix}.{c}")));
    };
    group("outcome", Outcome::ALL.iter().map(|v| v.code()).collect());
    group(
        "answer",
        OutcomeAnswer::ALL.iter().map(|v| v.code()).collect(),
    );
    group(
        "support",
        SupportKind::ALL.iter().map(|v| v.code()).collect(),
    );
    group(
        "report",
        SupportReport::ALL.iter().map(|v| v.code()).collect(),
    );
    group("age", AgeBand::ALL.iter().map(|v| v.code()).collect());
    group("gender", Gender::ALL.iter().map(|v| v.code()).collect());
    group(
        "ethnicity",
        Ethnicity::ALL.iter().map(|v| v.code()).collect(),
    );
    group(
        "disability",
        Disability::ALL.iter().map(|v| v.code()).collect(),
    );
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_wording_gives_every_text_in_every_language() {
        let wording = Wording::shipped().expect("shipped wording loads");
        for language in Language::ALL {
            assert_eq!(wording.texts(*language).len(), needed_keys().len());
        }
        assert_eq!(
            wording.text(Language::Welsh, "exit"),
            "Gadael y dudalen hon"
        );
    }

    #[test]
    fn a_language_missing_a_text_is_refused_by_name() {
        let mut file: serde_json::Value = serde_json::from_str(SHIPPED).expect("json");
        if let Some(cy) = file["languages"]["cy"].as_object_mut() {
            cy.remove("support.helpline");
        }
        let problem = Wording::from_json(&file.to_string())
            .unwrap_err()
            .to_string();
        assert!(
            problem.contains("language 'cy' has no text 'support.helpline'"),
            "{problem}"
        );
    }
}
