//! Every cell that changed since the version before, listed beside a release's human notes so
//! nothing changed goes unlisted: computed once, at release time, from the files the release
//! publishes against the previous version's stored files, and stored with the release as
//! `changes.csv` and on its release notes page (`notes.html`). The main tables come first, in
//! the publication's order, then the need model's per-area cells, the directory, and each
//! area's pack; files with no change are counted.

use crate::db::DbConnection;
use crate::error::{AppError, AppResult};
use crate::publication::edition::Edition;
use crate::publication::SiteFile;
use crate::store::cycles::Cycle;
use crate::store::releases;
use crate::templates::Templates;
use crate::Platform;
use frontline_geo::tables::{diff, CellChange, Table};
use frontline_safety::spreadsheet::CsvText;
use serde::Serialize;
use serde_json::json;
use std::collections::BTreeMap;

/// Where a release stores its list of changed cells.
pub const CHANGES_CSV: &str = "changes.csv";

/// A release's notes page: the human notes beside the changed cells.
pub const NOTES_PAGE: &str = "notes.html";

/// The changed cells of one CSV.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileChanges {
    /// The CSV's path in the release, e.g. `tables/pfa-coverage.csv`.
    pub file: String,
    pub changes: Vec<CellChange>,
}

/// What changed since the version before.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Changelog {
    /// The version compared with.
    pub since: i32,
    /// Every CSV with a changed cell, the main tables first (see [`Changelog::between`]).
    pub changed: Vec<FileChanges>,
    /// How many CSVs of the release have no changed cell.
    pub unchanged: usize,
    /// How many cells changed in all.
    pub cells: usize,
}

/// How much a CSV matters to a reader comparing versions: the main tables, the need model's
/// per-area cells, the directory, the packs, anything else.
fn group(path: &str) -> u8 {
    if path == super::datapackage::NEED_MODEL {
        1
    } else if path.starts_with("tables/") {
        0
    } else if path.starts_with("directory/") {
        2
    } else if path.starts_with("packs/") {
        3
    } else {
        4
    }
}

impl Changelog {
    /// The changed cells of every CSV in `new` (and every CSV only in `old`) against `old`,
    /// rows matched on their key columns (`keys`: how many leading columns key a CSV's rows).
    /// Ordered by [`group`], then as `order` lists the CSVs (the publication's order), then
    /// by path. The list itself ([`CHANGES_CSV`]) is never compared.
    pub fn between(
        since: i32,
        old: &[(String, Vec<u8>)],
        new: &[(String, Vec<u8>)],
        order: &[String],
        keys: &dyn Fn(&str) -> usize,
    ) -> Self {
        let csvs = |files: &[(String, Vec<u8>)]| -> BTreeMap<String, Table> {
            files
                .iter()
                .filter(|(path, _)| path.ends_with(".csv") && path != CHANGES_CSV)
                .filter_map(|(path, content)| {
                    let text = String::from_utf8_lossy(content);
                    let table = Table::from_csv(path, &text, keys(path)).ok()?;
                    Some((path.clone(), table))
                })
                .collect()
        };
        let (old, new) = (csvs(old), csvs(new));
        let empty = |t: &Table| Table::new(&t.name, &t.title, &[]).keyed_by(t.key_columns);
        let mut changed = Vec::new();
        let mut unchanged = 0;
        for (path, table) in &new {
            let before = old.get(path).cloned().unwrap_or_else(|| empty(table));
            let changes = diff(&before, table);
            if changes.is_empty() {
                unchanged += 1;
            } else {
                changed.push(FileChanges {
                    file: path.clone(),
                    changes,
                });
            }
        }
        for (path, table) in old.iter().filter(|(p, _)| !new.contains_key(*p)) {
            changed.push(FileChanges {
                file: path.clone(),
                changes: diff(table, &empty(table)),
            });
        }
        let position = |path: &str| order.iter().position(|p| p == path).unwrap_or(usize::MAX);
        changed.sort_by(|a, b| {
            let rank = |f: &FileChanges| (group(&f.file), position(&f.file));
            rank(a).cmp(&rank(b)).then_with(|| a.file.cmp(&b.file))
        });
        let cells = changed.iter().map(|f| f.changes.len()).sum();
        Self {
            since,
            changed,
            unchanged,
            cells,
        }
    }

    /// `changes.csv`: `file,row,column,before,after`, in the changelog's order.
    pub fn to_csv(&self) -> Result<String, csv::Error> {
        let mut w = CsvText::new();
        w.row(["file", "row", "column", "before", "after"])?;
        for f in &self.changed {
            for c in &f.changes {
                w.row([&f.file, &c.row, &c.column, &c.before, &c.after])?;
            }
        }
        w.finish()
    }

    /// Reads a stored `changes.csv` back; `unchanged` is the number of the release's other CSVs
    /// not in it.
    pub fn from_csv(since: i32, text: &str, csvs_in_release: usize) -> Result<Self, csv::Error> {
        let mut changed: Vec<FileChanges> = Vec::new();
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        for record in reader.records() {
            let record = record?;
            let cell = |i: usize| {
                frontline_safety::spreadsheet::restore(record.get(i).unwrap_or_default())
                    .to_string()
            };
            let change = CellChange {
                row: cell(1),
                column: cell(2),
                before: cell(3),
                after: cell(4),
            };
            let file = cell(0);
            match changed.last_mut() {
                Some(last) if last.file == file => last.changes.push(change),
                _ => changed.push(FileChanges {
                    file,
                    changes: vec![change],
                }),
            }
        }
        let cells = changed.iter().map(|f| f.changes.len()).sum();
        let unchanged = csvs_in_release.saturating_sub(changed.len());
        Ok(Self {
            since,
            changed,
            unchanged,
            cells,
        })
    }

    /// One line for the notes, the command line and the index page.
    pub fn summary(&self) -> String {
        if self.changed.is_empty() {
            return format!(
                "No published cell changed since version {} ({} file{} compared).",
                self.since,
                self.unchanged,
                plural(self.unchanged)
            );
        }
        let files: Vec<String> = self
            .changed
            .iter()
            .map(|f| format!("{} ({})", f.file, f.changes.len()))
            .collect();
        format!(
            "{} cell{} changed since version {} in {} file{}: {}; {} file{} unchanged.",
            self.cells,
            plural(self.cells),
            self.since,
            self.changed.len(),
            plural(self.changed.len()),
            files.join(", "),
            self.unchanged,
            plural(self.unchanged)
        )
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// The changelog of a release being built: its files so far against version `version − 1`'s
/// stored files, or none for a first version. `order` and `keys` as [`Changelog::between`].
pub fn for_new_release(
    conn: &mut DbConnection,
    cycle_id: i32,
    version: i32,
    files: &[(String, Vec<u8>)],
    order: &[String],
    keys: &dyn Fn(&str) -> usize,
) -> AppResult<Option<Changelog>> {
    if version <= 1 {
        return Ok(None);
    }
    let previous = releases::version(conn, cycle_id, version - 1)?;
    let old = releases::files(conn, previous.id)?;
    Ok(Some(Changelog::between(
        previous.version,
        &old,
        files,
        order,
        keys,
    )))
}

/// A release's notes: what changed (none for a first version), and the files that say so —
/// `notes.html` with the human notes beside every changed cell, and `changes.csv` — each with
/// the label the index page offers it under.
pub struct ReleaseNotes {
    pub changelog: Option<Changelog>,
    pub files: Vec<(SiteFile, String)>,
}

/// The notes of a release being built (`None` for a draft or a provisional view): `built` are
/// the files so far, in the publication's order, and `tables` the tables among them; `page` is
/// the context every page of the build starts from.
pub fn release_notes(
    platform: &Platform,
    templates: &Templates,
    edition: &Edition,
    cycle: &Cycle,
    tables: &[Table],
    page: &serde_json::Value,
    built: &[SiteFile],
) -> AppResult<Option<ReleaseNotes>> {
    let Some(release) = edition.release() else {
        return Ok(None);
    };
    let files: Vec<(String, Vec<u8>)> = built
        .iter()
        .map(|f| (f.path.clone(), f.content.clone()))
        .collect();
    let order: Vec<String> = built
        .iter()
        .filter(|f| f.path.ends_with(".csv"))
        .map(|f| f.path.clone())
        .collect();
    let keys = |path: &str| super::datapackage::key_columns(path, tables);
    let changelog = for_new_release(
        &mut *platform.conn()?,
        cycle.id,
        release.version,
        &files,
        &order,
        &keys,
    )?;
    let mut out = Vec::new();
    if let Some(log) = &changelog {
        let csv = log
            .to_csv()
            .map_err(|e| AppError::Task(format!("writing {CHANGES_CSV}: {e}")))?;
        out.push((
            SiteFile::text(CHANGES_CSV, csv),
            format!("Every cell changed since version {} (CSV)", log.since),
        ));
    }
    let mut ctx = page.clone();
    ctx["release"] = json!(release);
    ctx["log"] = json!(&changelog);
    out.push((
        SiteFile::text(NOTES_PAGE, templates.render("release_notes.html", ctx)?),
        "Release notes: what this version is and every cell that changed".to_string(),
    ));
    Ok(Some(ReleaseNotes {
        changelog,
        files: out,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, text: &str) -> (String, Vec<u8>) {
        (path.to_string(), text.as_bytes().to_vec())
    }

    #[test]
    fn every_changed_cell_is_listed_main_tables_first() {
        let old = vec![
            file(
                "tables/need-model.csv",
                "pfa_code,required_fte\nA,1.00\nB,2.00\n",
            ),
            file("tables/pfa-coverage.csv", "pfa_code,fte\nA,3\nB,4\n"),
            file("tables/regional-capacity.csv", "region,fte\nNorth,7\n"),
            file("tables/volunteers.csv", "region,volunteers\nNorth,[c]\n"),
            file("index.html", "<p>v1</p>"),
        ];
        let new = vec![
            file(
                "tables/need-model.csv",
                "pfa_code,required_fte\nA,1.50\nB,2.25\n",
            ),
            file("tables/pfa-coverage.csv", "pfa_code,fte\nA,3\nB,5\n"),
            file("tables/regional-capacity.csv", "region,fte\nNorth,8\n"),
            file("tables/volunteers.csv", "region,volunteers\nNorth,[c]\n"),
            file("packs/A/indicators.csv", "indicator,area\nx,1\n"),
            file("index.html", "<p>v2</p>"),
        ];
        let order: Vec<String> = [
            "tables/regional-capacity.csv",
            "tables/pfa-coverage.csv",
            "tables/volunteers.csv",
        ]
        .map(String::from)
        .to_vec();
        let log = Changelog::between(1, &old, &new, &order, &|_| 1);
        let files: Vec<&str> = log.changed.iter().map(|f| f.file.as_str()).collect();
        assert_eq!(
            files,
            [
                "tables/regional-capacity.csv",
                "tables/pfa-coverage.csv",
                "tables/need-model.csv",
                "packs/A/indicators.csv"
            ]
        );
        assert_eq!(log.cells, 5);
        assert_eq!(log.unchanged, 1, "volunteers");
        assert_eq!(
            log.summary(),
            "5 cells changed since version 1 in 4 files: tables/regional-capacity.csv (1), tables/pfa-coverage.csv (1), tables/need-model.csv (2), packs/A/indicators.csv (1); 1 file unchanged."
        );
        // Stored and read back, the list is the same.
        let csv = log.to_csv().unwrap();
        assert!(csv.starts_with(
            "file,row,column,before,after\ntables/regional-capacity.csv,North,fte,7,8\n"
        ));
        assert_eq!(Changelog::from_csv(1, &csv, 5).unwrap(), log);
    }

    #[test]
    fn nothing_changed_says_so() {
        let same = vec![file("tables/t.csv", "k,v\na,1\n")];
        let log = Changelog::between(2, &same, &same, &[], &|_| 1);
        assert!(log.changed.is_empty());
        assert_eq!(
            log.summary(),
            "No published cell changed since version 2 (1 file compared)."
        );
    }
}
