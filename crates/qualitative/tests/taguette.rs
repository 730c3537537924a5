//! The codebook CSV against a real Taguette 1.5.2 (from PyPI): Taguette's own importer reads the
//! file `frontline coding export-codebook` writes, every code with its path and description, and
//! the codebook Taguette exports reads back into the same codes.
//!
//! Runs where `FRONTLINE_TAGUETTE_PYTHON` names a Python with `taguette==1.5.2` installed (CI
//! makes one: `.ci/run`); elsewhere it says it skipped.

use frontline_qualitative::codebook::{Codebook, PATH_SEPARATOR};
use std::path::PathBuf;
use std::process::Command;

fn taguette_python() -> Option<PathBuf> {
    let python = std::env::var_os("FRONTLINE_TAGUETTE_PYTHON").map(PathBuf::from);
    if python.is_none() {
        eprintln!("skipped: set FRONTLINE_TAGUETTE_PYTHON to a Python with taguette==1.5.2");
    }
    python
}

/// Runs `script` in Taguette's Python with `args`; returns what it printed.
fn run(python: &PathBuf, script: &str, args: &[&str]) -> String {
    let out = Command::new(python)
        .arg("-c")
        .arg(script)
        .args(args)
        .output()
        .expect("Taguette's Python runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

const READ: &str = r#"
import json, sys
from taguette.import_codebook import list_tags
with open(sys.argv[1], "rb") as f:
    print(json.dumps(list_tags(f)))
"#;

const WRITE: &str = r#"
import json, sys
from types import SimpleNamespace
from taguette.export import codebook_csv
tags = [SimpleNamespace(path=t["path"], description=t["description"],
                        highlights_count=0, documents_count=0)
        for t in json.loads(sys.argv[1])]
with open(sys.argv[2], "w", newline="") as f:
    codebook_csv(tags, f)
"#;

fn codebook() -> Codebook {
    Codebook::from_csv(
        "barriers.csv",
        "category,subcategory,definition,examples\n\
         Funding,,Money for the service,\"short-term grants, cuts\"\n\
         Funding,Short-term,Grants of a year or less,\n\
         Workforce,,Recruiting and keeping staff,\n\
         Workforce,Caseloads,\"Too many cases, \"\"too little time\"\"\",\n",
    )
    .expect("the codebook reads")
}

#[test]
fn taguette_reads_the_exported_codebook_and_its_export_reads_back() {
    let Some(python) = taguette_python() else {
        return;
    };
    let folder = std::env::temp_dir().join(format!("frontline-taguette-{}", std::process::id()));
    std::fs::create_dir_all(&folder).expect("folder");
    let ours = folder.join("codebook.csv");
    let book = codebook();
    std::fs::write(&ours, book.to_csv()).expect("written");

    // Taguette imports every code, with its category path and its definition.
    let tags: serde_json::Value =
        serde_json::from_str(&run(&python, READ, &[&ours.display().to_string()])).expect("JSON");
    let read: Vec<(String, String)> = tags
        .as_array()
        .expect("a list of tags")
        .iter()
        .map(|t| {
            (
                t["path"].as_str().unwrap_or_default().to_string(),
                t["description"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    let expected: Vec<(String, String)> = book
        .codes
        .iter()
        .flat_map(|c| {
            std::iter::once((c.name.clone(), c.definition.clone())).chain(c.children.iter().map(
                |s| {
                    (
                        format!("{}{PATH_SEPARATOR}{}", c.name, s.name),
                        s.definition.clone(),
                    )
                },
            ))
        })
        .collect();
    assert_eq!(read, expected);

    // Taguette's own codebook export (tag,description,…) reads back as the same codes.
    let theirs = folder.join("taguette-codebook.csv");
    run(
        &python,
        WRITE,
        &[&tags.to_string(), &theirs.display().to_string()],
    );
    let text = std::fs::read_to_string(&theirs).expect("Taguette wrote it");
    assert!(text.starts_with("tag,description"), "{text}");
    let back = Codebook::from_csv("taguette-codebook.csv", &text).expect("reads back");
    let names = |b: &Codebook| -> Vec<(String, String, Vec<String>)> {
        b.codes
            .iter()
            .map(|c| {
                (
                    c.name.clone(),
                    c.definition.clone(),
                    c.children.iter().map(|s| s.name.clone()).collect(),
                )
            })
            .collect()
    };
    assert_eq!(names(&back), names(&book));
    let _ = std::fs::remove_dir_all(&folder);
}
