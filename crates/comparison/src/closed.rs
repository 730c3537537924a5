//! A closed question (single, banded or multiple choice) tabulated by group: respondents and
//! the percentage of the group's respondents who answered it, computed from the counts. Every
//! cell counts people, so all of them pass through the disclosure rule: a single-choice table is
//! protected as one two-way table (groups × answers with both margins), so no hidden cell can
//! be found by subtraction; a multiple-choice question's answers overlap and are protected one
//! by one.

use crate::{ComparisonError, Group};
use frontline_disclosure::{
    CellProtector, Grid, KeyedGrid, Protection, SuppressionRule, SUPPRESSED,
};
use frontline_geo::tables::{percent, share_pct, Table};
use survey_engine::definition::Choice;
use survey_engine::{Answers, Question, QuestionKind};

/// The columns of every closed-question table.
pub const COLUMNS: [&str; 4] = ["group", "answer", "respondents", "pct_of_group"];

/// What "everyone who answered" is called in the tables.
pub const ALL_ANSWERING: &str = "All answering";

/// The answers a closed question offers, with "Other" where it takes one; none for other kinds.
pub fn options(question: &Question) -> Option<(Vec<Choice>, bool)> {
    let with_other = |choices: &[Choice], other: bool| {
        let mut all = choices.to_vec();
        if other {
            all.push(Choice {
                value: "other".into(),
                label: "Other".into(),
            });
        }
        all
    };
    match &question.kind {
        QuestionKind::SingleChoice { choices, other } => Some((with_other(choices, *other), false)),
        QuestionKind::BandedChoice { bands } => Some((bands.clone(), false)),
        QuestionKind::MultipleChoice { choices, other, .. } => {
            Some((with_other(choices, *other), true))
        }
        _ => None,
    }
}

/// One group's counts: respondents per option and respondents who answered.
struct Counts {
    per_option: Vec<i64>,
    answering: i64,
}

fn count(question: &Question, options: &[Choice], multiple: bool, answers: &[Answers]) -> Counts {
    let mut per_option = vec![0; options.len()];
    let mut answering = 0;
    for a in answers {
        let chosen: Vec<&str> = if multiple {
            a.choices(&question.id)
        } else {
            a.choice(&question.id).into_iter().collect()
        };
        let mut answered = false;
        for value in chosen {
            if let Some(at) = options.iter().position(|o| o.value == value) {
                per_option[at] += 1;
                answered = true;
            }
        }
        answering += i64::from(answered);
    }
    Counts {
        per_option,
        answering,
    }
}

/// Tabulates `key` (a bank reference or a question id) for every group that asks it.
pub fn tabulate(
    key: &str,
    name: &str,
    groups: &[Group],
    protector: &dyn CellProtector,
) -> Result<Table, ComparisonError> {
    let rule = protector.rule();
    let asked: Vec<(&Group, &Question)> = groups
        .iter()
        .filter_map(|g| g.question(key).map(|q| (g, q)))
        .collect();
    let (first, (options, multiple)) = asked
        .iter()
        .find_map(|(_, q)| options(q).map(|o| (*q, o)))
        .ok_or_else(|| ComparisonError::NotClosed(key.to_string()))?;
    let counts: Vec<(&str, Counts)> = asked
        .iter()
        .map(|(g, q)| (g.name.as_str(), count(q, &options, multiple, &g.answers)))
        .collect();
    let mut table = Table::new(name, &first.label, &COLUMNS)
        .with_note(&note(rule, multiple))
        .counting_people()
        .keyed_by(2);
    if multiple {
        push_overlapping(&mut table, name, &options, &counts, protector)?;
    } else {
        push_exclusive(&mut table, name, &options, &counts, protector)?;
    }
    Ok(table)
}

fn note(rule: &SuppressionRule, multiple: bool) -> String {
    let base = format!(
        "Percentages are of the group's respondents who answered the question. {} A group with fewer than {} people answering is not shown, zeros included.",
        rule.describe(),
        rule.threshold()
    );
    if multiple {
        format!("{base} Respondents could choose more than one answer, so percentages can add up to more than 100.")
    } else {
        base
    }
}

/// Single choice: groups × options as one two-way table with margins.
fn push_exclusive(
    table: &mut Table,
    name: &str,
    options: &[Choice],
    counts: &[(&str, Counts)],
    protector: &dyn CellProtector,
) -> Result<(), ComparisonError> {
    let rows: Vec<(String, Vec<i64>)> = counts
        .iter()
        .map(|(g, c)| (g.to_string(), c.per_option.clone()))
        .collect();
    let columns: Vec<String> = options.iter().map(|o| o.value.clone()).collect();
    let (keyed, at) = KeyedGrid::two_way(name, &rows, &columns, "All groups", ALL_ANSWERING);
    let shown = keyed.protect(protector, name)?;
    let grid = keyed.grid;
    for (g, (group, _)) in counts.iter().enumerate() {
        let place = Place {
            grid: &grid,
            shown: &shown,
            cells: &at.interior[g],
            total: at.row_totals[g],
        };
        push_group(table, group, options, &place, protector.rule());
    }
    Ok(())
}

/// Where one group's counts sit in a protected grid.
struct Place<'a> {
    grid: &'a Grid,
    shown: &'a Protection,
    cells: &'a [usize],
    total: usize,
}

/// A group's row per option and its "all answering" row, as the protection shows them. A
/// group with fewer people answering than the rule's threshold is hidden whole, zeros too: its
/// zeros beside one hidden count would say what everyone in it answered.
fn push_group(
    table: &mut Table,
    group: &str,
    options: &[Choice],
    at: &Place,
    rule: &SuppressionRule,
) {
    let value = |cell: usize| at.grid.values()[cell];
    let total = at.total;
    let whole_group_hidden = rule.is_small(value(total));
    for (option, &cell) in options.iter().zip(at.cells) {
        let (count, pct) = if whole_group_hidden {
            (SUPPRESSED.to_string(), SUPPRESSED.to_string())
        } else {
            (
                at.shown.show(cell, || value(cell).to_string()),
                at.shown.show_derived(&[cell, total], || {
                    percent(share_pct(value(cell) as f64, value(total) as f64))
                }),
            )
        };
        table.push(vec![group.to_string(), option.label.clone(), count, pct]);
    }
    table.push(vec![
        group.to_string(),
        ALL_ANSWERING.into(),
        at.shown.show(total, || value(total).to_string()),
        at.shown.show(total, || percent(share_pct(1.0, 1.0))),
    ]);
}

/// Multiple choice: each option's count beside the number answering. Everyone answering chose
/// at least one option, and no option more people than answered: the options cover the number
/// answering, a relation a reader knows too. One family per group.
fn push_overlapping(
    table: &mut Table,
    name: &str,
    options: &[Choice],
    counts: &[(&str, Counts)],
    protector: &dyn CellProtector,
) -> Result<(), ComparisonError> {
    for (group, c) in counts {
        let mut g = KeyedGrid::new();
        let cells: Vec<usize> = options
            .iter()
            .zip(&c.per_option)
            .map(|(o, &n)| g.cell(format!("{name}/{group}/{}", o.value), n))
            .collect();
        let total = g.cell(format!("{name}/{group}/{ALL_ANSWERING}"), c.answering);
        let _ = g.grid.covered_by(total, &cells);
        let shown = g.protect(protector, &format!("{name}/{group}"))?;
        let place = Place {
            grid: &g.grid,
            shown: &shown,
            cells: &cells,
            total,
        };
        push_group(table, group, options, &place, protector.rule());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use frontline_disclosure::SUPPRESSED;
    use serde_json::json;
    use survey_engine::SurveyDefinition;

    fn definition(id: &str) -> SurveyDefinition {
        SurveyDefinition::from_json(
            "test.json",
            &json!({
                "id": id, "version": "1", "title": id,
                "sections": [{"id": "profile", "title": "About you", "questions": [
                    {"id": "gender", "type": "single_choice", "label": "Gender", "bank": "gender@1",
                     "choices": [{"value": "woman", "label": "Woman"}, {"value": "man", "label": "Man"}], "other": true},
                    {"id": "offers", "type": "multiple_choice", "label": "Offers",
                     "choices": [{"value": "isva", "label": "Isva"}, {"value": "therapy", "label": "Therapy"}]}
                ]}]
            })
            .to_string(),
        )
        .expect("test definition")
    }

    fn answers(values: &[serde_json::Value]) -> Vec<Answers> {
        values
            .iter()
            .map(|v| Answers::from_json(&v.to_string()).expect("answers"))
            .collect()
    }

    fn genders(spec: &[(&str, usize)]) -> Vec<Answers> {
        let values: Vec<_> = spec
            .iter()
            .flat_map(|(g, n)| std::iter::repeat_n(json!({ "gender": g }), *n))
            .collect();
        answers(&values)
    }

    fn rule(n: u32) -> SuppressionRule {
        SuppressionRule::new(n).expect("rule")
    }

    fn row<'t>(t: &'t Table, group: &str, answer: &str) -> &'t [String] {
        t.rows
            .iter()
            .find(|r| r[0] == group && r[1] == answer)
            .map(Vec::as_slice)
            .expect("row")
    }

    #[test]
    fn percentages_are_of_those_answering_in_each_group() {
        let (a, b) = (definition("a"), definition("b"));
        let groups = [
            Group {
                name: "Providers".into(),
                definition: &a,
                answers: genders(&[("woman", 15), ("man", 5)]),
            },
            Group {
                name: "SARCs".into(),
                definition: &b,
                answers: genders(&[("woman", 6), ("man", 6), ("other", 8)]),
            },
        ];
        let t = tabulate("gender@1", "profile-gender", &groups, &rule(1)).expect("table");
        assert_eq!(row(&t, "Providers", "Woman")[2..], ["15", "75"]);
        assert_eq!(row(&t, "SARCs", "Other")[2..], ["8", "40"]);
        assert_eq!(row(&t, "SARCs", ALL_ANSWERING)[2..], ["20", "100"]);
    }

    #[test]
    fn a_two_person_cell_and_its_complement_are_suppressed() {
        let (a, b) = (definition("a"), definition("b"));
        let groups = [
            Group {
                name: "Providers".into(),
                definition: &a,
                answers: genders(&[("woman", 20), ("man", 2), ("other", 9)]),
            },
            Group {
                name: "SARCs".into(),
                definition: &b,
                answers: genders(&[("woman", 12), ("man", 7), ("other", 8)]),
            },
        ];
        let t = tabulate("gender@1", "profile-gender", &groups, &rule(5)).expect("table");
        assert_eq!(row(&t, "Providers", "Man")[2], SUPPRESSED);
        assert_eq!(row(&t, "Providers", "Man")[3], SUPPRESSED);
        let hidden_in_row = ["Woman", "Other"]
            .iter()
            .filter(|o| row(&t, "Providers", o)[2] == SUPPRESSED)
            .count();
        let hidden_in_column = row(&t, "SARCs", "Man")[2] == SUPPRESSED;
        assert_eq!(
            hidden_in_row, 1,
            "a second cell in the row hides the first: {t:?}"
        );
        assert!(
            hidden_in_column,
            "a second cell in the column hides the first"
        );
        assert_eq!(row(&t, "Providers", ALL_ANSWERING)[2], "31");
    }

    #[test]
    fn multiple_choice_counts_each_option_against_those_answering() {
        let a = definition("a");
        let groups = [Group {
            name: "Providers".into(),
            definition: &a,
            answers: answers(&[
                json!({"offers": ["isva", "therapy"]}),
                json!({"offers": ["isva"]}),
                json!({"offers": ["therapy"]}),
                json!({"offers": ["isva"]}),
                json!({}),
            ]),
        }];
        let t = tabulate("offers", "offers", &groups, &rule(1)).expect("table");
        assert_eq!(row(&t, "Providers", "Isva")[2..], ["3", "75"]);
        assert_eq!(row(&t, "Providers", ALL_ANSWERING)[2], "4");
    }

    #[test]
    fn an_open_question_is_refused() {
        let a = definition("a");
        let groups = [Group {
            name: "P".into(),
            definition: &a,
            answers: Vec::new(),
        }];
        assert!(matches!(
            tabulate("nothing", "x", &groups, &rule(1)),
            Err(ComparisonError::NotClosed(_))
        ));
    }

    proptest::proptest! {
        /// Whatever the answers: every count shown is zero or at least the threshold, and a group
        /// whose total is shown never has exactly one hidden answer (it could be subtracted out).
        #[test]
        fn no_small_count_is_shown_or_derivable(
            a in proptest::collection::vec(0usize..3, 0..30),
            b in proptest::collection::vec(0usize..3, 0..30),
            threshold in 2u32..6,
        ) {
            let values = ["woman", "man", "other"];
            let to_answers = |picks: &[usize]| answers(&picks.iter().map(|&p| json!({"gender": values[p]})).collect::<Vec<_>>());
            let (da, db) = (definition("a"), definition("b"));
            let groups = [
                Group { name: "A".into(), definition: &da, answers: to_answers(&a) },
                Group { name: "B".into(), definition: &db, answers: to_answers(&b) },
            ];
            let t = tabulate("gender@1", "g", &groups, &rule(threshold)).expect("table");
            for r in &t.rows {
                if let Ok(n) = r[2].parse::<u32>() {
                    proptest::prop_assert!(n == 0 || n >= threshold, "{r:?}");
                }
            }
            for g in ["A", "B"] {
                let rows: Vec<_> = t.rows.iter().filter(|r| r[0] == g).collect();
                let total_shown = rows.iter().any(|r| r[1] == ALL_ANSWERING && r[2] != SUPPRESSED);
                let hidden = rows.iter().filter(|r| r[1] != ALL_ANSWERING && r[2] == SUPPRESSED).count();
                proptest::prop_assert!(!(total_shown && hidden == 1), "{rows:?}");
            }
        }
    }
}
