//! A subject-access export: everything Frontline holds on one email address, as JSON — staff
//! account, survey contacts and their invitations, the responses given through those links,
//! other instruments' responses given by invitation to the address, return requests, mail
//! sent, and the audit events about or by the address.

use crate::db::schema::{
    accounts, audit_events, contacts, instrument_responses, invitations, outbox, responses,
    return_requests, services,
};
use crate::db::DbConnection;
use crate::error::{AppError, AppResult};
use crate::store::audit::{self, AuditEvent};
use diesel::prelude::*;
use serde_json::{json, Value};
use survey_engine::contact::EmailAddress;

pub fn export(conn: &mut DbConnection, email: &str, actor: &str) -> AppResult<Value> {
    let email = EmailAddress::parse(email)
        .map_err(|problem| AppError::invalid("email", problem))?
        .to_string();
    let account: Option<(String, String, String, Option<String>, String)> = accounts::table
        .filter(accounts::email.eq(&email))
        .select((
            accounts::email,
            accounts::name,
            accounts::role,
            accounts::office,
            accounts::created_at,
        ))
        .first(conn)
        .optional()?;
    let contact_rows: Vec<(i32, i32, String, String, Option<String>, String)> = contacts::table
        .inner_join(services::table)
        .filter(contacts::email.eq(&email))
        .select((
            contacts::id,
            contacts::service_id,
            contacts::name,
            contacts::email,
            contacts::phone,
            services::name,
        ))
        .load(conn)?;
    let mut contact_views = Vec::new();
    for (contact_id, service_id, name, address, phone, service) in &contact_rows {
        let invited: Vec<(i32, Option<String>, Option<String>)> = invitations::table
            .filter(invitations::contact_id.eq(contact_id))
            .select((
                invitations::cycle_id,
                invitations::sent_at,
                invitations::opened_at,
            ))
            .load(conn)?;
        let cycle_ids: Vec<i32> = invited.iter().map(|i| i.0).collect();
        let answers: Vec<(i32, String, String, Option<String>)> = responses::table
            .filter(responses::service_id.eq(service_id))
            .filter(responses::cycle_id.eq_any(&cycle_ids))
            .select((
                responses::cycle_id,
                responses::status,
                responses::answers,
                responses::submitted_at,
            ))
            .load(conn)?;
        contact_views.push(json!({
            "service": service,
            "name": name,
            "email": address,
            "phone": phone,
            "invitations": invited.iter().map(|(c, sent, opened)| json!({"cycle_id": c, "sent_at": sent, "opened_at": opened})).collect::<Vec<_>>(),
            "responses_through_these_links": answers.iter().map(|(c, status, a, at)| json!({
                "cycle_id": c, "status": status, "submitted_at": at,
                "answers": serde_json::from_str::<Value>(a).unwrap_or(Value::Null),
            })).collect::<Vec<_>>(),
        }));
    }
    let requests: Vec<(String, String, String)> = return_requests::table
        .filter(return_requests::email.eq(&email))
        .select((
            return_requests::period,
            return_requests::contact_name,
            return_requests::sent_at,
        ))
        .load(conn)?;
    let instrument_answers: Vec<(i32, String, String, String, Option<String>)> =
        instrument_responses::table
            .filter(instrument_responses::invited_email.eq(&email))
            .select((
                instrument_responses::cycle_id,
                instrument_responses::instrument,
                instrument_responses::status,
                instrument_responses::answers,
                instrument_responses::submitted_at,
            ))
            .load(conn)?;
    let mail: Vec<(String, String, Option<String>)> = outbox::table
        .filter(outbox::recipient.eq(&email))
        .select((outbox::subject, outbox::status, outbox::sent_at))
        .load(conn)?;
    let events: Vec<AuditEvent> = audit_events::table
        .filter(
            audit_events::actor
                .eq(&email)
                .or(audit_events::entity_id.eq(&email)),
        )
        .order(audit_events::id)
        .load(conn)?;
    audit::record(
        conn,
        audit::Change {
            actor,
            action: "subject_access.exported",
            entity: "person",
            entity_id: email.clone(),
            ..Default::default()
        },
    )?;
    Ok(json!({
        "email": email,
        "exported_at": crate::clock::now(),
        "staff_account": account.map(|(e, n, r, o, c)| json!({"email": e, "name": n, "role": r, "office": o, "created_at": c})),
        "survey_contacts": contact_views,
        "instrument_responses": instrument_answers.iter().map(|(c, instrument, status, a, at)| json!({
            "cycle_id": c, "instrument": instrument, "status": status, "submitted_at": at,
            "answers": serde_json::from_str::<Value>(a).unwrap_or(Value::Null),
        })).collect::<Vec<_>>(),
        "return_requests": requests.iter().map(|(p, n, s)| json!({"period": p, "name": n, "sent_at": s})).collect::<Vec<_>>(),
        "mail": mail.iter().map(|(subject, status, sent)| json!({"subject": subject, "status": status, "sent_at": sent})).collect::<Vec<_>>(),
        "audit_events": events,
    }))
}
