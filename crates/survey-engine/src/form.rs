//! Reading one section of an HTML form into answers. Field names: `q` for a plain answer or a
//! choice (repeated for multiple choice), `q.other` for "Other, please say", `q.ROLE.people` and
//! `q.ROLE.fte` in a role grid, `q.AREA` for an area's share, `q.STATEMENT` in a likert grid,
//! `q.N.SUB` for item N (from 0) of a repeating group, `q.N.remove` to take an item out,
//! `q.day`, `q.month` and `q.year` for a date.

use crate::answers::Answers;
use crate::definition::{Question, QuestionKind, Section};
use serde_json::{json, Map, Value};

/// Reads the posted `fields` for every question in `section`. Every question gets an entry, so
/// clearing a field clears its answer; text that does not parse as a number is kept as typed,
/// so validation can name it and the form can show it back. `areas` are the codes an area
/// allocation offers.
pub fn read_section(section: &Section, fields: &[(String, String)], areas: &[String]) -> Answers {
    let mut answers = Answers::new();
    for q in &section.questions {
        answers.set(q.id.clone(), read_question(q, fields, areas));
    }
    answers
}

fn read_question(q: &Question, fields: &[(String, String)], areas: &[String]) -> Value {
    let one = |name: &str| field(fields, name).map(str::trim).unwrap_or("");
    match &q.kind {
        QuestionKind::Integer { .. } => {
            number_or_text(one(&q.id), |s| s.parse::<i64>().ok().map(Value::from))
        }
        QuestionKind::Fte { .. } | QuestionKind::Number { .. } => {
            number_or_text(one(&q.id), decimal)
        }
        QuestionKind::Text { .. } | QuestionKind::Email | QuestionKind::Website => text(one(&q.id)),
        QuestionKind::Phone => {
            let typed = one(&q.id);
            match crate::contact::normalise_uk_phone(typed) {
                Ok(normalised) if !typed.is_empty() => Value::String(normalised),
                _ => text(typed),
            }
        }
        QuestionKind::MultipleChoice {
            choices,
            typed: true,
            ..
        } => {
            let named: Vec<Value> = one(&q.id)
                .split([',', ';', '\n'])
                .map(str::trim)
                .filter(|name| !name.is_empty())
                .map(|name| {
                    // A label may give other names after " / " (Panjabi / Punjabi).
                    let found = choices.iter().find(|c| {
                        c.value.eq_ignore_ascii_case(name)
                            || c.label.eq_ignore_ascii_case(name)
                            || c.label.split(" / ").any(|n| n.eq_ignore_ascii_case(name))
                    });
                    Value::String(found.map_or(name, |c| c.value.as_str()).to_string())
                })
                .collect();
            Value::Array(named)
        }
        QuestionKind::SingleChoice { other, .. } => {
            let chosen = one(&q.id);
            let other_text = one(&format!("{}.other", q.id));
            match chosen {
                "" => Value::Null,
                "other" if *other => json!({"value": "other", "other": other_text}),
                c => Value::String(c.to_string()),
            }
        }
        QuestionKind::MultipleChoice { other, .. } => {
            let chosen: Vec<Value> = fields
                .iter()
                .filter(|(k, v)| k == &q.id && !v.trim().is_empty())
                .map(|(_, v)| Value::String(v.trim().to_string()))
                .collect();
            let other_text = one(&format!("{}.other", q.id));
            if *other && chosen.iter().any(|v| v == "other") {
                json!({"values": chosen, "other": other_text})
            } else {
                Value::Array(chosen)
            }
        }
        QuestionKind::RoleGrid { rows } => {
            let mut grid = Map::new();
            for row in rows {
                let people = one(&format!("{}.{}.people", q.id, row.value));
                let fte = one(&format!("{}.{}.fte", q.id, row.value));
                let mut cell = Map::new();
                if !people.is_empty() {
                    cell.insert(
                        "people".into(),
                        number_or_text(people, |s| s.parse::<i64>().ok().map(Value::from)),
                    );
                }
                if !fte.is_empty() {
                    cell.insert("fte".into(), number_or_text(fte, decimal));
                }
                if !cell.is_empty() {
                    grid.insert(row.value.clone(), Value::Object(cell));
                }
            }
            Value::Object(grid)
        }
        QuestionKind::AreaAllocation => {
            let mut shares = Map::new();
            for area in areas {
                let share = one(&format!("{}.{}", q.id, area));
                if !share.is_empty() {
                    shares.insert(
                        area.clone(),
                        number_or_text(share.trim_end_matches('%'), decimal),
                    );
                }
            }
            Value::Object(shares)
        }
        QuestionKind::Date => text(&date_from_parts(&one, &q.id, true)),
        QuestionKind::Month => text(&date_from_parts(&one, &q.id, false)),
        QuestionKind::Money { .. } => number_or_text(one(&q.id), |s| {
            crate::money::parse_pounds(s).map(Value::from)
        }),
        QuestionKind::BandedChoice { .. } => text(one(&q.id)),
        QuestionKind::Likert { statements, .. } => {
            let mut rated = Map::new();
            for statement in statements {
                let chosen = one(&format!("{}.{}", q.id, statement.value));
                if !chosen.is_empty() {
                    rated.insert(statement.value.clone(), Value::String(chosen.to_string()));
                }
            }
            Value::Object(rated)
        }
        QuestionKind::RepeatingGroup {
            questions,
            max_items,
            ..
        } => Value::Array(read_items(&q.id, questions, *max_items, fields, areas)),
    }
}

/// The items of a repeating group: each item's questions read under `q.N.`; an item left
/// blank or marked for removal is dropped, so the list closes up.
fn read_items(
    id: &str,
    questions: &[Question],
    max_items: usize,
    fields: &[(String, String)],
    areas: &[String],
) -> Vec<Value> {
    let mut items = Vec::new();
    for n in 0..max_items {
        if field(fields, &format!("{id}.{n}.remove")).is_some() {
            continue;
        }
        let mut item = Map::new();
        for sub in questions {
            let mut inner = sub.clone();
            inner.id = format!("{id}.{n}.{}", sub.id);
            let value = read_question(&inner, fields, areas);
            let blank = match &value {
                Value::Null => true,
                Value::Array(a) => a.is_empty(),
                Value::Object(o) => o.is_empty(),
                _ => false,
            };
            if !blank {
                item.insert(sub.id.clone(), value);
            }
        }
        if !item.is_empty() {
            items.push(Value::Object(item));
        }
    }
    items
}

fn field<'a>(fields: &'a [(String, String)], name: &str) -> Option<&'a str> {
    fields
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// A date typed as day, month and year in fields of their own (`q.day`, `q.month`, `q.year`;
/// a month without the day) put together as it is stored (`YYYY-MM-DD`, `YYYY-MM`), numbers
/// padded; anything else is kept as typed for validation to refuse. A date typed whole in `q`
/// is read as it is.
fn date_from_parts<'f>(one: &impl Fn(&str) -> &'f str, id: &str, with_day: bool) -> String {
    let whole = one(id);
    if !whole.is_empty() {
        return whole.to_string();
    }
    let part = |name: &str| one(&format!("{id}.{name}"));
    let (day, month, year) = (part("day"), part("month"), part("year"));
    if day.is_empty() && month.is_empty() && year.is_empty() {
        return String::new();
    }
    let padded = |s: &str, width: usize| match s.parse::<u16>() {
        Ok(n) if s.bytes().all(|b| b.is_ascii_digit()) => format!("{n:0width$}"),
        _ => s.to_string(),
    };
    let year_month = format!("{}-{}", padded(year, 4), padded(month, 2));
    if with_day {
        format!("{year_month}-{}", padded(day, 2))
    } else {
        year_month
    }
}

fn text(s: &str) -> Value {
    if s.is_empty() {
        Value::Null
    } else {
        Value::String(s.to_string())
    }
}

/// A decimal number; whole numbers are kept as integers so they read back as typed ("70", not "70.0").
fn decimal(s: &str) -> Option<Value> {
    let f = s.parse::<f64>().ok().filter(|f| f.is_finite())?;
    if f.fract() == 0.0 && f.abs() < 1e15 {
        Some(Value::from(f as i64))
    } else {
        serde_json::Number::from_f64(f).map(Value::Number)
    }
}

/// A number when `s` parses, otherwise the text as typed (blank becomes no answer).
fn number_or_text(s: &str, parse: impl Fn(&str) -> Option<Value>) -> Value {
    if s.is_empty() {
        Value::Null
    } else {
        parse(s).unwrap_or_else(|| Value::String(s.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::definition::SurveyDefinition;

    fn section() -> Section {
        let def = SurveyDefinition::from_json(
            "t",
            r#"{"id":"t","version":"1","title":"T","sections":[{"id":"s","title":"S","questions":[
                {"id":"n","type":"integer","label":"N"},
                {"id":"f","type":"fte","label":"F"},
                {"id":"c","type":"single_choice","label":"C","other":true,"choices":[{"value":"a","label":"A"}]},
                {"id":"m","type":"multiple_choice","label":"M","choices":[{"value":"a","label":"A"},{"value":"b","label":"B"}]},
                {"id":"g","type":"role_grid","label":"G","rows":[{"value":"idva","label":"Idva"}]},
                {"id":"a","type":"area_allocation","label":"A"}
            ]}]}"#,
        )
        .unwrap();
        def.sections[0].clone()
    }

    fn fields(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn reads_every_kind_of_field() {
        let posted = fields(&[
            ("n", " 3 "),
            ("f", "1.5"),
            ("c", "other"),
            ("c.other", "Charity shop"),
            ("m", "a"),
            ("m", "b"),
            ("g.idva.people", "2"),
            ("g.idva.fte", "1.6"),
            ("a.E1", "60"),
            ("a.E2", "40%"),
        ]);
        let a = read_section(&section(), &posted, &["E1".into(), "E2".into()]);
        assert_eq!(a.get("n"), Some(&json!(3)));
        assert_eq!(a.get("f"), Some(&json!(1.5)));
        assert_eq!(
            a.get("c"),
            Some(&json!({"value": "other", "other": "Charity shop"}))
        );
        assert_eq!(a.choices("m"), vec!["a", "b"]);
        assert_eq!(
            a.get("g"),
            Some(&json!({"idva": {"people": 2, "fte": 1.6}}))
        );
        assert_eq!(a.get("a"), Some(&json!({"E1": 60, "E2": 40})));
    }

    #[test]
    fn keeps_bad_numbers_as_typed_and_clears_blank_fields() {
        let a = read_section(&section(), &fields(&[("n", "three"), ("f", "")]), &[]);
        assert_eq!(a.0.get("n"), Some(&json!("three")));
        assert!(a.get("f").is_none());
        assert!(
            a.0.contains_key("m"),
            "an unticked multiple choice clears the answer"
        );
    }
}
