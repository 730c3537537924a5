//! The coding workbench: one comment at a time, coded by button or key; undo; starring quotes;
//! re-splitting an answer into comments. Keys come from a small script served from here.

use super::question_of;
use crate::coding::{segmenting, workbench};
use crate::error::{AppError, AppResult};
use crate::http::auth::Staff;
use crate::http::form::{self, field};
use crate::http::page::Page;
use crate::http::{actions, AppState};
use crate::store::codings::Filter;
use crate::store::comments;
use actix_web::http::header;
use actix_web::{get, post, web, HttpResponse};
use serde::Deserialize;
use serde_json::json;

#[derive(Deserialize)]
pub struct Where {
    #[serde(default)]
    filter: String,
    at: Option<i32>,
}

fn work_url(year: i32, question: &str, filter: &str, at: Option<i32>) -> String {
    let mut query = vec![("filter", filter.to_string())];
    query.extend(at.map(|id| ("at", id.to_string())));
    let query = serde_urlencoded::to_string(query).unwrap_or_default();
    format!("/coding/{year}/{question}/work?{query}")
}

/// A field of a posted form, read before the action runs (to show its page again on error).
fn posted(body: &[u8], name: &str) -> AppResult<String> {
    Ok(form::raw(&form::parse(body)?, name).to_string())
}

fn render(
    s: &AppState,
    staff: &Staff,
    year: i32,
    question: &str,
    filter: &str,
    at: Option<i32>,
    error: Option<String>,
) -> AppResult<String> {
    let (cycle, q) = question_of(s, year, question)?;
    let filter = Filter::parse(filter)?;
    let mut conn = s.platform.conn()?;
    let bench = workbench::open(&mut conn, &cycle, &q, staff.account.id, &filter, at)?;
    // Only worth counting when there is nothing to show.
    let waiting = match bench.comment {
        None => segmenting::waiting(&mut conn, &cycle, &q)?,
        Some(_) => 0,
    };
    s.templates.render(
        "coding_workbench.html",
        json!({
            "cycle": cycle,
            "question": q,
            "bench": bench,
            "waiting": waiting,
            "team": staff.require_team().is_ok(),
            "frozen": cycle.is_frozen(),
            // Only practitioners' answers come from services with areas to filter by.
            "areas": if q.source.is_survey() { s.platform.geography.areas() } else { &[] },
            "error": error,
            "staff": staff.account,
            "csrf": staff.csrf_token,
        }),
    )
}

#[get("/coding/{year}/{question}/work")]
pub async fn show(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(i32, String)>,
    at: web::Query<Where>,
) -> AppResult<HttpResponse> {
    staff.require_coder()?;
    let (year, question) = path.into_inner();
    let Where { filter, at } = at.into_inner();
    let body = state
        .into_inner()
        .blocking(move |s| render(s, &staff, year, &question, &filter, at, None))
        .await?;
    Ok(Page::ok(body).into_response())
}

/// Codes a comment and moves on to the next in the coder's filter.
#[post("/coding/{year}/{question}/comments/{id}/code")]
pub async fn code(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(i32, String, i32)>,
    body: web::Bytes,
) -> AppResult<HttpResponse> {
    staff.require_coder()?;
    let (year, question, id) = path.into_inner();
    let shown = question.clone();
    let filter_text = posted(&body, "filter")?;
    let filter_shown = filter_text.clone();
    actions::on_form(
        state,
        staff,
        &body,
        move |s, staff, fields| {
            let filter = Filter::parse(&filter_text)?;
            let (cycle, q) = question_of(s, year, &question)?;
            let mut conn = s.platform.conn()?;
            workbench::code(
                &mut conn,
                &cycle,
                &q,
                id,
                staff.account.id,
                &field(fields, "code"),
            )?;
            let next =
                workbench::after_coding(&mut conn, &cycle, &q, staff.account.id, &filter, id)?;
            Ok(Page::redirect(work_url(
                year,
                &question,
                &filter.as_query(),
                next,
            )))
        },
        move |s, staff, error| {
            let body = render(s, staff, year, &shown, &filter_shown, Some(id), Some(error))?;
            Ok(Page::with_status(
                actix_web::http::StatusCode::UNPROCESSABLE_ENTITY,
                body,
            ))
        },
    )
    .await
}

/// Takes back the coder's last code and shows that comment again.
#[post("/coding/{year}/{question}/undo")]
pub async fn undo(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(i32, String)>,
    body: web::Bytes,
) -> AppResult<HttpResponse> {
    staff.require_coder()?;
    let (year, question) = path.into_inner();
    actions::on_form(
        state,
        staff,
        &body,
        move |s, staff, fields| {
            let filter = field(fields, "filter");
            let (cycle, q) = question_of(s, year, &question)?;
            let back = workbench::undo(&mut *s.platform.conn()?, &cycle, &q, staff.account.id)?;
            Ok(Page::redirect(work_url(year, &question, &filter, back)))
        },
        |_, _, error| Err(AppError::invalid("undo", error)),
    )
    .await
}

/// Stars a comment as a quote for the reviewer.
#[post("/coding/{year}/{question}/comments/{id}/star")]
pub async fn star(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(i32, String, i32)>,
    body: web::Bytes,
) -> AppResult<HttpResponse> {
    staff.require_coder()?;
    let (year, question, id) = path.into_inner();
    actions::on_form(
        state,
        staff,
        &body,
        move |s, staff, fields| {
            let (cycle, q) = question_of(s, year, &question)?;
            let mut conn = s.platform.conn()?;
            workbench::star(&mut conn, &cycle, &q, id, &staff.account.email)?;
            Ok(Page::redirect(work_url(
                year,
                &question,
                &field(fields, "filter"),
                Some(id),
            )))
        },
        |_, _, error| Err(AppError::invalid("star", error)),
    )
    .await
}

fn render_segments(
    s: &AppState,
    staff: &Staff,
    year: i32,
    question: &str,
    response_id: i32,
    marked: Option<String>,
    error: Option<String>,
) -> AppResult<String> {
    let (cycle, q) = question_of(s, year, question)?;
    let mut conn = s.platform.conn()?;
    // Also checks that the answer is one of this cycle's.
    let answer = segmenting::marked_answer(&mut conn, &cycle, response_id, &q)?;
    let marked = marked.unwrap_or(answer);
    let comments = comments::of_answer(&mut conn, cycle.id, response_id, &q.id)?;
    s.templates.render(
        "coding_segments.html",
        json!({
            "cycle": cycle,
            "question": q,
            "response_id": response_id,
            "marked": marked,
            "comments": comments,
            "error": error,
            "staff": staff.account,
            "csrf": staff.csrf_token,
        }),
    )
}

#[get("/coding/{year}/{question}/answers/{response}/segments")]
pub async fn segments(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(i32, String, i32)>,
) -> AppResult<HttpResponse> {
    staff.require_coder()?;
    let (year, question, response) = path.into_inner();
    let body = state
        .into_inner()
        .blocking(move |s| render_segments(s, &staff, year, &question, response, None, None))
        .await?;
    Ok(Page::ok(body).into_response())
}

/// Re-splits an answer from the coder's marked text.
#[post("/coding/{year}/{question}/answers/{response}/segments")]
pub async fn resegment(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(i32, String, i32)>,
    body: web::Bytes,
) -> AppResult<HttpResponse> {
    staff.require_coder()?;
    let (year, question, response) = path.into_inner();
    let shown = question.clone();
    let typed = posted(&body, "segments")?;
    actions::on_page_form(
        state,
        staff,
        &body,
        format!("/coding/{year}/{question}/answers/{response}/segments"),
        move |s, _, fields| {
            let marked = form::raw(fields, "segments");
            let (cycle, q) = question_of(s, year, &question)?;
            segmenting::resegment(&mut *s.platform.conn()?, &cycle, response, &q, marked)?;
            Ok(())
        },
        move |s, staff, error| {
            render_segments(s, staff, year, &shown, response, Some(typed), Some(error))
        },
    )
    .await
}

/// Number keys apply codes, letters subcategories, u undoes, s stars, arrows move.
#[get("/static/coding.js")]
pub async fn script() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/javascript; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "public, max-age=3600"))
        .body(include_str!("../../../../static/coding.js"))
}
