//! The coding overview: each open question's progress (per coder too), and the team's actions —
//! suggest comments for new answers, draw a double-coding sample.

use super::question_of;
use crate::coding::{open_questions, sample, segmenting};
use crate::db::DbConnection;
use crate::error::{AppError, AppResult};
use crate::http::actions;
use crate::http::auth::Staff;
use crate::http::form::field;
use crate::http::kept_views::{self, Reading, WithLive};
use crate::http::page::Page;
use crate::http::AppState;
use crate::store::accounts;
use crate::store::{codebooks, comments, cycles};
use actix_web::{get, post, web, HttpResponse};
use serde_json::json;

#[get("/coding")]
pub async fn list(state: web::Data<AppState>, staff: Staff) -> AppResult<HttpResponse> {
    staff.require_coder()?;
    let body = state
        .into_inner()
        .blocking(move |s| {
            let all = cycles::all(&mut *s.platform.conn()?)?;
            s.templates.render(
                "coding_cycles.html",
                json!({"cycles": all, "staff": staff.account, "csrf": staff.csrf_token}),
            )
        })
        .await?;
    Ok(Page::ok(body).into_response())
}

fn render(s: &AppState, staff: &Staff, year: i32, error: Option<String>) -> AppResult<String> {
    let mut conn = s.platform.conn()?;
    // Each question's progress (the reader's own too) is counted once per data revision.
    let year_text = year.to_string();
    let kept = s.kept_view(
        &mut conn,
        staff,
        kept_views::View {
            page: "/coding",
            query: &[("year", &year_text)],
        },
        |conn, reading| progress_view(s, conn, reading, year),
    )?;
    s.templates.render(
        "coding_cycle.html",
        WithLive {
            kept: &kept,
            live: json!({
                "team": staff.require_team().is_ok(),
                "error": error,
                "staff": staff.account,
                "csrf": staff.csrf_token,
            }),
        },
    )
}

/// The cycle's open questions with their progress (the reader's own too), and the coders a sample
/// can go to.
fn progress_view(
    s: &AppState,
    conn: &mut DbConnection,
    reading: Reading<'_>,
    year: i32,
) -> AppResult<serde_json::Value> {
    let cycle = cycles::by_year(conn, year)?;
    // Counting the answers waiting to be split reads every answer: it is kept per question, for
    // every coder.
    let mut questions = Vec::new();
    for q in open_questions(&s.platform, conn, &cycle)? {
        let progress = comments::progress(conn, cycle.id, &q.id, reading.account.id)?;
        let coders = comments::codes_per_coder(conn, cycle.id, &q.id)?;
        let book = codebooks::latest(conn, cycle.id, &q.id)?;
        let waiting = *s.coding_waiting.get_or_build(
            &format!("{}/{}", cycle.year, q.id),
            reading.revision,
            || segmenting::waiting(conn, &cycle, &q),
        )?;
        questions.push(json!({
            "question": q,
            "progress": progress,
            "coders": coders,
            "codebook_version": book.map(|b| b.version),
            "waiting": waiting,
        }));
    }
    let coders: Vec<_> = accounts::all(conn)?
        .into_iter()
        .filter(|a| a.role.codes_comments() && a.disabled_at.is_none())
        .collect();
    Ok(json!({
        "cycle": cycle,
        "questions": questions,
        "coders": coders,
        "frozen": cycle.is_frozen(),
    }))
}

#[get("/coding/{year}")]
pub async fn home(
    state: web::Data<AppState>,
    staff: Staff,
    year: web::Path<i32>,
) -> AppResult<HttpResponse> {
    staff.require_coder()?;
    let year = year.into_inner();
    let body = state
        .into_inner()
        .blocking(move |s| render(s, &staff, year, None))
        .await?;
    Ok(Page::ok(body).into_response())
}

/// Splits every new answer to the question at its suggested boundaries.
#[post("/coding/{year}/{question}/segment")]
pub async fn segment(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(i32, String)>,
    body: web::Bytes,
) -> AppResult<HttpResponse> {
    staff.require_team()?;
    let (year, question) = path.into_inner();
    actions::on_page_form(
        state,
        staff,
        &body,
        format!("/coding/{year}"),
        move |s, _, _| {
            let (cycle, question) = question_of(s, year, &question)?;
            segmenting::suggest_all(&mut *s.platform.conn()?, &cycle, &question)?;
            Ok(())
        },
        move |s, staff, error| render(s, staff, year, Some(error)),
    )
    .await
}

/// Gives a share of the question's comments to a second coder, blind.
#[post("/coding/{year}/{question}/sample")]
pub async fn draw_sample(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(i32, String)>,
    body: web::Bytes,
) -> AppResult<HttpResponse> {
    staff.require_team()?;
    let (year, question) = path.into_inner();
    actions::on_page_form(
        state,
        staff,
        &body,
        format!("/coding/{year}"),
        move |s, staff, fields| {
            let (cycle, question) = question_of(s, year, &question)?;
            let mut conn = s.platform.conn()?;
            let percent_text = field(fields, "percent");
            let percent: u32 = percent_text.parse().map_err(|_| {
                AppError::invalid(
                    "percent",
                    format!("'{percent_text}' is not a whole percentage"),
                )
            })?;
            let email = field(fields, "coder");
            let second = accounts::by_email(&mut conn, &email)?
                .ok_or_else(|| AppError::invalid("coder", format!("no account {email}")))?;
            sample::draw(
                &mut conn,
                &cycle,
                &question,
                percent,
                &second,
                &staff.account.email,
            )?;
            Ok(())
        },
        move |s, staff, error| render(s, staff, year, Some(error)),
    )
    .await
}
