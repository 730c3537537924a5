//! Releasing a cycle's publication: built once from frozen estimates, stored as an immutable,
//! numbered snapshot with its notes, parameters and content hash, and audited.

use super::changelog::{Changelog, CHANGES_CSV};
use super::site::build_site_protected;
use crate::clock;
use crate::crypto::sha256_hex;
use crate::error::{AppError, AppResult};
use crate::publication::edition::{Edition, MapStyle, ReleaseInfo};
use crate::store::releases::{self, NewRelease, Release};
use crate::store::{audit, cycles};
use crate::templates::Templates;
use crate::Platform;
use frontline_disclosure::{PublishedCells, ReleaseProtector};
use serde_json::json;
use std::sync::Arc;

/// A release built and checked but not yet stored: what the check page shows before the admin
/// confirms, and what [`store`] keeps.
pub struct Prepared {
    pub year: i32,
    cycle_id: i32,
    pub info: ReleaseInfo,
    pub files: Vec<(String, Vec<u8>)>,
    cells: String,
    pub content_hash: String,
    parameters: String,
}

impl Prepared {
    pub fn version(&self) -> i32 {
        self.info.version
    }

    /// What changed since the version before, in one line (none for a first version).
    pub fn changes(&self) -> Option<String> {
        let csvs = self
            .files
            .iter()
            .filter(|(p, _)| p.ends_with(".csv") && p != CHANGES_CSV)
            .count();
        let (_, text) = self.files.iter().find(|(p, _)| p == CHANGES_CSV)?;
        Changelog::from_csv(self.version() - 1, &String::from_utf8_lossy(text), csvs)
            .ok()
            .map(|log| log.summary())
    }

    /// The tables (CSV files) the release publishes, by path.
    pub fn tables(&self) -> Vec<&str> {
        self.files
            .iter()
            .map(|(p, _)| p.as_str())
            .filter(|p| p.starts_with("tables/") && p.ends_with(".csv"))
            .collect()
    }
}

/// Releases the next version of `year`'s publication: [`prepare`], then [`store`].
pub fn release(
    platform: &Platform,
    templates: &Templates,
    year: i32,
    actor: &str,
    notes: &str,
    style: &MapStyle,
) -> AppResult<Release> {
    let prepared = prepare(platform, templates, year, actor, notes, style)?;
    store(platform, &prepared)
}

/// Builds the next version of `year`'s publication as it would be released, and checks it,
/// storing nothing. The cycle's estimates must be frozen, and the notes must say what the
/// release is (and, for a correction, what changed).
pub fn prepare(
    platform: &Platform,
    templates: &Templates,
    year: i32,
    actor: &str,
    notes: &str,
    style: &MapStyle,
) -> AppResult<Prepared> {
    let notes = notes.trim();
    let mut conn = platform.conn()?;
    let cycle = cycles::by_year(&mut conn, year)?;
    if !cycle.is_frozen() {
        return Err(AppError::invalid(
            "cycle",
            format!(
                "the {year} estimates are {}, not frozen; freeze them first (frontline freeze --cycle {year} --reason \"…\") so the release is built from figures that cannot change",
                cycle.status
            ),
        ));
    }
    if notes.is_empty() {
        return Err(AppError::invalid(
            "notes",
            "say what this release is; for a correction, say what changed",
        ));
    }
    super::safety::check_release(platform, &mut conn, &cycle, notes)?;
    let version = releases::latest(&mut conn, cycle.id)?.map_or(1, |r| r.version + 1);
    let info = ReleaseInfo {
        version,
        released_at: clock::now(),
        released_by: actor.to_string(),
        notes: notes.to_string(),
    };
    // Every table of people is protected as one release, beside every earlier version.
    let earlier = releases::cells_of_cycle(&mut conn, cycle.id)?
        .iter()
        .map(|json| PublishedCells::from_json(json))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| AppError::Task(e.to_string()))?;
    let protector = Arc::new(ReleaseProtector::new(cycle.suppression_rule(), earlier));
    let site = build_site_protected(
        platform,
        templates,
        year,
        &Edition::Release(info.clone()),
        style,
        Some(Arc::clone(&protector)),
    )?;
    protector
        .ensure_protected()
        .map_err(|e| AppError::invalid("release", e.to_string()))?;
    super::safety::check_files(&site.files)?;
    let cells = protector.published(version).to_json();
    let files: Vec<(String, Vec<u8>)> = site
        .files
        .into_iter()
        .map(|f| (f.path, f.content))
        .collect();
    let content_hash = content_hash(&files);
    let parameters = json!({
        "need_model": cycle.need_parameters(),
        "suppression_threshold": cycle.suppression_threshold,
        "map_style": style.name(),
    })
    .to_string();
    Ok(Prepared {
        year,
        cycle_id: cycle.id,
        info,
        files,
        cells,
        content_hash,
        parameters,
    })
}

/// Stores a prepared release for good, audited. Refused if another version was released since
/// it was prepared (its number is taken).
pub fn store(platform: &Platform, prepared: &Prepared) -> AppResult<Release> {
    let mut conn = platform.conn()?;
    let info = &prepared.info;
    let version = info.version;
    frontline_store::db::transaction(&mut conn, |conn| {
        let stored = releases::insert(
            conn,
            &NewRelease {
                cycle_id: prepared.cycle_id,
                version,
                released_at: &info.released_at,
                released_by: &info.released_by,
                notes: &info.notes,
                parameters: &prepared.parameters,
                content_hash: &prepared.content_hash,
            },
            &prepared.files,
            &prepared.cells,
        )?;
        audit::record(
            conn,
            audit::Change {
                actor: &info.released_by,
                action: "publication.released",
                entity: "cycle",
                entity_id: prepared.year.to_string(),
                before: (version > 1).then(|| format!("v{}", version - 1)),
                after: Some(format!("v{version} sha256:{}", prepared.content_hash)),
                reason: Some(info.notes.clone()),
            },
        )?;
        Ok(stored)
    })
}

/// SHA-256 over every file's path and the SHA-256 of its content, in path order.
pub fn content_hash(files: &[(String, Vec<u8>)]) -> String {
    let mut sorted: Vec<&(String, Vec<u8>)> = files.iter().collect();
    sorted.sort_by(|a, b| a.0.cmp(&b.0));
    let listing: String = sorted
        .iter()
        .map(|(path, content)| format!("{}  {path}\n", sha256_hex(content)))
        .collect();
    sha256_hex(listing.as_bytes())
}
