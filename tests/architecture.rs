//! The layout keeps the architecture: domain crates know nothing of HTTP or SQL, no crate's
//! modules depend on each other in a cycle, every module says what it is for, no crate outgrows
//! the rest, and stored states are compared as types, never as string literals.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// Crates of pure domain logic: no HTTP, no SQL, no mail, no templates, no runtime.
const DOMAIN_CRATES: &[&str] = &[
    "comparison",
    "csv-import",
    "disclosure",
    "geo",
    "needs",
    "provision",
    "qualitative",
    "returns",
    "safety",
    "survey-engine",
    "trends",
    "voice",
    "grants",
];

/// Dependencies that would tie a domain crate to a transport, a database or a renderer.
const FORBIDDEN_IN_DOMAIN: &[&str] = &[
    "actix-web",
    "diesel",
    "lettre",
    "minijinja",
    "tokio",
    "reqwest",
    "frontline-store",
    "frontline-web",
];

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn crate_dirs() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = fs::read_dir(workspace().join("crates"))
        .expect("crates folder")
        .map(|e| e.expect("crate entry").path())
        .filter(|p| p.join("Cargo.toml").exists())
        .collect();
    dirs.sort();
    dirs
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).expect("source folder") {
            let path = entry.expect("source entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// The names a crate's `[dependencies]` table lists (dev-dependencies are allowed anything).
fn dependencies(manifest: &str) -> BTreeSet<String> {
    let mut in_dependencies = false;
    let mut names = BTreeSet::new();
    for line in manifest.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            in_dependencies = line == "[dependencies]";
            continue;
        }
        if in_dependencies {
            if let Some((name, _)) = line.split_once('=') {
                let name = name.trim();
                if !name.is_empty() && !name.starts_with('#') {
                    names.insert(name.split('.').next().unwrap_or(name).to_string());
                }
            }
        }
    }
    names
}

/// Source without comments and without the unit tests at the bottom of a file.
fn code_of(source: &str) -> String {
    let body = source.split("#[cfg(test)]").next().unwrap_or(source);
    body.lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The top-level modules of a crate (`src/x.rs` or `src/x/`) and which others each one uses.
fn module_graph(src: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let mut files_by_module: BTreeMap<String, Vec<PathBuf>> = BTreeMap::new();
    for file in rust_files(src) {
        let relative = file.strip_prefix(src).expect("inside src");
        let first = relative
            .components()
            .next()
            .expect("a path")
            .as_os_str()
            .to_string_lossy()
            .trim_end_matches(".rs")
            .to_string();
        if first == "lib" || first == "main" {
            continue;
        }
        files_by_module.entry(first).or_default().push(file);
    }
    let modules: BTreeSet<String> = files_by_module.keys().cloned().collect();
    let mut graph = BTreeMap::new();
    for (module, files) in &files_by_module {
        let mut uses = BTreeSet::new();
        for file in files {
            let code = code_of(&fs::read_to_string(file).expect("readable source"));
            for used in crate_paths(&code) {
                if used != *module && modules.contains(&used) {
                    uses.insert(used);
                }
            }
        }
        graph.insert(module.clone(), uses);
    }
    graph
}

/// First segments after `crate::`, including those inside `crate::{a, b::c}`.
fn crate_paths(code: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (at, _) in code.match_indices("crate::") {
        let rest = &code[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let inner = group.split('}').next().unwrap_or("");
            for item in inner.split(',') {
                let name: String = item
                    .trim()
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                found.push(name);
            }
        } else {
            found.push(
                rest.chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect(),
            );
        }
    }
    found
}

/// Every module that lies on a cycle, by depth-first search from each module.
fn modules_on_cycles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    let mut cycles = Vec::new();
    for start in graph.keys() {
        let mut path = vec![start.clone()];
        if let Some(cycle) = find_way_back(graph, start, &mut path, &mut BTreeSet::new()) {
            cycles.push(cycle);
        }
    }
    cycles
}

fn find_way_back(
    graph: &BTreeMap<String, BTreeSet<String>>,
    start: &str,
    path: &mut Vec<String>,
    seen: &mut BTreeSet<String>,
) -> Option<Vec<String>> {
    let here = path.last().expect("non-empty path").clone();
    for next in graph.get(&here).into_iter().flatten() {
        if next == start {
            let mut cycle = path.clone();
            cycle.push(start.to_string());
            return Some(cycle);
        }
        if seen.insert(next.clone()) {
            path.push(next.clone());
            if let Some(cycle) = find_way_back(graph, start, path, seen) {
                return Some(cycle);
            }
            path.pop();
        }
    }
    None
}

#[test]
fn domain_crates_know_nothing_of_http_or_sql() {
    let mut parsed = 0;
    for name in DOMAIN_CRATES {
        let manifest = fs::read_to_string(workspace().join("crates").join(name).join("Cargo.toml"))
            .expect("domain crate manifest");
        let deps = dependencies(&manifest);
        let forbidden: Vec<_> = FORBIDDEN_IN_DOMAIN
            .iter()
            .filter(|f| deps.contains(**f))
            .collect();
        assert!(forbidden.is_empty(), "{name} depends on {forbidden:?}");
        parsed += deps.len();
    }
    assert!(parsed > 10, "the manifests' dependencies were not read");
}

#[test]
fn no_crate_has_modules_that_depend_on_each_other_in_a_cycle() {
    let mut checked = 0;
    for dir in crate_dirs() {
        let graph = module_graph(&dir.join("src"));
        checked += graph.len();
        let cycles = modules_on_cycles(&graph);
        assert!(
            cycles.is_empty(),
            "{}: module cycles {cycles:?}",
            dir.display()
        );
    }
    assert!(checked > 100, "only {checked} modules found");
}

#[test]
fn every_module_says_what_it_is_for() {
    let mut missing = Vec::new();
    for dir in crate_dirs() {
        for file in rust_files(&dir.join("src")) {
            let source = fs::read_to_string(&file).expect("readable source");
            if !source.trim_start().starts_with("//!") {
                missing.push(file.display().to_string());
            }
        }
    }
    assert!(
        missing.is_empty(),
        "modules without a `//!` line: {missing:?}"
    );
}

#[test]
fn no_crate_holds_more_than_two_fifths_of_the_code() {
    let mut lines = BTreeMap::new();
    for dir in crate_dirs() {
        let count: usize = rust_files(&dir)
            .iter()
            .map(|f| {
                fs::read_to_string(f)
                    .expect("readable source")
                    .lines()
                    .count()
            })
            .sum();
        lines.insert(
            dir.file_name().expect("name").to_string_lossy().to_string(),
            count,
        );
    }
    let total: usize = lines.values().sum();
    for (name, count) in &lines {
        assert!(
            count * 5 <= total * 2,
            "{name} holds {count} of {total} lines"
        );
    }
}

#[test]
fn stored_states_are_never_compared_with_string_literals() {
    let fields = [
        "status", "role", "channel", "outcome", "kind", "source", "action",
    ];
    let mut found = Vec::new();
    for dir in crate_dirs() {
        for file in rust_files(&dir.join("src")) {
            let code = code_of(&fs::read_to_string(&file).expect("readable source"));
            for (number, line) in code.lines().enumerate() {
                for field in fields {
                    for op in ["==", "!="] {
                        let squeezed: String = line.split_whitespace().collect();
                        let in_query = ["eq", "ne", "eq_any"].iter().any(|method| {
                            squeezed.contains(&format!("::{field}.{method}(\""))
                                || squeezed.contains(&format!("::{field}.{method}([\""))
                        });
                        let matched_as_text = squeezed.contains(&format!("{field}.as_str(),\""))
                            || squeezed.contains(&format!("{field}.as_str(){{\""));
                        if squeezed.contains(&format!("{field}{op}\""))
                            || in_query
                            || matched_as_text
                        {
                            found.push(format!(
                                "{}:{}: {}",
                                file.display(),
                                number + 1,
                                line.trim()
                            ));
                        }
                    }
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "states compared as strings:\n{}",
        found.join("\n")
    );
}
