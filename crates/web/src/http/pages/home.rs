//! The home page: every cycle with its response counts; and a health check.

use crate::error::AppResult;
use crate::http::AppState;
use crate::store::{cycles, geography, responses, services};
use actix_web::{get, web, HttpResponse};
use serde_json::json;

#[get("/")]
pub async fn index(state: web::Data<AppState>) -> AppResult<HttpResponse> {
    let state = state.into_inner();
    let html = state
        .blocking(|s| {
            let mut conn = s.platform.conn()?;
            let service_count = services::count(&mut conn)?;
            let mut rows = Vec::new();
            for cycle in cycles::all(&mut conn)? {
                let tally = responses::tally(&mut conn, cycle.id)?;
                let submitted: i64 = tally
                    .iter()
                    .filter(|(status, _, _)| status == "submitted")
                    .map(|(_, _, n)| n)
                    .sum();
                let any: i64 = tally.iter().map(|(_, _, n)| n).sum();
                rows.push(json!({
                    "cycle": cycle,
                    "submitted": submitted,
                    "no_response": service_count - any,
                }));
            }
            s.templates.render(
                "home.html",
                json!({
                    "cycles": rows,
                    "services": service_count,
                    "areas": s.platform.geography.areas().len(),
                    "regions": geography::region_count(&mut conn)?,
                }),
            )
        })
        .await?;
    Ok(HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .body(html))
}

/// Liveness and database reachability, for load balancers and tests.
#[get("/healthz")]
pub async fn health(state: web::Data<AppState>) -> AppResult<HttpResponse> {
    let state = state.into_inner();
    let cycles = state
        .blocking(|s| cycles::count(&mut *s.platform.conn()?))
        .await?;
    Ok(HttpResponse::Ok().json(json!({
        "status": "ok",
        "database": state.platform.target.backend_name(),
        "cycles": cycles,
    })))
}
