//! Area populations for a cycle: women and men aged 16 and over and children aged 0–15, per
//! police force area, read from `pfa,females_16_plus,males_16_plus,children_0_15`. Every row is
//! checked before any is accepted; a problem names its line and field.

use crate::NeedsError;
use frontline_csv_import::{Columns, Row};
use frontline_geo::Geography;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

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

    /// Residents of all ages.
    pub fn everyone(&self) -> u64 {
        self.adults() + self.children_0_15
    }
}

/// Reads the file: PFA code → population, or every problem by line and field. An area may
/// appear once; areas not in the file keep whatever population the caller already has.
pub fn read_csv(geo: &Geography, text: &str) -> Result<BTreeMap<String, Population>, NeedsError> {
    let mut seen = BTreeSet::new();
    let rows = frontline_csv_import::read(text, Columns::required(&COLUMNS), |row| {
        let area = area_once(geo, row, &mut seen);
        let females_16_plus = people(row, COLUMNS[1]);
        let males_16_plus = people(row, COLUMNS[2]);
        let children_0_15 = people(row, COLUMNS[3]);
        Some((
            area?,
            Population {
                females_16_plus: females_16_plus?,
                males_16_plus: males_16_plus?,
                children_0_15: children_0_15?,
            },
        ))
    })?;
    Ok(rows.into_iter().collect())
}

/// The area a row's `pfa` column names (by ONS code or name), as its code; each area once in a
/// file.
pub(crate) fn area_once(
    geo: &Geography,
    row: &mut Row<'_>,
    seen: &mut BTreeSet<String>,
) -> Option<String> {
    let (code, name) = row.check("pfa", |given| {
        geo.find(given)
            .map(|a| (a.code.to_string(), a.name.clone()))
            .ok_or_else(|| NeedsError::UnknownArea(given.to_string()).to_string())
    })?;
    if !seen.insert(code.clone()) {
        row.problem("pfa", format!("{name} is given twice"));
    }
    Some(code)
}

/// A whole number of people (thousands may be separated by commas), no more than live in England
/// and Wales.
pub(crate) fn people(row: &mut Row<'_>, column: &str) -> Option<u64> {
    row.check(column, |given| {
        let people = given
            .replace(',', "")
            .parse::<u64>()
            .map_err(|_| format!("'{given}' is not a whole number of people"))?;
        if people > MOST_PEOPLE {
            return Err(format!(
                "{people} is more people than live in England and Wales"
            ));
        }
        Ok(people)
    })
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
        assert!(
            bad("pfa,females_16_plus,males_16_plus,children_0_15\nKent,1,2,3\nAtlantis,1,2,3\n")
                .ends_with("line 3, pfa: 'Atlantis' is not a police force area (give an ONS code such as E23000032 or a force name)")
        );
        assert!(
            bad("pfa,females_16_plus,males_16_plus,children_0_15\nKent,1,-2,x\n").ends_with(
                "line 2, males_16_plus: '-2' is not a whole number of people; \
             line 2, children_0_15: 'x' is not a whole number of people"
            )
        );
        assert!(bad(
            "pfa,females_16_plus,males_16_plus,children_0_15\nKent,1,2,3\nE23000032,1,2,3\n"
        )
        .contains("Kent is given twice"));
        assert!(bad("pfa,females,males\n").contains("the header has no 'females_16_plus' column"));
        assert!(
            bad("pfa,females_16_plus,males_16_plus,children_0_15\nKent,1,18446744073709551615,3\n")
                .ends_with("line 2, males_16_plus: 18446744073709551615 is more people than live in England and Wales")
        );
    }
}
