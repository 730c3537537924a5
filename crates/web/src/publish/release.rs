//! Releasing a cycle's publication: built once from frozen estimates, stored as an immutable,
//! numbered snapshot with its notes, parameters and content hash, and audited.

use super::site::build_site_protected;
use crate::clock;
use crate::crypto::sha256_hex;
use crate::error::{AppError, AppResult};
use crate::publication::edition::{Edition, MapStyle, ReleaseInfo};
use crate::store::releases::{self, NewRelease, Release};
use crate::store::{audit, cycles};
use crate::templates::Templates;
use crate::Platform;
use diesel::Connection;
use frontline_disclosure::{PublishedCells, ReleaseProtector};
use serde_json::json;
use std::sync::Arc;

/// Releases the next version of `year`'s publication. The cycle's estimates must be frozen, and
/// the notes must say what the release is (and, for a correction, what changed).
pub fn release(
    platform: &Platform,
    templates: &Templates,
    year: i32,
    actor: &str,
    notes: &str,
    style: &MapStyle,
) -> AppResult<Release> {
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
    let hash = content_hash(&files);
    let parameters = json!({
        "need_model": cycle.need_parameters(),
        "suppression_threshold": cycle.suppression_threshold,
        "map_style": style.name(),
    })
    .to_string();
    conn.transaction(|conn| {
        let stored = releases::insert(
            conn,
            &NewRelease {
                cycle_id: cycle.id,
                version,
                released_at: &info.released_at,
                released_by: actor,
                notes,
                parameters: &parameters,
                content_hash: &hash,
            },
            &files,
            &cells,
        )?;
        audit::record(
            conn,
            audit::Change {
                actor,
                action: "publication.released",
                entity: "cycle",
                entity_id: year.to_string(),
                before: (version > 1).then(|| format!("v{}", version - 1)),
                after: Some(format!("v{version} sha256:{hash}")),
                reason: Some(notes.to_string()),
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
