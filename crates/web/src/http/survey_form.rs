//! What the survey pages show: a section's questions with their current values and errors, and
//! the answers in words for the check-your-answers page.

use frontline_geo::Geography;
use serde_json::{json, Value};
use survey_engine::skip::{is_asked, section_is_asked as is_asked_section};
use survey_engine::validate::Problem;
use survey_engine::{Answers, Question, QuestionKind, Section, SurveyDefinition};

/// A section's questions for the form template. A question is shown when it is asked, or when
/// its condition rests on a question in the same section (the page works without JavaScript).
pub fn section_questions(
    def: &SurveyDefinition,
    section: &Section,
    answers: &Answers,
    problems: &[Problem],
    geo: &Geography,
    service_areas: &[String],
) -> Vec<Value> {
    section
        .questions
        .iter()
        .filter(|q| {
            is_asked(def, answers, q)
                || q.show_if
                    .as_ref()
                    .is_some_and(|c| section.questions.iter().any(|o| o.id == c.question))
        })
        .map(|q| {
            let own: Vec<&Problem> = problems.iter().filter(|p| p.question == q.id).collect();
            question_view(q, answers.0.get(&q.id), &own, geo, service_areas)
        })
        .collect()
}

fn question_view(
    q: &Question,
    value: Option<&Value>,
    problems: &[&Problem],
    geo: &Geography,
    service_areas: &[String],
) -> Value {
    // Every problem of the question said beside it, each once; a repeating group's item
    // problems are said beside the item's own field instead.
    let items_say_their_own = matches!(q.kind, QuestionKind::RepeatingGroup { .. });
    let said: Vec<&str> = problems
        .iter()
        .filter(|p| !items_say_their_own || p.field.is_none())
        .map(|p| p.message.as_str())
        .collect();
    let error = (!said.is_empty()).then(|| said.join("; "));
    let faulty = |field: String| {
        problems
            .iter()
            .any(|p| p.field.as_deref() == Some(field.as_str()))
    };
    let mut view = json!({
        "id": q.id,
        "label": q.label,
        "hint": q.hint,
        "required": q.required,
        "error": error,
    });
    let extra = match &q.kind {
        QuestionKind::Integer { .. } => json!({"type": "integer", "value": scalar(value)}),
        QuestionKind::Fte { .. } | QuestionKind::Number { .. } => {
            json!({"type": "fte", "value": scalar(value)})
        }
        QuestionKind::Text { max_length } => {
            json!({"type": "text", "value": scalar(value), "max_length": max_length, "long": *max_length > 300})
        }
        QuestionKind::Phone => json!({"type": "phone", "value": scalar(value)}),
        QuestionKind::Email => json!({"type": "email", "value": scalar(value)}),
        QuestionKind::Website => json!({"type": "website", "value": scalar(value)}),
        QuestionKind::MultipleChoice {
            choices,
            typed: true,
            ..
        } => {
            let named: Vec<String> = chosen_values(value)
                .iter()
                .map(|v| {
                    choices
                        .iter()
                        .find(|c| &c.value == v)
                        .map_or_else(|| v.clone(), |c| c.label.clone())
                })
                .collect();
            let options: Vec<&str> = choices.iter().map(|c| c.label.as_str()).collect();
            json!({"type": "typed_choices", "value": named.join(", "), "options": options})
        }
        QuestionKind::SingleChoice { choices, other }
        | QuestionKind::MultipleChoice { choices, other, .. } => {
            let multiple = matches!(q.kind, QuestionKind::MultipleChoice { .. });
            let chosen = chosen_values(value);
            let mut options: Vec<Value> = choices
                .iter()
                .map(|c| json!({"value": c.value, "label": c.label, "checked": chosen.contains(&c.value)}))
                .collect();
            if *other {
                options.push(json!({"value": "other", "label": "Other", "checked": chosen.iter().any(|c| c == "other")}));
            }
            json!({
                "type": if multiple { "multiple_choice" } else { "single_choice" },
                "choices": options,
                "other": other,
                "other_value": value.and_then(|v| v.get("other")).and_then(Value::as_str).unwrap_or(""),
            })
        }
        QuestionKind::RoleGrid { rows } => {
            let rows: Vec<Value> = rows
                .iter()
                .map(|r| {
                    let cell = value.and_then(|v| v.get(&r.value));
                    json!({
                        "value": r.value,
                        "label": r.label,
                        "people": scalar(cell.and_then(|c| c.get("people"))),
                        "fte": scalar(cell.and_then(|c| c.get("fte"))),
                        "people_invalid": faulty(format!("{}.{}.people", q.id, r.value)),
                        "fte_invalid": faulty(format!("{}.{}.fte", q.id, r.value)),
                    })
                })
                .collect();
            json!({"type": "role_grid", "rows": rows})
        }
        QuestionKind::AreaAllocation => {
            let single = service_areas.len() == 1;
            let areas: Vec<Value> = service_areas
                .iter()
                .map(|code| {
                    let share = scalar(value.and_then(|v| v.get(code)));
                    json!({
                        "code": code,
                        "name": geo.find(code).map(|a| a.name.as_str()).unwrap_or(code),
                        "share": if share.is_empty() && single { "100".to_string() } else { share },
                    })
                })
                .collect();
            json!({"type": "area_allocation", "areas": areas})
        }
        QuestionKind::Date => {
            let [year, month, day] = date_parts(value);
            json!({"type": "date", "day": day, "month": month, "year": year})
        }
        QuestionKind::Month => {
            let [year, month, _] = date_parts(value);
            json!({"type": "month", "month": month, "year": year})
        }
        QuestionKind::Money { .. } => {
            let shown = match value {
                Some(Value::Number(n)) => n
                    .as_i64()
                    .map(survey_engine::money::pounds)
                    .unwrap_or_default(),
                other => scalar(other),
            };
            json!({"type": "money", "value": shown})
        }
        QuestionKind::BandedChoice { bands } => {
            let chosen = chosen_values(value);
            let options: Vec<Value> = bands
                .iter()
                .map(|c| json!({"value": c.value, "label": c.label, "checked": chosen.contains(&c.value)}))
                .collect();
            json!({"type": "single_choice", "choices": options, "other": false})
        }
        QuestionKind::Likert { statements, scale } => {
            let rows: Vec<Value> = statements
                .iter()
                .map(|st| {
                    let chosen = value.and_then(|v| v.get(&st.value)).and_then(Value::as_str);
                    let options: Vec<Value> = scale
                        .iter()
                        .map(|c| json!({"value": c.value, "label": c.label, "checked": chosen == Some(c.value.as_str())}))
                        .collect();
                    json!({"value": st.value, "label": st.label, "options": options})
                })
                .collect();
            json!({"type": "likert", "statements": rows})
        }
        QuestionKind::RepeatingGroup {
            item,
            questions,
            max_items,
        } => {
            let given: &[Value] = value
                .and_then(Value::as_array)
                .map(Vec::as_slice)
                .unwrap_or_default();
            // Every item given, and one blank block for another while there is room.
            let shown = (given.len() + 1).min(*max_items);
            let items: Vec<Value> = (0..shown)
                .map(|n| {
                    let entry = given.get(n);
                    let subs: Vec<Value> = questions
                        .iter()
                        .map(|sub| {
                            let mut inner = sub.clone();
                            inner.id = format!("{}.{n}.{}", q.id, sub.id);
                            // A problem named by this item's field is said beside it too.
                            let own: Vec<&Problem> = problems
                                .iter()
                                .filter(|p| p.field.as_deref() == Some(inner.id.as_str()))
                                .copied()
                                .collect();
                            question_view(&inner, entry.and_then(|e| e.get(&sub.id)), &own, geo, service_areas)
                        })
                        .collect();
                    json!({"number": n + 1, "index": n, "given": entry.is_some(), "questions": subs})
                })
                .collect();
            json!({"type": "repeating_group", "item": item, "items": items, "max_items": max_items})
        }
    };
    if let (Value::Object(v), Value::Object(e)) = (&mut view, extra) {
        v.extend(e);
    }
    view
}

fn scalar(value: Option<&Value>) -> String {
    match value {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    }
}

fn chosen_values(value: Option<&Value>) -> Vec<String> {
    let list = match value {
        Some(Value::String(s)) => return vec![s.clone()],
        Some(Value::Array(a)) => a.clone(),
        Some(Value::Object(o)) => match (o.get("value"), o.get("values")) {
            (Some(Value::String(s)), _) => return vec![s.clone()],
            (_, Some(Value::Array(a))) => a.clone(),
            _ => Vec::new(),
        },
        _ => Vec::new(),
    };
    list.into_iter()
        .filter_map(|v| v.as_str().map(str::to_string))
        .collect()
}

/// Every asked question with its answer in words, section by section, for checking.
pub fn summary(def: &SurveyDefinition, answers: &Answers, geo: &Geography) -> Vec<Value> {
    def.sections
        .iter()
        .filter(|s| survey_engine::skip::section_is_asked(def, answers, s))
        .map(|s| {
            let rows: Vec<Value> = s
                .questions
                .iter()
                .filter(|q| is_asked(def, answers, q))
                .map(|q| json!({"id": q.id, "label": q.label, "answer": in_words(q, answers.get(&q.id), geo)}))
                .collect();
            json!({"id": s.id, "title": s.title, "questions": rows})
        })
        .collect()
}

fn in_words(q: &Question, value: Option<&Value>, geo: &Geography) -> String {
    let Some(value) = value else {
        return "Not answered".to_string();
    };
    let label_of = |choices: &[survey_engine::definition::Choice], v: &str| {
        choices
            .iter()
            .find(|c| c.value == v)
            .map(|c| c.label.clone())
            .unwrap_or_else(|| v.to_string())
    };
    let other_text = value.get("other").and_then(Value::as_str);
    match &q.kind {
        QuestionKind::SingleChoice { choices, .. }
        | QuestionKind::MultipleChoice { choices, .. } => chosen_values(Some(value))
            .iter()
            .map(|v| match (v.as_str(), other_text) {
                ("other", Some(t)) => format!("Other: {t}"),
                _ => label_of(choices, v),
            })
            .collect::<Vec<_>>()
            .join(", "),
        QuestionKind::RoleGrid { rows } => {
            let parts: Vec<String> = rows
                .iter()
                .filter_map(|r| {
                    let cell = value.get(&r.value)?;
                    Some(format!(
                        "{}: {} people, {} FTE",
                        r.label,
                        or_dash(scalar(cell.get("people"))),
                        or_dash(scalar(cell.get("fte")))
                    ))
                })
                .collect();
            if parts.is_empty() {
                "None".to_string()
            } else {
                parts.join("; ")
            }
        }
        QuestionKind::AreaAllocation => value
            .as_object()
            .map(|shares| {
                shares
                    .iter()
                    .map(|(code, pct)| {
                        let name = geo.find(code).map(|a| a.name.as_str()).unwrap_or(code);
                        format!("{name} {}%", scalar(Some(pct)))
                    })
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .unwrap_or_default(),
        QuestionKind::BandedChoice { bands } => label_of(bands, &scalar(Some(value))),
        QuestionKind::Money { .. } => value
            .as_i64()
            .map(survey_engine::money::display)
            .unwrap_or_else(|| scalar(Some(value))),
        QuestionKind::Likert { statements, scale } => statements
            .iter()
            .filter_map(|st| {
                let chosen = value.get(&st.value)?.as_str()?;
                Some(format!("{}: {}", st.label, label_of(scale, chosen)))
            })
            .collect::<Vec<_>>()
            .join("; "),
        QuestionKind::RepeatingGroup {
            item, questions, ..
        } => {
            let items = value.as_array().map(Vec::as_slice).unwrap_or_default();
            if items.is_empty() {
                return "None".to_string();
            }
            items
                .iter()
                .enumerate()
                .map(|(n, entry)| {
                    let parts: Vec<String> = questions
                        .iter()
                        .filter_map(|sub| {
                            let answer = entry.get(&sub.id)?;
                            Some(format!(
                                "{}: {}",
                                sub.label,
                                in_words(sub, Some(answer), geo)
                            ))
                        })
                        .collect();
                    format!("{item} {}: {}", n + 1, parts.join(", "))
                })
                .collect::<Vec<_>>()
                .join(" | ")
        }
        _ => scalar(Some(value)),
    }
}

fn or_dash(s: String) -> String {
    if s.is_empty() {
        "–".to_string()
    } else {
        s
    }
}

/// Problems as the check page lists them: each with the section its question is in, to link to.
/// The section's number among those this respondent is asked, and how many that is: as the
/// start page lists them.
pub fn position(def: &SurveyDefinition, answers: &Answers, section: &Section) -> (usize, usize) {
    let asked: Vec<&str> = def
        .sections
        .iter()
        .filter(|other| other.id == section.id || is_asked_section(def, answers, other))
        .map(|other| other.id.as_str())
        .collect();
    let index = asked.iter().position(|id| *id == section.id).unwrap_or(0);
    (index + 1, asked.len())
}

/// A stored (or typed) `YYYY-MM-DD` or `YYYY-MM` as the year, month and day fields show it:
/// numbers without their padding zeros, anything else as typed.
fn date_parts(value: Option<&Value>) -> [String; 3] {
    let text = value.and_then(Value::as_str).unwrap_or("");
    let mut parts = text.splitn(3, '-').map(|p| match p.parse::<u16>() {
        Ok(n) if p.bytes().all(|b| b.is_ascii_digit()) => n.to_string(),
        _ => p.to_string(),
    });
    [
        parts.next().unwrap_or_default(),
        parts.next().unwrap_or_default(),
        parts.next().unwrap_or_default(),
    ]
}

pub fn problems_with_sections(
    def: &SurveyDefinition,
    problems: &[Problem],
) -> Vec<serde_json::Value> {
    let section_of = |question: &str| {
        def.sections
            .iter()
            .find(|sec| sec.questions.iter().any(|q| q.id == question))
            .map(|sec| sec.id.clone())
            .unwrap_or_default()
    };
    problems
        .iter()
        .map(|p| {
            serde_json::json!({
                "question": p.question, "label": p.label, "message": p.message, "field": p.field,
                "section": section_of(&p.question),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::templates::Templates;

    const DEFINITION: &str = r#"{"id": "kinds", "version": "1", "title": "Kinds", "sections": [{"id": "s", "title": "S", "questions": [
      {"id": "budget", "type": "money", "label": "Annual budget"},
      {"id": "started", "type": "date", "label": "Start date"},
      {"id": "views", "type": "likert", "label": "How far do you agree?",
       "statements": [{"value": "secure", "label": "Our funding is secure"}, {"value": "heard", "label": "We are heard"}],
       "scale": [{"value": "no", "label": "Disagree"}, {"value": "yes", "label": "Agree"}]},
      {"id": "funding", "type": "repeating_group", "label": "Funding streams", "item": "funding stream", "max_items": 3,
       "questions": [{"id": "funder", "type": "text", "label": "Funder"}, {"id": "annual", "type": "money", "label": "Annual amount"}]}
    ]}]}"#;

    #[test]
    fn new_kinds_render_a_legend_per_row_a_label_per_input_and_a_block_per_item() {
        let def = SurveyDefinition::from_json("kinds.json", DEFINITION).unwrap();
        let answers = Answers::from_json(
            r#"{"budget": 25000050, "started": "2021-04-01", "views": {"heard": "yes"}, "funding": [{"funder": "PCC", "annual": 4500000}]}"#,
        )
        .unwrap();
        let views = section_questions(
            &def,
            &def.sections[0],
            &answers,
            &[],
            &Geography::reference(),
            &[],
        );
        let html = Templates::new()
            .unwrap()
            .render("survey_questions.html", json!({ "questions": views }))
            .unwrap();
        assert!(
            html.contains(r#"name="budget" value="250000.50""#),
            "money shows in pounds"
        );
        // A date as day, month and year, each labelled, the stored value split between them.
        for (part, shown) in [("day", "1"), ("month", "4"), ("year", "2021")] {
            assert!(
                html.contains(&format!(r#"<label for="q-started-{part}">"#))
                    && html.contains(&format!(r#"name="started.{part}" value="{shown}""#)),
                "{part}: {html}"
            );
        }
        // Each statement is its own fieldset whose legend names it; each radio has a label.
        assert_eq!(html.matches(r#"<fieldset class="likert-row">"#).count(), 2);
        assert!(html.contains("<legend>Our funding is secure</legend>"));
        assert!(html.contains(r#"name="views.heard" value="yes" checked> Agree</label>"#));
        // The given stream and one blank block for another, each under its own legend.
        assert!(
            html.contains("Funding stream 1</legend>")
                && html.contains("Funding stream 2</legend>")
        );
        assert!(!html.contains("Funding stream 3</legend>"));
        assert!(
            html.contains(r#"<label class="q" for="q-funding.0.funder">Funder (optional)</label>"#)
        );
        assert!(html.contains(r#"name="funding.0.annual" value="45000.00""#));
        assert!(
            html.contains(r#"name="funding.0.remove""#)
                && !html.contains(r#"name="funding.1.remove""#)
        );
        let words = summary(&def, &answers, &Geography::reference());
        let rendered = json!(words).to_string();
        assert!(rendered.contains("£250,000.50") && rendered.contains("We are heard: Agree"));
        assert!(rendered.contains("funding stream 1: Funder: PCC, Annual amount: £45,000.00"));
    }
}
