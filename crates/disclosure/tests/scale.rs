//! A release-sized problem: three tables of one count by area (within regions within the nation),
//! category and group, each pair sharing margins, protected as one linked problem; and a
//! corrected version of it protected beside the first. Prints how long protection and the audit
//! take (run with `--nocapture`); asserts only that the result is protected, never a time.

mod common;

use frontline_disclosure::{CellStatus, LinkedProtection, LinkedTables, SuppressionRule};
use std::time::Instant;

type Key = (&'static str, usize, usize, usize);
const ALL: usize = usize::MAX;

/// A fixed pseudo-random sequence, so the problem is the same on every run.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    /// Mostly small counts and zeros, some large.
    fn count(&mut self) -> i64 {
        match self.next() % 20 {
            0..=14 => 0,
            15..=18 => 1 + (self.next() % 3) as i64,
            _ => (self.next() % 20) as i64,
        }
    }
}

/// `counts[area][category][group]`, areas in `regions` consecutive blocks; `corrections` counts,
/// spread out, are one more than in the first version.
fn release(
    areas: usize,
    regions: usize,
    cats: usize,
    groups: usize,
    corrections: usize,
) -> LinkedTables<Key> {
    let mut rng = Lcg(20_240_601);
    let mut counts: Vec<Vec<Vec<i64>>> = (0..areas)
        .map(|_| {
            (0..cats)
                .map(|_| (0..groups).map(|_| rng.count()).collect())
                .collect()
        })
        .collect();
    for k in 0..corrections {
        counts[(k * 7) % areas][(k * 3) % cats][k % groups] += 1;
    }
    let region_of = |a: usize| a * regions / areas;
    let mut t = LinkedTables::new();
    // Two tables by place: by category and by group. Area, region and nation totals are shared.
    for (table, width) in [("cat", cats), ("group", groups)] {
        for (a, area) in counts.iter().enumerate() {
            for j in 0..width {
                let n: i64 = if table == "cat" {
                    area[j].iter().sum()
                } else {
                    area.iter().map(|c| c[j]).sum()
                };
                t.cell((table, a, j, 0), n).unwrap();
            }
            let row: Vec<Key> = (0..width).map(|j| (table, a, j, 0)).collect();
            t.total_of(("place", a, ALL, 0), &row).unwrap();
        }
        for r in 0..regions {
            let members: Vec<usize> = (0..areas).filter(|&a| region_of(a) == r).collect();
            for j in 0..width {
                let parts: Vec<Key> = members.iter().map(|&a| (table, a, j, 0)).collect();
                t.total_of((table, ALL, j, r), &parts).unwrap();
            }
            let parts: Vec<Key> = members.iter().map(|&a| ("place", a, ALL, 0)).collect();
            t.total_of(("region", r, ALL, 0), &parts).unwrap();
            let row: Vec<Key> = (0..width).map(|j| (table, ALL, j, r)).collect();
            t.relate(&("region", r, ALL, 0), &row).unwrap();
        }
        for j in 0..width {
            let parts: Vec<Key> = (0..regions).map(|r| (table, ALL, j, r)).collect();
            t.total_of((table, ALL, j, ALL), &parts).unwrap();
        }
        let parts: Vec<Key> = (0..regions).map(|r| ("region", r, ALL, 0)).collect();
        t.total_of(("nation", 0, 0, 0), &parts).unwrap();
        let row: Vec<Key> = (0..width).map(|j| (table, ALL, j, ALL)).collect();
        t.relate(&("nation", 0, 0, 0), &row).unwrap();
    }
    // The national table: category by group, its margins the national figures above.
    for c in 0..cats {
        for g in 0..groups {
            let n: i64 = counts.iter().map(|a| a[c][g]).sum();
            t.cell(("national", c, g, 0), n).unwrap();
        }
        let row: Vec<Key> = (0..groups).map(|g| ("national", c, g, 0)).collect();
        t.total_of(("cat", ALL, c, ALL), &row).unwrap();
    }
    for g in 0..groups {
        let column: Vec<Key> = (0..cats).map(|c| ("national", c, g, 0)).collect();
        t.total_of(("group", ALL, g, ALL), &column).unwrap();
    }
    t
}

/// Debug builds are far slower; keep the default run small and the optimised one large.
const SIZE: (usize, usize, usize, usize) = if cfg!(debug_assertions) {
    (12, 3, 6, 4)
} else {
    (60, 10, 16, 8)
};

#[test]
fn a_release_of_linked_tables_is_protected() {
    let rule = SuppressionRule::default();
    let (areas, regions, cats, groups) = SIZE;
    let tables = release(areas, regions, cats, groups, 0);
    let started = Instant::now();
    let p = tables.protect(&rule).unwrap();
    let protected = started.elapsed();
    let started = Instant::now();
    let exposed = tables.audit(&rule, &p.suppressed_keys()).unwrap();
    let audited = started.elapsed();
    let q = p.protection();
    println!(
        "{} cells, {} relations: {} primary, {} secondary; protect {protected:?}, audit {audited:?}",
        tables.grid().len(),
        tables.grid().constraints().len(),
        q.count(CellStatus::Primary),
        q.count(CellStatus::Secondary),
    );
    assert!(exposed.is_empty(), "{exposed:?}");
    // And the independent integer attack agrees.
    let started = Instant::now();
    let level = i64::from(rule.protection_level());
    for (cell, lower, upper) in common::attack(tables.grid(), &q.suppressed()) {
        let need = if q.status(cell) == CellStatus::Primary {
            level
        } else {
            1
        };
        assert!(
            upper.is_none_or(|u| u - lower >= need),
            "cell {cell}: {lower}..={upper:?}"
        );
    }
    println!("independent attack {:?}", started.elapsed());
}

/// The second version beside the first as published: the first's cells fixed as shown or
/// hidden, the second's linked to them where the value is unchanged and under a new key
/// (version 1) where it changed.
fn corrected(
    first: &LinkedTables<Key>,
    published: &LinkedProtection<Key>,
    second: &LinkedTables<Key>,
) -> LinkedTables<(u8, Key)> {
    let mut t = LinkedTables::new();
    let (g1, g2) = (first.grid(), second.grid());
    let name1 = |c: usize| (0u8, *first.key(c).expect("declared"));
    for c in 0..g1.len() {
        let shown = !published.is_suppressed(&name1(c).1).expect("declared");
        t.published_earlier(name1(c), g1.values()[c], shown)
            .expect("first version");
    }
    let name2 = |c: usize| {
        let key = *second.key(c).expect("declared");
        let before = first.index(&key).map(|i| g1.values()[i]);
        (u8::from(before != Some(g2.values()[c])), key)
    };
    for c in 0..g2.len() {
        t.cell(name2(c), g2.values()[c]).expect("second version");
    }
    for (grid, name) in [(g1, &name1 as &dyn Fn(usize) -> (u8, Key)), (g2, &name2)] {
        for r in grid.constraints() {
            let parts: Vec<_> = r.parts.iter().map(|&p| name(p)).collect();
            t.relate(&name(r.total), &parts).expect("relations hold");
        }
    }
    t
}

#[test]
fn a_corrected_release_is_protected_beside_the_first() {
    let rule = SuppressionRule::default();
    let (areas, regions, cats, groups) = SIZE;
    let first = release(areas, regions, cats, groups, 0);
    let published = first.protect(&rule).unwrap();
    let tables = corrected(
        &first,
        &published,
        &release(areas, regions, cats, groups, 12),
    );
    let started = Instant::now();
    let p = tables.protect(&rule).unwrap();
    let protected = started.elapsed();
    let started = Instant::now();
    let exposed = tables.audit(&rule, &p.suppressed_keys()).unwrap();
    let audited = started.elapsed();
    let changed = (0..tables.grid().len())
        .filter(|&c| tables.key(c).is_some_and(|k| k.0 == 1))
        .count();
    println!(
        "corrected: {} cells ({changed} changed), {} secondary; protect {protected:?}, audit {audited:?}",
        tables.grid().len(),
        p.protection().count(CellStatus::Secondary),
    );
    for c in 0..first.grid().len() {
        let key = *first.key(c).unwrap();
        assert_eq!(
            p.is_suppressed(&(0, key)).unwrap(),
            published.is_suppressed(&key).unwrap(),
            "{key:?}"
        );
    }
    assert!(exposed.is_empty(), "{exposed:?}");
}
