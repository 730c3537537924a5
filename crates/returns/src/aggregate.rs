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
}
