//! The pack's indicators, each for the area beside its region and England and Wales with its
//! rank among the areas. Computed once for every area: rates per 100,000 and percentages from
//! summed counts (a region is never a mean of its areas' rates), Idva coverage with the need
//! model's own function, so each figure equals the national tables'.

use super::inputs::Inputs;
use crate::indicators::{compare_ratio, ranks_as_published, Compared};
use crate::population::Population;
use crate::NeedsError;
use frontline_geo::tables::{one_decimal, percent, whole, whole_number, Precision, Table};
use frontline_provision::FundingStream;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use survey_engine::figures::ROLES;

/// The columns of `indicators.csv`.
pub const INDICATOR_COLUMNS: [&str; 7] = [
    "indicator",
    "unit",
    "area",
    "region",
    "england_and_wales",
    "rank",
    "source",
];

/// One indicator of one area, formatted as published, with the unrounded values behind it.
#[derive(Debug, Clone, Serialize)]
pub struct Indicator {
    pub id: String,
    pub label: String,
    pub unit: String,
    pub area: String,
    pub region: String,
    pub england_and_wales: String,
    /// The area's rank among the areas (1 = highest), or blank when it has no value.
    pub rank: String,
    pub source: String,
    pub values: Compared,
}

/// How an indicator's values are written.
#[derive(Debug, Clone, Copy)]
enum Format {
    Whole,
    OneDecimal,
    Percent,
    /// A count of people: small values are suppressed.
    People,
}

impl Format {
    /// The value as published, as a number: rounded by the tables' one function to the
    /// precision it is written with; none where it is suppressed.
    fn published(self, x: f64, rule: &frontline_disclosure::SuppressionRule) -> Option<f64> {
        match self {
            Format::People if rule.is_small(whole_number(x)) => None,
            Format::OneDecimal => Some(Precision::OneDecimal.round(x)),
            Format::Whole | Format::Percent | Format::People => Some(Precision::Whole.round(x)),
        }
    }
}

struct Definition {
    id: String,
    label: String,
    unit: &'static str,
    format: Format,
    source: String,
    values: BTreeMap<String, Compared>,
    /// For an indicator taken from a published table: each area's cells (area, region,
    /// England and Wales) as published, suppression and all.
    published: Option<BTreeMap<String, [String; 3]>>,
}

/// Every indicator for every area.
pub struct Comparisons {
    definitions: Vec<Definition>,
    rule: frontline_disclosure::SuppressionRule,
}

fn role_label(role: &str) -> &'static str {
    match role {
        "idva" => "Idvas",
        "outreach" => "Outreach workers",
        "refuge" => "Refuge workers",
        "isva" => "Isvas",
        "ypva" => "Young people's violence advisers",
        "children" => "Children and young people's workers",
        "perpetrator" => "Perpetrator programme workers",
        _ => "Other frontline roles",
    }
}

/// The indicators being defined, each computed for every area as it is added.
struct Catalogue<'a> {
    inputs: &'a Inputs<'a>,
    regions: BTreeMap<String, String>,
    survey: String,
    definitions: Vec<Definition>,
}

/// One row of the population part: id, label and which count.
type PopulationPart = (&'static str, &'static str, fn(&Population) -> u64);

impl Catalogue<'_> {
    fn add(
        &mut self,
        id: impl Into<String>,
        label: impl Into<String>,
        unit: &'static str,
        format: Format,
        source: &str,
        compare: &dyn Fn(&str) -> Compared,
    ) {
        let values = self
            .regions
            .keys()
            .map(|c| (c.clone(), compare(c)))
            .collect();
        self.definitions.push(Definition {
            id: id.into(),
            label: label.into(),
            unit,
            format,
            source: source.to_string(),
            values,
            published: None,
        });
    }

    /// An indicator whose cells are a published table's, shown exactly as published and not
    /// ranked (a rank would order the hidden cells).
    fn add_published(
        &mut self,
        (id, label, unit): (&str, &str, &'static str),
        source: &str,
        cells: &dyn Fn(&str) -> [String; 3],
    ) {
        let unknown = Compared {
            area: None,
            region: None,
            england_and_wales: None,
            rank: None,
            of: 0,
        };
        let codes = self.regions.keys();
        self.definitions.push(Definition {
            id: id.into(),
            label: label.into(),
            unit,
            format: Format::Whole,
            source: source.to_string(),
            values: codes
                .clone()
                .map(|c| (c.clone(), unknown.clone()))
                .collect(),
            published: Some(codes.map(|c| (c.clone(), cells(c))).collect()),
        });
    }

    /// Population and estimated prevalence, only where a population was given.
    fn population(&mut self) {
        let inputs = self.inputs;
        let known: BTreeSet<&String> = inputs.populations.keys().collect();
        let source = population_sources(inputs);
        let regions = self.regions.clone();
        let parts: [PopulationPart; 3] = [
            ("women_16_plus", "Women aged 16 and over", |p| {
                p.females_16_plus
            }),
            ("men_16_plus", "Men aged 16 and over", |p| p.males_16_plus),
            ("children_0_15", "Children aged 0 to 15", |p| {
                p.children_0_15
            }),
        ];
        for (id, label, part) in parts {
            let counts = map_known(inputs, |p| part(p) as f64);
            self.add(id, label, "people", Format::Whole, &source, &|c| {
                complete(
                    compare_ratio(&counts, None, 1.0, &regions, c),
                    &known,
                    &regions,
                    c,
                )
            });
        }
        for rate in inputs.rates {
            let counts = map_known(inputs, |p| rate.estimate(p) as f64);
            let label = format!(
                "{} (estimated: {}% of {})",
                rate.label,
                rate.percent,
                rate.applies_to.label()
            );
            self.add(
                format!("estimated_{}", rate.id),
                label,
                "people",
                Format::Whole,
                &rate.source,
                &|c| {
                    complete(
                        compare_ratio(&counts, None, 1.0, &regions, c),
                        &known,
                        &regions,
                        c,
                    )
                },
            );
        }
    }

    /// Practitioners per 100,000 women, from the allocated FTE the national tables use.
    fn practitioners(&mut self) {
        let inputs = self.inputs;
        let women = inputs.women();
        let rollup = &inputs.publication.rollup;
        let regions = self.regions.clone();
        let source = format!(
            "{}; women aged 16 and over: {}",
            self.survey,
            population_sources(inputs)
        );
        for role in ROLES.iter().copied().map(Some).chain(std::iter::once(None)) {
            let fte: BTreeMap<String, f64> = rollup
                .pfas
                .iter()
                .map(|(c, f)| {
                    (
                        c.clone(),
                        role.map_or_else(|| f.total_fte(), |r| f.role_fte(r)),
                    )
                })
                .collect();
            let (id, label) = match role {
                Some(r) => (
                    format!("fte_{r}_per_100k_women"),
                    format!("{} (FTE) per 100,000 women aged 16 and over", role_label(r)),
                ),
                None => (
                    "fte_all_per_100k_women".into(),
                    "All frontline practitioners (FTE) per 100,000 women aged 16 and over".into(),
                ),
            };
            self.add(
                id,
                label,
                "FTE per 100,000 women",
                Format::OneDecimal,
                &source,
                &|c| compare_ratio(&fte, Some(&women), 100_000.0, &regions, c),
            );
        }
    }

    /// Idva provision against the need model, exactly as the coverage tables compute it.
    fn idva(&mut self) {
        let inputs = self.inputs;
        let rollup = &inputs.publication.rollup;
        let regions = self.regions.clone();
        let by_area =
            |value: fn(&frontline_geo::allocation::AreaFigures) -> f64| -> BTreeMap<String, f64> {
                rollup
                    .pfas
                    .iter()
                    .map(|(c, f)| (c.clone(), value(f)))
                    .collect()
            };
        let high_risk = by_area(|f| f.idva_high_risk_fte);
        let idva = by_area(|f| f.role_fte("idva"));
        let required: BTreeMap<String, f64> = inputs
            .publication
            .needs
            .iter()
            .map(|(c, n)| (c.to_string(), n.required_fte))
            .collect();
        let survey = self.survey.clone();
        let need_source = format!(
            "{survey}; recommended FTE from the need model ({} Marac cases per Idva, population basis, uplift for unseen high-risk victims)",
            inputs.publication.parameters.cases_per_idva
        );
        let count =
            |values: &BTreeMap<String, f64>, c: &str| compare_ratio(values, None, 1.0, &regions, c);
        self.add(
            "idva_fte",
            "Idvas (FTE)",
            "FTE",
            Format::Whole,
            &survey,
            &|c| count(&idva, c),
        );
        self.add(
            "idva_fte_high_risk",
            "Idvas working with high-risk victims (FTE)",
            "FTE",
            Format::Whole,
            &survey,
            &|c| count(&high_risk, c),
        );
        self.add(
            "recommended_idva_fte",
            "Recommended Idva FTE",
            "FTE",
            Format::Whole,
            &need_source,
            &|c| count(&required, c),
        );
        self.add(
            "idva_coverage_pct",
            "Idva coverage (% of recommended)",
            "%",
            Format::Percent,
            &need_source,
            &|c| {
                let mut compared = compare_ratio(&high_risk, Some(&required), 100.0, &regions, c);
                compared.area = inputs.publication.pfa_coverage_pct(c);
                compared
            },
        );
        // Volunteers are people: their cells are the published volunteers tables', suppressed.
        let cell = |table: &str, key: &str| {
            let found = inputs
                .publication
                .table(table)
                .and_then(|t| t.cell(key, "volunteers"));
            found.unwrap_or_default().to_string()
        };
        self.add_published(("volunteers", "Volunteers", "people"), &survey, &|c| {
            let region = regions.get(c).map_or("", String::as_str);
            [
                cell("volunteers-by-pfa", c),
                cell("volunteers", region),
                cell("volunteers", "Total"),
            ]
        });
    }

    /// Services, funding and waiting lists: a service counts in each area it works in and once
    /// in its region and in England and Wales, as the provision and funding tables count them.
    fn services(&mut self) {
        let inputs = self.inputs;
        let regions = self.regions.clone();
        let services = ServiceCounts {
            inputs,
            regions: &regions,
        };
        let profiles = "Service profiles (Frontline provision map)";
        let funding = "Funding register (Frontline provision map)";
        let close = inputs.close;
        self.add(
            "services",
            "Services working in the area",
            "services",
            Format::Whole,
            profiles,
            &|c| at_least_zero(services.compare(c, |_| Some((1.0, 0.0)), false)),
        );
        // No national table holds waiting lists, so nothing protects area totals side by side
        // against differencing (a service counts in every area it works in): published packs
        // leave the number waiting out.
        if !inputs.public {
            self.add(
                "waiting_list",
                "People on services' waiting lists",
                "people",
                Format::People,
                profiles,
                &|c| services.compare(c, |s| s.waiting_list.map(|w| (w, 0.0)), false),
            );
        }
        self.add(
            "short_term_streams_pct",
            "Funding streams that are short-term (under five years)",
            "%",
            Format::Percent,
            funding,
            &|c| {
                services.compare(
                    c,
                    |s| streams_share(&s.streams, |f| f.is_short_term()),
                    true,
                )
            },
        );
        self.add(
            "streams_ending_within_12_months",
            "Funding streams ending within 12 months of the fieldwork close",
            "streams",
            Format::Whole,
            funding,
            &|c| {
                let ending = |s: &super::PackService| {
                    Some((
                        s.streams
                            .iter()
                            .filter(|f| f.ends_within_12_months_of(close))
                            .count() as f64,
                        0.0,
                    ))
                };
                at_least_zero(services.compare(c, ending, false))
            },
        );
    }

    /// Ranks every area on each indicator by its value as published (rounded as written, so
    /// areas whose cells read the same share a rank; a suppressed value is not ranked).
    fn ranked(mut self) -> Vec<Definition> {
        let rule = *self.inputs.protector.rule();
        for d in &mut self.definitions {
            let by_area: BTreeMap<String, Option<f64>> =
                d.values.iter().map(|(c, v)| (c.clone(), v.area)).collect();
            let format = d.format;
            let ranked = ranks_as_published(&by_area, |x| format.published(x, &rule));
            for (c, v) in d.values.iter_mut() {
                v.rank = ranked.get(c).copied();
                v.of = ranked.len();
            }
        }
        self.definitions
    }
}

impl Comparisons {
    pub fn compute(inputs: &Inputs) -> Self {
        let mut catalogue = Catalogue {
            inputs,
            regions: inputs.regions(),
            survey: inputs.source.trim_end_matches('.').to_string(),
            definitions: Vec::new(),
        };
        catalogue.population();
        catalogue.practitioners();
        catalogue.idva();
        catalogue.services();
        Self {
            definitions: catalogue.ranked(),
            rule: *inputs.protector.rule(),
        }
    }

    /// The indicators of the area `code`, formatted as published.
    pub fn for_area(&self, code: &str) -> Vec<Indicator> {
        self.definitions
            .iter()
            .filter_map(|d| {
                let v = d.values.get(code)?;
                let show = |x: Option<f64>| self.format(d.format, x);
                let [area, region, england_and_wales] = match &d.published {
                    Some(cells) => cells.get(code)?.clone(),
                    None => [show(v.area), show(v.region), show(v.england_and_wales)],
                };
                Some(Indicator {
                    id: d.id.clone(),
                    label: d.label.clone(),
                    unit: d.unit.to_string(),
                    area,
                    region,
                    england_and_wales,
                    rank: v.rank.map(|r| r.to_string()).unwrap_or_default(),
                    source: d.source.clone(),
                    values: v.clone(),
                })
            })
            .collect()
    }

    fn format(&self, format: Format, x: Option<f64>) -> String {
        let Some(x) = x else {
            return String::new();
        };
        match format {
            Format::Whole => whole(x),
            Format::OneDecimal => one_decimal(x),
            Format::Percent => percent(Some(x)),
            Format::People if self.rule.is_small(whole_number(x)) => {
                frontline_disclosure::SUPPRESSED.to_string()
            }
            Format::People => whole(x),
        }
    }
}

/// The population's sources, named once each.
fn population_sources(inputs: &Inputs) -> String {
    let sources: BTreeSet<&str> = inputs
        .populations
        .values()
        .map(|p| p.source.as_str())
        .collect();
    if sources.is_empty() {
        "No population imported; women aged 16 and over from the need model's inputs".into()
    } else {
        sources.into_iter().collect::<Vec<_>>().join("; ")
    }
}

fn map_known(inputs: &Inputs, value: impl Fn(&Population) -> f64) -> BTreeMap<String, f64> {
    inputs
        .populations
        .iter()
        .map(|(c, p)| (c.clone(), value(&p.population)))
        .collect()
}

/// Blanks the values that would sum over areas without a population: the area's own, its
/// region's if any of the region's areas lacks one, and England and Wales' if any does.
fn complete(
    mut compared: Compared,
    known: &BTreeSet<&String>,
    regions: &BTreeMap<String, String>,
    code: &str,
) -> Compared {
    if !known.iter().any(|k| k.as_str() == code) {
        compared.area = None;
    }
    let region = regions.get(code);
    if regions
        .iter()
        .any(|(c, r)| Some(r) == region && !known.contains(c))
    {
        compared.region = None;
    }
    if regions.keys().any(|c| !known.contains(c)) {
        compared.england_and_wales = None;
    }
    compared
}

/// A count where nothing counted is zero, not unknown.
fn at_least_zero(mut c: Compared) -> Compared {
    for v in [&mut c.area, &mut c.region, &mut c.england_and_wales] {
        v.get_or_insert(0.0);
    }
    c
}

/// `(streams meeting the test, streams)`, or none for a service without streams.
fn streams_share(
    streams: &[FundingStream],
    test: impl Fn(&FundingStream) -> bool,
) -> Option<(f64, f64)> {
    (!streams.is_empty()).then(|| {
        (
            streams.iter().filter(|s| test(s)).count() as f64,
            streams.len() as f64,
        )
    })
}

/// Sums over services, counting each once at every level.
struct ServiceCounts<'a> {
    inputs: &'a Inputs<'a>,
    regions: &'a BTreeMap<String, String>,
}

impl ServiceCounts<'_> {
    /// `value` gives a service's (numerator, denominator); with `ratio`, the level's value is
    /// the percentage of the summed numerators over the summed denominators.
    fn compare(
        &self,
        code: &str,
        value: impl Fn(&super::PackService) -> Option<(f64, f64)>,
        ratio: bool,
    ) -> Compared {
        let level = |within: &dyn Fn(&super::PackService) -> bool| {
            let (mut top, mut bottom, mut any) = (0.0, 0.0, false);
            for s in self.inputs.services.iter().filter(|s| within(s)) {
                if let Some((t, b)) = value(s) {
                    top += t;
                    bottom += b;
                    any = true;
                }
            }
            if ratio {
                (bottom > 0.0).then(|| 100.0 * top / bottom)
            } else {
                any.then_some(top)
            }
        };
        let region = self.regions.get(code);
        let in_region =
            |s: &super::PackService| s.areas.iter().any(|a| self.regions.get(a) == region);
        Compared {
            area: level(&|s| s.works_in(code)),
            region: region.and_then(|_| level(&in_region)),
            england_and_wales: level(&|s| !s.areas.is_empty()),
            rank: None,
            of: 0,
        }
    }
}

/// The comparison as a table, one row per indicator.
pub fn table(indicators: &[Indicator]) -> Table {
    let mut t = Table::new(
        "comparison",
        "The area beside its region and England and Wales",
        &INDICATOR_COLUMNS,
    )
    .with_note("Regions and England and Wales are computed from their areas' summed counts, not averaged; a service working in several areas counts in each area and once in its region. Rank 1 is the highest value; areas with equal values share a rank.");
    for i in indicators {
        t.push(vec![
            i.label.clone(),
            i.unit.clone(),
            i.area.clone(),
            i.region.clone(),
            i.england_and_wales.clone(),
            i.rank.clone(),
            i.source.clone(),
        ]);
    }
    t
}

/// `indicators.csv`.
pub fn csv(indicators: &[Indicator]) -> Result<String, NeedsError> {
    let fail = |e: csv::Error| NeedsError::File(format!("writing indicators.csv: {e}"));
    let mut w = frontline_safety::spreadsheet::CsvText::new();
    w.row(INDICATOR_COLUMNS).map_err(fail)?;
    for i in indicators {
        w.row([
            &i.id,
            &i.unit,
            &i.area,
            &i.region,
            &i.england_and_wales,
            &i.rank,
            &i.source,
        ])
        .map_err(fail)?;
    }
    w.finish().map_err(fail)
}
