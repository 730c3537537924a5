//! Builds every published table and headline from a cycle's estimates, need inputs and geography.

use crate::aggregate::{roll_up, Rollup};
use crate::allocation::{allocate, AreaFigures, Given, ServiceEstimate};
use crate::areas::{Geography, REGIONS};
use crate::code::PfaCode;
use crate::error::GeoError;
use crate::findings::{self, Finding};
use crate::need::{compute, coverage_pct, AreaNeed, AreaNeedInput, NeedParameters};
use crate::roles::ROLE_LABELS;
use crate::tables::{one_decimal, percent, share_pct, two_decimals, whole, Table};
use frontline_disclosure::{CellProtector, Grid};
use serde::Serialize;
use std::collections::BTreeMap;
use survey_engine::figures::ROLES;

/// Service size bands by Idvas employed, as the report groups them.
pub const SIZE_BANDS: [(&str, f64, f64); 4] = [
    ("1-2", 1.0, 2.0),
    ("3-5", 3.0, 5.0),
    ("6-9", 6.0, 9.0),
    ("10+", 10.0, f64::INFINITY),
];

/// Idva settings, grouped as published: (group, label, answer values in the group).
pub const LOCATION_GROUPS: [(&str, &[&str]); 7] = [
    ("Specialist DA service", &["specialist_da"]),
    ("Police", &["police"]),
    (
        "Health",
        &[
            "health_ae",
            "health_maternity",
            "health_whole_hospital",
            "health_gp",
            "health_community",
        ],
    ),
    (
        "Local authority",
        &[
            "la_childrens",
            "la_mash",
            "la_adult_social_care",
            "la_housing",
        ],
    ),
    ("Courts", &["courts"]),
    ("Housing association", &["housing_association"]),
    ("Other", &["other"]),
];

#[derive(Debug, Clone, Serialize)]
pub struct Headlines {
    pub fte_idvas: f64,
    pub fte_idvas_high_risk: f64,
    pub required_fte: f64,
    pub coverage_pct: Option<f64>,
    pub pfas_at_or_above_required: usize,
    pub pfas_under_50_pct: usize,
    pub idva_services: usize,
    pub services: usize,
    pub figures_not_given_directly: usize,
    /// Of those, services whose figures were imputed (ratio imputation).
    pub imputed_services: usize,
}

/// Everything one cycle publishes, before it is written anywhere.
#[derive(Debug, Clone, Serialize)]
pub struct Publication {
    pub year: i32,
    pub parameters: NeedParameters,
    pub rollup: Rollup,
    /// The same figures without imputed ones.
    pub without_imputed: Rollup,
    pub needs: BTreeMap<PfaCode, AreaNeed>,
    pub headlines: Headlines,
    pub tables: Vec<Table>,
    /// The report's sentences beyond coverage, each read from one of `tables`.
    pub findings: Vec<Finding>,
    /// Counts of people from 1 to this threshold less one are suppressed.
    pub suppression_threshold: u32,
}

impl Publication {
    pub fn table(&self, name: &str) -> Option<&Table> {
        self.tables.iter().find(|t| t.name == name)
    }

    /// The high-risk Idva FTE imputed in an area (0 where none).
    pub fn imputed_high_risk_fte(&self, code: &str) -> f64 {
        let with = self
            .rollup
            .pfas
            .get(code)
            .map_or(0.0, |f| f.idva_high_risk_fte);
        let without = self
            .without_imputed
            .pfas
            .get(code)
            .map_or(0.0, |f| f.idva_high_risk_fte);
        with - without
    }

    /// An area's coverage without its imputed figures.
    pub fn pfa_coverage_pct_without_imputed(&self, code: &str) -> Option<f64> {
        let need = self.needs.get(code)?;
        let fig = self.without_imputed.pfas.get(code)?;
        coverage_pct(fig.idva_high_risk_fte, need.required_fte)
    }

    pub fn pfa_coverage_pct(&self, code: &str) -> Option<f64> {
        let need = self.needs.get(code)?;
        let fig = self.rollup.pfas.get(code)?;
        coverage_pct(fig.idva_high_risk_fte, need.required_fte)
    }
}

/// Builds the publication. Areas missing from `inputs` take their fixture population and no Marac
/// cases. Tables of people are protected by `protector` (a rule alone, or a release's).
pub fn build(
    year: i32,
    geo: &Geography,
    estimates: &[ServiceEstimate],
    inputs: &[AreaNeedInput],
    parameters: NeedParameters,
    protector: &dyn CellProtector,
) -> Result<Publication, GeoError> {
    for estimate in estimates {
        for code in estimate.shares.keys() {
            geo.resolve(code)?;
        }
    }
    let by_pfa = allocate(estimates)?;
    let rollup = roll_up(geo, by_pfa);
    // The same without imputed figures: every table that shows coverage shows both (the same
    // figures when nothing was imputed).
    let imputed = |e: &&ServiceEstimate| e.provenance.kind == Given::Imputed;
    let without_imputed = if estimates.iter().any(|e| imputed(&e)) {
        roll_up(geo, allocate(estimates.iter().filter(|e| !imputed(e)))?)
    } else {
        rollup.clone()
    };
    let given: BTreeMap<&str, &AreaNeedInput> =
        inputs.iter().map(|i| (i.pfa_code.as_str(), i)).collect();
    let complete_inputs: Vec<AreaNeedInput> = geo
        .areas()
        .iter()
        .map(|a| match given.get(a.code.as_str()) {
            Some(i) => (*i).clone(),
            None => AreaNeedInput {
                pfa_code: a.code.clone(),
                adult_females: a.adult_females,
                marac_cases: 0,
            },
        })
        .collect();
    let needs: BTreeMap<PfaCode, AreaNeed> = compute(&parameters, &complete_inputs)
        .into_iter()
        .map(|n| (n.pfa_code.clone(), n))
        .collect();

    let required_in = |codes: &mut dyn Iterator<Item = &str>| -> f64 {
        codes
            .filter_map(|c| needs.get(c))
            .map(|n| n.required_fte)
            .sum()
    };
    let region_required: BTreeMap<&str, f64> = REGIONS
        .iter()
        .map(|r| {
            let mut codes = geo
                .areas()
                .iter()
                .filter(|a| a.region == *r)
                .map(|a| a.code.as_str());
            (*r, required_in(&mut codes))
        })
        .collect();
    let national_required: f64 = needs.values().map(|n| n.required_fte).sum();

    let pfa_pcts: Vec<Option<f64>> = geo
        .areas()
        .iter()
        .map(|a| {
            coverage_pct(
                rollup.pfas[a.code.as_str()].idva_high_risk_fte,
                needs[a.code.as_str()].required_fte,
            )
        })
        .collect();
    let headlines = Headlines {
        fte_idvas: rollup.national.role_fte("idva"),
        fte_idvas_high_risk: rollup.national.idva_high_risk_fte,
        required_fte: national_required,
        coverage_pct: coverage_pct(rollup.national.idva_high_risk_fte, national_required),
        pfas_at_or_above_required: pfa_pcts.iter().flatten().filter(|p| **p >= 100.0).count(),
        pfas_under_50_pct: pfa_pcts.iter().flatten().filter(|p| **p < 50.0).count(),
        idva_services: rollup.national.idva_services(),
        services: rollup.national.services.len(),
        figures_not_given_directly: estimates
            .iter()
            .filter(|e| !e.provenance.is_direct())
            .count(),
        imputed_services: estimates
            .iter()
            .filter(|e| e.provenance.kind == Given::Imputed)
            .count(),
    };

    let sizes = size_profile(geo, estimates);
    let (volunteers_by_region, volunteers_by_pfa) = volunteers(geo, &rollup, protector)?;
    let found = findings::tables(geo, estimates, &rollup, inputs);
    let tables = vec![
        regional_capacity(
            &rollup,
            &without_imputed,
            &region_required,
            national_required,
        ),
        pfa_coverage(geo, &rollup, &without_imputed, &needs),
        found.marac_cases,
        found.idva_people,
        service_size(&sizes),
        fte_by_service_size(&sizes),
        found.single_idva_services,
        found.idva_service_concentration,
        idva_locations(estimates),
        found.idva_cases,
        practitioners_by_region(&rollup),
        services_by_role(&rollup),
        found.services_by_role_by_region,
        volunteers_by_region,
        volunteers_by_pfa,
        rolled_forward(geo, estimates),
        need_model(geo, &rollup, &needs, &complete_inputs),
    ];
    let findings = findings::read(&tables);
    Ok(Publication {
        year,
        parameters,
        rollup,
        without_imputed,
        needs,
        headlines,
        tables,
        findings,
        suppression_threshold: protector.rule().threshold(),
    })
}

/// The figures every coverage table gives after its area's name, in [`COVERAGE_COLUMNS`]
/// order: services, FTE, high-risk FTE, recommended FTE and coverage, then the imputed part of
/// the high-risk FTE and coverage without it.
fn coverage_cells(with: &AreaFigures, without: &AreaFigures, required: f64) -> Vec<String> {
    vec![
        with.idva_services().to_string(),
        whole(with.role_fte("idva")),
        whole(with.idva_high_risk_fte),
        whole(required),
        percent(coverage_pct(with.idva_high_risk_fte, required)),
        whole(with.idva_high_risk_fte - without.idva_high_risk_fte),
        percent(coverage_pct(without.idva_high_risk_fte, required)),
    ]
}

const COVERAGE_COLUMNS: [&str; 7] = [
    "idva_services",
    "fte_idvas",
    "fte_idvas_high_risk",
    "recommended_fte",
    "coverage_pct",
    "imputed_fte_idvas_high_risk",
    "coverage_pct_without_imputed",
];

fn regional_capacity(
    rollup: &Rollup,
    without_imputed: &Rollup,
    required: &BTreeMap<&str, f64>,
    national: f64,
) -> Table {
    let mut columns = vec!["region"];
    columns.extend(COVERAGE_COLUMNS);
    let mut t = Table::new(
        "regional-capacity",
        "Regional capacity: Idvas and recommended provision",
        &columns,
    )
    .with_note("Services working across regions are counted in each, so regions sum to more than the total.");
    let mut row = |name: &str, f: &AreaFigures, without: &AreaFigures, req: f64| {
        let mut cells = vec![name.to_string()];
        cells.extend(coverage_cells(f, without, req));
        t.push(cells);
    };
    for region in REGIONS {
        row(
            region,
            &rollup.regions[region],
            &without_imputed.regions[region],
            required[region],
        );
    }
    row(
        "Total",
        &rollup.national,
        &without_imputed.national,
        national,
    );
    t
}

fn pfa_coverage(
    geo: &Geography,
    rollup: &Rollup,
    without_imputed: &Rollup,
    needs: &BTreeMap<PfaCode, AreaNeed>,
) -> Table {
    let mut columns = vec!["pfa_code", "pfa", "region"];
    columns.extend(COVERAGE_COLUMNS);
    let mut t = Table::new(
        "pfa-coverage",
        "Idva coverage by police force area",
        &columns,
    );
    let mut areas: Vec<_> = geo.areas().iter().collect();
    areas.sort_by(|a, b| (&a.region, &a.name).cmp(&(&b.region, &b.name)));
    for a in areas {
        let f = &rollup.pfas[a.code.as_str()];
        let without = &without_imputed.pfas[a.code.as_str()];
        let req = needs[a.code.as_str()].required_fte;
        let mut cells = vec![a.code.to_string(), a.name.clone(), a.region.clone()];
        cells.extend(coverage_cells(f, without, req));
        t.push(cells);
        if let Some(pct) = coverage_pct(f.idva_high_risk_fte, req).filter(|p| *p > 200.0) {
            t = t.with_row_note(
                a.code.as_str(),
                &format!(
                    "{}: coverage of {}% is of a small recommended provision — an area with few \
                     residents or Marac cases, whose Idvas also serve the areas around it, shows \
                     a high percentage of a need measured only where they live.",
                    a.name,
                    percent(Some(pct))
                ),
            );
        }
    }
    t
}

fn band_of(idvas: f64) -> Option<usize> {
    SIZE_BANDS
        .iter()
        .position(|(_, lo, hi)| idvas >= *lo && idvas <= *hi)
        .or_else(|| (idvas > 0.0 && idvas < 1.0).then_some(0))
}

/// For each region and the nation: per band, (services, allocated Idva FTE).
fn size_profile(geo: &Geography, estimates: &[ServiceEstimate]) -> SizeProfile {
    let mut out: BTreeMap<String, [(usize, f64); 4]> = REGIONS
        .iter()
        .chain(std::iter::once(&"Total"))
        .map(|r| (r.to_string(), [(0, 0.0); 4]))
        .collect();
    for e in estimates.iter().filter(|e| e.employs("idva")) {
        let Some(band) = band_of(e.idva_people()) else {
            continue;
        };
        let fte = e.figures.role("idva").fte;
        let mut regions: BTreeMap<&str, f64> = BTreeMap::new();
        for (code, share) in &e.shares {
            if let Some(region) = geo.region_of(code) {
                *regions.entry(region).or_default() += share;
            }
        }
        for (region, share) in regions {
            if let Some(bands) = out.get_mut(region) {
                bands[band].0 += 1;
                bands[band].1 += fte * share;
            }
        }
        if let Some(total) = out.get_mut("Total") {
            total[band].0 += 1;
            total[band].1 += fte;
        }
    }
    out
}

fn ordered_regions() -> impl Iterator<Item = &'static str> {
    REGIONS.iter().copied().chain(std::iter::once("Total"))
}

/// Per region (and "Total"): Idva services and their FTE in each size band.
type SizeProfile = BTreeMap<String, [(usize, f64); 4]>;

fn service_size(profile: &SizeProfile) -> Table {
    let mut t = Table::new(
        "service-size",
        "Percentage of Idva services by number of Idvas employed",
        &[
            "region",
            "idva_services",
            "pct_1_2",
            "pct_3_5",
            "pct_6_9",
            "pct_10_plus",
        ],
    );
    for region in ordered_regions() {
        let bands = &profile[region];
        let total: usize = bands.iter().map(|b| b.0).sum();
        let mut row = vec![region.to_string(), total.to_string()];
        row.extend(
            bands
                .iter()
                .map(|b| percent(share_pct(b.0 as f64, total as f64))),
        );
        t.push(row);
    }
    t
}

fn fte_by_service_size(profile: &SizeProfile) -> Table {
    let mut t = Table::new(
        "fte-by-service-size",
        "Percentage of FTE Idvas by size of service",
        &[
            "region",
            "fte_idvas",
            "pct_1_2",
            "pct_3_5",
            "pct_6_9",
            "pct_10_plus",
        ],
    );
    for region in ordered_regions() {
        let bands = &profile[region];
        let total: f64 = bands.iter().map(|b| b.1).sum();
        let mut row = vec![region.to_string(), whole(total)];
        row.extend(bands.iter().map(|b| percent(share_pct(b.1, total))));
        t.push(row);
    }
    t
}

fn idva_locations(estimates: &[ServiceEstimate]) -> Table {
    let mut t = Table::new(
        "idva-locations",
        "Where Idvas are based: percentage of Idva services with an Idva in each setting",
        &["setting", "detail", "idva_services", "pct_of_idva_services"],
    )
    .keyed_by(2);
    let idva: Vec<&ServiceEstimate> = estimates.iter().filter(|e| e.employs("idva")).collect();
    let total = idva.len() as f64;
    let with = |values: &[&str]| {
        idva.iter()
            .filter(|e| {
                e.figures
                    .idva_locations
                    .iter()
                    .any(|l| values.contains(&l.as_str()))
            })
            .count()
    };
    for (group, values) in LOCATION_GROUPS {
        let n = with(values);
        t.push(vec![
            group.into(),
            String::new(),
            n.to_string(),
            percent(share_pct(n as f64, total)),
        ]);
        if values.len() > 1 {
            for value in values {
                let n = with(&[value]);
                t.push(vec![
                    group.into(),
                    value.to_string(),
                    n.to_string(),
                    percent(share_pct(n as f64, total)),
                ]);
            }
        }
    }
    t
}

fn practitioners_by_region(rollup: &Rollup) -> Table {
    let mut columns = vec!["region", "all"];
    columns.extend(ROLES);
    let mut t = Table::new(
        "practitioners-by-region",
        "FTE practitioners by region and role",
        &columns,
    );
    let row = |name: &str, f: &crate::allocation::AreaFigures| {
        let mut r = vec![name.to_string(), whole(f.total_fte())];
        r.extend(ROLES.iter().map(|role| whole(f.role_fte(role))));
        r
    };
    for region in REGIONS {
        t.push(row(region, &rollup.regions[region]));
    }
    t.push(row("Total", &rollup.national));
    t
}

fn services_by_role(rollup: &Rollup) -> Table {
    let mut t = Table::new(
        "services-by-role",
        "Services employing each role",
        &["role", "services_employing_role", "pct_of_services"],
    );
    let n = &rollup.national;
    let total = n.services.len() as f64;
    for (role, label) in ROLE_LABELS {
        let count = n.services_employing(role);
        t.push(vec![
            label.to_string(),
            count.to_string(),
            percent(share_pct(count as f64, total)),
        ]);
    }
    t
}

/// The family of the volunteers tables, and the stem of their cells' keys.
const VOLUNTEERS: &str = "volunteers";

/// Volunteers (people) by region and by police force area, protected together: each region is
/// the sum of its areas and the total the sum of the regions, so a hidden area cannot be worked
/// out from its region.
fn volunteers(
    geo: &Geography,
    rollup: &Rollup,
    protector: &dyn CellProtector,
) -> Result<(Table, Table), GeoError> {
    let rule = protector.rule();
    let mut grid = Grid::new();
    let mut keys = Vec::new();
    let mut area_cells: Vec<(&crate::areas::PoliceForceArea, usize)> = Vec::new();
    let mut region_cells = Vec::new();
    for region in REGIONS {
        let mut areas: Vec<_> = geo.areas().iter().filter(|a| a.region == region).collect();
        areas.sort_by(|a, b| a.name.cmp(&b.name));
        let parts: Vec<usize> = areas
            .iter()
            .map(|a| {
                keys.push(format!("{VOLUNTEERS}/{}", a.code));
                grid.cell(rollup.pfas[a.code.as_str()].volunteers.round() as i64)
            })
            .collect();
        area_cells.extend(areas.into_iter().zip(parts.iter().copied()));
        keys.push(format!("{VOLUNTEERS}/{region}"));
        region_cells.push(grid.total_of(&parts));
    }
    keys.push(format!("{VOLUNTEERS}/Total"));
    let total = grid.total_of(&region_cells);
    let shown = protector.protect(VOLUNTEERS, &grid, &keys)?;
    let value = |cell: usize| shown.show(cell, || grid.values()[cell].to_string());
    let note = format!(
        "Volunteers are allocated to areas by the service's shares and rounded to whole people per area; regions and the total are sums of their areas. Services are counted in each area and region they work in. {}",
        rule.describe()
    );

    let mut by_region = Table::new(
        "volunteers",
        "Volunteers supporting frontline work",
        &["region", "volunteers", "services_with_volunteers"],
    )
    .with_note(&note)
    .counting_people();
    for (region, cell) in REGIONS.iter().zip(&region_cells) {
        by_region.push(vec![
            region.to_string(),
            value(*cell),
            rollup.regions[*region]
                .services_with_volunteers
                .len()
                .to_string(),
        ]);
    }
    by_region.push(vec![
        "Total".into(),
        value(total),
        rollup.national.services_with_volunteers.len().to_string(),
    ]);

    let mut by_pfa = Table::new(
        "volunteers-by-pfa",
        "Volunteers supporting frontline work by police force area",
        &[
            "pfa_code",
            "pfa",
            "region",
            "volunteers",
            "services_with_volunteers",
        ],
    )
    .with_note(&note)
    .counting_people();
    for (area, cell) in area_cells {
        by_pfa.push(vec![
            area.code.to_string(),
            area.name.clone(),
            area.region.clone(),
            value(cell),
            rollup.pfas[area.code.as_str()]
                .services_with_volunteers
                .len()
                .to_string(),
        ]);
    }
    Ok((by_region, by_pfa))
}

fn rolled_forward(geo: &Geography, estimates: &[ServiceEstimate]) -> Table {
    let mut t = Table::new(
        "rolled-forward",
        "Appendix: figures not given directly by services this year",
        &[
            "service",
            "pfa_code",
            "pfa",
            "fte_idvas",
            "fte_idvas_high_risk",
            "source",
        ],
    )
    .keyed_by(2);
    for e in estimates.iter().filter(|e| !e.provenance.is_direct()) {
        for (code, share) in &e.shares {
            let name = geo.find(code).map(|a| a.name.clone()).unwrap_or_default();
            t.push(vec![
                e.service.clone(),
                code.clone(),
                name,
                one_decimal(e.figures.role("idva").fte * share),
                one_decimal(e.figures.idva_high_risk_fte * share),
                e.provenance.source.clone(),
            ]);
        }
    }
    t
}

/// The name of the need model's table (`tables/need-model.csv`).
pub const NEED_MODEL: &str = "need-model";

/// Columns of the need model's table.
pub const NEED_MODEL_COLUMNS: [&str; 10] = [
    "pfa_code",
    "pfa",
    "region",
    "adult_females",
    "marac_cases",
    "marac_based_fte",
    "population_based_fte",
    "uplift_fte",
    "required_fte",
    "fte_idvas_high_risk",
];

/// The need model's inputs and results by police force area, to two decimals.
fn need_model(
    geo: &Geography,
    rollup: &Rollup,
    needs: &BTreeMap<PfaCode, AreaNeed>,
    inputs: &[AreaNeedInput],
) -> Table {
    let mut table = Table::new(
        NEED_MODEL,
        "Need model by police force area (unrounded inputs and results)",
        &NEED_MODEL_COLUMNS,
    )
    .with_note("Inputs and results of the Idva need model, to two decimals. Coverage in the other tables is worked out from the figures before rounding, so working it out again from these can differ by a percentage point.");
    let input: BTreeMap<&str, &AreaNeedInput> =
        inputs.iter().map(|i| (i.pfa_code.as_str(), i)).collect();
    for area in geo.areas() {
        let code = area.code.as_str();
        let (Some(need), Some(given)) = (needs.get(code), input.get(code)) else {
            continue;
        };
        let high_risk = rollup.pfas.get(code).map_or(0.0, |f| f.idva_high_risk_fte);
        table.push(vec![
            area.code.to_string(),
            area.name.clone(),
            area.region.clone(),
            given.adult_females.to_string(),
            given.marac_cases.to_string(),
            two_decimals(need.marac_based_fte),
            two_decimals(need.population_based_fte),
            two_decimals(need.uplift_fte),
            two_decimals(need.required_fte),
            two_decimals(high_risk),
        ]);
    }
    table
}
