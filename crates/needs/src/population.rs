//! Area populations for a cycle: women and men aged 16 and over and children aged 0–15, per
//! police force area, read from `pfa,females_16_plus,males_16_plus,children_0_15`. Every row is
//! checked before any is accepted; a problem names its line and field.

use crate::NeedsError;
use frontline_geo::Geography;
use serde::Serialize;
use std::collections::BTreeMap;

/// More than England and Wales' whole population: no area's count can exceed it.
const MOST_PEOPLE: u64 = 100_000_000;

pub const COLUMNS: [&str; 4] = ["pfa", "females_16_plus", "males_16_plus", "children_0_15"];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Population {
    pub females_16_plus: u64,
    pub males_16_plus: u64,
    pub children_0_15: u64,
}

impl Population {
    pub fn adults(&self) -> u64 {
        self.females_16_plus + self.males_16_plus
    }
}

fn row_error(line: u64, field: &str, problem: impl Into<String>) -> NeedsError {
    NeedsError::Row {
        line,
        field: field.to_string(),
        problem: problem.into(),
    }
}

/// Reads the file: PFA code → population. An area may appear once; areas not in the file keep
/// whatever population the caller already has.
pub fn read_csv(geo: &Geography, text: &str) -> Result<BTreeMap<String, Population>, NeedsError> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| NeedsError::File(format!("line 1: {e}")))?
        .clone();
    let at = |name: &str| headers.iter().position(|h| h == name);
    let mut columns = Vec::new();
    for name in COLUMNS {
        columns.push(at(name).ok_or_else(|| {
            row_error(
                1,
                name,
                format!(
                    "the header has no '{name}' column (expected {})",
                    COLUMNS.join(",")
                ),
            )
        })?);
    }
    let mut out = BTreeMap::new();
    for (i, record) in reader.records().enumerate() {
        let line = i as u64 + 2;
        let record = record.map_err(|e| row_error(line, "row", e.to_string()))?;
        let cell = |c: usize| record.get(columns[c]).unwrap_or("");
        let given = cell(0);
        let area = geo
            .find(given)
            .ok_or_else(|| row_error(line, "pfa", format!("'{given}' is not a police force area (give an ONS code such as E23000032 or a force name)")))?;
        let count = |c: usize| -> Result<u64, NeedsError> {
            let text = cell(c).replace(',', "");
            let people = text.parse::<u64>().map_err(|_| {
                row_error(
                    line,
                    COLUMNS[c],
                    format!("'{}' is not a whole number of people", cell(c)),
                )
            })?;
            if people > MOST_PEOPLE {
                return Err(row_error(
                    line,
                    COLUMNS[c],
                    format!("{people} is more people than live in England and Wales"),
                ));
            }
            Ok(people)
        };
        let population = Population {
            females_16_plus: count(1)?,
            males_16_plus: count(2)?,
            children_0_15: count(3)?,
        };
        if out.insert(area.code.clone(), population).is_some() {
            return Err(row_error(
                line,
                "pfa",
                format!("{} is given twice", area.name),
            ));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_read_by_code_or_name_and_problems_name_line_and_field() {
        let geo = Geography::reference();
        let good = read_csv(&geo, "pfa,females_16_plus,males_16_plus,children_0_15\nKent,\"769,600\",742000,330000\nE23000002,206000,199000,80000\n")
            .expect("read");
        assert_eq!(good["E23000032"].females_16_plus, 769_600);
        assert_eq!(good["E23000002"].adults(), 405_000);
        let bad = |text: &str| read_csv(&geo, text).expect_err("refused").to_string();
        assert_eq!(
            bad("pfa,females_16_plus,males_16_plus,children_0_15\nKent,1,2,3\nAtlantis,1,2,3\n"),
            "line 3, pfa: 'Atlantis' is not a police force area (give an ONS code such as E23000032 or a force name)"
        );
        assert_eq!(
            bad("pfa,females_16_plus,males_16_plus,children_0_15\nKent,1,-2,3\n"),
            "line 2, males_16_plus: '-2' is not a whole number of people"
        );
        assert!(bad(
            "pfa,females_16_plus,males_16_plus,children_0_15\nKent,1,2,3\nE23000032,1,2,3\n"
        )
        .contains("Kent is given twice"));
        assert!(bad("pfa,females,males\n").contains("the header has no 'females_16_plus' column"));
        assert_eq!(
            bad("pfa,females_16_plus,males_16_plus,children_0_15\nKent,1,18446744073709551615,3\n"),
            "line 2, males_16_plus: 18446744073709551615 is more people than live in England and Wales"
        );
    }
}
