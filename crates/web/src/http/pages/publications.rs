//! `/publications/YEAR/…`: the same site `frontline publish` writes, served from the live data.

use crate::error::{AppError, AppResult};
use crate::http::AppState;
use crate::publish::build_site;
use actix_web::http::header;
use actix_web::{get, web, HttpResponse};

/// Relative links in the site need the trailing slash.
#[get("/publications/{year}")]
pub async fn without_slash(year: web::Path<i32>) -> HttpResponse {
    HttpResponse::PermanentRedirect()
        .insert_header((
            header::LOCATION,
            format!("/publications/{}/", year.into_inner()),
        ))
        .finish()
}

#[get("/publications/{year}/{path:.*}")]
pub async fn file(
    state: web::Data<AppState>,
    path: web::Path<(i32, String)>,
) -> AppResult<HttpResponse> {
    let (year, file) = path.into_inner();
    let file = if file.is_empty() {
        "index.html".to_string()
    } else {
        file
    };
    let state = state.into_inner();
    let (content_type, body) = state
        .blocking(move |s| {
            let site = build_site(&s.platform, &s.templates, year, None)?;
            let found = site
                .file(&file)
                .ok_or_else(|| AppError::NotFound(format!("publication file {file}")))?;
            Ok((found.content_type(), found.content.clone()))
        })
        .await?;
    Ok(HttpResponse::Ok().content_type(content_type).body(body))
}
