//! The SV study's three instruments share questions through the question bank, so their answers
//! can be compared; a bank question keeps its wording per version.

use std::path::Path;
use survey_engine::bank::QuestionBank;
use survey_engine::Catalogue;

fn catalogue() -> Catalogue {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../survey-schemas");
    Catalogue::load_folder(&folder).expect("shipped definitions and bank load")
}

#[test]
fn the_three_instruments_share_the_profile_and_views_questions() {
    let all = catalogue();
    let instruments = [
        "sv-provider-survey-2021",
        "sarc-survey-2021",
        "commissioner-survey-2021",
    ];
    for shared in [
        "respondent_role@1",
        "time_in_post@1",
        "age_band@1",
        "views_commissioning@1",
    ] {
        let copies: Vec<String> = instruments
            .iter()
            .map(|id| {
                let def = all.get(id).unwrap();
                let q = def
                    .questions()
                    .find(|q| q.bank.as_deref() == Some(shared))
                    .unwrap_or_else(|| panic!("{id} asks {shared}"));
                serde_json::to_string(q).unwrap()
            })
            .collect();
        assert!(
            copies.windows(2).all(|w| w[0] == w[1]),
            "{shared} is the same everywhere"
        );
    }
    // The provider survey's funding streams come from the bank too, as a repeating group.
    let provider = all.get("sv-provider-survey-2021").unwrap();
    let streams = provider.question("funding_streams").unwrap();
    assert_eq!(streams.bank.as_deref(), Some("funding_streams@1"));
    assert!(
        streams.required,
        "the instrument may require a bank question"
    );
}

const BANK: &str = r#"{"id": "b", "questions": [
  {"id": "trust", "version": 1, "type": "text", "label": "Do you trust the police?"},
  {"id": "trust", "version": 2, "type": "text", "label": "How far do you trust the police?"}
]}"#;

fn instrument(reference: &str) -> String {
    format!(
        r#"{{"id": "i", "version": "1", "title": "I", "sections": [{{"id": "s", "title": "S", "questions": [{{"bank": "{reference}"}}]}}]}}"#
    )
}

#[test]
fn a_new_wording_is_a_new_version_and_an_instrument_keeps_the_one_it_names() {
    let mut bank = QuestionBank::default();
    bank.add_file("b.bank.json", BANK).unwrap();
    let old = bank.definition("i.json", &instrument("trust@1")).unwrap();
    assert_eq!(
        old.question("trust").unwrap().label,
        "Do you trust the police?"
    );
    let new = bank.definition("i.json", &instrument("trust@2")).unwrap();
    assert_eq!(
        new.question("trust").unwrap().label,
        "How far do you trust the police?"
    );
    let missing = bank
        .definition("i.json", &instrument("trust@3"))
        .unwrap_err()
        .to_string();
    assert_eq!(
        missing,
        "survey definition i.json: the question bank has no 'trust@3'"
    );
    let twice = bank
        .add_file("again.bank.json", BANK)
        .unwrap_err()
        .to_string();
    assert!(twice.contains("trust@1 is defined twice"), "{twice}");
}
