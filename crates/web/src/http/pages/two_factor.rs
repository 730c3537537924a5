//! `/account/two-factor`: a signed-in person turns two-factor sign-in (TOTP, any authenticator
//! app) on or off. The server makes the secret and shows it once (as text and as a QR code);
//! turning it on needs the password and a code from the new secret, turning it off the password
//! and a current code. Both audited.

use crate::crypto;
use crate::error::{AppError, AppResult};
use crate::http::actions;
use crate::http::auth::Staff;
use crate::http::form::{field, raw, Fields};
use crate::http::page::Page;
use crate::http::AppState;
use crate::store::{accounts, audit};
use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpResponse};
use serde_json::json;

/// The page; when two-factor sign-in is off, with a new pending secret, shown only here (after
/// a refused attempt, the same one again, so the person need not scan a new code).
fn render(s: &AppState, staff: &Staff, error: Option<String>) -> AppResult<String> {
    let enabled = staff.account.two_factor();
    let (secret, qr) = if enabled {
        (None, None)
    } else {
        let secret = match (&error, &staff.account.totp_pending) {
            (Some(_), Some(pending)) => pending.clone(),
            _ => accounts::new_pending_totp(&mut *s.platform.conn()?, staff.account.id)?,
        };
        let uri = crypto::totp_uri(&secret, &staff.account.email);
        (Some(secret), Some(crate::qr::svg(&uri, 200)?))
    };
    s.templates.render(
        "two_factor.html",
        json!({
            "enabled": enabled,
            "secret": secret,
            "qr": qr,
            "staff": staff.account,
            "csrf": staff.csrf_token,
            "error": error,
        }),
    )
}

#[get("/account/two-factor")]
pub async fn show(state: web::Data<AppState>, staff: Staff) -> AppResult<HttpResponse> {
    let body = state
        .into_inner()
        .blocking(move |s| render(s, &staff, None))
        .await?;
    Ok(Page::ok(body).into_response())
}

/// The password, checked before either change.
fn check_password(staff: &Staff, fields: &Fields) -> AppResult<()> {
    if crypto::verify_password(raw(fields, "password"), &staff.account.password_hash) {
        Ok(())
    } else {
        Err(AppError::invalid(
            "password",
            "is not your current password",
        ))
    }
}

fn change_two_factor(s: &AppState, staff: &Staff, fields: &Fields) -> AppResult<Page> {
    check_password(staff, fields)?;
    let mut conn = s.platform.conn()?;
    let code = field(fields, "code");
    let action = if staff.account.two_factor() {
        let current = staff.account.totp_secret.as_deref().unwrap_or_default();
        if crypto::verify_totp(current, &code, crypto::totp_step_now()).is_none() {
            return Err(AppError::invalid(
                "code",
                "that is not the current code from your authenticator app; check its clock and try again",
            ));
        }
        accounts::disable_totp(&mut conn, staff.account.id)?;
        "account.two_factor_disabled"
    } else {
        accounts::enable_totp(&mut conn, &staff.account, &code)?;
        "account.two_factor_enabled"
    };
    audit::record(
        &mut conn,
        audit::Change {
            actor: &staff.account.email,
            action,
            entity: "account",
            entity_id: staff.account.email.clone(),
            ..Default::default()
        },
    )?;
    Ok(Page::redirect("/account/two-factor"))
}

#[post("/account/two-factor")]
pub async fn change(
    state: web::Data<AppState>,
    staff: Staff,
    body: web::Bytes,
) -> AppResult<HttpResponse> {
    actions::on_form(state, staff, &body, change_two_factor, |s, staff, error| {
        let body = render(s, staff, Some(error))?;
        Ok(Page::with_status(StatusCode::UNPROCESSABLE_ENTITY, body))
    })
    .await
}
