//! `/admin/cycles/YEAR/publication`: the survey team's view of a cycle's publication — its state,
//! the live draft preview, releasing a new version, and the versions released so far.

use crate::error::{AppError, AppResult};
use crate::estimates::freeze;
use crate::http::actions;
use crate::http::auth::Staff;
use crate::http::form::field;
use crate::http::page::Page;
use crate::http::AppState;
use crate::publish::release::{prepare, release};
use crate::publish::{build_site, content_type, Edition, MapStyle, PublicationState};
use crate::store::{cycles, releases, revision};
use actix_web::http::header;
use actix_web::{get, post, web, HttpResponse};
use frontline_disclosure::DisclosureError;
use serde_json::json;

/// The publication page; `error` is `field: problem` from the form (linked to the field when
/// the page has it), `released` the version just released (a success banner).
fn render(
    s: &AppState,
    staff: &Staff,
    year: i32,
    error: Option<String>,
    released: Option<i32>,
) -> AppResult<String> {
    let mut conn = s.platform.conn()?;
    let cycle = cycles::by_year(&mut conn, year)?;
    let versions = releases::for_cycle(&mut conn, cycle.id)?;
    let state = PublicationState::of(&cycle, versions.first());
    let error_field = error.as_deref().and_then(|e| {
        ["notes", "threshold"]
            .into_iter()
            .find(|f| e.starts_with(&format!("{f}: ")))
    });
    s.templates.render(
        "admin_publication.html",
        json!({
            "cycle": cycle,
            "state": state.describe(),
            "releases": versions,
            "next_version": versions.first().map_or(1, |r| r.version + 1),
            "suppression": cycle.suppression_rule().describe(),
            "staff": staff.account,
            "csrf": staff.csrf_token,
            "error": error,
            "error_field": error_field,
            "released": released.filter(|v| versions.iter().any(|r| r.version == *v)),
        }),
    )
}

#[derive(serde::Deserialize)]
pub struct Shown {
    released: Option<i32>,
}

#[get("/admin/cycles/{year}/publication")]
pub async fn show(
    state: web::Data<AppState>,
    staff: Staff,
    year: web::Path<i32>,
    shown: web::Query<Shown>,
) -> AppResult<HttpResponse> {
    staff.require_team()?;
    let year = year.into_inner();
    let released = shown.released;
    let body = state
        .into_inner()
        .blocking(move |s| render(s, &staff, year, None, released))
        .await?;
    Ok(Page::ok(body).into_response())
}

/// Runs an admin's action from a form on the publication page, then back to it; an input
/// problem is shown on the page (422).
async fn act<F>(
    state: web::Data<AppState>,
    staff: Staff,
    year: i32,
    body: web::Bytes,
    action: F,
) -> AppResult<HttpResponse>
where
    F: FnOnce(&AppState, &Staff, &[(String, String)]) -> AppResult<()> + Send + 'static,
{
    staff.require_admin()?;
    actions::on_page_form(
        state,
        staff,
        &body,
        format!("/admin/cycles/{year}/publication"),
        move |s, staff, fields| action(s, staff, fields),
        move |s, staff, error| render(s, staff, year, Some(error), None),
    )
    .await
}

/// The publication page showing an input problem (422).
fn publication_with_error(
    year: i32,
) -> impl FnOnce(&AppState, &Staff, String) -> AppResult<Page> + Send + 'static {
    move |s, staff, error| {
        let body = render(s, staff, year, Some(error), None)?;
        Ok(Page::with_status(
            actix_web::http::StatusCode::UNPROCESSABLE_ENTITY,
            body,
        ))
    }
}

/// The first step of a release: builds it as it would be released, checks it, stores nothing,
/// and shows what will become public — the tables, what changed since the last version, the
/// notes — with the button that releases it. A problem is shown on the publication page.
#[post("/admin/cycles/{year}/releases/check")]
pub async fn check(
    state: web::Data<AppState>,
    staff: Staff,
    year: web::Path<i32>,
    body: web::Bytes,
) -> AppResult<HttpResponse> {
    staff.require_admin()?;
    let year = year.into_inner();
    actions::on_form(
        state,
        staff,
        &body,
        move |s, staff, fields| {
            let notes = field(fields, "notes");
            let prepared = prepare(
                &s.platform,
                &s.templates,
                year,
                &staff.account.email,
                &notes,
                &MapStyle::Boundaries,
            )?;
            let body = s.templates.render(
                "release_check.html",
                json!({
                    "year": year,
                    "version": prepared.version(),
                    "notes": prepared.info.notes,
                    "tables": prepared.tables(),
                    "files": prepared.files.len(),
                    "changes": prepared.changes(),
                    "staff": staff.account,
                    "csrf": staff.csrf_token,
                }),
            )?;
            Ok(Page::ok(body))
        },
        publication_with_error(year),
    )
    .await
}

/// The second step: releases what the check page showed (built again from the same frozen
/// estimates), then back to the publication page with a banner naming the version and its
/// public address. Without the check page's confirmation nothing is released.
#[post("/admin/cycles/{year}/releases")]
pub async fn create(
    state: web::Data<AppState>,
    staff: Staff,
    year: web::Path<i32>,
    body: web::Bytes,
) -> AppResult<HttpResponse> {
    staff.require_admin()?;
    let year = year.into_inner();
    actions::on_form(
        state,
        staff,
        &body,
        move |s, staff, fields| {
            if field(fields, "confirm") != "yes" {
                return Err(AppError::invalid(
                    "notes",
                    "check the release first: write the notes, then check and confirm it",
                ));
            }
            // The confirmation names the version that was checked: confirming twice (Back, then
            // confirm again) must not release an unchecked next version.
            let checked: i32 = field(fields, "version").parse().map_err(|_| {
                AppError::invalid("notes", "check the release first, then confirm it")
            })?;
            // One release at a time on this server: a second press waits for the first, then
            // finds its version released (servers side by side meet at the unique version).
            let _one_at_a_time = RELEASING.lock().unwrap_or_else(|e| e.into_inner());
            let mut conn = s.platform.conn()?;
            let cycle = cycles::by_year(&mut conn, year)?;
            let next = releases::latest(&mut conn, cycle.id)?.map_or(1, |r| r.version + 1);
            drop(conn);
            if checked != next {
                return Err(AppError::invalid(
                    "notes",
                    format!(
                        "version {checked} is already released; to release a correction, check version {next} first"
                    ),
                ));
            }
            let released = release(
                &s.platform,
                &s.templates,
                year,
                &staff.account.email,
                &field(fields, "notes"),
                &MapStyle::Boundaries,
            )
            .map_err(|e| {
                // Confirmed twice at once: the other press released it.
                if e.is_taken_already() {
                    AppError::invalid(
                        "notes",
                        format!("version {checked} is already released (it was confirmed twice)"),
                    )
                } else {
                    e
                }
            })?;
            Ok(Page::redirect(format!(
                "/admin/cycles/{year}/publication?released={}",
                released.version
            )))
        },
        publication_with_error(year),
    )
    .await
}

/// Held while a release is built and stored.
static RELEASING: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Sets the cycle's disclosure threshold (admins; not once frozen; audited).
#[post("/admin/cycles/{year}/suppression")]
pub async fn set_suppression(
    state: web::Data<AppState>,
    staff: Staff,
    year: web::Path<i32>,
    body: web::Bytes,
) -> AppResult<HttpResponse> {
    let year = year.into_inner();
    act(state, staff, year, body, move |s, staff, fields| {
        let rule = field(fields, "threshold")
            .parse()
            .map_err(|e: DisclosureError| AppError::invalid("threshold", e.to_string()))?;
        freeze::set_suppression(&mut *s.platform.conn()?, year, rule, &staff.account.email)
    })
    .await
}

/// The draft, built now from live data, every page, map and file marked DRAFT.
#[get("/admin/cycles/{year}/draft/{path:.*}")]
pub async fn draft(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(i32, String)>,
) -> AppResult<HttpResponse> {
    staff.require_team()?;
    let (year, path) = path.into_inner();
    serve_built(state, year, path, Edition::Draft).await
}

/// Serves one file of an unreleased edition, built once per data revision (the page and every
/// map it shows come from one build), never cached by the browser.
pub async fn serve_built(
    state: web::Data<AppState>,
    year: i32,
    path: String,
    edition: Edition,
) -> AppResult<HttpResponse> {
    let path = if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path
    };
    let media = content_type(&path);
    let body = state
        .into_inner()
        .blocking(move |s| {
            let revision = revision::current(&mut *s.platform.conn()?)?;
            let site = s
                .drafts
                .get_or_build(&edition_key(year, &edition), revision, || {
                    build_site(
                        &s.platform,
                        &s.templates,
                        year,
                        &edition,
                        &MapStyle::Boundaries,
                    )
                })?;
            site.file(&path)
                .map(|f| f.content.clone())
                .ok_or_else(|| AppError::NotFound(format!("publication file {path}")))
        })
        .await?;
    Ok(HttpResponse::Ok()
        .content_type(media)
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(body))
}

/// What a kept build of an unreleased edition is known by.
fn edition_key(year: i32, edition: &Edition) -> String {
    match edition.areas() {
        Some(areas) => format!("{year}/provisional/{}", areas.join(",")),
        None => format!("{year}/{}", edition.watermark().unwrap_or("release")),
    }
}
