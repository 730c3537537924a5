//! `frontline import-need`: a cycle's Marac cases and adult-female populations from CSV, all or nothing.

use crate::error::{AppError, AppResult};
use crate::store::{cycles, need_inputs};
use crate::Platform;
use frontline_geo::need::AreaNeedInput;
use frontline_geo::Geography;
use std::collections::BTreeSet;
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

/// Parses `pfa,adult_females,marac_cases`; the first bad row is reported by line and field.
pub fn parse(geo: &Geography, file: &str, text: &str) -> AppResult<Vec<AreaNeedInput>> {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| AppError::invalid(file, e.to_string()))?
        .clone();
    let column = |name: &str| {
        headers
            .iter()
            .position(|h| h.trim() == name)
            .ok_or_else(|| AppError::invalid(file, format!("missing column '{name}'")))
    };
    let (pfa_col, women_col, marac_col) = (
        column("pfa")?,
        column("adult_females")?,
        column("marac_cases")?,
    );
    let mut seen = BTreeSet::new();
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let line = i + 2;
        let at = |field: &str| format!("{file} line {line}, {field}");
        let record =
            record.map_err(|e| AppError::invalid(format!("{file} line {line}"), e.to_string()))?;
        let get = |col: usize| record.get(col).unwrap_or("").trim();
        let area = geo
            .resolve(get(pfa_col))
            .map_err(|e| AppError::invalid(at("pfa"), e.to_string()))?;
        if !seen.insert(area.code.clone()) {
            return Err(AppError::invalid(
                at("pfa"),
                format!("{} appears more than once", area.name),
            ));
        }
        let adult_females = match get(women_col) {
            "" => area.adult_females,
            v => v.parse::<i64>().ok().filter(|n| *n >= 0).ok_or_else(|| {
                AppError::invalid(
                    at("adult_females"),
                    format!("'{v}' is not a whole number of 0 or more"),
                )
            })?,
        };
        let raw = get(marac_col);
        let marac_cases = raw.parse::<i32>().ok().filter(|n| *n >= 0).ok_or_else(|| {
            AppError::invalid(
                at("marac_cases"),
                format!("'{raw}' is not a whole number of 0 or more"),
            )
        })?;
        rows.push(AreaNeedInput {
            pfa_code: area.code.clone(),
            adult_females,
            marac_cases,
        });
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_codes_and_names_and_defaults_population() {
        let geo = Geography::reference();
        let rows = parse(
            &geo,
            "need.csv",
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
    fn names_the_line_and_field_at_fault() {
        let geo = Geography::reference();
        let err = parse(
            &geo,
            "need.csv",
            "pfa,adult_females,marac_cases\nCumbria,1,2\nKent,10,lots\n",
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "need.csv line 3, marac_cases: 'lots' is not a whole number of 0 or more"
        );
        let err = parse(
            &geo,
            "need.csv",
            "pfa,adult_females,marac_cases\nGotham,1,2\n",
        )
        .unwrap_err();
        assert!(err
            .to_string()
            .starts_with("need.csv line 2, pfa: unknown police force area 'Gotham'"));
        let err = parse(&geo, "need.csv", "pfa,marac_cases\n").unwrap_err();
        assert_eq!(err.to_string(), "need.csv: missing column 'adult_females'");
    }
}
