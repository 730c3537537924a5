//! The programme's grants with each one's standing by period, the import, and a period's monitoring
//! file.

use super::{notice_soon, scope, today, GRANTS_REFUSAL, SHOWN_PERIODS};
use crate::access::{self, Scope};
use crate::db::DbConnection;
use crate::error::{AppError, AppResult};
use crate::grants::import::Outcome;
use crate::grants::{self, monitoring};
use crate::http::auth::Staff;
use crate::http::kept_views::{self, WithLive};
use crate::http::page::Page;
use crate::http::upload;
use crate::http::AppState;
use crate::store::grants::reviews;
use crate::store::programmes;
use actix_multipart::Multipart;
use actix_web::http::{header, StatusCode};
use actix_web::{get, post, web, HttpResponse};
use frontline_grants::review::ReviewState;
use serde_json::json;

fn list_page(
    s: &AppState,
    staff: &Staff,
    id: &str,
    problems: &[String],
    notice: Option<String>,
) -> AppResult<String> {
    // Who may read grants at all is settled first (a refusal is audited).
    scope(s, staff)?;
    let mut conn = s.platform.conn()?;
    // Worked out once per data revision for the reader, shared by every reading meanwhile.
    let kept = s.kept_view(
        &mut conn,
        staff,
        kept_views::View {
            page: "/returns/grants",
            query: &[("programme", id)],
        },
        |conn, reading| {
            // The reader's grants as their access is now, not as it was when they asked.
            let scope = access::scope_of(conn, reading.account, GRANTS_REFUSAL)?;
            grants_view(s, conn, reading.revision, &scope, id)
        },
    )?;
    s.templates.render(
        "grants.html",
        WithLive {
            kept: &kept,
            live: json!({
                "csrf": staff.csrf_token,
                "staff": staff.account,
                "problems": problems,
                "notice": notice,
            }),
        },
    )
}

/// The programme's grants the reader holds, each with its terms, reviews and standing in the
/// latest periods (the standing kept at `revision`).
fn grants_view(
    s: &AppState,
    conn: &mut DbConnection,
    revision: i64,
    scope: &Scope,
    id: &str,
) -> AppResult<serde_json::Value> {
    let programme = programmes::by_id(conn, id)?;
    let held = grants::visible(conn, &programme.id, scope)?;
    let opened: Vec<_> = programmes::periods(conn, &programme.id)?
        .into_iter()
        .map(|(p, _)| p)
        .collect();
    let shown: Vec<_> = opened
        .iter()
        .rev()
        .take(SHOWN_PERIODS)
        .rev()
        .copied()
        .collect();
    let ids: Vec<i32> = held.iter().map(|(g, _)| g.id).collect();
    // Each grant's standing reads its services' returns of every period shown: it is worked out
    // once per data revision for these grants and periods, shared by every reader holding them.
    let key = format!(
        "{}|{}|{}",
        programme.id,
        ids.iter().map(i32::to_string).collect::<Vec<_>>().join(","),
        shown
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(",")
    );
    let standing = s
        .grant_standing
        .get_or_build(&key, revision, || monitoring::standing(conn, &held, &shown))?;
    let all_reviews = reviews::of_grants(conn, &ids)?;
    let today = today()?;
    let rows: Vec<_> = held
        .iter()
        .map(|(g, service)| {
            let under_review = all_reviews
                .iter()
                .any(|r| r.grant_id == g.id && r.state == ReviewState::Open);
            let decommissioned = all_reviews
                .iter()
                .any(|r| r.grant_id == g.id && r.state.decommissions());
            json!({
                "grant_ref": g.terms.grant_ref,
                "service": service.full_name(),
                "start": g.terms.start.to_string(),
                "end": g.terms.end.to_string(),
                "annual": survey_engine::money::display(g.terms.annual_pence),
                "notice_by": g.terms.notice_by().to_string(),
                "ending_soon": g.terms.ends_within_12_months_of(today),
                "under_review": under_review,
                "decommissioned": decommissioned,
                "notice_soon": notice_soon(g, today),
                "standing": standing.get(&g.id),
            })
        })
        .collect();
    Ok(json!({
        "programme": programme,
        "periods": shown.iter().map(ToString::to_string).collect::<Vec<_>>(),
        "grants": rows,
    }))
}

#[get("/returns/{id}/grants")]
pub async fn list(
    state: web::Data<AppState>,
    staff: Staff,
    id: web::Path<String>,
) -> AppResult<HttpResponse> {
    let id = id.into_inner();
    let body = state
        .into_inner()
        .blocking(move |s| list_page(s, &staff, &id, &[], None))
        .await?;
    Ok(Page::ok(body).into_response())
}

/// Imports grants from an uploaded CSV: all or nothing, problems by line and field.
#[post("/returns/{id}/grants/import")]
pub async fn import(
    state: web::Data<AppState>,
    staff: Staff,
    id: web::Path<String>,
    upload: Multipart,
) -> AppResult<HttpResponse> {
    let id = id.into_inner();
    let upload = upload::read(upload, "grants.csv").await?;
    staff.check_csrf(&upload.csrf)?;
    let page = state
        .into_inner()
        .blocking(move |s| {
            let scope = scope(s, &staff)?;
            let refused = |s: &AppState, problems: &[String]| -> AppResult<Page> {
                let body = list_page(s, &staff, &id, problems, None)?;
                Ok(Page::with_status(StatusCode::UNPROCESSABLE_ENTITY, body))
            };
            if upload.content.iter().all(u8::is_ascii_whitespace) {
                return refused(s, &["choose a CSV file of grants to import".to_string()]);
            }
            let text = match upload.text() {
                Ok(text) => text,
                Err(AppError::Invalid { problem, .. }) => {
                    return refused(s, &[format!("the file {problem}")])
                }
                Err(other) => return Err(other),
            };
            let outcome = grants::import::import(
                &mut *s.platform.conn()?,
                &s.platform.geography,
                &id,
                &text,
                &scope,
                &staff.account.email,
            )?;
            match outcome {
                Outcome::Refused(problems) => refused(s, &problems),
                Outcome::Imported(done) => {
                    let notice = format!(
                        "Imported {} grant(s): {} added, {} replaced.",
                        done.added + done.replaced,
                        done.added,
                        done.replaced
                    );
                    Ok(Page::ok(list_page(s, &staff, &id, &[], Some(notice))?))
                }
            }
        })
        .await?;
    Ok(page.into_response())
}

/// A period's monitoring file: each KPI's target, actual and status.
#[get("/returns/{id}/grant-monitoring/{period}")]
pub async fn monitoring_csv(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(String, String)>,
) -> AppResult<HttpResponse> {
    let (id, period) = path.into_inner();
    let csv = state
        .into_inner()
        .blocking(move |s| {
            let scope = scope(s, &staff)?;
            let mut conn = s.platform.conn()?;
            let programme = programmes::by_id(&mut conn, &id)?;
            let period = programme.period(period.trim_end_matches(".csv"))?;
            let held = grants::visible(&mut conn, &id, &scope)?;
            let report = monitoring::period_report(&mut conn, &held, &period)?;
            report
                .monitoring
                .to_csv()
                .map_err(|e| AppError::Task(format!("writing the monitoring file: {e}")))
        })
        .await?;
    Ok(HttpResponse::Ok()
        .content_type(crate::http::page::CSV)
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(csv))
}
