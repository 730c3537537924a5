//! Signing staff in and out. The sign-in form carries a token bound to a cookie set with it, so
//! another site cannot sign someone in under an account of its choosing; failed attempts slow
//! down per account and client address (see `rate_limit`).

use crate::crypto;
use crate::crypto::LinkToken;
use crate::error::{AppError, AppResult};
use crate::http::auth::{cleared_cookie, session_cookie, Staff, SESSION_COOKIE};
use crate::http::client::client_address;
use crate::http::form::{self, Fields};
use crate::http::page::Page;
use crate::http::rate_limit::pair_key;
use crate::http::AppState;
use crate::store::states::Role;
use crate::store::{accounts, audit};
use actix_web::cookie::{Cookie, SameSite};
use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use serde_json::json;

/// The cookie holding the sign-in form's token until the form is posted.
const FORM_COOKIE: &str = "frontline_sign_in";

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
        Some(step) => Ok(accounts::use_totp_step(conn, account, step)?),
        None => Ok(false),
    }
}

/// The sign-in form with a new token, and the cookie that token must come back with.
fn form_page(
    state: &AppState,
    status: StatusCode,
    error: Option<&str>,
    email: &str,
) -> AppResult<HttpResponse> {
    let token = crypto::new_token();
    let body = state.templates.render(
        "login.html",
        json!({"error": error, "email": email, "csrf": token}),
    )?;
    let cookie = Cookie::build(FORM_COOKIE, token)
        .path("/login")
        .http_only(true)
        .same_site(SameSite::Strict)
        .secure(state.secure_cookies())
        .max_age(actix_web::cookie::time::Duration::hours(1))
        .finish();
    let mut response = Page::with_status(status, body).into_response();
    response
        .add_cookie(&cookie)
        .map_err(|e| AppError::Task(e.to_string()))?;
    Ok(response)
}

#[get("/login")]
pub async fn show_form(state: web::Data<AppState>) -> AppResult<HttpResponse> {
    form_page(&state, StatusCode::OK, None, "")
}

/// What a sign-in attempt came to.
enum Outcome {
    SignedIn {
        token: LinkToken,
        home: &'static str,
    },
    Refused(&'static str),
}

/// Checks the password (and code), counting a failure against the pair `key`.
fn attempt(s: &AppState, fields: &Fields, key: &str, client: &str) -> AppResult<Outcome> {
    let email = form::field(fields, "email").to_lowercase();
    let mut conn = s.platform.conn()?;
    s.logins.check(&mut conn, key)?;
    let password = form::raw(fields, "password");
    // One answer for a wrong password and a wrong code: telling them apart would confirm a
    // guessed password. The audit log keeps which it was.
    const REFUSED: &str = "The email address, password or code from your authenticator app is not right. The code is needed only if you have turned on two-factor sign-in.";
    let checked = match accounts::authenticate(&mut conn, &email, password)? {
        Some(account) if second_factor_ok(&mut conn, &account, &form::field(fields, "code"))? => {
            Ok(account)
        }
        Some(_) => Err(("two-factor code", REFUSED)),
        None => Err(("password", REFUSED)),
    };
    let account = match checked {
        Ok(account) => account,
        Err((what, message)) => {
            s.logins.record_failure(&mut conn, key)?;
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
            return Ok(Outcome::Refused(message));
        }
    };
    s.logins.clear(&mut conn, key)?;
    let session = accounts::start_session(&mut conn, account.id)?;
    let home = match account.role {
        Role::PccReviewer => "/pcc",
        Role::Coder => "/coding",
        Role::Referrer => "/vacancies",
        Role::Admin | Role::Analyst => "/admin",
    };
    Ok(Outcome::SignedIn {
        token: session.token,
        home,
    })
}

#[post("/login")]
pub async fn sign_in(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Bytes,
) -> AppResult<HttpResponse> {
    let fields = form::parse(&body)?;
    let email = form::field(&fields, "email").to_lowercase();
    let bound = req
        .cookie(FORM_COOKIE)
        .is_some_and(|c| crypto::constant_time_eq(c.value(), form::raw(&fields, "csrf")));
    if !bound {
        return form_page(
            &state,
            StatusCode::FORBIDDEN,
            Some("This sign-in form has expired or did not come from Frontline. Enter your details again."),
            &email,
        );
    }
    let client = client_address(&req, &state.trusted_proxies);
    let key = pair_key(&email, &client);
    let state = state.into_inner();
    let secure = state.secure_cookies();
    let outcome = state
        .blocking(move |s| attempt(s, &fields, &key, &client))
        .await?;
    match outcome {
        Outcome::SignedIn { token, home } => {
            let mut gone = Cookie::build(FORM_COOKIE, "").path("/login").finish();
            gone.make_removal();
            let mut response = HttpResponse::SeeOther()
                .cookie(session_cookie(&token, secure))
                .insert_header((actix_web::http::header::LOCATION, home))
                .finish();
            response
                .add_cookie(&gone)
                .map_err(|e| AppError::Task(e.to_string()))?;
            Ok(response)
        }
        Outcome::Refused(message) => {
            form_page(&state, StatusCode::UNAUTHORIZED, Some(message), &email)
        }
    }
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
        if let Some(token) = LinkToken::from_link(cookie.value()) {
            state
                .into_inner()
                .blocking(move |s| Ok(accounts::end_session(&mut *s.platform.conn()?, &token)?))
                .await?;
        }
    }
    let mut response = Page::redirect("/login").into_response();
    response
        .add_cookie(&cleared_cookie())
        .map_err(|e| AppError::Task(e.to_string()))?;
    Ok(response)
}
