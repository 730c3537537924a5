//! Who is missing: an area's residents by group — age band, sex, ethnic group and disability, in
//! the Census 2021 shape and the VFS returns' own categories — imported per cycle with its source,
//! and the share of people supported in each group (from the VFS returns' published cells) set
//! beside the share of residents, so groups the services reach less than their numbers would
//! lead one to expect stand out.
//!
//! The file is `pfa,age_17_under,…,disability_no` ([`COLUMNS`]): a row per police force area, a
//! column per group named as the VFS return names it. The census asks sex, the return gender
//! identity: `gender_woman` and `gender_man` take the census's female and male residents.

use crate::NeedsError;
use frontline_csv_import::{Columns, Row};
use frontline_geo::Geography;
use std::collections::{BTreeMap, BTreeSet};

/// A breakdown compared: its name and the groups (VFS columns) a population is imported for.
/// "Not stated" and groups the census does not count by area are left out.
pub const BREAKDOWNS: [(&str, &[&str]); 4] = [
    (
        "age",
        &[
            "age_17_under",
            "age_18_34",
            "age_35_54",
            "age_55_74",
            "age_75_over",
        ],
    ),
    ("sex", &["gender_woman", "gender_man"]),
    (
        "ethnicity",
        &[
            "ethnicity_white",
            "ethnicity_asian",
            "ethnicity_black",
            "ethnicity_mixed",
            "ethnicity_other",
        ],
    ),
    ("disability", &["disability_yes", "disability_no"]),
];

/// The file's columns.
pub const COLUMNS: [&str; 15] = [
    "pfa",
    "age_17_under",
    "age_18_34",
    "age_35_54",
    "age_55_74",
    "age_75_over",
    "gender_woman",
    "gender_man",
    "ethnicity_white",
    "ethnicity_asian",
    "ethnicity_black",
    "ethnicity_mixed",
    "ethnicity_other",
    "disability_yes",
    "disability_no",
];

/// A group is under-represented when its share of the people supported is below this fraction
/// of its share of the residents: fewer than four in five of the people one would expect.
pub const UNDER: f64 = 0.8;

/// How far one breakdown's total may stray from the age bands' (census tables are each
/// perturbed a little): one per cent.
const TOLERANCE: f64 = 0.01;

/// An area's residents by group (VFS column → people).
pub type Groups = BTreeMap<String, u64>;

/// Reads the file: PFA code → residents by group, or every problem by line and field.
pub fn read_csv(geo: &Geography, text: &str) -> Result<BTreeMap<String, Groups>, NeedsError> {
    let mut seen = BTreeSet::new();
    let rows = frontline_csv_import::read(text, Columns::required(&COLUMNS), |row| {
        let area = row.check("pfa", |given| {
            geo.find(given)
                .map(|a| (a.code.clone(), a.name.clone()))
                .ok_or_else(|| NeedsError::UnknownArea(given.to_string()).to_string())
        });
        if let Some((code, name)) = &area {
            if !seen.insert(code.clone()) {
                row.problem("pfa", format!("{name} is given twice"));
            }
        }
        let mut groups = Groups::new();
        for column in &COLUMNS[1..] {
            if let Some(n) = people(row, column) {
                groups.insert(column.to_string(), n);
            }
        }
        if groups.len() == COLUMNS.len() - 1 {
            check_totals(row, &groups);
        }
        Some((area?.0, groups))
    })?;
    Ok(rows.into_iter().collect())
}

fn people(row: &mut Row<'_>, column: &str) -> Option<u64> {
    row.check(column, |given| {
        given
            .replace(',', "")
            .parse::<u64>()
            .map_err(|_| format!("'{given}' is not a whole number of people"))
    })
}

/// Every breakdown adds up to the same residents as the age bands, within [`TOLERANCE`].
fn check_totals(row: &mut Row<'_>, groups: &Groups) {
    let total = |columns: &[&str]| -> u64 { columns.iter().filter_map(|c| groups.get(*c)).sum() };
    let ages = total(BREAKDOWNS[0].1);
    for (name, columns) in &BREAKDOWNS[1..] {
        let sum = total(columns);
        if (sum as f64 - ages as f64).abs() > TOLERANCE * ages as f64 {
            row.problem(
                columns[0],
                format!("the {name} groups add up to {sum} residents, the age bands to {ages}"),
            );
        }
    }
}

/// One group of a breakdown set beside the residents.
#[derive(Debug, Clone, PartialEq)]
pub struct Representation {
    pub breakdown: &'static str,
    /// The VFS column.
    pub group: &'static str,
    /// Of the people supported whose group was stated, the share in this group (%), where every
    /// count of the breakdown is published.
    pub supported_pct: Option<f64>,
    /// Of the residents, the share in this group (%).
    pub population_pct: Option<f64>,
    /// Supported share ÷ resident share.
    pub ratio: Option<f64>,
}

impl Representation {
    /// Whether the group is reached less than its numbers would lead one to expect.
    pub fn under_represented(&self) -> bool {
        self.ratio.is_some_and(|r| r < UNDER)
    }
}

/// Each group of each breakdown: `cell` gives a VFS count as published (none where hidden).
pub fn compare(cell: &dyn Fn(&str) -> Option<i64>, residents: &Groups) -> Vec<Representation> {
    let mut out = Vec::new();
    for (breakdown, columns) in BREAKDOWNS {
        let counts: Option<Vec<i64>> = columns.iter().map(|c| cell(c)).collect();
        let stated: Option<i64> = counts.as_ref().map(|c| c.iter().sum());
        let population: u64 = columns.iter().filter_map(|c| residents.get(*c)).sum();
        for (i, group) in columns.iter().enumerate() {
            let supported_pct = match (&counts, stated) {
                (Some(counts), Some(stated)) if stated > 0 => {
                    Some(100.0 * counts[i] as f64 / stated as f64)
                }
                _ => None,
            };
            let population_pct = residents
                .get(*group)
                .filter(|_| population > 0)
                .map(|n| 100.0 * *n as f64 / population as f64);
            let ratio = match (supported_pct, population_pct) {
                (Some(s), Some(p)) if p > 0.0 => Some(s / p),
                _ => None,
            };
            out.push(Representation {
                breakdown,
                group,
                supported_pct,
                population_pct,
                ratio,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(rows: &[&str]) -> String {
        let mut text = COLUMNS.join(",");
        for r in rows {
            text.push('\n');
            text.push_str(r);
        }
        text
    }

    const KENT: &str = "E23000032,400000,350000,400000,300000,100000,800000,750000,1400000,70000,40000,30000,10000,300000,1250000";

    #[test]
    fn a_file_reads_and_every_breakdown_must_add_up_to_the_same_residents() {
        let groups = read_csv(&Geography::reference(), &file(&[KENT])).expect("reads");
        assert_eq!(groups["E23000032"]["ethnicity_black"], 40_000);
        let wrong = KENT.replace(",1400000,", ",1300000,");
        let problem = read_csv(&Geography::reference(), &file(&[&wrong]))
            .unwrap_err()
            .to_string();
        assert!(
            problem.contains("ethnicity_white")
                && problem.contains(
                    "the ethnicity groups add up to 1450000 residents, the age bands to 1550000"
                ),
            "{problem}"
        );
    }

    #[test]
    fn shares_from_published_cells_against_residents_flag_who_is_missing() {
        let groups = read_csv(&Geography::reference(), &file(&[KENT])).expect("reads");
        let cells: BTreeMap<&str, i64> = BTreeMap::from([
            ("ethnicity_white", 180),
            ("ethnicity_asian", 6),
            ("ethnicity_black", 8),
            ("ethnicity_mixed", 4),
            ("ethnicity_other", 2),
            ("gender_woman", 190),
        ]);
        let rows = compare(&|c| cells.get(c).copied(), &groups["E23000032"]);
        let asian = rows
            .iter()
            .find(|r| r.group == "ethnicity_asian")
            .expect("row");
        // 6 of 200 supported (3%) against 70,000 of 1,550,000 residents (4.52%): 0.66.
        assert!((asian.supported_pct.unwrap_or_default() - 3.0).abs() < 1e-9);
        assert!(
            (asian.ratio.unwrap_or_default() - 3.0 / (100.0 * 70_000.0 / 1_550_000.0)).abs() < 1e-9
        );
        assert!(asian.under_represented());
        let black = rows
            .iter()
            .find(|r| r.group == "ethnicity_black")
            .expect("row");
        assert!(!black.under_represented(), "4% against 2.6%");
        // A breakdown with a hidden count gives no supported share at all.
        let man = rows.iter().find(|r| r.group == "gender_man").expect("row");
        assert_eq!((man.supported_pct, man.ratio), (None, None));
        assert!(man.population_pct.is_some());
    }
}
