//! A grant's page: its terms, KPIs by period, value, spend against budget, reviews, partners and
//! due diligence, with the problem of a refused form shown on the form it came from.

use super::{find, notice_soon, today};
use crate::error::AppResult;
use crate::grants::monitoring;
use crate::http::auth::Staff;
use crate::http::form::Fields;
use crate::http::page::Page;
use crate::http::AppState;
use crate::store::grants::{self as stored, finance, reviews, subcontracts, StoredGrant};
use crate::store::{due_diligence, programmes, services};
use actix_web::{get, web, HttpResponse};
use frontline_grants::diligence::Standing;
use frontline_grants::finance::FinanceReturn;
use frontline_grants::review::{Decision, ReviewState};
use frontline_grants::value::Outlay;
use frontline_provision::Day;
use serde_json::json;

/// A form of the grant's page and the fields it has, by label (as problems name them) and id.
pub(super) struct GrantForm {
    pub(super) name: &'static str,
    pub(super) fields: &'static [(&'static str, &'static str)],
}

pub(super) const FINANCE_FORM: GrantForm = GrantForm {
    name: "finance",
    fields: &[
        ("Period", "period"),
        ("Budget for the period", "budget"),
        ("Spend in the period", "spend"),
        ("Explanation", "explanation"),
    ],
};
pub(super) const REVIEW_FORM: GrantForm = GrantForm {
    name: "review",
    fields: &[("Why it is under review", "reason")],
};
pub(super) const DECISION_FORM: GrantForm = GrantForm {
    name: "decision",
    fields: &[
        ("Decision", "decision"),
        ("Reasons", "reasons"),
        ("Exit plan", "exit_plan"),
    ],
};
pub(super) const PARTNER_FORM: GrantForm = GrantForm {
    name: "partner",
    fields: &[("Partner", "partner"), ("Passed on a year", "amount")],
};

/// What the grant's page shows after an action: a notice, or a problem with one of its forms
/// and what was typed into it.
#[derive(Default)]
pub(super) struct Shown<'a> {
    pub(super) notice: Option<String>,
    pub(super) problem: Option<(&'a GrantForm, String, String)>,
    pub(super) typed: Option<&'a Fields>,
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

pub(super) fn grant_page(
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
    let by_period = monitoring::lines(&mut conn, &pair, &opened)?
        .remove(&grant.id)
        .unwrap_or_default();
    let periods: Vec<_> = opened
        .iter()
        .zip(&by_period)
        .rev()
        .map(|(p, lines)| {
            let lines: Vec<_> = lines.iter().map(|l| kpi_line(&grant, l)).collect();
            json!({"period": p.to_string(), "kpis": lines})
        })
        .collect();
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
    let decommissioned = history
        .iter()
        .rev()
        .filter(|r| r.state.decommissions())
        .find_map(|r| {
            let on = Day::parse(r.decided_on.as_deref()?).ok()?;
            Some(json!({
                "on": on.to_string(),
                "ends_by": frontline_grants::review::earliest_end(on, grant.terms.notice_months, grant.terms.end).to_string(),
            }))
        });
    let everyone = services::all(&mut conn)?;
    let partners: Vec<_> = subcontracts::of_grants(&mut conn, &[grant.id])?
        .into_iter()
        .filter_map(|(_, partner, pence)| {
            let s = everyone.iter().find(|s| s.id == partner)?;
            Some(json!({"id": partner, "name": s.full_name(), "annual": survey_engine::money::display(pence)}))
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
            "service": service.full_name(),
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
            "services": everyone.iter().filter(|s| s.id != service.id && s.areas.iter().any(|a| service.areas.contains(a))).map(|s| json!({"id": s.id, "name": s.full_name()})).collect::<Vec<_>>(),
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
    let window: Vec<String> = opened
        .iter()
        .rev()
        .take(crate::grants::value::PERIODS)
        .map(ToString::to_string)
        .collect();
    let outlay = Outlay::of_grant(&window, returns);
    let by_period = monitoring::returns_by_service(conn, &window)?;
    let made = outlay.engaged(|p| Some(by_period.get(p)?.get(&grant.terms.service_id)?.engaged()));
    let (returns_made, engaged) = made.map_or((0, None), |(n, e)| (n, Some(e)));
    let spend = outlay.spend_pence;
    Ok(json!({
        "periods": outlay.periods.len(),
        "from": outlay.periods.first(),
        "to": outlay.periods.last(),
        "returns_made": returns_made,
        "spend": survey_engine::money::display(spend),
        "engaged": engaged,
        "cost_per_victim": engaged.filter(|e| *e > 0).map(|e| survey_engine::money::display(spend / e)),
    }))
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
