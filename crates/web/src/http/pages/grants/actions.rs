//! What the grant page's forms do: record spend, open and decide a review, record a partner — each
//! refused form shown again on the page (422) with what was typed.

use super::page::{
    grant_page, GrantForm, Shown, DECISION_FORM, FINANCE_FORM, PARTNER_FORM, REVIEW_FORM,
};
use super::{find, today};
use crate::error::{AppError, AppResult};
use crate::http::auth::Staff;
use crate::http::form::{field, Fields};
use crate::http::page::Page;
use crate::http::AppState;
use crate::store::grants::{finance, reviews, subcontracts, StoredGrant};
use crate::store::{programmes, services};
use actix_web::http::StatusCode;
use actix_web::{post, web, HttpResponse};
use frontline_grants::finance::FinanceReturn;
use frontline_grants::review::{opening_reason, Decided, Decision};

/// An action on a grant's page, by one of its forms: back to it with a notice, or the problem
/// shown there (422) on the form, its field linked and marked, with what was typed kept.
async fn on_grant(
    state: web::Data<AppState>,
    staff: Staff,
    path: (String, String),
    body: web::Bytes,
    form: &'static GrantForm,
    action: fn(&AppState, &Staff, &StoredGrant, &Fields) -> AppResult<String>,
) -> AppResult<HttpResponse> {
    let (id, grant_ref) = path;
    let fields = crate::http::form::parse(&body)?;
    staff.check_csrf(crate::http::form::raw(&fields, "csrf"))?;
    let page = state
        .into_inner()
        .blocking(move |s| {
            let (grant, _) = find(s, &staff, &id, &grant_ref)?;
            let shown = match action(s, &staff, &grant, &fields) {
                Ok(notice) => Shown {
                    notice: Some(notice),
                    ..Shown::default()
                },
                Err(AppError::Invalid { field, problem }) => {
                    let shown = Shown {
                        problem: Some((form, field, problem)),
                        typed: Some(&fields),
                        ..Shown::default()
                    };
                    let body = grant_page(s, &staff, &id, &grant_ref, &shown)?;
                    return Ok(Page::with_status(StatusCode::UNPROCESSABLE_ENTITY, body));
                }
                Err(other) => return Err(other),
            };
            Ok(Page::ok(grant_page(s, &staff, &id, &grant_ref, &shown)?))
        })
        .await?;
    Ok(page.into_response())
}

/// A store's refusal of a form, named by the form's label for the field.
fn labelled(e: crate::store::StoreError, label: &str) -> AppError {
    match e {
        crate::store::StoreError::Invalid { problem, .. } => AppError::invalid(label, problem),
        other => other.into(),
    }
}

/// Pounds typed in a form, as pence; the field's label names a problem.
fn pence(fields: &Fields, name: &str, label: &str) -> AppResult<i64> {
    let given = field(fields, name);
    if given.is_empty() {
        return Err(AppError::invalid(label, "enter the amount in pounds"));
    }
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
        &FINANCE_FORM,
        |s, staff, grant, fields| {
            let mut conn = s.platform.conn()?;
            let opened: Vec<String> = programmes::periods(&mut conn, &grant.programme_id)?
                .into_iter()
                .map(|(p, _)| p)
                .filter(|p| grant.terms.runs_in(p))
                .map(|p| p.to_string())
                .collect();
            let period = field(fields, "period");
            if !opened.contains(&period) {
                return Err(AppError::invalid(
                    "Period",
                    "choose one of the programme's periods in which the grant runs",
                ));
            }
            let given = FinanceReturn::new(
                pence(fields, "budget", "Budget for the period")?,
                pence(fields, "spend", "Spend in the period")?,
                &field(fields, "explanation"),
            )
            .and_then(|f| f.within(grant.terms.annual_pence))
            .map_err(finance_problem)?;
            let replaced =
                finance::put(&mut conn, grant.id, &period, &given, &staff.account.email)?;
            Ok(match replaced {
                Some(by) => format!("Spend for {period} recorded, replacing what {by} gave."),
                None => format!("Spend for {period} recorded."),
            })
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
        &REVIEW_FORM,
        |s, staff, grant, fields| {
            let reason = opening_reason(&field(fields, "reason")).map_err(|e| match e {
                frontline_grants::GrantsError::Invalid { problem, .. } => {
                    AppError::invalid("Why it is under review", problem)
                }
                other => AppError::Task(other.to_string()),
            })?;
            reviews::open(
                &mut *s.platform.conn()?,
                grant.id,
                &reason,
                &staff.account.email,
                &crate::clock::today(),
            )
            .map_err(|e| labelled(e, "Why it is under review"))?;
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
    on_grant(state, staff, path.into_inner(), body, &DECISION_FORM, |s, staff, grant, fields| {
        if field(fields, "decision").is_empty() {
            return Err(AppError::invalid("Decision", "choose a decision"));
        }
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
        reviews::decide(&mut *s.platform.conn()?, grant.id, &decided, &staff.account.email, &crate::clock::today())
            .map_err(|e| labelled(e, "Decision"))?;
        Ok(match decided.decision {
            Decision::Decommission => {
                let decided_on = today()?;
                let ends = frontline_grants::review::earliest_end(decided_on, grant.terms.notice_months, grant.terms.end).to_string();
                format!(
                    "Decided: decommission. With {} months' notice the grant ends no sooner than {}.",
                    grant.terms.notice_months,
                    survey_engine::calendar::in_words(&ends, false).unwrap_or(ends.clone())
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
        &PARTNER_FORM,
        |s, staff, grant, fields| {
            let mut conn = s.platform.conn()?;
            let partner: i32 = field(fields, "partner")
                .parse()
                .map_err(|_| AppError::invalid("Partner", "choose the partner service"))?;
            let others: i64 = subcontracts::of_grants(&mut conn, &[grant.id])?
                .into_iter()
                .filter(|(_, p, _)| *p != partner)
                .map(|(.., pence)| pence)
                .sum();
            let was_partner = subcontracts::of_grants(&mut conn, &[grant.id])?
                .iter()
                .any(|(_, p, _)| *p == partner);
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
            let most = survey_engine::money::display(grant.terms.annual_pence);
            if annual.is_some_and(|p| p > grant.terms.annual_pence) {
                return Err(AppError::invalid(
                    "Passed on a year",
                    format!("the amount is more than the grant gives a year ({most})"),
                ));
            }
            if annual.is_some_and(|p| p.saturating_add(others) > grant.terms.annual_pence) {
                return Err(AppError::invalid(
                    "Passed on a year",
                    format!("with what the other partners receive, the amount is more than the grant gives a year ({most})"),
                ));
            }
            if annual.is_none() && !was_partner {
                return Err(AppError::invalid(
                    "Passed on a year",
                    "give the amount passed on a year (0 removes a partner, and this service is not one)",
                ));
            }
            subcontracts::set(&mut conn, grant.id, partner, annual, &staff.account.email)?;
            Ok(match annual {
                Some(_) => format!("{} recorded as a partner.", found.full_name()),
                None => format!("{} removed as a partner.", found.full_name()),
            })
        },
    )
    .await
}
