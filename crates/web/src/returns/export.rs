//! `frontline export-vfs --by pfa`: a period's returns summed by police force area with an
//! England and Wales row, every count of people disclosure-controlled together with every other
//! programme's table of the period.

use crate::db::DbConnection;
use crate::error::{AppError, AppResult};
use crate::store::{programmes, vfs_returns};
use frontline_disclosure::CellProtector;
use frontline_geo::Geography;
use frontline_returns::metrics::METRICS;
use frontline_returns::{protect_period, Funded, PeriodTables, ProgrammeTable, ServiceReturn};

/// ONS code of England and Wales, for the total row.
pub const ENGLAND_AND_WALES: &str = "K04000001";

/// Every counted return of `period`, and the programmes that opened it with the services each
/// funds: what [`protect_period`] protects as one.
pub fn period_inputs(
    conn: &mut DbConnection,
    period: &str,
) -> AppResult<(Vec<ServiceReturn>, Vec<Funded>)> {
    let mut funded = Vec::new();
    for programme in programmes::all(conn)? {
        let opened = programmes::periods(conn, &programme.id)?
            .iter()
            .any(|(p, _)| p.to_string() == period);
        if opened {
            let services = programmes::service_ids(conn, &programme.id)?;
            funded.push(Funded {
                programme: programme.id.clone(),
                name: programme.name.clone(),
                services: services.into_iter().map(i64::from).collect(),
            });
        }
    }
    let mut returns = Vec::new();
    for r in vfs_returns::for_periods(conn, &[period.to_string()])? {
        if let Some(json) = r.counted_answers() {
            returns.push(ServiceReturn {
                service: i64::from(r.service_id),
                area: r.pfa_code.clone(),
                figures: super::figures_of_json(json)?,
            });
        }
    }
    Ok((returns, funded))
}

/// Every programme's table of `period` by police force area, protected together.
pub fn protected_period(
    conn: &mut DbConnection,
    geo: &Geography,
    period: &str,
    protector: &dyn CellProtector,
) -> AppResult<PeriodTables> {
    let (returns, funded) = period_inputs(conn, period)?;
    let areas: Vec<&str> = geo.areas().iter().map(|a| a.code.as_str()).collect();
    protect_period(protector, period, &areas, &returns, &funded)
        .map_err(|e| AppError::Task(format!("disclosure control of {period}: {e}")))
}

/// The programme's table of `period` (checked against the programme's frequency), protected
/// with every other programme's table of that period.
pub fn programme_period(
    conn: &mut DbConnection,
    geo: &Geography,
    programme_id: &str,
    period: &str,
    protector: &dyn CellProtector,
) -> AppResult<ProgrammeTable> {
    let programme = programmes::by_id(conn, programme_id)?;
    let period = programme.period(period)?.to_string();
    let tables = protected_period(conn, geo, &period, protector)?;
    tables
        .programme(&programme.id)
        .cloned()
        .ok_or_else(|| AppError::NotFound(format!("period {period} of programme {}", programme.id)))
}

/// `vfs-by-pfa.csv`: `pfa_code,pfa,` then every metric column; one row per area with returns,
/// then England and Wales, as the protected table publishes them. The weeks column is the
/// engaged-weighted mean of the services' medians.
pub fn by_pfa_csv(geo: &Geography, table: &ProgrammeTable) -> AppResult<String> {
    let mut w = frontline_safety::spreadsheet::CsvText::new();
    let fail = |e: csv::Error| AppError::Task(format!("writing vfs-by-pfa.csv: {e}"));
    let mut header = vec!["pfa_code", "pfa"];
    header.extend(METRICS.iter().map(|m| m.column));
    w.row(&header).map_err(fail)?;
    let keys = table
        .by_area
        .iter()
        .map(|r| {
            let name = geo.find(&r.key).map_or(r.key.clone(), |a| a.name.clone());
            (r.key.clone(), name)
        })
        .chain(std::iter::once((
            ENGLAND_AND_WALES.to_string(),
            "England and Wales".to_string(),
        )));
    for ((code, name), values) in keys.zip(&table.cells) {
        let mut record = vec![code, name];
        record.extend(values.iter().cloned());
        w.row(&record).map_err(fail)?;
    }
    w.finish().map_err(fail)
}
