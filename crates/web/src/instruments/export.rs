//! One instrument's submitted answers as CSV, a row per respondent, with its codebook: each
//! variable's label, type and value labels, so the file reads the same in a spreadsheet or R;
//! and an SPSS syntax file that reads the CSV and applies the labels (no well-kept Rust crate
//! writes `.sav` files, and the syntax needs none).

use crate::db::DbConnection;
use crate::error::{AppError, AppResult};
use crate::store::cycles::Cycle;
use crate::store::instruments;
use survey_engine::definition::Choice;
use survey_engine::{export, Answers, QuestionKind, SurveyDefinition};

fn write(rows: Vec<Vec<String>>, what: &str) -> AppResult<String> {
    let fail = |e: csv::Error| AppError::Task(format!("writing {what}: {e}"));
    let mut w = frontline_safety::spreadsheet::CsvText::new();
    for row in rows {
        w.row(&row).map_err(fail)?;
    }
    w.finish().map_err(fail)
}

/// `response,channel,submitted_at` and a column per answer; invited addresses are left out.
pub fn answers_csv(
    conn: &mut DbConnection,
    cycle: &Cycle,
    def: &SurveyDefinition,
) -> AppResult<String> {
    let mut rows = vec![["response", "channel", "submitted_at"]
        .iter()
        .map(|s| s.to_string())
        .chain(export::columns(def))
        .collect::<Vec<_>>()];
    for r in instruments::submitted(conn, cycle.id, &def.id)? {
        let answers = Answers::from_json(&r.answers)?;
        let mut row = vec![
            r.id.to_string(),
            r.channel,
            r.submitted_at.unwrap_or_default(),
        ];
        row.extend(export::row(def, &answers));
        rows.push(row);
    }
    write(rows, "the answers")
}

/// One column of [`answers_csv`] as the codebook and the SPSS syntax describe it.
struct Variable {
    name: String,
    label: String,
    kind: &'static str,
    /// Value → label, for closed questions.
    values: Vec<(String, String)>,
    /// Whether "other: TEXT" answers may appear beside the values.
    other: bool,
    bank: String,
}

fn pairs(choices: &[Choice]) -> Vec<(String, String)> {
    choices
        .iter()
        .map(|c| (c.value.clone(), c.label.clone()))
        .collect()
}

/// The values and "other" of a closed question's kind; none for other kinds.
fn values_of(kind: &QuestionKind) -> (Vec<(String, String)>, bool) {
    match kind {
        QuestionKind::SingleChoice { choices, other }
        | QuestionKind::MultipleChoice { choices, other, .. } => (pairs(choices), *other),
        QuestionKind::BandedChoice { bands } => (pairs(bands), false),
        _ => (Vec::new(), false),
    }
}

/// Every column of [`answers_csv`], in its order.
fn variables(def: &SurveyDefinition) -> Vec<Variable> {
    let fixed = |name: &str, label: &str, kind: &'static str| Variable {
        name: name.into(),
        label: label.into(),
        kind,
        values: Vec::new(),
        other: false,
        bank: String::new(),
    };
    let mut out = vec![
        fixed("response", "Response number", "integer"),
        fixed("channel", "Invitation or the open link's channel", "text"),
        fixed(
            "submitted_at",
            "When the answers were first submitted (UTC)",
            "timestamp",
        ),
    ];
    for q in def.questions() {
        let bank = q.bank.clone().unwrap_or_default();
        let mut push = |name: String,
                        label: String,
                        kind: &'static str,
                        (values, other): (Vec<(String, String)>, bool)| {
            out.push(Variable {
                name,
                label,
                kind,
                values,
                other,
                bank: bank.clone(),
            });
        };
        match &q.kind {
            QuestionKind::Likert { statements, scale } => {
                for st in statements {
                    push(
                        format!("{}.{}", q.id, st.value),
                        format!("{}: {}", q.label, st.label),
                        "single choice",
                        (pairs(scale), false),
                    );
                }
            }
            QuestionKind::RepeatingGroup {
                questions,
                max_items,
                item,
                ..
            } => {
                for n in 1..=*max_items {
                    for sub in questions {
                        push(
                            format!("{}.{n}.{}", q.id, sub.id),
                            format!("{} {n}: {}", item, sub.label),
                            kind_name(&sub.kind),
                            values_of(&sub.kind),
                        );
                    }
                }
            }
            QuestionKind::RoleGrid { rows: roles } => {
                for r in roles {
                    for field in ["people", "fte"] {
                        push(
                            format!("{}.{}.{field}", q.id, r.value),
                            format!("{}: {} ({field})", q.label, r.label),
                            "number",
                            (Vec::new(), false),
                        );
                    }
                }
            }
            kind => push(
                q.id.clone(),
                q.label.clone(),
                kind_name(kind),
                values_of(kind),
            ),
        }
    }
    out
}

/// `variable,label,type,value_labels,bank`: a line per column of [`answers_csv`].
pub fn codebook_csv(def: &SurveyDefinition) -> AppResult<String> {
    let mut rows = vec![["variable", "label", "type", "value_labels", "bank"]
        .map(String::from)
        .to_vec()];
    for v in variables(def) {
        let mut labels = v
            .values
            .iter()
            .map(|(value, label)| format!("{value}={label}"))
            .collect::<Vec<_>>()
            .join("; ");
        if v.other {
            labels.push_str("; other: TEXT=Other, as written");
        }
        rows.push(vec![v.name, v.label, v.kind.to_string(), labels, v.bank]);
    }
    write(rows, "the codebook")
}

/// SPSS syntax that reads `FILE` (the answers CSV) with every variable's type, label and value
/// labels.
pub fn spss_syntax(def: &SurveyDefinition, file: &str) -> AppResult<String> {
    let quote = |text: &str| format!("'{}'", text.replace('\'', "''"));
    let (mut formats, mut labels, mut values) = (Vec::new(), Vec::new(), Vec::new());
    for v in variables(def) {
        let format = match v.kind {
            "integer" => "F8.0",
            "number" | "money (pounds, to the penny)" => "F12.2",
            "text" => "A2000",
            _ => "A255",
        };
        formats.push(format!("  {} {format}", v.name));
        labels.push(format!("  {} {}", v.name, quote(&v.label)));
        if !v.values.is_empty() {
            let pairs: Vec<String> = v
                .values
                .iter()
                .map(|(value, label)| format!("{} {}", quote(value), quote(label)))
                .collect();
            values.push(format!("  {} {}", v.name, pairs.join(" ")));
        }
    }
    Ok(format!(
        "* {title}: submitted answers, as exported by Frontline.\n\
         GET DATA /TYPE=TXT /FILE={file} /ENCODING='UTF8' /ARRANGEMENT=DELIMITED\n  /DELIMITERS=\",\" /QUALIFIER='\"' /FIRSTCASE=2\n  /VARIABLES=\n{variables}.\n\
         VARIABLE LABELS\n{labels}.\n\
         VALUE LABELS\n{values}.\n\
         EXECUTE.\n",
        title = def.title,
        file = quote(file),
        variables = formats.join("\n"),
        labels = labels.join("\n /"),
        values = values.join("\n /"),
    ))
}

fn kind_name(kind: &QuestionKind) -> &'static str {
    match kind {
        QuestionKind::Integer { .. } => "integer",
        QuestionKind::Fte { .. } | QuestionKind::Number { .. } => "number",
        QuestionKind::SingleChoice { .. } | QuestionKind::BandedChoice { .. } => "single choice",
        QuestionKind::MultipleChoice { .. } => "multiple choice (values joined by ;)",
        QuestionKind::Text { .. } => "text",
        QuestionKind::Date => "date (YYYY-MM-DD)",
        QuestionKind::Month => "month (YYYY-MM)",
        QuestionKind::Money { .. } => "money (pounds, to the penny)",
        QuestionKind::AreaAllocation => "area shares (CODE=pct;…)",
        _ => "text",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_spss_syntax_reads_every_column_with_its_labels() {
        let catalogue = crate::surveys::catalogue().expect("catalogue");
        let def = catalogue.get("sarc-survey-2021").expect("definition");
        let sps = spss_syntax(def, "sarc-survey-2021-answers.csv").expect("syntax");
        assert!(sps.contains("/FILE='sarc-survey-2021-answers.csv'"));
        assert!(sps.contains("  region A255"), "{sps}");
        assert!(sps.contains("  referrals_last_year F8.0"));
        assert!(sps.contains("'yorkshire_humber' 'Yorkshire & Humber'"));
        assert!(
            sps.contains("'dont_know' 'Don''t know'"),
            "quotes are doubled"
        );
        assert_eq!(
            sps.matches("  views_commissioning.").count(),
            7 * 3,
            "each statement typed, labelled and value-labelled"
        );
    }

    #[test]
    fn every_answer_column_has_a_codebook_line() {
        let catalogue = crate::surveys::catalogue().expect("catalogue");
        for id in [
            "sv-provider-survey-2021",
            "sarc-survey-2021",
            "commissioner-survey-2021",
        ] {
            let def = catalogue.get(id).expect("definition");
            let book = codebook_csv(def).expect("codebook");
            let variables: Vec<String> = csv::Reader::from_reader(book.as_bytes())
                .records()
                .map(|r| r.expect("record")[0].to_string())
                .collect();
            let mut wanted = vec![
                "response".to_string(),
                "channel".into(),
                "submitted_at".into(),
            ];
            wanted.extend(export::columns(def));
            assert_eq!(variables, wanted, "{id}");
        }
    }
}
