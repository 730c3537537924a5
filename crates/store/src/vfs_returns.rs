//! Providers' VFS returns: one per service per period, whichever programmes fund the service;
//! the requests and links sent for them.

use crate::clock;
use crate::clock::Timestamp;
use crate::crypto::LinkToken;
use crate::db::schema::{return_requests, return_tokens, vfs_returns};
use crate::db::DbConnection;
use crate::error::StoreResult;
use crate::states::{ResponseStatus, ReturnChannel};
use diesel::prelude::*;
use serde::Serialize;

#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = vfs_returns)]
pub struct StoredReturn {
    pub id: i32,
    pub service_id: i32,
    pub period: String,
    pub pfa_code: String,
    pub status: ResponseStatus,
    pub answers: String,
    pub submitted_answers: Option<String>,
    pub channel: ReturnChannel,
    pub submitted_at: Option<Timestamp>,
    pub updated_at: Timestamp,
}

impl StoredReturn {
    /// What counts: the submitted answers (a later unsubmitted amendment does not).
    pub fn counted_answers(&self) -> Option<&str> {
        match self.status {
            ResponseStatus::Submitted => {
                Some(self.submitted_answers.as_deref().unwrap_or(&self.answers))
            }
            ResponseStatus::Partial => self.submitted_answers.as_deref(),
        }
    }
}

pub fn find(
    conn: &mut DbConnection,
    service_id: i32,
    period: &str,
) -> StoreResult<Option<StoredReturn>> {
    Ok(vfs_returns::table
        .filter(vfs_returns::service_id.eq(service_id))
        .filter(vfs_returns::period.eq(period))
        .select(StoredReturn::as_select())
        .first(conn)
        .optional()?)
}

/// Saves answers: `submit` marks them as the submitted figures.
pub fn save(
    conn: &mut DbConnection,
    service_id: i32,
    period: &str,
    pfa_code: &str,
    answers: &str,
    submit: bool,
    channel: ReturnChannel,
) -> StoreResult<()> {
    let now = clock::now();
    let status = if submit {
        ResponseStatus::Submitted
    } else {
        ResponseStatus::Partial
    };
    match find(conn, service_id, period)? {
        None => {
            diesel::insert_into(vfs_returns::table)
                .values((
                    vfs_returns::service_id.eq(service_id),
                    vfs_returns::period.eq(period),
                    vfs_returns::pfa_code.eq(pfa_code),
                    vfs_returns::status.eq(status),
                    vfs_returns::answers.eq(answers),
                    vfs_returns::submitted_answers.eq(submit.then_some(answers)),
                    vfs_returns::channel.eq(channel),
                    vfs_returns::submitted_at.eq(submit.then_some(&now)),
                    vfs_returns::updated_at.eq(&now),
                ))
                .execute(conn)?;
        }
        Some(existing) => {
            let submitted = if submit {
                Some(answers.to_string())
            } else {
                existing.submitted_answers.clone()
            };
            // Once submitted, a return stays submitted: a later save is an amendment.
            let status = existing.status.max(status);
            diesel::update(vfs_returns::table.find(existing.id))
                .set((
                    vfs_returns::pfa_code.eq(pfa_code),
                    vfs_returns::status.eq(status),
                    vfs_returns::answers.eq(answers),
                    vfs_returns::submitted_answers.eq(submitted),
                    vfs_returns::submitted_at.eq(if submit {
                        Some(now.clone())
                    } else {
                        existing.submitted_at
                    }),
                    vfs_returns::updated_at.eq(&now),
                ))
                .execute(conn)?;
        }
    }
    Ok(())
}

/// Every return for the given periods (any service).
pub fn for_periods(conn: &mut DbConnection, periods: &[String]) -> StoreResult<Vec<StoredReturn>> {
    Ok(vfs_returns::table
        .filter(vfs_returns::period.eq_any(periods))
        .order((vfs_returns::period, vfs_returns::service_id))
        .select(StoredReturn::as_select())
        .load(conn)?)
}

/// The returns of `services` for the given periods.
pub fn for_periods_of(
    conn: &mut DbConnection,
    periods: &[String],
    services: &[i32],
) -> StoreResult<Vec<StoredReturn>> {
    Ok(vfs_returns::table
        .filter(vfs_returns::period.eq_any(periods))
        .filter(vfs_returns::service_id.eq_any(services))
        .order((vfs_returns::period, vfs_returns::service_id))
        .select(StoredReturn::as_select())
        .load(conn)?)
}

/// Which services' returns for the given periods are in, and how far: (service, period, status),
/// without the answers (a programme's tracking of forty quarters from 1,500 services reads
/// 60,000 of these).
pub fn statuses_for_periods(
    conn: &mut DbConnection,
    periods: &[String],
) -> StoreResult<Vec<(i32, String, ResponseStatus)>> {
    Ok(vfs_returns::table
        .filter(vfs_returns::period.eq_any(periods))
        .select((
            vfs_returns::service_id,
            vfs_returns::period,
            vfs_returns::status,
        ))
        .load(conn)?)
}

/// A service's returns, oldest period first.
pub fn for_service(conn: &mut DbConnection, service_id: i32) -> StoreResult<Vec<StoredReturn>> {
    Ok(vfs_returns::table
        .filter(vfs_returns::service_id.eq(service_id))
        .order(vfs_returns::period)
        .select(StoredReturn::as_select())
        .load(conn)?)
}

/// A request to a service's contact for a period, with a fresh link; none if already sent.
pub fn request(
    conn: &mut DbConnection,
    service_id: i32,
    period: &str,
    email: &str,
    contact_name: &str,
) -> StoreResult<Option<(i32, LinkToken)>> {
    let exists = return_requests::table
        .filter(return_requests::service_id.eq(service_id))
        .filter(return_requests::period.eq(period))
        .filter(return_requests::email.eq(email))
        .count()
        .get_result::<i64>(conn)?
        > 0;
    if exists {
        return Ok(None);
    }
    let id: i32 = diesel::insert_into(return_requests::table)
        .values((
            return_requests::service_id.eq(service_id),
            return_requests::period.eq(period),
            return_requests::email.eq(email),
            return_requests::contact_name.eq(contact_name),
            return_requests::sent_at.eq(clock::now()),
        ))
        .returning(return_requests::id)
        .get_result(conn)?;
    Ok(Some((id, mint_token(conn, id)?)))
}

/// A new link for a request (a reminder carries its own).
pub fn mint_token(conn: &mut DbConnection, request_id: i32) -> StoreResult<LinkToken> {
    let token = LinkToken::generate();
    diesel::insert_into(return_tokens::table)
        .values((
            return_tokens::token_hash.eq(token.hash()),
            return_tokens::request_id.eq(request_id),
        ))
        .execute(conn)?;
    Ok(token)
}

#[derive(Debug, Clone, Queryable)]
pub struct Request {
    pub id: i32,
    pub service_id: i32,
    pub period: String,
    pub email: String,
    pub contact_name: String,
    pub sent_at: Timestamp,
    pub reminded_on: Option<String>,
}

/// The request a link belongs to.
pub fn by_token(conn: &mut DbConnection, token: &LinkToken) -> StoreResult<Option<Request>> {
    Ok(return_tokens::table
        .inner_join(return_requests::table)
        .filter(return_tokens::token_hash.eq(token.hash()))
        .select(return_requests::all_columns)
        .first(conn)
        .optional()?)
}

/// Requests for a period, for reminders.
pub fn requests_for(conn: &mut DbConnection, period: &str) -> StoreResult<Vec<Request>> {
    Ok(return_requests::table
        .filter(return_requests::period.eq(period))
        .order(return_requests::id)
        .load(conn)?)
}

pub fn mark_reminded(conn: &mut DbConnection, request_id: i32) -> StoreResult<()> {
    diesel::update(return_requests::table.find(request_id))
        .set(return_requests::reminded_on.eq(clock::today()))
        .execute(conn)?;
    Ok(())
}
