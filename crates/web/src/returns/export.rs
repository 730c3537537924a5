//! `frontline export-vfs --by pfa`: a period's returns summed by police force area with an
//! England and Wales row, every count of people disclosure-controlled.

use crate::db::DbConnection;
use crate::error::{AppError, AppResult};
use crate::store::{programmes, vfs_returns};
use frontline_disclosure::CellProtector;
use frontline_geo::Geography;
use frontline_returns::metrics::METRICS;
use frontline_returns::{protected_rows, sum, ByArea, ReturnFigures};
use std::collections::BTreeMap;

/// ONS code of England and Wales, for the total row.
pub const ENGLAND_AND_WALES: &str = "K04000001";

/// The counted returns of the programme's services for a period, by police force area.
pub fn by_area(
    conn: &mut DbConnection,
    geo: &Geography,
    programme_id: &str,
    period: &str,
) -> AppResult<Vec<ByArea>> {
    let programme = programmes::by_id(conn, programme_id)?;
    let period = programme.period(period)?.to_string();
    let members = programmes::service_ids(conn, &programme.id)?;
    let mut areas: BTreeMap<String, Vec<ReturnFigures>> = BTreeMap::new();
    for r in vfs_returns::for_periods(conn, std::slice::from_ref(&period))? {
        if !members.contains(&r.service_id) {
            continue;
        }
        if let Some(json) = r.counted_answers() {
            areas
                .entry(r.pfa_code.clone())
                .or_default()
                .push(super::figures_of_json(json)?);
        }
    }
    Ok(geo
        .areas()
        .iter()
        .filter_map(|a| {
            areas.get(&a.code).map(|returns| ByArea {
                key: a.code.clone(),
                figures: sum(returns),
            })
        })
        .collect())
}

/// `vfs-by-pfa.csv`: `pfa_code,pfa,` then every metric column; one row per area with returns,
/// then England and Wales. The weeks column is the engaged-weighted mean of the services'
/// medians.
pub fn by_pfa_csv(
    geo: &Geography,
    family: &str,
    rows: &[ByArea],
    protector: &dyn CellProtector,
) -> AppResult<String> {
    let total = sum(rows.iter().map(|r| &r.figures));
    let cells = protected_rows(protector, family, rows, &total)
        .map_err(|e| AppError::Task(format!("disclosure control: {e}")))?;
    let mut w = frontline_safety::spreadsheet::CsvText::new();
    let fail = |e: csv::Error| AppError::Task(format!("writing vfs-by-pfa.csv: {e}"));
    let mut header = vec!["pfa_code", "pfa"];
    header.extend(METRICS.iter().map(|m| m.column));
    w.row(&header).map_err(fail)?;
    let keys = rows
        .iter()
        .map(|r| {
            let name = geo.find(&r.key).map_or(r.key.clone(), |a| a.name.clone());
            (r.key.clone(), name)
        })
        .chain(std::iter::once((
            ENGLAND_AND_WALES.to_string(),
            "England and Wales".to_string(),
        )));
    for ((code, name), values) in keys.zip(cells) {
        let mut record = vec![code, name];
        record.extend(values);
        w.row(&record).map_err(fail)?;
    }
    w.finish().map_err(fail)
}
