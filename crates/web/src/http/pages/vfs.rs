//! `/v/TOKEN`: a provider's VFS return for one period, on one page: save and come back, submit,
//! amend after submitting; the spending of the grants funding it in the period beside it; the
//! service's earlier returns below.

use crate::error::AppResult;
use crate::grants::provider;
use crate::http::form::{self, Fields};
use crate::http::page::Page;
use crate::http::survey_form::section_questions;
use crate::http::AppState;
use crate::returns::answering::{self, ReturnLink, Saved};
use crate::returns::views;
use crate::store::vfs_returns;
use crate::surveys::VFS_RETURN;
use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpResponse};
use serde_json::json;
use survey_engine::Answers;

/// What the page's second form, the grants' spending, shows: typed values and problems after a
/// refusal.
#[derive(Default)]
struct Spending<'a> {
    typed: Option<&'a Fields>,
    problems: Vec<survey_engine::Problem>,
}

fn render(
    s: &AppState,
    token: &str,
    link: &ReturnLink,
    answers: Option<Answers>,
    saved: &Saved,
    notice: Option<&str>,
    spending: &Spending,
) -> AppResult<String> {
    let mut conn = s.platform.conn()?;
    let def = s.platform.catalogue.get(VFS_RETURN)?;
    let period = link.period.to_string();
    let stored = vfs_returns::find(&mut conn, link.service.id, &period)?;
    let answers = match answers {
        Some(a) => a,
        None => match &stored {
            Some(r) => Answers::from_json(&r.answers)?,
            None => Answers::new(),
        },
    };
    let sections: Vec<_> = def
        .sections
        .iter()
        .map(|section| {
            json!({
                "id": section.id,
                "title": section.title,
                "questions": section_questions(def, section, &answers, &saved.problems, &s.platform.geography, &[]),
            })
        })
        .collect();
    let history: Vec<_> = views::history(&mut conn, link.service.id)?
        .into_iter()
        .filter(|h| h.period != period)
        .collect();
    let feedback = crate::voice::views::of_service(&mut conn, link.service.id)?;
    let feedback_links: Vec<String> = crate::store::feedback::links_of(&mut conn, link.service.id)?
        .iter()
        .map(|l| s.mail.feedback_link(&l.token))
        .collect();
    let grants = provider::form(
        &mut conn,
        link.service.id,
        &link.period,
        spending.typed.map(Vec::as_slice),
    )?;
    s.templates.render(
        "vfs_return.html",
        json!({
            "grants": grants,
            "spending_errors": spending.problems.iter().map(|p| (p.question.clone(), p.message.clone())).collect::<std::collections::BTreeMap<_, _>>(),
            "finance_problems": spending.problems,
            "token": token,
            "service": link.service,
            "period": period,
            "starts": link.period.starts(),
            "ends": link.period.ends(),
            "due": link.period.due(),
            "survey": def,
            "sections": sections,
            "problems": saved.problems,
            "warnings": saved.warnings,
            "status": stored.map_or("not started".to_string(), |r| r.status.to_string()),
            "history": history,
            "notice": notice,
            "feedback": feedback,
            "feedback_links": feedback_links,
        }),
    )
}

#[get("/v/{token}")]
pub async fn show(state: web::Data<AppState>, token: web::Path<String>) -> AppResult<HttpResponse> {
    let token = token.into_inner();
    let body = state
        .into_inner()
        .blocking(move |s| {
            let link = answering::open(&mut *s.platform.conn()?, &token)?;
            render(
                s,
                &token,
                &link,
                None,
                &Saved::default(),
                None,
                &Spending::default(),
            )
        })
        .await?;
    Ok(Page::ok(body).into_response())
}

#[post("/v/{token}")]
pub async fn save(
    state: web::Data<AppState>,
    token: web::Path<String>,
    body: web::Bytes,
) -> AppResult<HttpResponse> {
    let token = token.into_inner();
    let fields = form::parse(&body)?;
    let page = state
        .into_inner()
        .blocking(move |s| {
            let mut conn = s.platform.conn()?;
            let link = answering::open(&mut conn, &token)?;
            let submit = form::raw(&fields, "action") == "submit";
            let actor = format!("provider:{}", link.request.email);
            // The spending is checked first, so its problems show beside the return's.
            let spending = provider::check(&mut conn, link.service.id, &link.period, &fields)?;
            let (answers, saved) =
                answering::save(&s.platform, &mut conn, &link, &fields, submit, &actor)?;
            let refused = |answers: Option<Answers>, saved: &Saved, problems: Vec<_>, notice: Option<&str>| -> AppResult<Page> {
                let shown = Spending { typed: Some(&fields), problems };
                let body = render(s, &token, &link, answers, saved, notice, &shown)?;
                Ok(Page::with_status(StatusCode::UNPROCESSABLE_ENTITY, body))
            };
            if !saved.problems.is_empty() {
                drop(conn);
                let problems = spending.err().unwrap_or_default();
                return refused(Some(answers), &saved, problems, None);
            }
            let given = match spending {
                Ok(given) => given,
                Err(problems) => {
                    drop(conn);
                    let kept = if saved.submitted {
                        "Your return is submitted, but the spending of your grants is not saved yet: put it right below and press the button again."
                    } else {
                        "Your return is saved, but the spending of your grants is not saved yet: put it right below and press the button again."
                    };
                    return refused(None, &saved, problems, Some(kept));
                }
            };
            provider::store(&mut conn, &link.period, &given, &actor)?;
            drop(conn);
            let notice = match (saved.submitted, given.is_empty()) {
                (true, true) => "Thank you: your return is submitted. Every commissioner funding your service sees it. You can amend it here.",
                (true, false) => "Thank you: your return and the spending of your grants are submitted. Every commissioner funding your service sees them. You can amend them here.",
                (false, true) => "Saved. Come back with the same link to finish and submit.",
                (false, false) => "Saved, with the spending of your grants. Come back with the same link to finish and submit.",
            };
            Ok(Page::ok(render(s, &token, &link, None, &saved, Some(notice), &Spending::default())?))
        })
        .await?;
    Ok(page.into_response())
}
