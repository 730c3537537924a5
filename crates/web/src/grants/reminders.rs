//! Reminders before due diligence falls due: each item due within 60 days (or overdue) is
//! mailed to the contacts of the provider's services, once per due date.

use crate::db::DbConnection;
use crate::error::AppResult;
use crate::store::{due_diligence, outbox, services};
use frontline_grants::diligence::{Standing, REMIND_DAYS_BEFORE};
use frontline_provision::Day;
use std::collections::{BTreeMap, BTreeSet};

/// What a reminder run did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Reminded {
    pub queued: usize,
    /// Items due with no contact to remind.
    pub without_contact: usize,
}

/// Queues a reminder per contact for every item due within [`REMIND_DAYS_BEFORE`] days of
/// `today` or overdue, each once per due date.
pub fn send(conn: &mut DbConnection, today: Day) -> AppResult<Reminded> {
    let mut contacts: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for s in services::all(conn)? {
        for (_, email) in services::contacts_of(conn, s.id)? {
            contacts
                .entry(s.organisation.clone())
                .or_default()
                .insert(email);
        }
    }
    let mut done = Reminded::default();
    for held in due_diligence::all(conn)? {
        let standing = Standing::on(today, held.due_on);
        if standing == Standing::Current {
            continue;
        }
        let Some(to) = contacts.get(&held.organisation) else {
            done.without_contact += 1;
            continue;
        };
        let subject = format!(
            "{}: {} is {}",
            held.organisation,
            held.item.label(),
            standing.label()
        );
        let body = format!(
            "Dear colleague,\n\nOur records show {}'s {} ({}) is due for review on {}. Commissioners ask for it to be current while a grant runs: please send the renewed document to the commissioner who funds you, who will record its new date.\n\nThis reminder is sent {} days before the date and once after it passes.\n",
            held.organisation,
            held.item.label(),
            held.reference,
            held.due_on,
            REMIND_DAYS_BEFORE
        );
        for email in to {
            let key = format!(
                "due-diligence:{}:{}:{}:{}:{email}",
                held.organisation_id,
                held.item.as_str(),
                held.due_on,
                if standing == Standing::Overdue {
                    "overdue"
                } else {
                    "due"
                }
            );
            if outbox::enqueue(conn, &key, email, &subject, &body)? {
                done.queued += 1;
            }
        }
        due_diligence::mark_reminded(conn, held.organisation_id, held.item, &today.to_string())?;
    }
    Ok(done)
}
