//! One release's disclosure control across everything it publishes. Every table that counts
//! people asks a [`CellProtector`] which of its cells to hide, naming each cell with a key
//! (`volunteers/E23000032`, `comments-biggest-challenge/group/Police/Funding`) and its table
//! family (the tables built from one grid). A rule alone ([`SuppressionRule`]) protects each
//! grid by itself, for drafts and exports; a [`ReleaseProtector`] also reads the release beside
//! every earlier version of it, which stays public for good: a cell an earlier version showed
//! with the same value is known to a reader, one it hid stays hidden, and the earlier versions'
//! own cells and relations are part of the problem. What the release publishes is recorded
//! ([`PublishedCells`]), to be kept privately with it for the next version.

use crate::grid::Fixed;
use crate::{audit, protect, CellStatus, DisclosureError, Grid, Protection, SuppressionRule};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::sync::Mutex;

/// What decides which cells of a table of people are hidden.
pub trait CellProtector: Sync {
    /// The suppression rule, as every table's note describes it.
    fn rule(&self) -> &SuppressionRule;

    /// The protection of `grid`, one of the tables of `family`, whose cells are named `keys`
    /// (one key per cell, in cell order).
    fn protect(
        &self,
        family: &str,
        grid: &Grid,
        keys: &[String],
    ) -> Result<Protection, DisclosureError>;
}

/// A grid whose cells are named by the keys a [`CellProtector`] wants, built side by side.
#[derive(Debug, Clone, Default)]
pub struct KeyedGrid {
    pub grid: Grid,
    pub keys: Vec<String>,
}

impl KeyedGrid {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a published cell named `key`.
    pub fn cell(&mut self, key: impl Into<String>, value: i64) -> usize {
        self.keys.push(key.into());
        self.grid.cell(value)
    }

    /// Adds a cell named `key` that relations use but nothing publishes.
    pub fn unpublished(&mut self, key: impl Into<String>, value: i64) -> usize {
        let cell = self.cell(key, value);
        self.grid.mark_unpublished(cell);
        cell
    }

    /// Adds a cell named `key` that nothing publishes but a reader must not narrow either
    /// ([`Grid::guard`]): a group of people only differences would reveal.
    pub fn guarded(&mut self, key: impl Into<String>, value: i64) -> usize {
        let cell = self.cell(key, value);
        self.grid.guard(cell);
        cell
    }

    /// Adds a published total of `parts`, named `key`.
    pub fn total_of(&mut self, key: impl Into<String>, parts: &[usize]) -> usize {
        self.keys.push(key.into());
        self.grid.total_of(parts)
    }

    /// A two-way table (as [`Grid::two_way`]) whose cells are named `{stem}/{row}/{column}`,
    /// row totals `{stem}/{row}/{all_columns}`, column totals `{stem}/{all_rows}/{column}` and
    /// the grand total `{stem}/{all_rows}/{all_columns}`.
    pub fn two_way(
        stem: &str,
        rows: &[(String, Vec<i64>)],
        columns: &[String],
        all_rows: &str,
        all_columns: &str,
    ) -> (Self, crate::TwoWay) {
        let values: Vec<Vec<i64>> = rows.iter().map(|(_, v)| v.clone()).collect();
        let (grid, at) = Grid::two_way(&values);
        let mut keys = vec![String::new(); grid.len()];
        let mut put = |cell: usize, key: String| {
            if let Some(slot) = keys.get_mut(cell) {
                *slot = key;
            }
        };
        for ((row, _), cells) in rows.iter().zip(&at.interior) {
            for (column, &cell) in columns.iter().zip(cells) {
                put(cell, format!("{stem}/{row}/{column}"));
            }
        }
        for ((row, _), &cell) in rows.iter().zip(&at.row_totals) {
            put(cell, format!("{stem}/{row}/{all_columns}"));
        }
        for (column, &cell) in columns.iter().zip(&at.column_totals) {
            put(cell, format!("{stem}/{all_rows}/{column}"));
        }
        put(at.grand_total, format!("{stem}/{all_rows}/{all_columns}"));
        (Self { grid, keys }, at)
    }

    /// The grid's protection as `protector` decides it, for the family `family`.
    pub fn protect(
        &self,
        protector: &dyn CellProtector,
        family: &str,
    ) -> Result<Protection, DisclosureError> {
        protector.protect(family, &self.grid, &self.keys)
    }
}

/// A rule alone protects each grid by itself.
impl CellProtector for SuppressionRule {
    fn rule(&self) -> &SuppressionRule {
        self
    }

    fn protect(
        &self,
        _family: &str,
        grid: &Grid,
        _keys: &[String],
    ) -> Result<Protection, DisclosureError> {
        protect(self, grid)
    }
}

/// One family's cells as a release published them: values (the true ones, hidden or not),
/// which were hidden, which are never published, and the relations between them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishedFamily {
    pub keys: Vec<String>,
    pub values: Vec<i64>,
    pub hidden: Vec<bool>,
    pub unpublished: Vec<bool>,
    /// Unpublished cells a reader must not narrow ([`Grid::guard`]); absent in records made
    /// before guarding existed.
    #[serde(default)]
    pub guarded: Vec<bool>,
    /// `(total, parts)` sums.
    pub sums: Vec<(usize, Vec<usize>)>,
    /// `(total, parts)` coverings.
    pub coverings: Vec<(usize, Vec<usize>)>,
    pub zeros_shown: bool,
}

/// Every family of people's cells a release published. Kept privately with the release (its
/// hidden values are confidential): the next version is protected beside it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishedCells {
    pub version: i32,
    pub families: BTreeMap<String, PublishedFamily>,
}

impl PublishedCells {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| "{}".to_string())
    }

    pub fn from_json(text: &str) -> Result<Self, DisclosureError> {
        serde_json::from_str(text).map_err(|e| DisclosureError::Unreadable(e.to_string()))
    }
}

/// A release's protector: each family protected beside the same family in every earlier
/// version, and what it publishes recorded.
pub struct ReleaseProtector {
    rule: SuppressionRule,
    earlier: Vec<PublishedCells>,
    recorded: Mutex<BTreeMap<String, PublishedFamily>>,
}

impl ReleaseProtector {
    /// A protector for a release whose earlier versions published `earlier`.
    pub fn new(rule: SuppressionRule, earlier: Vec<PublishedCells>) -> Self {
        Self {
            rule,
            earlier,
            recorded: Mutex::new(BTreeMap::new()),
        }
    }

    /// What the release published, as version `version`.
    pub fn published(&self, version: i32) -> PublishedCells {
        let families = self.recorded.lock().map(|r| r.clone()).unwrap_or_default();
        PublishedCells { version, families }
    }

    /// Checks every family of the release, beside the earlier versions, once more: an exposed
    /// cell (which a cell shown earlier can pin down) refuses the release, naming its key.
    pub fn ensure_protected(&self) -> Result<(), DisclosureError> {
        let recorded = self.recorded.lock().map(|r| r.clone()).unwrap_or_default();
        let mut exposed = Vec::new();
        for (family, published) in &recorded {
            let mut grid = grid_of(published);
            let keys = self.add_earlier(family, &mut grid, &published.keys);
            let hidden: Vec<bool> = (0..grid.len())
                .map(|c| published.hidden.get(c).copied().unwrap_or(false))
                .collect();
            for e in audit(&self.rule, &grid, &hidden)? {
                let key = keys
                    .get(e.interval.cell)
                    .cloned()
                    .unwrap_or_else(|| format!("{family}#{}", e.interval.cell));
                exposed.push(format!("{key} ({})", e.interval));
            }
        }
        if exposed.is_empty() {
            Ok(())
        } else {
            Err(DisclosureError::Exposed {
                count: exposed.len(),
                level: self.rule.protection_level(),
                cells: exposed.join("; "),
            })
        }
    }

    /// Appends the earlier versions' cells of `family` to `grid` (whose first cells are named
    /// `keys`): a cell of the same key and value is the same cell, fixed as it was published;
    /// any other is a cell of its own, fixed, with its relations. Returns every cell's key.
    fn add_earlier(&self, family: &str, grid: &mut Grid, keys: &[String]) -> Vec<String> {
        let mut names: Vec<String> = keys.to_vec();
        let by_key: HashMap<&str, usize> = keys
            .iter()
            .enumerate()
            .map(|(i, k)| (k.as_str(), i))
            .collect();
        for earlier in &self.earlier {
            let Some(old) = earlier.families.get(family) else {
                continue;
            };
            let mut at = Vec::with_capacity(old.keys.len());
            for (j, key) in old.keys.iter().enumerate() {
                let value = old.values.get(j).copied().unwrap_or(0);
                let unpublished = old.unpublished.get(j).copied().unwrap_or(false);
                let guarded = old.guarded.get(j).copied().unwrap_or(false);
                let status = if old.hidden.get(j).copied().unwrap_or(false) {
                    Fixed::Hidden
                } else {
                    Fixed::Shown
                };
                let same = by_key
                    .get(key.as_str())
                    .copied()
                    .filter(|&i| grid.value(i) == value);
                let cell = match same {
                    Some(i) => {
                        if !unpublished && !grid.is_unpublished(i) && grid.fixed(i).is_none() {
                            let _ = grid.fix(i, status);
                        }
                        i
                    }
                    None if unpublished => {
                        let c = grid.cell(value);
                        grid.mark_unpublished(c);
                        if guarded {
                            grid.guard(c);
                        }
                        names.push(format!("{key}@v{}", earlier.version));
                        c
                    }
                    None => {
                        let c = match status {
                            Fixed::Shown => grid.fixed_shown(value),
                            Fixed::Hidden => grid.fixed_hidden(value),
                        };
                        names.push(format!("{key}@v{}", earlier.version));
                        c
                    }
                };
                at.push(cell);
            }
            let map = |cells: &[usize]| -> Vec<usize> {
                cells.iter().filter_map(|&c| at.get(c).copied()).collect()
            };
            for (total, parts) in &old.sums {
                if let Some(&t) = at.get(*total) {
                    let _ = grid.relate_once(t, &map(parts));
                }
            }
            for (total, parts) in &old.coverings {
                if let Some(&t) = at.get(*total) {
                    let _ = grid.covered_by(t, &map(parts));
                }
            }
        }
        names
    }
}

/// A family's grid back from what was recorded of it.
fn grid_of(published: &PublishedFamily) -> Grid {
    let mut grid = Grid::new();
    grid.set_zeros_shown(published.zeros_shown);
    for (i, value) in published.values.iter().enumerate() {
        let c = grid.cell(*value);
        if published.unpublished.get(i).copied().unwrap_or(false) {
            grid.mark_unpublished(c);
        }
        if published.guarded.get(i).copied().unwrap_or(false) {
            grid.guard(c);
        }
    }
    for (total, parts) in &published.sums {
        let _ = grid.relate(*total, parts);
    }
    for (total, parts) in &published.coverings {
        let _ = grid.covered_by(*total, parts);
    }
    grid
}

/// What a family's grid and protection publish.
fn record(keys: &[String], grid: &Grid, protection: &Protection) -> PublishedFamily {
    let n = grid.len();
    PublishedFamily {
        keys: keys.to_vec(),
        values: grid.values().to_vec(),
        hidden: (0..n)
            .map(|c| {
                matches!(
                    protection.status(c),
                    CellStatus::Primary | CellStatus::Secondary
                )
            })
            .collect(),
        unpublished: (0..n).map(|c| grid.is_unpublished(c)).collect(),
        guarded: (0..n).map(|c| grid.is_guarded(c)).collect(),
        sums: grid
            .constraints()
            .iter()
            .map(|c| (c.total, c.parts.clone()))
            .collect(),
        coverings: grid
            .coverings()
            .iter()
            .map(|c| (c.total, c.parts.clone()))
            .collect(),
        zeros_shown: grid.zeros_shown(),
    }
}

impl CellProtector for ReleaseProtector {
    fn rule(&self) -> &SuppressionRule {
        &self.rule
    }

    fn protect(
        &self,
        family: &str,
        grid: &Grid,
        keys: &[String],
    ) -> Result<Protection, DisclosureError> {
        if keys.len() != grid.len() {
            return Err(DisclosureError::KeysDoNotMatch {
                family: family.to_string(),
                keys: keys.len(),
                cells: grid.len(),
            });
        }
        let mut combined = grid.clone();
        self.add_earlier(family, &mut combined, keys);
        let whole = protect(&self.rule, &combined)?;
        let protection =
            Protection::from_statuses((0..grid.len()).map(|c| whole.status(c)).collect());
        if let Ok(mut recorded) = self.recorded.lock() {
            recorded.insert(family.to_string(), record(keys, grid, &protection));
        }
        Ok(protection)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(names: &[&str]) -> Vec<String> {
        names.iter().map(|n| n.to_string()).collect()
    }

    /// Areas within a region: (a, b, c) and their total.
    fn region(values: [i64; 3]) -> (Grid, Vec<String>) {
        let mut grid = Grid::new();
        let parts: Vec<usize> = values.iter().map(|v| grid.cell(*v)).collect();
        grid.total_of(&parts);
        (grid, keys(&["a", "b", "c", "total"]))
    }

    #[test]
    fn a_rule_alone_and_a_first_release_protect_the_same() {
        let (grid, names) = region([2, 30, 40]);
        let rule = SuppressionRule::default();
        let alone = CellProtector::protect(&rule, "t", &grid, &names).expect("alone");
        let release = ReleaseProtector::new(rule, Vec::new());
        let first = release.protect("t", &grid, &names).expect("release");
        assert_eq!(alone, first);
        let kept = release.published(1);
        assert_eq!(kept.families["t"].hidden, [true, true, false, false]);
        assert_eq!(
            PublishedCells::from_json(&kept.to_json()).expect("json"),
            kept
        );
        release.ensure_protected().expect("protected");
    }

    #[test]
    fn a_second_version_keeps_hidden_what_the_first_hid() {
        let rule = SuppressionRule::default();
        let (v1, names) = region([2, 30, 40]);
        let first = ReleaseProtector::new(rule, Vec::new());
        first.protect("t", &v1, &names).expect("v1");
        let earlier = first.published(1);
        // Version 2 corrects a (2 → 6): alone, nothing in it is small, so nothing is hidden.
        let (v2, names) = region([6, 30, 40]);
        let alone = CellProtector::protect(&rule, "t", &v2, &names).expect("alone");
        assert_eq!(
            alone.count(CellStatus::Primary) + alone.count(CellStatus::Secondary),
            0
        );
        // Beside version 1, b (30, unchanged) was hidden there and must stay hidden, and a
        // complement keeps it from being the total less a and c.
        let second = ReleaseProtector::new(rule, vec![earlier]);
        let p = second.protect("t", &v2, &names).expect("v2");
        assert!(p.is_suppressed(1), "b stays hidden: {p:?}");
        assert!(
            p.is_suppressed(0) || p.is_suppressed(2) || p.is_suppressed(3),
            "a complement beside b: {p:?}"
        );
        second
            .ensure_protected()
            .expect("protected beside version 1");
    }
}
