//! Publishing a cycle: the static site of tables, maps, GeoJSON and index page, built in memory
//! once and then written to a folder (`frontline publish`) or served (`/publications/YEAR/`).

mod maps;
mod site;

pub use site::{build_site, Site, SiteFile};

use crate::bootstrap::Platform;
use crate::error::{AppError, AppResult};
use crate::http::templates::Templates;
use std::path::Path;

/// Writes the cycle's publication into `out`; returns the number of files written.
pub fn publish_to_folder(
    platform: &Platform,
    year: i32,
    out: &Path,
    boundaries: Option<&Path>,
) -> AppResult<usize> {
    let boundaries = boundaries
        .map(|p| std::fs::read_to_string(p).map_err(|e| AppError::file(p, e)))
        .transpose()?;
    let site = build_site(platform, &Templates::new()?, year, boundaries.as_deref())?;
    for file in &site.files {
        let path = out.join(&file.path);
        if let Some(folder) = path.parent() {
            std::fs::create_dir_all(folder).map_err(|e| AppError::file(folder, e))?;
        }
        std::fs::write(&path, &file.content).map_err(|e| AppError::file(&path, e))?;
    }
    Ok(site.files.len())
}
