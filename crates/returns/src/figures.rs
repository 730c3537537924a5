//! One return's figures: counts of people by metric column, and the median weeks waited.

use crate::error::ReturnsError;
use crate::metrics::{metric, Measure, OUTCOMES};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ReturnFigures {
    /// Counts of people, by metric column; an absent optional metric is not in the map.
    pub counts: BTreeMap<String, i64>,
    pub waiting_weeks_median: Option<f64>,
}

impl ReturnFigures {
    /// A count (0 when not given).
    pub fn get(&self, column: &str) -> i64 {
        self.counts.get(column).copied().unwrap_or(0)
    }

    pub fn has(&self, column: &str) -> bool {
        self.counts.contains_key(column)
    }

    /// Victims engaged in the period: new plus existing.
    pub fn engaged(&self) -> i64 {
        self.get("engaged_new") + self.get("engaged_existing")
    }

    /// Victims who left: concluded plus dropped out.
    pub fn left(&self) -> i64 {
        self.get("left_concluded") + self.get("left_dropped_out")
    }

    /// Engaged victims who reported to police: active plus non-active cases.
    pub fn reported(&self) -> i64 {
        self.get("reported_active") + self.get("reported_non_active")
    }

    /// Reads `(column, text)` cells. Blank optional cells are left out; a blank required cell,
    /// an unknown column's text or a malformed number is an error naming the column.
    pub fn from_cells<'a>(
        cells: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Self, ReturnsError> {
        let mut figures = ReturnFigures::default();
        for (column, text) in cells {
            let Some(m) = metric(column) else { continue };
            let text = text.trim();
            let optional = crate::metrics::OPTIONAL.iter().any(|o| o.column == column);
            if text.is_empty() && optional {
                continue;
            }
            match m.measure {
                Measure::People => {
                    let n = text
                        .parse::<i64>()
                        .ok()
                        .filter(|n| *n >= 0)
                        .ok_or_else(|| ReturnsError::BadCount {
                            column: column.to_string(),
                            value: text.to_string(),
                        })?;
                    figures.counts.insert(column.to_string(), n);
                }
                Measure::Weeks => {
                    let w = text
                        .parse::<f64>()
                        .ok()
                        .filter(|w| w.is_finite() && *w >= 0.0)
                        .ok_or_else(|| ReturnsError::BadWeeks {
                            column: column.to_string(),
                            value: text.to_string(),
                        })?;
                    figures.waiting_weeks_median = Some(w);
                }
            }
        }
        Ok(figures)
    }

    /// Each outcome's rate: % of those asked who reported improvement, from the counts.
    pub fn outcome_rates(&self) -> Vec<(&'static str, Option<f64>)> {
        OUTCOMES
            .iter()
            .map(|o| {
                let asked = self.get(o.asked);
                let rate = (asked > 0).then(|| 100.0 * self.get(o.improved) as f64 / asked as f64);
                (o.label, rate)
            })
            .collect()
    }
}
