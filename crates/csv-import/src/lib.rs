//! Reading an imported CSV file all or nothing. Every importer (contacts, invitations, funding,
//! populations, need inputs, returns, earlier estimates) reads through [`read`]: the header must
//! name the columns the file needs, every row is checked, and every problem is reported with its
//! line and field; rows come back only when the whole file is good, so nothing half-imports.

use std::fmt;
use std::str::FromStr;

/// One thing wrong with an imported file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The file's line, counting the header as line 1.
    pub line: u64,
    /// The column, or `row` for a row that could not be read, or `file`.
    pub field: String,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}, {}: {}", self.line, self.field, self.message)
    }
}

/// Everything wrong with a file, in line order; the file was not imported.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct Refused(pub Vec<Problem>);

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let problems: Vec<String> = self.0.iter().map(ToString::to_string).collect();
        write!(
            f,
            "nothing was imported; fix these rows: {}",
            problems.join("; ")
        )
    }
}

/// The columns a file has: those it must have and those it may have. Columns are matched
/// without regard to case; others are ignored.
#[derive(Debug, Clone, Copy)]
pub struct Columns<'a> {
    pub required: &'a [&'a str],
    pub optional: &'a [&'a str],
}

impl<'a> Columns<'a> {
    pub fn required(required: &'a [&'a str]) -> Columns<'a> {
        Columns {
            required,
            optional: &[],
        }
    }

    pub fn with_optional(mut self, optional: &'a [&'a str]) -> Columns<'a> {
        self.optional = optional;
        self
    }

    fn expected(&self) -> String {
        let mut expected = self.required.join(",");
        if !self.optional.is_empty() {
            expected.push_str(&format!(" and optionally {}", self.optional.join(",")));
        }
        expected
    }
}

/// One row being read: its cells by column name, and the problems found in it so far.
pub struct Row<'r> {
    line: u64,
    header: &'r [String],
    record: &'r csv::StringRecord,
    problems: Vec<Problem>,
}

impl Row<'_> {
    /// The row's line in the file.
    pub fn line(&self) -> u64 {
        self.line
    }

    /// The cell, trimmed; empty when the column is absent or the row is short.
    pub fn text(&self, column: &str) -> &str {
        self.header
            .iter()
            .position(|h| h.eq_ignore_ascii_case(column))
            .and_then(|at| self.record.get(at))
            .map_or("", str::trim)
    }

    /// Every cell with its column's name as the header gives it, trimmed.
    pub fn cells(&self) -> impl Iterator<Item = (&str, &str)> {
        self.header
            .iter()
            .map(String::as_str)
            .zip(self.record.iter().map(str::trim))
    }

    /// The cell, or a problem when it is empty.
    pub fn required(&mut self, column: &str) -> Option<String> {
        let text = self.text(column).to_string();
        if text.is_empty() {
            self.problem(column, "is empty");
            None
        } else {
            Some(text)
        }
    }

    /// The cell read as `T`, or a problem saying it is not `what` (e.g. "a whole number").
    pub fn parse<T: FromStr>(&mut self, column: &str, what: &str) -> Option<T> {
        let text = self.text(column).to_string();
        match text.parse() {
            Ok(value) => Some(value),
            Err(_) if text.is_empty() => {
                self.problem(column, format!("is empty; give {what}"));
                None
            }
            Err(_) => {
                self.problem(column, format!("'{text}' is not {what}"));
                None
            }
        }
    }

    /// The cell read by `check`, whose error says what is wrong.
    pub fn check<T>(
        &mut self,
        column: &str,
        check: impl FnOnce(&str) -> Result<T, String>,
    ) -> Option<T> {
        let text = self.text(column).to_string();
        match check(&text) {
            Ok(value) => Some(value),
            Err(message) => {
                self.problem(column, message);
                None
            }
        }
    }

    /// Records a problem with a cell (or with the row, as `row`).
    pub fn problem(&mut self, column: &str, message: impl Into<String>) {
        self.problems.push(Problem {
            line: self.line,
            field: column.to_string(),
            message: message.into(),
        });
    }

    /// Whether a problem has been found in the row.
    pub fn has_problems(&self) -> bool {
        !self.problems.is_empty()
    }
}

/// Reads every row of `text` with `each`, which takes what it needs from the row and records
/// what is wrong. Rows come back only if no row has a problem (a row whose `each` returns
/// `None` must have recorded why). A file with no rows is refused too.
pub fn read<T>(
    text: &str,
    columns: Columns<'_>,
    mut each: impl FnMut(&mut Row<'_>) -> Option<T>,
) -> Result<Vec<T>, Refused> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| refused(1, "file", e.to_string()))?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    let missing: Vec<Problem> = columns
        .required
        .iter()
        .filter(|name| !header.iter().any(|h| h.eq_ignore_ascii_case(name)))
        .map(|name| Problem {
            line: 1,
            field: name.to_string(),
            message: format!(
                "the header has no '{name}' column (expected {})",
                columns.expected()
            ),
        })
        .collect();
    if !missing.is_empty() {
        return Err(Refused(missing));
    }
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    let mut record = csv::StringRecord::new();
    let mut line = 1;
    loop {
        line += 1;
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) if record.iter().all(|cell| cell.trim().is_empty()) => continue,
            // More cells than the header names: a value with an unquoted comma in it would
            // otherwise shift every cell after it into the wrong column.
            Ok(true)
                if record
                    .iter()
                    .skip(header.len())
                    .any(|c| !c.trim().is_empty()) =>
            {
                problems.push(Problem {
                    line: record.position().map_or(line, |p| p.line()),
                    field: "row".into(),
                    message: format!(
                        "has {} cells but the header names {}: a value with a comma in it needs quotes, as \"1,550,000\"",
                        record.len(),
                        header.len()
                    ),
                });
            }
            Ok(true) => {
                let mut row = Row {
                    line: record.position().map_or(line, |p| p.line()),
                    header: &header,
                    record: &record,
                    problems: Vec::new(),
                };
                let value = each(&mut row);
                match value {
                    Some(value) if row.problems.is_empty() => rows.push(value),
                    Some(_) => problems.append(&mut row.problems),
                    None if row.problems.is_empty() => {
                        row.problem("row", "could not be read");
                        problems.append(&mut row.problems);
                    }
                    None => problems.append(&mut row.problems),
                }
            }
            Err(e) => problems.push(Problem {
                line: e.position().map_or(line, |p| p.line()),
                field: "row".into(),
                message: e.to_string(),
            }),
        }
    }
    if !problems.is_empty() {
        return Err(Refused(problems));
    }
    if rows.is_empty() {
        return Err(refused(1, "file", "has no rows under its header"));
    }
    Ok(rows)
}

fn refused(line: u64, field: &str, message: impl Into<String>) -> Refused {
    Refused(vec![Problem {
        line,
        field: field.to_string(),
        message: message.into(),
    }])
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const COLUMNS: Columns<'static> = Columns {
        required: &["name", "people"],
        optional: &["note"],
    };

    fn people(text: &str) -> Result<Vec<(String, u32, String)>, Refused> {
        read(text, COLUMNS, |row| {
            let name = row.required("name");
            let people = row.parse::<u32>("people", "a whole number of people");
            Some((name?, people?, row.text("note").to_string()))
        })
    }

    #[test]
    fn every_bad_row_is_named_by_line_and_field_and_nothing_comes_back() {
        let refused = people("name,people\nAsha,3\n,x\nBen,\n").expect_err("refused");
        assert_eq!(
            refused.to_string(),
            "nothing was imported; fix these rows: line 3, name: is empty; \
             line 3, people: 'x' is not a whole number of people; \
             line 4, people: is empty; give a whole number of people"
        );
    }

    #[test]
    fn a_row_with_more_cells_than_the_header_is_refused_not_shifted() {
        let refused = people("name,people\nAsha,1,550\nBen,2,\n").expect_err("refused");
        assert_eq!(
            refused.to_string(),
            "nothing was imported; fix these rows: line 2, row: has 3 cells but the header names 2: a value with a comma in it needs quotes, as \"1,550,000\""
        );
    }

    #[test]
    fn columns_are_found_by_name_in_any_order_and_case_with_optional_ones_absent() {
        let rows = people("\u{feff}People , NAME\n 4 , Asha \n\n").expect("read");
        assert_eq!(rows, vec![("Asha".to_string(), 4, String::new())]);
    }

    #[test]
    fn a_missing_column_and_an_empty_file_are_refused() {
        let refused = people("name\nAsha\n").expect_err("refused");
        assert_eq!(
            refused.0[0].to_string(),
            "line 1, people: the header has no 'people' column (expected name,people and optionally note)"
        );
        let empty = people("name,people\n").expect_err("refused");
        assert_eq!(empty.0[0].field, "file");
    }

    #[test]
    fn lines_count_quoted_line_breaks() {
        let refused = people("name,people\n\"Asha\nSmith\",1\nBen,x\n").expect_err("refused");
        assert_eq!(refused.0[0].line, 4);
    }

    proptest! {
        /// Whatever the file holds, the reader returns rows or says what is wrong: it never
        /// panics, and a refusal always names at least one problem.
        #[test]
        fn any_text_is_read_or_refused_with_reasons(text in "[a-z0-9,\"\n ]{0,80}") {
            match people(&format!("name,people\n{text}")) {
                Ok(rows) => prop_assert!(!rows.is_empty()),
                Err(refused) => prop_assert!(!refused.0.is_empty()),
            }
        }
    }
}
