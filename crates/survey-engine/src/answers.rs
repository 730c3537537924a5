//! A respondent's answers: question id → JSON value, read under the definition they were given under.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

use crate::error::SurveyError;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Answers(pub BTreeMap<String, Value>);

impl Answers {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn from_json(text: &str) -> Result<Self, SurveyError> {
        serde_json::from_str(text).map_err(|e| SurveyError::BadAnswers(e.to_string()))
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(&self.0).unwrap_or_else(|_| "{}".to_string())
    }

    pub fn get(&self, question: &str) -> Option<&Value> {
        self.0.get(question).filter(|v| !is_blank(v))
    }

    pub fn set(&mut self, question: impl Into<String>, value: Value) {
        self.0.insert(question.into(), value);
    }

    /// Overlays `newer` on these answers: a partial save never drops an earlier answer.
    pub fn merge(&mut self, newer: Answers) {
        for (k, v) in newer.0 {
            self.0.insert(k, v);
        }
    }

    /// The chosen value of a single-choice answer (`"x"` or `{"value": "x", "other": "…"}`).
    pub fn choice(&self, question: &str) -> Option<&str> {
        match self.get(question)? {
            Value::String(s) => Some(s),
            Value::Object(o) => o.get("value").and_then(Value::as_str),
            _ => None,
        }
    }

    /// The chosen values of a multiple-choice answer (`[..]` or `{"values": [..], "other": "…"}`).
    pub fn choices(&self, question: &str) -> Vec<&str> {
        let list = match self.get(question) {
            Some(Value::Array(a)) => a,
            Some(Value::Object(o)) => match o.get("values") {
                Some(Value::Array(a)) => a,
                _ => return Vec::new(),
            },
            _ => return Vec::new(),
        };
        list.iter().filter_map(Value::as_str).collect()
    }

    pub fn number(&self, question: &str) -> Option<f64> {
        self.get(question).and_then(Value::as_f64)
    }
}

/// Blank answers (null, "", [], {}) count as not given.
pub fn is_blank(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.is_empty(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn merge_keeps_earlier_answers() {
        let mut a = Answers::new();
        a.set("q1", json!(3));
        let mut b = Answers::new();
        b.set("q2", json!("yes"));
        a.merge(b);
        assert_eq!(a.number("q1"), Some(3.0));
        assert_eq!(a.choice("q2"), Some("yes"));
    }

    #[test]
    fn reads_choice_shapes() {
        let a = Answers::from_json(
            r#"{"s": {"value": "other", "other": "x"}, "m": {"values": ["a", "b"]}, "e": ""}"#,
        )
        .unwrap();
        assert_eq!(a.choice("s"), Some("other"));
        assert_eq!(a.choices("m"), vec!["a", "b"]);
        assert!(a.get("e").is_none());
    }
}
