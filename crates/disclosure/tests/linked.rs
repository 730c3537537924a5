//! Property test: random linked tables (areas within regions within the nation, by category,
//! with every margin; and the same categories by another grouping, sharing the national
//! figures) are protected together, then attacked by an integer programme written here from
//! only what is published: the shown values, where [c] is, the relations, hidden cells at least
//! 1 (zero is shown), whole numbers. It does not use the crate's own interval audit. Every hidden
//! cell must keep an interval at least the protection level wide (at least 1 for complements),
//! and nothing small may be shown.

use frontline_disclosure::{CellStatus, LinkedTables, SuppressionRule};
mod common;

use common::attack;
use proptest::prelude::*;
use std::time::{Duration, Instant};

/// (kind, row, column): kind 0 area, 1 region, 2 nation, 3 group; column `TOTAL` is a margin.
type Key = (u8, usize, usize);
const TOTAL: usize = usize::MAX;
const AREA: u8 = 0;
const REGION: u8 = 1;
const NATION: u8 = 2;
const GROUP: u8 = 3;

/// Counts by region, area, category and group: `counts[region][area][category][group]`.
type Counts = Vec<Vec<Vec<Vec<i64>>>>;

fn counts() -> impl Strategy<Value = Counts> {
    (2usize..5, 2usize..5, 2usize..5, 2usize..4).prop_flat_map(|(regions, areas, cats, groups)| {
        // Group 0 is common; the others are rare, so the by-group table has small cells too.
        let common = prop_oneof![2 => 0i64..4, 1 => Just(0i64), 1 => 4i64..30];
        let rare = prop_oneof![4 => Just(0i64), 2 => 1i64..3, 1 => 3i64..10];
        let cell = (common, prop::collection::vec(rare, groups - 1)).prop_map(|(c, mut r)| {
            r.insert(0, c);
            r
        });
        prop::collection::vec(
            prop::collection::vec(prop::collection::vec(cell, cats), areas),
            regions,
        )
    })
}

/// Builds both tables into one linked problem.
fn build(counts: &Counts) -> LinkedTables<Key> {
    let cats = counts[0][0].len();
    let groups = counts[0][0][0].len();
    let mut t = LinkedTables::new();
    let mut area = 0;
    let mut regions_of_area = Vec::new();
    for (r, region) in counts.iter().enumerate() {
        let mut areas_here = Vec::new();
        for a in region {
            for (c, by_group) in a.iter().enumerate() {
                t.cell((AREA, area, c), by_group.iter().sum()).unwrap();
            }
            let row: Vec<Key> = (0..cats).map(|c| (AREA, area, c)).collect();
            t.total_of((AREA, area, TOTAL), &row).unwrap();
            areas_here.push(area);
            area += 1;
        }
        for c in (0..cats).chain([TOTAL]) {
            let parts: Vec<Key> = areas_here.iter().map(|&a| (AREA, a, c)).collect();
            t.total_of((REGION, r, c), &parts).unwrap();
        }
        let row: Vec<Key> = (0..cats).map(|c| (REGION, r, c)).collect();
        t.relate(&(REGION, r, TOTAL), &row).unwrap();
        regions_of_area.push(areas_here);
    }
    for c in (0..cats).chain([TOTAL]) {
        let parts: Vec<Key> = (0..counts.len()).map(|r| (REGION, r, c)).collect();
        t.total_of((NATION, 0, c), &parts).unwrap();
    }
    let row: Vec<Key> = (0..cats).map(|c| (NATION, 0, c)).collect();
    t.relate(&(NATION, 0, TOTAL), &row).unwrap();
    // The second table: categories by group; its category totals are the national figures.
    for g in 0..groups {
        for c in 0..cats {
            let n: i64 = counts.iter().flatten().map(|a| a[c][g]).sum();
            t.cell((GROUP, g, c), n).unwrap();
        }
        let row: Vec<Key> = (0..cats).map(|c| (GROUP, g, c)).collect();
        t.total_of((GROUP, g, TOTAL), &row).unwrap();
    }
    for c in (0..cats).chain([TOTAL]) {
        let parts: Vec<Key> = (0..groups).map(|g| (GROUP, g, c)).collect();
        // Declared again by the second table: the same cell, and the values must agree.
        t.total_of((NATION, 0, c), &parts).unwrap();
    }
    t
}

fn slowest() -> &'static std::sync::Mutex<Duration> {
    static SLOWEST: std::sync::OnceLock<std::sync::Mutex<Duration>> = std::sync::OnceLock::new();
    SLOWEST.get_or_init(|| std::sync::Mutex::new(Duration::ZERO))
}

#[test]
fn the_attack_sees_what_the_bounds_give_away() {
    // National cjs 24 = 22 + [c] + 0 + 0 + [c]: the two hidden cells are 1 each, though no
    // equation isolates either; and a group total of 10 = [c] + [c] over a 1 and a 9 leaves
    // the 1 in 1..=9.
    let mut t: LinkedTables<(&str, &str)> = LinkedTables::new();
    let groups = ["g1", "g2", "g3", "g4", "g5"];
    for (g, (c, h)) in groups
        .iter()
        .zip([(22, 10), (1, 9), (0, 11), (0, 5), (1, 5)])
    {
        t.cell(("cjs", g), c).unwrap();
        t.cell(("health", g), h).unwrap();
        t.total_of(("all", g), &[("cjs", g), ("health", g)])
            .unwrap();
    }
    let cjs: Vec<_> = groups.iter().map(|g| ("cjs", *g)).collect();
    t.total_of(("cjs", "national"), &cjs).unwrap();
    let grid = t.grid();
    let mut hidden = vec![false; grid.len()];
    for key in [
        ("cjs", "g2"),
        ("cjs", "g5"),
        ("health", "g2"),
        ("health", "g5"),
    ] {
        hidden[t.index(&key).unwrap()] = true;
    }
    let found = attack(grid, &hidden);
    let of = |key| {
        let cell = t.index(&key).unwrap();
        found
            .iter()
            .find(|f| f.0 == cell)
            .map(|f| (f.1, f.2))
            .unwrap()
    };
    assert_eq!(of(("cjs", "g2")), (1, Some(1)));
    assert_eq!(of(("health", "g2")), (9, Some(9)));
    // And after protecting both tables together, it finds nothing narrow.
    let rule = SuppressionRule::default();
    let p = t.protect(&rule).unwrap();
    for (cell, lower, upper) in attack(grid, &p.protection().suppressed()) {
        assert!(upper.is_none_or(|u| u - lower >= 1), "cell {cell}");
        if p.protection().status(cell) == CellStatus::Primary {
            assert!(upper.is_none_or(|u| u - lower >= 4), "cell {cell}");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn linked_tables_resist_an_independent_integer_attack(counts in counts(), threshold in 2u32..9) {
        let rule = SuppressionRule::new(threshold).unwrap();
        let tables = build(&counts);
        let started = Instant::now();
        let p = tables.protect(&rule).unwrap();
        let took = started.elapsed();
        if let Ok(mut s) = slowest().lock() {
            if took > *s {
                *s = took;
                println!(
                    "slowest protect so far: {took:?} for {} cells, {} primary, {} secondary",
                    tables.grid().len(),
                    p.protection().count(CellStatus::Primary),
                    p.protection().count(CellStatus::Secondary)
                );
            }
        }
        let grid = tables.grid();
        let p = p.protection();
        let level = i64::from(rule.protection_level());
        for (c, &v) in grid.values().iter().enumerate() {
            prop_assert!(!rule.is_small(v) || p.is_suppressed(c), "small count {v} shown");
            prop_assert!(!(p.is_suppressed(c) && v == 0), "a zero hidden at cell {c}");
        }
        for (cell, lower, upper) in attack(grid, &p.suppressed()) {
            let v = grid.values()[cell];
            prop_assert!(lower <= v && upper.is_none_or(|u| v <= u), "cell {cell}: {v} outside {lower}..{upper:?}");
            let need = if p.status(cell) == CellStatus::Primary { level } else { 1 };
            let width = upper.map(|u| u - lower);
            prop_assert!(
                width.is_none_or(|w| w >= need),
                "cell {cell} ({:?}, value {v}) narrowed to {lower}..={upper:?}, needs width {need}",
                tables.key(cell)
            );
        }
    }
}
