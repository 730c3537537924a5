//! Sending a cycle's invitations: each unsent invitation gets a fresh link and a message in the
//! outbox, in one transaction, so it is sent exactly once however often the admin asks.

use crate::db::DbConnection;
use crate::error::{AppError, AppResult};
use crate::mail::{compose, MailSettings};
use crate::store::{audit, cycles, invitations, outbox, services};

/// Queues an invitation for every contact not yet invited; returns how many were queued.
/// `actor` is recorded in the audit log with the count.
pub fn send(
    conn: &mut DbConnection,
    settings: &MailSettings,
    year: i32,
    actor: &str,
) -> AppResult<usize> {
    let cycle = cycles::by_year(conn, year)?;
    if !cycle.is_open() {
        return Err(AppError::invalid(
            "cycle",
            format!(
                "the {year} cycle is {}; open it before sending invitations",
                cycle.status
            ),
        ));
    }
    let mut queued = 0;
    for invitation in invitations::unsent(conn, cycle.id)? {
        let service = services::get(conn, invitation.service_id)?;
        let key = format!("invitation:{}", invitation.id);
        frontline_store::db::transaction(conn, |conn| {
            if outbox::is_queued(conn, &key)? {
                return Ok::<_, AppError>(());
            }
            let token = invitations::mint_token(conn, invitation.id)?;
            let letter = compose::invitation(
                &cycle,
                &service,
                &invitation.contact_name,
                &settings.link(&token),
            );
            outbox::enqueue(conn, &key, &invitation.email, &letter.subject, &letter.body)?;
            invitations::mark_sent(conn, invitation.id)?;
            queued += 1;
            Ok(())
        })?;
    }
    if queued > 0 {
        audit::record(
            conn,
            audit::Change {
                actor,
                action: "invitations.sent",
                entity: "cycle",
                entity_id: year.to_string(),
                after: Some(format!("{queued} invitations queued")),
                ..Default::default()
            },
        )?;
    }
    Ok(queued)
}
