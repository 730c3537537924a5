//! `/returns/{id}/grants…`: a programme's grant agreements for its commissioners (the survey
//! team, and PCC offices for services working in their areas) — each grant's KPI standing over
//! the periods, ending dates and notice, reviews, spend against budget and money passed on to
//! partners; importing grants; a period's monitoring file.

use crate::access::{self, Scope};
use crate::error::{AppError, AppResult};
use crate::grants::{self, full_name, monitoring};
use crate::http::actions;
use crate::http::auth::Staff;
use crate::http::form::{field, Fields};
use crate::http::page::Page;
use crate::http::upload;
use crate::http::AppState;
use crate::store::grants::{self as stored, finance, reviews, subcontracts, StoredGrant};
use crate::store::services::Service;
use crate::store::{due_diligence, programmes, services};
use actix_multipart::Multipart;
use actix_web::http::{header, StatusCode};
use actix_web::{get, post, web, HttpResponse};
use frontline_grants::diligence::Standing;
use frontline_grants::finance::FinanceReturn;
use frontline_grants::review::{opening_reason, Decided, Decision, ReviewState};
use frontline_provision::Day;
use serde_json::json;

/// How many of the programme's latest periods the pages show.
const SHOWN_PERIODS: usize = 4;

fn scope(s: &AppState, staff: &Staff) -> AppResult<Scope> {
    access::scope_of(
        &mut *s.platform.conn()?,
        &staff.account,
        "grants are for commissioners and the survey team",
    )
}

fn today() -> AppResult<Day> {
    Day::parse(&crate::clock::today()).map_err(|e| AppError::Task(format!("today: {e}")))
}

fn list_page(
    s: &AppState,
    staff: &Staff,
    id: &str,
    error: Option<String>,
    notice: Option<String>,
) -> AppResult<String> {
    let scope = scope(s, staff)?;
    let mut conn = s.platform.conn()?;
    let programme = programmes::by_id(&mut conn, id)?;
    let held = grants::visible(&mut conn, &programme.id, &scope)?;
    let opened: Vec<_> = programmes::periods(&mut conn, &programme.id)?
        .into_iter()
        .map(|(p, _)| p)
        .collect();
    let shown: Vec<_> = opened
        .iter()
        .rev()
        .take(SHOWN_PERIODS)
        .rev()
        .copied()
        .collect();
    let standing = monitoring::standing(&mut conn, &held, &shown)?;
    let ids: Vec<i32> = held.iter().map(|(g, _)| g.id).collect();
    let all_reviews = reviews::of_grants(&mut conn, &ids)?;
    let today = today()?;
    let rows: Vec<_> = held
        .iter()
        .map(|(g, service)| {
            let under_review = all_reviews
                .iter()
                .any(|r| r.grant_id == g.id && r.state == ReviewState::Open);
            json!({
                "grant_ref": g.terms.grant_ref,
                "service": full_name(service),
                "start": g.terms.start.to_string(),
                "end": g.terms.end.to_string(),
                "annual": survey_engine::money::display(g.terms.annual_pence),
                "notice_by": g.terms.notice_by().to_string(),
                "ending_soon": g.terms.ends_within_12_months_of(today),
                "under_review": under_review,
                "standing": standing.get(&g.id),
            })
        })
        .collect();
    s.templates.render(
        "grants.html",
        json!({
            "programme": programme,
            "periods": shown.iter().map(ToString::to_string).collect::<Vec<_>>(),
            "grants": rows,
            "csrf": staff.csrf_token,
            "staff": staff.account,
            "error": error,
            "notice": notice,
        }),
    )
}

#[get("/returns/{id}/grants")]
pub async fn list(
    state: web::Data<AppState>,
    staff: Staff,
    id: web::Path<String>,
) -> AppResult<HttpResponse> {
    let id = id.into_inner();
    let body = state
        .into_inner()
        .blocking(move |s| list_page(s, &staff, &id, None, None))
        .await?;
    Ok(Page::ok(body).into_response())
}

/// Imports grants from an uploaded CSV: all or nothing, problems by line and field.
#[post("/returns/{id}/grants/import")]
pub async fn import(
    state: web::Data<AppState>,
    staff: Staff,
    id: web::Path<String>,
    upload: Multipart,
) -> AppResult<HttpResponse> {
    let id = id.into_inner();
    let upload = upload::read(upload, "grants.csv").await?;
    staff.check_csrf(&upload.csrf)?;
    let shown = id.clone();
    actions::run(
        state,
        staff,
        move |s, staff| {
            let scope = scope(s, staff)?;
            let text = upload.text()?;
            let done = grants::import::import(
                &mut *s.platform.conn()?,
                &id,
                &text,
                &scope,
                &staff.account.email,
            )?;
            let notice = format!(
                "Imported {} grant(s): {} added, {} replaced.",
                done.added + done.replaced,
                done.added,
                done.replaced
            );
            Ok(Page::ok(list_page(s, staff, &id, None, Some(notice))?))
        },
        move |s, staff, error| {
            let body = list_page(s, staff, &shown, Some(error), None)?;
            Ok(Page::with_status(StatusCode::UNPROCESSABLE_ENTITY, body))
        },
    )
    .await
}

/// The programme's grant `grant_ref`, if the account may see it (refused and audited if not).
fn find(
    s: &AppState,
    staff: &Staff,
    id: &str,
    grant_ref: &str,
) -> AppResult<(StoredGrant, Service)> {
    let mut conn = s.platform.conn()?;
    let grant = stored::by_ref(&mut conn, id, grant_ref)?;
    let service = services::get(&mut conn, grant.terms.service_id)?;
    let scope = scope(s, staff)?;
    if !grants::sees(&scope, &service) {
        let area = service.areas.first().cloned().unwrap_or_default();
        access::authorize(&mut conn, &staff.account, &area, "see a grant")?;
    }
    Ok((grant, service))
}

fn grant_page(
    s: &AppState,
    staff: &Staff,
    id: &str,
    grant_ref: &str,
    error: Option<String>,
    notice: Option<String>,
) -> AppResult<String> {
    let (grant, service) = find(s, staff, id, grant_ref)?;
    let mut conn = s.platform.conn()?;
    let programme = programmes::by_id(&mut conn, id)?;
    let opened: Vec<_> = programmes::periods(&mut conn, id)?
        .into_iter()
        .map(|(p, _)| p)
        .filter(|p| grant.terms.runs_in(p))
        .collect();
    let pair = [(grant.clone(), service.clone())];
    let mut periods = Vec::new();
    for p in opened.iter().rev() {
        let report = monitoring::period_report(&mut conn, &pair, p)?;
        periods.push(json!({"period": p.to_string(), "kpis": report.lines}));
    }
    let spent: Vec<_> = finance::all_of(&mut conn, &[grant.id])?
        .remove(&grant.id)
        .unwrap_or_default()
        .into_iter()
        .rev()
        .map(|(period, f)| finance_row(&period, &f))
        .collect();
    let history = reviews::of_grant(&mut conn, grant.id)?;
    let under_review = history.iter().any(|r| r.state == ReviewState::Open);
    let everyone = services::all(&mut conn)?;
    let partners: Vec<_> = subcontracts::of_grants(&mut conn, &[grant.id])?
        .into_iter()
        .filter_map(|(_, partner, pence)| {
            let s = everyone.iter().find(|s| s.id == partner)?;
            Some(json!({"id": partner, "name": full_name(s), "annual": survey_engine::money::display(pence)}))
        })
        .collect();
    let today = today()?;
    let diligence: Vec<_> = due_diligence::all(&mut conn)?
        .into_iter()
        .filter(|d| d.organisation == service.organisation)
        .map(|d| json!({"item": d.item.label(), "reference": d.reference, "due": d.due_on.to_string(), "standing": Standing::on(today, d.due_on).label()}))
        .collect();
    let co_commissioners: Vec<String> = stored::for_service(&mut conn, service.id)?
        .into_iter()
        .filter(|g| g.programme_id != id)
        .map(|g| g.programme_id)
        .collect();
    s.templates.render(
        "grant.html",
        json!({
            "programme": programme,
            "grant": {
                "grant_ref": grant.terms.grant_ref,
                "start": grant.terms.start.to_string(),
                "end": grant.terms.end.to_string(),
                "annual": survey_engine::money::display(grant.terms.annual_pence),
                "notice_months": grant.terms.notice_months,
                "notice_by": grant.terms.notice_by().to_string(),
                "ending_soon": grant.terms.ends_within_12_months_of(today),
                "kpis": grant.terms.kpis.iter().map(|k| json!({"metric": k.metric.name(), "label": k.metric.label(), "rule": k.rule.as_str(), "target": frontline_grants::monitoring::figure(k.target)})).collect::<Vec<_>>(),
            },
            "service": full_name(&service),
            "periods": periods,
            "open_periods": opened.iter().rev().map(ToString::to_string).collect::<Vec<_>>(),
            "finance": spent,
            "reviews": history,
            "open_review": under_review,
            "decisions": Decision::ALL.iter().map(|d| json!({"value": d.as_str(), "label": d.label()})).collect::<Vec<_>>(),
            "partners": partners,
            "services": everyone.iter().filter(|s| s.id != service.id).map(|s| json!({"id": s.id, "name": full_name(s)})).collect::<Vec<_>>(),
            "diligence": diligence,
            "co_commissioners": co_commissioners,
            "csrf": staff.csrf_token,
            "staff": staff.account,
            "error": error,
            "notice": notice,
        }),
    )
}

fn finance_row(period: &str, f: &FinanceReturn) -> serde_json::Value {
    json!({
        "period": period,
        "budget": survey_engine::money::display(f.budget_pence),
        "spend": survey_engine::money::display(f.spend_pence),
        "underspend": survey_engine::money::display(f.underspend_pence()),
        "pct_spent": f.pct_spent().map(frontline_grants::monitoring::figure),
        "explanation": f.explanation,
    })
}

#[get("/returns/{id}/grants/{grant_ref}")]
pub async fn show(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(String, String)>,
) -> AppResult<HttpResponse> {
    let (id, grant_ref) = path.into_inner();
    let body = state
        .into_inner()
        .blocking(move |s| grant_page(s, &staff, &id, &grant_ref, None, None))
        .await?;
    Ok(Page::ok(body).into_response())
}

/// An action on a grant's page: back to it with a notice, or its problem shown there (422).
async fn on_grant(
    state: web::Data<AppState>,
    staff: Staff,
    path: (String, String),
    body: web::Bytes,
    action: fn(&AppState, &Staff, &StoredGrant, &Fields) -> AppResult<String>,
) -> AppResult<HttpResponse> {
    let (id, grant_ref) = path;
    let (shown_id, shown_ref) = (id.clone(), grant_ref.clone());
    actions::on_form(
        state,
        staff,
        &body,
        move |s, staff, fields| {
            let (grant, _) = find(s, staff, &id, &grant_ref)?;
            let notice = action(s, staff, &grant, fields)?;
            Ok(Page::ok(grant_page(
                s,
                staff,
                &id,
                &grant_ref,
                None,
                Some(notice),
            )?))
        },
        move |s, staff, error| {
            let body = grant_page(s, staff, &shown_id, &shown_ref, Some(error), None)?;
            Ok(Page::with_status(StatusCode::UNPROCESSABLE_ENTITY, body))
        },
    )
    .await
}

/// Pounds typed in a form, as pence; the field's label names a problem.
fn pence(fields: &Fields, name: &str, label: &str) -> AppResult<i64> {
    let given = field(fields, name);
    survey_engine::money::parse_pounds(&given).ok_or_else(|| {
        AppError::invalid(
            label,
            format!("'{given}' is not an amount in pounds, like 30000 or 30000.50"),
        )
    })
}

#[post("/returns/{id}/grants/{grant_ref}/finance")]
pub async fn record_finance(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(String, String)>,
    body: web::Bytes,
) -> AppResult<HttpResponse> {
    on_grant(
        state,
        staff,
        path.into_inner(),
        body,
        |s, staff, grant, fields| {
            let mut conn = s.platform.conn()?;
            let programme = programmes::by_id(&mut conn, &grant.programme_id)?;
            let period = programme
                .period(&field(fields, "period"))
                .map_err(|e| AppError::invalid("Period", e.to_string()))?;
            if !grant.terms.runs_in(&period) {
                return Err(AppError::invalid(
                    "Period",
                    format!("the grant does not run in {period}"),
                ));
            }
            let given = FinanceReturn::new(
                pence(fields, "budget", "Budget for the period")?,
                pence(fields, "spend", "Spend in the period")?,
                &field(fields, "explanation"),
            )
            .map_err(finance_problem)?;
            finance::put(
                &mut conn,
                grant.id,
                &period.to_string(),
                &given,
                &staff.account.email,
            )?;
            Ok(format!("Spend for {period} recorded."))
        },
    )
    .await
}

/// A financial return's problem, named by the form's labels.
pub fn finance_problem(e: frontline_grants::GrantsError) -> AppError {
    match e {
        frontline_grants::GrantsError::Invalid { field, problem } => {
            let label = match field.as_str() {
                "budget" => "Budget for the period",
                "spend" => "Spend in the period",
                _ => "Explanation",
            };
            AppError::invalid(label, problem)
        }
        other => AppError::Task(other.to_string()),
    }
}

#[post("/returns/{id}/grants/{grant_ref}/review")]
pub async fn open_review(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(String, String)>,
    body: web::Bytes,
) -> AppResult<HttpResponse> {
    on_grant(
        state,
        staff,
        path.into_inner(),
        body,
        |s, staff, grant, fields| {
            let reason = opening_reason(&field(fields, "reason"))
                .map_err(|e| AppError::invalid("Why it is under review", e.to_string()))?;
            reviews::open(
                &mut *s.platform.conn()?,
                grant.id,
                &reason,
                &staff.account.email,
                &crate::clock::today(),
            )?;
            Ok("The grant is under review.".into())
        },
    )
    .await
}

#[post("/returns/{id}/grants/{grant_ref}/review/decide")]
pub async fn decide_review(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(String, String)>,
    body: web::Bytes,
) -> AppResult<HttpResponse> {
    on_grant(state, staff, path.into_inner(), body, |s, staff, grant, fields| {
        let decided = Decided::new(
            &field(fields, "decision"),
            &field(fields, "reasons"),
            &field(fields, "exit_plan"),
        )
        .map_err(|e| match e {
            frontline_grants::GrantsError::Invalid { field, problem } => AppError::invalid(
                match field.as_str() {
                    "decision" => "Decision",
                    "reasons" => "Reasons",
                    _ => "Exit plan",
                },
                problem,
            ),
            other => AppError::Task(other.to_string()),
        })?;
        reviews::decide(&mut *s.platform.conn()?, grant.id, &decided, &staff.account.email, &crate::clock::today())?;
        Ok(match decided.decision {
            Decision::Decommission => {
                let decided_on = today()?;
                format!(
                    "Decided: decommission. With {} months' notice the grant ends no sooner than {}.",
                    grant.terms.notice_months,
                    frontline_grants::review::earliest_end(decided_on, grant.terms.notice_months, grant.terms.end)
                )
            }
            other => format!("Decided: {}.", other.label().to_lowercase()),
        })
    })
    .await
}

#[post("/returns/{id}/grants/{grant_ref}/subcontracts")]
pub async fn set_subcontract(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(String, String)>,
    body: web::Bytes,
) -> AppResult<HttpResponse> {
    on_grant(
        state,
        staff,
        path.into_inner(),
        body,
        |s, staff, grant, fields| {
            let mut conn = s.platform.conn()?;
            let partner: i32 = field(fields, "partner")
                .parse()
                .map_err(|_| AppError::invalid("Partner", "choose the partner service"))?;
            let found = services::get(&mut conn, partner)
                .map_err(|_| AppError::invalid("Partner", "choose the partner service"))?;
            if found.id == grant.terms.service_id {
                return Err(AppError::invalid(
                    "Partner",
                    "a lead provider is not its own partner",
                ));
            }
            let amount = field(fields, "amount");
            let annual = if amount.trim().is_empty() || amount.trim() == "0" {
                None
            } else {
                Some(pence(fields, "amount", "Passed on a year")?).filter(|p| *p > 0)
            };
            if annual.is_some_and(|p| p > grant.terms.annual_pence) {
                return Err(AppError::invalid(
                    "Passed on a year",
                    "is more than the grant gives a year",
                ));
            }
            subcontracts::set(&mut conn, grant.id, partner, annual, &staff.account.email)?;
            Ok(match annual {
                Some(_) => format!("{} recorded as a partner.", full_name(&found)),
                None => format!("{} removed as a partner.", full_name(&found)),
            })
        },
    )
    .await
}

/// A period's monitoring file: each KPI's target, actual and status.
#[get("/returns/{id}/grant-monitoring/{period}")]
pub async fn monitoring_csv(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(String, String)>,
) -> AppResult<HttpResponse> {
    let (id, period) = path.into_inner();
    let csv = state
        .into_inner()
        .blocking(move |s| {
            let scope = scope(s, &staff)?;
            let mut conn = s.platform.conn()?;
            let programme = programmes::by_id(&mut conn, &id)?;
            let period = programme.period(period.trim_end_matches(".csv"))?;
            let held = grants::visible(&mut conn, &id, &scope)?;
            let report = monitoring::period_report(&mut conn, &held, &period)?;
            report
                .monitoring
                .to_csv()
                .map_err(|e| AppError::Task(format!("writing the monitoring file: {e}")))
        })
        .await?;
    Ok(HttpResponse::Ok()
        .content_type(crate::http::page::CSV)
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(csv))
}
