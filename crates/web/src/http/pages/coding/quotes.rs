//! Reviewing starred quotes: each proposed redaction kept or dropped, words added, then the
//! quote approved (and publishable) or rejected.

use crate::coding::quotes;
use crate::error::{AppError, AppResult};
use crate::http::auth::Staff;
use crate::http::form::field;
use crate::http::page::Page;
use crate::http::{actions, AppState};
use crate::store::cycles;
use actix_web::{get, post, web, HttpResponse};
use serde_json::json;

fn render(s: &AppState, staff: &Staff, year: i32, error: Option<String>) -> AppResult<String> {
    let mut conn = s.platform.conn()?;
    let cycle = cycles::by_year(&mut conn, year)?;
    let reviews = quotes::reviews(&s.platform, &mut conn, &cycle)?;
    s.templates.render(
        "coding_quotes.html",
        json!({
            "cycle": cycle,
            "reviews": reviews,
            "error": error,
            "staff": staff.account,
            "csrf": staff.csrf_token,
        }),
    )
}

#[get("/coding/{year}/quotes")]
pub async fn show(
    state: web::Data<AppState>,
    staff: Staff,
    year: web::Path<i32>,
) -> AppResult<HttpResponse> {
    staff.require_team()?;
    let year = year.into_inner();
    let body = state
        .into_inner()
        .blocking(move |s| render(s, &staff, year, None))
        .await?;
    Ok(Page::ok(body).into_response())
}

/// `decision=approve` with the `redact` proposals kept and `extra` words; or `decision=reject`.
#[post("/coding/{year}/quotes/{id}")]
pub async fn decide(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(i32, i32)>,
    body: web::Bytes,
) -> AppResult<HttpResponse> {
    staff.require_team()?;
    let (year, id) = path.into_inner();
    actions::on_page_form(
        state,
        staff,
        &body,
        format!("/coding/{year}/quotes"),
        move |s, staff, fields| {
            let mut conn = s.platform.conn()?;
            let cycle = cycles::by_year(&mut conn, year)?;
            let by = &staff.account.email;
            match field(fields, "decision").as_str() {
                "approve" => {
                    let keep = fields
                        .iter()
                        .filter(|(k, _)| k == "redact")
                        .map(|(_, v)| {
                            v.parse::<usize>().map_err(|_| {
                                AppError::invalid(
                                    "redact",
                                    format!("'{v}' is not a proposal number"),
                                )
                            })
                        })
                        .collect::<AppResult<Vec<usize>>>()?;
                    quotes::approve(
                        &s.platform,
                        &mut conn,
                        &cycle,
                        id,
                        &keep,
                        &field(fields, "extra"),
                        by,
                    )?;
                }
                "reject" => quotes::reject(&mut conn, &cycle, id, by)?,
                other => {
                    return Err(AppError::invalid(
                        "decision",
                        format!("'{other}' is not a decision; approve or reject"),
                    ))
                }
            }
            Ok(())
        },
        move |s, staff, error| render(s, staff, year, Some(error)),
    )
    .await
}
