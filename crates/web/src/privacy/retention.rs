//! The retention policy: personal data from cycles older than the newest `keep` is erased —
//! the personal answers (names, job titles) of their responses, contacts asked only in those
//! cycles, the personal answers (gender, age, ethnicity), invited addresses and address hashes
//! of their other instruments' respondents, and the addresses on mail sent before the oldest
//! kept cycle opened. Figures stay.

use crate::db::schema::{contacts, instrument_responses, invitations, outbox, responses};
use crate::db::DbConnection;
use crate::error::{AppError, AppResult};
use crate::store::states::MailStatus;
use crate::store::{audit, cycles};
use diesel::prelude::*;
use serde::Serialize;
use serde_json::Value;
use survey_engine::{Catalogue, SubmittedAnswers};

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Erased {
    pub cycles: Vec<i32>,
    pub responses: usize,
    pub instrument_responses: usize,
    pub contacts: usize,
    pub messages: usize,
}

/// Erases (or, with `dry_run`, counts) personal data older than the newest `keep` cycles.
pub fn apply(
    conn: &mut DbConnection,
    catalogue: &Catalogue,
    keep: usize,
    dry_run: bool,
    actor: &str,
) -> AppResult<Erased> {
    if keep == 0 {
        return Err(AppError::invalid(
            "keep-cycles",
            "keep at least the current cycle (1 or more)",
        ));
    }
    let all = cycles::all(conn)?; // newest first
    let kept: Vec<&cycles::Cycle> = all.iter().take(keep).collect();
    let old: Vec<&cycles::Cycle> = all.iter().skip(keep).collect();
    let mut erased = Erased {
        cycles: old.iter().map(|c| c.year).collect(),
        ..Erased::default()
    };
    let Some(oldest_kept) = kept.last() else {
        return Ok(erased);
    };
    frontline_store::db::transaction(conn, |conn| {
        let old_ids: Vec<i32> = old.iter().map(|c| c.id).collect();
        erased.responses = erase_personal_answers(conn, catalogue, &old_ids, dry_run)?;
        erased.instrument_responses =
            erase_instrument_respondents(conn, catalogue, &old_ids, dry_run)?;
        erased.contacts = erase_contacts(conn, &old_ids, dry_run)?;
        erased.messages = erase_mail(conn, &oldest_kept.opens_on, dry_run)?;
        if !dry_run {
            audit::record(
                conn,
                audit::Change {
                    actor,
                    action: "retention.applied",
                    entity: "database",
                    entity_id: format!("keep {keep} cycles"),
                    after: Some(serde_json::to_string(&erased).unwrap_or_default()),
                    ..Default::default()
                },
            )?;
        }
        Ok::<_, AppError>(())
    })?;
    Ok(erased)
}

fn erase_personal_answers(
    conn: &mut DbConnection,
    catalogue: &Catalogue,
    cycle_ids: &[i32],
    dry_run: bool,
) -> AppResult<usize> {
    let rows: Vec<(i32, String, String, Option<String>)> = responses::table
        .filter(responses::cycle_id.eq_any(cycle_ids))
        .select((
            responses::id,
            responses::schema_version,
            responses::answers,
            responses::submitted_answers,
        ))
        .load(conn)?;
    let mut changed = 0;
    for (id, schema, answers, submitted) in rows {
        let new_answers = scrub(catalogue, &schema, &answers);
        let new_submitted = submitted
            .as_deref()
            .and_then(|json| scrub(catalogue, &schema, json));
        if new_answers.is_none() && new_submitted.is_none() {
            continue;
        }
        changed += 1;
        if dry_run {
            continue;
        }
        let answers = new_answers.unwrap_or(answers);
        match new_submitted {
            // The figures are read again from the submitted answers as scrubbed, and stored
            // with them (a scrub removes personal answers, which no figure is read from).
            Some(submitted) => {
                let def = catalogue.get(crate::surveys::schema_id(&schema))?;
                let read = SubmittedAnswers::read(def, &submitted)?;
                diesel::update(responses::table.find(id))
                    .set((
                        responses::answers.eq(answers),
                        responses::submitted_answers.eq(read.text()),
                        responses::figures.eq(read.figures()),
                        responses::figures_key.eq(read.key()),
                    ))
                    .execute(conn)?;
            }
            None => {
                diesel::update(responses::table.find(id))
                    .set(responses::answers.eq(answers))
                    .execute(conn)?;
            }
        }
    }
    Ok(changed)
}

/// The personal answers of a definition's questions removed from `json`, if it had any.
fn scrub(catalogue: &Catalogue, schema: &str, json: &str) -> Option<String> {
    let def = catalogue.get(crate::surveys::schema_id(schema)).ok()?;
    let personal: Vec<&str> = def
        .questions()
        .filter(|q| q.personal)
        .map(|q| q.id.as_str())
        .collect();
    let mut value: Value = serde_json::from_str(json).ok()?;
    let map = value.as_object_mut()?;
    let before = map.len();
    map.retain(|k, _| !personal.contains(&k.as_str()));
    (map.len() < before).then(|| value.to_string())
}

/// Other instruments' respondents lose their personal answers, invited address and address hash.
fn erase_instrument_respondents(
    conn: &mut DbConnection,
    catalogue: &Catalogue,
    cycle_ids: &[i32],
    dry_run: bool,
) -> AppResult<usize> {
    type Row = (i32, String, String, Option<String>, Option<String>);
    let rows: Vec<Row> = instrument_responses::table
        .filter(instrument_responses::cycle_id.eq_any(cycle_ids))
        .select((
            instrument_responses::id,
            instrument_responses::instrument,
            instrument_responses::answers,
            instrument_responses::invited_email,
            instrument_responses::client_key,
        ))
        .load(conn)?;
    let mut changed = 0;
    for (id, instrument, answers, email, key) in rows {
        let scrubbed = scrub(catalogue, &instrument, &answers);
        if scrubbed.is_none() && email.is_none() && key.is_none() {
            continue;
        }
        changed += 1;
        if !dry_run {
            diesel::update(instrument_responses::table.find(id))
                .set((
                    instrument_responses::answers.eq(scrubbed.unwrap_or(answers)),
                    instrument_responses::invited_email.eq(None::<String>),
                    instrument_responses::client_key.eq(None::<String>),
                ))
                .execute(conn)?;
        }
    }
    Ok(changed)
}

/// Contacts invited only in old cycles lose their name, address and phone.
fn erase_contacts(conn: &mut DbConnection, old_cycles: &[i32], dry_run: bool) -> AppResult<usize> {
    let in_old: Vec<i32> = invitations::table
        .filter(invitations::cycle_id.eq_any(old_cycles))
        .select(invitations::contact_id)
        .load(conn)?;
    let in_kept: Vec<i32> = invitations::table
        .filter(invitations::cycle_id.ne_all(old_cycles))
        .select(invitations::contact_id)
        .load(conn)?;
    let mut ids: Vec<i32> = in_old
        .into_iter()
        .filter(|c| !in_kept.contains(c))
        .collect();
    ids.sort();
    ids.dedup();
    let erasable: Vec<i32> = contacts::table
        .filter(contacts::id.eq_any(&ids))
        .filter(contacts::email.not_like("erased-%"))
        .select(contacts::id)
        .load(conn)?;
    if !dry_run {
        for id in &erasable {
            diesel::update(contacts::table.find(id))
                .set((
                    contacts::name.eq(""),
                    contacts::email.eq(format!("erased-{id}@erased.invalid")),
                    contacts::phone.eq(None::<String>),
                ))
                .execute(conn)?;
        }
    }
    Ok(erasable.len())
}

/// Sent or failed mail from before `before` loses its recipient and subject.
fn erase_mail(conn: &mut DbConnection, before: &str, dry_run: bool) -> AppResult<usize> {
    let old = outbox::table
        .filter(outbox::created_at.lt(before))
        .filter(outbox::status.eq_any([MailStatus::Sent, MailStatus::Failed]))
        .filter(outbox::recipient.ne("erased"));
    if dry_run {
        return Ok(old.count().get_result::<i64>(conn)? as usize);
    }
    Ok(diesel::update(old)
        .set((
            outbox::recipient.eq("erased"),
            outbox::subject.eq("(erased)"),
            outbox::body.eq("(erased)"),
        ))
        .execute(conn)?)
}
