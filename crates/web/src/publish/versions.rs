//! What changed between two releases: the cells that differ, table by table, read from the
//! stored snapshots themselves (so the comparison never depends on today's data).

use super::datapackage::primary_keys;
use crate::db::DbConnection;
use crate::error::AppResult;
use crate::store::releases::{self, Release};
use frontline_geo::tables::{diff, CellChange, Table};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Serialize)]
pub struct TableChanges {
    pub table: String,
    pub changes: Vec<CellChange>,
}

/// Tables whose cells differ from `older` to `newer`, each with its changed cells.
pub fn changes_between(
    conn: &mut DbConnection,
    older: &Release,
    newer: &Release,
) -> AppResult<Vec<TableChanges>> {
    let old = tables_of(conn, older)?;
    let new = tables_of(conn, newer)?;
    let empty = |t: &Table| Table::new(&t.name, &t.title, &[]).keyed_by(t.key_columns);
    let mut out = Vec::new();
    for (name, table) in &new {
        let before = old.get(name).cloned().unwrap_or_else(|| empty(table));
        let changes = diff(&before, table);
        if !changes.is_empty() {
            out.push(TableChanges {
                table: name.clone(),
                changes,
            });
        }
    }
    for (name, table) in &old {
        if !new.contains_key(name) {
            out.push(TableChanges {
                table: name.clone(),
                changes: diff(table, &empty(table)),
            });
        }
    }
    Ok(out)
}

/// Every table CSV in a release, keyed as its data package says.
fn tables_of(conn: &mut DbConnection, release: &Release) -> AppResult<BTreeMap<String, Table>> {
    let files = releases::files(conn, release.id)?;
    let keys: BTreeMap<String, usize> = files
        .iter()
        .find(|(path, _)| path == "datapackage.json")
        .map(|(_, content)| primary_keys(&String::from_utf8_lossy(content)))
        .unwrap_or_default()
        .into_iter()
        .collect();
    let mut tables = BTreeMap::new();
    for (path, content) in &files {
        let Some(name) = path
            .strip_prefix("tables/")
            .and_then(|p| p.strip_suffix(".csv"))
        else {
            continue;
        };
        let key = keys.get(name).copied().unwrap_or(1);
        if let Ok(table) = Table::from_csv(name, &String::from_utf8_lossy(content), key) {
            tables.insert(name.to_string(), table);
        }
    }
    Ok(tables)
}
