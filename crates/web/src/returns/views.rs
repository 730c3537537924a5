//! What commissioners and providers read: an area's totals over the programme's periods, with
//! outcome rates computed from counts, and a service's own history.

use crate::db::DbConnection;
use crate::error::AppResult;
use crate::store::{programmes, vfs_returns};
use frontline_disclosure::{SuppressionRule, SUPPRESSED};
use frontline_geo::Geography;
use frontline_returns::metrics::{METRICS, OUTCOMES};
use frontline_returns::{sum, ReturnFigures};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Serialize)]
pub struct PeriodTotals {
    pub period: String,
    pub returns: usize,
    pub figures: ReturnFigures,
    pub engaged: i64,
    /// (outcome, % of those asked who improved), from the counts.
    pub outcome_rates: Vec<(&'static str, Option<f64>)>,
}

fn totals(period: String, returns: &[ReturnFigures]) -> PeriodTotals {
    let figures = sum(returns);
    PeriodTotals {
        period,
        returns: returns.len(),
        engaged: figures.engaged(),
        outcome_rates: figures.outcome_rates(),
        figures,
    }
}

/// An area's totals in one period as a commissioner may read them: the cells of the period's
/// table of returns by area (the export's own, protected the same way), and the sums and rates
/// made from them only where every cell they come from is shown.
#[derive(Debug, Clone, Serialize)]
pub struct ProtectedTotals {
    pub period: String,
    pub returns: usize,
    /// Metric column → the cell as published (a count, or [c]).
    pub cells: BTreeMap<&'static str, String>,
    pub engaged: String,
    pub reported: String,
    /// (outcome, % of those asked who improved), where both counts are published.
    pub outcome_rates: Vec<(&'static str, Option<f64>)>,
    /// Engaged, referrals and waiting list for the trend chart, where published.
    pub chart: [Option<f64>; 3],
}

/// The programme's totals per opened period for services reporting in `pfa`, protected as the
/// period's table of returns by area protects that area's row.
pub fn area_series(
    conn: &mut DbConnection,
    geo: &Geography,
    programme: &programmes::Programme,
    pfa: &str,
    rule: &SuppressionRule,
) -> AppResult<Vec<ProtectedTotals>> {
    let mut out = Vec::new();
    for (period, _) in programmes::periods(conn, &programme.id)? {
        let period = period.to_string();
        let tables = super::export::protected_period(conn, geo, &period, rule)?;
        let Some(cells) = tables
            .programme(&programme.id)
            .and_then(|t| t.area_cells(pfa))
        else {
            out.push(protected_totals(period, 0, None));
            continue;
        };
        let returns = returns_in(conn, programme, &period, pfa)?;
        out.push(protected_totals(period, returns, Some(cells)));
    }
    Ok(out)
}

/// How many counted returns of the programme's services in `pfa` the period holds.
fn returns_in(
    conn: &mut DbConnection,
    programme: &programmes::Programme,
    period: &str,
    pfa: &str,
) -> AppResult<usize> {
    let members = programmes::service_ids(conn, &programme.id)?;
    Ok(vfs_returns::for_periods(conn, &[period.to_string()])?
        .iter()
        .filter(|r| members.contains(&r.service_id) && r.pfa_code == pfa)
        .filter(|r| r.counted_answers().is_some())
        .count())
}

/// One service's own totals, shown whole (the service's commissioners monitor it).
pub fn unprotected(p: PeriodTotals) -> ProtectedTotals {
    let row: Vec<String> = METRICS
        .iter()
        .map(|m| match m.column {
            "waiting_weeks_median" => p
                .figures
                .waiting_weeks_median
                .map(|w| format!("{w:.1}"))
                .unwrap_or_default(),
            column => p.figures.get(column).to_string(),
        })
        .collect();
    let row = (p.returns > 0).then_some(row);
    protected_totals(p.period, p.returns, row.as_ref())
}

fn protected_totals(period: String, returns: usize, row: Option<&Vec<String>>) -> ProtectedTotals {
    let cells: BTreeMap<&'static str, String> = match row {
        Some(row) => METRICS
            .iter()
            .map(|m| m.column)
            .zip(row.iter().cloned())
            .collect(),
        None => BTreeMap::new(),
    };
    let number = |c: &str| cells.get(c).and_then(|v| v.parse::<f64>().ok());
    let sum_of = |parts: &[&str]| -> String {
        parts
            .iter()
            .map(|c| number(c))
            .sum::<Option<f64>>()
            .map(|n| (n as i64).to_string())
            .unwrap_or_else(|| {
                if cells.is_empty() {
                    String::new()
                } else {
                    SUPPRESSED.to_string()
                }
            })
    };
    let outcome_rates = OUTCOMES
        .iter()
        .map(|o| {
            let rate = match (number(o.asked), number(o.improved)) {
                (Some(a), Some(i)) if a > 0.0 => Some(100.0 * i / a),
                _ => None,
            };
            (o.label, rate)
        })
        .collect();
    let engaged = sum_of(&["engaged_new", "engaged_existing"]);
    let chart = [
        engaged.parse().ok(),
        number("referrals_new"),
        number("waiting_list"),
    ];
    ProtectedTotals {
        period,
        returns,
        reported: sum_of(&["reported_active", "reported_non_active"]),
        engaged,
        outcome_rates,
        chart,
        cells,
    }
}

/// A service's returns, oldest first: (period, status, counted figures if any).
pub fn history(conn: &mut DbConnection, service_id: i32) -> AppResult<Vec<PeriodTotals>> {
    vfs_returns::for_service(conn, service_id)?
        .into_iter()
        .map(|r| {
            let figures = match r.counted_answers() {
                Some(json) => vec![super::figures_of_json(json)?],
                None => Vec::new(),
            };
            Ok(totals(r.period.clone(), &figures))
        })
        .collect()
}
