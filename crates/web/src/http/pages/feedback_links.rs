//! `/admin/feedback`: survivors' feedback links for the survey team (every service) and PCC
//! offices (the services working in their areas): make a link, print its QR code, withdraw it,
//! and see each service's feedback — only once it has enough responses that no one's answers
//! stand alone.

use crate::db::DbConnection;
use crate::error::{AppError, AppResult};
use crate::http::actions;
use crate::http::auth::Staff;
use crate::http::form::{field, Fields};
use crate::http::kept_views::{self, WithLive};
use crate::http::page::{self, Page};
use crate::http::AppState;
use crate::store::accounts::Account;
use crate::store::feedback;
use crate::store::states::Role;
use crate::voice::{links, views};
use actix_web::{get, post, web, HttpResponse};
use serde_json::json;

const PAGE: &str = "/admin/feedback";

/// What the page says after a change: the link just made (with its URL and QR code) or
/// withdrawn.
#[derive(Debug, Default, serde::Deserialize)]
pub struct Done {
    made: Option<i32>,
    withdrawn: Option<i32>,
}

fn render(s: &AppState, staff: &Staff, error: Option<String>, done: &Done) -> AppResult<String> {
    let mut conn = s.platform.conn()?;
    // Counted to the last finished quarter, so kept per data revision and that quarter.
    let before = views::finished_before();
    let kept = s.kept_view(
        &mut conn,
        staff,
        kept_views::View {
            page: PAGE,
            query: &[("before", &before)],
        },
        |conn, reading| links_view(s, conn, reading.account, &before),
    )?;
    // The link just made, only where it is one of the account's own services'.
    let made = match done.made {
        Some(id) => {
            let own = links::services_for(&mut conn, &staff.account)?;
            feedback::link(&mut conn, id)
                .ok()
                .filter(|l| own.iter().any(|sv| sv.id == l.service_id))
                .map(|l| json!({"id": l.id, "url": s.mail.feedback_link(&l.token)}))
        }
        None => None,
    };
    s.templates.render(
        "admin_feedback.html",
        WithLive {
            kept: &kept,
            live: json!({
                "staff": staff.account, "csrf": staff.csrf_token, "error": error,
                "made": made, "withdrawn": done.withdrawn,
            }),
        },
    )
}

/// The account's services with feedback or live links (their links, and for the team how many
/// responses in words), and the services a link can be made for.
fn links_view(
    s: &AppState,
    conn: &mut DbConnection,
    reader: &Account,
    before: &str,
) -> AppResult<serde_json::Value> {
    let services = links::services_for(conn, reader)?;
    let counts = feedback::counts_before(conn, before)?;
    let team = matches!(reader.role, Role::Admin | Role::Analyst);
    let mut live = feedback::all_links(conn)?;
    let rows: Vec<_> = services
        .iter()
        .filter_map(|sv| {
            let count = counts.get(&sv.id).copied().unwrap_or(0);
            let links = live.remove(&sv.id).unwrap_or_default();
            (count > 0 || !links.is_empty()).then(|| {
                json!({
                    "id": sv.id,
                    "name": format!("{} – {}", sv.organisation, sv.name),
                    // Counts, even in words, for the team only: an office can make links and
                    // send answers of its own.
                    "responses": team.then(|| views::in_words(usize::try_from(count).unwrap_or(0))),
                    "links": links.iter().map(|l| json!({
                        "id": l.id,
                        "url": s.mail.feedback_link(&l.token),
                        "created_at": l.created_at.readable(),
                    })).collect::<Vec<_>>(),
                })
            })
        })
        .collect();
    let choices: Vec<_> = services
        .iter()
        .map(|sv| json!({"id": sv.id, "name": format!("{} – {}", sv.organisation, sv.name)}))
        .collect();
    Ok(json!({
        "services": rows, "choices": choices, "team": team,
        "minimum": frontline_voice::service_view::SERVICE_MINIMUM as u32,
    }))
}

#[get("/admin/feedback")]
pub async fn show(
    state: web::Data<AppState>,
    staff: Staff,
    done: web::Query<Done>,
) -> AppResult<HttpResponse> {
    let done = done.into_inner();
    let body = state
        .into_inner()
        .blocking(move |s| render(s, &staff, None, &done))
        .await?;
    Ok(Page::ok(body).into_response())
}

fn number(fields: &Fields, name: &str, what: &str) -> AppResult<i32> {
    field(fields, name)
        .parse()
        .map_err(|_| AppError::invalid(name, format!("choose {what}")))
}

/// Runs a form of the page: back to the page saying what was done (`action` gives the query),
/// or the page again with the problem.
async fn on_form<A>(
    state: web::Data<AppState>,
    staff: Staff,
    body: web::Bytes,
    action: A,
) -> AppResult<HttpResponse>
where
    A: FnOnce(&AppState, &Staff, &Fields) -> AppResult<String> + Send + 'static,
{
    actions::on_form(
        state,
        staff,
        &body,
        |s, staff, fields| {
            Ok(Page::redirect(format!(
                "{PAGE}?{}",
                action(s, staff, fields)?
            )))
        },
        |s, staff, error| {
            let body = render(s, staff, Some(error), &Done::default())?;
            Ok(Page::with_status(
                actix_web::http::StatusCode::UNPROCESSABLE_ENTITY,
                body,
            ))
        },
    )
    .await
}

#[post("/admin/feedback/links")]
pub async fn create(
    state: web::Data<AppState>,
    staff: Staff,
    body: web::Bytes,
) -> AppResult<HttpResponse> {
    on_form(state, staff, body, |s, staff, fields| {
        let id = number(fields, "service", "the service the link is for")?;
        let made = links::create(&mut *s.platform.conn()?, &staff.account, id)?;
        Ok(format!("made={}", made.id))
    })
    .await
}

#[post("/admin/feedback/links/withdraw")]
pub async fn withdraw(
    state: web::Data<AppState>,
    staff: Staff,
    body: web::Bytes,
) -> AppResult<HttpResponse> {
    on_form(state, staff, body, |s, staff, fields| {
        let id = number(fields, "service", "the service")?;
        let link = number(fields, "link", "the link to withdraw")?;
        links::withdraw(&mut *s.platform.conn()?, &staff.account, id, link)?;
        Ok(format!("withdrawn={link}"))
    })
    .await
}

/// A link's QR code, to print on cards and leaflets.
#[get("/admin/feedback/links/{id}/qr.svg")]
pub async fn qr(
    state: web::Data<AppState>,
    staff: Staff,
    id: web::Path<i32>,
) -> AppResult<HttpResponse> {
    let id = id.into_inner();
    let svg = state
        .into_inner()
        .blocking(move |s| {
            let mut conn = s.platform.conn()?;
            links::require_access(&mut conn, &staff.account)?;
            let link = feedback::link(&mut conn, id)?;
            links::service_for(&mut conn, &staff.account, link.service_id)?;
            crate::qr::svg(&s.mail.feedback_link(&link.token), links::QR_SIZE)
        })
        .await?;
    Ok(page::attachment(
        svg,
        "image/svg+xml",
        &format!("feedback-link-{id}.svg"),
    ))
}

/// One service's feedback: nothing but a count in words below the threshold.
#[get("/admin/feedback/services/{id}")]
pub async fn service(
    state: web::Data<AppState>,
    staff: Staff,
    id: web::Path<i32>,
) -> AppResult<HttpResponse> {
    let id = id.into_inner();
    let body = state
        .into_inner()
        .blocking(move |s| {
            let mut conn = s.platform.conn()?;
            let service = links::service_for(&mut conn, &staff.account, id)?;
            let name = format!("{} – {}", service.organisation, service.name);
            let results = views::of_service(&mut conn, id)?;
            s.templates.render(
                "admin_feedback.html",
                json!({
                    "staff": staff.account, "csrf": staff.csrf_token,
                    "service": {"id": id, "name": name}, "feedback": results,
                }),
            )
        })
        .await?;
    Ok(Page::ok(body).into_response())
}
