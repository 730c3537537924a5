//! `/admin/feedback`: survivors' feedback links for the survey team (every service) and PCC
//! offices (the services working in their areas): make a link, print its QR code, withdraw it,
//! and see each service's feedback — only once it has enough responses that no one's answers
//! stand alone.

use crate::error::{AppError, AppResult};
use crate::http::actions;
use crate::http::auth::Staff;
use crate::http::form::{field, Fields};
use crate::http::page::{self, Page};
use crate::http::AppState;
use crate::store::feedback;
use crate::voice::{links, views};
use actix_web::{get, post, web, HttpResponse};
use frontline_disclosure::SuppressionRule;
use serde_json::json;

const PAGE: &str = "/admin/feedback";

fn render(s: &AppState, staff: &Staff, error: Option<String>) -> AppResult<String> {
    let mut conn = s.platform.conn()?;
    let rule = SuppressionRule::default();
    let services = links::services_for(&mut conn, &staff.account)?;
    let counts = feedback::counts(&mut conn)?;
    let mut live = feedback::all_links(&mut conn)?;
    let rows: Vec<_> = services
        .iter()
        .filter_map(|sv| {
            let count = counts.get(&sv.id).copied().unwrap_or(0);
            let links = live.remove(&sv.id).unwrap_or_default();
            (count > 0 || !links.is_empty()).then(|| {
                json!({
                    "id": sv.id,
                    "name": format!("{} – {}", sv.organisation, sv.name),
                    "responses": views::in_words(usize::try_from(count).unwrap_or(0), &rule),
                    "links": links.iter().map(|l| json!({
                        "id": l.id,
                        "url": s.mail.feedback_link(&l.token),
                        "created_at": l.created_at.replace('T', " ").trim_end_matches('Z').to_string(),
                    })).collect::<Vec<_>>(),
                })
            })
        })
        .collect();
    let choices: Vec<_> = services
        .iter()
        .map(|sv| json!({"id": sv.id, "name": format!("{} – {}", sv.organisation, sv.name)}))
        .collect();
    s.templates.render(
        "admin_feedback.html",
        json!({
            "staff": staff.account, "csrf": staff.csrf_token,
            "services": rows, "choices": choices, "error": error,
            "threshold": rule.threshold(),
        }),
    )
}

#[get("/admin/feedback")]
pub async fn show(state: web::Data<AppState>, staff: Staff) -> AppResult<HttpResponse> {
    let body = state
        .into_inner()
        .blocking(move |s| render(s, &staff, None))
        .await?;
    Ok(Page::ok(body).into_response())
}

fn number(fields: &Fields, name: &str, what: &str) -> AppResult<i32> {
    field(fields, name)
        .parse()
        .map_err(|_| AppError::invalid(name, format!("choose {what}")))
}

async fn on_form<A>(
    state: web::Data<AppState>,
    staff: Staff,
    body: web::Bytes,
    action: A,
) -> AppResult<HttpResponse>
where
    A: FnOnce(&AppState, &Staff, &Fields) -> AppResult<()> + Send + 'static,
{
    actions::on_page_form(
        state,
        staff,
        &body,
        PAGE.into(),
        action,
        |s, staff, error| render(s, staff, Some(error)),
    )
    .await
}

#[post("/admin/feedback/links")]
pub async fn create(
    state: web::Data<AppState>,
    staff: Staff,
    body: web::Bytes,
) -> AppResult<HttpResponse> {
    on_form(state, staff, body, |s, staff, fields| {
        let id = number(fields, "service", "the service the link is for")?;
        links::create(&mut *s.platform.conn()?, &staff.account, id)?;
        Ok(())
    })
    .await
}

#[post("/admin/feedback/links/withdraw")]
pub async fn withdraw(
    state: web::Data<AppState>,
    staff: Staff,
    body: web::Bytes,
) -> AppResult<HttpResponse> {
    on_form(state, staff, body, |s, staff, fields| {
        let id = number(fields, "service", "the service")?;
        let link = number(fields, "link", "the link to withdraw")?;
        links::withdraw(&mut *s.platform.conn()?, &staff.account, id, link)
    })
    .await
}

/// A link's QR code, to print on cards and leaflets.
#[get("/admin/feedback/links/{id}/qr.svg")]
pub async fn qr(
    state: web::Data<AppState>,
    staff: Staff,
    id: web::Path<i32>,
) -> AppResult<HttpResponse> {
    let id = id.into_inner();
    let svg = state
        .into_inner()
        .blocking(move |s| {
            let mut conn = s.platform.conn()?;
            let link = feedback::link(&mut conn, id)?;
            links::service_for(&mut conn, &staff.account, link.service_id)?;
            crate::qr::svg(&s.mail.feedback_link(&link.token), links::QR_SIZE)
        })
        .await?;
    Ok(page::attachment(
        svg,
        "image/svg+xml",
        &format!("feedback-link-{id}.svg"),
    ))
}

/// One service's feedback: nothing but a count in words below the threshold.
#[get("/admin/feedback/services/{id}")]
pub async fn service(
    state: web::Data<AppState>,
    staff: Staff,
    id: web::Path<i32>,
) -> AppResult<HttpResponse> {
    let id = id.into_inner();
    let body = state
        .into_inner()
        .blocking(move |s| {
            let mut conn = s.platform.conn()?;
            let service = links::service_for(&mut conn, &staff.account, id)?;
            let name = format!("{} – {}", service.organisation, service.name);
            let results = views::of_service(&mut conn, id, &name, &SuppressionRule::default())?;
            s.templates.render(
                "admin_feedback.html",
                json!({
                    "staff": staff.account, "csrf": staff.csrf_token,
                    "service": {"id": id, "name": name}, "feedback": results,
                }),
            )
        })
        .await?;
    Ok(Page::ok(body).into_response())
}
