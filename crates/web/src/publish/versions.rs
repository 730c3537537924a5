//! What changed between two releases, read from the stored snapshots themselves (so the
//! comparison never depends on today's data): the list the newer release stored when it was
//! released, or the same comparison made now for a release from before releases stored one.

use super::changelog::{Changelog, CHANGES_CSV};
use super::datapackage::primary_keys;
use crate::db::DbConnection;
use crate::error::{AppError, AppResult};
use crate::store::releases::{self, Release};
use std::collections::BTreeMap;

/// What changed from `older` to `newer`: the list `newer` stored when it was released, or,
/// for a release made before releases stored one, the same comparison of the two snapshots
/// (keyed and ordered by `newer`'s data package).
pub fn changes_between(
    conn: &mut DbConnection,
    older: &Release,
    newer: &Release,
) -> AppResult<Changelog> {
    let new = releases::files(conn, newer.id)?;
    let csvs = new
        .iter()
        .filter(|(p, _)| p.ends_with(".csv") && p != CHANGES_CSV)
        .count();
    if let Some((_, stored)) = new.iter().find(|(p, _)| p == CHANGES_CSV) {
        return Changelog::from_csv(older.version, &String::from_utf8_lossy(stored), csvs)
            .map_err(|e| AppError::Task(format!("reading the stored {CHANGES_CSV}: {e}")));
    }
    let old = releases::files(conn, older.id)?;
    let package = |files: &[(String, Vec<u8>)]| {
        files
            .iter()
            .find(|(p, _)| p == "datapackage.json")
            .map(|(_, c)| primary_keys(&String::from_utf8_lossy(c)))
            .unwrap_or_default()
    };
    let listed = package(&new);
    let mut keyed: BTreeMap<String, usize> = package(&old).into_iter().collect();
    keyed.extend(listed.iter().cloned());
    let order: Vec<String> = listed.into_iter().map(|(path, _)| path).collect();
    let keys = |path: &str| keyed.get(path).copied().unwrap_or(1);
    Ok(Changelog::between(older.version, &old, &new, &order, &keys))
}
