//! Property tests: for random two-way tables with margins, nothing under the threshold is shown
//! and no suppressed cell can be worked out, by subtraction in one line, by the full equation
//! audit, or narrowed below the protection level by the interval audit.

use frontline_disclosure::{audit, derivable_cells, protect, Grid, SuppressionRule};
use proptest::prelude::*;

fn table() -> impl Strategy<Value = Vec<Vec<i64>>> {
    (1usize..6, 1usize..6).prop_flat_map(|(rows, cols)| {
        // Mostly small counts, so suppression has work to do; zeros and large counts too.
        let value = prop_oneof![3 => 0i64..6, 1 => Just(0i64), 2 => 5i64..60];
        prop::collection::vec(prop::collection::vec(value, cols), rows)
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn nothing_small_survives_and_nothing_hidden_is_recoverable(rows in table(), threshold in 2u32..8) {
        let rule = SuppressionRule::new(threshold).unwrap();
        let (grid, at) = Grid::two_way(&rows);
        let p = protect(&rule, &grid).unwrap();
        for (i, v) in grid.values().iter().enumerate() {
            prop_assert!(!rule.is_small(*v) || p.is_suppressed(i), "small count {v} shown");
        }
        // By subtraction within one row or column (with its total): never exactly one hidden.
        let mut lines: Vec<Vec<usize>> = Vec::new();
        for (r, row) in at.interior.iter().enumerate() {
            let mut line = row.clone();
            line.push(at.row_totals[r]);
            lines.push(line);
        }
        for c in 0..at.column_totals.len() {
            let mut line: Vec<usize> = at.interior.iter().map(|row| row[c]).collect();
            line.push(at.column_totals[c]);
            lines.push(line);
        }
        let mut margin = at.row_totals.clone();
        margin.push(at.grand_total);
        lines.push(margin);
        for line in &lines {
            let hidden = line.iter().filter(|&&i| p.is_suppressed(i)).count();
            prop_assert!(hidden != 1, "a line hides exactly one cell: {line:?}");
        }
        // And by any combination of the published relations.
        prop_assert!(derivable_cells(&grid, &p.suppressed()).is_empty());
        // Nor narrowed below the protection level using bounds and whole numbers too.
        prop_assert!(audit(&rule, &grid, &p.suppressed()).unwrap().is_empty());
    }

    #[test]
    fn a_table_without_small_counts_is_published_whole(rows in prop::collection::vec(prop::collection::vec(prop_oneof![Just(0i64), 5i64..100], 3), 1..5)) {
        let (grid, _) = Grid::two_way(&rows);
        let p = protect(&SuppressionRule::default(), &grid).unwrap();
        prop_assert!(p.suppressed().iter().all(|s| !s));
    }
}
