//! Inter-coder agreement on nominal codes: Cohen's kappa for a pair of coders and Krippendorff's
//! alpha for any number of coders with missing values (Krippendorff, "Computing Krippendorff's
//! Alpha-Reliability", 2011).

use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// One unit's codes, by coder; a coder who did not code the unit is absent (missing).
pub type Reliability = BTreeMap<String, BTreeMap<String, String>>;

/// Krippendorff's alpha for nominal data: 1 − observed / expected disagreement, over units coded
/// by at least two coders. None when it is undefined (fewer than two pairable values, or every
/// value the same, so no disagreement could be expected).
pub fn krippendorff_alpha(units: &Reliability) -> Option<f64> {
    // The coincidence matrix: each pairable unit u with m_u values contributes 1/(m_u − 1) for
    // every ordered pair of values from different coders.
    let mut coincidences: BTreeMap<(&str, &str), f64> = BTreeMap::new();
    for codes in units.values() {
        let values: Vec<&str> = codes.values().map(String::as_str).collect();
        let m = values.len();
        if m < 2 {
            continue;
        }
        for (i, a) in values.iter().enumerate() {
            for (j, b) in values.iter().enumerate() {
                if i != j {
                    *coincidences.entry((a, b)).or_default() += 1.0 / (m - 1) as f64;
                }
            }
        }
    }
    let mut marginals: BTreeMap<&str, f64> = BTreeMap::new();
    for ((a, _), n) in &coincidences {
        *marginals.entry(a).or_default() += n;
    }
    let n: f64 = marginals.values().sum();
    if n <= 1.0 {
        return None;
    }
    let observed: f64 = coincidences
        .iter()
        .filter(|((a, b), _)| a != b)
        .map(|(_, v)| v)
        .sum();
    let expected: f64 = marginals
        .iter()
        .flat_map(|(a, na)| {
            marginals
                .iter()
                .filter(move |(b, _)| a != *b)
                .map(move |(_, nb)| na * nb)
        })
        .sum::<f64>()
        / (n - 1.0);
    (expected > 0.0).then(|| 1.0 - observed / expected)
}

/// Cohen's kappa for two coders over the units both coded: (p_o − p_e) / (1 − p_e). None when
/// there are no such units or chance agreement is already complete.
pub fn cohen_kappa(units: &Reliability, first: &str, second: &str) -> Option<f64> {
    let pairs: Vec<(&str, &str)> = units
        .values()
        .filter_map(|codes| Some((codes.get(first)?.as_str(), codes.get(second)?.as_str())))
        .collect();
    let n = pairs.len() as f64;
    if pairs.is_empty() {
        return None;
    }
    let agreed = pairs.iter().filter(|(a, b)| a == b).count() as f64 / n;
    let categories: BTreeSet<&str> = pairs.iter().flat_map(|(a, b)| [*a, *b]).collect();
    let chance: f64 = categories
        .iter()
        .map(|c| {
            let p1 = pairs.iter().filter(|(a, _)| a == c).count() as f64 / n;
            let p2 = pairs.iter().filter(|(_, b)| b == c).count() as f64 / n;
            p1 * p2
        })
        .sum();
    (chance < 1.0).then(|| (agreed - chance) / (1.0 - chance))
}

/// Every coder that appears.
pub fn coders(units: &Reliability) -> BTreeSet<&str> {
    units
        .values()
        .flat_map(|codes| codes.keys().map(String::as_str))
        .collect()
}

/// Reads `unit,coder,code` rows (a header row first; a blank code is missing). A unit coded
/// twice by one coder is an error naming the line.
pub fn read_csv(file: &str, text: &str) -> Result<Reliability, crate::QualitativeError> {
    let bad = |line: u64, problem: String| crate::QualitativeError::BadRow {
        file: file.to_string(),
        line,
        problem,
    };
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = reader.headers().map_err(|e| bad(1, e.to_string()))?.clone();
    let expected = ["unit", "coder", "code"];
    if headers.iter().take(3).collect::<Vec<_>>() != expected {
        return Err(bad(1, "the header must be unit,coder,code".into()));
    }
    let mut units: Reliability = BTreeMap::new();
    for (i, record) in reader.records().enumerate() {
        let line = i as u64 + 2;
        let record = record.map_err(|e| bad(line, e.to_string()))?;
        let (unit, coder, code) = (
            record.get(0).unwrap_or(""),
            record.get(1).unwrap_or(""),
            record.get(2).unwrap_or(""),
        );
        if unit.is_empty() || coder.is_empty() {
            return Err(bad(line, "unit and coder must not be empty".into()));
        }
        let codes = units.entry(unit.to_string()).or_default();
        if codes.contains_key(coder) {
            return Err(bad(
                line,
                format!("coder '{coder}' has already coded unit '{unit}'"),
            ));
        }
        if !code.is_empty() {
            codes.insert(coder.to_string(), code.to_string());
        }
    }
    Ok(units)
}

/// Agreement between coders on one question, as the agreement page shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AgreementReport {
    /// Units coded by at least two coders.
    pub units: usize,
    pub coders: usize,
    /// Units where every coder gave the same code.
    pub agreed_units: usize,
    pub alpha: Option<f64>,
    /// Alpha for each category on its own: in the category or not.
    pub categories: Vec<CategoryAgreement>,
    /// Cohen's kappa for every pair of coders who coded units in common.
    pub pairs: Vec<PairAgreement>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CategoryAgreement {
    pub category: String,
    pub alpha: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PairAgreement {
    pub first: String,
    pub second: String,
    pub units: usize,
    pub kappa: Option<f64>,
}

/// The report over units coded by two or more coders; `categories` are the codebook's, in order.
pub fn report(units: &Reliability, categories: &[String]) -> AgreementReport {
    let pairable: Reliability = units
        .iter()
        .filter(|(_, codes)| codes.len() >= 2)
        .map(|(u, codes)| (u.clone(), codes.clone()))
        .collect();
    let agreed_units = pairable
        .values()
        .filter(|codes| codes.values().collect::<BTreeSet<_>>().len() == 1)
        .count();
    let by_category = categories
        .iter()
        .map(|category| {
            let binary: Reliability = pairable
                .iter()
                .map(|(u, codes)| {
                    let yes_no = codes
                        .iter()
                        .map(|(coder, code)| (coder.clone(), (code == category).to_string()))
                        .collect();
                    (u.clone(), yes_no)
                })
                .collect();
            CategoryAgreement {
                category: category.clone(),
                alpha: krippendorff_alpha(&binary),
            }
        })
        .collect();
    let who: Vec<&str> = coders(&pairable).into_iter().collect();
    let mut pairs = Vec::new();
    for (i, first) in who.iter().enumerate() {
        for second in &who[i + 1..] {
            let shared = pairable
                .values()
                .filter(|c| c.contains_key(*first) && c.contains_key(*second))
                .count();
            if shared > 0 {
                pairs.push(PairAgreement {
                    first: first.to_string(),
                    second: second.to_string(),
                    units: shared,
                    kappa: cohen_kappa(&pairable, first, second),
                });
            }
        }
    }
    AgreementReport {
        units: pairable.len(),
        coders: who.len(),
        agreed_units,
        alpha: krippendorff_alpha(&pairable),
        categories: by_category,
        pairs,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Builds units from one row of codes per coder; `.` is missing.
    fn data(rows: &[(&str, &str)]) -> Reliability {
        let mut units: Reliability = BTreeMap::new();
        for (coder, codes) in rows {
            for (u, code) in codes.split_whitespace().enumerate() {
                let entry = units.entry(format!("{:02}", u + 1)).or_default();
                if code != "." {
                    entry.insert(coder.to_string(), code.to_string());
                }
            }
        }
        units
    }

    fn round3(x: Option<f64>) -> Option<f64> {
        x.map(|v| (v * 1000.0).round() / 1000.0)
    }

    #[test]
    fn krippendorffs_example_a_two_coders_binary() {
        // Krippendorff (2011), example A: α = 0.095.
        let units = data(&[("A", "0 1 0 0 0 0 0 0 1 0"), ("B", "1 1 1 0 0 1 0 0 0 0")]);
        assert_eq!(round3(krippendorff_alpha(&units)), Some(0.095));
        // Cohen's kappa on the same data: p_o = 0.6, p_e = 0.56.
        assert_eq!(round3(cohen_kappa(&units, "A", "B")), Some(0.091));
    }

    #[test]
    fn krippendorffs_example_c_four_coders_nominal_with_missing() {
        // Krippendorff (2011), example C: 4 observers, 12 units, missing values; nominal α = 0.743.
        let units = data(&[
            ("A", "1 2 3 3 2 1 4 1 2 . . ."),
            ("B", "1 2 3 3 2 2 4 1 2 5 . 3"),
            ("C", ". 3 3 3 2 3 4 2 2 5 1 ."),
            ("D", "1 2 3 3 2 4 4 1 2 5 1 ."),
        ]);
        assert_eq!(round3(krippendorff_alpha(&units)), Some(0.743));
    }

    #[test]
    fn cohens_textbook_example() {
        // 50 units: both yes 20, yes/no 5, no/yes 10, both no 15 → κ = 0.4.
        let mut units: Reliability = BTreeMap::new();
        let mut add = |n: usize, a: &str, b: &str| {
            for _ in 0..n {
                let id = format!("{:03}", units.len());
                units.insert(
                    id,
                    [
                        ("A".to_string(), a.to_string()),
                        ("B".to_string(), b.to_string()),
                    ]
                    .into(),
                );
            }
        };
        add(20, "yes", "yes");
        add(5, "yes", "no");
        add(10, "no", "yes");
        add(15, "no", "no");
        assert_eq!(round3(cohen_kappa(&units, "A", "B")), Some(0.4));
    }

    #[test]
    fn edge_cases_one_category_all_agree_and_missing() {
        // One category everywhere: no disagreement is possible, so alpha is undefined.
        let units = data(&[("A", "x x x"), ("B", "x x x")]);
        assert_eq!(krippendorff_alpha(&units), None);
        assert_eq!(cohen_kappa(&units, "A", "B"), None);
        // All agree across several categories: alpha and kappa are 1.
        let units = data(&[("A", "a b c a"), ("B", "a b c a"), ("C", "a b c .")]);
        assert_eq!(round3(krippendorff_alpha(&units)), Some(1.0));
        assert_eq!(round3(cohen_kappa(&units, "A", "B")), Some(1.0));
        // Units with a single value are not pairable and do not count.
        let units = data(&[("A", "a . ."), ("B", ". b .")]);
        assert_eq!(krippendorff_alpha(&units), None);
        assert_eq!(cohen_kappa(&units, "A", "B"), None);
    }

    #[test]
    fn the_report_counts_pairable_units_per_category_and_pair() {
        // Three units double-coded by A and B, one also by C; one unit coded by A alone.
        let units = data(&[("A", "x y x z"), ("B", "x y y ."), ("C", "x . . .")]);
        let r = report(&units, &["x".into(), "y".into(), "w".into()]);
        assert_eq!((r.units, r.coders, r.agreed_units), (3, 3, 2));
        assert_eq!(r.alpha, krippendorff_alpha(&units));
        let x = &r.categories[0];
        assert_eq!(x.category, "x");
        assert!(
            x.alpha.is_some_and(|a| a < 1.0),
            "A and B differ on unit 3's x"
        );
        assert_eq!(
            r.categories[2].alpha, None,
            "a category nobody used has no variation"
        );
        let ab = &r.pairs[0];
        assert_eq!(
            (ab.first.as_str(), ab.second.as_str(), ab.units),
            ("A", "B", 3)
        );
        assert_eq!(r.pairs.len(), 3, "A–B, A–C and B–C all share unit 1");
    }

    #[test]
    fn the_csv_reader_names_the_line_at_fault() {
        let units = read_csv("c.csv", "unit,coder,code\n1,ann,a\n1,bo,\n2,ann,b\n").unwrap();
        assert_eq!(units["1"].len(), 1, "a blank code is missing");
        let err = read_csv("c.csv", "unit,coder,code\n1,ann,a\n1,ann,b\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "c.csv line 3: coder 'ann' has already coded unit '1'"
        );
    }
}
