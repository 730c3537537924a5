//! Who is missing: an area's residents by group — age band, sex, ethnic group and disability, in
//! the Census 2021 shape and the VFS returns' own categories — imported per cycle with its source,
//! and the share of people supported in each group (from the VFS returns' published cells) set
//! beside the share of residents, so groups the services reach less than their numbers would
//! lead one to expect stand out.
//!
//! The file is `pfa,age_17_under,…,disability_no` ([`COLUMNS`]): a row per police force area, a
//! column per group named as the VFS return names it. The census asks sex, the return gender
//! identity: `gender_woman` and `gender_man` take the census's female and male residents.

use crate::population::area_once;
use crate::NeedsError;
use frontline_csv_import::{Columns, Row};
use frontline_geo::Geography;
use std::collections::{BTreeMap, BTreeSet};

/// A breakdown compared.
#[derive(Debug, Clone, Copy)]
pub struct Breakdown {
    pub name: &'static str,
    /// The returns' groups whose members stated it (the share's denominator).
    pub stated: &'static [&'static str],
    /// The groups residents are imported for: the stated ones the census counts by area.
    pub compared: &'static [&'static str],
}

const AGES: &[&str] = &[
    "age_17_under",
    "age_18_34",
    "age_35_54",
    "age_55_74",
    "age_75_over",
];
const ETHNIC_GROUPS: &[&str] = &[
    "ethnicity_white",
    "ethnicity_asian",
    "ethnicity_black",
    "ethnicity_mixed",
    "ethnicity_other",
];
const DISABILITY: &[&str] = &["disability_yes", "disability_no"];

pub const BREAKDOWNS: [Breakdown; 4] = [
    Breakdown {
        name: "age",
        stated: AGES,
        compared: AGES,
    },
    Breakdown {
        name: "sex",
        // Non-binary people stated their gender identity; the census counts no such residents.
        stated: &["gender_woman", "gender_man", "gender_non_binary"],
        compared: &["gender_woman", "gender_man"],
    },
    Breakdown {
        name: "ethnicity",
        stated: ETHNIC_GROUPS,
        compared: ETHNIC_GROUPS,
    },
    Breakdown {
        name: "disability",
        stated: DISABILITY,
        compared: DISABILITY,
    },
];

/// The fewest people whose group was stated for a breakdown's shares to be worked out: below it
/// one or two people would swing a share by tens of points.
pub const MIN_STATED: i64 = 20;

/// The most residents of any group in one area: more than live in England and Wales.
const MOST_PEOPLE: u64 = 100_000_000;

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

/// An area's residents by group as held for a cycle: the figures, their source and the cycle
/// they were imported for (an earlier one's stand in until the cycle has its own).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AreaGroups {
    pub groups: Groups,
    pub source: String,
    pub year: i32,
}

/// Reads the file: PFA code → residents by group, or every problem by line and field.
pub fn read_csv(geo: &Geography, text: &str) -> Result<BTreeMap<String, Groups>, NeedsError> {
    let mut seen = BTreeSet::new();
    let rows = frontline_csv_import::read(text, Columns::required(&COLUMNS), |row| {
        let area = area_once(geo, row, &mut seen);
        let mut groups = Groups::new();
        for column in &COLUMNS[1..] {
            if let Some(n) = people(row, column) {
                groups.insert(column.to_string(), n);
            }
        }
        if groups.len() == COLUMNS.len() - 1 {
            check_totals(row, &groups);
        }
        Some((area?, groups))
    })?;
    Ok(rows.into_iter().collect())
}

/// A whole number of people, thousands separated by commas or not (`1,550,000` or `1550000`),
/// no more than live in England and Wales.
fn people(row: &mut Row<'_>, column: &str) -> Option<u64> {
    row.check(column, |given| {
        let groups: Vec<&str> = given.split(',').collect();
        let well_grouped =
            groups.len() == 1 || (groups[0].len() <= 3 && groups[1..].iter().all(|g| g.len() == 3));
        let digits = given.replace(',', "");
        let people = digits
            .parse::<u64>()
            .ok()
            .filter(|_| well_grouped && !digits.is_empty())
            .ok_or_else(|| format!("'{given}' is not a whole number of people"))?;
        if people > MOST_PEOPLE {
            return Err(format!(
                "{people} is more people than live in England and Wales"
            ));
        }
        Ok(people)
    })
}

/// The area has residents, and every breakdown adds up to the same residents as the age bands,
/// within [`TOLERANCE`].
fn check_totals(row: &mut Row<'_>, groups: &Groups) {
    let total = |columns: &[&str]| -> u64 { columns.iter().filter_map(|c| groups.get(*c)).sum() };
    let ages = total(BREAKDOWNS[0].compared);
    if ages == 0 {
        row.problem(
            BREAKDOWNS[0].compared[0],
            "the age bands count no residents at all",
        );
        return;
    }
    for b in &BREAKDOWNS[1..] {
        let sum = total(b.compared);
        if (sum as f64 - ages as f64).abs() > TOLERANCE * ages as f64 {
            row.problem(
                b.compared[0],
                format!(
                    "the {} groups add up to {sum} residents, the age bands to {ages}",
                    b.name
                ),
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
    /// The ratio as shown: to two decimal places.
    pub fn shown_ratio(&self) -> Option<f64> {
        self.ratio.map(|r| (r * 100.0).round() / 100.0)
    }

    /// Whether the group is reached less than its numbers would lead one to expect, judged on
    /// the ratio as shown, so a reader sees the same.
    pub fn under_represented(&self) -> bool {
        self.shown_ratio().is_some_and(|r| r < UNDER)
    }
}

/// Each compared group of each breakdown: `cell` gives a VFS count as published (none where
/// hidden). Shares of the people supported need every stated count of the breakdown published
/// and at least [`MIN_STATED`] of them.
pub fn compare(cell: &dyn Fn(&str) -> Option<i64>, residents: &Groups) -> Vec<Representation> {
    let mut out = Vec::new();
    for b in BREAKDOWNS {
        let stated: Option<i64> = b
            .stated
            .iter()
            .map(|c| cell(c))
            .sum::<Option<i64>>()
            .filter(|n| *n >= MIN_STATED);
        let population: u64 = b.compared.iter().filter_map(|c| residents.get(*c)).sum();
        for group in b.compared {
            let supported_pct = match (cell(group), stated) {
                (Some(count), Some(stated)) => Some(100.0 * count as f64 / stated as f64),
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
                breakdown: b.name,
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
    fn an_area_without_residents_or_with_misplaced_commas_is_refused_by_field() {
        let empty = "E23000032,0,0,0,0,0,0,0,0,0,0,0,0,0,0";
        let problem = read_csv(&Geography::reference(), &file(&[empty]))
            .unwrap_err()
            .to_string();
        assert!(
            problem.contains("age_17_under: the age bands count no residents at all"),
            "{problem}"
        );
        let commas = KENT.replacen("400000", "\"4,00000\"", 1);
        let problem = read_csv(&Geography::reference(), &file(&[&commas]))
            .unwrap_err()
            .to_string();
        assert!(
            problem.contains("'4,00000' is not a whole number of people"),
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
        // Fewer than 20 stated: no share.
        let few: BTreeMap<&str, i64> =
            BTreeMap::from([("disability_yes", 5), ("disability_no", 10)]);
        let rows = compare(&|c| few.get(c).copied(), &groups["E23000032"]);
        assert!(rows.iter().all(|r| r.supported_pct.is_none()));
        // Non-binary people count among those who stated their gender.
        let gender: BTreeMap<&str, i64> = BTreeMap::from([
            ("gender_woman", 90),
            ("gender_man", 5),
            ("gender_non_binary", 5),
        ]);
        let rows = compare(&|c| gender.get(c).copied(), &groups["E23000032"]);
        let women = rows
            .iter()
            .find(|r| r.group == "gender_woman")
            .expect("row");
        assert_eq!(women.supported_pct, Some(90.0));
    }
}
