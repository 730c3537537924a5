//! An indicator compared across areas: each area's value beside its region's and England and
//! Wales', and its rank among the areas (1 = highest, ties share a rank, areas without a value
//! are not ranked; packs rank by the value as published, so equal cells share a rank). Rates per 100,000 are computed from counts, never stored.

use serde::Serialize;
use std::collections::BTreeMap;

/// `count` per 100,000 of `population`; none for an empty population.
pub fn per_100k(count: f64, population: u64) -> Option<f64> {
    (population > 0).then(|| count / population as f64 * 100_000.0)
}

/// Each area's rank by value, highest first; equal values share the better rank.
pub fn ranks(values: &BTreeMap<String, Option<f64>>) -> BTreeMap<String, usize> {
    let mut known: Vec<(&String, f64)> = values
        .iter()
        .filter_map(|(k, v)| v.filter(|x| x.is_finite()).map(|x| (k, x)))
        .collect();
    known.sort_by(|a, b| b.1.total_cmp(&a.1));
    let mut out = BTreeMap::new();
    for (i, (code, value)) in known.iter().enumerate() {
        let rank = known
            .iter()
            .position(|(_, v)| v.total_cmp(value).is_eq())
            .unwrap_or(i)
            + 1;
        out.insert((*code).clone(), rank);
    }
    out
}

/// Each area's rank by its value as published: `published` turns a value into what its cell
/// says (rounded to the precision it is written with, or none where it is suppressed), so
/// areas whose cells read the same share a rank, as the tables' note promises, and a
/// suppressed value is not ranked.
pub fn ranks_as_published(
    values: &BTreeMap<String, Option<f64>>,
    published: impl Fn(f64) -> Option<f64>,
) -> BTreeMap<String, usize> {
    let shown: BTreeMap<String, Option<f64>> = values
        .iter()
        .map(|(k, v)| (k.clone(), v.and_then(&published)))
        .collect();
    ranks(&shown)
}

/// One indicator for one area, beside its comparators.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Compared {
    pub area: Option<f64>,
    pub region: Option<f64>,
    pub england_and_wales: Option<f64>,
    pub rank: Option<usize>,
    /// How many areas were ranked.
    pub of: usize,
}

/// A rate (count per 100,000 of a population) for `area`, its region (the sum of its areas)
/// and England and Wales (the sum of all), with the area's rank among all areas.
pub fn compare_rate(
    counts: &BTreeMap<String, f64>,
    populations: &BTreeMap<String, u64>,
    regions: &BTreeMap<String, String>,
    area: &str,
) -> Compared {
    let people: BTreeMap<String, f64> = populations
        .iter()
        .map(|(k, v)| (k.clone(), *v as f64))
        .collect();
    compare_ratio(counts, Some(&people), 100_000.0, regions, area)
}

/// A ratio `scale × numerator ÷ denominator` (or, with no denominators, the numerator itself)
/// for `area`, its region and England and Wales — each the ratio of the summed numerators and
/// denominators of its areas, never a mean of ratios — with the area's rank among the areas of
/// `regions`.
pub fn compare_ratio(
    numerators: &BTreeMap<String, f64>,
    denominators: Option<&BTreeMap<String, f64>>,
    scale: f64,
    regions: &BTreeMap<String, String>,
    area: &str,
) -> Compared {
    let value_of = |codes: &mut dyn Iterator<Item = &String>| {
        let (mut top, mut bottom) = (0.0, 0.0);
        for c in codes {
            top += numerators.get(c).copied().unwrap_or(0.0);
            bottom += denominators.map_or(0.0, |d| d.get(c).copied().unwrap_or(0.0));
        }
        match denominators {
            None => Some(top),
            Some(_) => (bottom > 0.0).then(|| scale * top / bottom),
        }
    };
    let values: BTreeMap<String, Option<f64>> = regions
        .keys()
        .map(|c| (c.clone(), value_of(&mut std::iter::once(c))))
        .collect();
    let ranked = ranks(&values);
    let region = regions.get(area);
    Compared {
        area: values.get(area).copied().flatten(),
        region: region
            .and_then(|r| value_of(&mut regions.keys().filter(|c| regions.get(*c) == Some(r)))),
        england_and_wales: value_of(&mut regions.keys()),
        rank: ranked.get(area).copied(),
        of: ranked.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use frontline_geo::tables::Precision;

    fn map<V: Clone>(pairs: &[(&str, V)]) -> BTreeMap<String, V> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect()
    }

    #[test]
    fn ties_share_a_rank_and_missing_values_are_not_ranked() {
        let r = ranks(&map(&[
            ("a", Some(3.0)),
            ("b", Some(5.0)),
            ("c", Some(3.0)),
            ("d", None),
        ]));
        assert_eq!((r["b"], r["a"], r["c"]), (1, 2, 2));
        assert!(!r.contains_key("d"));
    }

    #[test]
    fn a_region_is_the_rate_of_its_summed_areas() {
        let counts = map(&[("k", 10.0), ("s", 30.0), ("c", 5.0)]);
        let people = map(&[("k", 100_000u64), ("s", 100_000), ("c", 50_000)]);
        let regions = map(&[
            ("k", "SE".to_string()),
            ("s", "SE".to_string()),
            ("c", "NW".to_string()),
        ]);
        let c = compare_rate(&counts, &people, &regions, "k");
        assert_eq!(c.area, Some(10.0));
        assert_eq!(
            c.region,
            Some(20.0),
            "40 per 200,000, not the mean of 10 and 30"
        );
        assert_eq!(c.england_and_wales, Some(18.0));
        assert_eq!((c.rank, c.of), (Some(2), 3));
        assert_eq!(per_100k(1.0, 0), None);
    }

    #[test]
    fn areas_whose_cells_read_the_same_share_a_rank() {
        // 37.4 and 36.6 FTE both read 37; 62.5% reads 63, 62.49% reads 62.
        let values = map(&[
            ("a", Some(37.4)),
            ("b", Some(36.6)),
            ("c", Some(62.5)),
            ("d", Some(62.49)),
        ]);
        let whole = |x: f64| Some(Precision::Whole.round(x));
        assert_ne!(
            ranks(&values)["a"],
            ranks(&values)["b"],
            "raw values differ"
        );
        let r = ranks_as_published(&values, whole);
        assert_eq!((r["c"], r["d"], r["a"], r["b"]), (1, 2, 3, 3));
        // A suppressed value is not ranked.
        let r = ranks_as_published(&values, |x| (x > 50.0).then_some(x));
        assert_eq!(r.len(), 2);
    }

    proptest::proptest! {
        /// Ranked by the value as published, two areas whose cells read the same share a rank,
        /// and one whose cell reads higher ranks better.
        #[test]
        fn equal_published_values_share_a_rank(
            values in proptest::collection::vec(proptest::option::of(0.0f64..60.0), 0..50),
            one_decimal in proptest::bool::ANY,
        ) {
            let precision = if one_decimal { Precision::OneDecimal } else { Precision::Whole };
            let values: BTreeMap<String, Option<f64>> = values.into_iter().enumerate().map(|(i, v)| (format!("{i:02}"), v)).collect();
            let r = ranks_as_published(&values, |x| Some(precision.round(x)));
            let cell = |k: &str| values[k].map(|x| precision.format(x));
            for (a, ra) in &r {
                for (b, rb) in &r {
                    let (ca, cb) = (cell(a).unwrap(), cell(b).unwrap());
                    if ca == cb {
                        proptest::prop_assert_eq!(ra, rb, "{} and {} both read {}", a, b, ca);
                    } else if ca.parse::<f64>().unwrap() > cb.parse::<f64>().unwrap() {
                        proptest::prop_assert!(ra < rb);
                    }
                }
            }
        }

        /// Every ranked area's rank is between 1 and the number ranked, and a larger value never
        /// ranks below a smaller one.
        #[test]
        fn ranks_respect_order(values in proptest::collection::vec(proptest::option::of(0.0f64..1000.0), 0..50)) {
            let values: BTreeMap<String, Option<f64>> = values.into_iter().enumerate().map(|(i, v)| (format!("{i:02}"), v)).collect();
            let r = ranks(&values);
            for (a, ra) in &r {
                proptest::prop_assert!(*ra >= 1 && *ra <= r.len());
                for (b, rb) in &r {
                    if values[a] > values[b] {
                        proptest::prop_assert!(ra < rb);
                    }
                }
            }
        }
    }
}
