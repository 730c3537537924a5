//! `/admin/consultations`: consultations with survivors — the team records them for any area, a
//! PCC office for its own — listed beside the form that records one. The packs answer "Were
//! survivors consulted?" from them.

use crate::error::AppResult;
use crate::http::actions;
use crate::http::auth::Staff;
use crate::http::form::{field, Fields};
use crate::http::page::Page;
use crate::http::AppState;
use crate::voice::consultations;
use actix_web::{get, post, web, HttpResponse};
use frontline_disclosure::SuppressionRule;
use frontline_voice::consultation::{ConsultationForm, Group, Method};
use serde_json::json;

const PAGE: &str = "/admin/consultations";

/// The page, with the problem of the form last sent: `error` for recording a consultation,
/// `transcript_error` for adding a transcript.
fn render(
    s: &AppState,
    staff: &Staff,
    error: Option<String>,
    transcript_error: Option<String>,
    given: &Fields,
) -> AppResult<String> {
    let mut conn = s.platform.conn()?;
    let areas = consultations::areas_for(&s.platform, &mut conn, &staff.account)?;
    let threshold = SuppressionRule::default().threshold();
    let mut transcripts = consultations::transcripts_visible_to(&mut conn, &staff.account)?;
    let frozen = consultations::in_frozen_years(&mut conn, &staff.account)?;
    let held: Vec<_> = consultations::visible_to(&mut conn, &staff.account)?
        .iter()
        .map(|r| {
            let c = &r.consultation;
            let area = s.platform.geography.find(&c.pfa_code).map_or(c.pfa_code.as_str(), |a| a.name.as_str());
            let of_this: Vec<_> = transcripts
                .remove(&r.id)
                .unwrap_or_default()
                .iter()
                .map(|t| json!({"id": t.id, "title": t.title, "characters": t.body.chars().count(), "added_by": t.added_by}))
                .collect();
            json!({
                "id": r.id,
                // A frozen cycle's year takes no transcript and gives none back.
                "frozen": frozen.contains(&r.id),
                "area": area,
                "held_on": c.held_on.to_string(),
                "method": c.method.label(),
                "described": c.describe(threshold),
                "recorded_by": r.recorded_by,
                "transcripts": of_this,
            })
        })
        .collect();
    let chosen: Vec<&str> = given
        .iter()
        .filter(|(k, _)| k == "groups")
        .map(|(_, v)| v.as_str())
        .collect();
    s.templates.render(
        "consultations.html",
        json!({
            "staff": staff.account, "csrf": staff.csrf_token, "error": error,
            "consultations": held,
            "areas": areas.iter().map(|(code, name)| json!({"code": code, "name": name})).collect::<Vec<_>>(),
            "methods": Method::ALL.iter().map(|m| json!({"code": m.code(), "label": m.label()})).collect::<Vec<_>>(),
            "groups": Group::ALL.iter().map(|g| json!({"code": g.code(), "label": g.label(), "checked": chosen.contains(&g.code())})).collect::<Vec<_>>(),
            "given": {
                "held_on": field(given, "held_on"), "pfa_code": field(given, "pfa_code"),
                "method": field(given, "method"), "people": field(given, "people"),
                "consultation": field(given, "consultation"), "title": field(given, "title"),
                "text": field(given, "text"),
            },
            "transcript_error": transcript_error,
            "transcript_field": transcript_error.as_deref().and_then(transcript_field),
        }),
    )
}

#[get("/admin/consultations")]
pub async fn show(state: web::Data<AppState>, staff: Staff) -> AppResult<HttpResponse> {
    let body = state
        .into_inner()
        .blocking(move |s| render(s, &staff, None, None, &Vec::new()))
        .await?;
    Ok(Page::ok(body).into_response())
}

#[post("/admin/consultations")]
pub async fn record(
    state: web::Data<AppState>,
    staff: Staff,
    body: web::Bytes,
) -> AppResult<HttpResponse> {
    let fields = crate::http::form::parse(&body)?;
    actions::on_page_form(
        state,
        staff,
        &body,
        PAGE.into(),
        |s, staff, fields| {
            let groups: Vec<String> = fields
                .iter()
                .filter(|(k, _)| k == "groups")
                .map(|(_, v)| v.clone())
                .collect();
            let (held_on, pfa_code, method, people) = (
                field(fields, "held_on"),
                field(fields, "pfa_code"),
                field(fields, "method"),
                field(fields, "people"),
            );
            let form = ConsultationForm {
                held_on: &held_on,
                pfa_code: &pfa_code,
                method: &method,
                people: &people,
                groups: &groups,
            };
            consultations::record(&s.platform, &mut *s.platform.conn()?, &staff.account, &form)?;
            Ok(())
        },
        move |s, staff, error| render(s, staff, Some(error), None, &fields),
    )
    .await
}

/// The input a transcript problem is about, by the label its message starts with.
fn transcript_field(error: &str) -> Option<&'static str> {
    [
        ("Consultation:", "consultation"),
        ("Title:", "title"),
        ("Transcript or notes:", "text"),
    ]
    .into_iter()
    .find(|(label, _)| error.starts_with(label))
    .map(|(_, id)| id)
}

/// Adds a transcript or notes to a consultation, as a text source for the coding workbench.
#[post("/admin/consultations/transcripts")]
pub async fn add_transcript(
    state: web::Data<AppState>,
    staff: Staff,
    body: web::Bytes,
) -> AppResult<HttpResponse> {
    let fields = crate::http::form::parse(&body)?;
    actions::on_page_form(
        state,
        staff,
        &body,
        format!("{PAGE}#transcripts"),
        |s, staff, fields| {
            consultations::add_transcript(
                &mut *s.platform.conn()?,
                &staff.account,
                &field(fields, "consultation"),
                &field(fields, "title"),
                &field(fields, "text"),
            )?;
            Ok(())
        },
        move |s, staff, error| render(s, staff, None, Some(error), &fields),
    )
    .await
}

/// Withdraws a transcript (with a reason), taking every comment cut from it out of the coding.
#[post("/admin/consultations/transcripts/{id}/withdraw")]
pub async fn withdraw_transcript(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<i32>,
    body: web::Bytes,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    actions::on_page_form(
        state,
        staff,
        &body,
        format!("{PAGE}#transcripts"),
        move |s, staff, fields| {
            consultations::withdraw_transcript(
                &mut *s.platform.conn()?,
                &staff.account,
                id,
                &field(fields, "reason"),
            )
        },
        move |s, staff, error| render(s, staff, None, Some(error), &Vec::new()),
    )
    .await
}
