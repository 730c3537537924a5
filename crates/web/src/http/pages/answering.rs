//! The survey pages, shared by respondents (by link, under `/r/TOKEN`) and survey staff
//! completing a return by phone (under `/admin/cycles/YEAR/services/ID/phone`).

use crate::error::{AppError, AppResult};
use crate::fieldwork::answering::{self, Respondent, Saved};
use crate::http::page::Page;
use crate::http::survey_form;
use crate::http::AppState;
use crate::store::states::Channel;
use actix_web::http::StatusCode;
use serde_json::json;
use survey_engine::definition::{Section, SurveyDefinition};
use survey_engine::skip::{next_section, section_is_asked};
use survey_engine::validate::{check, check_section, Problem, Stage};
use survey_engine::{form, Answers};

/// Who is answering, where their pages live, and the CSRF token staff forms carry.
#[derive(Debug, Clone)]
pub struct Answering {
    pub respondent: Respondent,
    pub base: String,
    pub csrf: Option<String>,
}

/// The section `section_id` of the survey, or "not found" naming it.
fn section_of<'d>(def: &'d SurveyDefinition, section_id: &str) -> AppResult<&'d Section> {
    def.sections
        .iter()
        .find(|sec| sec.id == section_id)
        .ok_or_else(|| AppError::NotFound(format!("survey section '{section_id}'")))
}

/// Renders an error page with a status, e.g. a closed survey (410).
pub fn message_page(
    s: &AppState,
    status: StatusCode,
    title: &str,
    message: &str,
) -> AppResult<Page> {
    let body = s
        .templates
        .render("message.html", json!({"title": title, "message": message}))?;
    Ok(Page::with_status(status, body))
}

/// Everything a respondent posted, kept on a page that posts it again to `action`: for a save
/// that could not reach the database on a server that has not seen their link (another server
/// of several served it before). Needs nothing from the database or the link.
pub fn echo_unsaved(s: &AppState, action: &str, fields: &[(String, String)]) -> AppResult<Page> {
    let kept: Vec<_> = fields
        .iter()
        .map(|(name, value)| json!({"name": name, "value": value}))
        .collect();
    let answers = fields
        .iter()
        .filter(|(name, value)| name != "action" && !value.trim().is_empty())
        .count();
    let body = s.templates.render(
        "unsaved_echo.html",
        json!({"action": action, "fields": kept, "answers": answers}),
    )?;
    Ok(Page::Busy { body })
}

fn common(s: &AppState, a: &Answering) -> AppResult<serde_json::Value> {
    let def = s.platform.catalogue.get(&a.respondent.cycle.schema_id)?;
    Ok(json!({
        "base": a.base,
        "csrf": a.csrf,
        "phone": a.respondent.channel == Channel::Phone,
        "cycle": a.respondent.cycle,
        "open": a.respondent.cycle.is_open(),
        "service": a.respondent.service,
        "survey": {"title": def.title, "introduction": def.introduction},
    }))
}

/// The start page: what the survey is, progress by section, and what to do next.
pub fn start(s: &AppState, a: &Answering) -> AppResult<Page> {
    let def = s.platform.catalogue.get(&a.respondent.cycle.schema_id)?;
    let response = &a.respondent.response;
    let answers = answering::answers_of(response.as_ref())?;
    let sections: Vec<_> = def
        .sections
        .iter()
        .filter(|sec| section_is_asked(def, &answers, sec))
        .map(|sec| {
            let started = sec.questions.iter().any(|q| answers.get(&q.id).is_some());
            let complete =
                started && check_section(def, &answers, sec, Stage::Submission).is_empty();
            json!({"id": sec.id, "title": sec.title, "started": started, "complete": complete})
        })
        .collect();
    let mut ctx = common(s, a)?;
    ctx["sections"] = json!(sections);
    ctx["response"] = json!(response);
    ctx["unsubmitted_changes"] = json!(response
        .as_ref()
        .is_some_and(|r| r.has_unsubmitted_changes()));
    Ok(Page::ok(s.templates.render("survey_start.html", ctx)?))
}

/// One section's form, with the answers saved so far.
pub fn section(s: &AppState, a: &Answering, section_id: &str) -> AppResult<Page> {
    let answers = answering::answers_of(a.respondent.response.as_ref())?;
    // A section the answers so far skip (no practitioners: no practitioner questions) is not
    // shown by its address either: the start page lists what is asked.
    let def = s.platform.catalogue.get(&a.respondent.cycle.schema_id)?;
    if !section_is_asked(def, &answers, section_of(def, section_id)?) {
        return Ok(Page::redirect(a.base.clone()));
    }
    render_section(s, a, section_id, &answers, &[], StatusCode::OK, false)
}

/// What a section's page says about its answers beside the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kept {
    /// Shown as stored, or refused with nothing stored.
    AsShown,
    /// Stored, though problems keep the respondent on the page.
    Saved,
    /// Not stored: the database was out of reach; everything typed is on the page.
    NotYet,
}

/// A section's form; `saved` says the answers on it were stored even though `problems` keep
/// the respondent on it (required answers missing, checks across fields).
fn render_section(
    s: &AppState,
    a: &Answering,
    section_id: &str,
    answers: &Answers,
    problems: &[Problem],
    status: StatusCode,
    saved: bool,
) -> AppResult<Page> {
    let kept = if saved { Kept::Saved } else { Kept::AsShown };
    let body = section_html(s, a, section_id, answers, problems, kept)?;
    Ok(Page::with_status(status, body))
}

/// The section's page again with everything typed on it, saying it is not saved yet: the
/// database was out of reach for a moment. Needs nothing from the database.
pub fn unsaved(
    s: &AppState,
    a: &Answering,
    section_id: &str,
    fields: &[(String, String)],
) -> AppResult<Page> {
    let def = s.platform.catalogue.get(&a.respondent.cycle.schema_id)?;
    let sec = section_of(def, section_id)?;
    let mut shown = answering::answers_of(a.respondent.response.as_ref())?;
    shown.merge(form::read_section(sec, fields, &a.respondent.service.areas));
    let body = section_html(s, a, section_id, &shown, &[], Kept::NotYet)?;
    Ok(Page::Busy { body })
}

fn section_html(
    s: &AppState,
    a: &Answering,
    section_id: &str,
    answers: &Answers,
    problems: &[Problem],
    kept: Kept,
) -> AppResult<String> {
    let def = s.platform.catalogue.get(&a.respondent.cycle.schema_id)?;
    let sec = section_of(def, section_id)?;
    let (number, of) = survey_form::position(def, answers, sec);
    let questions = survey_form::section_questions(
        def,
        sec,
        answers,
        problems,
        &s.platform.geography,
        &a.respondent.service.areas,
    );
    let mut ctx = common(s, a)?;
    ctx["section"] = json!({"id": sec.id, "title": sec.title, "number": number, "of": of});
    ctx["questions"] = json!(questions);
    ctx["problems"] = json!(problems);
    ctx["saved"] = json!(kept == Kept::Saved);
    ctx["unsaved"] = json!(kept == Kept::NotYet);
    s.templates.render("survey_section.html", ctx)
}

/// Saves a posted section. Bad answers come back with an error summary and nothing is stored;
/// good ones go on to the next section (or the check page), or back to the start page.
pub fn save(
    s: &AppState,
    a: &Answering,
    section_id: &str,
    fields: &[(String, String)],
) -> AppResult<Page> {
    match store(s, a, section_id, fields) {
        Err(e) if e.is_out_of_reach() => {
            tracing::warn!("a section was not saved, the database out of reach: {e}");
            unsaved(s, a, section_id, fields)
        }
        done => done,
    }
}

/// Stores the section's answers and goes on, or shows what to put right.
fn store(
    s: &AppState,
    a: &Answering,
    section_id: &str,
    fields: &[(String, String)],
) -> AppResult<Page> {
    let def = s.platform.catalogue.get(&a.respondent.cycle.schema_id)?;
    let sec = section_of(def, section_id)?;
    let posted = form::read_section(sec, fields, &a.respondent.service.areas);
    let mut conn = s.platform.conn()?;
    match answering::save_section(&mut conn, def, &a.respondent, section_id, posted.clone())? {
        Saved::Refused(mut problems) => {
            let mut shown =
                answering::answers_of(answering::current(&mut conn, &a.respondent)?.as_ref())?;
            shown.merge(posted);
            // Everything to put right on this page in one round: what was refused, and the
            // section's missing answers and checks across its fields, each once.
            for p in check_section(def, &shown, sec, Stage::Submission) {
                if !problems.contains(&p) {
                    problems.push(p);
                }
            }
            render_section(
                s,
                a,
                section_id,
                &shown,
                &problems,
                StatusCode::UNPROCESSABLE_ENTITY,
                false,
            )
        }
        Saved::Stored(response) => {
            let leave = fields
                .iter()
                .any(|(k, v)| k == "action" && v == "save_and_leave");
            if leave {
                return Ok(Page::redirect(format!("{}?saved=1", a.base)));
            }
            let answers = Answers::from_json(&response.answers)?;
            // Going on needs this section complete: its required answers and the checks across
            // its fields, each said once, here rather than at the end. What was typed is kept.
            let problems = check_section(def, &answers, sec, Stage::Submission);
            if !problems.is_empty() {
                return render_section(
                    s,
                    a,
                    section_id,
                    &answers,
                    &problems,
                    StatusCode::UNPROCESSABLE_ENTITY,
                    true,
                );
            }
            Ok(Page::redirect(
                match next_section(def, &answers, section_id) {
                    Some(next) => format!("{}/section/{}", a.base, next.id),
                    None => format!("{}/check", a.base),
                },
            ))
        }
    }
}

/// Check your answers: everything asked, in words, with links to change it.
pub fn check_page(s: &AppState, a: &Answering, problems: Option<Vec<Problem>>) -> AppResult<Page> {
    let def = s.platform.catalogue.get(&a.respondent.cycle.schema_id)?;
    let response = &a.respondent.response;
    let answers = answering::answers_of(response.as_ref())?;
    let status = if problems.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let problems = problems.unwrap_or_else(|| check(def, &answers, Stage::Submission));
    let problems = survey_form::problems_with_sections(def, &problems);
    let mut ctx = common(s, a)?;
    ctx["summary"] = json!(survey_form::summary(def, &answers, &s.platform.geography));
    ctx["problems"] = json!(problems);
    ctx["response"] = json!(response);
    Ok(Page::with_status(
        status,
        s.templates.render("survey_check.html", ctx)?,
    ))
}

/// Submits, or shows the check page with what must be fixed first.
pub fn submit(s: &AppState, a: &Answering) -> AppResult<Page> {
    let def = s.platform.catalogue.get(&a.respondent.cycle.schema_id)?;
    let mut conn = s.platform.conn()?;
    match answering::submit(&mut conn, def, &a.respondent)? {
        Saved::Refused(problems) => check_page(s, a, Some(problems)),
        Saved::Stored(_) => Ok(Page::redirect(format!("{}/done", a.base))),
    }
}

/// Thanks, and what happens next.
pub fn done(s: &AppState, a: &Answering) -> AppResult<Page> {
    let response = &a.respondent.response;
    let mut ctx = common(s, a)?;
    ctx["response"] = json!(response);
    Ok(Page::ok(s.templates.render("survey_done.html", ctx)?))
}

/// "No practitioners" or "service closed", given as the answer.
pub fn outcome(s: &AppState, a: &Answering, outcome: &str, note: &str) -> AppResult<Page> {
    let def = s.platform.catalogue.get(&a.respondent.cycle.schema_id)?;
    let mut conn = s.platform.conn()?;
    answering::record_outcome(&mut conn, def, &a.respondent, outcome, note)?;
    Ok(Page::redirect(format!("{}/done", a.base)))
}
