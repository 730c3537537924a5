//! Properties of the agreement statistics on random reliability data: alpha is 1 when all coders
//! agree, does not depend on which coder is which, and does not depend on the codes' labels.

use frontline_qualitative::agreement::{cohen_kappa, krippendorff_alpha, Reliability};
use proptest::prelude::*;
use std::collections::BTreeMap;

/// Units × coders of codes 0..k, with some missing.
fn reliability() -> impl Strategy<Value = Vec<Vec<Option<u8>>>> {
    (2usize..12, 2usize..5, 2u8..6).prop_flat_map(|(units, coders, k)| {
        prop::collection::vec(
            prop::collection::vec(
                prop_oneof![4 => (0..k).prop_map(Some), 1 => Just(None)],
                coders,
            ),
            units,
        )
    })
}

fn build(
    rows: &[Vec<Option<u8>>],
    coder_names: &[String],
    label: impl Fn(u8) -> String,
) -> Reliability {
    let mut units: Reliability = BTreeMap::new();
    for (u, codes) in rows.iter().enumerate() {
        let entry = units.entry(format!("u{u:03}")).or_default();
        for (c, code) in codes.iter().enumerate() {
            if let Some(code) = code {
                entry.insert(coder_names[c].clone(), label(*code));
            }
        }
    }
    units
}

fn names(n: usize) -> Vec<String> {
    (0..n).map(|i| format!("coder{i}")).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn alpha_is_one_when_every_coder_agrees(rows in reliability()) {
        // Every coder gives each unit the first coder's code (or the unit's first code).
        let agreed: Vec<Vec<Option<u8>>> = rows
            .iter()
            .map(|r| {
                let code = r.iter().flatten().next().copied();
                r.iter().map(|c| c.and(code)).collect()
            })
            .collect();
        let units = build(&agreed, &names(rows[0].len()), |c| c.to_string());
        if let Some(alpha) = krippendorff_alpha(&units) {
            prop_assert!((alpha - 1.0).abs() < 1e-9, "alpha {alpha}");
        }
    }

    #[test]
    fn alpha_and_kappa_do_not_depend_on_coder_order(rows in reliability()) {
        let n = rows[0].len();
        let forward = build(&rows, &names(n), |c| c.to_string());
        let mut reversed_names = names(n);
        reversed_names.reverse();
        let backward = build(&rows, &reversed_names, |c| c.to_string());
        let close = |a: Option<f64>, b: Option<f64>| match (a, b) {
            (Some(x), Some(y)) => (x - y).abs() < 1e-9,
            (None, None) => true,
            _ => false,
        };
        prop_assert!(close(krippendorff_alpha(&forward), krippendorff_alpha(&backward)));
        prop_assert!(close(cohen_kappa(&forward, "coder0", "coder1"), cohen_kappa(&forward, "coder1", "coder0")));
    }

    #[test]
    fn alpha_does_not_depend_on_the_codes_labels(rows in reliability()) {
        let n = rows[0].len();
        let plain = build(&rows, &names(n), |c| c.to_string());
        let relabelled = build(&rows, &names(n), |c| format!("category-{}", 9 - c));
        let (a, b) = (krippendorff_alpha(&plain), krippendorff_alpha(&relabelled));
        let same = match (a, b) {
            (Some(x), Some(y)) => (x - y).abs() < 1e-9,
            (None, None) => true,
            _ => false,
        };
        prop_assert!(same, "{a:?} vs {b:?}");
    }
}
