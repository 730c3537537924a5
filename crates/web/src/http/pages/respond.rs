//! `/r/TOKEN/…`: a practitioner answering by the link in their invitation, and keeping their
//! service's profile. The link is the only credential; it stops working when the cycle closes.

use super::answering::{self, message_page, Answering};
use super::profiles::{self, FormPlace, Showing};
use crate::crypto::LinkToken;
use crate::error::{AppError, AppResult};
use crate::fieldwork::answering::Respondent;
use crate::http::form::{self, field};
use crate::http::page::Page;
use crate::http::AppState;
use crate::profiles::saving::Giver;
use crate::store::invitations;
use crate::store::states::Channel;
use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpResponse};

/// The link holder, or the page to show instead (unknown link, closed survey).
fn resolve(s: &AppState, token: &str) -> AppResult<Result<Answering, Page>> {
    let mut conn = s.platform.conn()?;
    let holder = match LinkToken::from_link(token) {
        Some(token) => invitations::by_token(&mut conn, &token)?,
        None => None,
    };
    let Some(holder) = holder else {
        return Ok(Err(message_page(
            s,
            StatusCode::NOT_FOUND,
            "This link is not recognised",
            "Check that you copied the whole link from your invitation email. If it still does not work, reply to the email and we will send a new one.",
        )?));
    };
    let cycle = holder.cycle;
    if !cycle.is_open() {
        return Ok(Err(message_page(
            s,
            StatusCode::GONE,
            "This survey has closed",
            &format!("The {} closed on {}, so answers can no longer be given or changed. Thank you for your help.", cycle.title, cycle.closes_on),
        )?));
    }
    // Only the first visit writes: every other request through the link is read-only until it saves.
    // Best effort: a first visit that cannot be recorded (the database busy for a moment)
    // still shows the page; the next visit records it.
    if !holder.opened {
        if let Err(e) = invitations::mark_opened(&mut conn, holder.invitation_id) {
            let e = AppError::from(e);
            if !e.is_out_of_reach() {
                return Err(e);
            }
        }
    }
    Ok(Ok(Answering {
        respondent: Respondent {
            cycle,
            service: holder.service,
            response: holder.response,
            channel: Channel::Online,
            actor: format!("respondent (invitation {})", holder.invitation_id),
        },
        base: format!("/r/{token}"),
        csrf: None,
    }))
}

/// Resolves the link (remembering it for an outage), then runs `page` on the blocking pool.
async fn with_link<F>(state: web::Data<AppState>, token: String, page: F) -> AppResult<HttpResponse>
where
    F: FnOnce(&AppState, &Answering) -> AppResult<Page> + Send + 'static,
{
    with_link_or_recalled(state, token, page, |_, _| None).await
}

/// [`with_link`], and when the database is out of reach as the link is resolved, `recalled`
/// runs instead, on the link's last view if this server remembers one (if it gives a page).
async fn with_link_or_recalled<F, R>(
    state: web::Data<AppState>,
    token: String,
    page: F,
    recalled: R,
) -> AppResult<HttpResponse>
where
    F: FnOnce(&AppState, &Answering) -> AppResult<Page> + Send + 'static,
    R: FnOnce(&AppState, Option<&Answering>) -> Option<AppResult<Page>> + Send + 'static,
{
    let Some(link) = LinkToken::from_link(&token) else {
        return Err(AppError::NotFound("invitation link".into()));
    };
    let page = state
        .into_inner()
        .blocking(move |s| match resolve(s, &token) {
            Ok(Ok(a)) => {
                s.links.remember(&link, &a);
                page(s, &a)
            }
            Ok(Err(page)) => {
                // Unknown or closed: nothing of the link is kept to show again.
                s.links.forget(&link);
                Ok(page)
            }
            Err(e) if e.is_out_of_reach() => {
                recalled(s, s.links.recall(&link).as_ref()).unwrap_or(Err(e))
            }
            Err(e) => Err(e),
        })
        .await?;
    Ok(page.into_response())
}

#[get("/r/{token}")]
pub async fn start_page(
    state: web::Data<AppState>,
    token: web::Path<String>,
) -> AppResult<HttpResponse> {
    with_link(state, token.into_inner(), answering::start).await
}

#[get("/r/{token}/section/{section}")]
pub async fn show_section(
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> AppResult<HttpResponse> {
    let (token, section) = path.into_inner();
    with_link(state, token, move |s, a| answering::section(s, a, &section)).await
}

#[post("/r/{token}/section/{section}")]
pub async fn save_section(
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    body: web::Bytes,
) -> AppResult<HttpResponse> {
    let (token, section) = path.into_inner();
    let fields = form::parse(&body)?;
    let kept = (
        format!("/r/{token}/section/{section}"),
        section.clone(),
        fields.clone(),
    );
    with_link_or_recalled(
        state,
        token,
        move |s, a| answering::save(s, a, &section, &fields),
        move |s, a| {
            Some(match a {
                Some(a) => answering::unsaved(s, a, &kept.1, &kept.2),
                None => answering::echo_unsaved(s, &kept.0, &kept.2),
            })
        },
    )
    .await
}

#[get("/r/{token}/check")]
pub async fn check_page(
    state: web::Data<AppState>,
    token: web::Path<String>,
) -> AppResult<HttpResponse> {
    with_link(state, token.into_inner(), |s, a| {
        answering::check_page(s, a, None)
    })
    .await
}

#[post("/r/{token}/submit")]
pub async fn submit_answers(
    state: web::Data<AppState>,
    token: web::Path<String>,
) -> AppResult<HttpResponse> {
    with_link(state, token.into_inner(), answering::submit).await
}

#[get("/r/{token}/done")]
pub async fn done_page(
    state: web::Data<AppState>,
    token: web::Path<String>,
) -> AppResult<HttpResponse> {
    with_link(state, token.into_inner(), answering::done).await
}

#[post("/r/{token}/outcome")]
pub async fn record_outcome(
    state: web::Data<AppState>,
    token: web::Path<String>,
    body: web::Bytes,
) -> AppResult<HttpResponse> {
    let fields = form::parse(&body)?;
    with_link(state, token.into_inner(), move |s, a| {
        answering::outcome(s, a, &field(&fields, "outcome"), &field(&fields, "note"))
    })
    .await
}

/// The service's profile, on one page, by the same link.
#[get("/r/{token}/profile")]
pub async fn profile_form(
    state: web::Data<AppState>,
    token: web::Path<String>,
    saved: web::Query<profiles::Saved>,
) -> AppResult<HttpResponse> {
    let token = token.into_inner();
    let saved = saved.into_inner().is_saved();
    let action = format!("/r/{token}/profile");
    with_link(state, token, move |s, a| {
        let place = FormPlace {
            action: &action,
            csrf: None,
        };
        let r = &a.respondent;
        profiles::render_form(s, &r.cycle, &r.service, &place, Showing::Stored { saved })
    })
    .await
}

#[post("/r/{token}/profile")]
pub async fn profile_save(
    state: web::Data<AppState>,
    token: web::Path<String>,
    body: web::Bytes,
) -> AppResult<HttpResponse> {
    let token = token.into_inner();
    let fields = form::parse(&body)?;
    let action = format!("/r/{token}/profile");
    let kept = (action.clone(), fields.clone());
    with_link_or_recalled(
        state,
        token,
        move |s, a| {
            let place = FormPlace {
                action: &action,
                csrf: None,
            };
            let r = &a.respondent;
            profiles::save_form(s, &r.cycle, &r.service, &place, &fields, Giver::Service)
        },
        move |s, a| {
            let place = FormPlace {
                action: &kept.0,
                csrf: None,
            };
            Some(match a {
                Some(a) => {
                    let r = &a.respondent;
                    profiles::unsaved_form(s, &r.cycle, &r.service, &place, &kept.1)
                }
                None => answering::echo_unsaved(s, &kept.0, &kept.1),
            })
        },
    )
    .await
}
