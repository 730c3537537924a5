//! `/account/setup/TOKEN`: an invited account chooses its password through a one-time link.

use crate::crypto::LinkToken;
use crate::error::{AppError, AppResult};
use crate::http::form;
use crate::http::page::Page;
use crate::http::AppState;
use crate::store::{accounts, audit};
use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpResponse};
use serde_json::json;

#[get("/account/setup/{token}")]
pub async fn show_form(
    state: web::Data<AppState>,
    token: web::Path<String>,
) -> AppResult<HttpResponse> {
    let token = setup_token(&token)?;
    let page = state
        .into_inner()
        .blocking(move |s| {
            let account =
                accounts::by_setup_token(&mut *s.platform.conn()?, &token)?.ok_or_else(|| {
                    AppError::Closed(
                        "this link has expired or has been used; ask the survey team for a new one"
                            .into(),
                    )
                })?;
            Ok(Page::ok(s.templates.render(
                "account_setup.html",
                json!({"account": account, "token": token.expose()}),
            )?))
        })
        .await?;
    Ok(page.into_response())
}

#[post("/account/setup/{token}")]
pub async fn save(
    state: web::Data<AppState>,
    token: web::Path<String>,
    body: web::Bytes,
) -> AppResult<HttpResponse> {
    let token = setup_token(&token)?;
    let fields = form::parse(&body)?;
    let password = form::raw(&fields, "password").to_string();
    let again = form::raw(&fields, "password_again").to_string();
    let page = state
        .into_inner()
        .blocking(move |s| {
            let mut conn = s.platform.conn()?;
            let result = if password != again {
                Err(AppError::invalid("password_again", "the two passwords are not the same"))
            } else {
                accounts::complete_setup(&mut conn, &token, &password).map_err(AppError::from)
            };
            match result {
                Ok(account) => {
                    audit::record(
                        &mut conn,
                        audit::Change {
                            actor: &account.email,
                            action: "account.password_set",
                            entity: "account",
                            entity_id: account.email.clone(),
                            ..Default::default()
                        },
                    )?;
                    Ok(Page::redirect("/login"))
                }
                Err(AppError::Invalid { field, problem }) => {
                    let account = accounts::by_setup_token(&mut conn, &token)?;
                    let body = s.templates.render(
                        "account_setup.html",
                        json!({"account": account, "token": token.expose(), "error": format!("{field}: {problem}")}),
                    )?;
                    Ok(Page::with_status(StatusCode::UNPROCESSABLE_ENTITY, body))
                }
                Err(e) => Err(e),
            }
        })
        .await?;
    Ok(page.into_response())
}

/// The set-up token in the link; a link of any other shape is treated as expired.
fn setup_token(link: &str) -> AppResult<LinkToken> {
    LinkToken::from_link(link).ok_or_else(|| {
        AppError::Closed(
            "this link has expired or has been used; ask the survey team for a new one".into(),
        )
    })
}
