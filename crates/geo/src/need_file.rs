//! A cycle's need-model inputs as imported: `pfa,adult_females,marac_cases`, one row per police
//! force area (an ONS code or force name), read all or nothing. An empty `adult_females` keeps
//! the reference population.

use crate::areas::Geography;
use crate::need::AreaNeedInput;
use frontline_csv_import::{Columns, Refused, Row};
use std::collections::BTreeSet;

pub const COLUMNS: Columns<'static> = Columns {
    required: &["pfa", "adult_females", "marac_cases"],
    optional: &[],
};

/// Every area's inputs, or every problem in the file by line and field.
pub fn read(geo: &Geography, text: &str) -> Result<Vec<AreaNeedInput>, Refused> {
    let mut seen = BTreeSet::new();
    frontline_csv_import::read(text, COLUMNS, |row| {
        let area = row.check("pfa", |given| {
            geo.resolve(given).map_err(|e| e.to_string()).cloned()
        });
        if let Some(area) = &area {
            if !seen.insert(area.code.clone()) {
                row.problem("pfa", format!("{} appears more than once", area.name));
            }
        }
        let adult_females = match row.text("adult_females") {
            "" => area.as_ref().map(|a| a.adult_females),
            _ => whole(row, "adult_females"),
        };
        let marac_cases = whole(row, "marac_cases").and_then(|n| i32::try_from(n).ok());
        let area = area?;
        Some(AreaNeedInput {
            pfa_code: area.code,
            adult_females: adult_females?,
            marac_cases: marac_cases?,
        })
    })
}

fn whole(row: &mut Row<'_>, column: &str) -> Option<i64> {
    row.check(column, |text| {
        text.parse::<i64>()
            .ok()
            .filter(|n| (0..=i64::from(i32::MAX)).contains(n))
            .ok_or_else(|| format!("'{text}' is not a whole number of 0 or more"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_codes_and_names_and_defaults_population() {
        let geo = Geography::reference();
        let rows = read(
            &geo,
            "pfa,adult_females,marac_cases\nE23000001,3000000,9000\nCumbria,,450\n",
        )
        .unwrap();
        assert_eq!(rows[0].adult_females, 3_000_000);
        assert_eq!(rows[1].pfa_code, "E23000002");
        assert_eq!(
            rows[1].adult_females,
            geo.find("Cumbria").unwrap().adult_females
        );
    }

    #[test]
    fn names_every_line_and_field_at_fault() {
        let geo = Geography::reference();
        let err = read(
            &geo,
            "pfa,adult_females,marac_cases\nCumbria,1,2\nKent,10,lots\nGotham,1,2\nKent,-1,3\n",
        )
        .unwrap_err()
        .to_string();
        assert!(
            err.contains("line 3, marac_cases: 'lots' is not a whole number of 0 or more"),
            "{err}"
        );
        assert!(
            err.contains("line 4, pfa: unknown police force area 'Gotham'"),
            "{err}"
        );
        assert!(
            err.contains("line 5, pfa: Kent appears more than once"),
            "{err}"
        );
        assert!(err.contains("line 5, adult_females: '-1'"), "{err}");
        let err = read(&geo, "pfa,marac_cases\n").unwrap_err();
        assert_eq!(err.0[0].field, "adult_females");
    }
}
