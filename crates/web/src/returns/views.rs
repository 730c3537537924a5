//! What commissioners and providers read: an area's totals over the programme's periods, with
//! outcome rates computed from counts, and a service's own history.

use crate::db::DbConnection;
use crate::error::AppResult;
use crate::store::{programmes, vfs_returns};
use frontline_returns::{sum, ReturnFigures};
use serde::Serialize;

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

/// The programme's totals per opened period, for services reporting in `pfa` (or all).
pub fn series(
    conn: &mut DbConnection,
    programme_id: &str,
    pfa: Option<&str>,
) -> AppResult<Vec<PeriodTotals>> {
    let members = programmes::service_ids(conn, programme_id)?;
    let periods: Vec<String> = programmes::periods(conn, programme_id)?
        .into_iter()
        .map(|(p, _)| p.to_string())
        .collect();
    let returns = vfs_returns::for_periods(conn, &periods)?;
    periods
        .into_iter()
        .map(|period| {
            let figures = returns
                .iter()
                .filter(|r| r.period == period && members.contains(&r.service_id))
                .filter(|r| pfa.is_none_or(|code| r.pfa_code == code))
                .filter_map(|r| r.counted_answers())
                .map(super::figures_of_json)
                .collect::<AppResult<Vec<_>>>()?;
            Ok(totals(period, &figures))
        })
        .collect()
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
