//! A safe-accommodation service's own page for its refuge vacancies, reached by the standing
//! link the survey team gave it (`/vacancies/post/{token}`, no account): it posts a vacancy,
//! refreshes one for another 48 hours, or withdraws one when the place is filled. Every change
//! is audited as the link's; an unknown or withdrawn link is not found.

use super::vacancies::{area_of, kinds, row, vacancy_in};
use crate::error::{AppError, AppResult};
use crate::http::form::{self, field, Fields};
use crate::http::page::Page;
use crate::http::AppState;
use crate::store::crypto::LinkToken;
use crate::store::{clock, services, vacancies, vacancy_links};
use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpResponse};
use serde_json::json;

/// The service a live link is for, or "not found" (nothing else is said about a link).
fn service_of(s: &AppState, token: &str) -> AppResult<i32> {
    let missing = || AppError::NotFound("vacancy posting link".into());
    let key = LinkToken::from_link(token).ok_or_else(missing)?;
    vacancy_links::service_of(&mut *s.platform.conn()?, &key)?.ok_or_else(missing)
}

/// Who changed a vacancy, as the audit log names a link.
fn actor(service: i32) -> String {
    format!("the posting link of service {service}")
}

fn render(s: &AppState, token: &str, service: i32, error: Option<String>) -> AppResult<String> {
    let mut conn = s.platform.conn()?;
    let sv = services::get(&mut conn, service)?;
    let live: Vec<_> = vacancies::live(&mut conn, &clock::now(), Some(service))?
        .iter()
        .map(|p| row(s, p))
        .collect();
    let areas: Vec<_> = sv
        .areas
        .iter()
        .map(|code| {
            let name = s
                .platform
                .geography
                .find(code)
                .map_or(code.as_str(), |a| a.name.as_str());
            json!({"code": code, "name": name})
        })
        .collect();
    s.templates.render(
        "vacancies_service.html",
        json!({
            "service": format!("{} – {}", sv.organisation, sv.name),
            "base": format!("/vacancies/post/{token}"),
            "vacancies": live, "kinds": kinds(), "areas": areas, "error": error,
        }),
    )
}

#[get("/vacancies/post/{token}")]
pub async fn show(state: web::Data<AppState>, token: web::Path<String>) -> AppResult<HttpResponse> {
    let token = token.into_inner();
    let body = state
        .into_inner()
        .blocking(move |s| {
            let service = service_of(s, &token)?;
            render(s, &token, service, None)
        })
        .await?;
    Ok(Page::ok(body).into_response())
}

/// Runs a change by the link: back to its page, or the page again with the problem.
async fn on_link_form<A>(
    state: web::Data<AppState>,
    token: String,
    body: web::Bytes,
    action: A,
) -> AppResult<HttpResponse>
where
    A: FnOnce(&AppState, i32, &Fields) -> AppResult<()> + Send + 'static,
{
    let fields = form::parse(&body)?;
    let page = state
        .into_inner()
        .blocking(move |s| {
            let service = service_of(s, &token)?;
            match action(s, service, &fields) {
                Ok(()) => Ok(Page::redirect(format!("/vacancies/post/{token}"))),
                Err(AppError::Invalid { field, problem }) => Ok(Page::with_status(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    render(s, &token, service, Some(format!("{field}: {problem}")))?,
                )),
                Err(e) => Err(e),
            }
        })
        .await?;
    Ok(page.into_response())
}

#[post("/vacancies/post/{token}")]
pub async fn post_vacancy(
    state: web::Data<AppState>,
    token: web::Path<String>,
    body: web::Bytes,
) -> AppResult<HttpResponse> {
    on_link_form(state, token.into_inner(), body, |s, service, fields| {
        let vacancy = vacancy_in(fields)?;
        let mut conn = s.platform.conn()?;
        let area = area_of(&mut conn, service, &field(fields, "pfa"))?;
        vacancies::post(
            &mut conn,
            service,
            &area,
            &vacancy,
            &actor(service),
            &clock::now(),
        )?;
        Ok(())
    })
    .await
}

#[post("/vacancies/post/{token}/{id}/refresh")]
pub async fn refresh(
    state: web::Data<AppState>,
    path: web::Path<(String, i32)>,
    body: web::Bytes,
) -> AppResult<HttpResponse> {
    let (token, id) = path.into_inner();
    on_link_form(state, token, body, move |s, service, _| {
        Ok(vacancies::refresh(
            &mut *s.platform.conn()?,
            service,
            id,
            &actor(service),
        )?)
    })
    .await
}

#[post("/vacancies/post/{token}/{id}/withdraw")]
pub async fn withdraw(
    state: web::Data<AppState>,
    path: web::Path<(String, i32)>,
    body: web::Bytes,
) -> AppResult<HttpResponse> {
    let (token, id) = path.into_inner();
    on_link_form(state, token, body, move |s, service, _| {
        Ok(vacancies::withdraw(
            &mut *s.platform.conn()?,
            service,
            id,
            &actor(service),
        )?)
    })
    .await
}

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(show)
        .service(post_vacancy)
        .service(refresh)
        .service(withdraw);
}
