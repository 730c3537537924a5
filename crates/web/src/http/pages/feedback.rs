//! `/feedback/TOKEN`: the anonymous feedback form a service prints on its cards and leaflets, in
//! the language the person chooses, with "Exit this page" on every page.
//!
//! These handlers take no `HttpRequest`: they cannot read the client's address, user agent or
//! cookies, and they set none. The access log names the route with the token masked.

use crate::error::{AppError, AppResult};
use crate::http::form::{self, Fields};
use crate::http::page::Page;
use crate::http::AppState;
use crate::voice::desk::{FeedbackDesk, Sent};
use actix_web::http::{header, StatusCode};
use actix_web::{get, post, web, HttpResponse};
use frontline_voice::feedback::MAX_TEXT;
use frontline_voice::guard::{HONEYPOT, STAMP};
use frontline_voice::vocabulary::{AgeBand, Disability, Ethnicity, Gender};
use frontline_voice::{FieldProblem, Language, Outcome, OutcomeAnswer, SupportKind, SupportReport};
use serde::Deserialize;
use serde_json::{json, Value};
use std::collections::BTreeMap;

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

fn well_formed(token: &str) -> AppResult<()> {
    if token.len() == 64 && token.bytes().all(|b| b.is_ascii_hexdigit()) {
        Ok(())
    } else {
        Err(AppError::NotFound("feedback link".into()))
    }
}

/// One closed question: its field, label and options, with the person's answer checked.
fn question(
    name: &str,
    label: String,
    options: Vec<(&str, String)>,
    given: &BTreeMap<String, String>,
) -> Value {
    let chosen = given.get(name).map(String::as_str);
    json!({
        "name": name,
        "label": label,
        "options": options
            .into_iter()
            .map(|(code, label)| json!({"code": code, "label": label, "checked": chosen == Some(code)}))
            .collect::<Vec<_>>(),
    })
}

/// The form's questions in `language`, with what the person gave.
fn questions(desk: &FeedbackDesk, language: Language, given: &BTreeMap<String, String>) -> Value {
    let t = |key: String| desk.wording.text(language, &key);
    let answers = |prefix: &str, codes: &[&'static str]| -> Vec<(&'static str, String)> {
        codes
            .iter()
            .map(|c| (*c, t(format!("{prefix}.{c}"))))
            .collect()
    };
    let outcome_codes: Vec<&str> = OutcomeAnswer::ALL.iter().map(|a| a.code()).collect();
    let report_codes: Vec<&str> = SupportReport::ALL.iter().map(|r| r.code()).collect();
    let outcomes: Vec<Value> = Outcome::ALL
        .iter()
        .map(|o| {
            let name = format!("outcome.{}", o.code());
            question(
                &name,
                t(name.clone()),
                answers("answer", &outcome_codes),
                given,
            )
        })
        .collect();
    let support: Vec<Value> = SupportKind::ALL
        .iter()
        .map(|k| {
            let name = format!("support.{}", k.code());
            question(
                &name,
                t(name.clone()),
                answers("report", &report_codes),
                given,
            )
        })
        .collect();
    let codes = |all: Vec<&'static str>| all;
    let about = vec![
        question(
            "age",
            t("age_label".into()),
            answers(
                "age",
                &codes(AgeBand::ALL.iter().map(|v| v.code()).collect()),
            ),
            given,
        ),
        question(
            "gender",
            t("gender_label".into()),
            answers(
                "gender",
                &codes(Gender::ALL.iter().map(|v| v.code()).collect()),
            ),
            given,
        ),
        question(
            "ethnicity",
            t("ethnicity_label".into()),
            answers(
                "ethnicity",
                &codes(Ethnicity::ALL.iter().map(|v| v.code()).collect()),
            ),
            given,
        ),
        question(
            "disability",
            t("disability_label".into()),
            answers(
                "disability",
                &codes(Disability::ALL.iter().map(|v| v.code()).collect()),
            ),
            given,
        ),
    ];
    json!({"outcomes": outcomes, "support": support, "about": about})
}

/// The language links: every language, the current one marked.
fn languages(token: &str, current: Language) -> Vec<Value> {
    Language::ALL
        .iter()
        .map(|l| {
            json!({
                "code": l.code(), "name": l.label(), "lang": l.html_lang(),
                "href": format!("/feedback/{token}?lang={}", l.code()),
                "current": *l == current,
            })
        })
        .collect()
}

/// What every feedback page needs: its language, texts and the exit.
fn frame(desk: &FeedbackDesk, language: Language, token: &str) -> Value {
    json!({
        "page_lang": language.html_lang(),
        "language": language.code(),
        "t": desk.wording.texts(language),
        "exit_to": desk.exit_to,
        "languages": languages(token, language),
    })
}

/// The form, with what the person gave and what to put right.
fn render_form(
    s: &AppState,
    token: &str,
    service: &str,
    language: Language,
    given: &Fields,
    problems: &[FieldProblem],
    again: bool,
) -> AppResult<String> {
    let desk = &s.feedback;
    let given: BTreeMap<String, String> = given.iter().cloned().collect();
    let mut ctx = frame(desk, language, token);
    let intro = desk
        .wording
        .text(language, "intro")
        .replace("{service}", service);
    let mut problems: Vec<Value> = problems
        .iter()
        .map(|p| json!({"field": p.field, "message": p.message(&desk.wording, language)}))
        .collect();
    if again {
        problems
            .push(json!({"field": "send", "message": desk.wording.text(language, "error.again")}));
    }
    let extra = json!({
        "form": true,
        "token": token,
        "intro": intro,
        "stamp": desk.stamp(token),
        "stamp_field": STAMP,
        "honeypot": HONEYPOT,
        "questions": questions(desk, language, &given),
        "helped": given.get("helped"),
        "better": given.get("better"),
        "max_text": MAX_TEXT,
        "problems": problems,
    });
    merge(&mut ctx, extra);
    s.templates.render("feedback.html", ctx)
}

fn merge(into: &mut Value, from: Value) {
    if let (Some(into), Value::Object(from)) = (into.as_object_mut(), from) {
        into.extend(from);
    }
}

/// A page of the journey that is not the form (thanks, busy).
fn render_message(
    s: &AppState,
    token: &str,
    language: Language,
    heading: &str,
    body: &str,
) -> AppResult<String> {
    let desk = &s.feedback;
    let mut ctx = frame(desk, language, token);
    merge(
        &mut ctx,
        json!({
            "heading": desk.wording.text(language, heading),
            "body": desk.wording.text(language, body),
        }),
    );
    s.templates.render("feedback.html", ctx)
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

/// The script that makes "Exit this page" replace the page in the history, and adds the
/// keyboard shortcut (Shift three times).
#[get("/static/exit.js")]
pub async fn exit_script() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/javascript; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "public, max-age=3600"))
        .body(include_str!("../../../static/exit.js"))
}

#[get("/feedback/{token}")]
pub async fn form_page(
    state: web::Data<AppState>,
    token: web::Path<String>,
    chosen: web::Query<Chosen>,
) -> AppResult<HttpResponse> {
    let token = token.into_inner();
    well_formed(&token)?;
    let language = language(chosen.lang.as_deref());
    let body = state
        .into_inner()
        .blocking(move |s| {
            let target = s.feedback.target(&mut *s.platform.conn()?, &token)?;
            render_form(
                s,
                &token,
                &target.service,
                language,
                &Vec::new(),
                &[],
                false,
            )
        })
        .await?;
    Ok(Page::ok(body).into_response())
}

#[post("/feedback/{token}")]
pub async fn send(
    state: web::Data<AppState>,
    token: web::Path<String>,
    body: web::Bytes,
) -> AppResult<HttpResponse> {
    let token = token.into_inner();
    well_formed(&token)?;
    let fields = form::parse(&body)?;
    let language = language(Some(form::raw(&fields, "lang")));
    let page = state
        .into_inner()
        .blocking(move |s| {
            let mut conn = s.platform.conn()?;
            let target = s.feedback.target(&mut conn, &token)?;
            let problem = |problems: &[FieldProblem], again: bool| -> AppResult<Page> {
                let body = render_form(
                    s,
                    &token,
                    &target.service,
                    language,
                    &fields,
                    problems,
                    again,
                )?;
                Ok(Page::with_status(StatusCode::UNPROCESSABLE_ENTITY, body))
            };
            match s
                .feedback
                .receive(&mut conn, &target, &token, language, &fields)?
            {
                Sent::Thanks => Ok(Page::redirect(format!(
                    "/feedback/{token}/thanks?lang={}",
                    language.code()
                ))),
                Sent::Again => problem(&[], true),
                Sent::Problems(problems) => problem(&problems, false),
                Sent::Busy => Ok(Page::with_status(
                    StatusCode::TOO_MANY_REQUESTS,
                    render_message(s, &token, language, "errors_heading", "busy")?,
                )),
            }
        })
        .await?;
    Ok(page.into_response())
}

#[get("/feedback/{token}/thanks")]
pub async fn thanks(
    state: web::Data<AppState>,
    token: web::Path<String>,
    chosen: web::Query<Chosen>,
) -> AppResult<HttpResponse> {
    let token = token.into_inner();
    well_formed(&token)?;
    let language = language(chosen.lang.as_deref());
    let body = state
        .into_inner()
        .blocking(move |s| render_message(s, &token, language, "thanks_heading", "thanks_body"))
        .await?;
    Ok(Page::ok(body).into_response())
}
