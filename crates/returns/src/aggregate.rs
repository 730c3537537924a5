//! Adding returns up (by area, over a period or a programme).

use crate::figures::ReturnFigures;

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::joint::{protect_period, Funded, ServiceReturn};
    use crate::metrics::METRICS;
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
