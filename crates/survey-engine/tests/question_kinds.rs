//! The question types the SV and commissioner surveys need — likert grids, repeating groups,
//! dates, months, money and banded choices — read from a posted form, checked with messages
//! that name the item and question, and exported one column per cell.

use survey_engine::export::{columns, row};
use survey_engine::form::read_section;
use survey_engine::validate::check;
use survey_engine::{Stage, SurveyDefinition};

const DEFINITION: &str = r#"{
  "id": "kinds-test",
  "version": "1",
  "title": "Question kinds",
  "sections": [{
    "id": "all",
    "title": "All kinds",
    "questions": [
      {"id": "started", "type": "date", "label": "When did the service start?"},
      {"id": "since", "type": "month", "label": "Month of the last inspection"},
      {"id": "budget", "type": "money", "label": "Annual budget", "max_pounds": 1000000},
      {"id": "time_in_post", "type": "banded_choice", "label": "Time in post", "bands": [
        {"value": "under_1", "label": "Under 1 year"}, {"value": "1_to_2", "label": "1 to 2 years"},
        {"value": "3_plus", "label": "3 years or more"}]},
      {"id": "views", "type": "likert", "label": "How far do you agree?", "required": true,
       "statements": [{"value": "funding_secure", "label": "Our funding is secure"},
                      {"value": "partners_listen", "label": "Partners listen to us"}],
       "scale": [{"value": "disagree", "label": "Disagree"}, {"value": "neutral", "label": "Neither"},
                 {"value": "agree", "label": "Agree"}, {"value": "dont_know", "label": "Don't know"}]},
      {"id": "funding", "type": "repeating_group", "label": "Funding streams", "item": "funding stream",
       "required": true, "max_items": 3, "questions": [
        {"id": "funder", "type": "text", "label": "Funder", "required": true},
        {"id": "start", "type": "date", "label": "Start date", "required": true},
        {"id": "annual", "type": "money", "label": "Annual amount"}]}
    ]
  }]
}"#;

fn definition() -> SurveyDefinition {
    SurveyDefinition::from_json("kinds.json", DEFINITION).expect("the definition loads")
}

fn post(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[test]
fn a_posted_form_reads_into_typed_answers_and_exports_one_column_per_cell() {
    let def = definition();
    let fields = post(&[
        ("started", "2019-04-01"),
        ("since", "2023-11"),
        ("budget", "£250,000.50"),
        ("time_in_post", "1_to_2"),
        ("views.funding_secure", "disagree"),
        ("views.partners_listen", "agree"),
        ("funding.0.funder", "PCC for Kent"),
        ("funding.0.start", "2022-04-01"),
        ("funding.0.annual", "45,000"),
        // A blank block the form offers for one more stream is dropped.
        ("funding.1.funder", ""),
        ("funding.2.funder", "Lottery"),
        ("funding.2.start", "2021-01-01"),
    ]);
    let answers = read_section(&def.sections[0], &fields, &[]);
    assert_eq!(answers.get("budget"), Some(&serde_json::json!(25_000_050)));
    let funding = answers.get("funding").unwrap().as_array().unwrap();
    assert_eq!(funding.len(), 2, "blank items close up");
    assert_eq!(funding[0]["annual"], 4_500_000);
    assert!(check(&def, &answers, Stage::Submission).is_empty());

    let cols = columns(&def);
    let cells = row(&def, &answers);
    let cell = |name: &str| cells[cols.iter().position(|c| c == name).unwrap()].clone();
    assert_eq!(cell("budget"), "250000.50");
    assert_eq!(cell("views.partners_listen"), "agree");
    assert_eq!(cell("funding.1.annual"), "45000.00");
    assert_eq!(cell("funding.2.funder"), "Lottery");
    assert_eq!(cell("funding.3.funder"), "");
    assert_eq!(cols.len(), 4 + 2 + 3 * 3);

    // Removing an item closes the list up.
    let mut removed = fields.clone();
    removed.push(("funding.0.remove".into(), "1".into()));
    let answers = read_section(&def.sections[0], &removed, &[]);
    assert_eq!(answers.get("funding").unwrap()[0]["funder"], "Lottery");
}

#[test]
fn problems_name_the_item_and_the_question() {
    let def = definition();
    let problems = |pairs: &[(&str, &str)], stage: Stage| -> Vec<String> {
        let answers = read_section(&def.sections[0], &post(pairs), &[]);
        check(&def, &answers, stage)
            .into_iter()
            .map(|p| format!("{}: {}", p.question, p.message))
            .collect()
    };
    let draft = problems(
        &[
            ("started", "2023-02-29"),
            ("since", "April"),
            ("budget", "12.345"),
            ("time_in_post", "forever"),
            ("views.funding_secure", "strongly"),
            ("funding.0.funder", "PCC"),
            ("funding.0.start", "2021-31-01"),
        ],
        Stage::Draft,
    );
    assert_eq!(
        draft,
        vec![
            "started: 29 February 2023 is not a real date",
            "since: Enter a real month and year as numbers, like 3 2021",
            "budget: Enter an amount in pounds, like 12,500 or 12,500.50",
            "time_in_post: 'forever' is not one of the options",
            "views: Our funding is secure: 'strongly' is not one of the answers",
            "funding: Funding stream 1, Start date: Enter a real date, with the day, month and year as numbers, like 27 3 2021",
        ]
    );
    let too_much = problems(&[("budget", "1000000.01")], Stage::Draft);
    assert_eq!(
        too_much,
        vec!["budget: The amount must be £1,000,000.00 or less"]
    );
    // On submission: every statement rated, at least one stream, each with its required answers
    // (every one missing, at once).
    let submission = problems(
        &[
            ("views.funding_secure", "agree"),
            ("funding.0.annual", "100"),
        ],
        Stage::Submission,
    );
    assert_eq!(
        submission,
        vec![
            "views: Choose an answer for 'Partners listen to us'",
            "funding: Funding stream 1, Funder: answer this question",
            "funding: Funding stream 1, Start date: answer this question",
        ]
    );
    // Each item's problem names its own field, to be said beside it and linked from the summary.
    let answers = read_section(&def.sections[0], &post(&[("funding.0.annual", "100")]), &[]);
    let fields: Vec<String> = check(&def, &answers, Stage::Submission)
        .into_iter()
        .filter_map(|p| p.field)
        .collect();
    assert!(
        fields.contains(&"funding.0.funder".to_string()),
        "{fields:?}"
    );
    let none = problems(&[("views.funding_secure", "agree")], Stage::Submission);
    assert!(
        none.contains(&"funding: Add at least one funding stream".to_string()),
        "{none:?}"
    );
}
