//! Organisations, their services, the police force areas each service covers, and contacts.

use crate::clock;
use crate::db::schema::{contacts, organisations, service_areas, service_profiles, services};
use crate::db::DbConnection;
use crate::error::{StoreError, StoreResult};
use diesel::prelude::*;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Service {
    pub id: i32,
    pub organisation: String,
    pub name: String,
    /// ONS codes of the areas covered, sorted.
    pub areas: Vec<String>,
}

impl Service {
    /// `Organisation – Service`, as imports, files and pages name a service.
    pub fn full_name(&self) -> String {
        format!("{} – {}", self.organisation, self.name)
    }
}

/// Finds the organisation by name, creating it if new.
pub fn organisation_id(conn: &mut DbConnection, name: &str) -> StoreResult<i32> {
    let found = organisations::table
        .filter(organisations::name.eq(name))
        .select(organisations::id)
        .first::<i32>(conn)
        .optional()?;
    match found {
        Some(id) => Ok(id),
        None => Ok(diesel::insert_into(organisations::table)
            .values(organisations::name.eq(name))
            .returning(organisations::id)
            .get_result(conn)?),
    }
}

/// Creates a service of `organisation` covering `areas` (ONS codes); names must be unique within it.
pub fn create(
    conn: &mut DbConnection,
    organisation: &str,
    name: &str,
    areas: &[String],
) -> StoreResult<Service> {
    if areas.is_empty() {
        return Err(StoreError::invalid(
            "areas",
            format!("service '{name}' must cover at least one police force area"),
        ));
    }
    crate::db::transaction(conn, |conn| {
        let org = organisation_id(conn, organisation)?;
        let id: i32 = diesel::insert_into(services::table)
            .values((
                services::organisation_id.eq(org),
                services::name.eq(name),
                services::created_at.eq(clock::now()),
            ))
            .returning(services::id)
            .get_result(conn)?;
        let mut codes = areas.to_vec();
        codes.sort();
        codes.dedup();
        for code in &codes {
            diesel::insert_into(service_areas::table)
                .values((
                    service_areas::service_id.eq(id),
                    service_areas::pfa_code.eq(code),
                ))
                .execute(conn)?;
        }
        Ok(Service {
            id,
            organisation: organisation.to_string(),
            name: name.to_string(),
            areas: codes,
        })
    })
}

pub fn add_contact(
    conn: &mut DbConnection,
    service_id: i32,
    name: &str,
    email: &str,
) -> StoreResult<i32> {
    Ok(diesel::insert_into(contacts::table)
        .values((
            contacts::service_id.eq(service_id),
            contacts::name.eq(name),
            contacts::email.eq(email),
        ))
        .returning(contacts::id)
        .get_result(conn)?)
}

/// Every service with its organisation and areas, ordered by id.
pub fn all(conn: &mut DbConnection) -> StoreResult<Vec<Service>> {
    let rows: Vec<(i32, String, String)> = services::table
        .inner_join(organisations::table)
        .order(services::id)
        .select((services::id, organisations::name, services::name))
        .load(conn)?;
    let areas: Vec<(i32, String)> = service_areas::table
        .order((service_areas::service_id, service_areas::pfa_code))
        .load(conn)?;
    Ok(with_areas(rows, areas))
}

/// The services with a profile in the cycle `cycle_id`, with their areas, by id.
pub fn profiled_in(conn: &mut DbConnection, cycle_id: i32) -> StoreResult<Vec<Service>> {
    let profiled = || {
        service_profiles::table
            .filter(service_profiles::cycle_id.eq(cycle_id))
            .select(service_profiles::service_id)
    };
    let rows: Vec<(i32, String, String)> = services::table
        .inner_join(organisations::table)
        .filter(services::id.eq_any(profiled()))
        .order(services::id)
        .select((services::id, organisations::name, services::name))
        .load(conn)?;
    let areas: Vec<(i32, String)> = service_areas::table
        .filter(service_areas::service_id.eq_any(profiled()))
        .order((service_areas::service_id, service_areas::pfa_code))
        .load(conn)?;
    Ok(with_areas(rows, areas))
}

/// Services (by id) joined to their areas (by service id, then code): one walk through both.
fn with_areas(rows: Vec<(i32, String, String)>, areas: Vec<(i32, String)>) -> Vec<Service> {
    let mut areas = areas.into_iter().peekable();
    rows.into_iter()
        .map(|(id, organisation, name)| {
            while areas.next_if(|(service, _)| *service < id).is_some() {}
            let mut covered = Vec::new();
            while let Some((_, code)) = areas.next_if(|(service, _)| *service == id) {
                covered.push(code);
            }
            Service {
                id,
                organisation,
                name,
                areas: covered,
            }
        })
        .collect()
}

/// A service with its areas, in one round trip.
pub fn get(conn: &mut DbConnection, id: i32) -> StoreResult<Service> {
    let rows: Vec<(String, String, Option<String>)> = services::table
        .inner_join(organisations::table)
        .left_join(service_areas::table)
        .filter(services::id.eq(id))
        .order(service_areas::pfa_code)
        .select((
            organisations::name,
            services::name,
            service_areas::pfa_code.nullable(),
        ))
        .load(conn)?;
    let (organisation, name) = rows
        .first()
        .map(|(o, n, _)| (o.clone(), n.clone()))
        .ok_or_else(|| StoreError::NotFound(format!("service {id}")))?;
    Ok(Service {
        id,
        organisation,
        name,
        areas: rows.into_iter().filter_map(|(_, _, area)| area).collect(),
    })
}

/// Service `id`, when it takes part in the cycle `cycle_id` (invited to it, answered it, or
/// profiled or estimated in it); otherwise not found, so an id from another cycle in a URL acts
/// on nothing.
pub fn in_cycle(conn: &mut DbConnection, cycle_id: i32, id: i32) -> StoreResult<Service> {
    use crate::db::schema::{carried_figures, invitations, responses, service_profiles};
    use diesel::dsl::exists;
    let takes_part = diesel::select(
        exists(
            invitations::table
                .filter(invitations::cycle_id.eq(cycle_id))
                .filter(invitations::service_id.eq(id)),
        )
        .or(exists(
            responses::table
                .filter(responses::cycle_id.eq(cycle_id))
                .filter(responses::service_id.eq(id)),
        ))
        .or(exists(
            service_profiles::table
                .filter(service_profiles::cycle_id.eq(cycle_id))
                .filter(service_profiles::service_id.eq(id)),
        ))
        .or(exists(
            carried_figures::table
                .filter(carried_figures::cycle_id.eq(cycle_id))
                .filter(carried_figures::service_id.eq(id)),
        )),
    )
    .get_result::<bool>(conn)?;
    if takes_part {
        get(conn, id)
    } else {
        Err(StoreError::NotFound(format!("service {id} in this cycle")))
    }
}

/// The id of the service `name` names among `known`: "Organisation – Service", or a service's
/// own name when no other service shares it.
pub fn named(known: &[Service], name: &str) -> Result<i32, String> {
    let full = Service::full_name;
    // "Organisation - Service" typed with a hyphen (or a spreadsheet's em dash, curly apostrophe
    // or other capitals) means the same.
    let loose = |text: &str| {
        text.replace(['-', '—', '‐', '−'], "–")
            .replace(['’', '‘'], "'")
            .to_lowercase()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let exact: Vec<&Service> = known
        .iter()
        .filter(|s| full(s) == name || loose(&full(s)) == loose(name))
        .collect();
    if let [one] = exact.as_slice() {
        return Ok(one.id);
    }
    let by_name: Vec<&Service> = known.iter().filter(|s| s.name == name).collect();
    match by_name.as_slice() {
        [one] => Ok(one.id),
        [] => Err(format!("no service is called '{name}'")),
        several => Err(format!(
            "{} services are called '{name}'; write it as \"Organisation – Service\", e.g. \"{}\"",
            several.len(),
            full(several[0])
        )),
    }
}

/// Renames the service `service` names (see [`named`]); audited. Returns its id.
pub fn rename(conn: &mut DbConnection, service: &str, name: &str, by: &str) -> StoreResult<i32> {
    let name = name.trim();
    if name.is_empty() {
        return Err(StoreError::invalid("name", "give the service's new name"));
    }
    let id = named(&all(conn)?, service).map_err(|e| StoreError::invalid("service", e))?;
    crate::db::transaction(conn, |conn| {
        diesel::update(services::table.find(id))
            .set(services::name.eq(name))
            .execute(conn)?;
        crate::audit::record(
            conn,
            crate::audit::Change {
                actor: by,
                action: "service.renamed",
                entity: "service",
                entity_id: id.to_string(),
                before: Some(service.to_string()),
                after: Some(name.to_string()),
                ..Default::default()
            },
        )
    })?;
    Ok(id)
}

pub fn count(conn: &mut DbConnection) -> StoreResult<i64> {
    Ok(services::table.count().get_result(conn)?)
}

/// The service of `organisation` called `name`, created if new; any of `areas` it does not yet
/// cover are added. Returns its id and whether it was created.
pub fn find_or_create(
    conn: &mut DbConnection,
    organisation: &str,
    name: &str,
    areas: &[String],
) -> StoreResult<(i32, bool)> {
    let found = services::table
        .inner_join(organisations::table)
        .filter(organisations::name.eq(organisation))
        .filter(services::name.eq(name))
        .select(services::id)
        .first::<i32>(conn)
        .optional()?;
    let Some(id) = found else {
        return Ok((create(conn, organisation, name, areas)?.id, true));
    };
    let covered: Vec<String> = service_areas::table
        .filter(service_areas::service_id.eq(id))
        .select(service_areas::pfa_code)
        .load(conn)?;
    for code in areas.iter().filter(|c| !covered.contains(c)) {
        diesel::insert_into(service_areas::table)
            .values((
                service_areas::service_id.eq(id),
                service_areas::pfa_code.eq(code),
            ))
            .execute(conn)?;
    }
    Ok((id, false))
}

/// The contact of a service with this email, added if new; returns its id.
pub fn ensure_contact(
    conn: &mut DbConnection,
    service_id: i32,
    name: &str,
    email: &str,
) -> StoreResult<i32> {
    let found = contacts::table
        .filter(contacts::service_id.eq(service_id))
        .filter(contacts::email.eq(email))
        .select(contacts::id)
        .first::<i32>(conn)
        .optional()?;
    match found {
        Some(id) => Ok(id),
        None => add_contact(conn, service_id, name, email),
    }
}

/// A service's contacts: (name, email), in the order they were added.
pub fn contacts_of(conn: &mut DbConnection, service_id: i32) -> StoreResult<Vec<(String, String)>> {
    Ok(contacts::table
        .filter(contacts::service_id.eq(service_id))
        .order(contacts::id)
        .select((contacts::name, contacts::email))
        .load(conn)?)
}
