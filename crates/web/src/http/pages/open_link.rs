//! `/o/TOKEN`: an open link shared through a network. The page says what the survey is; starting
//! makes a new, empty response and sends the respondent to its private link.

use crate::error::{AppError, AppResult};
use crate::http::client::client_address;
use crate::http::form::{self, field};
use crate::http::page::Page;
use crate::http::AppState;
use crate::instruments::open_links::{self, HONEYPOT};
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use serde_json::json;

fn well_formed(token: &str) -> AppResult<()> {
    if token.len() == 64 && token.bytes().all(|b| b.is_ascii_hexdigit()) {
        Ok(())
    } else {
        Err(AppError::NotFound("survey link".into()))
    }
}

#[get("/o/{token}")]
pub async fn landing(
    state: web::Data<AppState>,
    token: web::Path<String>,
) -> AppResult<HttpResponse> {
    let token = token.into_inner();
    well_formed(&token)?;
    let body = state
        .into_inner()
        .blocking(move |s| {
            let (link, cycle) = open_links::usable(&mut *s.platform.conn()?, &token)?;
            let def = s.platform.catalogue.get(&link.instrument)?;
            s.templates.render(
                "open_link.html",
                json!({
                    "token": token,
                    "survey": {"title": def.title, "introduction": def.introduction},
                    "cycle": cycle,
                    "honeypot": HONEYPOT,
                }),
            )
        })
        .await?;
    Ok(Page::ok(body).into_response())
}

#[post("/o/{token}")]
pub async fn start(
    state: web::Data<AppState>,
    req: HttpRequest,
    token: web::Path<String>,
    body: web::Bytes,
) -> AppResult<HttpResponse> {
    let token = token.into_inner();
    well_formed(&token)?;
    let fields = form::parse(&body)?;
    let client = client_address(&req, &state.trusted_proxies);
    let page = state
        .into_inner()
        .blocking(move |s| {
            let started = open_links::start(
                &s.platform,
                &mut *s.platform.conn()?,
                &s.open_links,
                &token,
                &client,
                &field(&fields, HONEYPOT),
            )?;
            Ok(Page::redirect(format!(
                "/s/{}?new=1",
                started.resume_token.expose()
            )))
        })
        .await?;
    Ok(page.into_response())
}
