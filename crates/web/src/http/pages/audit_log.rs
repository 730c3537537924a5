//! `/admin/audit`: every change to figures, accounts and cycle state, for admins to read and export.

use crate::error::{AppError, AppResult};
use crate::http::auth::Staff;
use crate::http::page::Page;
use crate::http::AppState;
use crate::store::audit;
use crate::store::states::Role;
use actix_web::http::header;
use actix_web::{get, web, HttpResponse};
use serde_json::json;

fn admin_only(staff: &Staff) -> AppResult<()> {
    if staff.account.role == Role::Admin {
        Ok(())
    } else {
        Err(AppError::Forbidden("the audit log is for admins".into()))
    }
}

#[get("/admin/audit")]
pub async fn show(state: web::Data<AppState>, staff: Staff) -> AppResult<HttpResponse> {
    admin_only(&staff)?;
    let body = state
        .into_inner()
        .blocking(move |s| {
            let events = audit::recent(&mut *s.platform.conn()?, 500)?;
            s.templates.render(
                "admin_audit.html",
                json!({"events": events, "staff": staff.account, "csrf": staff.csrf_token}),
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
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            header::CONTENT_DISPOSITION,
            "attachment; filename=\"audit-log.csv\"",
        ))
        .body(csv))
}
