//! A cycle's needs-assessment parameters: area populations and all-age populations by
//! upper-tier authority (each imported all or nothing, with its source), and national prevalence
//! rates (each with its source; the reference defaults when the team has entered none). Every
//! change is audited.

use crate::audit;
use crate::clock;
use crate::db::schema::{
    area_population_groups, area_populations, authority_populations, prevalence_rates,
    survey_cycles,
};
use crate::db::DbConnection;
use crate::error::{StoreError, StoreResult};
use diesel::prelude::*;
use frontline_needs::groups::{AreaGroups, Groups};
use frontline_needs::pack::AreaPopulation;
use frontline_needs::population::Population;
use frontline_needs::prevalence::{self, AppliesTo, Rate};
use std::collections::BTreeMap;

/// One import of figures by area into a cycle: where they come from, who imports them, and how
/// the audit log and a missing source are worded.
struct ByArea<'a> {
    year: i32,
    source: &'a str,
    actor: &'a str,
    action: &'a str,
    source_hint: &'a str,
}

/// Replaces the cycle's figures for each area of `rows` (others keep theirs) with `replace`
/// (given the connection, the area, its figures, the source and the moment), in one transaction
/// with its audit record.
fn import_by_area<R>(
    conn: &mut DbConnection,
    import: ByArea<'_>,
    rows: &BTreeMap<String, R>,
    replace: impl Fn(&mut DbConnection, &str, &R, &str, &str) -> StoreResult<()>,
) -> StoreResult<()> {
    let source = import.source.trim();
    if source.is_empty() {
        return Err(StoreError::invalid("source", import.source_hint));
    }
    let now = clock::now();
    crate::db::transaction(conn, |conn| {
        for (code, figures) in rows {
            replace(conn, code, figures, source, now.as_str())?;
        }
        audit::record(
            conn,
            audit::Change {
                actor: import.actor,
                action: import.action,
                entity: "cycle",
                entity_id: import.year.to_string(),
                after: Some(format!("{} area(s)", rows.len())),
                reason: Some(source.to_string()),
                ..Default::default()
            },
        )
    })
}

/// Replaces the populations the cycle holds for the areas in `rows` (others keep theirs), in one
/// transaction with its audit record.
pub fn import(
    conn: &mut DbConnection,
    cycle_id: i32,
    year: i32,
    rows: &BTreeMap<String, Population>,
    source: &str,
    actor: &str,
) -> StoreResult<()> {
    let import = ByArea {
        year,
        source,
        actor,
        action: "population.imported",
        source_hint: "say where the population figures come from and for which year (e.g. \"ONS mid-2023 population estimates\")",
    };
    import_by_area(conn, import, rows, |conn, code, p, source, now| {
        diesel::delete(
            area_populations::table
                .filter(area_populations::cycle_id.eq(cycle_id))
                .filter(area_populations::pfa_code.eq(code)),
        )
        .execute(conn)?;
        diesel::insert_into(area_populations::table)
            .values((
                area_populations::cycle_id.eq(cycle_id),
                area_populations::pfa_code.eq(code),
                area_populations::females_16_plus.eq(p.females_16_plus as i64),
                area_populations::males_16_plus.eq(p.males_16_plus as i64),
                area_populations::children_0_15.eq(p.children_0_15 as i64),
                area_populations::source.eq(source),
                area_populations::imported_by.eq(actor),
                area_populations::imported_at.eq(now),
            ))
            .execute(conn)?;
        Ok(())
    })
}

/// Replaces the residents by group the cycle holds for the areas in `rows` (others keep theirs),
/// in one transaction with its audit record.
pub fn import_groups(
    conn: &mut DbConnection,
    cycle_id: i32,
    year: i32,
    rows: &BTreeMap<String, Groups>,
    source: &str,
    actor: &str,
) -> StoreResult<()> {
    let import = ByArea {
        year,
        source,
        actor,
        action: "population_groups.imported",
        source_hint: "say where the figures come from and for which year (e.g. \"ONS Census 2021, TS007A, TS021, TS038\")",
    };
    import_by_area(conn, import, rows, |conn, code, groups, source, now| {
        let json = serde_json::to_string(groups)
            .map_err(|e| StoreError::invalid("groups", e.to_string()))?;
        diesel::delete(
            area_population_groups::table
                .filter(area_population_groups::cycle_id.eq(cycle_id))
                .filter(area_population_groups::pfa_code.eq(code)),
        )
        .execute(conn)?;
        diesel::insert_into(area_population_groups::table)
            .values((
                area_population_groups::cycle_id.eq(cycle_id),
                area_population_groups::pfa_code.eq(code),
                area_population_groups::groups.eq(json),
                area_population_groups::source.eq(source),
                area_population_groups::imported_by.eq(actor),
                area_population_groups::imported_at.eq(now),
            ))
            .execute(conn)?;
        Ok(())
    })
}

/// Each area's residents by group for the cycle `year`: its own, or else the latest earlier
/// cycle's, each with its source and the year it was imported for.
pub fn groups_for_year(
    conn: &mut DbConnection,
    year: i32,
) -> StoreResult<BTreeMap<String, AreaGroups>> {
    let rows: Vec<(i32, String, String, String)> = area_population_groups::table
        .inner_join(survey_cycles::table)
        .filter(survey_cycles::year.le(year))
        .order(survey_cycles::year.asc())
        .select((
            survey_cycles::year,
            area_population_groups::pfa_code,
            area_population_groups::groups,
            area_population_groups::source,
        ))
        .load(conn)?;
    let mut out = BTreeMap::new();
    for (year, code, json, source) in rows {
        let groups: Groups = serde_json::from_str(&json).map_err(|e| {
            StoreError::invalid(format!("population groups of {code}"), e.to_string())
        })?;
        out.insert(
            code,
            AreaGroups {
                groups,
                source,
                year,
            },
        );
    }
    Ok(out)
}

/// Each area's population for the cycle `year`: its own, or else the latest earlier cycle's
/// (which the pack reports as stale).
pub fn for_year(
    conn: &mut DbConnection,
    year: i32,
) -> StoreResult<BTreeMap<String, AreaPopulation>> {
    let rows: Vec<(i32, String, i64, i64, i64, String)> = area_populations::table
        .inner_join(survey_cycles::table)
        .filter(survey_cycles::year.le(year))
        .order(survey_cycles::year.asc())
        .select((
            survey_cycles::year,
            area_populations::pfa_code,
            area_populations::females_16_plus,
            area_populations::males_16_plus,
            area_populations::children_0_15,
            area_populations::source,
        ))
        .load(conn)?;
    let people = |n: i64| u64::try_from(n).unwrap_or(0);
    Ok(rows
        .into_iter()
        .map(|(for_year, code, f, m, c, source)| {
            let population = Population {
                females_16_plus: people(f),
                males_16_plus: people(m),
                children_0_15: people(c),
            };
            (
                code,
                AreaPopulation {
                    population,
                    source,
                    for_year,
                },
            )
        })
        .collect())
}

/// Replaces the all-age populations the cycle holds for the upper-tier authorities in `rows`
/// (others keep theirs), in one transaction with its audit record.
pub fn import_authorities(
    conn: &mut DbConnection,
    cycle_id: i32,
    year: i32,
    rows: &BTreeMap<String, u64>,
    source: &str,
    actor: &str,
) -> StoreResult<()> {
    let import = ByArea {
        year,
        source,
        actor,
        action: "authority_population.imported",
        source_hint: "say where the population figures come from and for which year (e.g. \"ONS mid-2023 population estimates\")",
    };
    import_by_area(conn, import, rows, |conn, code, people, source, now| {
        let population = i64::try_from(*people)
            .map_err(|_| StoreError::invalid("population", format!("{people} is too many")))?;
        diesel::delete(
            authority_populations::table
                .filter(authority_populations::cycle_id.eq(cycle_id))
                .filter(authority_populations::utla_code.eq(code)),
        )
        .execute(conn)?;
        diesel::insert_into(authority_populations::table)
            .values((
                authority_populations::cycle_id.eq(cycle_id),
                authority_populations::utla_code.eq(code),
                authority_populations::population.eq(population),
                authority_populations::source.eq(source),
                authority_populations::imported_by.eq(actor),
                authority_populations::imported_at.eq(now),
            ))
            .execute(conn)?;
        Ok(())
    })
}

/// Each upper-tier authority's all-age population for the cycle `year`: its own, or else the
/// latest earlier cycle's (an authority keeps its code while it exists, and one abolished is
/// simply not asked for).
pub fn authorities_for_year(
    conn: &mut DbConnection,
    year: i32,
) -> StoreResult<BTreeMap<String, u64>> {
    let rows: Vec<(String, i64)> = authority_populations::table
        .inner_join(survey_cycles::table)
        .filter(survey_cycles::year.le(year))
        .order(survey_cycles::year.asc())
        .select((
            authority_populations::utla_code,
            authority_populations::population,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(code, n)| (code, u64::try_from(n).unwrap_or(0)))
        .collect())
}

/// The cycle's prevalence rates: those the team entered, or the reference defaults.
pub fn rates(conn: &mut DbConnection, cycle_id: i32) -> StoreResult<Vec<Rate>> {
    let rows: Vec<(String, String, String, f64, String)> = prevalence_rates::table
        .filter(prevalence_rates::cycle_id.eq(cycle_id))
        .order(prevalence_rates::rate_id)
        .select((
            prevalence_rates::rate_id,
            prevalence_rates::label,
            prevalence_rates::applies_to,
            prevalence_rates::percent,
            prevalence_rates::source,
        ))
        .load(conn)?;
    if rows.is_empty() {
        return Ok(prevalence::defaults());
    }
    rows.into_iter()
        .map(|(id, label, applies_to, percent, source)| {
            let applies_to = AppliesTo::parse(&applies_to)
                .map_err(|e| StoreError::Task(format!("stored rate {id}: {e}")))?;
            Ok(Rate {
                id,
                label,
                applies_to,
                percent,
                source,
            })
        })
        .collect()
}

/// Sets one rate of the cycle (checked: a percentage with its source). The first rate a team
/// enters starts from the defaults, so entering one rate never drops the others; the others keep
/// who entered them and when.
pub fn set_rate(
    conn: &mut DbConnection,
    cycle_id: i32,
    year: i32,
    rate: &Rate,
    actor: &str,
) -> StoreResult<()> {
    rate.check()
        .map_err(|e| StoreError::invalid("rate", e.to_string()))?;
    let now = clock::now();
    crate::db::transaction(conn, |conn| {
        let stored: i64 = prevalence_rates::table
            .filter(prevalence_rates::cycle_id.eq(cycle_id))
            .count()
            .get_result(conn)?;
        let current = rates(conn, cycle_id)?;
        let before = current
            .iter()
            .find(|r| r.id == rate.id)
            .map(|r| format!("{}% ({})", r.percent, r.source));
        // The cycle's first entered rate stores the defaults beside it; after that only the rate
        // set changes, so every other rate keeps who entered it and when.
        let mut writing: Vec<&Rate> = Vec::new();
        if stored == 0 {
            writing.extend(current.iter().filter(|r| r.id != rate.id));
        }
        diesel::delete(
            prevalence_rates::table
                .filter(prevalence_rates::cycle_id.eq(cycle_id))
                .filter(prevalence_rates::rate_id.eq(&rate.id)),
        )
        .execute(conn)?;
        writing.push(rate);
        for r in writing {
            diesel::insert_into(prevalence_rates::table)
                .values((
                    prevalence_rates::cycle_id.eq(cycle_id),
                    prevalence_rates::rate_id.eq(&r.id),
                    prevalence_rates::label.eq(&r.label),
                    prevalence_rates::applies_to.eq(r.applies_to.code()),
                    prevalence_rates::percent.eq(r.percent),
                    prevalence_rates::source.eq(&r.source),
                    prevalence_rates::entered_by.eq(actor),
                    prevalence_rates::entered_at.eq(&now),
                ))
                .execute(conn)?;
        }
        audit::record(
            conn,
            audit::Change {
                actor,
                action: "prevalence_rate.set",
                entity: "cycle",
                entity_id: format!("{year}/{}", rate.id),
                before,
                after: Some(format!(
                    "{}% of {} ({})",
                    rate.percent,
                    rate.applies_to.label(),
                    rate.source
                )),
                reason: None,
            },
        )
    })
}
