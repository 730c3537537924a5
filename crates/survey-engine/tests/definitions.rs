//! The shipped survey definitions load side by side and validate answers as respondents would give them.

use serde_json::json;
use std::path::Path;
use survey_engine::skip::asked;
use survey_engine::validate::{check, check_section};
use survey_engine::{Answers, Catalogue, PractitionerFigures, Stage, SurveyDefinition};

fn catalogue() -> Catalogue {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../survey-schemas");
    Catalogue::load_folder(&folder).expect("shipped definitions load")
}

fn survey_2017() -> SurveyDefinition {
    catalogue()
        .get("practitioner-survey-2017")
        .expect("2017 survey present")
        .clone()
}

fn complete_answers() -> Answers {
    Answers::from_json(
        &json!({
            "respondent_name": "A. Respondent",
            "respondent_role": "Service manager",
            "service_description": "specialist_da",
            "employs_practitioners": "yes",
            "roles": {
                "idva": {"people": 4, "fte": 3.5},
                "outreach": {"people": 2, "fte": 1.6}
            },
            "idva_high_risk_fte": 3.0,
            "idva_cases": "both",
            "idva_locations": {"values": ["specialist_da", "police", "other"], "other": "Fire service"},
            "volunteers": 6,
            "areas": {"E23000007": 75, "E23000008": 25},
            "biggest_difference": "Sustained funding"
        })
        .to_string(),
    )
    .unwrap()
}

#[test]
fn both_versions_load_and_keep_their_own_questions() {
    let cat = catalogue();
    let ids: Vec<&str> = cat.ids().collect();
    assert_eq!(
        ids,
        vec![
            "commissioner-survey-2021",
            "practitioner-survey-2017",
            "practitioner-survey-2018",
            "sarc-survey-2021",
            "service-profile-2024",
            "service-profile-2026",
            "service-profile-2027",
            "sv-provider-survey-2021",
            "vfs-core-metrics-2024"
        ]
    );
    let v2017 = cat.get("practitioner-survey-2017").unwrap();
    let v2018 = cat.get("practitioner-survey-2018").unwrap();
    assert!(v2017.question("volunteers").is_some());
    assert!(v2017.question("volunteer_people").is_none());
    assert!(v2018.question("volunteer_people").is_some());
    assert!(v2018.question("waiting_list_weeks").is_some());
    assert_ne!(v2017.version, v2018.version);
}

#[test]
fn answers_are_read_under_the_version_they_were_given_under() {
    let cat = catalogue();
    let mut answers = complete_answers();
    let under_2017 =
        PractitionerFigures::from_answers(cat.get("practitioner-survey-2017").unwrap(), &answers);
    assert_eq!(under_2017.volunteers, 6.0);
    answers.set("volunteer_people", json!(9));
    let under_2018 =
        PractitionerFigures::from_answers(cat.get("practitioner-survey-2018").unwrap(), &answers);
    assert_eq!(under_2018.volunteers, 9.0);
}

#[test]
fn a_complete_return_passes_and_yields_its_figures() {
    let def = survey_2017();
    let answers = complete_answers();
    assert_eq!(check(&def, &answers, Stage::Submission), vec![]);
    let f = PractitionerFigures::from_answers(&def, &answers);
    assert_eq!(f.role("idva").fte, 3.5);
    assert_eq!(f.role("idva").people, 4.0);
    assert_eq!(f.role("refuge").fte, 0.0);
    assert_eq!(f.idva_high_risk_fte, 3.0);
    assert_eq!(f.idva_cases.as_deref(), Some("both"));
    assert_eq!(f.idva_locations, vec!["specialist_da", "police", "other"]);
    assert_eq!(f.area_shares.get("E23000007"), Some(&0.75));
    assert!((f.total_fte() - 5.1).abs() < 1e-9);
}

#[test]
fn no_practitioners_skips_to_the_open_questions() {
    let def = survey_2017();
    let answers = Answers::from_json(
        &json!({
            "respondent_name": "B", "respondent_role": "Manager",
            "service_description": "housing", "employs_practitioners": "no",
            "biggest_challenge": "Housing"
        })
        .to_string(),
    )
    .unwrap();
    let ids: Vec<&str> = asked(&def, &answers)
        .iter()
        .map(|q| q.id.as_str())
        .collect();
    assert!(!ids.contains(&"roles"));
    assert!(!ids.contains(&"areas"));
    assert!(ids.contains(&"biggest_difference"));
    assert_eq!(check(&def, &answers, Stage::Submission), vec![]);
    assert_eq!(
        PractitionerFigures::from_answers(&def, &answers).total_fte(),
        0.0
    );
}

#[test]
fn each_problem_names_the_question_and_the_fix() {
    let def = survey_2017();
    let mut answers = complete_answers();
    answers.set("roles", json!({"idva": {"people": 2, "fte": 1.234}}));
    answers.set("volunteers", json!("lots"));
    answers.set("areas", json!({"E23000007": 60, "E23000008": 30}));
    answers.set("idva_cases", json!("sometimes"));
    let problems = check(&def, &answers, Stage::Draft);
    let by_question = |id: &str| {
        problems
            .iter()
            .find(|p| p.question == id)
            .map(|p| p.message.clone())
            .unwrap_or_default()
    };
    assert!(by_question("roles").contains("two decimal places"));
    assert_eq!(by_question("volunteers"), "Enter a whole number, like 3");
    assert_eq!(
        by_question("areas"),
        "The shares must add up to 100% (they add up to 90%)"
    );
    assert_eq!(
        by_question("idva_cases"),
        "'sometimes' is not one of the options"
    );
}

#[test]
fn cross_field_rules_are_checked_on_submission() {
    let def = survey_2017();
    let mut answers = complete_answers();
    answers.set("idva_high_risk_fte", json!(4.0));
    let problems = check(&def, &answers, Stage::Submission);
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].question, "idva_high_risk_fte");
    assert!(problems[0]
        .message
        .contains("cannot be more than your total Idva FTE"));

    let mut answers = complete_answers();
    answers.set("roles", json!({"idva": {"people": 2, "fte": 2.5}}));
    answers.set("idva_high_risk_fte", json!(2.0));
    let problems = check(&def, &answers, Stage::Submission);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].message.starts_with(
        "Idva (independent domestic violence advisor): 2.5 FTE is more than 2 people"
    ));
    assert_eq!(problems[0].field.as_deref(), Some("roles.idva.fte"));
    answers.set("fte_over_people_confirmed", json!("yes"));
    assert_eq!(check(&def, &answers, Stage::Submission), vec![]);
    // No confirmation covers FTE with nobody to work it, or more than twice the people.
    for grid in [
        json!({"idva": {"fte": 1}}),
        json!({"idva": {"people": 1, "fte": 2.5}}),
    ] {
        answers.set("roles", grid.clone());
        answers.set("idva_high_risk_fte", json!(0));
        let problems = check(&def, &answers, Stage::Submission);
        assert_eq!(problems.len(), 1, "{grid}: {problems:?}");
    }
}

#[test]
fn a_sections_checks_across_fields_run_while_later_sections_are_unanswered() {
    let def = survey_2017();
    let mut answers = Answers::new();
    answers.set("employs_practitioners", json!("yes"));
    answers.set("roles", json!({"idva": {"people": 2, "fte": 2.5}}));
    answers.set("idva_high_risk_fte", json!(9.0));
    let practitioners = def
        .sections
        .iter()
        .find(|s| s.id == "practitioners")
        .expect("section");
    let problems = check_section(&def, &answers, practitioners, Stage::Submission);
    let messages: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
    assert!(
        messages
            .iter()
            .any(|m| m.contains("cannot be more than your total Idva FTE")),
        "{messages:?}"
    );
    assert!(
        messages
            .iter()
            .any(|m| m.contains("2.5 FTE is more than 2 people")),
        "{messages:?}"
    );
    assert!(
        problems
            .iter()
            .all(|p| practitioners.questions.iter().any(|q| q.id == p.question)),
        "only this section's: {problems:?}"
    );
}

#[test]
fn every_bad_cell_of_a_role_grid_is_named_once_by_its_input() {
    let def = survey_2017();
    let mut answers = complete_answers();
    answers.set(
        "roles",
        json!({"idva": {"people": "two", "fte": 1.234}, "isva": {"people": 1, "fte": 0.5}}),
    );
    let problems = check(&def, &answers, Stage::Draft);
    let fields: Vec<_> = problems.iter().map(|p| p.field.as_deref()).collect();
    assert_eq!(
        fields,
        vec![Some("roles.idva.people"), Some("roles.idva.fte")],
        "{problems:?}"
    );
    assert!(problems.iter().all(|p| p.question == "roles"));
}

#[test]
fn a_section_is_checked_for_its_own_questions_only() {
    let def = survey_2017();
    let mut answers = complete_answers();
    answers.set("roles", json!({"idva": {"people": 2, "fte": 1.234}}));
    answers.set("volunteers", json!("lots"));
    answers.set("areas", json!({"E23000007": 60, "E23000008": 30}));
    let everywhere = check(&def, &answers, Stage::Draft);
    for section in &def.sections {
        let own = check_section(&def, &answers, section, Stage::Draft);
        let expected: Vec<_> = everywhere
            .iter()
            .filter(|p| section.questions.iter().any(|q| q.id == p.question))
            .cloned()
            .collect();
        assert_eq!(own, expected, "section {}", section.id);
    }
    let with_roles = def
        .sections
        .iter()
        .find(|s| s.questions.iter().any(|q| q.id == "roles"))
        .expect("a section asks roles");
    let own = check_section(&def, &answers, with_roles, Stage::Draft);
    assert!(own.iter().any(|p| p.question == "roles"));
    assert!(
        own.len() < everywhere.len(),
        "another section's problem left out"
    );
}

#[test]
fn drafts_may_be_incomplete_but_submissions_may_not() {
    let def = survey_2017();
    let mut answers = Answers::new();
    answers.set("respondent_name", json!("C"));
    assert_eq!(check(&def, &answers, Stage::Draft), vec![]);
    let problems = check(&def, &answers, Stage::Submission);
    assert!(problems
        .iter()
        .any(|p| p.question == "employs_practitioners" && p.message == "Answer this question"));
}

#[test]
fn a_definition_with_a_dangling_condition_is_refused() {
    let text = r#"{"id":"x","version":"1","title":"X","sections":[{"id":"s","title":"S","questions":[
        {"id":"a","type":"text","label":"A","show_if":{"question":"nope","equals":"yes"}}]}]}"#;
    let err = SurveyDefinition::from_json("x.json", text).unwrap_err();
    assert_eq!(
        err.to_string(),
        "survey definition x.json: question 'a' is shown if 'nope', which is not a question"
    );
}

#[test]
fn the_vfs_return_asks_every_core_metric_and_checks_weeks() {
    let cat = catalogue();
    let vfs = cat.get("vfs-core-metrics-2024").unwrap();
    let mut answers = Answers::new();
    answers.set("waiting_weeks_median", serde_json::json!("3.25"));
    let problems = check(vfs, &answers, Stage::Draft);
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].question, "waiting_weeks_median");
    assert_eq!(problems[0].message, "Give no more than 1 decimal place(s)");
    assert!(vfs
        .questions()
        .all(|q| q.label != q.id && !q.label.is_empty()));
    let submitted = check(vfs, &Answers::new(), Stage::Submission);
    assert_eq!(submitted.len(), 47, "every required core metric");
}

#[test]
fn a_condition_gives_one_value_or_a_list_never_both() {
    let both = r#"{"id":"x","version":"1","title":"X","sections":[{"id":"s","title":"S","questions":[
        {"id":"a","type":"single_choice","label":"A","choices":[{"value":"y","label":"Y"}]},
        {"id":"b","type":"text","label":"B","show_if":{"question":"a","equals":"y","any_of":["y"]}}]}]}"#;
    let err = SurveyDefinition::from_json("x.json", both).unwrap_err();
    assert!(
        err.to_string().contains("give 'equals' or 'any_of'"),
        "{err}"
    );
}

#[test]
fn safe_accommodation_questions_are_asked_of_refuges_and_checked_against_referrals() {
    let catalogue = catalogue();
    let def = catalogue
        .get("service-profile-2027")
        .expect("the 2027 profile is present");
    let ids = |answers: &Answers| -> Vec<String> {
        asked(def, answers)
            .into_iter()
            .map(|q| q.id.clone())
            .collect()
    };
    let mut answers = Answers::new();
    answers.set("services_offered", json!(["idva"]));
    assert!(!ids(&answers).contains(&"family_places".to_string()));
    for safe in ["refuge", "other_safe_accommodation"] {
        answers.set("services_offered", json!(["idva", safe]));
        assert!(
            ids(&answers).contains(&"family_places".to_string()),
            "{safe}"
        );
    }

    answers.set("genders_served", json!(["women"]));
    answers.set("referral_routes", json!(["self"]));
    answers.set("crime_types", json!(["domestic_abuse"]));
    answers.set("referrals_received", json!(10));
    answers.set("referrals_accepted", json!(4));
    answers.set("declined_no_space", json!(5));
    answers.set("placements_out_of_area", json!(4));
    assert_eq!(
        check(def, &answers, Stage::Submission),
        vec![],
        "9 of 10 referrals accounted for"
    );
    answers.set("declined_no_recourse", json!(2));
    let problems = check(def, &answers, Stage::Submission);
    let over: Vec<_> = problems
        .iter()
        .filter(|p| p.question == "referrals_received")
        .collect();
    assert_eq!(over.len(), 1, "{problems:?}");
    assert_eq!(
        over[0].message,
        "Referrals accepted and declined add up to more than the referrals received (11 against 10)"
    );
    answers.set("placements_out_of_area", json!(5));
    assert!(check(def, &answers, Stage::Submission)
        .iter()
        .any(|p| p.question == "referrals_accepted"
            && p.message.contains("placed from outside the area")));
}
