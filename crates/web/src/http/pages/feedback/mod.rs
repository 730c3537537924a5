//! `/feedback/TOKEN`: the anonymous feedback a service prints on its cards and leaflets, in the
//! language the person chooses, with "Exit this page" on every page.
//!
//! The link opens a start page; the form itself is only ever the answer to a POST (Start, or Send
//! with a problem to put right) and answers travel only with Send, so Back after leaving finds the
//! start page or the browser's "confirm resubmission", with or without script.
//!
//! These handlers take no `HttpRequest`: they cannot read the client's address, user agent or
//! cookies, and they set none. The access log leaves these routes out.

use crate::crypto::LinkToken;
use crate::error::AppResult;
use crate::http::form::{self, Fields};
use crate::http::page::Page;
use crate::http::AppState;
use crate::store::feedback::{self, LinkTarget};
use crate::voice::desk::{FeedbackDesk, Sent};
use actix_web::http::{header, StatusCode};
use actix_web::{get, post, web, HttpResponse};
use context::{Body, FeedbackPage, Form, Problem};
use frontline_voice::{FieldProblem, Language};
use serde::Deserialize;
use std::collections::BTreeMap;

mod context;

#[derive(Debug, Deserialize)]
pub struct Chosen {
    lang: Option<String>,
}

/// The language asked for; English for none or one the form does not have.
fn language(asked: Option<&str>) -> Language {
    asked
        .and_then(|code| Language::parse(code).ok())
        .unwrap_or(Language::English)
}

/// Whether `token` has a link's shape (64 hex digits); nothing else is looked up.
fn well_formed(token: &str) -> bool {
    token.len() == 64 && token.bytes().all(|b| b.is_ascii_hexdigit())
}

/// The live link `token` leads to; none for a malformed, unknown or withdrawn one.
fn target(s: &AppState, token: &str) -> AppResult<Option<LinkTarget>> {
    if !well_formed(token) {
        return Ok(None);
    }
    Ok(feedback::live_link(&mut *s.platform.conn()?, token)?)
}

/// What to tell the person above a form shown again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Notice {
    /// A fresh form: nothing to say.
    None,
    /// The form was sent too late (or its stamp was not ours): send once more.
    Again,
    /// The link has taken its responses for this hour.
    Busy,
    /// Not kept: the database was out of reach for a moment; the answers are on the page.
    NotSent,
}

/// The form, with what the person gave and what to put right.
#[allow(clippy::too_many_arguments)]
fn render_form(
    s: &AppState,
    token: &str,
    service: &str,
    language: Language,
    given: &Fields,
    problems: &[FieldProblem],
    notice: Notice,
    fresh: bool,
) -> AppResult<String> {
    let desk = &s.feedback;
    let given: BTreeMap<String, String> = given.iter().cloned().collect();
    let mut problems: Vec<Problem> = problems
        .iter()
        .map(|p| Problem {
            field: p.field.clone(),
            message: p.message(&desk.wording, language),
        })
        .collect();
    let notice = match notice {
        Notice::None => None,
        Notice::Again => Some("error.again"),
        Notice::Busy => Some("busy"),
        Notice::NotSent => Some("not_sent"),
    };
    problems.extend(notice.map(|key| Problem {
        field: "send".into(),
        message: desk.wording.text(language, key),
    }));
    let stamp = if fresh {
        desk.stamp(token)
    } else {
        desk.stamp_again(token)
    };
    let form = Form::new(
        desk,
        language,
        token,
        intro(desk, language, service),
        stamp,
        &given,
        problems,
    );
    render(s, language, token, Body::Form(Box::new(form)))
}

/// The opening sentence, naming the service.
fn intro(desk: &FeedbackDesk, language: Language, service: &str) -> String {
    desk.wording
        .text(language, "intro")
        .replace("{service}", service)
}

fn render(s: &AppState, language: Language, token: &str, body: Body) -> AppResult<String> {
    let page = FeedbackPage::new(&s.feedback, language, token, body);
    s.templates.render("feedback.html", page)
}

/// A page of the journey that is not the form: its heading and what it says, by wording key.
fn render_message(
    s: &AppState,
    token: &str,
    language: Language,
    keys: &[&str],
) -> AppResult<String> {
    let mut texts = keys.iter().map(|k| s.feedback.wording.text(language, k));
    let body = Body::Message {
        heading: texts.next().unwrap_or_default(),
        paragraphs: texts.collect(),
    };
    render(s, language, token, body)
}

/// The start page: what the feedback is for, what is kept, the language choice, Start.
fn render_start(s: &AppState, token: &str, service: &str, language: Language) -> AppResult<String> {
    let body = Body::Start {
        token: token.to_string(),
        intro: intro(&s.feedback, language, service),
    };
    render(s, language, token, body)
}

/// The link is unknown or withdrawn: said in the person's language, with the exit.
fn gone(s: &AppState, token: &str, language: Language) -> AppResult<Page> {
    Ok(Page::with_status(
        StatusCode::NOT_FOUND,
        render_message(s, token, language, &["gone_heading", "gone_body"])?,
    ))
}

/// Answers with `page` for the live link `token`, or with the "gone" page in `language`.
async fn for_link<F>(
    state: web::Data<AppState>,
    token: String,
    language: Language,
    page: F,
) -> AppResult<HttpResponse>
where
    F: FnOnce(&AppState, &str, &LinkTarget) -> AppResult<Page> + Send + 'static,
{
    for_link_or_recalled(state, token, language, page, |_, _, _| None).await
}

/// [`for_link`], and when the database is out of reach (finding the link, or in `page`),
/// `recalled` runs on the service the link was last known to lead to, if it gives a page.
/// Only each link's service is remembered, never an answer.
async fn for_link_or_recalled<F, R>(
    state: web::Data<AppState>,
    token: String,
    language: Language,
    page: F,
    recalled: R,
) -> AppResult<HttpResponse>
where
    F: FnOnce(&AppState, &str, &LinkTarget) -> AppResult<Page> + Send + 'static,
    R: FnOnce(&AppState, &str, &LinkTarget) -> Option<AppResult<Page>> + Send + 'static,
{
    let page = state
        .into_inner()
        .blocking(move |s| {
            let link = LinkToken::from_link(&token);
            let answered = target(s, &token).and_then(|found| match (found, &link) {
                (Some(target), Some(link)) => {
                    s.feedback_links.remember(link, &target);
                    page(s, &token, &target)
                }
                (Some(target), None) => page(s, &token, &target),
                (None, link) => {
                    if let Some(link) = link {
                        s.feedback_links.forget(link);
                    }
                    gone(s, &token, language)
                }
            });
            match answered {
                Err(e) if e.is_out_of_reach() => link
                    .and_then(|link| s.feedback_links.recall(&link))
                    .and_then(|target| recalled(s, &token, &target))
                    .unwrap_or(Err(e)),
                done => done,
            }
        })
        .await?;
    Ok(page.into_response())
}

/// "Exit this page" without script: straight to the neutral page, with this site's cached pages
/// cleared, so Back does not show the form as it was.
#[get("/feedback/exit")]
pub async fn exit(state: web::Data<AppState>) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, state.feedback.exit_to.clone()))
        .insert_header(("Clear-Site-Data", "\"cache\""))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .finish()
}

/// The feedback pages' script: "Exit this page" replaces the page in the history (and Shift
/// three times does the same), the error summary takes the focus, the form is sent once.
#[get("/static/feedback.js")]
pub async fn script() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/javascript; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "public, max-age=3600"))
        .body(include_str!("../../../../static/feedback.js"))
}

#[get("/feedback/{token}")]
pub async fn start_page(
    state: web::Data<AppState>,
    token: web::Path<String>,
    chosen: web::Query<Chosen>,
) -> AppResult<HttpResponse> {
    let token = token.into_inner();
    let language = language(chosen.lang.as_deref());
    for_link(state, token, language, move |s, token, target| {
        Ok(Page::ok(render_start(s, token, &target.service, language)?))
    })
    .await
}

/// The form, as the answer to Start. A change of language goes back to the start page: answers
/// travel only with Send, so that no page in the history holds them but one sent for a problem
/// to be put right.
#[post("/feedback/{token}/form")]
pub async fn form_page(
    state: web::Data<AppState>,
    token: web::Path<String>,
    body: web::Bytes,
) -> AppResult<HttpResponse> {
    let token = token.into_inner();
    let fields = form::parse(&body)?;
    let language = language(Some(form::raw(&fields, "lang")));
    for_link(state, token, language, move |s, token, target| {
        let fresh = render_form(
            s,
            token,
            &target.service,
            language,
            &Vec::new(),
            &[],
            Notice::None,
            true,
        )?;
        Ok(Page::ok(fresh))
    })
    .await
}

#[post("/feedback/{token}")]
pub async fn send(
    state: web::Data<AppState>,
    token: web::Path<String>,
    body: web::Bytes,
) -> AppResult<HttpResponse> {
    let token = token.into_inner();
    let fields = form::parse(&body)?;
    let language = language(Some(form::raw(&fields, "lang")));
    let kept = fields.clone();
    for_link_or_recalled(
        state,
        token,
        language,
        move |s, token, target| receive(s, token, target, language, &fields),
        // Out of reach for a moment: the form again with every answer on it, unsent, in the
        // person's language and with the exit.
        move |s, token, target| {
            Some(
                render_form(
                    s,
                    token,
                    &target.service,
                    language,
                    &kept,
                    &[],
                    Notice::NotSent,
                    false,
                )
                .map(|body| Page::Busy { body }),
            )
        },
    )
    .await
}

/// Keeps a response sent through the live link `target`, or shows the form again saying why not.
fn receive(
    s: &AppState,
    token: &str,
    target: &LinkTarget,
    language: Language,
    fields: &Fields,
) -> AppResult<Page> {
    let again = |problems: &[FieldProblem], notice: Notice, status: StatusCode| {
        let body = render_form(
            s,
            token,
            &target.service,
            language,
            fields,
            problems,
            notice,
            false,
        )?;
        Ok(Page::with_status(status, body))
    };
    let sent = s
        .feedback
        .receive(&mut *s.platform.conn()?, target, token, language, fields)?;
    match sent {
        Sent::Thanks => Ok(Page::redirect(format!(
            "/feedback/{token}/thanks?lang={}",
            language.code()
        ))),
        Sent::Again => again(&[], Notice::Again, StatusCode::UNPROCESSABLE_ENTITY),
        Sent::Problems(problems) => {
            again(&problems, Notice::None, StatusCode::UNPROCESSABLE_ENTITY)
        }
        Sent::Busy => again(&[], Notice::Busy, StatusCode::TOO_MANY_REQUESTS),
    }
}

#[get("/feedback/{token}/thanks")]
pub async fn thanks(
    state: web::Data<AppState>,
    token: web::Path<String>,
    chosen: web::Query<Chosen>,
) -> AppResult<HttpResponse> {
    let token = token.into_inner();
    let language = language(chosen.lang.as_deref());
    let page = state
        .into_inner()
        .blocking(move |s| {
            if !well_formed(&token) {
                return gone(s, &token, language);
            }
            let keys = ["thanks_heading", "thanks_body", "thanks_more"];
            Ok(Page::ok(render_message(s, &token, language, &keys)?))
        })
        .await?;
    Ok(page.into_response())
}
