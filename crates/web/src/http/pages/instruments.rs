//! `/admin/cycles/YEAR/wave`: the survey team's page for a wave's extra instruments: progress
//! per instrument and channel, open links (create, close), named invitations, and each
//! instrument's answers and codebook as CSV, with SPSS syntax to read them.

use crate::error::AppResult;
use crate::http::actions;
use crate::http::auth::Staff;
use crate::http::form::{field, Fields};
use crate::http::page::Page;
use crate::http::upload;
use crate::http::AppState;
use crate::instruments::{export, invitations, open_links, wave};
use crate::store::cycles::{self, Cycle};
use crate::store::instruments;
use crate::store::states::InstrumentStatus;
use actix_multipart::Multipart;
use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpResponse};
use serde_json::json;
use std::collections::BTreeMap;
use survey_engine::SurveyDefinition;

fn render(s: &AppState, staff: &Staff, year: i32, error: Option<String>) -> AppResult<String> {
    let mut conn = s.platform.conn()?;
    let cycle = cycles::by_year(&mut conn, year)?;
    let wave = instruments::of_wave(&mut conn, cycle.id)?;
    let responses = instruments::responses_of_wave(&mut conn, cycle.id)?;
    let links = instruments::links_of_cycle(&mut conn, cycle.id)?;
    let base = s.mail.public_url.trim_end_matches('/').to_string();
    let rows: Vec<_> = wave
        .iter()
        .map(|w| {
            let mine: Vec<_> = responses.iter().filter(|r| r.instrument == w.instrument).collect();
            let mut by_channel: BTreeMap<&str, [usize; 3]> = BTreeMap::new();
            for r in &mine {
                let at = match r.status {
                    InstrumentStatus::Started => 0,
                    InstrumentStatus::Partial => 1,
                    InstrumentStatus::Submitted => 2,
                };
                by_channel.entry(r.channel.as_str()).or_default()[at] += 1;
            }
            let channels: Vec<_> = by_channel
                .iter()
                .map(|(c, n)| json!({"channel": c, "started": n[0], "partial": n[1], "submitted": n[2]}))
                .collect();
            let title = s
                .platform
                .catalogue
                .get(&w.instrument)
                .map(|d| d.title.clone())
                .unwrap_or_default();
            json!({
                "instrument": w.instrument,
                "title": title,
                "group": w.group_name,
                "total": mine.len(),
                "submitted": mine.iter().filter(|r| r.is_submitted()).count(),
                "channels": channels,
            })
        })
        .collect();
    let links: Vec<_> = links
        .iter()
        .map(|l| {
            json!({
                "id": l.id, "instrument": l.instrument, "channel": l.channel,
                "url": format!("{base}/o/{}", l.token),
                "closed": l.closed_at.is_some() || !cycle.is_open(),
                "responses": responses.iter().filter(|r| r.open_link_id == Some(l.id)).count(),
            })
        })
        .collect();
    let available: Vec<_> = s
        .platform
        .catalogue
        .ids()
        .filter(|id| *id != cycle.schema_id && !wave.iter().any(|w| w.instrument == *id))
        .collect();
    s.templates.render(
        "admin_wave.html",
        json!({
            "cycle": cycle, "instruments": rows, "links": links, "available": available,
            "error": error, "staff": staff.account, "csrf": staff.csrf_token,
        }),
    )
}

fn with_error(
    year: i32,
) -> impl FnOnce(&AppState, &Staff, String) -> AppResult<Page> + Send + 'static {
    move |s, staff, error| {
        let body = render(s, staff, year, Some(error))?;
        Ok(Page::with_status(StatusCode::UNPROCESSABLE_ENTITY, body))
    }
}

fn wave_page(year: i32) -> String {
    format!("/admin/cycles/{year}/wave")
}

#[get("/admin/cycles/{year}/wave")]
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

/// Runs a survey-team form posted from the wave page: back to the page afterwards, or the page
/// again with the problem shown (422).
async fn on_wave_form<A>(
    state: web::Data<AppState>,
    staff: Staff,
    year: i32,
    body: web::Bytes,
    action: A,
) -> AppResult<HttpResponse>
where
    A: FnOnce(&AppState, &Staff, &Fields) -> AppResult<()> + Send + 'static,
{
    staff.require_team()?;
    actions::on_page_form(
        state,
        staff,
        &body,
        wave_page(year),
        action,
        move |s, staff, error| render(s, staff, year, Some(error)),
    )
    .await
}

#[post("/admin/cycles/{year}/wave/instruments")]
pub async fn add_instrument(
    state: web::Data<AppState>,
    staff: Staff,
    year: web::Path<i32>,
    body: web::Bytes,
) -> AppResult<HttpResponse> {
    let year = year.into_inner();
    on_wave_form(state, staff, year, body, move |s, staff, fields| {
        wave::add_instrument(
            &s.platform,
            &mut *s.platform.conn()?,
            year,
            &field(fields, "instrument"),
            &field(fields, "group"),
            &staff.account.email,
        )
        .map(drop)
    })
    .await
}

#[post("/admin/cycles/{year}/wave/links")]
pub async fn create_link(
    state: web::Data<AppState>,
    staff: Staff,
    year: web::Path<i32>,
    body: web::Bytes,
) -> AppResult<HttpResponse> {
    let year = year.into_inner();
    on_wave_form(state, staff, year, body, move |s, staff, fields| {
        open_links::create(
            &s.platform,
            &mut *s.platform.conn()?,
            year,
            &field(fields, "instrument"),
            &field(fields, "channel"),
            &staff.account.email,
        )
        .map(drop)
    })
    .await
}

#[post("/admin/cycles/{year}/wave/links/{id}/close")]
pub async fn close_link(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(i32, i32)>,
    body: web::Bytes,
) -> AppResult<HttpResponse> {
    let (year, id) = path.into_inner();
    on_wave_form(state, staff, year, body, move |s, staff, _| {
        let mut conn = s.platform.conn()?;
        let cycle = cycles::by_year(&mut conn, year)?;
        open_links::close(&mut conn, &cycle, id, &staff.account.email)
    })
    .await
}

#[post("/admin/cycles/{year}/wave/invitations")]
pub async fn invite(
    state: web::Data<AppState>,
    staff: Staff,
    year: web::Path<i32>,
    upload: Multipart,
) -> AppResult<HttpResponse> {
    let year = year.into_inner();
    let upload = upload::read(upload, "invitees.csv").await?;
    staff.check_csrf(&upload.csrf)?;
    staff.require_team()?;
    let instrument = field(&upload.fields, "instrument");
    actions::run(
        state,
        staff,
        move |s, staff| {
            let list = invitations::read_list(&upload.text()?)?;
            invitations::invite(
                &s.platform,
                &mut *s.platform.conn()?,
                year,
                &instrument,
                &list,
                &s.mail.public_url,
                &staff.account.email,
            )?;
            Ok(Page::redirect(wave_page(year)))
        },
        with_error(year),
    )
    .await
}

/// One of an instrument's files for the survey team: checks the instrument is the wave's, then
/// writes the file with `produce` and sends it as a download.
async fn download<F>(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(i32, String)>,
    file: &'static str,
    produce: F,
) -> AppResult<HttpResponse>
where
    F: FnOnce(&mut crate::db::DbConnection, &Cycle, &SurveyDefinition) -> AppResult<String>
        + Send
        + 'static,
{
    staff.require_team()?;
    let (year, instrument) = path.into_inner();
    let name = format!("{instrument}-{file}");
    let body = state
        .into_inner()
        .blocking(move |s| {
            let mut conn = s.platform.conn()?;
            let cycle = cycles::by_year(&mut conn, year)?;
            wave::instrument_of(&mut conn, &cycle, &instrument)?;
            produce(&mut conn, &cycle, s.platform.catalogue.get(&instrument)?)
        })
        .await?;
    let kind = if file.ends_with(".sps") {
        "text/plain; charset=utf-8"
    } else {
        crate::http::page::CSV
    };
    Ok(crate::http::page::attachment(body, kind, &name))
}

#[get("/admin/cycles/{year}/wave/{instrument}/answers.csv")]
pub async fn answers_csv(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(i32, String)>,
) -> AppResult<HttpResponse> {
    download(state, staff, path, "answers.csv", |conn, cycle, def| {
        export::answers_csv(conn, cycle, def)
    })
    .await
}

#[get("/admin/cycles/{year}/wave/{instrument}/codebook.csv")]
pub async fn codebook_csv(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(i32, String)>,
) -> AppResult<HttpResponse> {
    download(state, staff, path, "codebook.csv", |_, _, def| {
        export::codebook_csv(def)
    })
    .await
}

#[get("/admin/cycles/{year}/wave/{instrument}/answers.sps")]
pub async fn spss_syntax(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(i32, String)>,
) -> AppResult<HttpResponse> {
    download(state, staff, path, "answers.sps", |_, _, def| {
        export::spss_syntax(def, &format!("{}-answers.csv", def.id))
    })
    .await
}
