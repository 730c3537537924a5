//! Named invitations to an instrument: each person on the list gets a response of their own
//! and an email with its private link. The list is a CSV of `name,email`, checked whole before
//! anything is stored; a person already invited is not invited twice.

use crate::crypto::LinkToken;
use crate::db::DbConnection;
use crate::error::{AppError, AppResult};
use crate::instruments::wave::instrument_of;
use crate::store::cycles;
use crate::store::instruments::{self, NewResponse};
use crate::store::states::CycleStatus;
use crate::store::{audit, outbox};
use crate::surveys::schema_ref;
use crate::Platform;
use frontline_csv_import::Columns;
use survey_engine::contact::EmailAddress;

/// The channel named invitations are counted under.
pub const CHANNEL: &str = "invitation";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invitee {
    pub name: String,
    pub email: String,
}

/// Reads `name,email` rows, all or nothing; every problem names its line and field.
pub fn read_list(text: &str) -> AppResult<Vec<Invitee>> {
    let mut seen = std::collections::BTreeSet::new();
    frontline_csv_import::read(text, Columns::required(&["name", "email"]), |row| {
        let name = row.required("name");
        let email = row.check("email", EmailAddress::parse)?.to_string();
        if !seen.insert(email.clone()) {
            row.problem("email", format!("{email} is on the list twice"));
        }
        Some(Invitee { name: name?, email })
    })
    .map_err(|refused| AppError::refused("file", refused))
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
    frontline_store::db::transaction(conn, |conn| {
        let mut invited = 0;
        for person in list.iter().filter(|p| !already.contains(&p.email)) {
            let token = LinkToken::generate();
            instruments::start(
                conn,
                NewResponse {
                    cycle_id: cycle.id,
                    instrument,
                    schema_version: &schema_ref(def),
                    open_link_id: None,
                    channel: CHANNEL,
                    invited_email: Some(&person.email),
                    resume_hash: &token.hash(),
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
                cycle.closes_on,
                token = token.expose(),
            );
            outbox::enqueue(
                conn,
                &format!(
                    "instrument-invitation:{}:{instrument}:{}",
                    cycle.id, person.email
                ),
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
            "file: nothing was imported; fix these rows: line 3, email: 'not-an-address' is not \
             an email address, like help@example.org"
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
