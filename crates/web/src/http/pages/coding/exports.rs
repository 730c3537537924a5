//! The team's exports of a cycle's coding: coded comments as CSV and a REFI-QDA project.

use crate::coding::export;
use crate::error::AppResult;
use crate::http::auth::Staff;
use crate::http::page::{attachment, CSV};
use crate::http::AppState;
use crate::store::cycles;
use actix_web::{get, web, HttpResponse};

#[get("/coding/{year}/comments.csv")]
pub async fn comments_csv(
    state: web::Data<AppState>,
    staff: Staff,
    year: web::Path<i32>,
) -> AppResult<HttpResponse> {
    staff.require_team()?;
    let year = year.into_inner();
    let csv = state
        .into_inner()
        .blocking(move |s| {
            let mut conn = s.platform.conn()?;
            let cycle = cycles::by_year(&mut conn, year)?;
            export::comments_csv(&s.platform, &mut conn, &cycle)
        })
        .await?;
    Ok(attachment(csv, CSV, &format!("coded-comments-{year}.csv")))
}

#[get("/coding/{year}/project.qdpx")]
pub async fn project(
    state: web::Data<AppState>,
    staff: Staff,
    year: web::Path<i32>,
) -> AppResult<HttpResponse> {
    staff.require_team()?;
    let year = year.into_inner();
    let zip = state
        .into_inner()
        .blocking(move |s| {
            let mut conn = s.platform.conn()?;
            let cycle = cycles::by_year(&mut conn, year)?;
            export::qdpx(&s.platform, &mut conn, &cycle)
        })
        .await?;
    Ok(attachment(
        zip,
        "application/zip",
        &format!("frontline-coding-{year}.qdpx"),
    ))
}
