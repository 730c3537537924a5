//! `/s/TOKEN/…`: one respondent answering an instrument by their private link (from an open
//! link or a named invitation): sections, check and submit, amend until the wave closes, and
//! the link sent to their own address on request.

use crate::error::{AppError, AppResult};
use crate::http::form::{self, field, Fields};
use crate::http::page::Page;
use crate::http::survey_form;
use crate::http::AppState;
use crate::instruments::answering::{self, PrivateLink, Saved};
use crate::store::instruments;
use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpResponse};
use serde::Deserialize;
use serde_json::json;
use survey_engine::skip::{next_section, section_is_asked};
use survey_engine::validate::{check, Problem, Stage};
use survey_engine::Answers;

#[derive(Deserialize)]
pub struct Flags {
    new: Option<u8>,
    emailed: Option<u8>,
}

/// Resolves the private link, then runs `page` on the blocking pool.
async fn with_link<F>(state: web::Data<AppState>, token: String, page: F) -> AppResult<HttpResponse>
where
    F: FnOnce(&AppState, &PrivateLink, &str) -> AppResult<Page> + Send + 'static,
{
    if token.len() != 64 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(AppError::NotFound("survey link".into()));
    }
    let page = state
        .into_inner()
        .blocking(move |s| {
            let link = answering::open(&mut *s.platform.conn()?, &token)?;
            page(s, &link, &format!("/s/{token}"))
        })
        .await?;
    Ok(page.into_response())
}

fn common(s: &AppState, link: &PrivateLink, base: &str) -> AppResult<serde_json::Value> {
    let def = answering::definition(&s.platform, link)?;
    let group = instruments::find(&mut *s.platform.conn()?, link.cycle.id, &def.id)?
        .map(|w| w.group_name)
        .unwrap_or_default();
    Ok(json!({
        "base": base,
        "cycle": link.cycle,
        "group": group,
        "survey": {"title": def.title, "introduction": def.introduction},
        "response": link.response,
    }))
}

#[get("/s/{token}")]
pub async fn start_page(
    state: web::Data<AppState>,
    token: web::Path<String>,
    flags: web::Query<Flags>,
) -> AppResult<HttpResponse> {
    let flags = flags.into_inner();
    with_link(state, token.into_inner(), move |s, link, base| {
        let def = answering::definition(&s.platform, link)?;
        let answers = answering::answers_of(&link.response)?;
        let sections: Vec<_> = def
            .sections
            .iter()
            .filter(|sec| section_is_asked(def, &answers, sec))
            .map(|sec| {
                let started = sec.questions.iter().any(|q| answers.get(&q.id).is_some());
                json!({"id": sec.id, "title": sec.title, "started": started})
            })
            .collect();
        let mut ctx = common(s, link, base)?;
        ctx["sections"] = json!(sections);
        ctx["new"] = json!(flags.new.is_some());
        ctx["emailed"] = json!(flags.emailed.is_some());
        ctx["link"] = json!(format!("{}{base}", s.mail.public_url.trim_end_matches('/')));
        Ok(Page::ok(s.templates.render("instrument_start.html", ctx)?))
    })
    .await
}

fn render_section(
    s: &AppState,
    link: &PrivateLink,
    base: &str,
    section_id: &str,
    answers: &Answers,
    problems: &[Problem],
    status: StatusCode,
) -> AppResult<Page> {
    let def = answering::definition(&s.platform, link)?;
    let (index, sec) = def
        .sections
        .iter()
        .enumerate()
        .find(|(_, sec)| sec.id == section_id)
        .ok_or_else(|| AppError::NotFound(format!("survey section '{section_id}'")))?;
    let questions =
        survey_form::section_questions(def, sec, answers, problems, &s.platform.geography, &[]);
    let mut ctx = common(s, link, base)?;
    ctx["section"] =
        json!({"id": sec.id, "title": sec.title, "number": index + 1, "of": def.sections.len()});
    ctx["questions"] = json!(questions);
    ctx["problems"] = json!(problems);
    Ok(Page::with_status(
        status,
        s.templates.render("survey_section.html", ctx)?,
    ))
}

#[get("/s/{token}/section/{section}")]
pub async fn show_section(
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> AppResult<HttpResponse> {
    let (token, section) = path.into_inner();
    with_link(state, token, move |s, link, base| {
        let answers = answering::answers_of(&link.response)?;
        render_section(s, link, base, &section, &answers, &[], StatusCode::OK)
    })
    .await
}

#[post("/s/{token}/section/{section}")]
pub async fn save_section(
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    body: web::Bytes,
) -> AppResult<HttpResponse> {
    let (token, section) = path.into_inner();
    let fields = form::parse(&body)?;
    with_link(state, token, move |s, link, base| {
        save(s, link, base, &section, &fields)
    })
    .await
}

fn save(
    s: &AppState,
    link: &PrivateLink,
    base: &str,
    section_id: &str,
    fields: &Fields,
) -> AppResult<Page> {
    let def = answering::definition(&s.platform, link)?;
    let sec = def
        .sections
        .iter()
        .find(|sec| sec.id == section_id)
        .ok_or_else(|| AppError::NotFound(format!("survey section '{section_id}'")))?;
    let posted = survey_engine::form::read_section(sec, fields, &[]);
    let mut conn = s.platform.conn()?;
    match answering::save_section(
        &mut conn,
        def,
        link,
        &s.open_links,
        section_id,
        posted.clone(),
    )? {
        Saved::Refused(problems) => {
            let mut shown = answering::answers_of(&link.response)?;
            shown.merge(posted);
            render_section(
                s,
                link,
                base,
                section_id,
                &shown,
                &problems,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
        }
        Saved::Stored(response) => {
            if fields
                .iter()
                .any(|(k, v)| k == "action" && v == "save_and_leave")
            {
                return Ok(Page::redirect(format!("{base}?saved=1")));
            }
            let answers = Answers::from_json(&response.answers)?;
            Ok(Page::redirect(
                match next_section(def, &answers, section_id) {
                    Some(next) => format!("{base}/section/{}", next.id),
                    None => format!("{base}/check"),
                },
            ))
        }
    }
}

fn check_page(
    s: &AppState,
    link: &PrivateLink,
    base: &str,
    problems: Option<Vec<Problem>>,
) -> AppResult<Page> {
    let def = answering::definition(&s.platform, link)?;
    let answers = answering::answers_of(&link.response)?;
    let status = if problems.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let problems = problems.unwrap_or_else(|| check(def, &answers, Stage::Submission));
    let problems = survey_form::problems_with_sections(def, &problems);
    let mut ctx = common(s, link, base)?;
    ctx["summary"] = json!(survey_form::summary(def, &answers, &s.platform.geography));
    ctx["problems"] = json!(problems);
    Ok(Page::with_status(
        status,
        s.templates.render("survey_check.html", ctx)?,
    ))
}

#[get("/s/{token}/check")]
pub async fn check_answers(
    state: web::Data<AppState>,
    token: web::Path<String>,
) -> AppResult<HttpResponse> {
    with_link(state, token.into_inner(), |s, link, base| {
        check_page(s, link, base, None)
    })
    .await
}

#[post("/s/{token}/submit")]
pub async fn submit(
    state: web::Data<AppState>,
    token: web::Path<String>,
) -> AppResult<HttpResponse> {
    with_link(state, token.into_inner(), |s, link, base| {
        let def = answering::definition(&s.platform, link)?;
        match answering::submit(&mut *s.platform.conn()?, def, link)? {
            Saved::Refused(problems) => check_page(s, link, base, Some(problems)),
            Saved::Stored(_) => Ok(Page::redirect(base.to_string())),
        }
    })
    .await
}

#[post("/s/{token}/email")]
pub async fn email_link(
    state: web::Data<AppState>,
    token: web::Path<String>,
    body: web::Bytes,
) -> AppResult<HttpResponse> {
    let token = token.into_inner();
    let fields = form::parse(&body)?;
    let raw = token.clone();
    with_link(state, token, move |s, link, base| {
        answering::email_link(
            &mut *s.platform.conn()?,
            &s.mail.public_url,
            link,
            &raw,
            &field(&fields, "email"),
        )?;
        Ok(Page::redirect(format!("{base}?emailed=1")))
    })
    .await
}
