//! `/admin/cycles/YEAR/services/ID/…`: survey staff completing a service's return on the phone
//! (marked as such), or recording that it employs no practitioners or has closed.

use super::answering::{self, Answering};
use crate::error::AppResult;
use crate::fieldwork::answering::Respondent;
use crate::http::auth::Staff;
use crate::http::form::{self, field};
use crate::http::page::Page;
use crate::http::AppState;
use crate::store::states::Channel;
use crate::store::{cycles, responses, services};
use actix_web::{get, post, web, HttpResponse};

async fn as_staff<F>(
    state: web::Data<AppState>,
    staff: Staff,
    year: i32,
    service_id: i32,
    csrf: Option<String>,
    page: F,
) -> AppResult<HttpResponse>
where
    F: FnOnce(&AppState, &Answering) -> AppResult<Page> + Send + 'static,
{
    staff.require_team()?;
    if let Some(submitted) = csrf {
        staff.check_csrf(&submitted)?;
    }
    let page = state
        .into_inner()
        .blocking(move |s| {
            let mut conn = s.platform.conn()?;
            let cycle = cycles::by_year(&mut conn, year)?;
            let service = services::in_cycle(&mut conn, cycle.id, service_id)?;
            let response = responses::find(&mut conn, cycle.id, service.id)?;
            drop(conn);
            let a = Answering {
                respondent: Respondent {
                    cycle,
                    service,
                    channel: Channel::Phone,
                    actor: staff.account.email.clone(),
                    response,
                },
                base: format!("/admin/cycles/{year}/services/{service_id}"),
                csrf: Some(staff.csrf_token.clone()),
            };
            page(s, &a)
        })
        .await?;
    Ok(page.into_response())
}

#[get("/admin/cycles/{year}/services/{id}")]
pub async fn start_page(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(i32, i32)>,
) -> AppResult<HttpResponse> {
    let (year, id) = path.into_inner();
    as_staff(state, staff, year, id, None, answering::start).await
}

#[get("/admin/cycles/{year}/services/{id}/section/{section}")]
pub async fn show_section(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(i32, i32, String)>,
) -> AppResult<HttpResponse> {
    let (year, id, section) = path.into_inner();
    as_staff(state, staff, year, id, None, move |s, a| {
        answering::section(s, a, &section)
    })
    .await
}

#[post("/admin/cycles/{year}/services/{id}/section/{section}")]
pub async fn save_section(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(i32, i32, String)>,
    body: web::Bytes,
) -> AppResult<HttpResponse> {
    let (year, id, section) = path.into_inner();
    let fields = form::parse(&body)?;
    as_staff(
        state,
        staff,
        year,
        id,
        Some(field(&fields, "csrf")),
        move |s, a| answering::save(s, a, &section, &fields),
    )
    .await
}

#[get("/admin/cycles/{year}/services/{id}/check")]
pub async fn check_page(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(i32, i32)>,
) -> AppResult<HttpResponse> {
    let (year, id) = path.into_inner();
    as_staff(state, staff, year, id, None, |s, a| {
        answering::check_page(s, a, None)
    })
    .await
}

#[post("/admin/cycles/{year}/services/{id}/submit")]
pub async fn submit_answers(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(i32, i32)>,
    body: web::Bytes,
) -> AppResult<HttpResponse> {
    let (year, id) = path.into_inner();
    let fields = form::parse(&body)?;
    as_staff(
        state,
        staff,
        year,
        id,
        Some(field(&fields, "csrf")),
        answering::submit,
    )
    .await
}

#[get("/admin/cycles/{year}/services/{id}/done")]
pub async fn done_page(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(i32, i32)>,
) -> AppResult<HttpResponse> {
    let (year, id) = path.into_inner();
    as_staff(state, staff, year, id, None, answering::done).await
}

#[post("/admin/cycles/{year}/services/{id}/outcome")]
pub async fn record_outcome(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(i32, i32)>,
    body: web::Bytes,
) -> AppResult<HttpResponse> {
    let (year, id) = path.into_inner();
    let fields = form::parse(&body)?;
    as_staff(
        state,
        staff,
        year,
        id,
        Some(field(&fields, "csrf")),
        move |s, a| answering::outcome(s, a, &field(&fields, "outcome"), &field(&fields, "note")),
    )
    .await
}
