//! `/pcc/…`: a PCC office reviewing the provisional figures for its own police force areas only.

use super::estimates::area_context;
use super::releases::serve_built;
use crate::access;
use crate::db::DbConnection;
use crate::error::{AppError, AppResult};
use crate::estimates::review::{self, Submitted};
use crate::http::actions;
use crate::http::auth::Staff;
use crate::http::form::{self, field, Fields};
use crate::http::kept_views::{self, WithLive};
use crate::http::page::Page;
use crate::http::AppState;
use crate::publish::Edition;
use crate::store::accounts::Account;
use crate::store::cycles;
use crate::store::cycles::Cycle;
use crate::store::releases;
use crate::store::reviews::Proposed;
use crate::store::states::CycleStatus;
use crate::store::states::{ReviewAction, UnknownState};
use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpResponse};
use serde_json::json;

#[get("/pcc")]
pub async fn home(state: web::Data<AppState>, staff: Staff) -> AppResult<HttpResponse> {
    let body = state
        .into_inner()
        .blocking(move |s| {
            let mut conn = s.platform.conn()?;
            // Who may read the page at all is settled first (a refusal is audited).
            access::scope_of(&mut conn, &staff.account, PCC_REFUSAL)?;
            // The office's areas and each cycle's state, kept per data revision.
            let kept = s.kept_view(
                &mut conn,
                &staff,
                kept_views::View {
                    page: "/pcc",
                    query: &[],
                },
                |conn, reading| office_view(s, conn, reading.account),
            )?;
            s.templates.render(
                "pcc_home.html",
                WithLive {
                    kept: &kept,
                    live: json!({"staff": staff.account, "csrf": staff.csrf_token}),
                },
            )
        })
        .await?;
    Ok(Page::ok(body).into_response())
}

/// Why an account that is neither a PCC office nor the survey team is refused.
const PCC_REFUSAL: &str = "this page is for PCC offices and the survey team";

/// The reader's areas, and each cycle as the office meets it.
fn office_view(
    s: &AppState,
    conn: &mut DbConnection,
    reader: &Account,
) -> AppResult<serde_json::Value> {
    let scope = access::scope_of(conn, reader, PCC_REFUSAL)?;
    let areas: Vec<_> = s
        .platform
        .geography
        .areas()
        .iter()
        .filter(|a| scope.includes(&a.code))
        .collect();
    let mut cycles = Vec::new();
    for cycle in cycles::all(conn)? {
        let latest = releases::latest_public(conn, cycle.id)?;
        // A study of other instruments is released without packs.
        let packs = match &latest {
            Some(r) => releases::has_file(conn, r.id, "packs/index.html")?,
            None => true,
        };
        cycles.push(cycle_for_office(cycle, latest.as_ref(), packs));
    }
    Ok(json!({"areas": areas, "cycles": cycles}))
}

/// A cycle as a PCC office meets it: its true state and what the office may do next.
fn cycle_for_office(
    cycle: Cycle,
    latest: Option<&releases::Release>,
    packs: bool,
) -> serde_json::Value {
    let (state, tag, review, shares_provisional) = match (cycle.status, latest) {
        (_, Some(r)) => (
            format!("released (version {})", r.version),
            "done",
            false,
            false,
        ),
        (CycleStatus::Draft | CycleStatus::Open, None) => {
            ("in fieldwork".to_string(), "active", false, false)
        }
        (CycleStatus::Closed, None) => (
            "estimates being made: review your areas' figures".to_string(),
            "attention",
            true,
            false,
        ),
        (CycleStatus::Frozen, None) => (
            "provisional: frozen and ready to check before release".to_string(),
            "attention",
            true,
            true,
        ),
    };
    json!({
        "year": cycle.year,
        "title": cycle.title,
        "state": state,
        "tag": tag,
        "review": review,
        "provisional": shares_provisional,
        "released": latest.map(|r| r.version),
        "packs": packs,
    })
}

/// The provisional publication for the reviewer's own areas, while the estimates are frozen and
/// before release; marked PROVISIONAL. Not shared yet (or any more) → not found.
#[get("/pcc/{year}/provisional/{path:.*}")]
pub async fn provisional(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(i32, String)>,
) -> AppResult<HttpResponse> {
    let (year, path) = path.into_inner();
    let areas = state
        .clone()
        .into_inner()
        .blocking(move |s| {
            let mut conn = s.platform.conn()?;
            let cycle = cycles::by_year(&mut conn, year)?;
            if !cycle.is_frozen() {
                return Err(AppError::NotFound(format!(
                    "provisional {year} publication"
                )));
            }
            let scope = access::scope_of(
                &mut conn,
                &staff.account,
                "provisional figures are for PCC offices and the survey team",
            )?;
            Ok(scope.areas().map_or_else(
                || {
                    s.platform
                        .geography
                        .areas()
                        .iter()
                        .map(|a| a.code.to_string())
                        .collect()
                },
                <[String]>::to_vec,
            ))
        })
        .await?;
    serve_built(state, year, path, Edition::Provisional { areas }).await
}

#[get("/pcc/{year}/{pfa}")]
pub async fn area(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(i32, String)>,
) -> AppResult<HttpResponse> {
    let (year, pfa) = path.into_inner();
    let body = state
        .into_inner()
        .blocking(move |s| {
            let ctx = area_context(s, &staff, year, &pfa)?;
            s.templates.render("pcc_area.html", ctx)
        })
        .await?;
    Ok(Page::ok(body).into_response())
}

#[post("/pcc/{year}/{pfa}/reviews")]
pub async fn submit(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(i32, String)>,
    body: web::Bytes,
) -> AppResult<HttpResponse> {
    let (year, pfa) = path.into_inner();
    let pfa_shown = pfa.clone();
    let review = move |s: &AppState, staff: &Staff, fields: &Fields| {
        let mut conn = s.platform.conn()?;
        // Whose area it is, before anything about it is read.
        access::authorize(
            &mut conn,
            &staff.account,
            &pfa,
            &format!("review {year} estimates"),
        )?;
        let cycle = cycles::by_year(&mut conn, year)?;
        let action: ReviewAction = field(fields, "action")
            .parse()
            .map_err(|e: UnknownState| AppError::invalid("action", e.to_string()))?;
        let service_id = match field(fields, "service_id").as_str() {
            "" => None,
            id => Some(
                id.parse::<i32>()
                    .map_err(|_| AppError::invalid("service_id", "is not a service"))?,
            ),
        };
        let proposed = if action == ReviewAction::Revise {
            let given = Proposed {
                idva_fte: form::fte(fields, "idva_fte")?,
                idva_high_risk_fte: form::fte(fields, "idva_high_risk_fte")?,
            };
            Some(match (service_id, staff.require_team()) {
                // A PCC office gives a shared service's FTE in its own area; the estimate is the
                // whole service's, so the figure is scaled by the area's share.
                (Some(id), Err(_)) => whole_service(s, &mut conn, &cycle, &pfa, id, given)?,
                _ => given,
            })
        } else {
            None
        };
        review::submit(
            &mut conn,
            &cycle,
            &staff.account,
            Submitted {
                pfa: &pfa,
                service_id,
                action,
                reason: &field(fields, "reason"),
                proposed,
            },
        )?;
        Ok(Page::redirect(format!("/pcc/{year}/{pfa}")))
    };
    let show_error = move |s: &AppState, staff: &Staff, error: String| {
        let mut ctx = area_context(s, staff, year, &pfa_shown)?;
        ctx["error"] = json!(error);
        let body = s.templates.render("pcc_area.html", ctx)?;
        Ok(Page::with_status(StatusCode::UNPROCESSABLE_ENTITY, body))
    };
    actions::on_form(state, staff, &body, review, show_error).await
}

/// A proposal given as FTE in area `pfa`, as the whole service's FTE (the area's share of the
/// service's work scales it back up).
fn whole_service(
    s: &AppState,
    conn: &mut crate::db::DbConnection,
    cycle: &crate::store::cycles::Cycle,
    pfa: &str,
    service_id: i32,
    given: Proposed,
) -> AppResult<Proposed> {
    let view = crate::estimates::area_view::provisional(&s.platform, conn, cycle, pfa)?;
    let share = view
        .services
        .iter()
        .find(|l| l.service_id == i64::from(service_id))
        .map(|l| l.share_pct / 100.0)
        .filter(|share| *share > 0.0)
        .ok_or_else(|| AppError::invalid("service_id", "is not a service working in this area"))?;
    Ok(Proposed {
        idva_fte: given.idva_fte / share,
        idva_high_risk_fte: given.idva_high_risk_fte / share,
    })
}
