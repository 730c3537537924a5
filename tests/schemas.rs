//! Every survey definition shipped in `survey-schemas/` follows the format's JSON Schema (the
//! one editors use), every question of the shared bank follows its question part, and a
//! definition that breaks the schema is caught.

use boon::{Compiler, Schemas};
use serde_json::Value;
use std::path::{Path, PathBuf};

const SCHEMA: &str = "survey-definition.schema.json";

fn folder() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../survey-schemas")
}

fn read(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The schema compiled at `pointer` (e.g. `` for the whole, `/$defs/question`).
fn compiled(pointer: &str) -> (Schemas, boon::SchemaIndex) {
    let url = format!("file:///survey-schemas/{SCHEMA}");
    let mut compiler = Compiler::new();
    compiler
        .add_resource(&url, read(&folder().join(SCHEMA)))
        .expect("the schema loads");
    let mut schemas = Schemas::new();
    let index = compiler
        .compile(&format!("{url}#{pointer}"), &mut schemas)
        .expect("the schema compiles");
    (schemas, index)
}

fn files(suffix: &str) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(folder())
        .expect("survey-schemas/")
        .map(|e| e.expect("entry").path())
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            name.ends_with(suffix) && name != SCHEMA
        })
        .collect();
    out.sort();
    out
}

#[test]
fn every_shipped_definition_follows_the_schema() {
    let (schemas, index) = compiled("");
    let definitions: Vec<PathBuf> = files(".json")
        .into_iter()
        .filter(|p| !p.to_string_lossy().ends_with(".bank.json"))
        .collect();
    assert!(definitions.len() >= 6, "{definitions:?}");
    for path in definitions {
        if let Err(e) = schemas.validate(&read(&path), index) {
            panic!("{} does not follow {SCHEMA}:\n{e:#}", path.display());
        }
    }
}

#[test]
fn every_bank_question_follows_the_question_schema() {
    let (schemas, index) = compiled("/$defs/question");
    for path in files(".bank.json") {
        let bank = read(&path);
        let questions = bank["questions"].as_array().expect("a bank has questions");
        for q in questions {
            let mut q = q.clone();
            // The bank's own field: which version of the question this is.
            q.as_object_mut()
                .expect("a question object")
                .remove("version");
            if let Err(e) = schemas.validate(&q, index) {
                panic!("{} question {}:\n{e:#}", path.display(), q["id"]);
            }
        }
    }
}

#[test]
fn a_definition_that_breaks_the_schema_is_caught() {
    let (schemas, index) = compiled("");
    let mut broken = read(&folder().join("sarc-survey-2021.json"));
    broken["sections"][0]["questions"][0] = serde_json::json!({"bank": "respondent_role"});
    assert!(
        schemas.validate(&broken, index).is_err(),
        "a bank reference needs @version"
    );
    let mut broken = read(&folder().join("sarc-survey-2021.json"));
    broken["sections"][1]["questions"][0]["type"] = serde_json::json!("slider");
    assert!(
        schemas.validate(&broken, index).is_err(),
        "an unknown question type"
    );
}
