//! A safe-accommodation service's standing link for posting its own refuge vacancies: made and
//! withdrawn by the survey team (audited), at most one live per service, kept only as its
//! token's hash.

use crate::audit;
use crate::clock::{self, Timestamp};
use crate::crypto::LinkToken;
use crate::db::schema::vacancy_links;
use crate::db::DbConnection;
use crate::error::{StoreError, StoreResult};
use diesel::prelude::*;
use std::collections::BTreeMap;

/// Makes a new posting link for `service_id`, withdrawing any it had; returns the token (shown
/// once: only its hash is kept).
pub fn create(conn: &mut DbConnection, service_id: i32, by: &str) -> StoreResult<LinkToken> {
    let token = LinkToken::generate();
    let now = clock::now();
    crate::db::transaction(conn, |conn| {
        let replaced = end_live(conn, service_id, &now)?;
        diesel::insert_into(vacancy_links::table)
            .values((
                vacancy_links::service_id.eq(service_id),
                vacancy_links::token_hash.eq(token.hash()),
                vacancy_links::created_by.eq(by),
                vacancy_links::created_at.eq(&now),
            ))
            .execute(conn)
            .map_err(|e| match e {
                diesel::result::Error::DatabaseError(
                    diesel::result::DatabaseErrorKind::UniqueViolation,
                    _,
                ) => StoreError::invalid(
                    "service",
                    "another posting link for this service was made at the same moment; make one again",
                ),
                other => other.into(),
            })?;
        audit::record(
            conn,
            audit::Change {
                actor: by,
                action: "vacancy_link.created",
                entity: "service",
                entity_id: service_id.to_string(),
                after: Some(if replaced > 0 {
                    "a new posting link, the old one withdrawn".into()
                } else {
                    "a posting link".into()
                }),
                ..Default::default()
            },
        )?;
        Ok::<_, StoreError>(())
    })?;
    Ok(token)
}

/// Withdraws `service_id`'s live posting link, if it has one; audited.
pub fn withdraw(conn: &mut DbConnection, service_id: i32, by: &str) -> StoreResult<bool> {
    let now = clock::now();
    crate::db::transaction(conn, |conn| {
        let ended = end_live(conn, service_id, &now)?;
        if ended > 0 {
            audit::record(
                conn,
                audit::Change {
                    actor: by,
                    action: "vacancy_link.withdrawn",
                    entity: "service",
                    entity_id: service_id.to_string(),
                    ..Default::default()
                },
            )?;
        }
        Ok(ended > 0)
    })
}

fn end_live(conn: &mut DbConnection, service_id: i32, now: &Timestamp) -> StoreResult<usize> {
    Ok(diesel::update(
        vacancy_links::table
            .filter(vacancy_links::service_id.eq(service_id))
            .filter(vacancy_links::withdrawn_at.is_null()),
    )
    .set(vacancy_links::withdrawn_at.eq(now))
    .execute(conn)?)
}

/// The service a live posting link is for; none for an unknown or withdrawn one.
pub fn service_of(conn: &mut DbConnection, token: &LinkToken) -> StoreResult<Option<i32>> {
    Ok(vacancy_links::table
        .filter(vacancy_links::token_hash.eq(token.hash()))
        .filter(vacancy_links::withdrawn_at.is_null())
        .select(vacancy_links::service_id)
        .first(conn)
        .optional()?)
}

/// When each service's live posting link was made, and by whom.
pub fn live(conn: &mut DbConnection) -> StoreResult<BTreeMap<i32, (Timestamp, String)>> {
    Ok(vacancy_links::table
        .filter(vacancy_links::withdrawn_at.is_null())
        .select((
            vacancy_links::service_id,
            vacancy_links::created_at,
            vacancy_links::created_by,
        ))
        .load::<(i32, Timestamp, String)>(conn)?
        .into_iter()
        .map(|(service, at, by)| (service, (at, by)))
        .collect())
}
