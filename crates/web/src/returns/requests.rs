//! Asking services for a period's return: a request and link per contact, queued in the outbox
//! in the same transaction; reminders to those who have not submitted. A service funded by
//! several programmes is asked once per period.

use crate::db::DbConnection;
use crate::error::{AppError, AppResult};
use crate::mail::MailSettings;
use crate::store::states::ResponseStatus;
use crate::store::{outbox, programmes, services, vfs_returns};
use frontline_returns::Period;

/// Opens `period` for the programme and queues a request to every contact of its services not
/// yet asked for that period. Returns how many were queued.
pub fn send(
    conn: &mut DbConnection,
    settings: &MailSettings,
    programme_id: &str,
    period: &str,
) -> AppResult<usize> {
    let programme = programmes::by_id(conn, programme_id)?;
    let period = begun(&programme, period)?;
    let due = programmes::open_period(conn, &programme.id, period)?;
    let mut queued = 0;
    for service_id in programmes::service_ids(conn, &programme.id)? {
        let service = services::get(conn, service_id)?;
        for (name, email) in services::contacts_of(conn, service_id)? {
            frontline_store::db::transaction(conn, |conn| {
                let Some((request, token)) =
                    vfs_returns::request(conn, service_id, &period.to_string(), &email, &name)?
                else {
                    return Ok::<_, AppError>(());
                };
                let letter = letter(
                    &service.name,
                    &name,
                    period,
                    &due,
                    &settings.return_link(&token),
                    false,
                );
                outbox::enqueue(
                    conn,
                    &format!("vfs-request:{request}"),
                    &email,
                    &letter.0,
                    &letter.1,
                )?;
                queued += 1;
                Ok(())
            })?;
        }
    }
    Ok(queued)
}

/// The programme's period `text`, refused when it has not begun: a typing slip (2030-Q1 for
/// 2025-Q1) would mail every provider about a return it cannot make.
fn begun(programme: &programmes::Programme, text: &str) -> AppResult<Period> {
    let period = programme.period(text)?;
    if period.starts() > crate::clock::today() {
        return Err(AppError::invalid(
            "Period",
            format!("{period} has not begun: ask for its returns once it is under way"),
        ));
    }
    Ok(period)
}

/// Queues one reminder per request whose service has not submitted the period's return,
/// at most once a day.
pub fn remind(
    conn: &mut DbConnection,
    settings: &MailSettings,
    programme_id: &str,
    period: &str,
    today: &str,
) -> AppResult<usize> {
    let programme = programmes::by_id(conn, programme_id)?;
    let period = begun(&programme, period)?;
    let name = period.to_string();
    let mut queued = 0;
    for request in vfs_returns::requests_for(conn, &name)? {
        let submitted = vfs_returns::find(conn, request.service_id, &name)?
            .is_some_and(|r| r.status == ResponseStatus::Submitted);
        if submitted || request.reminded_on.as_deref() == Some(today) {
            continue;
        }
        let service = services::get(conn, request.service_id)?;
        frontline_store::db::transaction(conn, |conn| {
            let key = format!("vfs-reminder:{}:{today}", request.id);
            if outbox::is_queued(conn, &key)? {
                return Ok::<_, AppError>(());
            }
            let token = vfs_returns::mint_token(conn, request.id)?;
            let letter = letter(
                &service.name,
                &request.contact_name,
                period,
                &period.due(),
                &settings.return_link(&token),
                true,
            );
            outbox::enqueue(conn, &key, &request.email, &letter.0, &letter.1)?;
            vfs_returns::mark_reminded(conn, request.id)?;
            queued += 1;
            Ok(())
        })?;
    }
    Ok(queued)
}

fn letter(
    service: &str,
    name: &str,
    period: Period,
    due: &str,
    link: &str,
    reminder: bool,
) -> (String, String) {
    let greeting = if name.trim().is_empty() {
        "Hello,".to_string()
    } else {
        format!("Dear {},", name.trim())
    };
    let subject = if reminder {
        format!("Reminder: {service}'s return for {period} was due on {due}")
    } else {
        format!("{service}: your Victims Funding Strategy return for {period}")
    };
    let body = format!(
        "{greeting}\n\n\
         Please give {service}'s Victims Funding Strategy core metrics for {period} ({} to {}) \
         by {due}. One return serves every commissioner that funds the service.\n\n\
         Answer online here:\n{link}\n\n\
         You can save and come back, and amend after submitting. This link is for your service \
         only; please do not forward it.\n\n\
         Thank you,\nThe commissioning team\n",
        period.starts(),
        period.ends(),
    );
    (subject, body)
}
