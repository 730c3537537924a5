//! `/returns/…`: commissioner programmes for the survey team and PCC offices — which returns are
//! in or late, requests and reminders, and an area's totals, trends and outcome rates.

use crate::access;
use crate::error::{AppError, AppResult};
use crate::http::actions;
use crate::http::auth::Staff;
use crate::http::form::field;
use crate::http::page::Page;
use crate::http::paging::{link, matches_service, ListQuery, Pager};
use crate::http::AppState;
use crate::returns::{export, requests, tracking, views};
use crate::store::{programmes, revision};
use actix_web::http::{header, StatusCode};
use actix_web::{get, post, web, HttpResponse};
use frontline_disclosure::SuppressionRule;
use frontline_trends::chart::{line_chart, Line};
use serde_json::json;

/// The areas a signed-in person may see: none means all (the survey team).
fn scope(s: &AppState, staff: &Staff) -> AppResult<Option<Vec<String>>> {
    Ok(access::scope_of(
        &mut *s.platform.conn()?,
        &staff.account,
        "this page is for commissioners and the survey team",
    )?
    .areas()
    .map(<[String]>::to_vec))
}

#[get("/returns")]
pub async fn list(state: web::Data<AppState>, staff: Staff) -> AppResult<HttpResponse> {
    let body = state
        .into_inner()
        .blocking(move |s| {
            let areas = scope(s, &staff)?;
            let all = programmes::all(&mut *s.platform.conn()?)?;
            s.templates.render(
                "programmes.html",
                json!({"programmes": all, "areas": areas, "staff": staff.account, "csrf": staff.csrf_token}),
            )
        })
        .await?;
    Ok(Page::ok(body).into_response())
}

fn programme_page(
    s: &AppState,
    staff: &Staff,
    id: &str,
    error: Option<String>,
    notice: Option<String>,
    asked: &ListQuery,
) -> AppResult<String> {
    let areas = scope(s, staff)?;
    let mut conn = s.platform.conn()?;
    let programme = programmes::by_id(&mut conn, id)?;
    // The tracking reads every service's return of every period: it is worked out once per data
    // revision (for the day and the areas asked) and shared by everyone reading meanwhile.
    let today = crate::clock::today();
    let key = format!(
        "{id}|{today}|{}",
        areas
            .as_ref()
            .map_or("every area".to_string(), |a| a.join(","))
    );
    let revision = revision::current(&mut conn)?;
    let kept = s.tracking.get_or_build(&key, revision, || {
        tracking::programme(&mut conn, id, &today, areas.as_deref())
    })?;
    let area_links: Vec<_> = s
        .platform
        .geography
        .areas()
        .iter()
        .filter(|a| {
            kept.rows
                .iter()
                .any(|r| r.areas.iter().any(|c| *c == a.code))
        })
        .filter(|a| {
            areas
                .as_ref()
                .is_none_or(|mine| mine.iter().any(|c| *c == a.code))
        })
        .collect();
    // The late counts stay the programme's; the services list is filtered and paged.
    let services_in_all = kept.rows.len();
    let matching: Vec<&tracking::ServiceRow> = kept
        .rows
        .iter()
        .filter(|r| {
            matches_service(
                &asked.q,
                &[r.service.as_str()],
                &r.areas,
                &s.platform.geography,
            )
        })
        .collect();
    let path = format!("/returns/{id}");
    let pager = Pager::new(matching.len(), asked.page.as_deref(), |p| {
        format!("{}#returns", link(&path, &[("q", asked.q.trim())], p))
    });
    // Only the page's rows are copied out of the kept tracking.
    let tracking = tracking::Tracking {
        periods: kept.periods.clone(),
        rows: pager.slice(matching).into_iter().cloned().collect(),
        late: kept.late.clone(),
    };
    s.templates.render(
        "programme.html",
        json!({
            "programme": programme,
            "tracking": tracking,
            "services_in_all": services_in_all,
            "filter": asked.q.trim(),
            "pager": pager,
            "listing": "the services' returns",
            "area_links": area_links,
            "team": areas.is_none(),
            "staff": staff.account,
            "csrf": staff.csrf_token,
            "error": error,
            "notice": notice,
        }),
    )
}

#[get("/returns/{id}")]
pub async fn show(
    state: web::Data<AppState>,
    staff: Staff,
    id: web::Path<String>,
    asked: web::Query<ListQuery>,
) -> AppResult<HttpResponse> {
    let id = id.into_inner();
    let asked = asked.into_inner();
    let body = state
        .into_inner()
        .blocking(move |s| programme_page(s, &staff, &id, None, None, &asked))
        .await?;
    Ok(Page::ok(body).into_response())
}

/// Requests or reminders for a period, by the survey team.
#[post("/returns/{id}/requests")]
pub async fn request(
    state: web::Data<AppState>,
    staff: Staff,
    id: web::Path<String>,
    body: web::Bytes,
) -> AppResult<HttpResponse> {
    staff.require_team()?;
    let id = id.into_inner();
    let shown = id.clone();
    actions::on_form(
        state,
        staff,
        &body,
        move |s, staff, fields| {
            let mut conn = s.platform.conn()?;
            let period = field(fields, "period");
            let n = match field(fields, "action").as_str() {
                "remind" => {
                    requests::remind(&mut conn, &s.mail, &id, &period, &crate::clock::today())?
                }
                _ => requests::send(&mut conn, &s.mail, &id, &period)?,
            };
            drop(conn);
            let body = programme_page(
                s,
                staff,
                &id,
                None,
                Some(format!("{n} messages queued for {period}.")),
                &ListQuery::default(),
            )?;
            Ok(Page::ok(body))
        },
        move |s, staff, error| {
            let body = programme_page(s, staff, &shown, Some(error), None, &ListQuery::default())?;
            Ok(Page::with_status(StatusCode::UNPROCESSABLE_ENTITY, body))
        },
    )
    .await
}

/// The page of a series of period totals (an area's or a service's), with its trend chart.
fn render_series(
    s: &AppState,
    staff: &Staff,
    programme: &programmes::Programme,
    subject: &str,
    about: &str,
    series: &[views::ProtectedTotals],
) -> AppResult<String> {
    let chart = trend_chart(
        &format!("{subject}: engaged, referrals and waiting list"),
        series,
    );
    s.templates.render(
        "programme_area.html",
        json!({
            "programme": programme,
            "heading": format!("{subject}: returns over time"),
            "about": about,
            "series": series,
            "chart": chart,
            "staff": staff.account,
            "csrf": staff.csrf_token,
        }),
    )
}

/// The trend chart of engaged victims, new referrals and the waiting list.
fn trend_chart(title: &str, series: &[views::ProtectedTotals]) -> String {
    // Each period with how many returns it holds, so a period still coming in is not misread
    // as a fall; a hidden count is a gap in its line.
    let periods: Vec<String> = series
        .iter()
        .map(|p| format!("{} ({})", p.period, p.returns))
        .collect();
    let value = |line: usize| -> Vec<Option<f64>> {
        series
            .iter()
            .map(|p| p.chart[line].filter(|_| p.returns > 0))
            .collect()
    };
    line_chart(
        "chart",
        title,
        &periods,
        &[
            Line {
                name: "Engaged",
                colour: "#1d70b8",
                values: value(0),
            },
            Line {
                name: "New referrals",
                colour: "#00703c",
                values: value(1),
            },
            Line {
                name: "Waiting list",
                colour: "#d4351c",
                values: value(2),
            },
        ],
    )
}

#[get("/returns/{id}/areas/{pfa}")]
pub async fn area(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(String, String)>,
) -> AppResult<HttpResponse> {
    let (id, pfa) = path.into_inner();
    let body = state
        .into_inner()
        .blocking(move |s| {
            let mut conn = s.platform.conn()?;
            let area = s
                .platform
                .geography
                .find(&pfa)
                .cloned()
                .ok_or_else(|| AppError::NotFound(format!("police force area {pfa}")))?;
            access::authorize(
                &mut conn,
                &staff.account,
                &area.code,
                &format!("read {id} returns"),
            )?;
            let programme = programmes::by_id(&mut conn, &id)?;
            let series = views::area_series(
                &mut conn,
                &s.platform.geography,
                &programme,
                &area.code,
                &SuppressionRule::default(),
            )?;
            let about = format!(
                "Totals of the services reporting in {}, by period",
                area.name
            );
            render_series(s, &staff, &programme, &area.name, &about, &series)
        })
        .await?;
    Ok(Page::ok(body).into_response())
}

/// One service's returns over time, for the team and the PCC offices of its areas.
#[get("/returns/{id}/services/{service}")]
pub async fn service(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(String, i32)>,
) -> AppResult<HttpResponse> {
    let (id, service_id) = path.into_inner();
    let body = state
        .into_inner()
        .blocking(move |s| {
            let mut conn = s.platform.conn()?;
            let programme = programmes::by_id(&mut conn, &id)?;
            if !programmes::service_ids(&mut conn, &id)?.contains(&service_id) {
                return Err(AppError::NotFound(format!("service {service_id} in {id}")));
            }
            let service = crate::store::services::get(&mut conn, service_id)?;
            let seen_in = match scope(s, &staff)? {
                Some(mine) => service.areas.iter().find(|a| mine.contains(a)).or(service.areas.first()),
                None => service.areas.first(),
            }
            .cloned()
            .unwrap_or_default();
            access::authorize(&mut conn, &staff.account, &seen_in, &format!("read {}'s returns", service.name))?;
            let series: Vec<_> = views::history(&mut conn, service_id)?
                .into_iter()
                .map(views::unprotected)
                .collect();
            let name = format!("{} – {}", service.organisation, service.name);
            let about = "This service's own returns, by period (one return serves every programme that funds it)";
            render_series(s, &staff, &programme, &name, about, &series)
        })
        .await?;
    Ok(Page::ok(body).into_response())
}

/// The period's returns by police force area, disclosure-controlled (survey team).
#[get("/returns/{id}/periods/{period}/vfs-by-pfa.csv")]
pub async fn by_pfa_csv(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(String, String)>,
) -> AppResult<HttpResponse> {
    staff.require_team()?;
    let (id, period) = path.into_inner();
    let csv = state
        .into_inner()
        .blocking(move |s| {
            let table = export::programme_period(
                &mut *s.platform.conn()?,
                &s.platform.geography,
                &id,
                &period,
                &SuppressionRule::default(),
            )?;
            export::by_pfa_csv(&s.platform.geography, &table)
        })
        .await?;
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(csv))
}
