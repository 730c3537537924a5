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
//! - an area's (or region's) amounts by funder type add up to its annual funding, which the
//!   by-and-for table shows, and its by-and-for funding is part of that;
//! - a stream counts in every region and area its service works in, so a region's amount is at
//!   least each of its areas' and at most their sum, and likewise England and Wales and the
//!   regions (these coverings are declared wherever every stream is placed).
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

/// The grid of every amount, with which cells are sensitive.
struct MoneyGrid {
    grid: Grid,
    sensitive: Vec<bool>,
}

impl MoneyGrid {
    fn cell(&mut self, value: i64, sensitive: bool) -> usize {
        self.sensitive.push(sensitive);
        self.grid.cell(value)
    }

    /// A level's cells: amounts by funder type (contributors: services), their total and the
    /// by-and-for part of it (contributors: streams), and the rest, which is not published.
    fn level(
        &mut self,
        here: &[&PlacedStream],
        rule: &DominanceRule,
    ) -> Result<Level, ProvisionError> {
        let mut mix = Vec::new();
        let mut streams = Vec::new();
        for funder in FunderType::ALL {
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
            mix.push(self.cell(value, rule.is_sensitive(&contributions)));
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
        let rest = self.cell(self.grid.value(total) - bf_value, false);
        self.grid.mark_unpublished(rest);
        self.grid.relate(total, &[by_and_for, rest])?;
        Ok(Level {
            mix,
            streams,
            total,
            by_and_for,
        })
    }

    /// Declares that `whole`'s cells are covered by `parts`' (funder type by funder type, the
    /// total and the by-and-for part), wherever the values show every stream placed in a part.
    fn cover(&mut self, whole: &Level, parts: &[&Level]) -> Result<(), ProvisionError> {
        let pairs = whole
            .mix
            .iter()
            .enumerate()
            .map(|(f, &cell)| (cell, parts.iter().map(|p| p.mix[f]).collect::<Vec<_>>()))
            .chain([
                (whole.total, parts.iter().map(|p| p.total).collect()),
                (
                    whole.by_and_for,
                    parts.iter().map(|p| p.by_and_for).collect(),
                ),
            ]);
        for (total, cells) in pairs.collect::<Vec<_>>() {
            let value = self.grid.value(total);
            let values: Vec<i64> = cells.iter().map(|&c| self.grid.value(c)).collect();
            let holds = values.iter().all(|&v| v <= value) && values.iter().sum::<i64>() >= value;
            if holds && !cells.is_empty() {
                self.grid.covered_by(total, &cells)?;
            }
        }
        Ok(())
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
    };
    m.grid.set_zeros_shown(false);
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
    m.cover(&national, &region_levels.iter().collect::<Vec<_>>())?;
    for (region, level) in regions.iter().zip(&region_levels) {
        let inside: Vec<&Level> = pfas
            .iter()
            .zip(&area_levels)
            .filter(|((_, _, r), _)| r == region)
            .map(|(_, l)| l)
            .collect();
        m.cover(level, &inside)?;
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
