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
            let mut published = Vec::new();
            for (year, title, release) in releases::released_years(&mut conn)? {
                // Every release has its tables; the directory and packs come with a survey of
                // practitioners, not with every study.
                let directory = releases::has_file(&mut conn, release.id, "directory/index.html")?;
                let packs = releases::has_file(&mut conn, release.id, "packs/index.html")?;
                published.push(json!({
                    "year": year,
                    "title": title,
                    "release": release,
                    "directory": directory,
                    "packs": packs,
                }));
            }
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
