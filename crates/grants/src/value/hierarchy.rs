//! The levels a value table has — the police force areas holding anything, their regions and
//! England and Wales — and the protection of an amount at every level under the dominance rule.

use crate::error::GrantsError;
use frontline_disclosure::CellProtector;
use frontline_disclosure::{protect_magnitudes, DominanceRule, Fixed, Grid, KeyedGrid};
use frontline_provision::money::RELATIVE_LEVEL;
use std::collections::BTreeMap;

/// A police force area as the tables name it: code, name and its region.
pub type PfaInRegion<'a> = (&'a str, &'a str, &'a str);

/// The rows of a table: areas (in region then name order), then regions, then England and Wales.
#[derive(Debug, Clone)]
pub struct Hierarchy {
    /// (code, name, region index).
    pub areas: Vec<(String, String, usize)>,
    pub regions: Vec<String>,
}

/// A level of the hierarchy: an area, a region or the nation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Area(usize),
    Region(usize),
    Nation,
}

impl Hierarchy {
    /// The areas of `all` that `holding` names, with their regions, in `regions` order.
    pub fn of(all: &[PfaInRegion], regions: &[&str], holding: &[&str]) -> Self {
        let mut areas: Vec<(String, String, usize)> = Vec::new();
        let mut used: Vec<String> = Vec::new();
        for region in regions {
            let mut here: Vec<&PfaInRegion> = all
                .iter()
                .filter(|(code, _, r)| r == region && holding.contains(code))
                .collect();
            if here.is_empty() {
                continue;
            }
            here.sort_by_key(|(_, name, _)| *name);
            used.push(region.to_string());
            for (code, name, _) in here {
                areas.push((code.to_string(), name.to_string(), used.len() - 1));
            }
        }
        Self {
            areas,
            regions: used,
        }
    }

    /// Every level, in table order.
    pub fn levels(&self) -> Vec<Level> {
        (0..self.areas.len())
            .map(Level::Area)
            .chain((0..self.regions.len()).map(Level::Region))
            .chain([Level::Nation])
            .collect()
    }

    pub fn area_index(&self, code: &str) -> Option<usize> {
        self.areas.iter().position(|(c, ..)| c == code)
    }

    /// Whether area `a` is within `level`.
    pub fn contains(&self, level: Level, a: usize) -> bool {
        match level {
            Level::Area(i) => i == a,
            Level::Region(r) => self.areas.get(a).is_some_and(|(.., ar)| *ar == r),
            Level::Nation => true,
        }
    }

    /// The first three cells of a level's row: area code, name, region.
    pub fn label(&self, level: Level) -> [String; 3] {
        match level {
            Level::Area(i) => {
                let (code, name, r) = &self.areas[i];
                [code.clone(), name.clone(), self.regions[*r].clone()]
            }
            Level::Region(r) => [
                String::new(),
                format!("{} (all areas)", self.regions[r]),
                self.regions[r].clone(),
            ],
            Level::Nation => [String::new(), "England and Wales".into(), "Total".into()],
        }
    }

    /// A grid of one value per level: areas, each region the total of its areas, the nation
    /// the total of the regions. Cell `i` is level `i` of [`Hierarchy::levels`].
    fn grid(&self, by_area: &[i64]) -> Grid {
        let mut grid = Grid::new();
        let areas: Vec<usize> = by_area.iter().map(|v| grid.cell(*v)).collect();
        let regions: Vec<usize> = (0..self.regions.len())
            .map(|r| {
                let parts: Vec<usize> = self
                    .areas
                    .iter()
                    .enumerate()
                    .filter(|(_, (.., ar))| *ar == r)
                    .map(|(i, _)| areas[i])
                    .collect();
                grid.total_of(&parts)
            })
            .collect();
        grid.total_of(&regions);
        grid
    }

    /// Which levels' amounts are hidden: those one organisation makes up more than 85% of (or
    /// that come from one alone), and the further ones that keep them from being narrowed to
    /// within 10%; `forced` levels are hidden whatever their amount. `contributions` are
    /// (area index, organisation, pence).
    pub fn protect_money(
        &self,
        contributions: &[(usize, String, i64)],
        forced: &[bool],
    ) -> Result<Vec<bool>, GrantsError> {
        let rule = DominanceRule::new(1, 85).map_err(disclosure)?;
        let mut by_area = vec![0; self.areas.len()];
        for (a, _, pence) in contributions {
            if let Some(v) = by_area.get_mut(*a) {
                *v += pence;
            }
        }
        let mut grid = self.grid(&by_area);
        let levels = self.levels();
        let mut sensitive = Vec::with_capacity(levels.len());
        for (cell, level) in levels.iter().enumerate() {
            let mut by_organisation: BTreeMap<&str, i64> = BTreeMap::new();
            for (a, organisation, pence) in contributions {
                if self.contains(*level, *a) && *pence > 0 {
                    *by_organisation.entry(organisation).or_insert(0) += pence;
                }
            }
            let amounts: Vec<i64> = by_organisation.into_values().collect();
            sensitive.push(rule.is_sensitive(&amounts));
            if forced.get(cell).copied().unwrap_or(false) {
                grid.fix(cell, Fixed::Hidden).map_err(disclosure)?;
            }
        }
        let protection =
            protect_magnitudes(&grid, &sensitive, RELATIVE_LEVEL).map_err(disclosure)?;
        Ok(protection.suppressed())
    }

    /// Which levels' counts of people are hidden under the cycle's rule (as `protector` applies
    /// it to the table family `family`); `column` names the cells.
    pub fn protect_people(
        &self,
        by_area: &[i64],
        protector: &dyn CellProtector,
        family: &str,
        column: &str,
    ) -> Result<Vec<bool>, GrantsError> {
        let mut g = KeyedGrid::new();
        let areas: Vec<usize> = self
            .areas
            .iter()
            .zip(by_area)
            .map(|((code, ..), v)| g.cell(format!("{family}/{code}/{column}"), *v))
            .collect();
        let regions: Vec<usize> = self
            .regions
            .iter()
            .enumerate()
            .map(|(r, name)| {
                let parts: Vec<usize> = self
                    .areas
                    .iter()
                    .enumerate()
                    .filter(|(_, (.., ar))| *ar == r)
                    .map(|(i, _)| areas[i])
                    .collect();
                g.total_of(format!("{family}/{name}/{column}"), &parts)
            })
            .collect();
        g.total_of(format!("{family}/England and Wales/{column}"), &regions);
        Ok(g.protect(protector, family)
            .map_err(disclosure)?
            .suppressed())
    }
}

fn disclosure(e: frontline_disclosure::DisclosureError) -> GrantsError {
    GrantsError::Disclosure(e.to_string())
}
