//! `/admin/audit`: every change to figures, accounts and cycle state, for admins to read and export.

use crate::error::{AppError, AppResult};
use crate::http::auth::Staff;
use crate::http::page::{attachment, Page, CSV};
use crate::http::paging::PER_PAGE;
use crate::http::AppState;
use crate::store::audit::{self, Cursor};
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
    /// Events older than this one (read leniently: anything but an event number is ignored).
    #[serde(default)]
    before: Option<String>,
    /// Events newer than this one, the same way.
    #[serde(default)]
    after: Option<String>,
}

impl Query {
    /// Where the window asked for starts.
    fn cursor(&self) -> Cursor {
        let id = |v: &Option<String>| v.as_deref().and_then(|v| v.trim().parse::<i32>().ok());
        match (id(&self.before), id(&self.after)) {
            (Some(before), _) => Cursor::Before(before),
            (None, Some(after)) => Cursor::After(after),
            (None, None) => Cursor::Newest,
        }
    }

    /// The kind of action asked for (older links give it with a dot: `publication.`).
    fn kind(&self) -> &str {
        self.action.trim().trim_end_matches('.')
    }

    /// The log's address keeping the filter, with `extra` (a window's start) added.
    fn link(&self, extra: Option<(&str, String)>) -> String {
        let mut params: Vec<(&str, String)> =
            [("q", self.q.trim()), ("action", self.action.trim())]
                .into_iter()
                .filter(|(_, v)| !v.is_empty())
                .map(|(k, v)| (k, v.to_string()))
                .collect();
        params.extend(extra);
        let query = serde_urlencoded::to_string(&params).unwrap_or_default();
        if query.is_empty() {
            "/admin/audit#changes".into()
        } else {
            format!("/admin/audit?{query}#changes")
        }
    }
}

/// The log, newest first, 50 events at a time, filtered by text and kind of action; read by
/// moving to newer or older events.
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
                action: query.kind().to_string(),
            };
            let cursor = query.cursor();
            let window = audit::window(&mut conn, &filter, cursor, PER_PAGE as i64)?;
            s.templates.render(
                "admin_audit.html",
                json!({
                    "events": window.events,
                    // Away from the newest events, the way back to them (even past the end).
                    "newest": (cursor != Cursor::Newest).then(|| query.link(None)),
                    "away": match cursor {
                        Cursor::Newest => "",
                        Cursor::Before(_) => "older",
                        Cursor::After(_) => "newer",
                    },
                    "newer": window.newer_than.map(|id| query.link(Some(("after", id.to_string())))),
                    "older": window.older_than.map(|id| query.link(Some(("before", id.to_string())))),
                    "q": query.q.trim(),
                    "action": query.kind(),
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
