//! `/admin/due-diligence`: what commissioners hold on each provider — safeguarding and
//! whistleblowing policies, insurance, accreditations — with the day each is next due and where
//! it stands; the survey team records for any provider, a PCC office for providers with a
//! service in its areas. Every change is audited.

use crate::access;
use crate::error::{AppError, AppResult};
use crate::grants::sees;
use crate::http::auth::Staff;
use crate::http::form::{field, Fields};
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

/// A problem with the form: the field's id, its label and what is wrong.
type Problem = (&'static str, &'static str, String);

/// An item as the form gives it: the provider, what is held, its reference and when it is due.
type Recorded = (String, Item, String, Day);

fn page(
    s: &AppState,
    staff: &Staff,
    problems: &[Problem],
    typed: Option<&Fields>,
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
            "problems": problems.iter().map(|(id, label, message)| json!({"field": id, "label": label, "message": message})).collect::<Vec<_>>(),
            "typed": typed.map(|f| f.iter().cloned().collect::<std::collections::BTreeMap<_, _>>()).unwrap_or_default(),
            "notice": notice,
        }),
    )
}

#[get("/admin/due-diligence")]
pub async fn show(state: web::Data<AppState>, staff: Staff) -> AppResult<HttpResponse> {
    let body = state
        .into_inner()
        .blocking(move |s| page(s, &staff, &[], None, None))
        .await?;
    Ok(Page::ok(body).into_response())
}

#[post("/admin/due-diligence")]
pub async fn record(
    state: web::Data<AppState>,
    staff: Staff,
    body: web::Bytes,
) -> AppResult<HttpResponse> {
    let fields = crate::http::form::parse(&body)?;
    staff.check_csrf(crate::http::form::raw(&fields, "csrf"))?;
    let result = state
        .into_inner()
        .blocking(move |s| {
            let problems = match checked(s, &staff, &fields)? {
                Ok((organisation, item, reference, due)) => {
                    let mut conn = s.platform.conn()?;
                    let id = services::organisation_id(&mut conn, &organisation)?;
                    due_diligence::record(
                        &mut conn,
                        id,
                        item,
                        &reference,
                        due,
                        &staff.account.email,
                    )?;
                    drop(conn);
                    let notice = format!(
                        "Recorded {} for {organisation}, next due {}.",
                        item.label(),
                        survey_engine::calendar::in_words(&due.to_string(), false)
                            .unwrap_or_else(|| due.to_string())
                    );
                    return Ok(Page::ok(page(s, &staff, &[], None, Some(notice))?));
                }
                Err(problems) => problems,
            };
            let body = page(s, &staff, &problems, Some(&fields), None)?;
            Ok(Page::with_status(StatusCode::UNPROCESSABLE_ENTITY, body))
        })
        .await?;
    Ok(result.into_response())
}

/// What the form gives, checked: every problem at once, each by the field's label.
fn checked(
    s: &AppState,
    staff: &Staff,
    fields: &Fields,
) -> AppResult<Result<Recorded, Vec<Problem>>> {
    let mut problems: Vec<Problem> = Vec::new();
    let organisation = field(fields, "organisation");
    if !providers(s, staff)?.contains(&organisation) {
        problems.push((
            "organisation",
            "Provider",
            "choose one of the providers listed".into(),
        ));
    }
    let item = Item::parse(&field(fields, "item")).ok();
    if item.is_none() {
        problems.push(("item", "What is held", "choose what is held".into()));
    }
    let reference = field(fields, "reference");
    if reference.is_empty() || reference.chars().count() > 200 {
        problems.push((
            "reference",
            "Reference",
            "give the document's reference (a version, policy number or certificate), at most 200 characters".into(),
        ));
    }
    let today =
        Day::parse(&crate::clock::today()).map_err(|e| AppError::Task(format!("today: {e}")))?;
    let due = match Day::parse(&field(fields, "due")) {
        Ok(day) if day < today => {
            problems.push((
                "due",
                "Next due",
                format!("{day} has passed: give the day it is next due, from today on"),
            ));
            None
        }
        Ok(day) => Some(day),
        Err(e) => {
            problems.push(("due", "Next due", e));
            None
        }
    };
    Ok(match (item, due) {
        (Some(item), Some(due)) if problems.is_empty() => Ok((organisation, item, reference, due)),
        _ => Err(problems),
    })
}
