//! Named invitations to an instrument: each person on the list gets a response of their own
//! and an email with its private link. The list is a CSV of `name,email`, checked whole before
//! anything is stored; a person already invited is not invited twice.

use crate::crypto;
use crate::db::DbConnection;
use crate::error::{AppError, AppResult};
use crate::instruments::wave::instrument_of;
use crate::store::cycles;
use crate::store::instruments::{self, NewResponse};
use crate::store::states::CycleStatus;
use crate::store::{audit, outbox};
use crate::surveys::schema_ref;
use crate::Platform;
use diesel::Connection;

/// The channel named invitations are counted under.
pub const CHANNEL: &str = "invitation";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invitee {
    pub name: String,
    pub email: String,
}

/// Reads `name,email` rows; errors name the line and the field.
pub fn read_list(text: &str) -> AppResult<Vec<Invitee>> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| AppError::invalid("file", format!("line 1: {e}")))?
        .clone();
    for wanted in ["name", "email"] {
        if !headers.iter().any(|h| h == wanted) {
            return Err(AppError::invalid(
                "file",
                format!("line 1: the header has no '{wanted}' column (expected name,email)"),
            ));
        }
    }
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap_or(0);
    let (name_at, email_at) = (column("name"), column("email"));
    let mut out: Vec<Invitee> = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let line = i + 2;
        let record = record.map_err(|e| AppError::invalid("file", format!("line {line}: {e}")))?;
        let name = record.get(name_at).unwrap_or("").to_string();
        let email = record.get(email_at).unwrap_or("").to_lowercase();
        if name.is_empty() {
            return Err(AppError::invalid(
                "name",
                format!("line {line}: the name is empty"),
            ));
        }
        let plausible = email
            .split_once('@')
            .is_some_and(|(u, h)| !u.is_empty() && h.contains('.'))
            && !email.contains(char::is_whitespace);
        if !plausible {
            return Err(AppError::invalid(
                "email",
                format!("line {line}: '{email}' is not an email address"),
            ));
        }
        if out.iter().any(|o| o.email == email) {
            return Err(AppError::invalid(
                "email",
                format!("line {line}: {email} is on the list twice"),
            ));
        }
        out.push(Invitee { name, email });
    }
    Ok(out)
}

/// Invites everyone on `list` not yet invited to the instrument; returns how many were invited.
pub fn invite(
    platform: &Platform,
    conn: &mut DbConnection,
    year: i32,
    instrument: &str,
    list: &[Invitee],
    public_url: &str,
    by: &str,
) -> AppResult<usize> {
    let cycle = cycles::by_year(conn, year)?;
    let wave = instrument_of(conn, &cycle, instrument)?;
    if !matches!(cycle.status, CycleStatus::Draft | CycleStatus::Open) {
        return Err(AppError::Closed(format!(
            "the {} wave has closed; invitations can no longer be sent",
            cycle.year
        )));
    }
    let def = platform.catalogue.get(instrument)?;
    let already: Vec<String> = instruments::responses_of_wave(conn, cycle.id)?
        .into_iter()
        .filter(|r| r.instrument == instrument)
        .filter_map(|r| r.invited_email)
        .collect();
    conn.transaction(|conn| {
        let mut invited = 0;
        for person in list.iter().filter(|p| !already.contains(&p.email)) {
            let token = crypto::new_token();
            instruments::start(
                conn,
                NewResponse {
                    cycle_id: cycle.id,
                    instrument,
                    schema_version: &schema_ref(def),
                    open_link_id: None,
                    channel: CHANNEL,
                    invited_email: Some(&person.email),
                    resume_hash: &crypto::token_hash(&token),
                    client_key: None,
                },
            )?;
            let body = format!(
                "Dear {},\n\nWe would be grateful for your answers to the {} ({}), part of the {}. It takes about 15 minutes; you can save and come back.\n\nYour private link (please do not forward it):\n{}/s/{token}\n\nThe survey closes on {}.\n",
                person.name,
                def.title,
                wave.group_name,
                cycle.title,
                public_url.trim_end_matches('/'),
                cycle.closes_on
            );
            outbox::enqueue(
                conn,
                &format!("instrument-invitation:{}:{instrument}:{}", cycle.id, person.email),
                &person.email,
                &format!("Invitation: {}", def.title),
                &body,
            )?;
            invited += 1;
        }
        audit::record(
            conn,
            audit::Change {
                actor: by,
                action: "instrument.invited",
                entity: "cycle",
                entity_id: cycle.year.to_string(),
                after: Some(format!("{invited} invited to {instrument}")),
                ..Default::default()
            },
        )?;
        Ok(invited)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_address_names_its_line_and_field() {
        let err = read_list("name,email\nAsha,asha@example.org\nBen,not-an-address\n")
            .expect_err("refused");
        assert_eq!(
            err.to_string(),
            "email: line 3: 'not-an-address' is not an email address"
        );
        let list = read_list("email,name\nASHA@example.org, Asha \n").expect("read");
        assert_eq!(
            list[0],
            Invitee {
                name: "Asha".into(),
                email: "asha@example.org".into()
            }
        );
    }
}
