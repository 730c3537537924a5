//! Signing staff in and out. Failed attempts are limited per account and per client address.

use crate::crypto;
use crate::error::{AppError, AppResult};
use crate::http::auth::{cleared_cookie, session_cookie, Staff, SESSION_COOKIE};
use crate::http::client::client_address;
use crate::http::form;
use crate::http::page::Page;
use crate::http::rate_limit::{account_key, client_key};
use crate::http::AppState;
use crate::store::{accounts, audit};
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use serde_json::json;

/// The account's second factor, when it has one: the current TOTP code, used once.
fn second_factor_ok(
    conn: &mut crate::db::DbConnection,
    account: &accounts::Account,
    code: &str,
) -> AppResult<bool> {
    let Some(secret) = &account.totp_secret else {
        return Ok(true);
    };
    match crypto::verify_totp(secret, code, crypto::totp_step_now()) {
        Some(step) => accounts::use_totp_step(conn, account, step),
        None => Ok(false),
    }
}

#[get("/login")]
pub async fn show_form(state: web::Data<AppState>) -> AppResult<HttpResponse> {
    Ok(Page::ok(state.templates.render("login.html", json!({}))?).into_response())
}

#[post("/login")]
pub async fn sign_in(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Bytes,
) -> AppResult<HttpResponse> {
    let fields = form::parse(&body)?;
    let email = form::field(&fields, "email").to_lowercase();
    let password = form::raw(&fields, "password").to_string();
    let code = form::field(&fields, "code");
    let client = client_address(&req, &state.trusted_proxies);
    let keys = vec![account_key(&email), client_key(&client)];
    let state = state.into_inner();
    let secure = state.secure_cookies();
    let outcome = state
        .blocking(move |s| {
            let mut conn = s.platform.conn()?;
            if s.logins.is_blocked(&mut conn, &keys)? {
                return Err(AppError::TooManyAttempts(
                    "Too many failed sign-in attempts. Wait 15 minutes and try again.".into(),
                ));
            }
            let checked = match accounts::authenticate(&mut conn, &email, &password)? {
                Some(account) if second_factor_ok(&mut conn, &account, &code)? => Ok(account),
                Some(_) => Err((
                    "two-factor code",
                    "Enter the current 6-digit code from your authenticator app.",
                )),
                None => Err(("password", "The email address or password is not right.")),
            };
            let account = match checked {
                Ok(account) => account,
                Err((what, message)) => {
                    s.logins.record_failure(&mut conn, &keys)?;
                    audit::record(
                        &mut conn,
                        audit::Change {
                            actor: &email,
                            action: "account.sign_in_failed",
                            entity: "account",
                            entity_id: email.clone(),
                            reason: Some(format!("{what}, from {client}")),
                            ..Default::default()
                        },
                    )?;
                    let page = s
                        .templates
                        .render("login.html", json!({"error": message, "email": email}))?;
                    return Ok(Err(page));
                }
            };
            s.logins.clear(&mut conn, &keys)?;
            let session = accounts::start_session(&mut conn, account.id)?;
            let home = match account.role.as_str() {
                "pcc_reviewer" => "/pcc",
                "coder" => "/coding",
                _ => "/admin",
            };
            Ok(Ok((session.token, home)))
        })
        .await?;
    Ok(match outcome {
        Ok((token, home)) => HttpResponse::SeeOther()
            .cookie(session_cookie(&token, secure))
            .insert_header((actix_web::http::header::LOCATION, home))
            .finish(),
        Err(page) => HttpResponse::Unauthorized()
            .content_type("text/html; charset=utf-8")
            .body(page),
    })
}

#[post("/logout")]
pub async fn sign_out(
    state: web::Data<AppState>,
    staff: Staff,
    req: HttpRequest,
    body: web::Bytes,
) -> AppResult<HttpResponse> {
    let fields = form::parse(&body)?;
    staff.check_csrf(form::raw(&fields, "csrf"))?;
    if let Some(cookie) = req.cookie(SESSION_COOKIE) {
        let token = cookie.value().to_string();
        state
            .into_inner()
            .blocking(move |s| accounts::end_session(&mut *s.platform.conn()?, &token))
            .await?;
    }
    let mut response = Page::redirect("/login").into_response();
    response
        .add_cookie(&cleared_cookie())
        .map_err(|e| AppError::Task(e.to_string()))?;
    Ok(response)
}
