//! Tables published together, protected as one problem: each table declares its cells by a key
//! the caller chooses, and a key declared by two tables is one cell (a national figure that is
//! also the total of a by-region table, say). A reader combines every table, so the protection
//! must too. Tables may also be related by coverings (a table counting an item in every group
//! it belongs to), and cells an earlier publication fixed (version 1 of a corrected release)
//! join the problem with their status fixed.

use crate::error::DisclosureError;
use crate::exposure::{audit, refuse, Exposure};
use crate::grid::{check_values, Fixed, Grid, Kind};
use crate::protect::{protect, CellStatus, Protection};
use crate::rule::SuppressionRule;
use std::collections::{HashMap, HashSet};
use std::fmt::Debug;
use std::hash::Hash;

/// Builds one [`Grid`] from the cells and relations of several tables, keyed by `K`.
///
/// # A corrected release
///
/// Version 2 of a release is read beside version 1, which stays public, so both are one
/// problem: declare version 1's cells with [`LinkedTables::published_earlier`] (shown or
/// hidden as it published them) and its relations, then version 2's tables as usual. A cell
/// whose value did not change is declared under the same key by both, and is one cell whose
/// status version 1 fixed. A cell whose value changed is a different figure: the caller must
/// declare version 2's under a different key (one key with two values is a
/// [`DisclosureError::CellMismatch`]).
#[derive(Debug, Clone)]
pub struct LinkedTables<K> {
    grid: Grid,
    index: HashMap<K, usize>,
    keys: Vec<K>,
    relations: HashSet<(Kind, usize, Vec<usize>)>,
}

impl<K: Eq + Hash + Clone + Debug> Default for LinkedTables<K> {
    fn default() -> Self {
        Self::new()
    }
}

impl<K: Eq + Hash + Clone + Debug> LinkedTables<K> {
    /// No tables yet; zeros are shown (see [`Grid::zeros_shown`]).
    pub fn new() -> Self {
        Self {
            grid: Grid::new(),
            index: HashMap::new(),
            keys: Vec::new(),
            relations: HashSet::new(),
        }
    }

    /// Declares whether every table shows zeros (see [`Grid::set_zeros_shown`]).
    pub fn set_zeros_shown(&mut self, shown: bool) {
        self.grid.set_zeros_shown(shown);
    }

    /// Declares a published cell. A key already declared (by this or another table) is the
    /// same cell: its value must agree, or this is [`DisclosureError::CellMismatch`].
    pub fn cell(&mut self, key: K, value: i64) -> Result<usize, DisclosureError> {
        let cell = self.declare(key, value)?;
        self.grid.publish(cell);
        Ok(cell)
    }

    /// Declares a published total of cells already declared, with its relation; its value is
    /// their sum (and must agree with the key's value if another table declared it).
    pub fn total_of(&mut self, key: K, parts: &[K]) -> Result<usize, DisclosureError> {
        let total = self.sum_cell(key, parts)?;
        self.grid.publish(total);
        Ok(total)
    }

    /// Declares a total no table publishes but that relates cells (two breakdowns of the same
    /// people). If any table publishes the key, it stays published.
    pub fn unpublished_total_of(&mut self, key: K, parts: &[K]) -> Result<usize, DisclosureError> {
        let is_new = !self.index.contains_key(&key);
        let total = self.sum_cell(key, parts)?;
        if is_new {
            self.grid.unpublish(total);
        }
        Ok(total)
    }

    /// Declares a cell an earlier publication that stays public already published, shown
    /// (`shown`, with this value) or as [`SUPPRESSED`](crate::SUPPRESSED); see
    /// [`Grid::fix`]. [`LinkedTables::protect`] never changes its status. A key already
    /// declared is the same cell (its value must agree), and is fixed from now on; declaring
    /// it published earlier both shown and hidden is [`DisclosureError::FixedConflict`].
    pub fn published_earlier(
        &mut self,
        key: K,
        value: i64,
        shown: bool,
    ) -> Result<usize, DisclosureError> {
        let status = if shown { Fixed::Shown } else { Fixed::Hidden };
        let cell = self.declare(key.clone(), value)?;
        match self.grid.fixed(cell) {
            Some(earlier) if earlier != status => {
                Err(DisclosureError::FixedConflict(format!("{key:?}")))
            }
            _ => {
                self.grid.fix(cell, status)?;
                Ok(cell)
            }
        }
    }

    /// Declares that a cell already declared is the sum of others; the values must add up.
    /// Declaring the same relation twice (two tables printing the same total) is harmless.
    pub fn relate(&mut self, total: &K, parts: &[K]) -> Result<(), DisclosureError> {
        self.add_relation(Kind::Sum, total, parts)
    }

    /// Declares that a cell already declared is covered by others (see [`Grid::covered_by`]):
    /// a table that counts an item in every group it belongs to beside the count of distinct
    /// items. Each part must be at most the total, and the parts together at least it.
    /// Declaring the same covering twice is harmless.
    pub fn covered_by(&mut self, total: &K, parts: &[K]) -> Result<(), DisclosureError> {
        self.add_relation(Kind::Cover, total, parts)
    }

    fn add_relation(&mut self, kind: Kind, total: &K, parts: &[K]) -> Result<(), DisclosureError> {
        let t = self.require(total)?;
        let cells = parts
            .iter()
            .map(|k| self.require(k))
            .collect::<Result<Vec<_>, _>>()?;
        let values: Vec<i64> = cells.iter().map(|&c| self.grid.value(c)).collect();
        check_values(kind, &format!("{total:?}"), self.grid.value(t), &values)?;
        let mut canonical = cells.clone();
        canonical.sort_unstable();
        if self.relations.insert((kind, t, canonical)) {
            match kind {
                Kind::Sum => self.grid.relate(t, &cells)?,
                Kind::Cover => self.grid.covered_by(t, &cells)?,
            }
        }
        Ok(())
    }

    /// The cell a key was declared as.
    pub fn index(&self, key: &K) -> Option<usize> {
        self.index.get(key).copied()
    }

    /// The key of a cell.
    pub fn key(&self, cell: usize) -> Option<&K> {
        self.keys.get(cell)
    }

    /// The combined grid (cells numbered in the order first declared).
    pub fn grid(&self) -> &Grid {
        &self.grid
    }

    /// The combined grid and where each key went.
    pub fn into_parts(self) -> (Grid, HashMap<K, usize>) {
        (self.grid, self.index)
    }

    /// Protects all the tables together (see [`protect`]); cells published earlier keep their
    /// status, and any a reader can still narrow too far are named by [`LinkedTables::audit`].
    pub fn protect(&self, rule: &SuppressionRule) -> Result<LinkedProtection<K>, DisclosureError> {
        Ok(LinkedProtection {
            protection: protect(rule, &self.grid)?,
            index: self.index.clone(),
        })
    }

    /// The cells the tables expose when the keys in `suppressed` are published as
    /// [`SUPPRESSED`](crate::SUPPRESSED) (see [`audit`]); every key must have been declared.
    /// Cells published earlier count as they were published, whatever `suppressed` says.
    pub fn audit(
        &self,
        rule: &SuppressionRule,
        suppressed: &HashSet<K>,
    ) -> Result<Vec<(K, Exposure)>, DisclosureError> {
        let mut hidden = vec![false; self.grid.len()];
        for key in suppressed {
            hidden[self.require(key)?] = true;
        }
        Ok(audit(rule, &self.grid, &hidden)?
            .into_iter()
            .filter_map(|e| self.key(e.interval.cell).map(|k| (k.clone(), e)))
            .collect())
    }

    /// [`LinkedTables::audit`] as a refusal naming every exposed cell by its key.
    pub fn ensure_protected(
        &self,
        rule: &SuppressionRule,
        suppressed: &HashSet<K>,
    ) -> Result<(), DisclosureError> {
        let exposed: Vec<Exposure> = self
            .audit(rule, suppressed)?
            .into_iter()
            .map(|(_, e)| e)
            .collect();
        refuse(rule, &exposed, |cell| match self.key(cell) {
            Some(k) => format!("{k:?}"),
            None => format!("cell {cell}"),
        })
    }

    fn require(&self, key: &K) -> Result<usize, DisclosureError> {
        self.index(key)
            .ok_or_else(|| DisclosureError::UnknownKey(format!("{key:?}")))
    }

    fn declare(&mut self, key: K, value: i64) -> Result<usize, DisclosureError> {
        if let Some(&cell) = self.index.get(&key) {
            let first = self.grid.value(cell);
            if first != value {
                return Err(DisclosureError::CellMismatch {
                    key: format!("{key:?}"),
                    first,
                    second: value,
                });
            }
            return Ok(cell);
        }
        let cell = self.grid.cell(value);
        self.index.insert(key.clone(), cell);
        self.keys.push(key);
        Ok(cell)
    }

    fn sum_cell(&mut self, key: K, parts: &[K]) -> Result<usize, DisclosureError> {
        let cells = parts
            .iter()
            .map(|k| self.require(k))
            .collect::<Result<Vec<_>, _>>()?;
        let sum: i64 = cells.iter().map(|&c| self.grid.value(c)).sum();
        let total = self.declare(key.clone(), sum)?;
        self.relate(&key, parts)?;
        Ok(total)
    }
}

/// Which cells of linked tables to show, looked up by key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkedProtection<K: Eq + Hash> {
    protection: Protection,
    index: HashMap<K, usize>,
}

impl<K: Eq + Hash + Clone + Debug> LinkedProtection<K> {
    /// The status of a declared cell.
    pub fn status(&self, key: &K) -> Result<CellStatus, DisclosureError> {
        Ok(self.protection.status(self.require(key)?))
    }

    pub fn is_suppressed(&self, key: &K) -> Result<bool, DisclosureError> {
        Ok(self.protection.is_suppressed(self.require(key)?))
    }

    /// The cell as published: its formatted value, or [`SUPPRESSED`](crate::SUPPRESSED).
    pub fn show(
        &self,
        key: &K,
        formatted: impl FnOnce() -> String,
    ) -> Result<String, DisclosureError> {
        Ok(self.protection.show(self.require(key)?, formatted))
    }

    /// The keys published as [`SUPPRESSED`](crate::SUPPRESSED) (not the unpublished ones), for [`LinkedTables::audit`].
    pub fn suppressed_keys(&self) -> HashSet<K> {
        self.index
            .iter()
            .filter(|(_, &c)| {
                matches!(
                    self.protection.status(c),
                    CellStatus::Primary | CellStatus::Secondary
                )
            })
            .map(|(k, _)| k.clone())
            .collect()
    }

    /// The protection of the combined grid, by cell index.
    pub fn protection(&self) -> &Protection {
        &self.protection
    }

    fn require(&self, key: &K) -> Result<usize, DisclosureError> {
        self.index
            .get(key)
            .copied()
            .ok_or_else(|| DisclosureError::UnknownKey(format!("{key:?}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    type Key = (&'static str, &'static str);

    #[test]
    fn a_shared_key_is_one_cell_and_must_agree() {
        let mut t: LinkedTables<Key> = LinkedTables::new();
        let a = t.cell(("national", "cjs"), 24).unwrap();
        assert_eq!(t.cell(("national", "cjs"), 24).unwrap(), a);
        assert_eq!(
            t.cell(("national", "cjs"), 25),
            Err(DisclosureError::CellMismatch {
                key: "(\"national\", \"cjs\")".into(),
                first: 24,
                second: 25
            })
        );
        assert_eq!(
            t.relate(&("national", "cjs"), &[("group", "x")]),
            Err(DisclosureError::UnknownKey("(\"group\", \"x\")".into()))
        );
        assert_eq!(t.grid().len(), 1);
    }

    #[test]
    fn a_total_declared_by_two_tables_relates_once() {
        let mut t: LinkedTables<&str> = LinkedTables::new();
        t.cell("a", 3).unwrap();
        t.cell("b", 9).unwrap();
        t.total_of("all", &["a", "b"]).unwrap();
        t.total_of("all", &["b", "a"]).unwrap();
        assert_eq!(t.grid().constraints().len(), 1);
        assert!(matches!(
            t.relate(&"a", &["b"]),
            Err(DisclosureError::RelationDoesNotAdd { .. })
        ));
    }

    #[test]
    fn an_unpublished_total_becomes_published_when_a_table_prints_it() {
        let mut t: LinkedTables<&str> = LinkedTables::new();
        t.cell("new", 30).unwrap();
        t.cell("existing", 12).unwrap();
        let engaged = t
            .unpublished_total_of("engaged", &["new", "existing"])
            .unwrap();
        assert!(t.grid().is_unpublished(engaged));
        t.cell("engaged", 42).unwrap();
        assert!(!t.grid().is_unpublished(engaged));
    }

    #[test]
    fn national_and_by_group_tables_are_protected_together() {
        // National by category: cjs 24, health 40, total 64. By group, cjs: 22, 1, 0, 0, 1 and
        // health: 10, 9, 11, 5, 5; each group's total. Alone, the by-group table hides the two 1s
        // and complements within it; the national cjs figure (24 = 22 + hidden + 0 + 0 + hidden)
        // says the two hidden cells add to 2, so each is exactly 1, unless protected together.
        let groups = ["g1", "g2", "g3", "g4", "g5"];
        let cjs = [22, 1, 0, 0, 1];
        let health = [10, 9, 11, 5, 5];
        let mut t: LinkedTables<(&str, &str)> = LinkedTables::new();
        for (g, (&c, &h)) in groups.iter().zip(cjs.iter().zip(&health)) {
            t.cell(("cjs", g), c).unwrap();
            t.cell(("health", g), h).unwrap();
            t.total_of(("all", g), &[("cjs", g), ("health", g)])
                .unwrap();
        }
        let by = |cat: &'static str| groups.iter().map(|g| (cat, *g)).collect::<Vec<_>>();
        t.total_of(("cjs", "national"), &by("cjs")).unwrap();
        t.total_of(("health", "national"), &by("health")).unwrap();
        t.total_of(("all", "national"), &by("all")).unwrap();
        t.relate(
            &("all", "national"),
            &[("cjs", "national"), ("health", "national")],
        )
        .unwrap();
        let rule = SuppressionRule::default();
        // Hiding only the two small counts and a complement in each group column leaves the
        // national cjs row exposing them.
        let naive: HashSet<(&str, &str)> = [
            ("cjs", "g2"),
            ("cjs", "g5"),
            ("health", "g2"),
            ("health", "g5"),
        ]
        .into_iter()
        .collect();
        let exposed = t.audit(&rule, &naive).unwrap();
        assert!(exposed
            .iter()
            .any(|(k, e)| *k == ("cjs", "g2") && e.interval.is_exact()));
        assert!(t.ensure_protected(&rule, &naive).is_err());
        let p = t.protect(&rule).unwrap();
        assert_eq!(p.status(&("cjs", "g2")).unwrap(), CellStatus::Primary);
        assert_eq!(p.show(&("cjs", "g3"), || "0".into()).unwrap(), "0");
        assert!(p.status(&("nope", "x")).is_err());
        assert!(t.audit(&rule, &p.suppressed_keys()).unwrap().is_empty());
    }

    #[test]
    fn coverings_are_checked_and_declared_once() {
        let mut t: LinkedTables<&str> = LinkedTables::new();
        t.cell("national", 24).unwrap();
        t.cell("north", 22).unwrap();
        t.cell("south", 3).unwrap();
        t.covered_by(&"national", &["north", "south"]).unwrap();
        t.covered_by(&"national", &["south", "north"]).unwrap();
        assert_eq!(t.grid().coverings().len(), 1);
        // A sum over the same cells is a different relation.
        assert!(t.relate(&"national", &["north", "south"]).is_err());
        assert!(matches!(
            t.covered_by(&"south", &["north"]),
            Err(DisclosureError::NotCovered { .. })
        ));
    }

    #[test]
    fn cells_published_earlier_link_by_key_and_keep_their_status() {
        // Version 1: 10 = a 3 [c] + b 7 [c]. Version 2 adds c 5 beside the unchanged a and b:
        // 15 = a + b + c is new, and a and b are the same cells as before.
        let mut t: LinkedTables<&str> = LinkedTables::new();
        let a = t.published_earlier("a", 3, false).unwrap();
        t.published_earlier("b", 7, false).unwrap();
        t.published_earlier("v1 total", 10, true).unwrap();
        t.relate(&"v1 total", &["a", "b"]).unwrap();
        assert_eq!(t.cell("a", 3).unwrap(), a);
        assert_eq!(t.grid().fixed(a), Some(Fixed::Hidden));
        t.cell("c", 5).unwrap();
        t.total_of("v2 total", &["a", "b", "c"]).unwrap();
        assert_eq!(
            t.published_earlier("a", 3, true),
            Err(DisclosureError::FixedConflict("\"a\"".into()))
        );
        assert!(matches!(
            t.published_earlier("b", 8, false),
            Err(DisclosureError::CellMismatch { .. })
        ));
        let rule = SuppressionRule::default();
        let p = t.protect(&rule).unwrap();
        assert_eq!(p.status(&"a").unwrap(), CellStatus::Primary);
        assert_eq!(p.status(&"b").unwrap(), CellStatus::Secondary);
        assert_eq!(p.status(&"v1 total").unwrap(), CellStatus::Shown);
        // 15 − 10 gives c away unless a complement is hidden: the new total is the only free
        // cell left, as c (5) is no small count but must not be exact once hidden.
        assert!(t.audit(&rule, &p.suppressed_keys()).unwrap().is_empty());
    }
}
