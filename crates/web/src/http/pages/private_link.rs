//! `/s/TOKEN/…`: one respondent answering an instrument by their private link (from an open
//! link or a named invitation): sections, check and submit, amend until the wave closes, and
//! the link sent to their own address on request.

use crate::crypto::LinkToken;
use crate::error::{AppError, AppResult};
use crate::http::form::{self, field, Fields};
use crate::http::page::Page;
use crate::http::pages::answering as answering_pages;
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
use survey_engine::{Answers, Section, SurveyDefinition};

#[derive(Deserialize)]
pub struct Flags {
    new: Option<u8>,
    emailed: Option<u8>,
}

/// A private link's response and wave, and the group its instrument belongs to: all a page of
/// the link shows besides the instrument itself. Remembered for an outage.
#[derive(Clone)]
pub struct Holder {
    link: PrivateLink,
    group: String,
}

fn resolve(s: &AppState, token: &str) -> AppResult<Holder> {
    let mut conn = s.platform.conn()?;
    let link = answering::open(&mut conn, token)?;
    let def = answering::definition(&s.platform, &link)?;
    let group = instruments::find(&mut conn, link.cycle.id, &def.id)?
        .map(|w| w.group_name)
        .unwrap_or_default();
    Ok(Holder { link, group })
}

/// Resolves the private link, then runs `page` on the blocking pool.
async fn with_link<F>(state: web::Data<AppState>, token: String, page: F) -> AppResult<HttpResponse>
where
    F: FnOnce(&AppState, &Holder, &str) -> AppResult<Page> + Send + 'static,
{
    with_link_or_recalled(state, token, page, |_, _, _| None).await
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
    F: FnOnce(&AppState, &Holder, &str) -> AppResult<Page> + Send + 'static,
    R: FnOnce(&AppState, Option<&Holder>, &str) -> Option<AppResult<Page>> + Send + 'static,
{
    let Some(key) = LinkToken::from_link(&token) else {
        return Err(AppError::NotFound("survey link".into()));
    };
    let base = format!("/s/{token}");
    let page = state
        .into_inner()
        .blocking(move |s| match resolve(s, &token) {
            Ok(holder) => {
                s.private_links.remember(&key, &holder);
                page(s, &holder, &base)
            }
            Err(e) if e.is_out_of_reach() => {
                recalled(s, s.private_links.recall(&key).as_ref(), &base).unwrap_or(Err(e))
            }
            Err(e) => {
                // Unknown or closed: nothing of the link is kept to show again.
                s.private_links.forget(&key);
                Err(e)
            }
        })
        .await?;
    Ok(page.into_response())
}

fn common(s: &AppState, holder: &Holder, base: &str) -> AppResult<serde_json::Value> {
    let link = &holder.link;
    let def = answering::definition(&s.platform, link)?;
    Ok(json!({
        "base": base,
        "cycle": link.cycle,
        "group": holder.group,
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
    with_link(state, token.into_inner(), move |s, holder, base| {
        let def = answering::definition(&s.platform, &holder.link)?;
        let answers = answering::answers_of(&holder.link.response)?;
        let sections: Vec<_> = def
            .sections
            .iter()
            .filter(|sec| section_is_asked(def, &answers, sec))
            .map(|sec| {
                let started = sec.questions.iter().any(|q| answers.get(&q.id).is_some());
                json!({"id": sec.id, "title": sec.title, "started": started})
            })
            .collect();
        let mut ctx = common(s, holder, base)?;
        ctx["sections"] = json!(sections);
        ctx["new"] = json!(flags.new.is_some());
        ctx["emailed"] = json!(flags.emailed.is_some());
        ctx["link"] = json!(format!("{}{base}", s.mail.public_url.trim_end_matches('/')));
        Ok(Page::ok(s.templates.render("instrument_start.html", ctx)?))
    })
    .await
}

/// A section's page with `answers` on it and what to put right; `unsaved` when what was posted
/// could not be saved, the database out of reach for a moment (then nothing is read from it).
fn render_section(
    s: &AppState,
    holder: &Holder,
    base: &str,
    section_id: &str,
    answers: &Answers,
    problems: &[Problem],
    unsaved: bool,
) -> AppResult<Page> {
    let def = answering::definition(&s.platform, &holder.link)?;
    let sec = section_of(def, section_id)?;
    let questions =
        survey_form::section_questions(def, sec, answers, problems, &s.platform.geography, &[]);
    let (number, of) = survey_form::position(def, answers, sec);
    let mut ctx = common(s, holder, base)?;
    ctx["section"] = json!({"id": sec.id, "title": sec.title, "number": number, "of": of});
    ctx["questions"] = json!(questions);
    ctx["problems"] = json!(problems);
    ctx["unsaved"] = json!(unsaved);
    let body = s.templates.render("survey_section.html", ctx)?;
    Ok(if unsaved {
        Page::Busy { body }
    } else if problems.is_empty() {
        Page::ok(body)
    } else {
        Page::with_status(StatusCode::UNPROCESSABLE_ENTITY, body)
    })
}

fn section_of<'d>(def: &'d SurveyDefinition, section_id: &str) -> AppResult<&'d Section> {
    def.sections
        .iter()
        .find(|sec| sec.id == section_id)
        .ok_or_else(|| AppError::NotFound(format!("survey section '{section_id}'")))
}

/// The section again with everything posted on it, not saved yet. Needs nothing from the
/// database.
fn unsaved(
    s: &AppState,
    holder: &Holder,
    base: &str,
    section_id: &str,
    fields: &Fields,
) -> AppResult<Page> {
    let def = answering::definition(&s.platform, &holder.link)?;
    let sec = section_of(def, section_id)?;
    let mut shown = answering::answers_of(&holder.link.response)?;
    shown.merge(survey_engine::form::read_section(sec, fields, &[]));
    render_section(s, holder, base, section_id, &shown, &[], true)
}

#[get("/s/{token}/section/{section}")]
pub async fn show_section(
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> AppResult<HttpResponse> {
    let (token, section) = path.into_inner();
    with_link(state, token, move |s, holder, base| {
        let answers = answering::answers_of(&holder.link.response)?;
        let def = answering::definition(&s.platform, &holder.link)?;
        if !section_is_asked(def, &answers, section_of(def, &section)?) {
            return Ok(Page::redirect(base.to_string()));
        }
        render_section(s, holder, base, &section, &answers, &[], false)
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
    let kept = (section.clone(), fields.clone());
    with_link_or_recalled(
        state,
        token,
        move |s, holder, base| save(s, holder, base, &section, &fields),
        move |s, holder, base| {
            Some(match holder {
                Some(holder) => unsaved(s, holder, base, &kept.0, &kept.1),
                None => {
                    answering_pages::echo_unsaved(s, &format!("{base}/section/{}", kept.0), &kept.1)
                }
            })
        },
    )
    .await
}

/// Saves a posted section and goes on; bad answers come back with what to put right, and when
/// the database is out of reach for a moment, everything posted comes back unsaved.
fn save(
    s: &AppState,
    holder: &Holder,
    base: &str,
    section_id: &str,
    fields: &Fields,
) -> AppResult<Page> {
    match store(s, holder, base, section_id, fields) {
        Err(e) if e.is_out_of_reach() => {
            tracing::warn!("a section was not saved, the database out of reach: {e}");
            unsaved(s, holder, base, section_id, fields)
        }
        done => done,
    }
}

fn store(
    s: &AppState,
    holder: &Holder,
    base: &str,
    section_id: &str,
    fields: &Fields,
) -> AppResult<Page> {
    let link = &holder.link;
    let def = answering::definition(&s.platform, link)?;
    let sec = section_of(def, section_id)?;
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
            render_section(s, holder, base, section_id, &shown, &problems, false)
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
    holder: &Holder,
    base: &str,
    problems: Option<Vec<Problem>>,
) -> AppResult<Page> {
    let link = &holder.link;
    let def = answering::definition(&s.platform, link)?;
    let answers = answering::answers_of(&link.response)?;
    let status = if problems.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let problems = problems.unwrap_or_else(|| check(def, &answers, Stage::Submission));
    let problems = survey_form::problems_with_sections(def, &problems);
    let mut ctx = common(s, holder, base)?;
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
    with_link(state, token.into_inner(), |s, holder, base| {
        check_page(s, holder, base, None)
    })
    .await
}

#[post("/s/{token}/submit")]
pub async fn submit(
    state: web::Data<AppState>,
    token: web::Path<String>,
) -> AppResult<HttpResponse> {
    with_link(state, token.into_inner(), |s, holder, base| {
        let def = answering::definition(&s.platform, &holder.link)?;
        match answering::submit(&mut *s.platform.conn()?, def, &holder.link)? {
            Saved::Refused(problems) => check_page(s, holder, base, Some(problems)),
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
    with_link(state, token, move |s, holder, base| {
        answering::email_link(
            &mut *s.platform.conn()?,
            &s.mail.public_url,
            &holder.link,
            &raw,
            &field(&fields, "email"),
        )?;
        Ok(Page::redirect(format!("{base}?emailed=1")))
    })
    .await
}
