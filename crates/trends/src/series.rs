//! The series tables — `trends-national`, `trends-by-region`, `trends-by-pfa` — one row per
//! area and cycle, each cell as its cycle published it, with the breaks where a survey version
//! changed the question behind a column.

use crate::error::{TrendError, UndeclaredBreak};
use crate::figures::CycleFigures;
use crate::spec::{Level, SeriesSpec, OUTSIDE_THE_SURVEY};
use frontline_geo::areas::{Geography, REGIONS};
use frontline_geo::tables::Table;
use std::collections::BTreeMap;

/// A break in a column: from `year` on, its figure is asked by a different question.
#[derive(Debug, Clone, PartialEq)]
pub struct Break {
    pub year: i32,
    pub column: String,
    pub figure: String,
    pub note: String,
}

/// The three series tables and the breaks marked in them.
#[derive(Debug, Clone)]
pub struct Series {
    pub national: Table,
    pub by_region: Table,
    pub by_pfa: Table,
    pub breaks: Vec<Break>,
    /// The cycles in the series, oldest first.
    pub years: Vec<i32>,
}

impl Series {
    pub fn tables(&self) -> [&Table; 3] {
        [&self.national, &self.by_region, &self.by_pfa]
    }

    /// Whether `column` breaks at `year` (its figures are not comparable with the cycle before).
    pub fn breaks_at(&self, year: i32, column: &str) -> bool {
        self.breaks
            .iter()
            .any(|b| b.year == year && b.column == column)
    }
}

/// Builds the series from `cycles` (any order; one per year).
pub fn build(
    spec: &SeriesSpec,
    geo: &Geography,
    cycles: &[CycleFigures],
) -> Result<Series, TrendError> {
    let mut cycles: Vec<&CycleFigures> = cycles.iter().filter(|c| !c.is_empty()).collect();
    cycles.sort_by_key(|c| c.year);
    let breaks = breaks(spec, &cycles)?;
    let notes = notes(&cycles, &breaks);
    let table = |level: Level| level_table(spec, geo, level, &cycles, &notes);
    Ok(Series {
        national: table(Level::National),
        by_region: table(Level::Region),
        by_pfa: table(Level::Pfa),
        years: cycles.iter().map(|c| c.year).collect(),
        breaks,
    })
}

/// Every column whose question changed between consecutive cycles that were both surveyed;
/// each must have a declared note.
pub fn breaks(spec: &SeriesSpec, cycles: &[&CycleFigures]) -> Result<Vec<Break>, TrendError> {
    let mut out = Vec::new();
    for pair in cycles.windows(2) {
        let (Some(before), Some(after)) = (&pair[0].asked, &pair[1].asked) else {
            continue;
        };
        for (column, declared) in &spec.columns {
            if OUTSIDE_THE_SURVEY.contains(&declared.figure.as_str()) {
                continue;
            }
            let from = before.figures.question(&declared.figure).unwrap_or("");
            let to = after.figures.question(&declared.figure).unwrap_or("");
            if from == to {
                continue;
            }
            let note = spec
                .break_note(&declared.figure, &after.schema_id)
                .ok_or_else(|| {
                    TrendError::UndeclaredBreak(Box::new(UndeclaredBreak {
                        column: column.clone(),
                        figure: declared.figure.clone(),
                        from: before.schema_id.clone(),
                        to: after.schema_id.clone(),
                        from_question: from.to_string(),
                        to_question: to.to_string(),
                    }))
                })?;
            out.push(Break {
                year: pair[1].year,
                column: column.clone(),
                figure: declared.figure.clone(),
                note: note.to_string(),
            });
        }
    }
    Ok(out)
}

/// Each cycle's notes: where its figures came from, then its breaks (one note per figure).
fn notes(cycles: &[&CycleFigures], breaks: &[Break]) -> BTreeMap<i32, String> {
    cycles
        .iter()
        .map(|c| {
            let mut said: Vec<String> = c.origin.note(c.year).into_iter().collect();
            let mut by_figure: BTreeMap<&str, (Vec<&str>, &str)> = BTreeMap::new();
            for b in breaks.iter().filter(|b| b.year == c.year) {
                let entry = by_figure.entry(&b.figure).or_insert((Vec::new(), &b.note));
                entry.0.push(&b.column);
            }
            for (columns, note) in by_figure.values() {
                said.push(format!("Series break in {}: {note}", columns.join(", ")));
            }
            (c.year, said.join(" "))
        })
        .collect()
}

/// The rows' areas at `level`: (key cells, the area's key in the cycles' figures).
fn areas(geo: &Geography, level: Level) -> Vec<(Vec<String>, String)> {
    match level {
        Level::National => vec![(Vec::new(), String::new())],
        Level::Region => REGIONS
            .iter()
            .map(|r| (vec![r.to_string()], r.to_string()))
            .collect(),
        Level::Pfa => {
            let mut areas: Vec<_> = geo.areas().iter().collect();
            areas.sort_by(|a, b| (&a.region, &a.name).cmp(&(&b.region, &b.name)));
            areas
                .into_iter()
                .map(|a| {
                    let key = vec![a.code.to_string(), a.name.clone(), a.region.clone()];
                    (key, a.code.to_string())
                })
                .collect()
        }
    }
}

fn key_columns(level: Level) -> &'static [&'static str] {
    match level {
        Level::National => &[],
        Level::Region => &["region"],
        Level::Pfa => &["pfa_code", "pfa", "region"],
    }
}

fn level_table(
    spec: &SeriesSpec,
    geo: &Geography,
    level: Level,
    cycles: &[&CycleFigures],
    notes: &BTreeMap<i32, String>,
) -> Table {
    let wanted = spec.level(level);
    let keys = key_columns(level);
    let mut columns: Vec<&str> = vec!["cycle"];
    columns.extend(keys);
    columns.extend(wanted.columns.iter().map(String::as_str));
    columns.extend(["source", "notes"]);
    let mut table = Table::new(&wanted.file, &wanted.title, &columns)
        .keyed_by(1 + keys.len())
        .with_note(&format!(
            "{} Each cycle's figures are as it published them: an earlier cycle's from its latest release (a correction shows here, with a note), cycles before Frontline from what was printed then. [c] marks a figure suppressed when published; a blank, one not published that year. Where a survey changed the question behind a column the series is broken and the notes say why: compare across a break with care.",
            spec.about
        ));
    for cycle in cycles {
        for (key, area) in areas(geo, level) {
            let Some(cells) = cycle.area(level, &area) else {
                continue;
            };
            let mut row = vec![cycle.year.to_string()];
            row.extend(key);
            row.extend(
                wanted
                    .columns
                    .iter()
                    .map(|c| cells.get(c).cloned().unwrap_or_default()),
            );
            row.push(cycle.origin.describe(cycle.year));
            row.push(notes.get(&cycle.year).cloned().unwrap_or_default());
            table.push(row);
        }
    }
    table
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figures::{Asked, Origin, PublishedFigure, TableText};
    use survey_engine::definition::FigureMap;

    fn asked(schema: &str, volunteers: &str) -> Asked {
        Asked {
            schema_id: schema.into(),
            figures: FigureMap {
                roles: Some("roles".into()),
                idva_high_risk_fte: Some("idva_high_risk_fte".into()),
                volunteers: Some(volunteers.into()),
                ..FigureMap::default()
            },
        }
    }

    fn surveyed(year: i32, schema: &str, volunteers: &str, fte: &str) -> CycleFigures {
        let csv =
            format!("region,volunteers,services_with_volunteers\nWales,40,4\nTotal,{fte},9\n");
        let regional = format!("region,idva_services,fte_idvas\nWales,3,{fte}\nTotal,9,{fte}\n");
        CycleFigures::from_tables(
            SeriesSpec::practitioner(),
            year,
            Origin::ThisEdition { draft: true },
            Some(asked(schema, volunteers)),
            |name| match name {
                "volunteers" => TableText::from_csv(&csv).ok(),
                "regional-capacity" => TableText::from_csv(&regional).ok(),
                _ => None,
            },
        )
    }

    #[test]
    fn a_changed_question_breaks_its_columns_with_the_declared_note() {
        let spec = SeriesSpec::practitioner();
        let cycles = [
            surveyed(2017, "practitioner-survey-2017", "volunteers", "10"),
            surveyed(2018, "practitioner-survey-2018", "volunteer_people", "12"),
        ];
        let series = build(spec, &Geography::reference(), &cycles).expect("series");
        assert!(series.breaks_at(2018, "volunteers"));
        assert!(series.breaks_at(2018, "services_with_volunteers"));
        assert!(!series.breaks_at(2018, "fte_idvas"));
        let notes_at = series
            .national
            .columns
            .iter()
            .position(|c| c == "notes")
            .expect("notes");
        let row_2018 = series
            .national
            .rows
            .iter()
            .find(|r| r[0] == "2018")
            .expect("2018");
        assert!(row_2018[notes_at].contains("Series break in services_with_volunteers, volunteers"));
        let row_2017 = series
            .national
            .rows
            .iter()
            .find(|r| r[0] == "2017")
            .expect("2017");
        assert_eq!(row_2017[notes_at], "");
    }

    #[test]
    fn an_undeclared_change_of_question_is_refused_naming_it() {
        let cycles = [
            surveyed(2017, "practitioner-survey-2017", "volunteers", "10"),
            surveyed(2018, "practitioner-survey-2019", "volunteer_posts", "12"),
        ];
        let e = build(SeriesSpec::practitioner(), &Geography::reference(), &cycles)
            .expect_err("undeclared");
        let said = e.to_string();
        assert!(
            said.contains("'volunteers'") || said.contains("'services_with_volunteers'"),
            "{said}"
        );
        assert!(
            said.contains("breaks.volunteers.practitioner-survey-2019"),
            "{said}"
        );
    }

    #[test]
    fn published_cycles_join_the_series_with_their_source_and_only_their_figures() {
        let published = CycleFigures::from_published(
            2015,
            "Annual report 2015, table 2",
            &[PublishedFigure {
                level: Level::National,
                area: String::new(),
                measure: "fte_idvas".into(),
                value: "610".into(),
            }],
        );
        let cycles = [
            published,
            surveyed(2016, "practitioner-survey-2017", "volunteers", "650"),
        ];
        let series =
            build(SeriesSpec::practitioner(), &Geography::reference(), &cycles).expect("series");
        assert_eq!(series.years, [2015, 2016]);
        let fte = series
            .national
            .columns
            .iter()
            .position(|c| c == "fte_idvas")
            .expect("fte");
        let first = &series.national.rows[0];
        assert_eq!((first[0].as_str(), first[fte].as_str()), ("2015", "610"));
        assert!(first.iter().any(|c| c.contains("Annual report 2015")));
        // A region the published year did not give has no row that year.
        assert!(series.by_region.rows.iter().all(|r| r[0] != "2015"));
        assert!(series.breaks.is_empty());
    }
}
