//! A cycle's overview for the survey team: response counts and need-model parameters. Fieldwork
//! progress is not public.

use crate::error::AppResult;
use crate::http::auth::Staff;
use crate::http::AppState;
use crate::store::{cycles, responses, services};
use actix_web::{get, web, HttpResponse};
use serde_json::json;

#[get("/cycles/{year}")]
pub async fn show(
    state: web::Data<AppState>,
    staff: Staff,
    year: web::Path<i32>,
) -> AppResult<HttpResponse> {
    staff.require_team()?;
    let year = year.into_inner();
    let state = state.into_inner();
    let html = state
        .blocking(move |s| {
            let mut conn = s.platform.conn()?;
            let cycle = cycles::by_year(&mut conn, year)?;
            let tally = responses::tally(&mut conn, cycle.id)?;
            let answered: i64 = tally.iter().map(|(_, _, n)| n).sum();
            let no_response = services::count(&mut conn)? - answered;
            let rows: Vec<_> = tally
                .into_iter()
                .map(|(status, outcome, count)| json!({"status": status, "outcome": outcome, "count": count}))
                .collect();
            s.templates.render(
                "cycle.html",
                json!({"cycle": cycle, "tally": rows, "no_response": no_response}),
            )
        })
        .await?;
    Ok(HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .body(html))
}
