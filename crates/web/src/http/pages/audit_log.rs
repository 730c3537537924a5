//! `/admin/audit`: every change to figures, accounts and cycle state, for admins to read and export.

use crate::error::{AppError, AppResult};
use crate::http::auth::Staff;
use crate::http::page::{attachment, Page, CSV};
use crate::http::paging::{link, Pager, PER_PAGE};
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
            let filter = audit::Filter {
                text: query.q.trim().to_string(),
                action: query.action.clone(),
            };
            let total = usize::try_from(audit::count(&mut conn, &filter)?).unwrap_or(0);
            let filters = [("q", query.q.trim()), ("action", query.action.as_str())];
            let pager = Pager::new(total, query.page.as_deref(), |p| {
                format!("{}#changes", link("/admin/audit", &filters, p))
            });
            let events = audit::page(
                &mut conn,
                &filter,
                i64::try_from(pager.page - 1).unwrap_or(0),
                PER_PAGE as i64,
            )?;
            s.templates.render(
                "admin_audit.html",
                json!({
                    "events": events,
                    "pager": pager,
                    "listing": "the audit log",
                    "q": query.q.trim(),
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
