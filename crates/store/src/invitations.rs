//! Invitations to answer a cycle's survey, and the hashed tokens of the links mailed for them.

use crate::clock;
use crate::clock::Timestamp;
use crate::crypto::LinkToken;
use crate::cycles::Cycle;
use crate::db::schema::{
    contacts, invitation_tokens, invitations, organisations, responses, service_areas, services,
    survey_cycles,
};
use crate::db::DbConnection;
use crate::error::StoreResult;
use crate::responses::Response;
use crate::services::Service;
use crate::states::ResponseStatus;
use diesel::prelude::*;
use serde::Serialize;

/// An invitation with the contact it goes to.
#[derive(Debug, Clone, Serialize)]
pub struct Invitation {
    pub id: i32,
    pub cycle_id: i32,
    pub service_id: i32,
    pub contact_name: String,
    pub email: String,
    pub sent_at: Option<Timestamp>,
    pub opened_at: Option<Timestamp>,
    pub reminded_at: Option<Timestamp>,
}

type Row = (
    i32,
    i32,
    i32,
    String,
    String,
    Option<Timestamp>,
    Option<Timestamp>,
    Option<Timestamp>,
);

fn from_row(r: Row) -> Invitation {
    Invitation {
        id: r.0,
        cycle_id: r.1,
        service_id: r.2,
        contact_name: r.3,
        email: r.4,
        sent_at: r.5,
        opened_at: r.6,
        reminded_at: r.7,
    }
}

macro_rules! invitation_columns {
    () => {
        (
            invitations::id,
            invitations::cycle_id,
            invitations::service_id,
            contacts::name,
            contacts::email,
            invitations::sent_at,
            invitations::opened_at,
            invitations::reminded_at,
        )
    };
}

/// Creates the invitation for a contact of a service, unless it exists; returns its id.
pub fn ensure(
    conn: &mut DbConnection,
    cycle_id: i32,
    service_id: i32,
    contact_id: i32,
) -> StoreResult<i32> {
    let found = invitations::table
        .filter(invitations::cycle_id.eq(cycle_id))
        .filter(invitations::service_id.eq(service_id))
        .filter(invitations::contact_id.eq(contact_id))
        .select(invitations::id)
        .first::<i32>(conn)
        .optional()?;
    match found {
        Some(id) => Ok(id),
        None => Ok(diesel::insert_into(invitations::table)
            .values((
                invitations::cycle_id.eq(cycle_id),
                invitations::service_id.eq(service_id),
                invitations::contact_id.eq(contact_id),
                invitations::created_at.eq(clock::now()),
            ))
            .returning(invitations::id)
            .get_result(conn)?),
    }
}

pub fn for_cycle(conn: &mut DbConnection, cycle_id: i32) -> StoreResult<Vec<Invitation>> {
    let rows: Vec<Row> = invitations::table
        .inner_join(contacts::table.on(contacts::id.eq(invitations::contact_id)))
        .filter(invitations::cycle_id.eq(cycle_id))
        .order(invitations::id)
        .select(invitation_columns!())
        .load(conn)?;
    Ok(rows.into_iter().map(from_row).collect())
}

/// Invitations of a cycle not yet mailed.
pub fn unsent(conn: &mut DbConnection, cycle_id: i32) -> StoreResult<Vec<Invitation>> {
    Ok(for_cycle(conn, cycle_id)?
        .into_iter()
        .filter(|i| i.sent_at.is_none())
        .collect())
}

/// Mailed invitations whose service has not submitted a response this cycle.
pub fn awaiting_response(conn: &mut DbConnection, cycle_id: i32) -> StoreResult<Vec<Invitation>> {
    let submitted: Vec<i32> = responses::table
        .filter(responses::cycle_id.eq(cycle_id))
        .filter(responses::status.eq(ResponseStatus::Submitted))
        .select(responses::service_id)
        .load(conn)?;
    Ok(for_cycle(conn, cycle_id)?
        .into_iter()
        .filter(|i| i.sent_at.is_some() && !submitted.contains(&i.service_id))
        .collect())
}

/// Makes a new link token for an invitation and stores its hash; returns the token to mail.
pub fn mint_token(conn: &mut DbConnection, invitation_id: i32) -> StoreResult<LinkToken> {
    let token = LinkToken::generate();
    diesel::insert_into(invitation_tokens::table)
        .values((
            invitation_tokens::token_hash.eq(token.hash()),
            invitation_tokens::invitation_id.eq(invitation_id),
            invitation_tokens::created_at.eq(clock::now()),
        ))
        .execute(conn)?;
    Ok(token)
}

/// Who a link token belongs to, and their service's response so far.
#[derive(Debug, Clone)]
pub struct LinkHolder {
    pub invitation_id: i32,
    pub cycle: Cycle,
    pub service: Service,
    pub opened: bool,
    pub response: Option<Response>,
}

/// An invitation's id and when it was first opened; its service's organisation, name and one
/// area covered (a row per area).
type HolderRow = (i32, Option<String>, i32, String, String, Option<String>);

/// The link's holder in one round trip (a row per area the service covers, each carrying the
/// same cycle and response): every request through a link starts here, and a save then needs
/// only its write.
pub fn by_token(conn: &mut DbConnection, token: &LinkToken) -> StoreResult<Option<LinkHolder>> {
    let hash = token.hash();
    let rows: Vec<(HolderRow, Cycle, Option<Response>)> = invitation_tokens::table
        .inner_join(
            invitations::table
                .inner_join(survey_cycles::table)
                .inner_join(
                    services::table
                        .inner_join(organisations::table)
                        .left_join(service_areas::table),
                )
                .left_join(
                    responses::table.on(responses::cycle_id
                        .eq(invitations::cycle_id)
                        .and(responses::service_id.eq(invitations::service_id))),
                ),
        )
        .filter(invitation_tokens::token_hash.eq(hash))
        .select((
            (
                invitations::id,
                invitations::opened_at,
                services::id,
                organisations::name,
                services::name,
                service_areas::pfa_code.nullable(),
            ),
            Cycle::as_select(),
            Option::<Response>::as_select(),
        ))
        .load(conn)?;
    let mut rows = rows.into_iter();
    let Some(((invitation_id, opened_at, service_id, organisation, name, area), cycle, response)) =
        rows.next()
    else {
        return Ok(None);
    };
    // Sorted here rather than by the database: a sort step costs it more than the save does.
    let mut areas: Vec<String> = area
        .into_iter()
        .chain(rows.filter_map(|((.., area), ..)| area))
        .collect();
    areas.sort_unstable();
    Ok(Some(LinkHolder {
        invitation_id,
        cycle,
        service: Service {
            id: service_id,
            organisation,
            name,
            areas,
        },
        opened: opened_at.is_some(),
        response,
    }))
}

pub fn mark_sent(conn: &mut DbConnection, id: i32) -> StoreResult<()> {
    diesel::update(invitations::table.find(id))
        .set(invitations::sent_at.eq(clock::now()))
        .execute(conn)?;
    Ok(())
}

pub fn mark_reminded(conn: &mut DbConnection, id: i32) -> StoreResult<()> {
    diesel::update(invitations::table.find(id))
        .set(invitations::reminded_at.eq(clock::now()))
        .execute(conn)?;
    Ok(())
}

/// Records the first time a link was opened.
pub fn mark_opened(conn: &mut DbConnection, id: i32) -> StoreResult<()> {
    diesel::update(
        invitations::table
            .find(id)
            .filter(invitations::opened_at.is_null()),
    )
    .set(invitations::opened_at.eq(clock::now()))
    .execute(conn)?;
    Ok(())
}
