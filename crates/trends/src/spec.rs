//! The declared series (`survey-schemas/series/`): which published tables each level follows,
//! the columns it keeps (with the tables' own names), the survey figure each column is drawn
//! from, and the note for each break where a survey version changed that figure's question.

use crate::error::TrendError;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::OnceLock;
use survey_engine::definition::FigureMap;

const PRACTITIONER_FILE: &str = "survey-schemas/series/practitioner-series.json";
const PRACTITIONER: &str = include_str!("../../../survey-schemas/series/practitioner-series.json");

/// A figure no survey question gives: it comes from the need model's parameters and inputs.
pub const NEED_MODEL: &str = "need-model";

/// Figures drawn from outside the survey's questions: the need model's inputs and results,
/// services' profiles (refuge places) and the cycle's imported population. A change of survey
/// question never breaks them.
pub const OUTSIDE_THE_SURVEY: [&str; 3] = [NEED_MODEL, "service-profiles", "population"];

/// The level a series row is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    National,
    Region,
    Pfa,
}

impl Level {
    pub const ALL: [Level; 3] = [Level::National, Level::Region, Level::Pfa];

    /// The word an imported file uses for the level.
    pub fn code(self) -> &'static str {
        match self {
            Level::National => "national",
            Level::Region => "region",
            Level::Pfa => "pfa",
        }
    }

    pub fn parse(text: &str) -> Result<Level, String> {
        Level::ALL
            .into_iter()
            .find(|l| l.code().eq_ignore_ascii_case(text.trim()))
            .ok_or_else(|| format!("'{text}' is not a level; expected national, region or pfa"))
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeriesSpec {
    pub id: String,
    pub title: String,
    pub about: String,
    pub levels: Levels,
    pub columns: BTreeMap<String, ColumnSpec>,
    /// Notes for breaks: by figure, then by the survey version the new definition starts in.
    #[serde(default)]
    pub breaks: BTreeMap<String, BTreeMap<String, String>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Levels {
    pub national: LevelSpec,
    pub region: LevelSpec,
    pub pfa: LevelSpec,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LevelSpec {
    /// The series file's stem, e.g. `trends-by-region`.
    pub file: String,
    pub title: String,
    /// The row every followed table gives the level's figures in (the national `Total`).
    #[serde(default)]
    pub row: Option<String>,
    /// The column naming each row's area in the followed tables (`region`, `pfa_code`).
    #[serde(default)]
    pub key: Option<String>,
    /// The published tables followed, by name.
    pub tables: Vec<String>,
    /// The columns kept, in order, each named as in the table it comes from.
    pub columns: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ColumnSpec {
    pub label: String,
    /// The survey figure the column is drawn from (a name of the definitions' `figures`), or
    /// `need-model`.
    pub figure: String,
}

impl SeriesSpec {
    /// The practitioner series, as declared in `survey-schemas/series/practitioner-series.json`.
    pub fn practitioner() -> &'static SeriesSpec {
        static SPEC: OnceLock<SeriesSpec> = OnceLock::new();
        SPEC.get_or_init(|| {
            SeriesSpec::from_json(PRACTITIONER_FILE, PRACTITIONER)
                .expect("the embedded practitioner series is valid (checked by its tests)")
        })
    }

    /// Reads and checks a series definition: every level's column is declared, every declared
    /// figure is one the surveys know.
    pub fn from_json(file: &str, text: &str) -> Result<SeriesSpec, TrendError> {
        let fail = |problem: String| TrendError::Spec {
            file: file.to_string(),
            problem,
        };
        let spec: SeriesSpec = serde_json::from_str(text).map_err(|e| fail(e.to_string()))?;
        for (name, column) in &spec.columns {
            let known = OUTSIDE_THE_SURVEY.contains(&column.figure.as_str())
                || FigureMap::FIGURES.contains(&column.figure.as_str());
            if !known {
                return Err(fail(format!(
                    "column '{name}' is drawn from '{}', which is no survey figure",
                    column.figure
                )));
            }
        }
        for level in Level::ALL {
            let l = spec.level(level);
            if let Some(missing) = l.columns.iter().find(|c| !spec.columns.contains_key(*c)) {
                return Err(fail(format!(
                    "{} keeps the column '{missing}', which `columns` does not declare",
                    l.file
                )));
            }
            if l.tables.is_empty() {
                return Err(fail(format!("{} follows no table", l.file)));
            }
        }
        Ok(spec)
    }

    pub fn level(&self, level: Level) -> &LevelSpec {
        match level {
            Level::National => &self.levels.national,
            Level::Region => &self.levels.region,
            Level::Pfa => &self.levels.pfa,
        }
    }

    /// The label of a column, or its name.
    pub fn label<'a>(&'a self, column: &'a str) -> &'a str {
        self.columns
            .get(column)
            .map_or(column, |c| c.label.as_str())
    }

    /// The note declared for a break in `figure` starting with survey version `schema`.
    pub fn break_note(&self, figure: &str, schema: &str) -> Option<&str> {
        self.breaks
            .get(figure)
            .and_then(|by| by.get(schema))
            .map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_practitioner_series_reads_and_every_column_is_declared() {
        let spec = SeriesSpec::from_json(PRACTITIONER_FILE, PRACTITIONER).expect("valid");
        assert_eq!(spec.levels.national.row.as_deref(), Some("Total"));
        assert_eq!(spec.label("fte_idvas"), "Idvas (FTE)");
        assert!(spec
            .break_note("volunteers", "practitioner-survey-2018")
            .is_some_and(|n| n.contains("people")));
    }

    #[test]
    fn a_column_from_no_figure_is_named() {
        let text = PRACTITIONER.replace("\"figure\": \"roles\"", "\"figure\": \"rolez\"");
        let e = SeriesSpec::from_json("x.json", &text).expect_err("unknown figure");
        assert!(e.to_string().contains("'rolez'"), "{e}");
    }

    #[test]
    fn levels_parse_by_their_words() {
        assert_eq!(Level::parse(" Region "), Ok(Level::Region));
        assert!(Level::parse("county").unwrap_err().contains("'county'"));
    }
}
