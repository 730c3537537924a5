//! Due diligence held on each provider (organisation): its policies, insurance and
//! accreditations, each with its reference and the day it is next due; recording one again
//! replaces it. Reminders are marked once sent so each goes once per due date. Audited.

use crate::audit;
use crate::clock;
use crate::db::schema::{due_diligence, organisations};
use crate::db::DbConnection;
use crate::error::{StoreError, StoreResult};
use diesel::prelude::*;
use frontline_grants::diligence::Item;
use frontline_provision::Day;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Held {
    pub organisation_id: i32,
    pub organisation: String,
    pub item: Item,
    pub reference: String,
    pub due_on: Day,
    pub reminded_on: Option<String>,
}

/// Records `item` for the organisation, replacing what was held.
pub fn record(
    conn: &mut DbConnection,
    organisation_id: i32,
    item: Item,
    reference: &str,
    due_on: Day,
    by: &str,
) -> StoreResult<()> {
    let now = clock::now();
    crate::db::transaction(conn, |conn| {
        diesel::delete(
            due_diligence::table
                .filter(due_diligence::organisation_id.eq(organisation_id))
                .filter(due_diligence::item.eq(item.as_str())),
        )
        .execute(conn)?;
        diesel::insert_into(due_diligence::table)
            .values((
                due_diligence::organisation_id.eq(organisation_id),
                due_diligence::item.eq(item.as_str()),
                due_diligence::reference.eq(reference),
                due_diligence::due_on.eq(due_on.to_string()),
                due_diligence::recorded_by.eq(by),
                due_diligence::recorded_at.eq(now.as_str()),
            ))
            .execute(conn)?;
        audit::record(
            conn,
            audit::Change {
                actor: by,
                action: "due_diligence.recorded",
                entity: "organisation",
                entity_id: organisation_id.to_string(),
                after: Some(format!("{}: {reference}, due {due_on}", item.as_str())),
                ..Default::default()
            },
        )?;
        Ok::<_, StoreError>(())
    })
}

/// Everything held, by organisation name then item.
pub fn all(conn: &mut DbConnection) -> StoreResult<Vec<Held>> {
    let rows: Vec<(i32, String, String, String, String, Option<String>)> = due_diligence::table
        .inner_join(organisations::table)
        .order((organisations::name, due_diligence::item))
        .select((
            due_diligence::organisation_id,
            organisations::name,
            due_diligence::item,
            due_diligence::reference,
            due_diligence::due_on,
            due_diligence::reminded_on,
        ))
        .load(conn)?;
    rows.into_iter()
        .map(
            |(organisation_id, organisation, item, reference, due_on, reminded_on)| {
                let bad = |e: String| {
                    StoreError::Task(format!("stored due diligence of {organisation}: {e}"))
                };
                Ok(Held {
                    item: Item::parse(&item).map_err(bad)?,
                    due_on: Day::parse(&due_on).map_err(bad)?,
                    organisation_id,
                    organisation,
                    reference,
                    reminded_on,
                })
            },
        )
        .collect()
}

/// Marks the item's reminder sent on `today`.
pub fn mark_reminded(
    conn: &mut DbConnection,
    organisation_id: i32,
    item: Item,
    today: &str,
) -> StoreResult<()> {
    diesel::update(
        due_diligence::table
            .filter(due_diligence::organisation_id.eq(organisation_id))
            .filter(due_diligence::item.eq(item.as_str())),
    )
    .set(due_diligence::reminded_on.eq(today))
    .execute(conn)?;
    Ok(())
}
