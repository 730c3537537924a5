//! `frontline import-need`: a cycle's Marac cases and adult-female populations from CSV, all or nothing.

use crate::error::{AppError, AppResult};
use crate::store::{cycles, need_inputs};
use crate::Platform;
use frontline_geo::need::AreaNeedInput;
use frontline_geo::Geography;
use std::path::Path;

/// Reads and checks every row before storing any; returns the number of areas imported.
pub fn import_file(platform: &Platform, year: i32, file: &Path) -> AppResult<usize> {
    let text = std::fs::read_to_string(file).map_err(|e| AppError::file(file, e))?;
    let rows = parse(&platform.geography, &file.display().to_string(), &text)?;
    let mut conn = platform.conn()?;
    let cycle = cycles::by_year(&mut conn, year)?;
    need_inputs::replace(&mut conn, cycle.id, &rows)?;
    Ok(rows.len())
}

/// Parses `pfa,adult_females,marac_cases` (see [`frontline_geo::need_file`]); every bad row is
/// reported by line and field.
pub fn parse(geo: &Geography, file: &str, text: &str) -> AppResult<Vec<AreaNeedInput>> {
    frontline_geo::need_file::read(geo, text).map_err(|refused| AppError::refused(file, refused))
}
