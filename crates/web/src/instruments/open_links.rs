//! Open links: one shareable URL per distribution channel. Anyone with it may start a response;
//! the guards keep bots and floods out without third-party services: a field people never see
//! (the honeypot), a limit on starts per address, and a minimum time before the first answers
//! are accepted (checked when they are saved). Links close with the wave or on their own.

use crate::crypto;
use crate::crypto::LinkToken;
use crate::db::DbConnection;
use crate::error::{AppError, AppResult};
use crate::instruments::wave::instrument_of;
use crate::store::audit;
use crate::store::cycles::{self, Cycle};
use crate::store::instruments::{self, NewResponse, OpenLink};
use crate::store::states::CycleStatus;
use crate::surveys::schema_ref;
use crate::{clock, Platform};
use std::time::Duration;

/// The name of the field that people never see and bots fill in.
pub const HONEYPOT: &str = "website";

/// The guards on open links.
#[derive(Debug, Clone)]
pub struct OpenLinkGuard {
    /// No answers are accepted sooner than this after a response starts.
    pub min_fill: Duration,
    /// Responses one address may start per hour.
    pub starts_per_hour: i64,
}

impl Default for OpenLinkGuard {
    fn default() -> Self {
        Self {
            min_fill: Duration::from_secs(5),
            starts_per_hour: 20,
        }
    }
}

/// Creates the open link for `channel`; audited. The URL is `/o/TOKEN`.
pub fn create(
    platform: &Platform,
    conn: &mut DbConnection,
    year: i32,
    instrument: &str,
    channel: &str,
    by: &str,
) -> AppResult<OpenLink> {
    let cycle = cycles::by_year(conn, year)?;
    instrument_of(conn, &cycle, instrument)?;
    platform.catalogue.get(instrument)?;
    if matches!(cycle.status, CycleStatus::Closed | CycleStatus::Frozen) {
        return Err(AppError::Closed(format!(
            "the {} wave has closed; open links close with it",
            cycle.year
        )));
    }
    let channel = channel.trim();
    if channel.is_empty() || channel.chars().count() > 80 {
        return Err(AppError::invalid(
            "channel",
            "name the channel in 1 to 80 characters, e.g. ADASS bulletin",
        ));
    }
    if channel.eq_ignore_ascii_case("invitation") {
        return Err(AppError::invalid(
            "channel",
            "'invitation' is kept for named invitations; choose another name",
        ));
    }
    let exists = instruments::links_of_cycle(conn, cycle.id)?
        .into_iter()
        .any(|l| l.instrument == instrument && l.channel == channel);
    if exists {
        return Err(AppError::invalid(
            "channel",
            format!("{instrument} already has an open link for '{channel}'"),
        ));
    }
    let token = crypto::new_token();
    let link = instruments::create_link(conn, cycle.id, instrument, channel, &token, by)?;
    audit::record(
        conn,
        audit::Change {
            actor: by,
            action: "open_link.created",
            entity: "open_link",
            entity_id: link.id.to_string(),
            after: Some(format!("{instrument}: {channel}")),
            ..Default::default()
        },
    )?;
    Ok(link)
}

/// Closes a link before the wave does; audited.
/// Closes open link `id` of the wave `cycle`; a link of another wave is not found.
pub fn close(conn: &mut DbConnection, cycle: &Cycle, id: i32, by: &str) -> AppResult<()> {
    let link = instruments::link(conn, id)?;
    if link.cycle_id != cycle.id {
        return Err(AppError::NotFound(format!(
            "open link {id} of the {} wave",
            cycle.year
        )));
    }
    if instruments::close_link(conn, id)? {
        audit::record(
            conn,
            audit::Change {
                actor: by,
                action: "open_link.closed",
                entity: "open_link",
                entity_id: id.to_string(),
                before: Some(format!("{}: {}", link.instrument, link.channel)),
                ..Default::default()
            },
        )?;
    }
    Ok(())
}

/// An open link that still takes responses, with its wave.
pub fn usable(conn: &mut DbConnection, token: &str) -> AppResult<(OpenLink, Cycle)> {
    let link = instruments::link_by_token(conn, token)?
        .ok_or_else(|| AppError::NotFound("survey link".into()))?;
    let cycle = cycles::by_id(conn, link.cycle_id)?;
    if link.closed_at.is_some() || !cycle.is_open() {
        return Err(AppError::Closed(format!(
            "this survey link has closed ({}). Thank you for your interest.",
            cycle.title
        )));
    }
    Ok((link, cycle))
}

/// A response started from an open link, with the private link that resumes it.
pub struct Started {
    pub resume_token: LinkToken,
}

/// Starts an anonymous response from `token`, unless the honeypot is filled or the address has
/// started too many this hour.
pub fn start(
    platform: &Platform,
    conn: &mut DbConnection,
    guard: &OpenLinkGuard,
    token: &str,
    client_address: &str,
    honeypot: &str,
) -> AppResult<Started> {
    let (link, _cycle) = usable(conn, token)?;
    if !honeypot.trim().is_empty() {
        return Err(AppError::invalid(
            HONEYPOT,
            "this field must be left empty; if you are a person, clear it and start again",
        ));
    }
    let client_key = crypto::sha256_hex(format!("{token}\n{client_address}").as_bytes());
    let since = clock::in_seconds(-3600);
    if instruments::started_by(conn, &client_key, &since)? >= guard.starts_per_hour {
        return Err(AppError::TooManyAttempts {
            message: "Many responses have been started from your network in the last hour. Please try again later, or use the private link you were given to carry on with yours.".into(),
            retry_after_secs: 3600,
        });
    }
    let def = platform.catalogue.get(&link.instrument)?;
    let resume_token = LinkToken::generate();
    instruments::start(
        conn,
        NewResponse {
            cycle_id: link.cycle_id,
            instrument: &link.instrument,
            schema_version: &schema_ref(def),
            open_link_id: Some(link.id),
            channel: &link.channel,
            invited_email: None,
            resume_hash: &resume_token.hash(),
            client_key: Some(&client_key),
        },
    )?;
    Ok(Started { resume_token })
}
