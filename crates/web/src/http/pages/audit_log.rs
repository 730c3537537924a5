//! `/admin/audit`: every change to figures, accounts and cycle state, for admins to read and export.

use crate::error::{AppError, AppResult};
use crate::http::auth::Staff;
use crate::http::page::{attachment, Page, CSV};
use crate::http::AppState;
use crate::store::audit;
use crate::store::states::Role;
use actix_web::{get, web, HttpResponse};
use serde_json::json;

fn admin_only(staff: &Staff) -> AppResult<()> {
    if staff.account.role == Role::Admin {
        Ok(())
    } else {
        Err(AppError::Forbidden("the audit log is for admins".into()))
    }
}

/// Events shown on one page of the log.
const PER_PAGE: i64 = 50;

#[derive(serde::Deserialize)]
pub struct Query {
    #[serde(default)]
    q: String,
    #[serde(default)]
    action: String,
    /// Read leniently: anything but a page number is the first page.
    #[serde(default)]
    page: Option<String>,
}

/// The log, newest first, 50 events a page, filtered by text and kind of action.
#[get("/admin/audit")]
pub async fn show(
    state: web::Data<AppState>,
    staff: Staff,
    query: web::Query<Query>,
) -> AppResult<HttpResponse> {
    admin_only(&staff)?;
    let query = query.into_inner();
    let body = state
        .into_inner()
        .blocking(move |s| {
            let mut conn = s.platform.conn()?;
            let asked: i64 = query
                .page
                .as_deref()
                .and_then(|p| p.trim().parse().ok())
                .unwrap_or(1);
            let filter = audit::Filter {
                text: query.q.clone(),
                action: query.action.clone(),
            };
            let total = audit::count(&mut conn, &filter)?;
            let pages = ((total + PER_PAGE - 1) / PER_PAGE).max(1);
            // A page past the end shows the last; one before the start, the first.
            let page = asked.clamp(1, pages);
            let events = audit::page(&mut conn, &filter, page - 1, PER_PAGE)?;
            let link = |p: i64| {
                let query = serde_urlencoded::to_string([
                    ("q", query.q.as_str()),
                    ("action", query.action.as_str()),
                    ("page", &p.to_string()),
                ])
                .unwrap_or_default();
                format!("/admin/audit?{query}")
            };
            s.templates.render(
                "admin_audit.html",
                json!({
                    "events": events,
                    "total": total,
                    "page": page,
                    "pages": pages,
                    "previous": (page > 1).then(|| link(page - 1)),
                    "next": (page < pages).then(|| link(page + 1)),
                    "q": query.q,
                    "action": query.action,
                    "kinds": audit::action_kinds(&mut conn)?,
                    "staff": staff.account,
                    "csrf": staff.csrf_token,
                }),
            )
        })
        .await?;
    Ok(Page::ok(body).into_response())
}

#[get("/admin/audit.csv")]
pub async fn export(state: web::Data<AppState>, staff: Staff) -> AppResult<HttpResponse> {
    admin_only(&staff)?;
    let csv = state
        .into_inner()
        .blocking(|s| Ok(audit::to_csv(&mut *s.platform.conn()?)?))
        .await?;
    Ok(attachment(csv, CSV, "audit-log.csv"))
}
