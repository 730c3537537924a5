//! A programme's grants monitored: each period's KPI statuses against the one return a service
//! makes for it (whichever programmes fund it), spend against budget, and each grant's standing
//! over the programme's periods.

use crate::db::DbConnection;
use crate::error::AppResult;
use crate::returns::figures_of_json;
use crate::store::grants::{finance, StoredGrant};
use crate::store::services::Service;
use crate::store::vfs_returns;
use frontline_geo::tables::Table;
use frontline_grants::kpi::Status;
use frontline_grants::monitoring::{kpi_lines, monitoring_table, spend_table, KpiLine, Monitored};
use frontline_returns::{sum, Period, ReturnFigures};
use serde::Serialize;
use std::collections::BTreeMap;

/// The submitted returns of `periods`, summed per service (over its areas), by period.
pub fn returns_by_service(
    conn: &mut DbConnection,
    periods: &[String],
) -> AppResult<BTreeMap<String, BTreeMap<i32, ReturnFigures>>> {
    summed(vfs_returns::for_periods(conn, periods)?)
}

/// [`returns_by_service`] for `services` only (a programme's grants read their own services'
/// returns, not every service's).
pub fn returns_of_services(
    conn: &mut DbConnection,
    periods: &[String],
    services: &[i32],
) -> AppResult<BTreeMap<String, BTreeMap<i32, ReturnFigures>>> {
    summed(vfs_returns::for_periods_of(conn, periods, services)?)
}

/// Returns' counted figures by period and service.
fn summed(
    returns: Vec<vfs_returns::StoredReturn>,
) -> AppResult<BTreeMap<String, BTreeMap<i32, ReturnFigures>>> {
    let mut parts: BTreeMap<(String, i32), Vec<ReturnFigures>> = BTreeMap::new();
    for r in returns {
        if let Some(answers) = r.counted_answers() {
            parts
                .entry((r.period.clone(), r.service_id))
                .or_default()
                .push(figures_of_json(answers)?);
        }
    }
    let mut out: BTreeMap<String, BTreeMap<i32, ReturnFigures>> = BTreeMap::new();
    for ((period, service), figures) in parts {
        out.entry(period)
            .or_default()
            .insert(service, sum(&figures));
    }
    Ok(out)
}

/// One period's monitoring of `grants`: the KPI lines and the two files' tables.
pub struct PeriodReport {
    pub lines: Vec<KpiLine>,
    pub monitoring: Table,
    pub spend: Table,
}

pub fn period_report(
    conn: &mut DbConnection,
    grants: &[(StoredGrant, Service)],
    period: &Period,
) -> AppResult<PeriodReport> {
    let name = period.to_string();
    let names: Vec<String> = grants.iter().map(|(_, s)| s.full_name()).collect();
    let monitored: Vec<Monitored> = grants
        .iter()
        .zip(&names)
        .map(|((g, _), service)| Monitored {
            service,
            terms: &g.terms,
        })
        .collect();
    let returns = returns_by_service(conn, std::slice::from_ref(&name))?
        .remove(&name)
        .unwrap_or_default();
    let ids: Vec<i32> = grants.iter().map(|(g, _)| g.id).collect();
    let by_id = finance::for_period(conn, &ids, &name)?;
    let by_ref = grants
        .iter()
        .filter_map(|(g, _)| Some((g.terms.grant_ref.clone(), by_id.get(&g.id)?.clone())))
        .collect();
    let lines = kpi_lines(&monitored, period, &returns);
    Ok(PeriodReport {
        monitoring: monitoring_table(&lines),
        spend: spend_table(&monitored, period, &by_ref),
        lines,
    })
}

/// A grant's standing in one period: its KPIs met of those it has, or why not.
#[derive(Debug, Clone, Serialize)]
pub struct Standing {
    pub period: String,
    /// Met, not met or no return; none when the grant did not run or has no KPI.
    pub status: Option<Status>,
    pub met: usize,
    pub kpis: usize,
}

/// Each grant's KPI lines in each of `periods` (in their order), by grant id: the periods'
/// returns read once for every grant.
pub fn lines(
    conn: &mut DbConnection,
    grants: &[(StoredGrant, Service)],
    periods: &[Period],
) -> AppResult<BTreeMap<i32, Vec<Vec<KpiLine>>>> {
    let names: Vec<String> = periods.iter().map(ToString::to_string).collect();
    let services: Vec<i32> = grants.iter().map(|(_, s)| s.id).collect();
    let returns = returns_of_services(conn, &names, &services)?;
    let none = BTreeMap::new();
    let mut out = BTreeMap::new();
    for (g, s) in grants {
        let name = s.full_name();
        let monitored = [Monitored {
            service: &name,
            terms: &g.terms,
        }];
        let by_period = periods
            .iter()
            .zip(&names)
            .map(|(p, n)| kpi_lines(&monitored, p, returns.get(n).unwrap_or(&none)))
            .collect();
        out.insert(g.id, by_period);
    }
    Ok(out)
}

/// Each grant's standing in each of `periods` (oldest first), by grant id: `no return` when the
/// service made none, else `not met` when any KPI was missed, else `met`.
pub fn standing(
    conn: &mut DbConnection,
    grants: &[(StoredGrant, Service)],
    periods: &[Period],
) -> AppResult<BTreeMap<i32, Vec<Standing>>> {
    Ok(lines(conn, grants, periods)?
        .into_iter()
        .map(|(id, by_period)| {
            let row = periods
                .iter()
                .zip(by_period)
                .map(|(p, lines)| standing_of(p, &lines))
                .collect();
            (id, row)
        })
        .collect())
}

/// One period's standing from its KPI lines.
fn standing_of(period: &Period, lines: &[KpiLine]) -> Standing {
    let met = lines.iter().filter(|l| l.status() == Status::Met).count();
    let status = if lines.is_empty() {
        None
    } else if lines.iter().any(|l| l.status() == Status::NoReturn) {
        Some(Status::NoReturn)
    } else if met < lines.len() {
        Some(Status::NotMet)
    } else {
        Some(Status::Met)
    };
    Standing {
        period: period.to_string(),
        status,
        met,
        kpis: lines.len(),
    }
}
