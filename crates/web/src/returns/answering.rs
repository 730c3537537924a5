//! A provider answering its return through its link: the survey's own checks, then the VFS
//! arithmetic on submission (errors name the fields), swing warnings against the previous period,
//! and an audited amendment when a submitted return changes.

use crate::crypto::LinkToken;
use crate::db::DbConnection;
use crate::error::{AppError, AppResult};
use crate::store::audit;
use crate::store::services::{self, Service};
use crate::store::states::{ResponseStatus, ReturnChannel};
use crate::store::vfs_returns::{self, Request, StoredReturn};
use crate::surveys::VFS_RETURN;
use crate::Platform;
use frontline_returns::{check, swings, Finding, Period, ReturnFigures};
use survey_engine::validate::{self, Problem, Stage};
use survey_engine::{form, Answers};

/// Whose return a link opens, and for which period.
pub struct ReturnLink {
    pub request: Request,
    pub service: Service,
    pub period: Period,
}

pub fn open(conn: &mut DbConnection, token: &str) -> AppResult<ReturnLink> {
    let not_found = || AppError::NotFound("this return link".into());
    let token = LinkToken::from_link(token).ok_or_else(not_found)?;
    let request = vfs_returns::by_token(conn, &token)?.ok_or_else(not_found)?;
    let period = request.period.parse().map_err(|_| not_found())?;
    let service = services::get(conn, request.service_id)?;
    Ok(ReturnLink {
        request,
        service,
        period,
    })
}

/// What became of a save: problems (nothing stored) or warnings (stored).
#[derive(Debug, Default)]
pub struct Saved {
    pub problems: Vec<Problem>,
    pub warnings: Vec<Finding>,
    pub submitted: bool,
}

/// Reads the posted form, checks it and stores it (all or nothing).
pub fn save(
    platform: &Platform,
    conn: &mut DbConnection,
    link: &ReturnLink,
    fields: &[(String, String)],
    submit: bool,
    actor: &str,
) -> AppResult<(Answers, Saved)> {
    let def = platform.catalogue.get(VFS_RETURN)?;
    let mut answers = Answers::new();
    for section in &def.sections {
        answers.merge(form::read_section(section, fields, &[]));
    }
    let stage = if submit {
        Stage::Submission
    } else {
        Stage::Draft
    };
    let mut problems = validate::check(def, &answers, stage);
    let figures = super::figures_of(&answers);
    if submit && problems.is_empty() {
        problems = check(&figures)
            .into_iter()
            .map(|f| {
                let question = f.fields[0];
                Problem::about(
                    question.to_string(),
                    def.question(question)
                        .map_or(question.to_string(), |q| q.label.clone()),
                    f.message,
                )
            })
            .collect();
    }
    if !problems.is_empty() {
        return Ok((
            answers,
            Saved {
                problems,
                ..Saved::default()
            },
        ));
    }
    let warnings = match previous(conn, link)? {
        Some(before) => swings(&before, &figures),
        None => Vec::new(),
    };
    store(conn, link, &answers, submit, actor, ReturnChannel::Online)?;
    Ok((
        answers,
        Saved {
            problems,
            warnings,
            submitted: submit,
        },
    ))
}

/// Stores a return; a change to a submitted return is an audited amendment.
pub fn store(
    conn: &mut DbConnection,
    link: &ReturnLink,
    answers: &Answers,
    submit: bool,
    actor: &str,
    channel: ReturnChannel,
) -> AppResult<()> {
    let period = link.period.to_string();
    let pfa =
        link.service.areas.first().cloned().ok_or_else(|| {
            AppError::invalid("service", "the service covers no police force area")
        })?;
    store_for(
        conn,
        link.service.id,
        &period,
        &pfa,
        answers,
        submit,
        actor,
        channel,
    )
}

/// As [`store`], for a service, period and area given directly (imports).
#[allow(clippy::too_many_arguments)]
pub fn store_for(
    conn: &mut DbConnection,
    service_id: i32,
    period: &str,
    pfa: &str,
    answers: &Answers,
    submit: bool,
    actor: &str,
    channel: ReturnChannel,
) -> AppResult<()> {
    let json = answers.to_json();
    frontline_store::db::transaction(conn, |conn| {
        let before = vfs_returns::find(conn, service_id, period)?;
        vfs_returns::save(conn, service_id, period, pfa, &json, submit, channel)?;
        let action = match &before {
            Some(r) if r.status == ResponseStatus::Submitted && submit => {
                Some("vfs_return.amended")
            }
            _ if submit => Some("vfs_return.submitted"),
            _ => None,
        };
        if let Some(action) = action {
            audit::record(
                conn,
                audit::Change {
                    actor,
                    action,
                    entity: "vfs_return",
                    entity_id: format!("{service_id}/{period}"),
                    before: before.as_ref().and_then(|r| r.submitted_answers.clone()),
                    after: Some(json.clone()),
                    reason: None,
                },
            )?;
        }
        Ok(())
    })
}

/// The service's counted figures for the latest period before this one.
fn previous(conn: &mut DbConnection, link: &ReturnLink) -> AppResult<Option<ReturnFigures>> {
    let earlier: Option<StoredReturn> = vfs_returns::for_service(conn, link.service.id)?
        .into_iter()
        .rfind(|r| {
            r.counted_answers().is_some()
                && r.period
                    .parse::<Period>()
                    .is_ok_and(|p| p.frequency() == link.period.frequency() && p < link.period)
        });
    earlier
        .and_then(|r| r.counted_answers().map(str::to_string))
        .map(|json| super::figures_of_json(&json))
        .transpose()
}
