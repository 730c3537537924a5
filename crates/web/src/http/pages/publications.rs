//! `/publications/YEAR/…`: released publications only. `/publications/YEAR/` is the latest
//! release, `/publications/YEAR/vN/` version N, `/publications/YEAR/versions` every version with
//! what changed. Anything unreleased is 404, so the public cannot tell it exists.

use crate::error::{AppError, AppResult};
use crate::http::AppState;
use crate::publish::{content_type, released_file, versions};
use crate::store::{cycles, releases};
use actix_web::http::header;
use actix_web::{get, web, HttpResponse};
use serde_json::json;

/// Relative links in the site need the trailing slash.
#[get("/publications/{year}")]
pub async fn without_slash(year: web::Path<i32>) -> HttpResponse {
    redirect(format!("/publications/{}/", year.into_inner()))
}

fn redirect(to: String) -> HttpResponse {
    HttpResponse::PermanentRedirect()
        .insert_header((header::LOCATION, to))
        .finish()
}

/// What a path under `/publications/YEAR/` asks for.
enum Wanted {
    Versions,
    /// A version without its trailing slash.
    VersionRoot(i32),
    File {
        version: Option<i32>,
        path: String,
    },
}

fn parse(path: &str) -> Wanted {
    if path == "versions" {
        return Wanted::Versions;
    }
    let (version, rest) = match path.split_once('/') {
        Some((head, rest)) => match head.strip_prefix('v').and_then(|n| n.parse().ok()) {
            Some(v) => (Some(v), rest),
            None => (None, path),
        },
        None => match path.strip_prefix('v').and_then(|n| n.parse().ok()) {
            Some(v) => return Wanted::VersionRoot(v),
            None => (None, path),
        },
    };
    let path = if rest.is_empty() || rest.ends_with('/') {
        format!("{rest}index.html")
    } else {
        rest.to_string()
    };
    Wanted::File { version, path }
}

#[get("/publications/{year}/{path:.*}")]
pub async fn file(
    state: web::Data<AppState>,
    path: web::Path<(i32, String)>,
) -> AppResult<HttpResponse> {
    let (year, path) = path.into_inner();
    let state = state.into_inner();
    match parse(&path) {
        Wanted::VersionRoot(v) => Ok(redirect(format!("/publications/{year}/v{v}/"))),
        Wanted::Versions => {
            let body = state.blocking(move |s| versions_page(s, year)).await?;
            Ok(HttpResponse::Ok()
                .content_type("text/html; charset=utf-8")
                .body(body))
        }
        Wanted::File { version, path } => {
            let media = content_type(&path);
            let body = state
                .blocking(move |s| released_file(&s.platform, year, version, &path))
                .await?;
            // A numbered version never changes; the latest can move to a new version.
            let cache = if version.is_some() {
                "public, max-age=31536000, immutable"
            } else {
                "public, max-age=300"
            };
            Ok(HttpResponse::Ok()
                .content_type(media)
                .insert_header((header::CACHE_CONTROL, cache))
                .body(body))
        }
    }
}

fn versions_page(s: &AppState, year: i32) -> AppResult<String> {
    let not_found = || AppError::NotFound(format!("publication {year}"));
    let mut conn = s.platform.conn()?;
    let cycle = cycles::by_year(&mut conn, year).map_err(|_| not_found())?;
    let all = releases::for_cycle(&mut conn, cycle.id)?;
    if all.is_empty() {
        return Err(not_found());
    }
    let mut shown = Vec::new();
    for (i, release) in all.iter().enumerate() {
        let previous = all.get(i + 1);
        let changes = match previous {
            Some(p) => Some(versions::changes_between(&mut conn, p, release)?),
            None => None,
        };
        shown.push(json!({
            "withdrawn": releases::withdrawal(&mut conn, release.id)?,
            "release": release,
            "previous": previous.map(|p| p.version),
            "changes": changes,
        }));
    }
    s.templates.render(
        "publication_versions.html",
        json!({"year": year, "versions": shown}),
    )
}
