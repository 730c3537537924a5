//! Property tests for tables that count an item in every group it belongs to, and for a
//! corrected release read beside the one it corrects. Random items (comments, say), each in one
//! category and one to three regions, give a national table (items by category, each counted
//! once) and a by-region table (items by region and category, counted in every region they are
//! in): the regions cover the national figures rather than adding up to them. Both tables are
//! derived from the same items, so the data are consistent.
//!
//! Protected releases are attacked by the integer programme in `common`, written independently
//! of the crate's interval audit from only what is published. Every hidden small count must
//! keep an interval at least the protection level wide and no hidden cell may be exact; for a
//! corrected release, the attack reads both versions together, and a cell may fall short only
//! where nothing version 2 may hide could help (cells version 1 showed pin it down), and the
//! crate's audit must then name it.

mod common;

use common::attack;
use frontline_disclosure::{LinkedProtection, LinkedTables, SuppressionRule};
use proptest::prelude::*;
use std::collections::{HashMap, HashSet};

/// (table, row, column): the national table has row 0; column `TOTAL` is a margin.
type Key = (u8, usize, usize);
const NATION: u8 = 0;
const REGION: u8 = 1;
const TOTAL: usize = usize::MAX;

/// A key in a release of two versions: (0, key) for version 1's cells and version 2's cells
/// whose value did not change (the same cell), (1, key) for version 2's changed cells.
type VKey = (u8, Key);

/// One item: its category and the regions it counts in.
#[derive(Debug, Clone)]
struct Item {
    category: usize,
    regions: Vec<usize>,
}

/// `regions`, `categories` and the items.
type Items = (usize, usize, Vec<Item>);

fn items() -> impl Strategy<Value = Items> {
    (2usize..6, 2usize..5).prop_flat_map(|(regions, cats)| {
        // Kinds of item, each repeated: mostly a few times, some many, so cells are a mix of
        // small counts, zeros and large counts.
        let copies = prop_oneof![3 => 1usize..3, 1 => 4usize..20];
        let kinds = prop::collection::vec((item(regions, cats), copies), 2..16);
        let items = kinds.prop_map(|kinds| {
            kinds
                .into_iter()
                .flat_map(|(item, n)| std::iter::repeat_n(item, n))
                .collect()
        });
        (Just(regions), Just(cats), items)
    })
}

fn item(regions: usize, cats: usize) -> impl Strategy<Value = Item> {
    let all: Vec<usize> = (0..regions).collect();
    (0..cats, prop::sample::subsequence(all, 1..=regions.min(3)))
        .prop_map(|(category, regions)| Item { category, regions })
}

/// A correction to version 1's items.
#[derive(Debug, Clone)]
enum Edit {
    Remove(usize),
    Add(Item),
    Recategorise(usize, usize),
    Move(usize, Item),
}

/// Version 1's items and one to three corrections.
fn versions() -> impl Strategy<Value = (Items, Vec<Edit>)> {
    items().prop_flat_map(|(regions, cats, items)| {
        let edit = prop_oneof![
            any::<usize>().prop_map(Edit::Remove),
            item(regions, cats).prop_map(Edit::Add),
            (any::<usize>(), 0..cats).prop_map(|(i, c)| Edit::Recategorise(i, c)),
            (any::<usize>(), item(regions, cats)).prop_map(|(i, it)| Edit::Move(i, it)),
        ];
        (
            Just((regions, cats, items)),
            prop::collection::vec(edit, 1..4),
        )
    })
}

fn apply(items: &[Item], edits: &[Edit]) -> Vec<Item> {
    let mut items = items.to_vec();
    for edit in edits {
        let n = items.len();
        match edit {
            Edit::Add(item) => items.push(item.clone()),
            _ if n == 0 => {}
            Edit::Remove(i) => {
                items.remove(i % n);
            }
            Edit::Recategorise(i, c) => items[i % n].category = *c,
            Edit::Move(i, item) => items[i % n].regions = item.regions.clone(),
        }
    }
    items
}

/// Both tables: every cell's value in declaration order, the sums and the coverings.
struct Tables {
    cells: Vec<(Key, i64)>,
    sums: Vec<(Key, Vec<Key>)>,
    covers: Vec<(Key, Vec<Key>)>,
}

impl Tables {
    fn new(regions: usize, cats: usize, items: &[Item]) -> Self {
        let count = |keep: &dyn Fn(&Item) -> bool| items.iter().filter(|i| keep(i)).count() as i64;
        let columns: Vec<usize> = (0..cats).chain([TOTAL]).collect();
        let in_column = |i: &Item, c: usize| c == TOTAL || i.category == c;
        let mut cells = Vec::new();
        for &c in &columns {
            cells.push(((NATION, 0, c), count(&|i| in_column(i, c))));
        }
        for r in 0..regions {
            for &c in &columns {
                let n = count(&|i| in_column(i, c) && i.regions.contains(&r));
                cells.push(((REGION, r, c), n));
            }
        }
        let row = |table: u8, r: usize| (0..cats).map(|c| (table, r, c)).collect::<Vec<_>>();
        let mut sums = vec![((NATION, 0, TOTAL), row(NATION, 0))];
        sums.extend((0..regions).map(|r| ((REGION, r, TOTAL), row(REGION, r))));
        let covers = columns
            .iter()
            .map(|&c| {
                let parts = (0..regions).map(|r| (REGION, r, c)).collect();
                ((NATION, 0, c), parts)
            })
            .collect();
        Self {
            cells,
            sums,
            covers,
        }
    }

    fn value(&self, key: &Key) -> Option<i64> {
        self.cells.iter().find(|(k, _)| k == key).map(|(_, v)| *v)
    }

    /// Declares the relations, naming cells with `key`.
    fn relate(&self, t: &mut LinkedTables<VKey>, key: &dyn Fn(Key) -> VKey) {
        let keys = |parts: &[Key]| parts.iter().map(|&k| key(k)).collect::<Vec<_>>();
        for (total, parts) in &self.sums {
            t.relate(&key(*total), &keys(parts)).unwrap();
        }
        for (total, parts) in &self.covers {
            t.covered_by(&key(*total), &keys(parts)).unwrap();
        }
    }
}

/// One version on its own.
fn alone(tables: &Tables) -> LinkedTables<VKey> {
    let mut t = LinkedTables::new();
    for &(key, value) in &tables.cells {
        t.cell((0, key), value).unwrap();
    }
    tables.relate(&mut t, &|k| (0, k));
    t
}

/// Version 2 beside version 1 as published: version 1's cells fixed, version 2's linked to
/// them by key where the value is unchanged. Returns the tables and version 2's key of each cell.
fn corrected(
    v1: &Tables,
    published: &LinkedProtection<VKey>,
    v2: &Tables,
) -> (LinkedTables<VKey>, HashMap<Key, VKey>) {
    let mut t = LinkedTables::new();
    for &(key, value) in &v1.cells {
        let shown = !published.is_suppressed(&(0, key)).unwrap();
        t.published_earlier((0, key), value, shown).unwrap();
    }
    v1.relate(&mut t, &|k| (0, k));
    let key_of: HashMap<Key, VKey> = v2
        .cells
        .iter()
        .map(|&(key, value)| {
            let same = v1.value(&key) == Some(value);
            (key, (u8::from(!same), key))
        })
        .collect();
    for &(key, value) in &v2.cells {
        t.cell(key_of[&key], value).unwrap();
    }
    v2.relate(&mut t, &|k| key_of[&k]);
    (t, key_of)
}

/// A cell the attack narrows too far: (cell, lower, upper, the width it needs).
type Short = (usize, i64, Option<i64>, i64);

/// The cells of `hidden` the attack narrows below what they need.
fn narrowed(
    tables: &LinkedTables<VKey>,
    hidden: &[bool],
    need: &dyn Fn(usize) -> i64,
) -> Result<Vec<Short>, TestCaseError> {
    let grid = tables.grid();
    let mut out = Vec::new();
    for (cell, lower, upper) in attack(grid, hidden) {
        let v = grid.values()[cell];
        prop_assert!(
            lower <= v && upper.is_none_or(|u| v <= u),
            "cell {cell}: {v} outside {lower}..{upper:?}"
        );
        if upper.is_some_and(|u| u - lower < need(cell)) {
            out.push((cell, lower, upper, need(cell)));
        }
    }
    Ok(out)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(160))]

    #[test]
    fn coverings_resist_an_independent_integer_attack(items in items(), threshold in 3u32..8) {
        let (regions, cats, items) = items;
        let rule = SuppressionRule::new(threshold).unwrap();
        let tables = alone(&Tables::new(regions, cats, &items));
        let p = tables.protect(&rule).unwrap();
        let grid = tables.grid();
        let q = p.protection();
        for (c, &v) in grid.values().iter().enumerate() {
            prop_assert!(!rule.is_small(v) || q.is_suppressed(c), "small count {v} shown");
            prop_assert!(!(q.is_suppressed(c) && v == 0), "a zero hidden at cell {c}");
        }
        let level = i64::from(rule.protection_level());
        let need = |c: usize| if rule.is_small(grid.values()[c]) { level } else { 1 };
        let short = narrowed(&tables, &q.suppressed(), &need)?;
        prop_assert!(short.is_empty(), "narrowed: {short:?}");
    }

    #[test]
    fn a_corrected_release_protects_both_versions_read_together(
        (items, edits) in versions(),
        threshold in 3u32..8,
    ) {
        let (regions, cats, items) = items;
        let rule = SuppressionRule::new(threshold).unwrap();
        let v1 = Tables::new(regions, cats, &items);
        let v2 = Tables::new(regions, cats, &apply(&items, &edits));
        let first = alone(&v1).protect(&rule).unwrap();
        let (tables, key_of) = corrected(&v1, &first, &v2);
        let p = tables.protect(&rule).unwrap();
        // Version 1's cells keep their status.
        for (key, _) in &v1.cells {
            prop_assert_eq!(
                p.is_suppressed(&(0, *key)).unwrap(),
                first.is_suppressed(&(0, *key)).unwrap(),
                "{:?} changed status", key
            );
        }
        // What a reader of both versions sees: a cell is known if either version shows it.
        let grid = tables.grid();
        let index = |k: &VKey| tables.index(k).unwrap();
        let mut hidden = vec![true; grid.len()];
        for (key, _) in &v1.cells {
            if !first.is_suppressed(&(0, *key)).unwrap() {
                hidden[index(&(0, *key))] = false;
            }
        }
        let v2_cells: HashSet<usize> = key_of.values().map(index).collect();
        for &cell in &v2_cells {
            if !p.protection().is_suppressed(cell) {
                hidden[cell] = false;
            }
            let v = grid.values()[cell];
            prop_assert!(!rule.is_small(v) || hidden[cell], "small count {v} shown");
        }
        let level = i64::from(rule.protection_level());
        let need = |c: usize| {
            if v2_cells.contains(&c) && rule.is_small(grid.values()[c]) { level } else { 1 }
        };
        let short = narrowed(&tables, &hidden, &need)?;
        if short.is_empty() {
            return Ok(());
        }
        // Only what nothing could help: still short with every cell version 2 alone prints
        // (and is not zero) hidden; and the crate's audit names it.
        let mut widest = hidden.clone();
        for &cell in &v2_cells {
            let fixed_by_v1 = tables.key(cell).is_some_and(|k| k.0 == 0);
            widest[cell] |= !fixed_by_v1 && grid.values()[cell] != 0;
        }
        let still: HashSet<usize> = narrowed(&tables, &widest, &need)?.iter().map(|s| s.0).collect();
        let named: HashSet<VKey> = tables
            .audit(&rule, &p.suppressed_keys())
            .unwrap()
            .into_iter()
            .map(|(k, _)| k)
            .collect();
        for (cell, lower, upper, need) in short {
            let key = tables.key(cell).unwrap();
            prop_assert!(
                still.contains(&cell),
                "{key:?} narrowed to {lower}..={upper:?} (needs {need}), though hiding more would help"
            );
            prop_assert!(named.contains(key), "{key:?} narrowed but not named by the audit");
        }
    }
}
