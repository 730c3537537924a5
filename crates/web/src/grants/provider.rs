//! A provider's financial returns, on its VFS return's page: for every grant funding the service
//! in the period (whichever programme holds it), the budget, spend and an explanation of any
//! difference. All are checked before any is stored; a problem names the grant and the field.

use crate::db::DbConnection;
use crate::error::AppResult;
use crate::store::grants::{self, finance, StoredGrant};
use frontline_grants::finance::FinanceReturn;
use frontline_returns::Period;
use serde::Serialize;
use survey_engine::Problem;

/// One grant's part of the form: what is stored, or what was typed.
#[derive(Debug, Clone, Serialize)]
pub struct GrantFinance {
    pub id: i32,
    pub grant_ref: String,
    pub programme: String,
    pub budget: String,
    pub spend: String,
    pub explanation: String,
}

/// The grants funding `service_id` in `period`, of programmes that have opened it.
pub fn running(
    conn: &mut DbConnection,
    service_id: i32,
    period: &Period,
) -> AppResult<Vec<StoredGrant>> {
    let mut out = Vec::new();
    for g in grants::for_service(conn, service_id)? {
        let opened = crate::store::programmes::periods(conn, &g.programme_id)?
            .iter()
            .any(|(p, _)| p == period);
        if opened && g.terms.runs_in(period) {
            out.push(g);
        }
    }
    Ok(out)
}

/// A posted form's fields, as (name, value) pairs.
pub type Posted = [(String, String)];

/// The trimmed value of a posted field; empty when absent.
fn field(fields: &Posted, name: &str) -> String {
    fields
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.trim().to_string())
        .unwrap_or_default()
}

/// The form's grants with what is stored for the period (or, after a refusal, what was typed).
pub fn form(
    conn: &mut DbConnection,
    service_id: i32,
    period: &Period,
    typed: Option<&Posted>,
) -> AppResult<Vec<GrantFinance>> {
    let held = running(conn, service_id, period)?;
    let ids: Vec<i32> = held.iter().map(|g| g.id).collect();
    let stored = finance::for_period(conn, &ids, &period.to_string())?;
    let mut names = std::collections::BTreeMap::new();
    for g in &held {
        if !names.contains_key(&g.programme_id) {
            let name = crate::store::programmes::by_id(conn, &g.programme_id)?.name;
            names.insert(g.programme_id.clone(), name);
        }
    }
    Ok(held
        .into_iter()
        .map(|g| {
            let (budget, spend, explanation) = match (typed, stored.get(&g.id)) {
                (Some(fields), _) => (
                    field(fields, &format!("budget-{}", g.id)),
                    field(fields, &format!("spend-{}", g.id)),
                    field(fields, &format!("explanation-{}", g.id)),
                ),
                (None, Some(f)) => (
                    survey_engine::money::pounds(f.budget_pence),
                    survey_engine::money::pounds(f.spend_pence),
                    f.explanation.clone().unwrap_or_default(),
                ),
                (None, None) => Default::default(),
            };
            GrantFinance {
                id: g.id,
                grant_ref: g.terms.grant_ref,
                programme: names
                    .get(&g.programme_id)
                    .cloned()
                    .unwrap_or(g.programme_id),
                budget,
                spend,
                explanation,
            }
        })
        .collect())
}

/// What a provider gave for the period: each grant's figures, checked.
pub type Given = Vec<(i32, FinanceReturn)>;

/// The form's labels, as problems name the fields.
fn label_of(what: &str) -> &'static str {
    match what {
        "budget" => "Budget for the period (£)",
        "spend" => "Spend in the period (£)",
        _ => "Explanation",
    }
}

/// Checks every grant's figures (a grant left wholly blank is skipped): what to store, or every
/// problem, each naming the grant and the field by its label.
pub fn check(
    conn: &mut DbConnection,
    service_id: i32,
    period: &Period,
    fields: &Posted,
) -> AppResult<Result<Given, Vec<Problem>>> {
    let held = running(conn, service_id, period)?;
    let mut problems = Vec::new();
    let mut given = Vec::new();
    for g in &held {
        let name = |what: &str| format!("{what}-{}", g.id);
        let problem = |what: &str, message: String| {
            Problem::about(
                name(what),
                format!("Grant {}, {}", g.terms.grant_ref, label_of(what)),
                message,
            )
        };
        let (budget, spend, explanation) = (
            field(fields, &name("budget")),
            field(fields, &name("spend")),
            field(fields, &name("explanation")),
        );
        if [&budget, &spend, &explanation].iter().all(|t| t.is_empty()) {
            continue;
        }
        let mut amount = |text: &str, what: &str| {
            let parsed = survey_engine::money::parse_pounds(text);
            if parsed.is_none() {
                problems.push(problem(
                    what,
                    if text.is_empty() {
                        format!("enter the {what}, in pounds")
                    } else {
                        format!("'{text}' is not an amount in pounds, like 7500 or 7500.50")
                    },
                ));
            }
            parsed
        };
        let (Some(b), Some(s)) = (amount(&budget, "budget"), amount(&spend, "spend")) else {
            continue;
        };
        match FinanceReturn::new(b, s, &explanation).and_then(|f| f.within(g.terms.annual_pence)) {
            Ok(f) => given.push((g.id, f)),
            Err(frontline_grants::GrantsError::Invalid { field, problem: p }) => {
                problems.push(problem(&field, p));
            }
            Err(other) => problems.push(problem("budget", other.to_string())),
        }
    }
    Ok(if problems.is_empty() {
        Ok(given)
    } else {
        Err(problems)
    })
}

/// Stores what [`check`] accepted, all or none.
pub fn store(
    conn: &mut DbConnection,
    period: &Period,
    given: &Given,
    actor: &str,
) -> AppResult<()> {
    frontline_store::db::transaction(conn, |conn| {
        for (id, f) in given {
            finance::put(conn, *id, &period.to_string(), f, actor)?;
        }
        Ok::<_, crate::error::AppError>(())
    })
}
