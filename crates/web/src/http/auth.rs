//! Signed-in staff: the session cookie, the `Staff` extractor, role checks and CSRF checks.

use crate::crypto;
use crate::crypto::LinkToken;
use crate::error::{AppError, AppResult};
use crate::http::AppState;
use crate::store::accounts::{self, Account};
use crate::store::states::Role;
use actix_web::cookie::{Cookie, SameSite};
use actix_web::dev::Payload;
use actix_web::{web, FromRequest, HttpRequest};
use std::future::Future;
use std::pin::Pin;

pub const SESSION_COOKIE: &str = "frontline_session";

/// A signed-in account and the CSRF token its forms must carry.
pub struct Staff {
    pub account: Account,
    pub csrf_token: String,
}

impl Staff {
    /// Admins and analysts run the survey; PCC reviewers only see their own areas.
    pub fn require_team(&self) -> AppResult<()> {
        if matches!(self.account.role, Role::Admin | Role::Analyst) {
            Ok(())
        } else {
            Err(AppError::Forbidden(
                "this page is for the survey team".into(),
            ))
        }
    }

    /// Coders code open answers; admins and analysts can too.
    pub fn require_coder(&self) -> AppResult<()> {
        if self.account.role.codes_comments() {
            Ok(())
        } else {
            Err(AppError::Forbidden(
                "this page is for coders and the survey team".into(),
            ))
        }
    }

    /// Only admins release publications, freeze estimates and manage accounts.
    pub fn require_admin(&self) -> AppResult<()> {
        if self.account.role == Role::Admin {
            Ok(())
        } else {
            Err(AppError::Forbidden("only an admin can do this".into()))
        }
    }

    /// Rejects a form whose CSRF token is not this session's.
    pub fn check_csrf(&self, submitted: &str) -> AppResult<()> {
        if crypto::constant_time_eq(submitted, &self.csrf_token) {
            Ok(())
        } else {
            Err(AppError::Forbidden(
                "this form has expired or did not come from Frontline; go back, reload the page and try again".into(),
            ))
        }
    }
}

impl FromRequest for Staff {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let token = req
            .cookie(SESSION_COOKIE)
            .and_then(|c| LinkToken::from_link(c.value()));
        let state = req.app_data::<web::Data<AppState>>().cloned();
        Box::pin(async move {
            let (Some(token), Some(state)) = (token, state) else {
                return Err(AppError::SignInRequired);
            };
            let found = state
                .into_inner()
                .blocking(move |s| Ok(accounts::session(&mut *s.platform.conn()?, &token)?))
                .await?;
            let (account, csrf_token) = found.ok_or(AppError::SignInRequired)?;
            Ok(Staff {
                account,
                csrf_token,
            })
        })
    }
}

/// The session cookie: HTTP-only, same-site strict, secure when served over HTTPS.
pub fn session_cookie(token: &LinkToken, secure: bool) -> Cookie<'static> {
    cookie_of(token.expose(), secure)
}

fn cookie_of(value: &str, secure: bool) -> Cookie<'static> {
    Cookie::build(SESSION_COOKIE, value.to_string())
        .path("/")
        .http_only(true)
        .same_site(SameSite::Strict)
        .secure(secure)
        .finish()
}

/// A cookie that clears the session cookie.
pub fn cleared_cookie() -> Cookie<'static> {
    let mut cookie = cookie_of("", false);
    cookie.make_removal();
    cookie
}
