//! Adding returns up (by area, over a period or a programme) and publishing the sums with
//! disclosure control.

use crate::error::ReturnsError;
use crate::figures::ReturnFigures;
use crate::metrics::{Measure, BREAKDOWNS, METRICS};
use frontline_disclosure::{CellProtector, KeyedGrid};
use std::collections::BTreeMap;

/// The sum of several returns. Counts add up; the median weeks waited cannot be added, so the
/// sum carries the mean of the returns' medians weighted by their engaged victims (returns with
/// no median or nobody engaged do not count towards it).
pub fn sum<'a>(returns: impl IntoIterator<Item = &'a ReturnFigures>) -> ReturnFigures {
    let mut total = ReturnFigures::default();
    let (mut weighted, mut weight) = (0.0, 0.0);
    for r in returns {
        for (column, n) in &r.counts {
            *total.counts.entry(column.clone()).or_insert(0) += n;
        }
        if let Some(median) = r.waiting_weeks_median {
            let engaged = r.engaged() as f64;
            weighted += median * engaged;
            weight += engaged;
        }
    }
    total.waiting_weeks_median = (weight > 0.0).then(|| weighted / weight);
    total
}

/// One row of a published table: an area (or service) and its summed figures.
#[derive(Debug, Clone, PartialEq)]
pub struct ByArea {
    pub key: String,
    pub figures: ReturnFigures,
}

/// The published cells of `rows` and then their total row, one string per [`METRICS`] column:
/// counts of people protected so that no hidden cell can be worked out from its row's
/// breakdowns (each adds up to engaged new + existing) or from the column's total. `family`
/// names the table (a programme's period, say) for `protector`; cells are named
/// `{family}/{area}/{column}` and the total row `{family}/Total/{column}`.
pub fn protected_rows(
    protector: &dyn CellProtector,
    family: &str,
    rows: &[ByArea],
    total: &ReturnFigures,
) -> Result<Vec<Vec<String>>, ReturnsError> {
    let people: Vec<&str> = METRICS
        .iter()
        .filter(|m| m.measure == Measure::People)
        .map(|m| m.column)
        .collect();
    let mut g = KeyedGrid::new();
    let mut cells: Vec<BTreeMap<&str, usize>> = Vec::new();
    let named = rows
        .iter()
        .map(|r| (r.key.as_str(), &r.figures))
        .chain(std::iter::once(("Total", total)));
    for (row, figures) in named {
        let at: BTreeMap<&str, usize> = people
            .iter()
            .map(|c| (*c, g.cell(format!("{family}/{row}/{c}"), figures.get(c))))
            .collect();
        let engaged = g.unpublished(
            format!("{family}/{row}/engaged"),
            figures.get("engaged_new") + figures.get("engaged_existing"),
        );
        g.grid
            .relate(engaged, &[at["engaged_new"], at["engaged_existing"]])?;
        for b in BREAKDOWNS {
            let parts: Vec<usize> = b.columns.iter().map(|c| at[c]).collect();
            g.grid.relate(engaged, &parts)?;
        }
        cells.push(at);
    }
    if let Some((total_cells, area_cells)) = cells.split_last() {
        for column in &people {
            let parts: Vec<usize> = area_cells.iter().map(|at| at[column]).collect();
            g.grid.relate(total_cells[column], &parts)?;
        }
    }
    let shown = g.protect(protector, family)?;
    let grid = &g.grid;
    let figures = rows
        .iter()
        .map(|r| &r.figures)
        .chain(std::iter::once(total));
    Ok(figures
        .zip(&cells)
        .map(|(f, at)| {
            METRICS
                .iter()
                .map(|m| match m.measure {
                    Measure::People => {
                        let cell = at[m.column];
                        shown.show(cell, || grid.values()[cell].to_string())
                    }
                    Measure::Weeks => f
                        .waiting_weeks_median
                        .map(|w| format!("{w:.1}"))
                        .unwrap_or_default(),
                })
                .collect()
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use frontline_disclosure::{SuppressionRule, SUPPRESSED};

    fn figures(pairs: &[(&str, i64)], median: Option<f64>) -> ReturnFigures {
        ReturnFigures {
            counts: pairs.iter().map(|(c, v)| (c.to_string(), *v)).collect(),
            waiting_weeks_median: median,
        }
    }

    #[test]
    fn sums_counts_and_weights_medians_by_engaged() {
        let a = figures(&[("engaged_new", 30), ("waiting_list", 5)], Some(4.0));
        let b = figures(&[("engaged_new", 10), ("waiting_list", 7)], Some(8.0));
        let c = figures(&[("waiting_list", 1)], None);
        let s = sum([&a, &b, &c]);
        assert_eq!(s.get("waiting_list"), 13);
        assert_eq!(s.waiting_weeks_median, Some(5.0));
    }

    #[test]
    fn small_counts_and_their_complements_are_hidden_in_every_direction() {
        let row = |new: i64, age_young: i64| {
            figures(
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
        let rows = vec![
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
        let total = sum(rows.iter().map(|r| &r.figures));
        let out = protected_rows(&SuppressionRule::default(), "t", &rows, &total).unwrap();
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
