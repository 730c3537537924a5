//! The spreadsheet of every table, laid out as the Government Statistical Service guidance on
//! accessible spreadsheets asks: a cover sheet, a notes sheet, a contents sheet, then one table
//! per sheet with its title in A1, a single header row, no merged cells and `[c]` for suppressed.

use super::edition::Edition;
use crate::error::{AppError, AppResult};
use crate::store::cycles::Cycle;
use frontline_geo::tables::Table;
use rust_xlsxwriter::{
    DocProperties, Format, Table as ExcelTable, TableColumn, Url, Workbook as Xlsx, Worksheet,
    XlsxError,
};

/// Who readers contact about the statistics.
pub const CONTACT: &str = "The Frontline survey team, survey@frontline.invalid";

/// The row (0-based) of each table sheet's header row: title, description and source come first.
pub const HEADER_ROW: u32 = 3;

pub struct Workbook<'a> {
    pub title: &'a str,
    pub cycle: &'a Cycle,
    pub edition: &'a Edition,
    pub source: &'a str,
    pub tables: &'a [Table],
    pub credits: &'a [String],
}

pub fn write(book: &Workbook<'_>) -> AppResult<Vec<u8>> {
    build(book).map_err(|e| AppError::Task(format!("writing the workbook: {e}")))
}

fn build(book: &Workbook<'_>) -> Result<Vec<u8>, XlsxError> {
    let mut xlsx = Xlsx::new();
    // Created when released (a draft: when fieldwork closed), never "now": the same data
    // builds the same bytes.
    let created = book.edition.release().map_or_else(
        || format!("{}T00:00:00", book.cycle.closes_on),
        |r| r.released_at.as_str().trim_end_matches('Z').to_string(),
    );
    let mut properties = DocProperties::new()
        .set_title(book.title)
        .set_author(CONTACT);
    if let Ok(when) = rust_xlsxwriter::ExcelDateTime::parse_from_str(&created) {
        properties = properties.set_creation_datetime(&when);
    }
    xlsx.set_properties(&properties);
    let heading = Format::new().set_bold().set_font_size(14);
    let bold = Format::new().set_bold();
    let notes = notes(book);

    let cover = xlsx.add_worksheet().set_name("Cover")?;
    cover.set_column_width(0, 24)?.set_column_width(1, 90)?;
    cover.write_string_with_format(0, 0, book.title, &heading)?;
    let mut row = 1;
    if let Some(banner) = book.edition.banner() {
        cover.write_string_with_format(row, 0, banner, &bold)?;
        row += 1;
    }
    let release = book.edition.release();
    let facts = [
        (
            "Release date",
            release.map_or("Not released".to_string(), |r| r.released_at.to_string()),
        ),
        (
            "Version",
            release.map_or("Draft".to_string(), |r| r.version.to_string()),
        ),
        ("Release notes", release.map(|r| r.notes.clone()).unwrap_or_default()),
        ("Source", book.source.to_string()),
        ("Contact", CONTACT.to_string()),
        ("Notes", "Notes on every table are on the Notes sheet; the list of tables is on the Contents sheet.".to_string()),
        ("Licence", "Open Government Licence v3.0".to_string()),
    ];
    for (label, value) in facts {
        cover.write_string_with_format(row, 0, label, &bold)?;
        cover.write_string(row, 1, value)?;
        row += 1;
    }

    let sheet = xlsx.add_worksheet().set_name("Notes")?;
    sheet.set_column_width(0, 12)?.set_column_width(1, 110)?;
    sheet.write_string_with_format(0, 0, "Notes", &heading)?;
    sheet.write_string(1, 0, "This worksheet contains one table.")?;
    let rows: Vec<Vec<String>> = notes
        .iter()
        .enumerate()
        .map(|(i, n)| vec![format!("Note {}", i + 1), n.clone()])
        .collect();
    write_table(sheet, "notes", &["Note number", "Note text"], &rows, 2)?;

    let names = sheet_names(book.tables);
    let sheet = xlsx.add_worksheet().set_name("Contents")?;
    sheet.set_column_width(0, 28)?.set_column_width(1, 90)?;
    sheet.write_string_with_format(0, 0, "Contents", &heading)?;
    sheet.write_string(
        1,
        0,
        "This worksheet contains one table. Select a sheet name to go to it.",
    )?;
    write_table(
        sheet,
        "contents",
        &["Sheet name", "Table title"],
        &book
            .tables
            .iter()
            .zip(&names)
            .map(|(t, name)| vec![name.clone(), t.title.clone()])
            .collect::<Vec<_>>(),
        2,
    )?;
    for (i, name) in names.iter().enumerate() {
        sheet.write_url(
            3 + i as u32,
            0,
            Url::new(format!("internal:'{name}'!A1")).set_text(name.as_str()),
        )?;
    }

    for (i, table) in book.tables.iter().enumerate() {
        let sheet = xlsx.add_worksheet().set_name(&names[i])?;
        sheet.write_string_with_format(
            0,
            0,
            format!("Table {}: {}", i + 1, table.title),
            &heading,
        )?;
        let mut about = "This worksheet contains one table.".to_string();
        let table_notes = table.notes_text();
        if !table_notes.is_empty() {
            about.push(' ');
            about.push_str(&table_notes);
        }
        if let Some(banner) = book.edition.banner() {
            about = format!("{banner} {about}");
        }
        sheet.write_string(1, 0, about)?;
        sheet.write_string(2, 0, format!("Source: {}", book.credits.join(" ")))?;
        let columns: Vec<&str> = table.columns.iter().map(String::as_str).collect();
        write_table(sheet, &table.name, &columns, &table.rows, HEADER_ROW)?;
        for c in 0..columns.len() {
            sheet.set_column_width(c as u16, if c == 0 { 24 } else { 16 })?;
        }
    }
    xlsx.save_to_buffer()
}

/// Sheet names: the table's file stem, within Excel's 31 characters.
/// Each table's sheet name: its file name cut to Excel's 31 characters, with `~2`, `~3`… in
/// place of the end when two names would otherwise be the same.
pub fn sheet_names(tables: &[Table]) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for table in tables {
        let mut name: String = table.name.chars().take(31).collect();
        let mut n = 1;
        while names.contains(&name) {
            n += 1;
            let suffix = format!("~{n}");
            name = table
                .name
                .chars()
                .take(31 - suffix.len())
                .collect::<String>()
                + &suffix;
        }
        names.push(name);
    }
    names
}

/// A header row and data rows from `top`, marked up as an Excel table; numbers as numbers.
fn write_table(
    sheet: &mut Worksheet,
    name: &str,
    columns: &[&str],
    rows: &[Vec<String>],
    top: u32,
) -> Result<(), XlsxError> {
    let one_decimal = Format::new().set_num_format("0.0");
    let two_decimals = Format::new().set_num_format("0.00");
    for (c, column) in columns.iter().enumerate() {
        sheet.write_string(top, c as u16, *column)?;
    }
    for (r, row) in rows.iter().enumerate() {
        let at = top + 1 + r as u32;
        for (c, cell) in row.iter().enumerate() {
            let c = c as u16;
            match (cell.parse::<f64>(), cell.split_once('.')) {
                (Ok(n), None) if n.is_finite() => {
                    sheet.write_number(at, c, n)?;
                }
                (Ok(n), Some((_, d))) if n.is_finite() => {
                    let format = if d.len() >= 2 {
                        &two_decimals
                    } else {
                        &one_decimal
                    };
                    sheet.write_number_with_format(at, c, n, format)?;
                }
                _ if cell.is_empty() => {}
                _ => {
                    sheet.write_string(at, c, cell)?;
                }
            }
        }
    }
    let last_row = top + rows.len().max(1) as u32;
    let headers: Vec<TableColumn> = columns
        .iter()
        .map(|c| TableColumn::new().set_header(*c))
        .collect();
    let table = ExcelTable::new()
        .set_name(format!("t_{}", name.replace('-', "_")))
        .set_columns(&headers);
    sheet.add_table(
        top,
        0,
        last_row,
        columns.len().saturating_sub(1) as u16,
        &table,
    )?;
    Ok(())
}

/// Every note: the suppression rule, rounding, source, then each table's own note.
fn notes(book: &Workbook<'_>) -> Vec<String> {
    let mut notes = vec![
        book.cycle.suppression_rule().describe(),
        "Figures are rounded from unrounded values, so totals may not add. Percentages are computed from counts.".to_string(),
        book.credits.join(" "),
    ];
    let imputed = book.tables.iter().any(|t| {
        t.rows
            .iter()
            .any(|r| r.last().is_some_and(|c| c.starts_with("imputed")))
    });
    if imputed {
        notes.push("Some services' figures are imputed (ratio imputation; the appendix lists them): they count in every total, and the coverage tables give the imputed part and coverage without it.".to_string());
    }
    for t in book.tables {
        let table_notes = t.notes_text();
        if !table_notes.is_empty() {
            notes.push(format!("{}: {table_notes}", t.title));
        }
    }
    notes
}
