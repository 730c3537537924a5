//! The names a quote must not carry: every police force area (and each part of a joint name,
//! such as "Devon" in "Devon & Cornwall"), upper-tier local authority, town of 5,000 or more,
//! service, organisation, contact and respondent the platform knows.

use crate::db::schema::contacts;
use crate::db::DbConnection;
use crate::error::AppResult;
use crate::store::cycles::Cycle;
use crate::store::{responses, services};
use crate::Platform;
use diesel::prelude::*;
use frontline_qualitative::redact::{NameKind, Redactor};

/// A redactor for quotes and word clouds of `cycle`.
pub fn redactor(
    platform: &Platform,
    conn: &mut DbConnection,
    cycle: &Cycle,
) -> AppResult<Redactor> {
    let given = responses::for_cycle(conn, cycle.id)?;
    redactor_among(platform, conn, cycle, &given)
}

/// [`redactor`] from the cycle's responses as already read.
pub fn redactor_among(
    platform: &Platform,
    conn: &mut DbConnection,
    cycle: &Cycle,
    given: &[responses::Response],
) -> AppResult<Redactor> {
    let mut names: Vec<(String, NameKind)> = Vec::new();
    for area in platform.geography.areas() {
        names.push((area.name.clone(), NameKind::Area));
        let parts = area.name.split([' ', '-', '&']).filter(|p| {
            p.len() >= 4
                && !["Police", "City", "North", "South", "East", "West", "with"].contains(p)
        });
        names.extend(parts.map(|p| (p.to_string(), NameKind::Area)));
    }
    for authority in frontline_geo::authorities::upper_tier_authorities()? {
        names.push((authority.name.clone(), NameKind::Area));
    }
    for town in frontline_geo::places::towns() {
        names.push((town.to_string(), NameKind::Area));
    }
    for service in services::all(conn)? {
        names.push((service.name.clone(), NameKind::Service));
        names.push((service.organisation.clone(), NameKind::Service));
        names.push((
            format!("{} {}", service.organisation, service.name),
            NameKind::Service,
        ));
    }
    let people: Vec<String> = contacts::table.select(contacts::name).load(conn)?;
    for person in people {
        push_person(&mut names, &person);
    }
    let def = super::definition(platform, cycle)?;
    let personal: Vec<&str> = def
        .questions()
        .filter(|q| q.personal)
        .map(|q| q.id.as_str())
        .collect();
    for response in given {
        let Ok(answers) = serde_json::from_str::<serde_json::Value>(&response.answers) else {
            continue;
        };
        for id in &personal {
            if let Some(name) = answers.get(id).and_then(|v| v.as_str()) {
                push_person(&mut names, name);
            }
        }
    }
    Ok(Redactor::new(names))
}

/// A person's whole name and, when it looks like a personal name ("Sarah Okafor": two or three
/// capitalised words), each part long enough not to be a common word.
fn push_person(names: &mut Vec<(String, NameKind)>, person: &str) {
    names.push((person.to_string(), NameKind::Person));
    let parts: Vec<&str> = person.split_whitespace().collect();
    let looks_like_a_name = (2..=3).contains(&parts.len())
        && parts.iter().all(|p| {
            p.chars().next().is_some_and(char::is_uppercase)
                && p.chars()
                    .all(|c| c.is_alphabetic() || c == '\'' || c == '-')
        });
    if looks_like_a_name {
        names.extend(
            parts
                .into_iter()
                .filter(|p| p.chars().count() >= 4)
                .map(|p| (p.to_string(), NameKind::Person)),
        );
    }
}
