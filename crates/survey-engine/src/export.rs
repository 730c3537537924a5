//! Flattening answers into one spreadsheet row: a column per question, a role grid's cells
//! as `grid.role.people` / `grid.role.fte`, a likert grid's as `q.statement`, a repeating
//! group's as `q.N.sub` for each possible item, money in pounds to the penny.

use crate::answers::Answers;
use crate::definition::{QuestionKind, SurveyDefinition};
use serde_json::Value;

/// Column names for `def`'s questions, in survey order.
pub fn columns(def: &SurveyDefinition) -> Vec<String> {
    let mut out = Vec::new();
    for q in def.questions() {
        match &q.kind {
            QuestionKind::RoleGrid { rows } => {
                for row in rows {
                    out.push(format!("{}.{}.people", q.id, row.value));
                    out.push(format!("{}.{}.fte", q.id, row.value));
                }
            }
            QuestionKind::Likert { statements, .. } => {
                out.extend(statements.iter().map(|s| format!("{}.{}", q.id, s.value)));
            }
            QuestionKind::RepeatingGroup {
                questions,
                max_items,
                ..
            } => {
                for n in 1..=*max_items {
                    out.extend(
                        questions
                            .iter()
                            .map(|sub| format!("{}.{n}.{}", q.id, sub.id)),
                    );
                }
            }
            _ => out.push(q.id.clone()),
        }
    }
    out
}

/// The cells for `answers` under `def`, lined up with [`columns`]. Multiple choices are joined
/// with `;`, "other" answers read `other: text`, area shares read `CODE=pct;…`.
pub fn row(def: &SurveyDefinition, answers: &Answers) -> Vec<String> {
    let mut out = Vec::new();
    for q in def.questions() {
        let value = answers.get(&q.id);
        match &q.kind {
            QuestionKind::RoleGrid { rows } => {
                for r in rows {
                    for field in ["people", "fte"] {
                        out.push(
                            value
                                .and_then(|g| g.get(&r.value))
                                .and_then(|c| c.get(field))
                                .map(cell)
                                .unwrap_or_default(),
                        );
                    }
                }
            }
            QuestionKind::AreaAllocation => out.push(
                value
                    .and_then(Value::as_object)
                    .map(|shares| {
                        shares
                            .iter()
                            .map(|(code, pct)| format!("{code}={}", cell(pct)))
                            .collect::<Vec<_>>()
                            .join(";")
                    })
                    .unwrap_or_default(),
            ),
            QuestionKind::Likert { statements, .. } => {
                for s in statements {
                    out.push(
                        value
                            .and_then(|v| v.get(&s.value))
                            .map(cell)
                            .unwrap_or_default(),
                    );
                }
            }
            QuestionKind::RepeatingGroup {
                questions,
                max_items,
                ..
            } => {
                for n in 0..*max_items {
                    let entry = value.and_then(|v| v.get(n));
                    for sub in questions {
                        let answer = entry.and_then(|e| e.get(&sub.id));
                        out.push(answer.map(|a| sub_cell(sub, a)).unwrap_or_default());
                    }
                }
            }
            QuestionKind::Money { .. } => out.push(value.map(money_cell).unwrap_or_default()),
            _ => out.push(value.map(cell).unwrap_or_default()),
        }
    }
    out
}

/// A repeating group's answer as its own question would export it.
fn sub_cell(q: &crate::definition::Question, value: &Value) -> String {
    match q.kind {
        QuestionKind::Money { .. } => money_cell(value),
        _ => cell(value),
    }
}

/// Pounds to the penny from stored pence; anything else as typed.
fn money_cell(value: &Value) -> String {
    value
        .as_i64()
        .map(crate::money::pounds)
        .unwrap_or_else(|| cell(value))
}

fn cell(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Array(items) => items.iter().map(cell).collect::<Vec<_>>().join(";"),
        // A choice with "Other, please say": the text stands in for the bare "other".
        Value::Object(o) => {
            let other = o.get("other").and_then(Value::as_str).unwrap_or("");
            let chosen: Vec<Value> = match (o.get("value"), o.get("values")) {
                (Some(v), _) => vec![v.clone()],
                (_, Some(Value::Array(a))) => a.clone(),
                _ => Vec::new(),
            };
            chosen
                .iter()
                .map(|v| match v.as_str() {
                    Some("other") => format!("other: {other}"),
                    _ => cell(v),
                })
                .collect::<Vec<_>>()
                .join(";")
        }
    }
}
