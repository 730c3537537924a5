//! The funding tables of money — annual funding by funder type and the part going to
//! by-and-for services, by region (with England and Wales) and by police force area —
//! protected together, since each publishes totals the others break down.
//!
//! # The rule
//!
//! An amount is sensitive under the `(1, 85%)` [`DominanceRule`]: one contributor makes up
//! more than 85% of it, or it comes from one contributor alone, so that publishing it would
//! publish one organisation's funding under the name of an area or a funder type. In the
//! tables by funder type the contributor is the funded service (its streams of that type
//! together); in the by-and-for tables it is the funding stream. Sensitive amounts are shown
//! as [`SUPPRESSED`], then further amounts are hidden
//! ([`frontline_disclosure::protect_magnitudes`]) until none can be worked out to within
//! [`RELATIVE_LEVEL`] (±10%) of its value from what is published beside it:
//!
//! - every amount is the sum of the services' funding it holds (a service's streams of one
//!   funder type together), and a reader who knows which services work where — the directory
//!   says, and stream counts are published — knows which: a region's amount is its services',
//!   not its areas' added up, so no difference of areas and regions isolates a service either.
//!   Each service's funding of each type is an unpublished cell, sensitive, and protected
//!   like a published one;
//! - an area's (or region's) amounts by funder type add up to its annual funding, which the
//!   by-and-for table shows, and its by-and-for funding is its by-and-for services' funding.
//!
//! Percentages of annual funding are shown only where the amount and the annual funding they
//! come from are both shown. Streams are counted, never hidden: how many grants an area has is
//! not an amount.

use crate::terms::PlacedStream;
use crate::vocabulary::FunderType;
use crate::ProvisionError;
use frontline_disclosure::{
    audit_magnitudes, protect_magnitudes, DominanceRule, Grid, MagnitudeExposure, Protection,
    SUPPRESSED,
};
use frontline_geo::tables::{percent, share_pct, Table};
use std::collections::BTreeMap;
use survey_engine::money::pounds;

/// How close to its value a hidden sensitive amount may be narrowed: not within ±10%.
pub const RELATIVE_LEVEL: f64 = 0.10;

/// The England and Wales row's label.
const NATIONAL: &str = "England and Wales";

/// A police force area as the tables of money name it: code, name and its region.
pub type PfaInRegion<'a> = (&'a str, &'a str, &'a str);

/// The four tables of money, protected as one problem.
#[derive(Debug, Clone)]
pub struct MoneyTables {
    /// `region,funder_type,streams,annual_funding,pct_of_funding`.
    pub mix: Table,
    /// `pfa_code,pfa,funder_type,streams,annual_funding,pct_of_funding`.
    pub mix_by_pfa: Table,
    /// `region,annual_funding,by_and_for_funding,by_and_for_pct`.
    pub by_and_for: Table,
    /// `pfa_code,pfa,annual_funding,by_and_for_funding,by_and_for_pct`.
    pub by_and_for_by_pfa: Table,
}

impl MoneyTables {
    /// The area's rows of the funding mix by police force area, without the area's code and
    /// name: `funder_type,streams,annual_funding,pct_of_funding`, exactly as published.
    pub fn area_mix(&self, code: &str) -> Vec<Vec<String>> {
        self.mix_by_pfa
            .rows
            .iter()
            .filter(|r| r.first().is_some_and(|c| c == code))
            .map(|r| r.iter().skip(2).cloned().collect())
            .collect()
    }

    /// The area's annual funding as published (an amount, or [`SUPPRESSED`]).
    pub fn area_total(&self, code: &str) -> Option<&str> {
        self.by_and_for_by_pfa.cell(code, "annual_funding")
    }
}

/// The rule in words, for the tables' notes.
pub fn describe_rule() -> String {
    format!(
        "Amounts are shown as {SUPPRESSED} where one contributor makes up more than 85% of them or they come from one alone (by funder type, a funded service; for by-and-for funding, a funding stream): publishing them would publish one organisation's funding under another name. Further amounts are hidden until none of them can be worked out to within {}% from the totals published with them, and percentages of hidden amounts are hidden too.",
        (RELATIVE_LEVEL * 100.0).round()
    )
}

/// One row of the grid: a level (a region, England and Wales, or an area) and its cells.
struct Level {
    /// Amount by funder type, in [`FunderType::ALL`] order.
    mix: Vec<usize>,
    /// Streams by funder type.
    streams: Vec<usize>,
    total: usize,
    by_and_for: usize,
}

/// The funding of one funder type of the services placed alike (the same regions and areas,
/// by-and-for or not): the unit every published amount adds up. A reader who knows which
/// services work where (the directory says) knows which of these each amount holds, but cannot
/// tell apart services placed alike, so each is an unpublished cell, sensitive under the
/// dominance rule over its services, and protected from differences as a published one would
/// be.
struct Atom {
    funder: usize,
    by_and_for: bool,
    regions: Vec<String>,
    areas: Vec<String>,
    cell: usize,
}

impl Atom {
    /// Whether the atom's streams are among `here` (streams placed alike are in the same
    /// levels).
    fn in_level(&self, here: &[&PlacedStream]) -> bool {
        here.iter().any(|p| {
            p.by_and_for == self.by_and_for && p.regions == self.regions && p.areas == self.areas
        })
    }
}

/// The grid of every amount, with which cells are sensitive.
struct MoneyGrid {
    grid: Grid,
    sensitive: Vec<bool>,
    atoms: Vec<Atom>,
}

impl MoneyGrid {
    fn cell(&mut self, value: i64, sensitive: bool) -> usize {
        self.sensitive.push(sensitive);
        self.grid.cell(value)
    }

    /// The funding by funder type of the services placed alike, as unpublished cells,
    /// sensitive where one service dominates.
    fn atoms(&mut self, streams: &[PlacedStream], rule: &DominanceRule) {
        type Key<'a> = (usize, bool, &'a [String], &'a [String]);
        let mut groups: BTreeMap<Key, BTreeMap<&str, i64>> = BTreeMap::new();
        for p in streams {
            let Some(funder) = FunderType::ALL
                .iter()
                .position(|f| *f == p.stream.funder_type)
            else {
                continue;
            };
            let key = (
                funder,
                p.by_and_for,
                p.regions.as_slice(),
                p.areas.as_slice(),
            );
            *groups
                .entry(key)
                .or_default()
                .entry(p.stream.service.as_str())
                .or_default() += p.stream.annual_pence;
        }
        for ((funder, by_and_for, regions, areas), services) in groups {
            let contributions: Vec<i64> = services.into_values().collect();
            let cell = self.cell(
                contributions.iter().sum(),
                rule.is_sensitive(&contributions),
            );
            self.grid.mark_unpublished(cell);
            self.atoms.push(Atom {
                funder,
                by_and_for,
                regions: regions.to_vec(),
                areas: areas.to_vec(),
                cell,
            });
        }
    }

    /// A level's cells: amounts by funder type (contributors: services), their total and the
    /// by-and-for part of it (contributors: streams), each the sum of the services' funding it
    /// holds.
    fn level(
        &mut self,
        here: &[&PlacedStream],
        rule: &DominanceRule,
    ) -> Result<Level, ProvisionError> {
        let mut mix = Vec::new();
        let mut streams = Vec::new();
        for (f, funder) in FunderType::ALL.iter().enumerate() {
            let theirs: Vec<&&PlacedStream> = here
                .iter()
                .filter(|p| p.stream.funder_type == *funder)
                .collect();
            let mut by_service: BTreeMap<&str, i64> = BTreeMap::new();
            for p in &theirs {
                *by_service.entry(p.stream.service.as_str()).or_default() += p.stream.annual_pence;
            }
            let contributions: Vec<i64> = by_service.into_values().collect();
            let value = contributions.iter().sum();
            let cell = self.cell(value, rule.is_sensitive(&contributions));
            let parts = self.atoms_where(|a| a.funder == f && a.in_level(here));
            self.relate_to_atoms(cell, &parts)?;
            mix.push(cell);
            streams.push(theirs.len());
        }
        let amounts: Vec<i64> = here.iter().map(|p| p.stream.annual_pence).collect();
        let total = self.grid.total_of(&mix);
        self.sensitive.push(rule.is_sensitive(&amounts));
        let theirs: Vec<i64> = here
            .iter()
            .filter(|p| p.by_and_for)
            .map(|p| p.stream.annual_pence)
            .collect();
        let bf_value: i64 = theirs.iter().sum();
        let by_and_for = self.cell(bf_value, rule.is_sensitive(&theirs));
        let parts = self.atoms_where(|a| a.by_and_for && a.in_level(here));
        self.relate_to_atoms(by_and_for, &parts)?;
        Ok(Level {
            mix,
            streams,
            total,
            by_and_for,
        })
    }

    /// Declares a published amount the sum of the atoms it holds. An amount that is one atom
    /// is that atom, with the same contributors: the amount alone carries its sensitivity, so
    /// the protection does not check the same interval twice.
    fn relate_to_atoms(&mut self, amount: usize, atoms: &[usize]) -> Result<(), ProvisionError> {
        if let [only] = atoms {
            if let Some(flag) = self.sensitive.get_mut(*only) {
                *flag = false;
            }
        }
        if !atoms.is_empty() {
            self.grid.relate(amount, atoms)?;
        }
        Ok(())
    }

    fn atoms_where(&self, keep: impl Fn(&Atom) -> bool) -> Vec<usize> {
        self.atoms
            .iter()
            .filter(|a| keep(a))
            .map(|a| a.cell)
            .collect()
    }
}

/// Every level's cells: the regions', England and Wales', then the areas'.
struct Levels {
    money: MoneyGrid,
    regions: Vec<Level>,
    national: Level,
    areas: Vec<Level>,
}

/// The grid of every amount in the four tables, with its relations and sensitive cells.
fn levels(
    streams: &[PlacedStream],
    regions: &[&str],
    pfas: &[PfaInRegion],
) -> Result<Levels, ProvisionError> {
    let rule = DominanceRule::default();
    let mut m = MoneyGrid {
        grid: Grid::new(),
        sensitive: Vec::new(),
        atoms: Vec::new(),
    };
    m.grid.set_zeros_shown(false);
    m.atoms(streams, &rule);
    let mut region_levels = Vec::new();
    for region in regions {
        let here: Vec<&PlacedStream> = streams
            .iter()
            .filter(|p| p.regions.iter().any(|r| r == region))
            .collect();
        region_levels.push(m.level(&here, &rule)?);
    }
    let all: Vec<&PlacedStream> = streams.iter().collect();
    let national = m.level(&all, &rule)?;
    let mut area_levels = Vec::new();
    for (code, _, _) in pfas {
        let here: Vec<&PlacedStream> = streams
            .iter()
            .filter(|p| p.areas.iter().any(|a| a == code))
            .collect();
        area_levels.push(m.level(&here, &rule)?);
    }
    Ok(Levels {
        money: m,
        regions: region_levels,
        national,
        areas: area_levels,
    })
}

/// The sensitive amounts the published tables would leave exposed (shown, or narrowed to
/// within [`RELATIVE_LEVEL`] of their value): none, unless nothing left to hide could protect
/// them. For a release's checks and for tests.
pub fn exposed_amounts(
    streams: &[PlacedStream],
    regions: &[&str],
    pfas: &[PfaInRegion],
) -> Result<Vec<MagnitudeExposure>, ProvisionError> {
    let Levels { money, .. } = levels(streams, regions, pfas)?;
    let shown = protect_magnitudes(&money.grid, &money.sensitive, RELATIVE_LEVEL)?;
    Ok(audit_magnitudes(
        &money.grid,
        &money.sensitive,
        &shown.suppressed(),
        RELATIVE_LEVEL,
    )?)
}

/// The funding mix and by-and-for tables, by region (`regions`, then England and Wales) and by
/// police force area (`pfas`, in order), their amounts protected together (see the module
/// documentation).
pub fn money_tables(
    streams: &[PlacedStream],
    regions: &[&str],
    pfas: &[PfaInRegion],
) -> Result<MoneyTables, ProvisionError> {
    let Levels {
        money: m,
        regions: region_levels,
        national,
        areas: area_levels,
    } = levels(streams, regions, pfas)?;
    let shown = protect_magnitudes(&m.grid, &m.sensitive, RELATIVE_LEVEL)?;
    let print = Printer {
        grid: &m.grid,
        shown: &shown,
    };

    let rule_note = describe_rule();
    let mut mix = Table::new(
        "funding-mix",
        "Annual funding by funder type",
        &["region", "funder_type", "streams", "annual_funding", "pct_of_funding"],
    )
    .with_note(&format!("Annual amounts as given for each stream, in pounds; a stream counts in every region its service works in, and once for England and Wales. {rule_note}"))
    .keyed_by(2);
    let labels = regions.iter().copied().chain([NATIONAL]);
    for (label, level) in labels.zip(region_levels.iter().chain([&national])) {
        for row in print.mix_rows(&[label.to_string()], level) {
            mix.push(row);
        }
    }
    let mut mix_by_pfa = Table::new(
        "funding-mix-by-pfa",
        "Annual funding by funder type and police force area",
        &["pfa_code", "pfa", "funder_type", "streams", "annual_funding", "pct_of_funding"],
    )
    .with_note(&format!("Annual amounts as given for each stream, in pounds; a stream counts in every area its service works in. {rule_note}"))
    .keyed_by(3);
    for ((code, name, _), level) in pfas.iter().zip(&area_levels) {
        for row in print.mix_rows(&[code.to_string(), name.to_string()], level) {
            mix_by_pfa.push(row);
        }
    }

    const BY_AND_FOR_NOTE: &str = "Annual amounts as given for each stream, in pounds. By-and-for: streams funding a service led by and for a community (Black and minoritised, LGBT+, Deaf and disabled, men and boys, other), as its profile says.";
    let mut by_and_for = Table::new(
        "funding-by-and-for",
        "Annual funding going to by-and-for services",
        &["region", "annual_funding", "by_and_for_funding", "by_and_for_pct"],
    )
    .with_note(&format!("{BY_AND_FOR_NOTE} A stream counts in every region its service works in, and once for England and Wales. {rule_note}"));
    let labels = regions.iter().copied().chain([NATIONAL]);
    for (label, level) in labels.zip(region_levels.iter().chain([&national])) {
        let mut row = vec![label.to_string()];
        row.extend(print.by_and_for_cells(level));
        by_and_for.push(row);
    }
    let mut by_and_for_by_pfa = Table::new(
        "funding-by-and-for-by-pfa",
        "Annual funding going to by-and-for services, by police force area",
        &[
            "pfa_code",
            "pfa",
            "annual_funding",
            "by_and_for_funding",
            "by_and_for_pct",
        ],
    )
    .with_note(&format!(
        "{BY_AND_FOR_NOTE} A stream counts in every area its service works in. {rule_note}"
    ));
    for ((code, name, _), level) in pfas.iter().zip(&area_levels) {
        let mut row = vec![code.to_string(), name.to_string()];
        row.extend(print.by_and_for_cells(level));
        by_and_for_by_pfa.push(row);
    }
    Ok(MoneyTables {
        mix,
        mix_by_pfa,
        by_and_for,
        by_and_for_by_pfa,
    })
}

/// Writes protected cells as published.
struct Printer<'a> {
    grid: &'a Grid,
    shown: &'a Protection,
}

impl Printer<'_> {
    fn pounds(&self, cell: usize) -> String {
        self.shown.show(cell, || pounds(self.grid.value(cell)))
    }

    /// `part` as a percentage of `whole`, hidden when either is.
    fn pct(&self, part: usize, whole: usize) -> String {
        self.shown.show_derived(&[part, whole], || {
            percent(share_pct(
                self.grid.value(part) as f64,
                self.grid.value(whole) as f64,
            ))
        })
    }

    fn mix_rows(&self, key: &[String], level: &Level) -> Vec<Vec<String>> {
        FunderType::ALL
            .iter()
            .enumerate()
            .map(|(f, funder)| {
                let mut row = key.to_vec();
                row.extend([
                    funder.label().to_string(),
                    level.streams[f].to_string(),
                    self.pounds(level.mix[f]),
                    self.pct(level.mix[f], level.total),
                ]);
                row
            })
            .collect()
    }

    fn by_and_for_cells(&self, level: &Level) -> Vec<String> {
        vec![
            self.pounds(level.total),
            self.pounds(level.by_and_for),
            self.pct(level.by_and_for, level.total),
        ]
    }
}
