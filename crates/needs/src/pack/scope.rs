//! A pack for an account that may see only its own areas of a cycle not yet released (a PCC
//! office's draft pack): the area's own figures stay, and everything that compares it with
//! others — the region, England and Wales, the rank among areas, themes by region — is either
//! taken from the latest released cycle's pack of the same area, saying which, or left out with
//! a note. Nothing about another area's unreleased figures reaches any format, because every
//! format (page, CSV, chart, workbook) is written from the pack this returns.

use super::{Indicator, Pack};
use crate::NeedsError;
use std::collections::BTreeMap;

/// Tables whose first row is the area and whose other rows compare it with its region and
/// England and Wales.
const AREA_FIRST_TABLES: [&str; 1] = ["refuge-places"];

/// Tables by police force area, region and England and Wales (the value tables): only the
/// area's own row stays.
const BY_AREA_TABLES: [&str; 2] = ["grant-value", "subcontracted-funding"];

/// Tables by region and England and Wales only (the market tables): nothing of them is the
/// area's own, so they wait for the release.
const BY_REGION_TABLES: [&str; 2] = ["providers-by-income", "funder-dependency"];

/// The columns of a themes table that compare the area with others.
const COMPARING_COLUMNS: [&str; 2] = ["region_pct", "england_and_wales_pct"];

/// The comparators a released pack of the same area published, per indicator id.
#[derive(Debug, Clone, PartialEq)]
pub struct ReleasedComparators {
    /// Which release they come from, as a reader is told: "the 2016 release (version 2)".
    pub release: String,
    /// Indicator id → (region, England and Wales) as published there.
    pub by_indicator: BTreeMap<String, (String, String)>,
}

impl ReleasedComparators {
    /// Reads the comparators from a released pack's `indicators.csv`.
    pub fn from_indicators_csv(release: &str, csv_text: &str) -> Result<Self, NeedsError> {
        let bad = |e: csv::Error| NeedsError::File(format!("reading released indicators.csv: {e}"));
        let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
        let headers = reader.headers().map_err(bad)?.clone();
        let column = |name: &str| {
            headers.iter().position(|h| h == name).ok_or_else(|| {
                NeedsError::File(format!("released indicators.csv has no '{name}' column"))
            })
        };
        let (id, region, england_and_wales) = (
            column("indicator")?,
            column("region")?,
            column("england_and_wales")?,
        );
        let mut by_indicator = BTreeMap::new();
        for row in reader.records() {
            let row = row.map_err(bad)?;
            let cell = |i: usize| {
                frontline_safety::spreadsheet::restore(row.get(i).unwrap_or_default()).to_string()
            };
            by_indicator.insert(cell(id), (cell(region), cell(england_and_wales)));
        }
        Ok(Self {
            release: release.to_string(),
            by_indicator,
        })
    }
}

/// What a scoped pack says about where its comparators come from.
fn comparators_note(released: Option<&ReleasedComparators>, year: i32) -> String {
    match released {
        Some(r) => format!(
            "The {year} figures are not released yet, so this pack shows only this area's own {year} figures. Region and England and Wales figures beside them are from {}, as published; ranks among areas are left out until the {year} release.",
            r.release
        ),
        None => format!(
            "The {year} figures are not released yet, so this pack shows only this area's own {year} figures. Region and England and Wales figures, ranks among areas and themes by region appear once the {year} figures are released; no earlier release has a pack to compare with."
        ),
    }
}

fn scoped_indicator(mut indicator: Indicator, released: Option<&ReleasedComparators>) -> Indicator {
    let published = released.and_then(|r| Some((r, r.by_indicator.get(&indicator.id)?)));
    let (region, england_and_wales) = match published {
        Some((_, (region, ew))) => (region.clone(), ew.clone()),
        None => (String::new(), String::new()),
    };
    indicator.values.region = region.parse().ok();
    indicator.values.england_and_wales = england_and_wales.parse().ok();
    indicator.values.rank = None;
    indicator.region = region;
    indicator.england_and_wales = england_and_wales;
    indicator.rank = String::new();
    if let Some((r, _)) = published {
        indicator.source = format!(
            "{}; region and England and Wales: {}",
            indicator.source.trim_end_matches('.'),
            r.release
        );
    }
    indicator
}

impl Pack {
    /// The pack as an account limited to its own areas may see it before the cycle's release:
    /// comparators from `released` (the latest released pack of the same area), or none.
    pub fn for_own_areas(mut self, released: Option<&ReleasedComparators>) -> Pack {
        self.indicators = self
            .indicators
            .into_iter()
            .map(|i| scoped_indicator(i, released))
            .collect();
        let year = self.year.to_string();
        for section in &mut self.sections {
            let table = &mut section.table;
            // The trend keeps every released cycle; of this one, only the area's own row (told
            // by its level: an area may share its region's name, as West Midlands does).
            if table.name == super::trend::NAME {
                table
                    .rows
                    .retain(|r| r[0] != year || r[1] == super::trend::AREA);
                section.notes.push(format!("The region's and England and Wales' {year} figures are published with the cycle's release and are not shown before it."));
                continue;
            }
            if BY_AREA_TABLES.contains(&table.name.as_str()) {
                let code = self.area.code.clone();
                table.rows.retain(|r| r.first().is_some_and(|c| *c == code));
                section.notes.push("The region's and England and Wales' figures are published with the cycle's release and are not shown before it.".into());
                continue;
            }
            if BY_REGION_TABLES.contains(&table.name.as_str()) {
                table.rows.clear();
                section.notes.push("Figures by region and for England and Wales are published with the cycle's release and are not shown before it.".into());
                continue;
            }
            // Tables whose later rows are the region and England and Wales keep the area's row.
            if AREA_FIRST_TABLES.contains(&table.name.as_str()) && table.rows.len() > 1 {
                table.rows.truncate(1);
                section.notes.push("The region's and England and Wales' figures are published with the cycle's release and are not shown before it.".into());
                continue;
            }
            let keep: Vec<bool> = table
                .columns
                .iter()
                .map(|c| !COMPARING_COLUMNS.contains(&c.as_str()))
                .collect();
            if keep.iter().all(|k| *k) {
                continue;
            }
            let filter = |cells: &mut Vec<String>| {
                let mut flags = keep.iter();
                cells.retain(|_| flags.next().copied().unwrap_or(true));
            };
            filter(&mut table.columns);
            for row in &mut table.rows {
                filter(row);
            }
            section
                .notes
                .push("Themes by region and for England and Wales are published with the cycle's release and are not shown before it.".into());
        }
        self.comparators_note = Some(comparators_note(released, self.year));
        self
    }
}
