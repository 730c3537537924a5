//! `/admin/…`: the survey team's fieldwork pages: cycles, tracking, contacts, invitations,
//! reminders, opening and closing, and the responses export.

use crate::clock;
use crate::db::DbConnection;
use crate::error::AppResult;
use crate::fieldwork::{contacts, cycle_state, export, invitations, reminders, tracking};
use crate::http::auth::Staff;
use crate::http::form::{field, Fields};
use crate::http::kept_views::{self, WithLive};
use crate::http::page::{attachment, Page, CSV};
use crate::http::paging::{link, matches_service, Pager};
use crate::http::AppState;
use crate::http::{actions, upload};
use crate::store::invitations as store_invitations;
use crate::store::states::CycleStatus;
use crate::store::{cycles, outbox, releases, responses};
use actix_multipart::Multipart;
use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpResponse};
use serde::Deserialize;
use serde_json::{json, Value};

/// Largest contacts file accepted.

#[derive(Deserialize)]
pub struct Notice {
    notice: Option<String>,
    n: Option<usize>,
    /// `waiting`: only services that have not yet submitted.
    show: Option<String>,
    /// Words each shown service's organisation, name or areas contain.
    #[serde(default)]
    q: String,
    /// Which page of the services list (read leniently).
    page: Option<String>,
}

#[get("/admin")]
pub async fn home(state: web::Data<AppState>, staff: Staff) -> AppResult<HttpResponse> {
    staff.require_team()?;
    let body = state
        .into_inner()
        .blocking(move |s| {
            let mut conn = s.platform.conn()?;
            let mut rows = Vec::new();
            for cycle in cycles::all(&mut conn)? {
                let released = releases::latest_public(&mut conn, cycle.id)?.map(|r| r.version);
                rows.push(json!({"cycle": cycle, "released": released}));
            }
            s.templates.render(
                "admin_home.html",
                json!({"cycles": rows, "staff": staff.account, "csrf": staff.csrf_token}),
            )
        })
        .await?;
    Ok(Page::ok(body).into_response())
}

#[get("/admin/cycles/{year}")]
pub async fn dashboard(
    state: web::Data<AppState>,
    staff: Staff,
    year: web::Path<i32>,
    notice: web::Query<Notice>,
) -> AppResult<HttpResponse> {
    staff.require_team()?;
    let year = year.into_inner();
    let waiting_only = notice.show.as_deref() == Some("waiting");
    let filter = notice.q.trim().to_string();
    let page = notice.page.clone();
    let notice = notice_text(&notice);
    let body = state
        .into_inner()
        .blocking(move |s| {
            let view = View {
                notice,
                error: None,
                waiting_only,
                filter,
                page,
            };
            render_dashboard(s, &staff, year, view)
        })
        .await?;
    Ok(Page::ok(body).into_response())
}

fn notice_text(n: &Notice) -> Option<String> {
    let count = n.n.unwrap_or(0);
    Some(match n.notice.as_deref()? {
        "contacts" => format!("Imported {count} contact rows."),
        "invitations" => format!("Queued {count} invitations."),
        "reminders" => format!("Queued {count} reminders."),
        "dates" => "Reminder dates saved.".to_string(),
        "status" => "Cycle status changed.".to_string(),
        "outcome" => "Recorded.".to_string(),
        _ => return None,
    })
}

/// What the dashboard shows besides the cycle: a notice after an action, an input problem, and
/// whether the services list holds only those not yet submitted.
#[derive(Default)]
struct View {
    notice: Option<String>,
    error: Option<String>,
    waiting_only: bool,
    /// Words the listed services must contain.
    filter: String,
    /// The page of the services list asked for.
    page: Option<String>,
}

fn render_dashboard(s: &AppState, staff: &Staff, year: i32, view: View) -> AppResult<String> {
    let mut conn = s.platform.conn()?;
    // The services' progress is worked out once per data revision for every reader of the same
    // page of the list; the mail queue is read at each request (it moves no revision).
    let (year_text, waiting) = (year.to_string(), view.waiting_only.to_string());
    let kept = s.kept_view(
        &mut conn,
        staff,
        kept_views::View {
            page: "/admin/cycles",
            query: &[
                ("year", &year_text),
                ("waiting", &waiting),
                ("q", &view.filter),
                ("page", view.page.as_deref().unwrap_or("")),
            ],
        },
        |conn, _reading| services_view(s, conn, year, &view),
    )?;
    let mail: Vec<Value> = outbox::tally(&mut conn)?
        .into_iter()
        .map(|(status, count)| json!({"status": status, "count": count}))
        .collect();
    s.templates.render(
        "admin_cycle.html",
        WithLive {
            kept: &kept,
            live: json!({
                "mail": mail,
                "mail_route": s.mail.describe(),
                "mail_failures": outbox::recent_failures(&mut conn, 10)?,
                "notice": view.notice,
                "error": view.error,
                "staff": staff.account,
                "csrf": staff.csrf_token,
                "today": clock::today(),
            }),
        },
    )
}

/// The cycle, its services' progress (the page of the list asked for) and how many are yet to
/// be invited.
fn services_view(
    s: &AppState,
    conn: &mut DbConnection,
    year: i32,
    view: &View,
) -> AppResult<Value> {
    let cycle = cycles::by_year(conn, year)?;
    let mut tracking = tracking::tracking(conn, &s.platform.geography, cycle.id)?;
    let services_in_all = tracking.services.len();
    let area_names: std::collections::BTreeMap<&str, &str> = s
        .platform
        .geography
        .areas()
        .iter()
        .map(|a| (a.code.as_str(), a.name.as_str()))
        .collect();
    tracking.services.retain(|p| {
        let names = [p.service.organisation.as_str(), p.service.name.as_str()];
        matches_service(
            &view.filter,
            &names,
            &p.service.areas,
            &s.platform.geography,
        )
    });
    if view.waiting_only {
        tracking.services.retain(|p| {
            matches!(
                p.state,
                tracking::State::NoResponse | tracking::State::Partial
            )
        });
    }
    let filters = [
        ("show", if view.waiting_only { "waiting" } else { "" }),
        ("q", view.filter.as_str()),
    ];
    let path = format!("/admin/cycles/{year}");
    let pager = Pager::new(tracking.services.len(), view.page.as_deref(), |p| {
        format!("{}#services", link(&path, &filters, p))
    });
    tracking.services = pager.slice(std::mem::take(&mut tracking.services));
    let not_yet_invited = store_invitations::unsent(conn, cycle.id)?.len();
    Ok(json!({
        "cycle": cycle,
        "tracking": tracking,
        "not_yet_invited": not_yet_invited,
        "waiting_only": view.waiting_only,
        "filter": view.filter,
        "pager": pager,
        "listing": "the services list",
        "services_in_all": services_in_all,
        "area_names": area_names,
    }))
}

fn back_to(year: i32, notice: &str, n: usize) -> Page {
    Page::redirect(format!("/admin/cycles/{year}?notice={notice}&n={n}"))
}

/// The dashboard showing an input problem (422).
fn dashboard_with_error(
    year: i32,
) -> impl FnOnce(&AppState, &Staff, String) -> AppResult<Page> + Send + 'static {
    move |s, staff, error| {
        let view = View {
            error: Some(error),
            ..View::default()
        };
        let body = render_dashboard(s, staff, year, view)?;
        Ok(Page::with_status(StatusCode::UNPROCESSABLE_ENTITY, body))
    }
}

/// Runs a survey-team action from a posted form; input problems show on the dashboard.
async fn act_on_form<F>(
    state: web::Data<AppState>,
    staff: Staff,
    year: i32,
    body: web::Bytes,
    action: F,
) -> AppResult<HttpResponse>
where
    F: FnOnce(&AppState, &Staff, &Fields) -> AppResult<Page> + Send + 'static,
{
    staff.require_team()?;
    actions::on_form(state, staff, &body, action, dashboard_with_error(year)).await
}

#[post("/admin/cycles/{year}/contacts")]
pub async fn import_contacts(
    state: web::Data<AppState>,
    staff: Staff,
    year: web::Path<i32>,
    upload: Multipart,
) -> AppResult<HttpResponse> {
    let year = year.into_inner();
    let upload = upload::read(upload, "contacts.csv").await?;
    staff.check_csrf(&upload.csrf)?;
    staff.require_team()?;
    let import = move |s: &AppState, _: &Staff| {
        let file_name = upload.file_name.clone();
        let text = upload.text()?;
        let rows = contacts::parse(&s.platform.geography, &file_name, &text)?;
        let summary = contacts::import(&mut *s.platform.conn()?, year, &rows)?;
        Ok(back_to(year, "contacts", summary.rows))
    };
    actions::run(state, staff, import, dashboard_with_error(year)).await
}

#[post("/admin/cycles/{year}/invitations")]
pub async fn send_invitations(
    state: web::Data<AppState>,
    staff: Staff,
    year: web::Path<i32>,
    body: web::Bytes,
) -> AppResult<HttpResponse> {
    let year = year.into_inner();
    act_on_form(state, staff, year, body, move |s, staff, _| {
        let n = invitations::send(
            &mut *s.platform.conn()?,
            &s.mail,
            year,
            &staff.account.email,
        )?;
        Ok(back_to(year, "invitations", n))
    })
    .await
}

#[post("/admin/cycles/{year}/reminders")]
pub async fn send_reminders(
    state: web::Data<AppState>,
    staff: Staff,
    year: web::Path<i32>,
    body: web::Bytes,
) -> AppResult<HttpResponse> {
    let year = year.into_inner();
    act_on_form(state, staff, year, body, move |s, _, _| {
        let mut conn = s.platform.conn()?;
        let cycle = cycles::by_year(&mut conn, year)?;
        let n = reminders::send(&mut conn, &s.mail, &cycle, &clock::today())?;
        Ok(back_to(year, "reminders", n))
    })
    .await
}

#[post("/admin/cycles/{year}/reminder-dates")]
pub async fn reminder_dates(
    state: web::Data<AppState>,
    staff: Staff,
    year: web::Path<i32>,
    body: web::Bytes,
) -> AppResult<HttpResponse> {
    let year = year.into_inner();
    act_on_form(state, staff, year, body, move |s, staff, fields| {
        cycle_state::set_reminder_dates(
            &mut *s.platform.conn()?,
            year,
            &field(fields, "reminder_dates"),
            &staff.account.email,
        )?;
        Ok(back_to(year, "dates", 0))
    })
    .await
}

#[post("/admin/cycles/{year}/status")]
pub async fn set_status(
    state: web::Data<AppState>,
    staff: Staff,
    year: web::Path<i32>,
    body: web::Bytes,
) -> AppResult<HttpResponse> {
    let year = year.into_inner();
    act_on_form(state, staff, year, body, move |s, staff, fields| {
        let status = field(fields, "status");
        // Closing stops every link: said first, with how many have not submitted, and done
        // only when confirmed.
        let closing = status.parse::<CycleStatus>().ok() == Some(CycleStatus::Closed);
        if closing && field(fields, "confirm") != "yes" {
            return confirm_close(s, staff, year);
        }
        cycle_state::set_status(
            &mut *s.platform.conn()?,
            year,
            &status,
            &staff.account.email,
        )?;
        Ok(back_to(year, "status", 0))
    })
    .await
}

/// The page that asks before fieldwork closes.
fn confirm_close(s: &AppState, staff: &Staff, year: i32) -> AppResult<Page> {
    let mut conn = s.platform.conn()?;
    let cycle = cycles::by_year(&mut conn, year)?;
    let waiting = store_invitations::awaiting_response(&mut conn, cycle.id)?.len();
    let started = responses::for_cycle(&mut conn, cycle.id)?
        .iter()
        .filter(|r| !r.is_submitted())
        .count();
    let mut lines = vec![format!(
        "{waiting} invited service{} not submitted yet. Once the survey is closed, every invitation and open link stops working and nobody can give or change answers.",
        if waiting == 1 { " has" } else { "s have" }
    )];
    if started > 0 {
        lines.push(format!(
            "{started} response{} started but not submitted: what {} so far counts for nothing unless it is submitted (the team can complete it by phone) before closing.",
            if started == 1 { " is" } else { "s are" },
            if started == 1 { "it gives" } else { "they give" }
        ));
    }
    lines.push("Closing starts the estimates: roll-forward, imputation and PCC reviews.".into());
    let body = s.templates.render(
        "confirm.html",
        json!({
            "title": format!("Close the {} survey?", cycle.year),
            "lines": lines,
            "action": format!("/admin/cycles/{year}/status"),
            "fields": [["status", "closed"]],
            "button": "Yes, close the survey",
            "cancel": format!("/admin/cycles/{year}"),
            "csrf": staff.csrf_token,
            "staff": staff.account,
        }),
    )?;
    Ok(Page::ok(body))
}

#[get("/admin/cycles/{year}/responses.csv")]
pub async fn responses_csv(
    state: web::Data<AppState>,
    staff: Staff,
    year: web::Path<i32>,
) -> AppResult<HttpResponse> {
    staff.require_team()?;
    let year = year.into_inner();
    let csv = state
        .into_inner()
        .blocking(move |s| {
            export::responses_csv(&mut *s.platform.conn()?, &s.platform.catalogue, year)
        })
        .await?;
    Ok(attachment(csv, CSV, &format!("responses-{year}.csv")))
}
