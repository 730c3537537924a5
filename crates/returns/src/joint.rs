//! A period's returns for every programme at once. One return serves every programme that funds
//! its service, so two programmes' tables of the same period share services: a reader who knows
//! which services each funds (commissioners publish it) can subtract one programme's area row
//! from another's and read the services only one of them funds. The period is therefore
//! protected as one problem, with the unpublished sums of each area's services grouped by the
//! programmes that fund them guarded like any small count.

use crate::aggregate::{sum, ByArea};
use crate::error::ReturnsError;
use crate::figures::ReturnFigures;
use crate::metrics::{Measure, BREAKDOWNS, METRICS};
use frontline_disclosure::{CellProtector, KeyedGrid, Protection};
use std::collections::{BTreeMap, BTreeSet};

/// One service's counted return for a period, in the area it reports for.
#[derive(Debug, Clone, PartialEq)]
pub struct ServiceReturn {
    pub service: i64,
    pub area: String,
    pub figures: ReturnFigures,
}

/// A programme (its id, which names its cells, and its name) and the services it funds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Funded {
    pub programme: String,
    pub name: String,
    pub services: BTreeSet<i64>,
}

/// One programme's table of the period: its areas' sums and its total, and every row as
/// published (one string per [`METRICS`] column, the total row last).
#[derive(Debug, Clone, PartialEq)]
pub struct ProgrammeTable {
    pub programme: String,
    pub name: String,
    pub by_area: Vec<ByArea>,
    pub total: ReturnFigures,
    pub cells: Vec<Vec<String>>,
}

impl ProgrammeTable {
    /// The published cells of an area's row, if the programme has returns there.
    pub fn area_cells(&self, area: &str) -> Option<&Vec<String>> {
        let at = self.by_area.iter().position(|r| r.key == area)?;
        self.cells.get(at)
    }

    /// The published cells of the total row.
    pub fn total_cells(&self) -> Option<&Vec<String>> {
        self.cells.last()
    }
}

/// Every programme's table of one period, protected together.
#[derive(Debug, Clone, PartialEq)]
pub struct PeriodTables {
    pub period: String,
    pub programmes: Vec<ProgrammeTable>,
}

impl PeriodTables {
    /// The table of the programme with this id.
    pub fn programme(&self, id: &str) -> Option<&ProgrammeTable> {
        self.programmes.iter().find(|t| t.programme == id)
    }
}

/// The disclosure family of a period's returns: the same in the national export, the returns
/// pages and every pack, so a release protects them as one.
pub fn period_family(period: &str) -> String {
    format!("vfs-{period}")
}

/// The cells of one row (an area of a programme, a total, or a group of services no table
/// shows): every count of people, and the engaged victims that each breakdown adds up to.
struct RowCells {
    at: BTreeMap<&'static str, usize>,
}

fn people_columns() -> impl Iterator<Item = &'static str> {
    METRICS
        .iter()
        .filter(|m| m.measure == Measure::People)
        .map(|m| m.column)
}

impl RowCells {
    /// Adds the row's cells named `{stem}/{column}`; `guarded` for a row no table shows.
    fn add(
        g: &mut KeyedGrid,
        stem: &str,
        figures: &ReturnFigures,
        guarded: bool,
    ) -> Result<Self, ReturnsError> {
        let at: BTreeMap<&'static str, usize> = people_columns()
            .map(|c| {
                let key = format!("{stem}/{c}");
                let cell = if guarded {
                    g.guarded(key, figures.get(c))
                } else {
                    g.cell(key, figures.get(c))
                };
                (c, cell)
            })
            .collect();
        // Never published, but a count of people all the same: guarded.
        let engaged = g.guarded(format!("{stem}/engaged"), figures.engaged());
        g.grid
            .relate(engaged, &[at["engaged_new"], at["engaged_existing"]])?;
        for b in BREAKDOWNS {
            let parts: Vec<usize> = b.columns.iter().map(|c| at[c]).collect();
            g.grid.relate(engaged, &parts)?;
        }
        Ok(Self { at })
    }
}

/// Each programme's areas (in `areas` order) and total for the period, protected as one
/// problem with the unpublished groups of services that tie them together (see the module
/// documentation). Cells are named `{family}/{programme}/{area}/{column}`, totals
/// `{family}/{programme}/Total/{column}`.
pub fn protect_period(
    protector: &dyn CellProtector,
    period: &str,
    areas: &[&str],
    returns: &[ServiceReturn],
    programmes: &[Funded],
) -> Result<PeriodTables, ReturnsError> {
    let family = period_family(period);
    let mut g = KeyedGrid::new();
    let mut tables = Vec::new();
    // Per programme: its rows' cells (areas then total), by area.
    let mut row_cells: Vec<BTreeMap<String, RowCells>> = Vec::new();
    for funded in programmes {
        let theirs: Vec<&ServiceReturn> = returns
            .iter()
            .filter(|r| funded.services.contains(&r.service))
            .collect();
        let by_area: Vec<ByArea> = areas
            .iter()
            .filter_map(|area| {
                let here: Vec<&ReturnFigures> = theirs
                    .iter()
                    .filter(|r| r.area == *area)
                    .map(|r| &r.figures)
                    .collect();
                (!here.is_empty()).then(|| ByArea {
                    key: area.to_string(),
                    figures: sum(here),
                })
            })
            .collect();
        let total = sum(by_area.iter().map(|r| &r.figures));
        let stem = format!("{family}/{}", funded.programme);
        let mut cells = BTreeMap::new();
        for row in &by_area {
            let stem = format!("{stem}/{}", row.key);
            cells.insert(
                row.key.clone(),
                RowCells::add(&mut g, &stem, &row.figures, false)?,
            );
        }
        let total_cells = RowCells::add(&mut g, &format!("{stem}/Total"), &total, false)?;
        for column in people_columns() {
            let parts: Vec<usize> = cells.values().map(|r| r.at[column]).collect();
            g.grid.relate(total_cells.at[column], &parts)?;
        }
        cells.insert(String::new(), total_cells);
        row_cells.push(cells);
        tables.push(ProgrammeTable {
            programme: funded.programme.clone(),
            name: funded.name.clone(),
            by_area,
            total,
            cells: Vec::new(),
        });
    }
    tie_shared_areas(&mut g, &family, areas, returns, programmes, &row_cells)?;
    let shown = g.protect(protector, &family)?;
    for (table, cells) in tables.iter_mut().zip(&row_cells) {
        let order = table
            .by_area
            .iter()
            .map(|r| (&r.figures, &cells[&r.key]))
            .chain(std::iter::once((&table.total, &cells[""])));
        table.cells = order
            .map(|(figures, row)| published_row(&g, &shown, figures, row))
            .collect();
    }
    Ok(PeriodTables {
        period: period.to_string(),
        programmes: tables,
    })
}

/// Where two or more programmes have returns in an area, each programme's row there is the sum
/// of the groups of the area's services that share the same funders among them: those groups
/// are added as guarded rows, and each programme's row tied to the groups it funds.
fn tie_shared_areas(
    g: &mut KeyedGrid,
    family: &str,
    areas: &[&str],
    returns: &[ServiceReturn],
    programmes: &[Funded],
    row_cells: &[BTreeMap<String, RowCells>],
) -> Result<(), ReturnsError> {
    for area in areas {
        let here: Vec<usize> = (0..programmes.len())
            .filter(|&p| row_cells[p].contains_key(*area))
            .collect();
        if here.len() < 2 {
            continue;
        }
        let mut groups: BTreeMap<Vec<usize>, Vec<&ReturnFigures>> = BTreeMap::new();
        for r in returns.iter().filter(|r| r.area == *area) {
            let funders: Vec<usize> = here
                .iter()
                .copied()
                .filter(|&p| programmes[p].services.contains(&r.service))
                .collect();
            if !funders.is_empty() {
                groups.entry(funders).or_default().push(&r.figures);
            }
        }
        let mut group_cells = Vec::new();
        for (n, (funders, figures)) in groups.into_iter().enumerate() {
            let stem = format!("{family}/(services)/{area}/{n}");
            let cells = RowCells::add(g, &stem, &sum(figures), true)?;
            group_cells.push((funders, cells));
        }
        for &p in &here {
            let row = &row_cells[p][*area];
            for column in people_columns() {
                let parts: Vec<usize> = group_cells
                    .iter()
                    .filter(|(funders, _)| funders.contains(&p))
                    .map(|(_, cells)| cells.at[column])
                    .collect();
                g.grid.relate(row.at[column], &parts)?;
            }
        }
    }
    Ok(())
}

/// A row as published: counts of people as protected, the weeks waited as given.
fn published_row(
    g: &KeyedGrid,
    shown: &Protection,
    figures: &ReturnFigures,
    row: &RowCells,
) -> Vec<String> {
    METRICS
        .iter()
        .map(|m| match m.measure {
            Measure::People => {
                let cell = row.at[m.column];
                shown.show(cell, || g.grid.value(cell).to_string())
            }
            Measure::Weeks => figures
                .waiting_weeks_median
                .map(|w| format!("{w:.1}"))
                .unwrap_or_default(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::METRICS;
    use frontline_disclosure::{SuppressionRule, SUPPRESSED};

    fn figures(new: i64, black: i64) -> ReturnFigures {
        let mut counts = BTreeMap::new();
        for column in people_columns() {
            counts.insert(column.to_string(), 0);
        }
        for (column, value) in [
            ("engaged_new", new),
            ("referrals", new + 5),
            ("age_35_54", new),
            ("gender_woman", new),
            ("orientation_not_stated", new),
            ("ethnicity_black", black),
            ("ethnicity_white", new - black),
            ("disability_not_stated", new),
        ] {
            counts.insert(column.to_string(), value);
        }
        ReturnFigures {
            counts,
            waiting_weeks_median: None,
        }
    }

    #[test]
    fn a_service_only_one_programme_funds_cannot_be_subtracted_out() {
        // Kent: services 1–3 are funded by both programmes, service 4 by the wider one only.
        // Its 3 Black victims would be the difference of the two programmes' Kent rows.
        let returns: Vec<ServiceReturn> = [(1, 30, 9), (2, 25, 8), (3, 20, 7), (4, 12, 3)]
            .into_iter()
            .map(|(service, new, black)| ServiceReturn {
                service,
                area: "Kent".into(),
                figures: figures(new, black),
            })
            .chain([ServiceReturn {
                service: 5,
                area: "Surrey".into(),
                figures: figures(40, 10),
            }])
            .collect();
        let programmes = [
            Funded {
                programme: "County".into(),
                name: "County Council".into(),
                services: [1, 2, 3].into(),
            },
            Funded {
                programme: "PCC".into(),
                name: "Police and Crime Commissioner".into(),
                services: [1, 2, 3, 4, 5].into(),
            },
        ];
        let rule = SuppressionRule::default();
        let tables =
            protect_period(&rule, "2026-Q1", &["Kent", "Surrey"], &returns, &programmes).unwrap();
        let col = |name: &str| METRICS.iter().position(|m| m.column == name).unwrap();
        let county = tables
            .programme("County")
            .unwrap()
            .area_cells("Kent")
            .unwrap();
        let pcc = tables.programme("PCC").unwrap().area_cells("Kent").unwrap();
        let black = col("ethnicity_black");
        assert!(
            county[black] == SUPPRESSED || pcc[black] == SUPPRESSED,
            "24 and 27 side by side would give 3 away: {} and {}",
            county[black],
            pcc[black]
        );
        assert_eq!(
            tables.programme("PCC").unwrap().total_cells().unwrap()[col("engaged_new")],
            "127"
        );
        assert_eq!(period_family("2026-Q1"), "vfs-2026-Q1");
    }

    fn counts_of(pairs: &[(&str, i64)], median: Option<f64>) -> ReturnFigures {
        ReturnFigures {
            counts: pairs.iter().map(|(c, v)| (c.to_string(), *v)).collect(),
            waiting_weeks_median: median,
        }
    }

    #[test]
    fn small_counts_and_their_complements_are_hidden_in_every_direction() {
        let row = |new: i64, age_young: i64| {
            counts_of(
                &[
                    ("engaged_new", new),
                    ("engaged_existing", 10),
                    ("age_18_34", age_young),
                    ("age_35_54", new + 10 - age_young),
                    ("gender_woman", new + 10),
                    ("orientation_not_stated", new + 10),
                    ("ethnicity_not_stated", new + 10),
                    ("disability_not_stated", new + 10),
                ],
                None,
            )
        };
        let rows = [
            ByArea {
                key: "A".into(),
                figures: row(20, 3),
            },
            ByArea {
                key: "B".into(),
                figures: row(30, 12),
            },
            ByArea {
                key: "C".into(),
                figures: row(25, 14),
            },
        ];
        let returns: Vec<ServiceReturn> = rows
            .iter()
            .enumerate()
            .map(|(i, r)| ServiceReturn {
                service: i as i64,
                area: r.key.clone(),
                figures: r.figures.clone(),
            })
            .collect();
        let one = Funded {
            programme: "p".into(),
            name: "P".into(),
            services: (0..3).collect(),
        };
        let rule = SuppressionRule::default();
        let tables = protect_period(&rule, "t", &["A", "B", "C"], &returns, &[one]).unwrap();
        let out = &tables.programmes[0].cells;
        let col = |name: &str| METRICS.iter().position(|m| m.column == name).unwrap();
        assert_eq!(out[0][col("age_18_34")], SUPPRESSED, "3 is small");
        assert_eq!(
            out[0][col("age_35_54")],
            SUPPRESSED,
            "its row would give it away"
        );
        let hidden_in_column = out[..3]
            .iter()
            .filter(|r| r[col("age_18_34")] == SUPPRESSED)
            .count();
        assert!(hidden_in_column >= 2, "its column total would give it away");
        assert_eq!(out[3][col("engaged_new")], "75");
        assert!(out.iter().all(|r| r.len() == METRICS.len()));
    }
}
