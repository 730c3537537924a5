//! The series since the first cycle for a national edition: every earlier cycle as it was last
//! released (what the public sees), years published before Frontline as imported, and this
//! edition's own tables — never an earlier cycle recomputed. A PCC office's provisional view has
//! none: its national rows would not be released yet.

use crate::db::DbConnection;
use crate::error::{AppError, AppResult};
use crate::publication::Edition;
use crate::store::cycles::Cycle;
use crate::store::{cycles, published, releases};
use crate::Platform;
use frontline_geo::tables::Table;
use frontline_trends::chart::{trend_charts, TrendChart};
use frontline_trends::figures::{Asked, TableText};
use frontline_trends::headlines::{self, Headline};
use frontline_trends::series::{self, Series};
use frontline_trends::{CycleFigures, Origin, SeriesSpec};
use std::collections::{BTreeMap, BTreeSet};

/// The series, its headlines, the tables they make and the charts.
#[derive(Debug, Clone)]
pub struct Trends {
    pub series: Series,
    pub headlines: Vec<Headline>,
    pub by_region: Vec<(String, Vec<Headline>)>,
    pub charts: Vec<TrendChart>,
}

impl Trends {
    /// The headlines (national and by region) and the three series tables, in the order they
    /// are listed.
    pub fn tables(&self) -> Vec<Table> {
        let mut tables = vec![
            headlines::table(&self.headlines),
            headlines::region_table(&self.by_region),
        ];
        tables.extend(self.series.tables().into_iter().cloned());
        tables
    }
}

/// The trends of `cycle` as `edition` shows them, from `tables`, the edition's own tables.
pub fn for_edition(
    platform: &Platform,
    conn: &mut DbConnection,
    cycle: &Cycle,
    edition: &Edition,
    tables: &[Table],
) -> AppResult<Option<Trends>> {
    if edition.areas().is_some() {
        return Ok(None);
    }
    for_cycle(platform, conn, cycle, edition.release().is_none(), tables)
}

/// The trends of `cycle`, a draft or a release, from `tables`, its own national tables.
pub fn for_cycle(
    platform: &Platform,
    conn: &mut DbConnection,
    cycle: &Cycle,
    draft: bool,
    tables: &[Table],
) -> AppResult<Option<Trends>> {
    let spec = SeriesSpec::practitioner();
    let mut cycles = earlier_cycles(platform, conn, spec, cycle.year)?;
    // Years printed before Frontline, under this publication's rule.
    for earlier in &mut cycles {
        if matches!(earlier.origin, Origin::Published { .. }) {
            earlier.hide_small_counts_of_people(&cycle.suppression_rule());
        }
    }
    let this = CycleFigures::from_tables(
        spec,
        cycle.year,
        Origin::ThisEdition { draft },
        asked(platform, cycle),
        |name| {
            tables
                .iter()
                .find(|t| t.name == name)
                .map(TableText::from_table)
        },
    );
    cycles.push(this);
    let series = series::build(spec, &platform.geography, &cycles)
        .map_err(|e| AppError::Task(format!("the series since the first cycle: {e}")))?;
    let headlines = headlines::headlines(spec, &series);
    let by_region = headlines::by_region(spec, &series);
    let charts = trend_charts(&series);
    Ok(Some(Trends {
        series,
        headlines,
        by_region,
        charts,
    }))
}

/// The newest version of a cycle after `shown` that was withdrawn, and the day it was.
fn newest_withdrawn(
    conn: &mut DbConnection,
    cycle_id: i32,
    shown: i32,
) -> AppResult<Option<(i32, String)>> {
    // Newest first.
    for later in releases::for_cycle(conn, cycle_id)?
        .into_iter()
        .filter(|r| r.version > shown)
    {
        if let Some(w) = releases::withdrawal(conn, later.id)? {
            return Ok(Some((later.version, w.withdrawn_at.date().to_string())));
        }
    }
    Ok(None)
}

/// The survey version a cycle asked, when the catalogue has it.
fn asked(platform: &Platform, cycle: &Cycle) -> Option<Asked> {
    let def = platform.catalogue.get(&cycle.schema_id).ok()?;
    Some(Asked {
        schema_id: def.id.clone(),
        figures: def.figures.clone(),
    })
}

/// Every cycle before `year`: each surveyed one from its latest public release, and each year
/// published before Frontline (unless a release of that year exists) from its import.
fn earlier_cycles(
    platform: &Platform,
    conn: &mut DbConnection,
    spec: &SeriesSpec,
    year: i32,
) -> AppResult<Vec<CycleFigures>> {
    let followed: BTreeSet<&str> = frontline_trends::Level::ALL
        .iter()
        .flat_map(|l| spec.level(*l).tables.iter().map(String::as_str))
        .collect();
    let mut out: BTreeMap<i32, CycleFigures> = BTreeMap::new();
    for earlier in cycles::all(conn)?.into_iter().filter(|c| c.year < year) {
        let Some(release) = releases::latest_public(conn, earlier.id)? else {
            continue;
        };
        let mut texts: BTreeMap<&str, TableText> = BTreeMap::new();
        for name in &followed {
            let path = format!("tables/{name}.csv");
            let Some(bytes) = releases::file(conn, release.id, &path)? else {
                continue;
            };
            let text =
                TableText::from_csv(&String::from_utf8_lossy(&bytes)).map_err(|problem| {
                    AppError::Task(format!(
                        "{path} as released for {}: {problem}",
                        earlier.year
                    ))
                })?;
            texts.insert(name, text);
        }
        if texts.is_empty() {
            continue;
        }
        let origin = Origin::Release {
            version: release.version,
            released_on: release.released_at.date().to_string(),
            withdrawn: newest_withdrawn(conn, earlier.id, release.version)?,
        };
        let figures = CycleFigures::from_tables(
            spec,
            earlier.year,
            origin,
            asked(platform, &earlier),
            |name| texts.get(name).cloned(),
        );
        out.insert(earlier.year, figures);
    }
    for imported in published::all(conn)?.into_iter().filter(|p| p.year < year) {
        out.entry(imported.year).or_insert_with(|| {
            CycleFigures::from_published(imported.year, &imported.source, &imported.figures)
        });
    }
    Ok(out.into_values().collect())
}
