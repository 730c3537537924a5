//! The shared question bank: questions defined once — id, version, wording, choices or scale —
//! and included by several instruments as `{"bank": "id@version"}`, so that answers to them can
//! be compared across respondent groups. Changing a question's wording makes a new version; an
//! instrument keeps the version it names, so past answers never silently change meaning.
//!
//! A bank file (`*.bank.json`): `{"id": "…", "questions": [{"id": "…", "version": 1, …}]}`.

use crate::definition::Question;
use crate::error::SurveyError;
use serde_json::Value;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Default)]
pub struct QuestionBank {
    /// By `id@version`: the question as JSON, ready to be placed in an instrument.
    questions: BTreeMap<String, Value>,
}

impl QuestionBank {
    /// Adds a bank file's questions; each must be a valid question, and an `id@version` may be
    /// defined once only.
    pub fn add_file(&mut self, file: &str, text: &str) -> Result<(), SurveyError> {
        let bad = |problem: String| SurveyError::BadDefinition {
            file: file.to_string(),
            problem,
        };
        let doc: Value = serde_json::from_str(text).map_err(|e| bad(e.to_string()))?;
        let entries = doc
            .get("questions")
            .and_then(Value::as_array)
            .ok_or_else(|| bad("a question bank needs a \"questions\" list".into()))?;
        for entry in entries {
            let mut question = entry.clone();
            let fields = question
                .as_object_mut()
                .ok_or_else(|| bad("each bank question must be an object".into()))?;
            let id = fields
                .get("id")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string();
            let version = fields
                .remove("version")
                .and_then(|v| v.as_u64())
                .ok_or_else(|| bad(format!("bank question '{id}' needs a whole-number version")))?;
            let reference = format!("{id}@{version}");
            fields.insert("bank".into(), Value::String(reference.clone()));
            serde_json::from_value::<Question>(question.clone())
                .map_err(|e| bad(format!("bank question {reference}: {e}")))?;
            if self.questions.insert(reference.clone(), question).is_some() {
                return Err(bad(format!("{reference} is defined twice")));
            }
        }
        Ok(())
    }

    pub fn get(&self, reference: &str) -> Option<&Value> {
        self.questions.get(reference)
    }

    pub fn is_empty(&self) -> bool {
        self.questions.is_empty()
    }

    /// Replaces every `{"bank": "id@version"}` in a definition's questions (inside repeating
    /// groups too) with the bank's question. A reference may add `required` or `show_if`, which
    /// belong to the instrument, not the wording.
    /// Parses and checks a definition, with its `{"bank": "id@version"}` questions taken from
    /// this bank.
    pub fn definition(
        &self,
        file: &str,
        text: &str,
    ) -> Result<crate::SurveyDefinition, SurveyError> {
        let mut raw: Value =
            serde_json::from_str(text).map_err(|e| SurveyError::BadDefinition {
                file: file.to_string(),
                problem: e.to_string(),
            })?;
        self.resolve(file, &mut raw)?;
        crate::SurveyDefinition::from_value(file, raw)
    }

    pub fn resolve(&self, file: &str, definition: &mut Value) -> Result<(), SurveyError> {
        let Some(sections) = definition.get_mut("sections").and_then(Value::as_array_mut) else {
            return Ok(());
        };
        for section in sections {
            if let Some(questions) = section.get_mut("questions").and_then(Value::as_array_mut) {
                self.resolve_list(file, questions)?;
            }
        }
        Ok(())
    }

    fn resolve_list(&self, file: &str, questions: &mut [Value]) -> Result<(), SurveyError> {
        for question in questions {
            let reference = question
                .get("bank")
                .and_then(Value::as_str)
                .map(str::to_string);
            let is_reference = question.get("type").is_none();
            if let (Some(reference), true) = (reference, is_reference) {
                let mut resolved =
                    self.get(&reference)
                        .cloned()
                        .ok_or_else(|| SurveyError::BadDefinition {
                            file: file.to_string(),
                            problem: format!("the question bank has no '{reference}'"),
                        })?;
                for own in ["required", "show_if"] {
                    if let (Some(value), Some(fields)) =
                        (question.get(own), resolved.as_object_mut())
                    {
                        fields.insert(own.into(), value.clone());
                    }
                }
                *question = resolved;
            }
            if let Some(inner) = question.get_mut("questions").and_then(Value::as_array_mut) {
                self.resolve_list(file, inner)?;
            }
        }
        Ok(())
    }
}
