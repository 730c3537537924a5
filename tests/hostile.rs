//! Hostile input: every parser of outside text — survey definitions, the form reader, each CSV
//! importer (populations too), codebooks, coding files, boundary GeoJSON — given arbitrary or mangled input,
//! answers with an error naming what is wrong, and never panics. (Nothing is stored by a parse;
//! the importers' all-or-nothing storage is tested beside each importer.)

use frontline_geo::maps::boundaries::from_geojson;
use frontline_geo::Geography;
use frontline_qualitative::agreement::read_csv;
use frontline_qualitative::codebook::Codebook;
use frontline_web::estimates::import_returns;
use frontline_web::fieldwork::contacts;
use frontline_web::{import_need, returns};
use proptest::prelude::*;
use survey_engine::{form, SurveyDefinition};

/// Text that looks like CSV some of the time: headers that parse, cells that do not.
fn csvish() -> impl Strategy<Value = String> {
    let header = prop_oneof![
        Just("organisation,service,email,pfas,name\n".to_string()),
        Just("pfa,adult_females,marac_cases\n".to_string()),
        Just("pfa,females_16_plus,males_16_plus,children_0_15\n".to_string()),
        Just("unit,coder,code\n".to_string()),
        Just("category,subcategory,definition,examples\n".to_string()),
        Just(format!(
            "{}\n",
            returns::import::required_columns().join(",")
        )),
        Just(String::new()),
    ];
    let cell = prop_oneof![
        Just("Kent".to_string()),
        Just("-5".to_string()),
        Just("1e9".to_string()),
        Just("\"quoted, \"\"comma\"".to_string()),
        Just("😀".to_string()),
        "[a-zA-Z0-9@. ]{0,12}",
        any::<String>(),
    ];
    let row = prop::collection::vec(cell, 0..60).prop_map(|cells| cells.join(","));
    (header, prop::collection::vec(row, 0..6)).prop_map(|(h, rows)| h + &rows.join("\n"))
}

fn geojsonish() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        Just(r#"{"type":"FeatureCollection","features":[]}"#.to_string()),
        "[0-9.,\\[\\] -]{0,80}".prop_map(|coords| format!(
            r#"{{"type":"FeatureCollection","features":[{{"type":"Feature","properties":{{"n":"Kent"}},"geometry":{{"type":"Polygon","coordinates":[{coords}]}}}}]}}"#
        )),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(150))]

    #[test]
    fn importers_answer_with_named_errors_never_a_panic(text in csvish()) {
        let geo = Geography::reference();
        for result in [
            contacts::parse(&geo, "f.csv", &text).err().map(|e| e.to_string()),
            import_need::parse(&geo, "f.csv", &text).err().map(|e| e.to_string()),
            import_returns::parse(&geo, "f.csv", &text).err().map(|e| e.to_string()),
            returns::import::parse(&geo, "f.csv", &text).err().map(|e| e.to_string()),
            Codebook::from_csv("f.csv", &text).err().map(|e| e.to_string()),
            read_csv("f.csv", &text).err().map(|e| e.to_string()),
            frontline_needs::population::read_csv(&geo, &text).err().map(|e| e.to_string()),
        ]
        .into_iter()
        .flatten()
        {
            prop_assert!(result.contains("f.csv") || result.contains(':'), "an error says where: {result}");
        }
    }

    #[test]
    fn definitions_codebooks_and_boundaries_refuse_garbage_cleanly(text in any::<String>(), shape in geojsonish()) {
        if let Err(e) = SurveyDefinition::from_json("s.json", &text) {
            prop_assert!(e.to_string().contains("s.json"), "{e}");
        }
        if let Err(e) = Codebook::from_qdc("c.qdc", &text) {
            prop_assert!(e.to_string().starts_with("c.qdc"), "{e}");
        }
        if let Err(e) = from_geojson(&Geography::reference(), &shape) {
            prop_assert!(e.to_string().starts_with("boundary file"), "{e}");
        }
    }

    #[test]
    fn the_form_reader_takes_any_fields(fields in prop::collection::vec(("[a-z_.]{1,24}", any::<String>()), 0..40)) {
        let catalogue = frontline_web::surveys::catalogue().unwrap();
        for id in ["practitioner-survey-2018", "vfs-core-metrics-2024"] {
            let def = catalogue.get(id).unwrap();
            for section in &def.sections {
                let answers = form::read_section(section, &fields, &["E23000032".to_string()]);
                // Whatever was typed, validation answers with problems naming real questions.
                for problem in survey_engine::validate::check(def, &answers, survey_engine::Stage::Submission) {
                    prop_assert!(!problem.message.is_empty());
                    prop_assert!(def.question(&problem.question).is_some(), "{}", problem.question);
                }
            }
        }
    }
}
