//! The durable mail outbox: messages are queued in the same transaction as the change that
//! causes them, and a worker sends them with retry and back-off.

use crate::clock;
use crate::clock::Timestamp;
use crate::db::schema::outbox;
use crate::db::DbConnection;
use crate::error::StoreResult;
use crate::states::MailStatus;
use diesel::prelude::*;
use serde::Serialize;

#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = outbox)]
pub struct Mail {
    pub id: i32,
    pub dedupe_key: String,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub status: MailStatus,
    pub attempts: i32,
    pub next_attempt_at: Timestamp,
    pub last_error: Option<String>,
    pub created_at: Timestamp,
    pub sent_at: Option<Timestamp>,
    /// While a worker is sending: until when its claim holds.
    pub lease_until: Option<String>,
}

/// After this many failed attempts a message is marked failed and shown to the admin.
pub const MAX_ATTEMPTS: i32 = 8;

/// Whether a message with this key was ever queued.
pub fn is_queued(conn: &mut DbConnection, dedupe_key: &str) -> StoreResult<bool> {
    Ok(diesel::select(diesel::dsl::exists(
        outbox::table.filter(outbox::dedupe_key.eq(dedupe_key)),
    ))
    .get_result(conn)?)
}

/// Queues a message once per `dedupe_key`; returns false when it was already queued. The
/// database's unique key decides, so two servers queueing the same reminder at once queue one.
pub fn enqueue(
    conn: &mut DbConnection,
    dedupe_key: &str,
    recipient: &str,
    subject: &str,
    body: &str,
) -> StoreResult<bool> {
    if is_queued(conn, dedupe_key)? {
        return Ok(false);
    }
    let now = clock::now();
    // In a savepoint, so losing the race to another server rolls back only this insert.
    let inserted = crate::db::transaction(conn, |conn| {
        diesel::insert_into(outbox::table)
            .values((
                outbox::dedupe_key.eq(dedupe_key),
                outbox::recipient.eq(recipient),
                outbox::subject.eq(subject),
                outbox::body.eq(body),
                outbox::status.eq(MailStatus::Pending),
                outbox::next_attempt_at.eq(&now),
                outbox::created_at.eq(&now),
            ))
            .execute(conn)
    });
    match inserted {
        Ok(_) => Ok(true),
        Err(diesel::result::Error::DatabaseError(
            diesel::result::DatabaseErrorKind::UniqueViolation,
            _,
        )) => Ok(false),
        Err(e) => Err(e.into()),
    }
}

/// Claims up to `limit` messages for sending: due ones, and ones whose sender's lease expired
/// (it stopped mid-send). A claim is a conditional update on the row as it was read, so two
/// workers, in one process or several servers, never hold the same message; a live lease is
/// never taken over.
///
/// `lease_seconds` is how long the claim holds: sending takes seconds (SMTP times out after a
/// minute), so a claim older than that belongs to a worker that stopped.
pub fn claim_due(
    conn: &mut DbConnection,
    limit: i64,
    lease_seconds: i64,
) -> StoreResult<Vec<Mail>> {
    let now = clock::now();
    let expired = outbox::status.eq(MailStatus::Sending).and(
        outbox::lease_until
            .is_null()
            .or(outbox::lease_until.lt(&now)),
    );
    let due: Vec<(i32, i32)> = outbox::table
        .filter(
            outbox::status
                .eq(MailStatus::Pending)
                .and(outbox::next_attempt_at.le(&now))
                .or(expired),
        )
        .order(outbox::id)
        .limit(limit)
        .select((outbox::id, outbox::attempts))
        .load(conn)?;
    let lease = clock::in_seconds(lease_seconds);
    let mut claimed = Vec::new();
    for (id, attempts) in due {
        // Only if nobody claimed it since we read it: the attempts count moves with every claim.
        let won = diesel::update(
            outbox::table
                .find(id)
                .filter(outbox::attempts.eq(attempts))
                .filter(outbox::status.ne(MailStatus::Sent)),
        )
        .set((
            outbox::status.eq(MailStatus::Sending),
            outbox::attempts.eq(outbox::attempts + 1),
            outbox::lease_until.eq(&lease),
        ))
        .execute(conn)?;
        if won == 1 {
            claimed.push(
                outbox::table
                    .find(id)
                    .select(Mail::as_select())
                    .first(conn)?,
            );
        }
    }
    Ok(claimed)
}

/// Marks a message sent and removes its body, which may hold a link token.
pub fn mark_sent(conn: &mut DbConnection, id: i32) -> StoreResult<()> {
    diesel::update(outbox::table.find(id))
        .set((
            outbox::status.eq(MailStatus::Sent),
            outbox::sent_at.eq(clock::now()),
            outbox::body.eq("(sent; body removed)"),
            outbox::last_error.eq(None::<String>),
            outbox::lease_until.eq(None::<String>),
        ))
        .execute(conn)?;
    Ok(())
}

/// Puts a message back in the queue after a failure, to be tried again after `retry_at`,
/// or marks it failed for good after [`MAX_ATTEMPTS`].
pub fn mark_failed(
    conn: &mut DbConnection,
    mail: &Mail,
    error: &str,
    retry_at: &Timestamp,
) -> StoreResult<()> {
    let status = if mail.attempts >= MAX_ATTEMPTS {
        MailStatus::Failed
    } else {
        MailStatus::Pending
    };
    diesel::update(outbox::table.find(mail.id))
        .set((
            outbox::status.eq(status),
            outbox::next_attempt_at.eq(retry_at),
            outbox::last_error.eq(error),
            outbox::lease_until.eq(None::<String>),
        ))
        .execute(conn)?;
    Ok(())
}

/// Messages whose sender stopped mid-send (lease expired), which the next claim will retry.
pub fn interrupted(conn: &mut DbConnection) -> StoreResult<i64> {
    let now = clock::now();
    Ok(outbox::table
        .filter(outbox::status.eq(MailStatus::Sending))
        .filter(
            outbox::lease_until
                .is_null()
                .or(outbox::lease_until.lt(&now)),
        )
        .count()
        .get_result(conn)?)
}

/// Count of messages by status.
pub fn tally(conn: &mut DbConnection) -> StoreResult<Vec<(MailStatus, i64)>> {
    Ok(outbox::table
        .group_by(outbox::status)
        .select((outbox::status, diesel::dsl::count(outbox::id)))
        .order(outbox::status)
        .load(conn)?)
}

/// The most recent failures, for the admin to see.
pub fn recent_failures(conn: &mut DbConnection, limit: i64) -> StoreResult<Vec<Mail>> {
    Ok(outbox::table
        .filter(outbox::last_error.is_not_null())
        .filter(outbox::status.ne(MailStatus::Sent))
        .order(outbox::id.desc())
        .limit(limit)
        .select(Mail::as_select())
        .load(conn)?)
}
