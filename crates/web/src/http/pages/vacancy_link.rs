//! A safe-accommodation service's own page for its refuge vacancies, reached by the standing
//! link the survey team gave it (`/vacancies/post/{token}`, no account): it posts a vacancy,
//! refreshes one for another 48 hours, or withdraws one when the place is filled. Every change
//! is audited as the link's; an unknown or withdrawn link is not found.

use super::vacancies::{area_of, kinds, row, vacancy_in, VacancyChange};
use crate::error::{AppError, AppResult};
use crate::http::form::{self, field, Fields};
use crate::http::page::Page;
use crate::http::AppState;
use crate::profiles::safe_accommodation;
use crate::store::crypto::LinkToken;
use crate::store::{clock, services, vacancies, vacancy_links};
use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpResponse};
use serde_json::json;

/// The most vacancies a link keeps live at once: a link passed on too far cannot fill the board.
const MOST_LIVE: usize = 20;

/// The service a live link is for, while its latest profile still offers safe accommodation;
/// otherwise "not found" (nothing else is said about a link).
fn service_of(s: &AppState, token: &str) -> AppResult<i32> {
    let missing = || AppError::NotFound("vacancy posting link".into());
    let key = LinkToken::from_link(token).ok_or_else(missing)?;
    let mut conn = s.platform.conn()?;
    let service = vacancy_links::service_of(&mut conn, &key)?.ok_or_else(missing)?;
    if !safe_accommodation::latest(&mut conn)?.contains_key(&service) {
        return Err(missing());
    }
    Ok(service)
}

/// The form's fields by the labels the page gives them, for a problem's message.
const LABELS: [(&str, &str); 4] = [
    ("children_up_to_age", "Children may come up to this age"),
    ("languages", "Languages support is given in"),
    ("kind", "Kind of place"),
    ("pfa", "Police force area the place is in"),
];

/// A problem as the page says it: every field named by its label, and the input it is about
/// (the first field it names).
fn said(field: &str, problem: &str) -> (String, Option<&'static str>) {
    let mut text = match field {
        // The form's own checks name their fields inside the problem.
        "vacancy" => problem.to_string(),
        _ => format!("{field}: {problem}"),
    };
    let mut first: Option<(usize, &'static str)> = None;
    for (code, label) in LABELS {
        let marker = format!("{code}:");
        if let Some(at) = text.find(&marker) {
            if first.is_none_or(|(earliest, _)| at < earliest) {
                first = Some((at, code));
            }
            text = text.replace(&marker, &format!("{label}:"));
        }
    }
    (text, first.map(|(_, code)| code))
}

/// Who changed a vacancy, as the audit log names a link.
fn actor(service: i32) -> String {
    format!("the posting link of service {service}")
}

/// The page; after a problem, with its message, the input it is about and what was typed.
fn render(
    s: &AppState,
    token: &str,
    service: i32,
    error: Option<(String, Option<&'static str>)>,
    given: &Fields,
) -> AppResult<String> {
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
            "vacancies": live, "kinds": kinds(), "areas": areas,
            "error": error.as_ref().map(|(text, _)| text),
            "error_field": error.as_ref().and_then(|(_, field)| *field),
            "given": {
                "pfa": field(given, "pfa"), "kind": field(given, "kind"),
                "children_up_to_age": field(given, "children_up_to_age"),
                "languages": field(given, "languages"),
                "accessible": !field(given, "accessible").is_empty(),
                "no_recourse_accepted": !field(given, "no_recourse_accepted").is_empty(),
            },
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
            render(s, &token, service, None, &Vec::new())
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
                    render(s, &token, service, Some(said(&field, &problem)), &fields)?,
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
        if vacancies::live(&mut conn, &clock::now(), Some(service))?.len() >= MOST_LIVE {
            return Err(AppError::invalid(
                "kind",
                format!(
                    "at most {MOST_LIVE} vacancies are live at once; withdraw those filled first"
                ),
            ));
        }
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

/// A change by the link to one of its service's live vacancies: refresh or withdraw.
async fn on_own_vacancy(
    state: web::Data<AppState>,
    path: web::Path<(String, i32)>,
    body: web::Bytes,
    change: VacancyChange,
) -> AppResult<HttpResponse> {
    let (token, id) = path.into_inner();
    on_link_form(state, token, body, move |s, service, _| {
        Ok(change(
            &mut *s.platform.conn()?,
            service,
            id,
            &actor(service),
        )?)
    })
    .await
}

#[post("/vacancies/post/{token}/{id}/refresh")]
pub async fn refresh(
    state: web::Data<AppState>,
    path: web::Path<(String, i32)>,
    body: web::Bytes,
) -> AppResult<HttpResponse> {
    on_own_vacancy(state, path, body, vacancies::refresh).await
}

#[post("/vacancies/post/{token}/{id}/withdraw")]
pub async fn withdraw(
    state: web::Data<AppState>,
    path: web::Path<(String, i32)>,
    body: web::Bytes,
) -> AppResult<HttpResponse> {
    on_own_vacancy(state, path, body, vacancies::withdraw).await
}

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(show)
        .service(post_vacancy)
        .service(refresh)
        .service(withdraw);
}
