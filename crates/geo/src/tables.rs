//! A published table: named columns and rows of already-formatted cells, writable as CSV.

use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Table {
    /// File stem, e.g. `regional-capacity`.
    pub name: String,
    pub title: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// A note printed under the table, e.g. on double counting.
    pub note: String,
}

impl Table {
    pub fn new(name: &str, title: &str, columns: &[&str]) -> Self {
        Self {
            name: name.to_string(),
            title: title.to_string(),
            columns: columns.iter().map(|c| c.to_string()).collect(),
            rows: Vec::new(),
            note: String::new(),
        }
    }

    pub fn with_note(mut self, note: &str) -> Self {
        self.note = note.to_string();
        self
    }

    pub fn push(&mut self, row: Vec<String>) {
        debug_assert_eq!(row.len(), self.columns.len(), "row width in {}", self.name);
        self.rows.push(row);
    }

    pub fn to_csv(&self) -> Result<String, csv::Error> {
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(&self.columns)?;
        for row in &self.rows {
            w.write_record(row)?;
        }
        let bytes = w.into_inner().map_err(|e| e.into_error())?;
        Ok(String::from_utf8_lossy(&bytes).into_owned())
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

/// Whole number, rounded half away from zero, as the report prints FTE and counts.
pub fn whole(x: f64) -> String {
    format!("{}", x.round() as i64)
}

/// One decimal place, for individual services' FTE.
pub fn one_decimal(x: f64) -> String {
    format!("{x:.1}")
}

/// A whole percentage, or blank when undefined.
pub fn percent(x: Option<f64>) -> String {
    x.map(whole).unwrap_or_default()
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
        assert_eq!(whole(2.49), "2");
        assert_eq!(percent(None), "");
        let mut t = Table::new("t", "T", &["region", "fte"]);
        t.push(vec!["Yorkshire & Humber".into(), whole(86.6)]);
        assert_eq!(t.to_csv().unwrap(), "region,fte\nYorkshire & Humber,87\n");
        assert_eq!(t.cell("Yorkshire & Humber", "fte"), Some("87"));
    }
}
