//! One cycle's figures as the public saw them — by level, area and column, each cell as
//! published ("[c]" where suppressed) — and where they came from.

use crate::spec::{Level, SeriesSpec};
use frontline_disclosure::SuppressionRule;
use frontline_geo::areas::REGIONS;
use frontline_geo::tables::Table;
use std::collections::BTreeMap;
use survey_engine::definition::FigureMap;

/// Where a cycle's figures were taken from.
#[derive(Debug, Clone, PartialEq)]
pub enum Origin {
    /// The cycle's latest release: what the public sees now. `withdrawn` names a newer version
    /// that was withdrawn, and when, whose figures the series no longer shows.
    Release {
        version: i32,
        released_on: String,
        withdrawn: Option<(i32, String)>,
    },
    /// The edition being built: a draft, or the release itself.
    ThisEdition { draft: bool },
    /// Figures a charity published before Frontline, imported with their source.
    Published { source: String },
}

impl Origin {
    /// The `source` cell of a series row.
    pub fn describe(&self, year: i32) -> String {
        match self {
            Origin::Release {
                version,
                released_on,
                ..
            } => format!("{year} release, version {version} ({released_on})"),
            Origin::ThisEdition { draft: true } => format!("{year} draft, not released"),
            Origin::ThisEdition { draft: false } => format!("{year} release (this one)"),
            Origin::Published { source } => format!("Published before Frontline: {source}"),
        }
    }

    /// What a reader must know about where the figures came from, if anything.
    pub fn note(&self, year: i32) -> Option<String> {
        match self {
            Origin::Release {
                version,
                withdrawn: Some((newer, on)),
                ..
            } => Some(format!(
                "{year} as in version {version} of its release: version {newer}, which followed it, was withdrawn on {on}."
            )),
            Origin::Release {
                version,
                released_on,
                ..
            } if *version > 1 => Some(format!(
                "Revised: {year} as corrected in version {version} of its release ({released_on}), which replaces the earlier versions."
            )),
            Origin::Published { .. } => Some(format!(
                "{year} as published before Frontline; only the figures published then are shown."
            )),
            _ => None,
        }
    }
}

/// A published table as text: its header and rows, as in its CSV.
#[derive(Debug, Clone, PartialEq)]
pub struct TableText {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl TableText {
    /// A released CSV, read back.
    pub fn from_csv(text: &str) -> Result<TableText, String> {
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let columns = reader
            .headers()
            .map_err(|e| e.to_string())?
            .iter()
            .map(str::to_string)
            .collect();
        let rows = reader
            .records()
            .map(|r| r.map(|r| r.iter().map(str::to_string).collect()))
            .collect::<Result<_, _>>()
            .map_err(|e| e.to_string())?;
        Ok(TableText { columns, rows })
    }

    /// A table of the edition being built.
    pub fn from_table(table: &Table) -> TableText {
        TableText {
            columns: table.columns.clone(),
            rows: table.rows.clone(),
        }
    }
}

/// One figure published before Frontline: a level, its area (a region's name, an area's code;
/// empty for England and Wales), a series column and the value as printed.
#[derive(Debug, Clone, PartialEq)]
pub struct PublishedFigure {
    pub level: Level,
    pub area: String,
    pub measure: String,
    pub value: String,
}

/// The survey version a cycle asked: its id and which question gives each figure.
#[derive(Debug, Clone)]
pub struct Asked {
    pub schema_id: String,
    pub figures: FigureMap,
}

/// One cycle's cells by level and area, then by column.
#[derive(Debug, Clone)]
pub struct CycleFigures {
    pub year: i32,
    pub origin: Origin,
    /// None for figures published before Frontline.
    pub asked: Option<Asked>,
    cells: BTreeMap<(Level, String), BTreeMap<String, String>>,
}

impl CycleFigures {
    /// The cells of every level `spec` follows, from the cycle's tables (`table` gives one by
    /// name, or none where the cycle did not publish it).
    pub fn from_tables(
        spec: &SeriesSpec,
        year: i32,
        origin: Origin,
        asked: Option<Asked>,
        table: impl Fn(&str) -> Option<TableText>,
    ) -> CycleFigures {
        let mut cells: BTreeMap<(Level, String), BTreeMap<String, String>> = BTreeMap::new();
        for level in Level::ALL {
            let wanted = spec.level(level);
            for name in &wanted.tables {
                let Some(t) = table(name) else { continue };
                let key_at = match &wanted.key {
                    Some(key) => t.columns.iter().position(|c| c == key),
                    None => Some(0),
                };
                let Some(key_at) = key_at else { continue };
                // A table of areas that also has region and national rows (the refuge places)
                // gives the nation and the regions only from rows naming no area.
                let area_at = t.columns.iter().position(|c| c == "pfa_code");
                for row in &t.rows {
                    let Some(key) = row.get(key_at) else { continue };
                    let names_an_area = area_at
                        .and_then(|at| row.get(at))
                        .is_some_and(|code| !code.is_empty());
                    if level != Level::Pfa && names_an_area {
                        continue;
                    }
                    let area = match (level, &wanted.row) {
                        (Level::National, Some(total)) if key == total => String::new(),
                        (Level::National, _) => continue,
                        (Level::Region, _) if REGIONS.contains(&key.as_str()) => key.clone(),
                        (Level::Region, _) => continue,
                        (Level::Pfa, _) if !key.is_empty() => key.clone(),
                        (Level::Pfa, _) => continue,
                    };
                    let into = cells.entry((level, area)).or_default();
                    for (column, cell) in t.columns.iter().zip(row) {
                        if wanted.columns.contains(column) && !into.contains_key(column) {
                            into.insert(column.clone(), cell.clone());
                        }
                    }
                }
            }
        }
        CycleFigures {
            year,
            origin,
            asked,
            cells,
        }
    }

    /// The cells of figures published before Frontline.
    pub fn from_published(year: i32, source: &str, figures: &[PublishedFigure]) -> CycleFigures {
        let mut cells: BTreeMap<(Level, String), BTreeMap<String, String>> = BTreeMap::new();
        for f in figures {
            cells
                .entry((f.level, f.area.clone()))
                .or_default()
                .insert(f.measure.clone(), f.value.clone());
        }
        CycleFigures {
            year,
            origin: Origin::Published {
                source: source.to_string(),
            },
            asked: None,
            cells,
        }
    }

    /// Hides, at every level, each count of people of which any figure is under `rule`'s
    /// threshold (figures printed before Frontline under a laxer rule than this publication's):
    /// hiding them all leaves nothing to work a hidden one out from.
    pub fn hide_small_counts_of_people(&mut self, rule: &SuppressionRule) {
        let counts_people =
            |m: &str| frontline_geo::columns::describe(m).is_some_and(|c| c.unit == "people");
        let small = |v: &str| {
            v.parse::<f64>()
                .is_ok_and(|n| n >= 1.0 && n < f64::from(rule.threshold()))
        };
        let measures: Vec<String> = self
            .cells
            .values()
            .flat_map(|cells| cells.iter())
            .filter(|(m, v)| counts_people(m) && small(v))
            .map(|(m, _)| m.clone())
            .collect();
        for cells in self.cells.values_mut() {
            for (m, v) in cells.iter_mut() {
                if measures.contains(m) {
                    *v = frontline_disclosure::SUPPRESSED.to_string();
                }
            }
        }
    }

    /// The cells of one area (empty for England and Wales) at `level`, if the cycle has any.
    pub fn area(&self, level: Level, area: &str) -> Option<&BTreeMap<String, String>> {
        self.cells.get(&(level, area.to_string()))
    }

    /// Whether the cycle has any figure at all.
    pub fn is_empty(&self) -> bool {
        self.cells.values().all(BTreeMap::is_empty)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn regional() -> TableText {
        TableText::from_csv(
            "region,idva_services,fte_idvas,fte_idvas_high_risk,recommended_fte,coverage_pct\nLondon,12,51,46,184,25\nTotal,160,673,605,1194,51\n",
        )
        .expect("csv")
    }

    #[test]
    fn the_total_row_is_the_nation_and_named_regions_are_regions() {
        let spec = SeriesSpec::practitioner();
        let cycle = CycleFigures::from_tables(
            spec,
            2016,
            Origin::ThisEdition { draft: true },
            None,
            |name| (name == "regional-capacity").then(regional),
        );
        let national = cycle.area(Level::National, "").expect("national");
        assert_eq!(national["fte_idvas"], "673");
        assert_eq!(
            cycle.area(Level::Region, "London").expect("London")["coverage_pct"],
            "25"
        );
        assert!(cycle.area(Level::Region, "Total").is_none());
        assert!(cycle.area(Level::Pfa, "E23000001").is_none());
    }

    #[test]
    fn a_count_under_this_publications_rule_hides_its_measure_everywhere() {
        let figure = |level, area: &str, value: &str| PublishedFigure {
            level,
            area: area.into(),
            measure: "volunteers".into(),
            value: value.into(),
        };
        let mut year = CycleFigures::from_published(
            2015,
            "report",
            &[
                figure(Level::National, "", "900"),
                figure(Level::Region, "Wales", "7"),
                figure(Level::Region, "London", "120"),
            ],
        );
        year.hide_small_counts_of_people(&SuppressionRule::new(10).expect("rule"));
        for (level, area) in [
            (Level::National, ""),
            (Level::Region, "Wales"),
            (Level::Region, "London"),
        ] {
            assert_eq!(year.area(level, area).expect("cells")["volunteers"], "[c]");
        }
    }

    #[test]
    fn a_revised_release_says_so_and_a_first_one_says_nothing() {
        let revised = Origin::Release {
            version: 3,
            released_on: "2027-03-01".into(),
            withdrawn: None,
        };
        assert!(revised.note(2016).is_some_and(|n| n.contains("version 3")));
        let first = Origin::Release {
            version: 1,
            released_on: "2026-12-07".into(),
            withdrawn: None,
        };
        let fallen_back = Origin::Release {
            version: 1,
            released_on: "2026-12-07".into(),
            withdrawn: Some((2, "2027-01-10".into())),
        };
        assert!(fallen_back.note(2016).is_some_and(
            |n| n.contains("version 2, which followed it, was withdrawn on 2027-01-10")
        ));
        assert_eq!(first.note(2016), None);
        assert_eq!(first.describe(2016), "2016 release, version 1 (2026-12-07)");
    }
}
