//! Which answers may be published: only those to questions the definition marks `public`, an
//! allow-list, so a question added later stays private until someone decides otherwise. The
//! text given for "Other, please say" is never published, and free-text answers only when the
//! caller allows free text at all (never for a safe-accommodation service).

use crate::answers::Answers;
use crate::definition::{QuestionKind, SurveyDefinition};
use serde_json::Value;

/// Whether free-text answers (typed in the respondent's own words) may be published.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FreeText {
    Allowed,
    Withheld,
}

/// The answers that may be published: public questions only, "other" text removed, and free text
/// only when `free_text` allows it. Structured answers (choices, numbers, a checked telephone
/// number, email or web address) are not free text.
pub fn public_answers(def: &SurveyDefinition, answers: &Answers, free_text: FreeText) -> Answers {
    let mut out = Answers::new();
    for q in def.questions().filter(|q| q.public) {
        let Some(value) = answers.get(&q.id) else {
            continue;
        };
        let kept = match &q.kind {
            QuestionKind::Text { .. } if free_text == FreeText::Withheld => None,
            QuestionKind::Text { .. } => Some(value.clone()),
            QuestionKind::SingleChoice { .. } => match value {
                Value::Object(o) => o.get("value").cloned(),
                other => Some(other.clone()),
            },
            QuestionKind::MultipleChoice { .. } => match value {
                Value::Object(o) => o.get("values").cloned(),
                other => Some(other.clone()),
            },
            QuestionKind::RepeatingGroup { .. } => None,
            _ => Some(value.clone()),
        };
        if let Some(v) = kept {
            out.set(q.id.clone(), v);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn def() -> SurveyDefinition {
        SurveyDefinition::from_json(
            "t.json",
            r#"{"id": "t", "version": "1", "title": "T", "sections": [{"id": "s", "title": "S", "questions": [
                {"id": "offers", "type": "multiple_choice", "label": "Offers", "public": true, "other": true,
                 "choices": [{"value": "refuge", "label": "Refuge"}]},
                {"id": "about", "type": "text", "label": "About", "public": true},
                {"id": "phone", "type": "phone", "label": "Phone", "public": true},
                {"id": "waiting", "type": "integer", "label": "Waiting"},
                {"id": "notes", "type": "text", "label": "Notes"}
            ]}]}"#,
        )
        .expect("definition")
    }

    #[test]
    fn only_public_questions_and_never_other_text_or_withheld_free_text() {
        let answers = Answers::from_json(
            r#"{"offers": {"values": ["refuge", "other"], "other": "12 Acacia Avenue"},
                "about": "Behind the church", "phone": "01227 123456", "waiting": 4, "notes": "CT1 2AB"}"#,
        )
        .expect("answers");
        let open = public_answers(&def(), &answers, FreeText::Allowed);
        assert_eq!(open.choices("offers"), ["refuge", "other"]);
        assert_eq!(
            open.get("about").and_then(Value::as_str),
            Some("Behind the church")
        );
        assert!(open.get("waiting").is_none() && open.get("notes").is_none());
        assert!(!open.to_json().contains("Acacia"));
        let safe = public_answers(&def(), &answers, FreeText::Withheld);
        assert!(safe.get("about").is_none());
        assert_eq!(
            safe.get("phone").and_then(Value::as_str),
            Some("01227 123456")
        );
    }
}
