//! `/admin/due-diligence`: what commissioners hold on each provider — safeguarding and
//! whistleblowing policies, insurance, accreditations — with the day each is next due and where
//! it stands; the survey team records for any provider, a PCC office for providers with a
//! service in its areas. Every change is audited.

use crate::access;
use crate::error::{AppError, AppResult};
use crate::grants::sees;
use crate::http::actions;
use crate::http::auth::Staff;
use crate::http::form::field;
use crate::http::page::Page;
use crate::http::AppState;
use crate::store::{due_diligence, services};
use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpResponse};
use frontline_grants::diligence::{Item, Standing};
use frontline_provision::Day;
use serde_json::json;
use std::collections::BTreeSet;

/// The providers (organisations) the account may record for.
fn providers(s: &AppState, staff: &Staff) -> AppResult<BTreeSet<String>> {
    let mut conn = s.platform.conn()?;
    let scope = access::scope_of(
        &mut conn,
        &staff.account,
        "due diligence is for commissioners and the survey team",
    )?;
    Ok(services::all(&mut conn)?
        .into_iter()
        .filter(|s| sees(&scope, s))
        .map(|s| s.organisation)
        .collect())
}

fn page(
    s: &AppState,
    staff: &Staff,
    error: Option<String>,
    notice: Option<String>,
) -> AppResult<String> {
    let mine = providers(s, staff)?;
    let today =
        Day::parse(&crate::clock::today()).map_err(|e| AppError::Task(format!("today: {e}")))?;
    let held: Vec<_> = due_diligence::all(&mut *s.platform.conn()?)?
        .into_iter()
        .filter(|d| mine.contains(&d.organisation))
        .map(|d| {
            let standing = Standing::on(today, d.due_on);
            json!({
                "organisation": d.organisation,
                "item": d.item.label(),
                "reference": d.reference,
                "due": d.due_on.to_string(),
                "standing": standing.label(),
                "attention": standing != Standing::Current,
                "reminded_on": d.reminded_on,
            })
        })
        .collect();
    s.templates.render(
        "due_diligence.html",
        json!({
            "held": held,
            "providers": mine,
            "items": Item::ALL.iter().map(|i| json!({"value": i.as_str(), "label": i.label()})).collect::<Vec<_>>(),
            "csrf": staff.csrf_token,
            "staff": staff.account,
            "error": error,
            "notice": notice,
        }),
    )
}

#[get("/admin/due-diligence")]
pub async fn show(state: web::Data<AppState>, staff: Staff) -> AppResult<HttpResponse> {
    let body = state
        .into_inner()
        .blocking(move |s| page(s, &staff, None, None))
        .await?;
    Ok(Page::ok(body).into_response())
}

#[post("/admin/due-diligence")]
pub async fn record(
    state: web::Data<AppState>,
    staff: Staff,
    body: web::Bytes,
) -> AppResult<HttpResponse> {
    actions::on_form(
        state,
        staff,
        &body,
        |s, staff, fields| {
            let organisation = field(fields, "organisation");
            if !providers(s, staff)?.contains(&organisation) {
                return Err(AppError::invalid("Provider", "choose one of the providers listed"));
            }
            let item = Item::parse(&field(fields, "item")).map_err(|e| AppError::invalid("What is held", e))?;
            let reference = field(fields, "reference");
            if reference.trim().is_empty() || reference.chars().count() > 200 {
                return Err(AppError::invalid("Reference", "give the document's reference (a version, policy number or certificate), at most 200 characters"));
            }
            let due = Day::parse(&field(fields, "due")).map_err(|e| AppError::invalid("Next due", e))?;
            let mut conn = s.platform.conn()?;
            let id = services::organisation_id(&mut conn, &organisation)?;
            due_diligence::record(&mut conn, id, item, reference.trim(), due, &staff.account.email)?;
            drop(conn);
            let notice = format!("Recorded {} for {organisation}, next due {due}.", item.label());
            Ok(Page::ok(page(s, staff, None, Some(notice))?))
        },
        |s, staff, error| {
            let body = page(s, staff, Some(error), None)?;
            Ok(Page::with_status(StatusCode::UNPROCESSABLE_ENTITY, body))
        },
    )
    .await
}
