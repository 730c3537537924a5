//! `/account/two-factor`: a signed-in person turns two-factor sign-in (TOTP, any authenticator
//! app) on by proving a code from a new secret, or off with a current code. Both audited.

use crate::crypto;
use crate::error::{AppError, AppResult};
use crate::http::actions;
use crate::http::auth::Staff;
use crate::http::form::field;
use crate::http::page::Page;
use crate::http::AppState;
use crate::store::{accounts, audit};
use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpResponse};
use serde_json::json;

fn render(
    s: &AppState,
    staff: &Staff,
    error: Option<String>,
    notice: Option<&str>,
) -> AppResult<String> {
    let secret = crypto::new_totp_secret();
    s.templates.render(
        "two_factor.html",
        json!({
            "enabled": staff.account.two_factor(),
            "secret": secret,
            "uri": crypto::totp_uri(&secret, &staff.account.email),
            "staff": staff.account,
            "csrf": staff.csrf_token,
            "error": error,
            "notice": notice,
        }),
    )
}

#[get("/account/two-factor")]
pub async fn show(state: web::Data<AppState>, staff: Staff) -> AppResult<HttpResponse> {
    let body = state
        .into_inner()
        .blocking(move |s| render(s, &staff, None, None))
        .await?;
    Ok(Page::ok(body).into_response())
}

#[post("/account/two-factor")]
pub async fn change(
    state: web::Data<AppState>,
    staff: Staff,
    body: web::Bytes,
) -> AppResult<HttpResponse> {
    actions::on_form(
        state,
        staff,
        &body,
        |s, staff, fields| {
            let mut conn = s.platform.conn()?;
            let code = field(fields, "code");
            let enable = field(fields, "action") == "enable";
            let secret = if enable {
                field(fields, "secret")
            } else {
                staff.account.totp_secret.clone().unwrap_or_default()
            };
            if crypto::verify_totp(&secret, &code, crypto::totp_step_now()).is_none() {
                return Err(AppError::invalid(
                    "code",
                    "that is not the current code from your authenticator app; check its clock and try again",
                ));
            }
            accounts::set_totp(&mut conn, staff.account.id, enable.then_some(secret.as_str()))?;
            audit::record(
                &mut conn,
                audit::Change {
                    actor: &staff.account.email,
                    action: if enable { "account.two_factor_enabled" } else { "account.two_factor_disabled" },
                    entity: "account",
                    entity_id: staff.account.email.clone(),
                    ..Default::default()
                },
            )?;
            Ok(Page::redirect("/account/two-factor"))
        },
        |s, staff, error| {
            let body = render(s, staff, Some(error), None)?;
            Ok(Page::with_status(StatusCode::UNPROCESSABLE_ENTITY, body))
        },
    )
    .await
}
