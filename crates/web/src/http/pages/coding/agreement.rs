//! Agreement between coders on a question's double-coded sample, adjudication of the comments
//! they disagreed on, and the findings as they stand (the staff preview of what a release
//! publishes).

use super::question_of;
use crate::coding::{agreement, findings};
use crate::error::AppResult;
use crate::http::auth::Staff;
use crate::http::form::field;
use crate::http::page::Page;
use crate::http::{actions, AppState};
use crate::store::codebooks;
use actix_web::{get, post, web, HttpResponse};
use serde_json::json;

fn render(
    s: &AppState,
    staff: &Staff,
    year: i32,
    question: &str,
    error: Option<String>,
) -> AppResult<String> {
    let (cycle, q) = question_of(s, year, question)?;
    let mut conn = s.platform.conn()?;
    let found = agreement::for_question(&mut conn, &cycle, &q)?;
    let codes = codebooks::latest(&mut conn, cycle.id, &q.id)?
        .map(|b| b.codebook.paths())
        .unwrap_or_default();
    s.templates.render(
        "coding_agreement.html",
        json!({
            "cycle": cycle,
            "question": q,
            "agreement": found,
            "codes": codes,
            "team": staff.require_team().is_ok(),
            "error": error,
            "staff": staff.account,
            "csrf": staff.csrf_token,
        }),
    )
}

#[get("/coding/{year}/{question}/agreement")]
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

/// Records the agreed code of a comment the two coders disagreed on.
#[post("/coding/{year}/{question}/comments/{id}/adjudicate")]
pub async fn adjudicate(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(i32, String, i32)>,
    body: web::Bytes,
) -> AppResult<HttpResponse> {
    staff.require_team()?;
    let (year, question, id) = path.into_inner();
    let shown = question.clone();
    actions::on_page_form(
        state,
        staff,
        &body,
        format!("/coding/{year}/{question}/agreement"),
        move |s, staff, fields| {
            let (cycle, q) = question_of(s, year, &question)?;
            let mut conn = s.platform.conn()?;
            agreement::adjudicate(
                &mut conn,
                &cycle,
                &q,
                id,
                &field(fields, "code"),
                &staff.account.email,
            )
        },
        move |s, staff, error| render(s, staff, year, &shown, Some(error)),
    )
    .await
}

#[get("/coding/{year}/{question}/results")]
pub async fn results(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(i32, String)>,
) -> AppResult<HttpResponse> {
    staff.require_coder()?;
    let (year, question) = path.into_inner();
    let body = state
        .into_inner()
        .blocking(move |s| {
            let (cycle, q) = question_of(s, year, &question)?;
            let mut conn = s.platform.conn()?;
            let about = findings::Respondents::of(&s.platform, &mut conn, &cycle)?;
            let found = findings::for_question(
                &s.platform,
                &mut conn,
                &cycle,
                &q,
                &about,
                &cycle.suppression_rule(),
            )?;
            let tables = found.as_ref().map(|f| {
                let mut t = vec![&f.tables.categories, &f.tables.by_region];
                t.extend(f.tables.by_group.as_ref());
                t.into_iter().cloned().collect::<Vec<_>>()
            });
            let clouds: Vec<_> = found
                .iter()
                .flat_map(|f| f.clouds.iter())
                .map(|c| json!({"title": c.title, "svg": c.svg, "words": c.words}))
                .collect();
            s.templates.render(
                "coding_results.html",
                json!({
                    "cycle": cycle,
                    "question": q,
                    "findings": found,
                    "tables": tables,
                    "clouds": clouds,
                    "suppression": cycle.suppression_rule().describe(),
                    "staff": staff.account,
                    "csrf": staff.csrf_token,
                }),
            )
        })
        .await?;
    Ok(Page::ok(body).into_response())
}
