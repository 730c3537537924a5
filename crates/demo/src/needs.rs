//! The demo's needs-assessment parameters: a synthetic population for 2016 and 2017 by area and
//! by upper-tier authority (none for 2018, so its packs show the population as stale) and one rate the team entered with its
//! source beside the reference defaults.

use frontline_geo::authorities::upper_tier_authorities_on;
use frontline_needs::groups::Groups;
use frontline_needs::population::Population;
use frontline_needs::prevalence::{AppliesTo, Rate};
use frontline_web::error::AppResult;
use frontline_web::store::{cycles, populations};
use frontline_web::Platform;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use std::collections::BTreeMap;

const TEAM: &str = "admin@example.org";
const GROUPS_SOURCE: &str = "Synthetic demo residents by group (not real figures), in the shape of ONS Census 2021 tables TS007A (age), TS008 (sex), TS021 (ethnic group) and TS038 (disability)";
const SOURCE: &str = "Synthetic demo population (not real figures), shaped on the need model's women aged 16 and over";

pub fn create(platform: &Platform, seed: u64) -> AppResult<String> {
    let mut rng = StdRng::seed_from_u64(seed ^ 0x9e_ed5);
    let mut conn = platform.conn()?;
    for year in [2016, 2017] {
        let cycle = cycles::by_year(&mut conn, year)?;
        let rows: BTreeMap<String, Population> = platform
            .geography
            .areas()
            .iter()
            .map(|a| {
                let women = a.adult_females.max(0) as f64 * rng.gen_range(0.98..1.02);
                let population = Population {
                    females_16_plus: women.round() as u64,
                    males_16_plus: (women * rng.gen_range(0.93..0.97)).round() as u64,
                    children_0_15: (women * rng.gen_range(0.38..0.46)).round() as u64,
                };
                (a.code.to_string(), population)
            })
            .collect();
        populations::import(&mut conn, cycle.id, year, &rows, SOURCE, TEAM)?;
        let by_authority = authority_populations(&rows, &cycle.closes_on)?;
        populations::import_authorities(&mut conn, cycle.id, year, &by_authority, SOURCE, TEAM)?;
    }
    let cycle = cycles::by_year(&mut conn, 2017)?;
    let groups: BTreeMap<String, Groups> = platform
        .geography
        .areas()
        .iter()
        .map(|a| {
            (
                a.code.to_string(),
                residents_by_group(a.adult_females.max(0) as f64, &mut rng),
            )
        })
        .collect();
    populations::import_groups(&mut conn, cycle.id, 2017, &groups, GROUPS_SOURCE, TEAM)?;
    populations::set_rate(
        &mut conn,
        cycle.id,
        2017,
        &Rate {
            id: "stalking_last_year_adults".into(),
            label: "Adults stalked in the last year".into(),
            applies_to: AppliesTo::Adults16Plus,
            percent: 3.6,
            source: "Crime Survey for England and Wales (adults aged 16 to 74), as quoted in the Home Office VAWG commissioning toolkit (2022)".into(),
        },
        TEAM,
    )?;
    Ok("synthetic populations for 2016 and 2017, by area and by authority (2018's packs show them as stale), residents by group for 2017 (who is missing) and a stalking rate entered for 2017".into())
}

/// Each area's residents shared among its upper-tier authorities of the cycle's year (`day`), in
/// shares fixed by their codes (no draw, so the rest of the demo is as it was), adding up to the
/// area's.
fn authority_populations(
    areas: &BTreeMap<String, Population>,
    day: &str,
) -> AppResult<BTreeMap<String, u64>> {
    let in_force = upper_tier_authorities_on(day)?;
    let mut out = BTreeMap::new();
    for (code, population) in areas {
        let here: Vec<_> = in_force
            .iter()
            .filter(|u| u.pfa_code == code.as_str())
            .collect();
        // Counties are several times a unitary authority's size.
        let weight = |code: &str| {
            let kind = if code.starts_with("E10") { 5 } else { 1 };
            kind * (3 + code.bytes().map(u64::from).sum::<u64>() % 3)
        };
        let total_weight: u64 = here.iter().map(|u| weight(&u.code)).sum();
        let everyone = population.everyone();
        let mut left = everyone;
        for (i, u) in here.iter().enumerate() {
            let share = if i + 1 == here.len() {
                left
            } else {
                everyone * weight(&u.code) / total_weight
            };
            left -= share;
            out.insert(u.code.clone(), share);
        }
    }
    Ok(out)
}

/// An area's residents by group, shaped like England and Wales's: every breakdown adds up to the
/// same residents.
fn residents_by_group(women: f64, rng: &mut StdRng) -> Groups {
    let all = women * 2.3;
    let split = |shares: &[(&str, f64)], rng: &mut StdRng| -> Vec<(String, u64)> {
        let drawn: Vec<f64> = shares
            .iter()
            .map(|(_, s)| s * rng.gen_range(0.85..1.15))
            .collect();
        let total: f64 = drawn.iter().sum();
        shares
            .iter()
            .zip(drawn)
            .map(|((name, _), d)| (name.to_string(), (all * d / total).round() as u64))
            .collect()
    };
    let mut groups = Groups::new();
    for shares in [
        &[
            ("age_17_under", 0.21),
            ("age_18_34", 0.22),
            ("age_35_54", 0.26),
            ("age_55_74", 0.22),
            ("age_75_over", 0.09),
        ][..],
        &[("gender_woman", 0.51), ("gender_man", 0.49)][..],
        &[
            ("ethnicity_white", 0.82),
            ("ethnicity_asian", 0.09),
            ("ethnicity_black", 0.04),
            ("ethnicity_mixed", 0.03),
            ("ethnicity_other", 0.02),
        ][..],
        &[("disability_yes", 0.18), ("disability_no", 0.82)][..],
    ] {
        groups.extend(split(shares, rng));
    }
    groups
}
