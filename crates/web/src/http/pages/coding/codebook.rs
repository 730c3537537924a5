//! A question's codebook: the current version and its history; import (CSV or REFI-QDA
//! `.qdc`), copy forward from the previous cycle, download.

use super::question_of;
use crate::coding::codebook;
use crate::error::{AppError, AppResult};
use crate::http::auth::Staff;
use crate::http::page::Page;
use crate::http::{actions, upload, AppState};
use crate::store::codebooks;
use actix_multipart::Multipart;
use actix_web::http::header;
use actix_web::{get, post, web, HttpResponse};
use serde_json::json;

fn render(
    s: &AppState,
    staff: &Staff,
    year: i32,
    question: &str,
    error: Option<String>,
) -> AppResult<String> {
    let (cycle, question) = question_of(s, year, question)?;
    let versions = codebooks::versions(&mut *s.platform.conn()?, cycle.id, &question.id)?;
    s.templates.render(
        "coding_codebook.html",
        json!({
            "cycle": cycle,
            "question": question,
            "current": versions.first(),
            "versions": versions,
            "team": staff.require_team().is_ok(),
            "error": error,
            "staff": staff.account,
            "csrf": staff.csrf_token,
        }),
    )
}

#[get("/coding/{year}/{question}/codebook")]
pub async fn show(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(i32, String)>,
) -> AppResult<HttpResponse> {
    staff.require_coder()?;
    let (year, question) = path.into_inner();
    let body = state
        .into_inner()
        .blocking(move |s| render(s, &staff, year, &question, None))
        .await?;
    Ok(Page::ok(body).into_response())
}

fn page(year: i32, question: &str) -> String {
    format!("/coding/{year}/{question}/codebook")
}

/// Imports a codebook file as the next version.
#[post("/coding/{year}/{question}/codebook")]
pub async fn import(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(i32, String)>,
    form: Multipart,
) -> AppResult<HttpResponse> {
    let (year, question) = path.into_inner();
    let upload = upload::read(form, "codebook.csv").await?;
    staff.check_csrf(&upload.csrf)?;
    staff.require_team()?;
    let shown = question.clone();
    actions::run(
        state,
        staff,
        move |s, staff| {
            let (cycle, q) = question_of(s, year, &question)?;
            let file_name = upload.file_name.clone();
            let text = upload.text()?;
            codebook::import(
                &mut *s.platform.conn()?,
                &cycle,
                &q,
                &file_name,
                &text,
                &staff.account.email,
            )?;
            Ok(Page::redirect(page(year, &question)))
        },
        move |s, staff, error| {
            let body = render(s, staff, year, &shown, Some(error))?;
            Ok(Page::with_status(
                actix_web::http::StatusCode::UNPROCESSABLE_ENTITY,
                body,
            ))
        },
    )
    .await
}

/// Copies the previous cycle's codebook for the question.
#[post("/coding/{year}/{question}/codebook/copy")]
pub async fn copy_forward(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(i32, String)>,
    body: web::Bytes,
) -> AppResult<HttpResponse> {
    staff.require_team()?;
    let (year, question) = path.into_inner();
    let shown = question.clone();
    actions::on_page_form(
        state,
        staff,
        &body,
        page(year, &question),
        move |s, staff, _| {
            let (cycle, q) = question_of(s, year, &question)?;
            codebook::copy_forward(&mut *s.platform.conn()?, &cycle, &q, &staff.account.email)?;
            Ok(())
        },
        move |s, staff, error| render(s, staff, year, &shown, Some(error)),
    )
    .await
}

/// The current codebook as `codebook.csv` or `codebook.qdc`.
#[get("/coding/{year}/{question}/codebook.{format}")]
pub async fn download(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(i32, String, String)>,
) -> AppResult<HttpResponse> {
    staff.require_coder()?;
    let (year, question, format) = path.into_inner();
    let (body, kind) = state
        .into_inner()
        .blocking(move |s| {
            let (cycle, q) = question_of(s, year, &question)?;
            let current = codebooks::latest(&mut *s.platform.conn()?, cycle.id, &q.id)?
                .ok_or_else(|| AppError::NotFound(format!("{} has no codebook yet", q.id)))?;
            match format.as_str() {
                "csv" => Ok((current.codebook.to_csv(), "text/csv; charset=utf-8")),
                "qdc" => Ok((current.codebook.to_qdc("Frontline"), "application/xml")),
                other => Err(AppError::NotFound(format!(
                    "no codebook format '{other}'; use csv or qdc"
                ))),
            }
        })
        .await?;
    Ok(HttpResponse::Ok()
        .content_type(kind)
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(body))
}
