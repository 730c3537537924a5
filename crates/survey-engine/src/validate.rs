//! Validation of answers against a definition: each problem names the question and what to fix.

use crate::answers::Answers;
use crate::calendar;
use crate::definition::{Choice, Question, QuestionKind, Rule, Section, SurveyDefinition};
use crate::skip::is_asked;
use serde::Serialize;
use serde_json::Value;

/// A saved draft is checked for well-formed answers; a submission also for required answers and rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Draft,
    Submission,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Problem {
    /// The question id (the form field) at fault.
    pub question: String,
    /// The question as the respondent sees it.
    pub label: String,
    pub message: String,
    /// The one input within the question at fault, by its form field name (a role grid's
    /// `roles.idva.fte`), where the problem is about one input rather than the whole question.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

/// The problems on one section's questions, checked against all the answers (skip logic and
/// rules across questions see every section): what a section save refuses. At submission, the
/// checks across questions that fall on this section run whenever its own answers are sound,
/// whatever is still missing elsewhere, so a respondent meets them on this page.
pub fn check_section(
    def: &SurveyDefinition,
    answers: &Answers,
    section: &Section,
    stage: Stage,
) -> Vec<Problem> {
    let on_section = |p: &Problem| section.questions.iter().any(|q| q.id == p.question);
    let mut problems: Vec<Problem> = question_problems(def, answers, stage)
        .into_iter()
        .filter(on_section)
        .collect();
    if stage == Stage::Submission {
        let mut across = Vec::new();
        for rule in &def.rules {
            check_rule(def, answers, rule, &mut across);
        }
        problems.extend(across.into_iter().filter(on_section));
    }
    problems
}

/// Checks `answers`; an empty list means they can be stored (draft) or submitted.
pub fn check(def: &SurveyDefinition, answers: &Answers, stage: Stage) -> Vec<Problem> {
    let mut problems = question_problems(def, answers, stage);
    if stage == Stage::Submission && problems.is_empty() {
        for rule in &def.rules {
            check_rule(def, answers, rule, &mut problems);
        }
    }
    problems
}

/// Each asked question's own problems: required answers missing (at submission) and values
/// that are not what the question takes.
fn question_problems(def: &SurveyDefinition, answers: &Answers, stage: Stage) -> Vec<Problem> {
    let mut problems = Vec::new();
    for q in def.questions() {
        if !is_asked(def, answers, q) {
            continue;
        }
        match answers.get(&q.id) {
            None if q.required && stage == Stage::Submission => {
                let message = match &q.kind {
                    QuestionKind::RepeatingGroup { item, .. } => format!("Add at least one {item}"),
                    QuestionKind::Likert { .. } => "Choose an answer for each statement".into(),
                    _ => "Answer this question".into(),
                };
                problems.push(problem(q, message))
            }
            None => {}
            Some(value) => {
                if let QuestionKind::RoleGrid { rows } = &q.kind {
                    problems.extend(role_grid_problems(q, rows, value));
                    continue;
                }
                if let QuestionKind::RepeatingGroup { questions, .. } = &q.kind {
                    let own = item_problems(q, questions, value, stage);
                    if !own.is_empty() {
                        problems.extend(own);
                        continue;
                    }
                }
                let checked = check_value(q, value).and_then(|()| match stage {
                    Stage::Submission => check_complete(q, value),
                    Stage::Draft => Ok(()),
                });
                if let Err(message) = checked {
                    problems.push(problem(q, message));
                }
            }
        }
    }
    problems
}

impl Problem {
    /// A problem with the question `question` as a whole, shown to the respondent as `label`.
    pub fn about(
        question: impl Into<String>,
        label: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Self {
            question: question.into(),
            label: label.into(),
            message: message.into(),
            field: None,
        }
    }
}

fn problem(q: &Question, message: String) -> Problem {
    Problem::about(&q.id, &q.label, message)
}

/// A problem with one input of `q`, named by its form field.
fn problem_at(q: &Question, field: String, message: String) -> Problem {
    Problem {
        field: Some(field),
        ..problem(q, message)
    }
}

/// Every bad cell of a role grid, each named by its input: a respondent sees all of them at
/// once, each linked to the cell to put right.
fn role_grid_problems(q: &Question, rows: &[Choice], value: &Value) -> Vec<Problem> {
    let Some(grid) = value.as_object() else {
        return vec![problem(q, "Enter people and FTE for each role".into())];
    };
    let mut problems = Vec::new();
    for (role, cell) in grid {
        let Some(row) = rows.iter().find(|r| &r.value == role) else {
            problems.push(problem(
                q,
                format!("'{role}' is not one of the roles listed"),
            ));
            continue;
        };
        let field = |part: &str| format!("{}.{role}.{part}", q.id);
        if let Some(people) = cell.get("people").filter(|v| !v.is_null()) {
            if let Err(m) = check_integer(people, 0, 100_000) {
                problems.push(problem_at(
                    q,
                    field("people"),
                    format!("{} – people: {m}", row.label),
                ));
            }
        }
        if let Some(fte) = cell.get("fte").filter(|v| !v.is_null()) {
            if let Err(m) = check_fte(fte, 10_000.0) {
                problems.push(problem_at(
                    q,
                    field("fte"),
                    format!("{} – FTE: {m}", row.label),
                ));
            }
        }
    }
    problems
}

fn check_value(q: &Question, value: &Value) -> Result<(), String> {
    match &q.kind {
        QuestionKind::Integer { min, max } => check_integer(value, *min, *max).map(|_| ()),
        QuestionKind::Fte { max } => check_fte(value, *max).map(|_| ()),
        QuestionKind::Number { max, decimals } => check_number(value, *max, *decimals),
        QuestionKind::SingleChoice { choices, other } => {
            let (chosen, other_text) = match value {
                Value::String(s) => (s.as_str(), None),
                Value::Object(o) => (
                    o.get("value").and_then(Value::as_str).unwrap_or(""),
                    o.get("other").and_then(Value::as_str),
                ),
                _ => return Err("Choose one of the options".into()),
            };
            check_choice(chosen, choices, *other, other_text)
        }
        QuestionKind::Phone => {
            crate::contact::normalise_uk_phone(value.as_str().ok_or("Enter a telephone number")?)
                .map(|_| ())
        }
        QuestionKind::Email => {
            crate::contact::check_email(value.as_str().ok_or("Enter an email address")?).map(|_| ())
        }
        QuestionKind::Website => {
            crate::contact::check_website(value.as_str().ok_or("Enter a web address")?).map(|_| ())
        }
        QuestionKind::MultipleChoice { choices, other, .. } => {
            let (list, other_text) = match value {
                Value::Array(a) => (a, None),
                Value::Object(o) => match o.get("values") {
                    Some(Value::Array(a)) => (a, o.get("other").and_then(Value::as_str)),
                    _ => return Err("Choose one or more of the options".into()),
                },
                _ => return Err("Choose one or more of the options".into()),
            };
            for item in list {
                let chosen = item.as_str().ok_or("Choose from the options given")?;
                check_choice(chosen, choices, *other, other_text)?;
            }
            Ok(())
        }
        QuestionKind::Text { max_length } => {
            let text = value.as_str().ok_or("Enter text")?;
            let len = text.chars().count();
            if len > *max_length {
                return Err(format!(
                    "Answer must be {max_length} characters or fewer (it is {len})"
                ));
            }
            Ok(())
        }
        QuestionKind::RoleGrid { rows } => {
            match role_grid_problems(q, rows, value).into_iter().next() {
                Some(p) => Err(p.message),
                None => Ok(()),
            }
        }
        QuestionKind::AreaAllocation => {
            let shares = value
                .as_object()
                .ok_or("Give the percentage of the service's FTE in each area")?;
            let mut total = 0.0;
            for (area, share) in shares {
                let pct = share
                    .as_f64()
                    .ok_or_else(|| format!("The share for {area} must be a number"))?;
                if !(0.0..=100.0).contains(&pct) {
                    return Err(format!("The share for {area} must be between 0 and 100"));
                }
                total += pct;
            }
            if (total - 100.0).abs() > 0.01 {
                return Err(format!(
                    "The shares must add up to 100% (they add up to {}%)",
                    trim_number(total)
                ));
            }
            Ok(())
        }
        QuestionKind::Date => calendar::check_form_date(
            value
                .as_str()
                .ok_or("Enter a date, with the day, month and year as numbers, like 27 3 2021")?,
        )
        .map(|_| ()),
        QuestionKind::Month => calendar::check_form_month(
            value
                .as_str()
                .ok_or("Enter a month and year as numbers, like 3 2021")?,
        )
        .map(|_| ()),
        QuestionKind::Money { max_pounds } => {
            let pence = value
                .as_i64()
                .ok_or("Enter an amount in pounds, like 12,500 or 12,500.50")?;
            if pence < 0 {
                return Err("The amount cannot be negative".into());
            }
            if pence > max_pounds.saturating_mul(100) {
                return Err(format!(
                    "The amount must be {} or less",
                    crate::money::display(max_pounds.saturating_mul(100))
                ));
            }
            Ok(())
        }
        QuestionKind::BandedChoice { bands } => check_choice(
            value.as_str().ok_or("Choose one of the options")?,
            bands,
            false,
            None,
        ),
        QuestionKind::Likert { statements, scale } => {
            let rated = value
                .as_object()
                .ok_or("Choose an answer for each statement")?;
            for (statement, chosen) in rated {
                let row = statements
                    .iter()
                    .find(|s| &s.value == statement)
                    .ok_or_else(|| format!("'{statement}' is not one of the statements"))?;
                let chosen = chosen.as_str().unwrap_or("");
                if !scale.iter().any(|c| c.value == chosen) {
                    return Err(format!(
                        "{}: '{chosen}' is not one of the answers",
                        row.label
                    ));
                }
            }
            Ok(())
        }
        QuestionKind::RepeatingGroup {
            item,
            questions,
            max_items,
        } => {
            let items = value
                .as_array()
                .ok_or_else(|| format!("Give each {item} in turn"))?;
            if items.len() > *max_items {
                return Err(format!(
                    "Give at most {max_items} of these ({} given)",
                    items.len()
                ));
            }
            for (n, entry) in items.iter().enumerate() {
                let entry = entry
                    .as_object()
                    .ok_or_else(|| format!("{} {} could not be read", capitalised(item), n + 1))?;
                for (id, answer) in entry {
                    let sub = questions
                        .iter()
                        .find(|s| &s.id == id)
                        .ok_or_else(|| format!("'{id}' is not a question of this {item}"))?;
                    check_value(sub, answer).map_err(|m| {
                        format!("{} {}, {}: {m}", capitalised(item), n + 1, sub.label)
                    })?;
                }
            }
            Ok(())
        }
    }
}

/// Each item's own problems in a repeating group, every one named by its field
/// (`funding_streams.0.start`) so it is said beside that field and linked from the summary:
/// values that are not what their question takes, and (on submission) required answers missing.
/// Problems with the group as a whole are [`check_value`]'s and [`check_complete`]'s.
fn item_problems(
    q: &Question,
    questions: &[Question],
    value: &Value,
    stage: Stage,
) -> Vec<Problem> {
    let QuestionKind::RepeatingGroup { item, .. } = &q.kind else {
        return Vec::new();
    };
    let items = value.as_array().map(Vec::as_slice).unwrap_or_default();
    let mut problems = Vec::new();
    for (n, entry) in items.iter().enumerate() {
        let Some(entry) = entry.as_object() else {
            continue;
        };
        let named = |sub: &Question| format!("{}.{n}.{}", q.id, sub.id);
        let said = |sub: &Question, m: &str| {
            format!("{} {}, {}: {m}", capitalised(item), n + 1, sub.label)
        };
        for sub in questions {
            match entry.get(&sub.id) {
                Some(answer) => {
                    if let Err(m) = check_value(sub, answer) {
                        problems.push(problem_at(q, named(sub), said(sub, &m)));
                    }
                }
                None if sub.required && stage == Stage::Submission => {
                    problems.push(problem_at(q, named(sub), said(sub, "answer this question")));
                }
                None => {}
            }
        }
    }
    problems
}

/// On submission: a required likert grid has every statement rated, a required repeating group
/// has an item, and every item has its required answers.
fn check_complete(q: &Question, value: &Value) -> Result<(), String> {
    match &q.kind {
        QuestionKind::Likert { statements, .. } if q.required => {
            match statements.iter().find(|s| value.get(&s.value).is_none()) {
                Some(missing) => Err(format!("Choose an answer for '{}'", missing.label)),
                None => Ok(()),
            }
        }
        QuestionKind::RepeatingGroup {
            item, questions, ..
        } => {
            let items = value.as_array().map(Vec::as_slice).unwrap_or_default();
            if q.required && items.is_empty() {
                return Err(format!("Add at least one {item}"));
            }
            for (n, entry) in items.iter().enumerate() {
                if let Some(missing) = questions
                    .iter()
                    .find(|sub| sub.required && entry.get(&sub.id).is_none())
                {
                    return Err(format!(
                        "{} {}: answer '{}'",
                        capitalised(item),
                        n + 1,
                        missing.label
                    ));
                }
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().collect::<String>() + chars.as_str())
        .unwrap_or_default()
}

fn check_integer(value: &Value, min: i64, max: i64) -> Result<i64, String> {
    let n = match value {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
    .ok_or("Enter a whole number, like 3")?;
    if n < min || n > max {
        return Err(format!("Enter a whole number between {min} and {max}"));
    }
    Ok(n)
}

fn check_fte(value: &Value, max: f64) -> Result<f64, String> {
    let fte = match value {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
    .filter(|f: &f64| f.is_finite())
    .ok_or("Enter FTE as a number, like 2.5")?;
    if fte < 0.0 {
        return Err("FTE cannot be negative".into());
    }
    if fte > max {
        return Err(format!("FTE must be {} or less", trim_number(max)));
    }
    if ((fte * 100.0).round() - fte * 100.0).abs() > 1e-6 {
        return Err("Give FTE to no more than two decimal places, like 0.75".into());
    }
    Ok(fte)
}

fn check_number(value: &Value, max: f64, decimals: u32) -> Result<(), String> {
    let n = match value {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
    .filter(|f: &f64| f.is_finite())
    .ok_or("Enter a number, like 3.5")?;
    if n < 0.0 {
        return Err("This cannot be negative".into());
    }
    if n > max {
        return Err(format!("This must be {} or less", trim_number(max)));
    }
    let scale = 10f64.powi(decimals as i32);
    if ((n * scale).round() - n * scale).abs() > 1e-6 {
        return Err(format!("Give no more than {decimals} decimal place(s)"));
    }
    Ok(())
}

fn check_choice(
    chosen: &str,
    choices: &[crate::definition::Choice],
    other_allowed: bool,
    other_text: Option<&str>,
) -> Result<(), String> {
    if chosen == "other" && other_allowed {
        return match other_text.map(str::trim) {
            Some(t) if !t.is_empty() => Ok(()),
            _ => Err("You chose 'Other': say what it is".into()),
        };
    }
    if choices.iter().any(|c| c.value == chosen) {
        Ok(())
    } else {
        Err(format!("'{chosen}' is not one of the options"))
    }
}

fn check_rule(def: &SurveyDefinition, answers: &Answers, rule: &Rule, out: &mut Vec<Problem>) {
    match rule {
        Rule::FteNotAboveRole {
            question,
            grid,
            role,
            message,
        } => {
            let (Some(q), Some(part)) = (def.question(question), answers.number(question)) else {
                return;
            };
            if !is_asked(def, answers, q) {
                return;
            }
            let whole = grid_cell(answers, grid, role, "fte").unwrap_or(0.0);
            if part > whole + 1e-9 {
                out.push(problem(q, message.clone()));
            }
        }
        Rule::FteWithinPeople {
            grid,
            override_question,
        } => {
            let Some(q) = def.question(grid) else { return };
            if !is_asked(def, answers, q) {
                return;
            }
            // Staff working over full time may be confirmed; FTE with nobody to work it, or more
            // than twice the people full time, never.
            let confirmed = override_question
                .as_deref()
                .is_some_and(|o| answers.choice(o) == Some("yes"));
            let QuestionKind::RoleGrid { rows } = &q.kind else {
                return;
            };
            for row in rows {
                let people = grid_cell(answers, grid, &row.value, "people").unwrap_or(0.0);
                let fte = grid_cell(answers, grid, &row.value, "fte").unwrap_or(0.0);
                let field = format!("{}.{}.people", q.id, row.value);
                if fte > 0.0 && people <= 0.0 {
                    out.push(problem_at(
                        q,
                        field,
                        format!(
                            "{}: give the number of people who work the {} FTE",
                            row.label,
                            trim_number(fte)
                        ),
                    ));
                } else if fte > 2.0 * people + 1e-9 {
                    out.push(problem_at(
                        q,
                        format!("{}.{}.fte", q.id, row.value),
                        format!(
                            "{}: {} FTE is more than twice {} {} working full time; check the figures",
                            row.label,
                            trim_number(fte),
                            trim_number(people),
                            if people == 1.0 { "person" } else { "people" }
                        ),
                    ));
                } else if fte > people + 1e-9 && !confirmed {
                    out.push(problem_at(
                        q,
                        format!("{}.{}.fte", q.id, row.value),
                        format!(
                            "{}: {} FTE is more than {} {} working full time; check the figures, or confirm that staff work over full time",
                            row.label,
                            trim_number(fte),
                            trim_number(people),
                            if people == 1.0 { "person" } else { "people" }
                        ),
                    ));
                }
            }
        }
        Rule::SumNotAbove {
            questions,
            limit,
            message,
        } => {
            let Some(q) = def.question(limit) else { return };
            if !is_asked(def, answers, q) {
                return;
            }
            let Some(most) = answers.number(limit) else {
                return;
            };
            let sum: f64 = questions.iter().filter_map(|id| answers.number(id)).sum();
            if sum > most + 1e-9 {
                out.push(problem(
                    q,
                    format!(
                        "{message} ({} against {})",
                        trim_number(sum),
                        trim_number(most)
                    ),
                ));
            }
        }
    }
}

/// A number from a role grid cell (`people` or `fte`), accepting numbers or numeric strings.
pub fn grid_cell(answers: &Answers, grid: &str, role: &str, field: &str) -> Option<f64> {
    let cell = answers.get(grid)?.get(role)?.get(field)?;
    match cell {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

fn trim_number(x: f64) -> String {
    let s = format!("{x:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}
