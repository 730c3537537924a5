//! A built file — a page, table, drawing, workbook or archive — by its path in the site, the
//! media type it is served as, and writing a build's files to a folder.

use crate::error::{AppError, AppResult};
use std::path::Path;

#[derive(Debug, Clone)]
pub struct SiteFile {
    /// Path relative to the site's root, with `/` separators.
    pub path: String,
    pub content: Vec<u8>,
}

impl SiteFile {
    pub fn text(path: impl Into<String>, content: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            content: content.into().into_bytes(),
        }
    }

    pub fn content_type(&self) -> &'static str {
        content_type(&self.path)
    }
}

/// The media type served for a publication file.
pub fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next() {
        Some("html") => "text/html; charset=utf-8",
        Some("csv") => "text/csv; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("geojson") => "application/geo+json",
        Some("json") => "application/json",
        Some("xlsx") => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        Some("zip") => "application/zip",
        _ => "application/octet-stream",
    }
}

/// Writes `files` under the folder `out`, creating folders as needed; returns how many.
pub fn write_files(out: &Path, files: &[SiteFile]) -> AppResult<usize> {
    for file in files {
        let path = out.join(&file.path);
        if let Some(folder) = path.parent() {
            std::fs::create_dir_all(folder).map_err(|e| AppError::file(folder, e))?;
        }
        std::fs::write(&path, &file.content).map_err(|e| AppError::file(&path, e))?;
    }
    Ok(files.len())
}
