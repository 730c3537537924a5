//! All-age populations by upper-tier local authority for a cycle, read from
//! `authority,population`: the authority by ONS code or name among those in force at the cycle's
//! close (each cycle keeps the geography of its year), each once. Every row is checked before any
//! is accepted; a problem names its line and field.

use crate::population::people;
use crate::NeedsError;
use frontline_csv_import::{Columns, Row};
use frontline_geo::authorities::UpperTierAuthority;
use std::collections::{BTreeMap, BTreeSet};

pub const COLUMNS: [&str; 2] = ["authority", "population"];

/// Reads the file: authority code → residents of all ages, or every problem by line and field.
/// `authorities` are those in force on the cycle's close; `close` names that day in messages.
/// Authorities not in the file keep whatever population the caller already has.
pub fn read_csv(
    authorities: &[&UpperTierAuthority],
    close: &str,
    text: &str,
) -> Result<BTreeMap<String, u64>, NeedsError> {
    let mut seen = BTreeSet::new();
    let rows = frontline_csv_import::read(text, Columns::required(&COLUMNS), |row| {
        let authority = authority_once(authorities, close, row, &mut seen);
        let population = people(row, COLUMNS[1]);
        Some((authority?, population?))
    })?;
    Ok(rows.into_iter().collect())
}

/// The authority a row's `authority` column names (by code, or by name ignoring case), as its
/// code; each authority once in a file.
fn authority_once(
    authorities: &[&UpperTierAuthority],
    close: &str,
    row: &mut Row<'_>,
    seen: &mut BTreeSet<String>,
) -> Option<String> {
    let (code, name) = row.check(COLUMNS[0], |given| {
        authorities
            .iter()
            .find(|u| u.code == given || u.name.eq_ignore_ascii_case(given))
            .map(|u| (u.code.clone(), u.name.clone()))
            .ok_or_else(|| {
                format!(
                    "'{given}' is not an upper-tier local authority in force on {close} \
                     (give an ONS code such as E10000016 or an authority's name)"
                )
            })
    })?;
    if !seen.insert(code.clone()) {
        row.problem(COLUMNS[0], format!("{name} is given twice"));
    }
    Some(code)
}

#[cfg(test)]
mod tests {
    use super::*;
    use frontline_geo::authorities::upper_tier_authorities_on;

    #[test]
    fn rows_are_read_by_code_or_name_within_the_cycles_geography() {
        let now = upper_tier_authorities_on("2024-03-31").expect("fixture");
        let read = |text: &str| read_csv(&now, "2024-03-31", text);
        let good =
            read("authority,population\nKent,\"1,610,300\"\nE06000035,281300\n").expect("read");
        assert_eq!(good["E10000016"], 1_610_300);
        assert_eq!(good["E06000035"], 281_300);
        let bad = |text: &str| read(text).expect_err("refused").to_string();
        // Northamptonshire's county council was abolished in April 2021.
        assert!(bad("authority,population\nNorthamptonshire,700000\n").ends_with(
            "line 2, authority: 'Northamptonshire' is not an upper-tier local authority in force \
             on 2024-03-31 (give an ONS code such as E10000016 or an authority's name)"
        ));
        assert!(bad("authority,population\nKent,1\nE10000016,2\n")
            .contains("line 3, authority: Kent is given twice"));
        assert!(bad("authority,population\nKent,-4\n")
            .ends_with("line 2, population: '-4' is not a whole number of people"));
        assert!(bad("authority,people\n").contains("the header has no 'population' column"));
    }
}
