//! `/returns/{id}/grants…`: a programme's grant agreements for its commissioners (the survey
//! team, and PCC offices for services working in their areas) — each grant's KPI standing over
//! the periods, ending dates and notice, reviews, spend against budget and money passed on to
//! partners; importing grants; a period's monitoring file.

use crate::access::{self, Scope};
use crate::error::{AppError, AppResult};
use crate::grants::import::Outcome;
use crate::grants::{self, full_name, monitoring};
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
    problems: &[String],
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
            let decommissioned = all_reviews.iter().any(|r| {
                r.grant_id == g.id
                    && matches!(
                        r.state,
                        ReviewState::Decided {
                            decision: Decision::Decommission,
                            ..
                        }
                    )
            });
            json!({
                "grant_ref": g.terms.grant_ref,
                "service": full_name(service),
                "start": g.terms.start.to_string(),
                "end": g.terms.end.to_string(),
                "annual": survey_engine::money::display(g.terms.annual_pence),
                "notice_by": g.terms.notice_by().to_string(),
                "ending_soon": g.terms.ends_within_12_months_of(today),
                "under_review": under_review,
                "decommissioned": decommissioned,
                "notice_soon": notice_soon(g, today),
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
            "problems": problems,
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
        .blocking(move |s| list_page(s, &staff, &id, &[], None))
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
    let page = state
        .into_inner()
        .blocking(move |s| {
            let scope = scope(s, &staff)?;
            let refused = |s: &AppState, problems: &[String]| -> AppResult<Page> {
                let body = list_page(s, &staff, &id, problems, None)?;
                Ok(Page::with_status(StatusCode::UNPROCESSABLE_ENTITY, body))
            };
            if upload.content.iter().all(u8::is_ascii_whitespace) {
                return refused(s, &["choose a CSV file of grants to import".to_string()]);
            }
            let text = match upload.text() {
                Ok(text) => text,
                Err(AppError::Invalid { problem, .. }) => {
                    return refused(s, &[format!("the file {problem}")])
                }
                Err(other) => return Err(other),
            };
            let outcome = grants::import::import(
                &mut *s.platform.conn()?,
                &s.platform.geography,
                &id,
                &text,
                &scope,
                &staff.account.email,
            )?;
            match outcome {
                Outcome::Refused(problems) => refused(s, &problems),
                Outcome::Imported(done) => {
                    let notice = format!(
                        "Imported {} grant(s): {} added, {} replaced.",
                        done.added + done.replaced,
                        done.added,
                        done.replaced
                    );
                    Ok(Page::ok(list_page(s, &staff, &id, &[], Some(notice))?))
                }
            }
        })
        .await?;
    Ok(page.into_response())
}

/// The programme's grant `grant_ref`, if the account may see it (refused and audited if not).
fn find(
    s: &AppState,
    staff: &Staff,
    id: &str,
    grant_ref: &str,
) -> AppResult<(StoredGrant, Service)> {
    let mut conn = s.platform.conn()?;
    let scope = scope(s, staff)?;
    // To a PCC office a missing grant is refused as another area's is (audited), so references
    // cannot be probed.
    let grant = match stored::by_ref(&mut conn, id, grant_ref) {
        Ok(grant) => grant,
        Err(crate::store::StoreError::NotFound(_)) if scope.areas().is_some() => {
            let _audited = access::authorize(&mut conn, &staff.account, "", "see a grant");
            return Err(AppError::Forbidden(
                "your account cannot see this grant".into(),
            ));
        }
        Err(other) => return Err(other.into()),
    };
    if !grants::holds(&scope, &grant) {
        access::authorize(
            &mut conn,
            &staff.account,
            &grant.commissioned_in,
            "see a grant",
        )?;
    }
    let service = services::get(&mut conn, grant.terms.service_id)?;
    Ok((grant, service))
}

/// A form of the grant's page and the fields it has, by label (as problems name them) and id.
struct GrantForm {
    name: &'static str,
    fields: &'static [(&'static str, &'static str)],
}

const FINANCE_FORM: GrantForm = GrantForm {
    name: "finance",
    fields: &[
        ("Period", "period"),
        ("Budget for the period", "budget"),
        ("Spend in the period", "spend"),
        ("Explanation", "explanation"),
    ],
};
const REVIEW_FORM: GrantForm = GrantForm {
    name: "review",
    fields: &[("Why it is under review", "reason")],
};
const DECISION_FORM: GrantForm = GrantForm {
    name: "decision",
    fields: &[
        ("Decision", "decision"),
        ("Reasons", "reasons"),
        ("Exit plan", "exit_plan"),
    ],
};
const PARTNER_FORM: GrantForm = GrantForm {
    name: "partner",
    fields: &[("Partner", "partner"), ("Passed on a year", "amount")],
};

/// What the grant's page shows after an action: a notice, or a problem with one of its forms
/// and what was typed into it.
#[derive(Default)]
struct Shown<'a> {
    notice: Option<String>,
    problem: Option<(&'a GrantForm, String, String)>,
    typed: Option<&'a Fields>,
}

impl Shown<'_> {
    /// The problem as the page shows it: the form to open, the field to link and mark, and the
    /// message with the field's label.
    fn problem_json(&self) -> serde_json::Value {
        let Some((form, label, message)) = &self.problem else {
            return serde_json::Value::Null;
        };
        let id = form
            .fields
            .iter()
            .find(|(l, _)| l == label)
            .map_or(form.fields[0].1, |(_, id)| *id);
        json!({"form": form.name, "field": id, "label": label, "message": message})
    }

    /// What was typed, by field name, for the form that was refused.
    fn typed_json(&self) -> serde_json::Value {
        let Some(fields) = self.typed else {
            return json!({});
        };
        let map: serde_json::Map<String, serde_json::Value> =
            fields.iter().map(|(k, v)| (k.clone(), json!(v))).collect();
        serde_json::Value::Object(map)
    }
}

fn grant_page(
    s: &AppState,
    staff: &Staff,
    id: &str,
    grant_ref: &str,
    shown: &Shown,
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
        let lines: Vec<_> = report.lines.iter().map(|l| kpi_line(&grant, l)).collect();
        periods.push(json!({"period": p.to_string(), "kpis": lines}));
    }
    let returns = finance::all_of(&mut conn, &[grant.id])?
        .remove(&grant.id)
        .unwrap_or_default();
    let value = value_over(&mut conn, &grant, &opened, &returns)?;
    let spent: Vec<_> = returns
        .into_iter()
        .rev()
        .map(|(period, f)| finance_row(&period, &f))
        .collect();
    let history = reviews::of_grant(&mut conn, grant.id)?;
    let under_review = history.iter().any(|r| r.state == ReviewState::Open);
    let decommissioned = history.iter().rev().find_map(|r| match &r.state {
        ReviewState::Decided {
            decision: Decision::Decommission,
            ..
        } => {
            let on = Day::parse(r.decided_on.as_deref()?).ok()?;
            Some(json!({
                "on": on.to_string(),
                "ends_by": frontline_grants::review::earliest_end(on, grant.terms.notice_months, grant.terms.end).to_string(),
            }))
        }
        _ => None,
    });
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
    let mut co_commissioners: Vec<String> = Vec::new();
    for g in stored::for_service(&mut conn, service.id)? {
        if g.programme_id != id {
            co_commissioners.push(programmes::by_id(&mut conn, &g.programme_id)?.name);
        }
    }
    co_commissioners.dedup();
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
                "notice_soon": notice_soon(&grant, today),
                "ending_soon": grant.terms.ends_within_12_months_of(today),
                "kpis": grant.terms.kpis.iter().map(|k| json!({"metric": k.metric.name(), "label": k.metric.label(), "rule": k.rule.as_str(), "target": format!("{}{}", frontline_grants::monitoring::figure(k.target), if k.metric.is_rate() { "%" } else { "" })})).collect::<Vec<_>>(),
            },
            "service": full_name(&service),
            "periods": periods,
            "open_periods": opened.iter().rev().map(ToString::to_string).collect::<Vec<_>>(),
            "finance": spent,
            "value": value,
            "reviews": history,
            "open_review": under_review,
            "decommissioned": decommissioned,
            "decisions": Decision::ALL.iter().map(|d| json!({"value": d.as_str(), "label": d.label()})).collect::<Vec<_>>(),
            "partners": partners,
            // Partners are chosen among services sharing an area with the lead.
            "services": everyone.iter().filter(|s| s.id != service.id && s.areas.iter().any(|a| service.areas.contains(a))).map(|s| json!({"id": s.id, "name": full_name(s)})).collect::<Vec<_>>(),
            "diligence": diligence,
            "co_commissioners": co_commissioners,
            "csrf": staff.csrf_token,
            "staff": staff.account,
            "problem": shown.problem_json(),
            "typed": shown.typed_json(),
            "notice": shown.notice,
        }),
    )
}

/// What the grant bought over those of its latest four periods with a financial return: spend,
/// victims engaged in the service's returns for the same periods (new and existing, whichever
/// grants fund it), and the cost per victim — for its commissioners, not published.
fn value_over(
    conn: &mut crate::db::DbConnection,
    grant: &StoredGrant,
    opened: &[frontline_returns::Period],
    returns: &std::collections::BTreeMap<String, FinanceReturn>,
) -> AppResult<serde_json::Value> {
    let with_spend: Vec<String> = opened
        .iter()
        .rev()
        .take(crate::grants::value::PERIODS)
        .map(ToString::to_string)
        .filter(|p| returns.contains_key(p))
        .collect();
    let spend: i64 = with_spend
        .iter()
        .filter_map(|p| returns.get(p))
        .map(|f| f.spend_pence)
        .sum();
    let made: Vec<i64> = monitoring::returns_by_service(conn, &with_spend)?
        .values()
        .filter_map(|by_service| by_service.get(&grant.terms.service_id))
        .map(|f| f.engaged())
        .collect();
    let engaged = (!made.is_empty()).then(|| made.iter().sum::<i64>());
    Ok(json!({
        "periods": with_spend.len(),
        "from": with_spend.last(),
        "to": with_spend.first(),
        "returns_made": made.len(),
        "spend": survey_engine::money::display(spend),
        "engaged": engaged,
        "cost_per_victim": engaged.filter(|e| *e > 0).map(|e| survey_engine::money::display(spend / e)),
    }))
}

/// Whether the day notice must be given by falls within the next three months.
fn notice_soon(grant: &StoredGrant, today: Day) -> bool {
    let by = grant.terms.notice_by();
    today <= by && by <= today.plus_months(3)
}

/// A KPI's line for the page: its label, and figures with a % where it is a rate.
fn kpi_line(
    grant: &StoredGrant,
    line: &frontline_grants::monitoring::KpiLine,
) -> serde_json::Value {
    let kpi = grant
        .terms
        .kpis
        .iter()
        .find(|k| k.metric.name() == line.metric);
    let rate = kpi.is_some_and(|k| k.metric.is_rate());
    let shown = |x: f64| {
        let n = frontline_grants::monitoring::figure(x);
        if rate {
            format!("{n}%")
        } else {
            n
        }
    };
    json!({
        "label": kpi.map_or(line.metric.clone(), |k| k.metric.label()),
        "rule": line.rule,
        "target": shown(line.target),
        "actual": line.assessment.actual.map(shown),
        "status": line.assessment.status,
    })
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
        .blocking(move |s| grant_page(s, &staff, &id, &grant_ref, &Shown::default()))
        .await?;
    Ok(Page::ok(body).into_response())
}

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
