//! Zips: a whole publication, one folder inside named after it; or files at the root (a
//! REFI-QDA `.qdpx`).

use super::files::SiteFile;
use crate::error::{AppError, AppResult};
use std::io::{Cursor, Write};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

/// The files inside `folder`, or at the root when `folder` is empty.
pub fn zip(folder: &str, files: &[SiteFile]) -> AppResult<Vec<u8>> {
    let fail = |e: zip::result::ZipError| AppError::Task(format!("writing the zip: {e}"));
    let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
    // The fastest deflate: a publication is zipped at every build, and its text compresses well
    // at any level; workbooks and images are compressed already, so they are stored as they are.
    let deflated = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(1));
    let stored = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
    for file in files {
        let compressed_already = [".xlsx", ".zip", ".png", ".pdf"]
            .iter()
            .any(|ext| file.path.ends_with(ext));
        let options = if compressed_already { stored } else { deflated };
        writer
            .start_file(
                if folder.is_empty() {
                    file.path.clone()
                } else {
                    format!("{folder}/{}", file.path)
                },
                options,
            )
            .map_err(fail)?;
        writer
            .write_all(&file.content)
            .map_err(|e| AppError::Task(format!("writing the zip: {e}")))?;
    }
    Ok(writer.finish().map_err(fail)?.into_inner())
}
