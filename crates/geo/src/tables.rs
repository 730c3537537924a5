//! A published table: named columns and rows of already-formatted cells, writable as CSV and
//! comparable cell by cell with another version of itself.

use serde::Serialize;

/// What a table counts. Only tables of people are disclosure-controlled; tables of services and
/// FTE are published whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Counts {
    ServicesAndFte,
    People,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Table {
    /// File stem, e.g. `regional-capacity`.
    pub name: String,
    pub title: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// A note printed under the table, e.g. on double counting: about the table as a whole,
    /// never about one row's figures (those are [`RowNote`]s, which go where their row goes).
    pub note: String,
    /// Remarks about single rows (an outlier explained), kept only while their row is.
    pub row_notes: Vec<RowNote>,
    pub counts: Counts,
    /// How many leading columns identify a row (its primary key).
    pub key_columns: usize,
}

/// A remark about one row, keyed by the row's first cell.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RowNote {
    pub key: String,
    pub text: String,
}

impl Table {
    pub fn new(name: &str, title: &str, columns: &[&str]) -> Self {
        Self {
            name: name.to_string(),
            title: title.to_string(),
            columns: columns.iter().map(|c| c.to_string()).collect(),
            rows: Vec::new(),
            note: String::new(),
            row_notes: Vec::new(),
            counts: Counts::ServicesAndFte,
            key_columns: 1,
        }
    }

    pub fn with_note(mut self, note: &str) -> Self {
        self.note = note.to_string();
        self
    }

    /// Adds a remark about the row whose first cell is `key`.
    pub fn with_row_note(mut self, key: &str, text: &str) -> Self {
        self.row_notes.push(RowNote {
            key: key.to_string(),
            text: text.to_string(),
        });
        self
    }

    /// Keeps only the rows `keep` accepts, and only the remarks about those rows: a view of
    /// some rows says nothing of the others.
    pub fn retain_rows(&mut self, keep: impl Fn(&[String]) -> bool) {
        self.rows.retain(|r| keep(r));
        let kept: std::collections::BTreeSet<&str> = self
            .rows
            .iter()
            .filter_map(|r| r.first().map(String::as_str))
            .collect();
        self.row_notes.retain(|n| kept.contains(n.key.as_str()));
    }

    /// The note and every row's remark, as one text (for a file's description).
    pub fn notes_text(&self) -> String {
        std::iter::once(self.note.as_str())
            .chain(self.row_notes.iter().map(|n| n.text.as_str()))
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Declares the table as counting people: its counts go through disclosure control.
    pub fn counting_people(mut self) -> Self {
        self.counts = Counts::People;
        self
    }

    /// Rows are identified by their first `n` cells.
    pub fn keyed_by(mut self, n: usize) -> Self {
        self.key_columns = n.max(1);
        self
    }

    /// Reads a table back from its CSV (a released snapshot, say).
    pub fn from_csv(name: &str, text: &str, key_columns: usize) -> Result<Self, csv::Error> {
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let columns: Vec<&str> = reader.headers()?.iter().collect();
        let mut table = Table::new(name, name, &columns).keyed_by(key_columns);
        for record in reader.records() {
            table.rows.push(
                record?
                    .iter()
                    .map(|c| frontline_safety::spreadsheet::restore(c).to_string())
                    .collect(),
            );
        }
        Ok(table)
    }

    /// The row's identity: its key cells, joined.
    fn key_of(&self, row: &[String]) -> String {
        row.iter()
            .take(self.key_columns)
            .cloned()
            .collect::<Vec<_>>()
            .join(" / ")
    }

    pub fn push(&mut self, row: Vec<String>) {
        debug_assert_eq!(row.len(), self.columns.len(), "row width in {}", self.name);
        self.rows.push(row);
    }

    pub fn to_csv(&self) -> Result<String, csv::Error> {
        let mut w = frontline_safety::spreadsheet::CsvText::new();
        w.row(&self.columns)?;
        for row in &self.rows {
            w.row(row)?;
        }
        w.finish()
    }

    /// The cell in `column` of the row whose first cell is `key`.
    pub fn cell(&self, key: &str, column: &str) -> Option<&str> {
        let col = self.columns.iter().position(|c| c == column)?;
        self.rows
            .iter()
            .find(|r| r.first().is_some_and(|k| k == key))
            .and_then(|r| r.get(col))
            .map(String::as_str)
    }
}

/// One difference between two versions of a table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CellChange {
    /// The row's key cells, e.g. `Kent` or `Health / health_gp`.
    pub row: String,
    /// The column, or empty when a whole row was added or removed.
    pub column: String,
    pub before: String,
    pub after: String,
}

/// Cells that differ between `old` and `new`, rows matched on their key columns, in `new`'s
/// order; then rows only in `old`.
pub fn diff(old: &Table, new: &Table) -> Vec<CellChange> {
    use std::collections::BTreeMap;
    let old_rows: BTreeMap<String, &Vec<String>> =
        old.rows.iter().map(|r| (old.key_of(r), r)).collect();
    let mut seen = std::collections::BTreeSet::new();
    let mut changes = Vec::new();
    for row in &new.rows {
        let key = new.key_of(row);
        seen.insert(key.clone());
        let Some(before) = old_rows.get(&key) else {
            changes.push(CellChange {
                row: key,
                column: String::new(),
                before: "(no row)".into(),
                after: row.join(", "),
            });
            continue;
        };
        for (c, column) in new.columns.iter().enumerate().skip(new.key_columns) {
            let was = old
                .columns
                .iter()
                .position(|oc| oc == column)
                .and_then(|i| before.get(i))
                .map_or("", String::as_str);
            let now = row.get(c).map_or("", String::as_str);
            if was != now {
                changes.push(CellChange {
                    row: key.clone(),
                    column: column.clone(),
                    before: was.to_string(),
                    after: now.to_string(),
                });
            }
        }
    }
    for row in &old.rows {
        let key = old.key_of(row);
        if !seen.contains(&key) {
            changes.push(CellChange {
                row: key,
                column: String::new(),
                before: row.join(", "),
                after: "(no row)".into(),
            });
        }
    }
    changes
}

/// `x` rounded to `decimals` places, half away from zero: `x × 10^decimals` rounded to the
/// nearest whole number, halves away from zero (37.45 FTE to one decimal is 37.5; 2.5 is 3 and
/// −2.5 is −3), never −0. Every figure Frontline publishes is rounded by this one function,
/// through [`whole`], [`one_decimal`], [`two_decimals`] or [`percent`] (or [`Precision`]), so a
/// value reads the same in the CSV, the HTML, a map's titles, the GeoJSON and the workbook.
/// Rust's `{:.1}` formatting rounds the binary value half to even and would not agree.
pub fn rounded(x: f64, decimals: u32) -> f64 {
    let scale = 10f64.powi(decimals as i32);
    let r = (x * scale).round() / scale;
    if r == 0.0 {
        0.0
    } else {
        r
    }
}

/// `x` rounded to a whole number ([`rounded`]), for formats that carry numbers (GeoJSON).
pub fn whole_number(x: f64) -> i64 {
    rounded(x, 0) as i64
}

/// Whole number, rounded half away from zero ([`rounded`]), as the report prints FTE and counts.
pub fn whole(x: f64) -> String {
    whole_number(x).to_string()
}

/// One decimal place ([`rounded`]), for individual services' FTE and rates per 100,000.
pub fn one_decimal(x: f64) -> String {
    format!("{:.1}", rounded(x, 1))
}

/// Two decimal places ([`rounded`]), for the need model's unrounded inputs and results.
pub fn two_decimals(x: f64) -> String {
    format!("{:.2}", rounded(x, 2))
}

/// A whole percentage ([`rounded`]), or blank when undefined.
pub fn percent(x: Option<f64>) -> String {
    x.map(whole).unwrap_or_default()
}

/// How many decimal places a published figure has: each precision rounds with [`rounded`] and
/// writes as [`whole`], [`one_decimal`] or [`two_decimals`] do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Precision {
    Whole,
    OneDecimal,
    TwoDecimals,
}

impl Precision {
    pub fn decimals(self) -> u32 {
        match self {
            Precision::Whole => 0,
            Precision::OneDecimal => 1,
            Precision::TwoDecimals => 2,
        }
    }

    /// The figure as published.
    pub fn format(self, x: f64) -> String {
        match self {
            Precision::Whole => whole(x),
            Precision::OneDecimal => one_decimal(x),
            Precision::TwoDecimals => two_decimals(x),
        }
    }

    /// The figure as published, as a number (what the text says, for ranking or GeoJSON).
    pub fn round(self, x: f64) -> f64 {
        rounded(x, self.decimals())
    }
}

/// A figure as people read it: whole numbers with thousands separators (1,190), anything else
/// as published.
pub fn readable(cell: &str) -> String {
    let Ok(n) = cell.parse::<i64>() else {
        return cell.to_string();
    };
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(d);
    }
    if n < 0 {
        out.insert(0, '-');
    }
    out
}

/// `part` as a percentage of `total`, none when the total is zero.
pub fn share_pct(part: f64, total: f64) -> Option<f64> {
    (total > 0.0).then(|| 100.0 * part / total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounds_half_away_from_zero_and_writes_csv() {
        assert_eq!(whole(2.5), "3");
        assert_eq!(whole(-2.5), "-3");
        assert_eq!(whole(2.49), "2");
        assert_eq!(whole(-0.4), "0", "never minus zero");
        assert_eq!(one_decimal(-0.04), "0.0");
        // Halves go up where `{:.1}` (half to even on the binary value) would not.
        assert_eq!(format!("{:.1}", 0.25), "0.2");
        assert_eq!(one_decimal(0.25), "0.3");
        assert_eq!(one_decimal(37.45), "37.5");
        assert_eq!(two_decimals(0.125), "0.13");
        assert_eq!(format!("{:.2}", 0.125), "0.12");
        assert_eq!(percent(Some(62.5)), "63");
        assert_eq!(percent(None), "");
        for (p, x) in [(Precision::Whole, 37.46), (Precision::OneDecimal, 37.46)] {
            assert_eq!(p.format(x).parse::<f64>().unwrap(), p.round(x));
        }
        assert_eq!(Precision::Whole.format(37.46), whole(37.46));
        let mut t = Table::new("t", "T", &["region", "fte"]);
        t.push(vec!["Yorkshire & Humber".into(), whole(86.6)]);
        assert_eq!(t.to_csv().unwrap(), "region,fte\nYorkshire & Humber,87\n");
        assert_eq!(t.cell("Yorkshire & Humber", "fte"), Some("87"));
    }

    #[test]
    fn diff_names_changed_cells_and_added_and_removed_rows() {
        let old =
            Table::from_csv("t", "area,kind,fte\nKent,a,3\nKent,b,4\nSurrey,a,1\n", 2).unwrap();
        let new =
            Table::from_csv("t", "area,kind,fte\nKent,a,3\nKent,b,5\nEssex,a,2\n", 2).unwrap();
        let changes = diff(&old, &new);
        assert_eq!(changes.len(), 3);
        assert_eq!(
            changes[0],
            CellChange {
                row: "Kent / b".into(),
                column: "fte".into(),
                before: "4".into(),
                after: "5".into()
            }
        );
        assert_eq!(changes[1].row, "Essex / a");
        assert_eq!(changes[2].after, "(no row)");
        assert!(diff(&new, &new).is_empty());
    }
}
