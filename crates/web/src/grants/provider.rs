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

/// The grants funding `service_id` in `period`.
pub fn running(
    conn: &mut DbConnection,
    service_id: i32,
    period: &Period,
) -> AppResult<Vec<StoredGrant>> {
    Ok(grants::for_service(conn, service_id)?
        .into_iter()
        .filter(|g| g.terms.runs_in(period))
        .collect())
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
                programme: g.programme_id,
                budget,
                spend,
                explanation,
            }
        })
        .collect())
}

/// Checks every grant's figures and stores them all, or none; a grant left wholly blank is
/// skipped.
pub fn save(
    conn: &mut DbConnection,
    service_id: i32,
    period: &Period,
    fields: &Posted,
    actor: &str,
) -> AppResult<Vec<Problem>> {
    let held = running(conn, service_id, period)?;
    let mut problems = Vec::new();
    let mut given = Vec::new();
    for g in &held {
        let name = |what: &str| format!("{what}-{}", g.id);
        let label = |what: &str| format!("Grant {}, {what}", g.terms.grant_ref);
        let (budget, spend, explanation) = (
            field(fields, &name("budget")),
            field(fields, &name("spend")),
            field(fields, &name("explanation")),
        );
        if [&budget, &spend, &explanation]
            .iter()
            .all(|t| t.trim().is_empty())
        {
            continue;
        }
        let amount = |text: &str, what: &str, problems: &mut Vec<Problem>| {
            let parsed = survey_engine::money::parse_pounds(text);
            if parsed.is_none() {
                problems.push(Problem::about(
                    name(what),
                    label(what),
                    format!(
                        "'{}' is not an amount in pounds, like 7500 or 7500.50",
                        text.trim()
                    ),
                ));
            }
            parsed
        };
        let (Some(b), Some(s)) = (
            amount(&budget, "budget", &mut problems),
            amount(&spend, "spend", &mut problems),
        ) else {
            continue;
        };
        match FinanceReturn::new(b, s, &explanation) {
            Ok(f) => given.push((g.id, f)),
            Err(frontline_grants::GrantsError::Invalid { field, problem }) => {
                problems.push(Problem::about(name(&field), label(&field), problem));
            }
            Err(other) => problems.push(Problem::about(
                name("budget"),
                label("budget"),
                other.to_string(),
            )),
        }
    }
    if !problems.is_empty() {
        return Ok(problems);
    }
    frontline_store::db::transaction(conn, |conn| {
        for (id, f) in &given {
            finance::put(conn, *id, &period.to_string(), f, actor)?;
        }
        Ok::<_, crate::error::AppError>(())
    })?;
    Ok(Vec::new())
}
