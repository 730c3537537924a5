//! The public home page: released publications only; and a health check.

use crate::error::AppResult;
use crate::http::AppState;
use crate::store::{cycles, geography, releases};
use actix_web::{get, web, HttpResponse};
use serde_json::json;

#[get("/")]
pub async fn index(state: web::Data<AppState>) -> AppResult<HttpResponse> {
    let state = state.into_inner();
    let html = state
        .blocking(|s| {
            let mut conn = s.platform.conn()?;
            let published: Vec<_> = releases::released_years(&mut conn)?
                .into_iter()
                .map(|(year, title, release)| {
                    json!({"year": year, "title": title, "release": release})
                })
                .collect();
            s.templates.render(
                "home.html",
                json!({
                    "published": published,
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
        .blocking(|s| Ok(cycles::count(&mut *s.platform.conn()?)?))
        .await?;
    Ok(HttpResponse::Ok().json(json!({
        "status": "ok",
        "database": state.platform.target.backend_name(),
        "cycles": cycles,
    })))
}
