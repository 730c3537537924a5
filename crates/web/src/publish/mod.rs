//! Publishing a cycle: the site of tables, maps, GeoJSON, workbook and data package, built in
//! memory for one edition (staff draft, PCC provisional view or public release); releases stored
//! as immutable snapshots, served publicly and written to folders.

pub mod changelog;
pub mod datapackage;
mod maps;
pub mod release;
pub mod safety;
pub mod site;
pub mod versions;

pub use crate::publication::{
    content_type, write_files, Edition, MapStyle, PublicationState, ReleaseInfo, SiteFile,
};
pub use site::{build_site, build_site_protected, Site};

use crate::error::{AppError, AppResult};
use crate::store::{cycles, releases};
use crate::templates::Templates;
use crate::Platform;
use std::path::Path;

/// A file of the public publication: the latest release, or version `version`. Anything not
/// released is "not found", never "forbidden": the public is not told it exists.
pub fn released_file(
    platform: &Platform,
    year: i32,
    version: Option<i32>,
    path: &str,
) -> AppResult<Vec<u8>> {
    let not_found = || AppError::NotFound(format!("publication {year}/{path}"));
    let mut conn = platform.conn()?;
    let cycle = cycles::by_year(&mut conn, year).map_err(|_| not_found())?;
    let release = match version {
        Some(v) => releases::version(&mut conn, cycle.id, v).map_err(|_| not_found())?,
        None => releases::latest_public(&mut conn, cycle.id)?.ok_or_else(not_found)?,
    };
    if let Some(w) = releases::withdrawal(&mut conn, release.id)? {
        return Err(AppError::Closed(format!(
            "version {} of the {year} publication was withdrawn on {} ({}); see /publications/{year}/versions",
            release.version,
            w.withdrawn_at.date(),
            w.reason
        )));
    }
    releases::file(&mut conn, release.id, path)?.ok_or_else(not_found)
}

/// Writes the cycle's latest release into `out`, byte for byte as stored; or, with `draft`, a
/// draft built now from live data (watermarked). Returns the number of files written.
pub fn publish_to_folder(
    platform: &Platform,
    year: i32,
    out: &Path,
    draft: bool,
    style: &MapStyle,
) -> AppResult<usize> {
    let files: Vec<SiteFile> = if draft {
        build_site(platform, &Templates::new()?, year, &Edition::Draft, style)?.files
    } else {
        let mut conn = platform.conn()?;
        let cycle = cycles::by_year(&mut conn, year)?;
        let release = releases::latest_public(&mut conn, cycle.id)?.ok_or_else(|| {
            AppError::invalid(
                "cycle",
                format!("the {year} publication has not been released; release it with frontline release --cycle {year} --notes \"…\", or write a draft with --draft"),
            )
        })?;
        releases::files(&mut conn, release.id)?
            .into_iter()
            .map(|(path, content)| SiteFile { path, content })
            .collect()
    };
    write_files(out, &files)
}

/// Withdraws version `version` of the `year` publication from public view, for good: its files
/// are kept (released files never change) but never served again, and readers of it are told
/// when and why. For a release that should never have been public (it located a refuge, say).
/// Audited.
pub fn withdraw(
    platform: &Platform,
    year: i32,
    version: i32,
    by: &str,
    reason: &str,
) -> AppResult<()> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(AppError::invalid(
            "reason",
            "say why the version is withdrawn; readers are told",
        ));
    }
    let mut conn = platform.conn()?;
    let cycle = cycles::by_year(&mut conn, year)?;
    let release = releases::version(&mut conn, cycle.id, version)?;
    if releases::withdrawal(&mut conn, release.id)?.is_some() {
        return Err(AppError::invalid(
            "version",
            format!("version {version} of {year} is already withdrawn"),
        ));
    }
    Ok(frontline_store::db::transaction(&mut conn, |conn| {
        releases::withdraw(conn, release.id, by, reason)?;
        crate::store::audit::record(
            conn,
            crate::store::audit::Change {
                actor: by,
                action: "publication.withdrawn",
                entity: "cycle",
                entity_id: year.to_string(),
                before: Some(format!("v{version}")),
                reason: Some(reason.to_string()),
                ..Default::default()
            },
        )
    })?)
}
