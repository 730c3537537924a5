//! An instrument's answers export described for analysts: each column's label, type and value
//! labels (the codebook), and SPSS syntax that reads the CSV and applies them (no well-kept Rust
//! crate writes `.sav` files, and the syntax needs none).

use crate::definition::{Choice, QuestionKind, SurveyDefinition};

/// One column of an instrument's answers export (its own three columns, then
/// [`crate::export::columns`]) as the codebook and the SPSS syntax describe it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variable {
    pub name: String,
    pub label: String,
    pub kind: &'static str,
    /// Value → label, for closed questions.
    pub values: Vec<(String, String)>,
    /// Whether "other: TEXT" answers may appear beside the values.
    pub other: bool,
    /// The question bank reference, where the question comes from the bank.
    pub bank: String,
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

/// Every column of the answers export, in its order: `response`, `channel`, `submitted_at`,
/// then a column per answer.
pub fn variables(def: &SurveyDefinition) -> Vec<Variable> {
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

/// The codebook's rows: a header `variable,label,type,value_labels,bank`, then a line per
/// column of the answers export.
pub fn codebook_rows(def: &SurveyDefinition) -> Vec<Vec<String>> {
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
    rows
}

/// SPSS syntax that reads `FILE` (the answers CSV) with every variable's type, label and value
/// labels.
pub fn spss_syntax(def: &SurveyDefinition, file: &str) -> String {
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
    format!(
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
    )
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
    use crate::Catalogue;

    fn catalogue() -> Catalogue {
        let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../survey-schemas");
        Catalogue::load_folder(&folder).expect("shipped definitions load")
    }

    #[test]
    fn the_spss_syntax_reads_every_column_with_its_labels() {
        let catalogue = catalogue();
        let def = catalogue.get("sarc-survey-2021").expect("definition");
        let sps = spss_syntax(def, "sarc-survey-2021-answers.csv");
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
        let catalogue = catalogue();
        for id in [
            "sv-provider-survey-2021",
            "sarc-survey-2021",
            "commissioner-survey-2021",
        ] {
            let def = catalogue.get(id).expect("definition");
            let variables: Vec<String> = codebook_rows(def)
                .into_iter()
                .skip(1)
                .map(|row| row[0].clone())
                .collect();
            let mut wanted = vec![
                "response".to_string(),
                "channel".into(),
                "submitted_at".into(),
            ];
            wanted.extend(crate::export::columns(def));
            assert_eq!(variables, wanted, "{id}");
        }
    }
}
