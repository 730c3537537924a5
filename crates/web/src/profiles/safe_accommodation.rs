//! Which services of a cycle run a refuge or other safe accommodation: their profile offers it,
//! or their survey answers count refuge workers. No free text of theirs is ever published — not
//! in the directory, and not as a quote of what their practitioners wrote. Their places count,
//! as totals by police force area and by upper-tier local authority only, against the Council of
//! Europe minimum.

use super::saving;
use crate::db::DbConnection;
use crate::error::{AppError, AppResult};
use crate::store::cycles::Cycle;
use crate::store::{populations, profiles, responses, services};
use crate::Platform;
use frontline_geo::authorities::upper_tier_authorities_on;
use frontline_geo::tables::Table;
use frontline_provision::gaps::ServiceProfile;
use frontline_provision::part4::{self, ServiceInAuthorities};
use frontline_provision::safe_accommodation::{
    spaces_by_pfa, spaces_by_utla, ByAuthority, SafeAccommodation,
};
use frontline_provision::vocabulary::ServiceType;
use std::collections::{BTreeMap, BTreeSet};
use survey_engine::{Answers, PractitionerFigures};

/// The services of `cycle` that offer refuge or other safe accommodation (by their profiles, or
/// refuge practitioners among the cycle's responses, `given` as already read).
pub fn services_among(
    platform: &Platform,
    conn: &mut DbConnection,
    cycle: &Cycle,
    given: &[responses::Response],
) -> AppResult<BTreeSet<i32>> {
    let mut out = BTreeSet::new();
    for stored in profiles::for_cycle(conn, cycle.id)? {
        let answers = Answers::from_json(&stored.answers)?;
        if ServiceProfile::from_answers(&answers).is_safe_accommodation() {
            out.insert(stored.service_id);
        }
    }
    let def = platform.catalogue.get(&cycle.schema_id)?;
    for response in given {
        let answers = Answers::from_json(
            response
                .submitted_answers
                .as_deref()
                .unwrap_or(&response.answers),
        )?;
        if PractitionerFigures::from_answers(def, &answers)
            .role("refuge")
            .people
            > 0.0
        {
            out.insert(response.service_id);
        }
    }
    Ok(out)
}

/// The practitioner-survey responses of `cycle` from the services that offer refuge or other
/// safe accommodation.
pub fn responses_of(
    platform: &Platform,
    conn: &mut DbConnection,
    cycle: &Cycle,
) -> AppResult<BTreeSet<i32>> {
    let given = responses::for_cycle(conn, cycle.id)?;
    responses_among(platform, conn, cycle, &given)
}

/// The practitioner-survey responses of `cycle` (`given` as already read) from the services
/// that offer refuge or other safe accommodation.
pub fn responses_among(
    platform: &Platform,
    conn: &mut DbConnection,
    cycle: &Cycle,
    given: &[responses::Response],
) -> AppResult<BTreeSet<i32>> {
    let services = services_among(platform, conn, cycle, given)?;
    Ok(responses_given_by(given, &services))
}

/// The responses among `given` from `services` (as [`services_among`] finds them, for a caller
/// that needs both).
pub fn responses_given_by(
    given: &[responses::Response],
    services: &BTreeSet<i32>,
) -> BTreeSet<i32> {
    given
        .iter()
        .filter(|r| services.contains(&r.service_id))
        .map(|r| r.id)
        .collect()
}

/// Where one safe-accommodation service's places count, and what it gives of them.
pub struct Placed {
    /// The police force area its places are in; none when a service in several areas has not
    /// said which.
    pub area: Option<String>,
    /// The upper-tier authority, of the cycle's year, its places are in; none when several could
    /// hold them and it has not said which.
    pub authority: Option<String>,
    pub given: SafeAccommodation,
}

/// What the cycle's safe-accommodation services give of their places and referrals, each with
/// where its places count.
pub fn given(conn: &mut DbConnection, cycle: &Cycle) -> AppResult<Vec<Placed>> {
    let areas: BTreeMap<i32, Vec<String>> = services::profiled_in(conn, cycle.id)?
        .into_iter()
        .map(|s| (s.id, s.areas))
        .collect();
    let mut out = Vec::new();
    for stored in profiles::for_cycle(conn, cycle.id)? {
        let answers = Answers::from_json(&stored.answers)?;
        if !ServiceProfile::from_answers(&answers).is_safe_accommodation() {
            continue;
        }
        let given = SafeAccommodation::from_answers(&answers);
        if !given.is_given() {
            continue;
        }
        let areas = areas.get(&stored.service_id).map_or(&[][..], Vec::as_slice);
        out.push(Placed {
            area: saving::places_area(areas, &answers).map(str::to_string),
            authority: saving::places_authority(areas, &answers, &cycle.closes_on)?,
            given,
        });
    }
    Ok(out)
}

/// Family places by police force area code.
pub fn family_places_by_area(
    conn: &mut DbConnection,
    cycle: &Cycle,
) -> AppResult<BTreeMap<String, u64>> {
    let mut by_area = BTreeMap::new();
    for placed in given(conn, cycle)? {
        if let Some(area) = placed.area {
            *by_area.entry(area).or_insert(0) += placed.given.places.family;
        }
    }
    Ok(by_area)
}

/// Each area's all-age population for the cycle (its own import, else the latest earlier one).
pub fn population_by_area(
    conn: &mut DbConnection,
    cycle: &Cycle,
) -> AppResult<BTreeMap<String, u64>> {
    Ok(populations::for_year(conn, cycle.year)?
        .into_iter()
        .map(|(code, p)| (code, p.population.everyone()))
        .collect())
}

/// `refuge-spaces-by-pfa` for the cycle; none when no safe-accommodation service gives its
/// places, or the cycle (and those before it) holds no population.
pub fn spaces_table(
    platform: &Platform,
    conn: &mut DbConnection,
    cycle: &Cycle,
) -> AppResult<Option<Table>> {
    let places = family_places_by_area(conn, cycle)?;
    let population = population_by_area(conn, cycle)?;
    if places.is_empty() || population.is_empty() {
        return Ok(None);
    }
    Ok(Some(spaces_by_pfa(
        &platform.geography,
        &population,
        &places,
    )))
}

/// `refuge-spaces-by-utla` for the cycle: family places by upper-tier authority of its year
/// against the minimum for each authority's population; none when no safe-accommodation service
/// gives its places, or the cycle (and those before it) holds no population by authority.
///
/// Never published: the directory names each safe-accommodation service with its police force
/// areas, so where an area has one refuge, its places by authority would place that refuge in an
/// authority — finer than its police force area. The team exports it (audited, with
/// [`spaces_by_authority_export`]); a PCC office reads its own area's authorities in its draft
/// pack.
pub fn spaces_by_authority_table(
    platform: &Platform,
    conn: &mut DbConnection,
    cycle: &Cycle,
) -> AppResult<Option<Table>> {
    let population = populations::authorities_for_year(conn, cycle.year)?;
    let placed = given(conn, cycle)?;
    if placed.is_empty() || population.is_empty() {
        return Ok(None);
    }
    let mut family_places = BTreeMap::new();
    let mut unplaced = BTreeMap::new();
    for p in placed {
        match (p.authority, p.area) {
            (Some(authority), _) => {
                *family_places.entry(authority).or_insert(0) += p.given.places.family
            }
            (None, Some(area)) => *unplaced.entry(area).or_insert(0) += p.given.places.family,
            (None, None) => {}
        }
    }
    let authorities = upper_tier_authorities_on(&cycle.closes_on)?;
    Ok(Some(spaces_by_utla(
        &platform.geography,
        &ByAuthority {
            authorities: &authorities,
            population: &population,
            family_places: &family_places,
            unplaced: &unplaced,
        },
    )))
}

/// [`spaces_by_authority_table`] for the team to send to authorities, audited with who took it.
pub fn spaces_by_authority_export(
    platform: &Platform,
    conn: &mut DbConnection,
    cycle: &Cycle,
    actor: &str,
) -> AppResult<Table> {
    let table = spaces_by_authority_table(platform, conn, cycle)?.ok_or_else(|| {
        AppError::invalid(
            "cycle",
            format!(
                "the {} cycle has no refuge places or no population by authority to set them against (import one with frontline import-authority-population)",
                cycle.year
            ),
        )
    })?;
    crate::store::audit::record(
        conn,
        crate::store::audit::Change {
            actor,
            action: "refuge_spaces_by_authority.exported",
            entity: "cycle",
            entity_id: cycle.year.to_string(),
            after: Some(format!("{} row(s)", table.rows.len())),
            ..Default::default()
        },
    )?;
    Ok(table)
}

/// The services whose latest profile (of any cycle) offers refuge or other safe accommodation,
/// each with the police force area its places count in (none when a service in several areas
/// has not said which).
pub fn latest(conn: &mut DbConnection) -> AppResult<BTreeMap<i32, Option<String>>> {
    let areas: BTreeMap<i32, Vec<String>> = services::all(conn)?
        .into_iter()
        .map(|s| (s.id, s.areas))
        .collect();
    let mut out = BTreeMap::new();
    for (service_id, (_, stored)) in profiles::latest_by_service(conn, None)? {
        let answers = Answers::from_json(&stored.answers)?;
        if ServiceProfile::from_answers(&answers).is_safe_accommodation() {
            let area = areas
                .get(&service_id)
                .and_then(|a| saving::places_area(a, &answers))
                .map(str::to_string);
            out.insert(service_id, area);
        }
    }
    Ok(out)
}

/// The cycle's Part 4 report by English tier-1 authority (those in force at its close), from
/// its safe-accommodation services' profiles — of one authority when `only` names it. Not for
/// publication: every export is audited with who took it.
pub fn part4_report(
    conn: &mut DbConnection,
    cycle: &Cycle,
    only: Option<&str>,
    actor: &str,
) -> AppResult<Table> {
    let mut table = part4_table(conn, cycle)?;
    if let Some(code) = only.map(str::trim).filter(|c| !c.is_empty()) {
        table.retain_rows(|r| r.first().is_some_and(|c| c == code));
        if table.rows.is_empty() {
            return Err(AppError::invalid(
                "authority",
                format!(
                    "'{code}' is not an English upper-tier authority in force when the {} cycle closed",
                    cycle.year
                ),
            ));
        }
    }
    crate::store::audit::record(
        conn,
        crate::store::audit::Change {
            actor,
            action: "part4.exported",
            entity: "cycle",
            entity_id: cycle.year.to_string(),
            after: Some(format!("{} authority row(s)", table.rows.len())),
            reason: only.map(|c| format!("authority {c}")),
            ..Default::default()
        },
    )?;
    Ok(table)
}

fn part4_table(conn: &mut DbConnection, cycle: &Cycle) -> AppResult<Table> {
    let mut services = Vec::new();
    for stored in profiles::for_cycle(conn, cycle.id)? {
        let answers = Answers::from_json(&stored.answers)?;
        let profile = ServiceProfile::from_answers(&answers);
        if !profile.is_safe_accommodation() {
            continue;
        }
        services.push(ServiceInAuthorities {
            refuge: profile.offers.contains(&ServiceType::Refuge),
            other_safe_accommodation: profile
                .offers
                .contains(&ServiceType::OtherSafeAccommodation),
            authorities: answers
                .choices(saving::UTLAS)
                .into_iter()
                .map(str::to_string)
                .collect(),
            given: SafeAccommodation::from_answers(&answers),
        });
    }
    let authorities = upper_tier_authorities_on(&cycle.closes_on)?;
    Ok(part4::report(&authorities, &services))
}
