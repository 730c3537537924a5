//! Needs-assessment packs on the web for the team and PCC offices (`/packs/YEAR`, and an area's
//! draft pack under `/packs/YEAR/CODE/`): built live from draft data and marked DRAFT. The team
//! sees every area; a PCC office sees its own areas only (any other request is refused and
//! audited), and its packs compare them only with released figures. The public reads packs only
//! from releases, under `/publications/YEAR/packs/`.

use crate::access;
use crate::error::{AppError, AppResult};
use crate::http::auth::Staff;
use crate::http::page::Page;
use crate::http::AppState;
use crate::packs::{build_for_year, Areas};
use crate::publish::{content_type, Edition};
use crate::store::{cycles, releases, revision};
use actix_web::http::header;
use actix_web::{get, web, HttpResponse};
use serde_json::json;

#[get("/packs/{year}")]
pub async fn list(
    state: web::Data<AppState>,
    staff: Staff,
    year: web::Path<i32>,
) -> AppResult<HttpResponse> {
    let year = year.into_inner();
    let body = state
        .into_inner()
        .blocking(move |s| {
            let mut conn = s.platform.conn()?;
            let cycle = cycles::by_year(&mut conn, year)?;
            let scope = access::scope_of(
                &mut conn,
                &staff.account,
                "needs-assessment packs are for the survey team and PCC offices",
            )?;
            let visible: Vec<_> = s
                .platform
                .geography
                .areas()
                .iter()
                .filter(|a| scope.includes(&a.code))
                .cloned()
                .collect();
            let released = releases::latest(&mut conn, cycle.id)?.is_some();
            s.templates.render(
                "packs.html",
                json!({"year": year, "cycle": cycle, "areas": visible, "released": released, "staff": staff.account}),
            )
        })
        .await?;
    Ok(Page::ok(body).into_response())
}

#[get("/packs/{year}/{code}/{file:.*}")]
pub async fn file(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(i32, String, String)>,
) -> AppResult<HttpResponse> {
    let (year, code, file) = path.into_inner();
    let file = if file.is_empty() {
        "index.html".to_string()
    } else {
        file
    };
    let media = content_type(&file);
    let body = state
        .into_inner()
        .blocking(move |s| {
            let mut conn = s.platform.conn()?;
            let scope = access::authorize(
                &mut conn,
                &staff.account,
                &code,
                &format!("view the {year} needs-assessment pack"),
            )?;
            let revision = revision::current(&mut conn)?;
            drop(conn);
            let home = format!("/packs/{year}");
            let seen_by = scope.areas().map_or("all".to_string(), |a| a.join(","));
            let key = format!("{year}/{code}/{seen_by}");
            let pack = s.draft_packs.get_or_build(&key, revision, || {
                build_for_year(
                    &s.platform,
                    &s.templates,
                    year,
                    &Edition::Draft,
                    &scope,
                    &Areas::One(code.clone()),
                    &home,
                )
            })?;
            pack.iter()
                .find(|f| f.path == file)
                .map(|f| f.content.clone())
                .ok_or_else(|| AppError::NotFound(format!("{file} of the {code} pack")))
        })
        .await?;
    Ok(HttpResponse::Ok()
        .content_type(media)
        .insert_header((header::CACHE_CONTROL, "private, no-store"))
        .body(body))
}
