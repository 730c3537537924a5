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
    /// A note printed under the table, e.g. on double counting.
    pub note: String,
    pub counts: Counts,
    /// How many leading columns identify a row (its primary key).
    pub key_columns: usize,
}

impl Table {
    pub fn new(name: &str, title: &str, columns: &[&str]) -> Self {
        Self {
            name: name.to_string(),
            title: title.to_string(),
            columns: columns.iter().map(|c| c.to_string()).collect(),
            rows: Vec::new(),
            note: String::new(),
            counts: Counts::ServicesAndFte,
            key_columns: 1,
        }
    }

    pub fn with_note(mut self, note: &str) -> Self {
        self.note = note.to_string();
        self
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
