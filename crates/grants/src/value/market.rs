//! The market of providers: how big they are (annual income bands) and how much of their
//! funding comes from their largest funder, by region and for England and Wales. Each provider
//! (an organisation) counts once, in the region of its first service. These are counts of
//! organisations in bands, not amounts: a charity's income and its funders are public in its
//! accounts, and no amount of anyone's is published here.

use frontline_geo::tables::Table;
use std::collections::BTreeMap;

/// A provider and the funding the register holds for it this cycle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Provider {
    pub region: String,
    /// Each stream's funder (as named) and annual amount.
    pub streams: Vec<(String, i64)>,
}

impl Provider {
    pub fn annual_pence(&self) -> i64 {
        self.streams.iter().map(|(_, p)| p).sum()
    }

    /// The share of its funding from its largest funder (funders told apart by name, ignoring
    /// case and spacing); none when it has no funding.
    pub fn largest_funder_pct(&self) -> Option<f64> {
        let total = self.annual_pence();
        if total <= 0 {
            return None;
        }
        let mut by_funder: BTreeMap<String, i64> = BTreeMap::new();
        for (funder, pence) in &self.streams {
            let key = funder
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase();
            *by_funder.entry(key).or_insert(0) += pence;
        }
        let largest = by_funder.values().copied().max().unwrap_or(0);
        Some(100.0 * largest as f64 / total as f64)
    }
}

pub const INCOME_COLUMNS: [&str; 7] = [
    "region",
    "providers",
    "income_under_100k",
    "income_100k_to_500k",
    "income_500k_to_1m",
    "income_1m_to_5m",
    "income_5m_or_more",
];

/// Income band upper bounds in pence (the last band has none).
const INCOME_BANDS: [i64; 4] = [
    100_000 * 100,
    500_000 * 100,
    1_000_000 * 100,
    5_000_000 * 100,
];

pub const DEPENDENCY_COLUMNS: [&str; 6] = [
    "region",
    "providers",
    "largest_funder_under_50pct",
    "largest_funder_50_to_75pct",
    "largest_funder_75_to_90pct",
    "largest_funder_90pct_or_more",
];

/// Share band lower bounds, in per cent.
const DEPENDENCY_BANDS: [f64; 3] = [50.0, 75.0, 90.0];

/// One row per region with providers, then England and Wales: providers, then how many fall in
/// each band `band` puts them in (none leaves a provider out of the bands).
fn by_region(
    regions: &[&str],
    providers: &[Provider],
    bands: usize,
    band: impl Fn(&Provider) -> Option<usize>,
    table: &mut Table,
) {
    let row = |label: &str, here: &[&Provider]| -> Vec<String> {
        let mut counts = vec![0usize; bands];
        for p in here {
            if let Some(b) = band(p) {
                counts[b] += 1;
            }
        }
        let mut row = vec![label.to_string(), here.len().to_string()];
        row.extend(counts.iter().map(ToString::to_string));
        row
    };
    for region in regions {
        let here: Vec<&Provider> = providers.iter().filter(|p| p.region == *region).collect();
        if !here.is_empty() {
            table.push(row(region, &here));
        }
    }
    let all: Vec<&Provider> = providers.iter().collect();
    table.push(row("Total", &all));
}

/// `providers-by-income`: providers by annual income band (the funding the register holds for
/// them), a sign of how much of the market small and specialist providers hold.
pub fn providers_by_income(regions: &[&str], providers: &[Provider]) -> Table {
    let mut table = Table::new("providers-by-income", "Providers by annual income", &INCOME_COLUMNS)
        .with_note("Each provider (an organisation) counts once, in the region of its first service. Income is the annual funding the cycle's funding register holds for it: what commissioners and funders report, not its whole accounts.");
    by_region(
        regions,
        providers,
        INCOME_COLUMNS.len() - 2,
        |p| {
            let income = p.annual_pence();
            Some(
                INCOME_BANDS
                    .iter()
                    .position(|top| income < *top)
                    .unwrap_or(INCOME_BANDS.len()),
            )
        },
        &mut table,
    );
    table
}

/// `funder-dependency`: providers by the share of their funding from their largest funder.
pub fn funder_dependency(regions: &[&str], providers: &[Provider]) -> Table {
    let mut table = Table::new(
        "funder-dependency",
        "Providers by dependence on their largest funder",
        &DEPENDENCY_COLUMNS,
    )
    .with_note("Each provider (an organisation) counts once, in the region of its first service, by the share of its annual funding in the cycle's funding register that comes from its largest funder (funders told apart by name). A provider with no funding in the register is counted among providers but in no band.");
    by_region(
        regions,
        providers,
        DEPENDENCY_COLUMNS.len() - 2,
        |p| {
            let pct = p.largest_funder_pct()?;
            Some(
                DEPENDENCY_BANDS
                    .iter()
                    .position(|low| pct < *low)
                    .unwrap_or(DEPENDENCY_BANDS.len()),
            )
        },
        &mut table,
    );
    table
}
