//! Reminders to services that have not submitted: sent on the dates set for the cycle, or when
//! the survey team asks. At most one reminder per invitation per day.

use crate::clock;
use crate::db::DbConnection;
use crate::error::{AppError, AppResult};
use crate::mail::{compose, MailSettings};
use crate::store::{cycles, invitations, outbox, services};
use crate::Platform;

/// Queues a reminder, dated `date`, for every invited service that has not submitted.
pub fn send(
    conn: &mut DbConnection,
    settings: &MailSettings,
    cycle: &cycles::Cycle,
    date: &str,
) -> AppResult<usize> {
    if !cycle.is_open() {
        return Err(AppError::invalid(
            "cycle",
            format!(
                "the {} cycle is {}; reminders go only while it is open",
                cycle.year, cycle.status
            ),
        ));
    }
    let mut queued = 0;
    for invitation in invitations::awaiting_response(conn, cycle.id)? {
        let key = format!("reminder:{}:{date}", invitation.id);
        if outbox::is_queued(conn, &key)? {
            continue;
        }
        let service = services::get(conn, invitation.service_id)?;
        frontline_store::db::transaction(conn, |conn| {
            let token = invitations::mint_token(conn, invitation.id)?;
            let letter = compose::reminder(
                cycle,
                &service,
                &invitation.contact_name,
                &settings.link(&token),
            );
            outbox::enqueue(conn, &key, &invitation.email, &letter.subject, &letter.body)?;
            invitations::mark_reminded(conn, invitation.id)?;
            queued += 1;
            Ok::<_, AppError>(())
        })?;
    }
    Ok(queued)
}

/// For each open cycle whose latest reminder date has come, queues that day's reminders
/// (once: the outbox refuses a second reminder for the same date).
pub fn queue_scheduled(platform: &Platform, settings: &MailSettings) -> AppResult<usize> {
    let mut conn = platform.conn()?;
    let today = clock::today();
    let mut queued = 0;
    for cycle in cycles::open_cycles(&mut conn)? {
        let due = cycle
            .reminder_dates()
            .into_iter()
            .filter(|d| *d <= today.as_str())
            .max()
            .map(str::to_string);
        if let Some(date) = due {
            queued += send(&mut conn, settings, &cycle, &date)?;
        }
    }
    Ok(queued)
}

/// Checks reminder dates typed by the survey team: `YYYY-MM-DD`, separated by commas or spaces.
pub fn parse_dates(text: &str) -> AppResult<String> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    let mut dates = Vec::new();
    for part in text
        .split([',', ' ', '\n', '\r', '\t'])
        .filter(|p| !p.is_empty())
    {
        time::Date::parse(part, &format).map_err(|_| {
            AppError::invalid(
                "reminder_dates",
                format!("'{part}' is not a date; write dates like 2026-12-01"),
            )
        })?;
        dates.push(part.to_string());
    }
    dates.sort();
    dates.dedup();
    Ok(dates.join(","))
}

#[cfg(test)]
mod tests {
    use super::parse_dates;

    #[test]
    fn reminder_dates_are_checked_and_sorted() {
        assert_eq!(
            parse_dates("2026-12-08, 2026-12-01 2026-12-08").unwrap(),
            "2026-12-01,2026-12-08"
        );
        let err = parse_dates("2026-12-01, 1st Dec").unwrap_err().to_string();
        assert!(
            err.contains("reminder_dates") && err.contains("1st"),
            "{err}"
        );
    }
}
