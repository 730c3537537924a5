//! Property tests for amounts of money: on random two-way tables of amounts with random
//! sensitive cells, every sensitive amount is hidden and none can be narrowed to within the
//! relative protection level of its value from the margins published with it; zeros are never
//! hidden as complements, and no complement is hidden that a reader can work out exactly.

use frontline_disclosure::{
    audit_magnitudes, intervals, protect_magnitudes, Bound, CellStatus, Grid,
};
use proptest::prelude::*;

/// Amounts in pence (zeros too) and, for each, whether it is sensitive.
fn table() -> impl Strategy<Value = Vec<Vec<(i64, bool)>>> {
    (1usize..5, 1usize..5).prop_flat_map(|(rows, cols)| {
        let amount = prop_oneof![1 => Just(0i64), 4 => 1i64..5_000_000];
        let cell = (amount, proptest::bool::weighted(0.3));
        prop::collection::vec(prop::collection::vec(cell, cols), rows)
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(150))]

    #[test]
    fn no_sensitive_amount_is_shown_or_narrowed_within_the_level(rows in table(), level in prop_oneof![Just(0.1f64), 0.01f64..0.5]) {
        let values: Vec<Vec<i64>> = rows.iter().map(|r| r.iter().map(|c| c.0).collect()).collect();
        let (grid, at) = Grid::two_way(&values);
        let mut sensitive = vec![false; grid.len()];
        for (r, row) in rows.iter().enumerate() {
            for (c, &(amount, flag)) in row.iter().enumerate() {
                sensitive[at.interior[r][c]] = flag && amount > 0;
            }
        }
        let p = protect_magnitudes(&grid, &sensitive, level).unwrap();
        for (cell, &s) in sensitive.iter().enumerate() {
            if s {
                prop_assert_eq!(p.status(cell), CellStatus::Primary);
            } else if grid.values()[cell] == 0 {
                prop_assert!(!p.is_suppressed(cell), "a zero was hidden");
            }
        }
        let exposed = audit_magnitudes(&grid, &sensitive, &p.suppressed(), level).unwrap();
        prop_assert!(exposed.is_empty(), "{:?}", exposed);
        // No complement is hidden that a reader can work out exactly: it would protect nothing.
        let mut read = grid.clone();
        read.set_zeros_shown(false);
        let hidden: Vec<usize> = (0..grid.len()).filter(|&c| p.is_suppressed(c)).collect();
        for (cell, interval) in hidden.iter().zip(intervals(&read, &p.suppressed()).unwrap()) {
            if p.status(*cell) == CellStatus::Secondary {
                prop_assert!(interval.upper != Bound::Finite(interval.lower), "cell {} is {}", cell, interval);
            }
        }
    }

    #[test]
    fn a_table_without_sensitive_amounts_is_published_whole(rows in table()) {
        let values: Vec<Vec<i64>> = rows.iter().map(|r| r.iter().map(|c| c.0).collect()).collect();
        let (grid, _) = Grid::two_way(&values);
        let p = protect_magnitudes(&grid, &vec![false; grid.len()], 0.1).unwrap();
        prop_assert!(p.suppressed().iter().all(|s| !s));
    }
}
