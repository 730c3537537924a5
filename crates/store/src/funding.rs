//! The funding register: a cycle's funding streams per service.

use crate::clock;
use crate::db::schema::funding_streams;
use crate::db::DbConnection;
use crate::error::{StoreError, StoreResult};
use diesel::prelude::*;
use frontline_provision::vocabulary::{CoreCosts, FunderType, Kind, Role};
use frontline_provision::{Commissioning, Day, FundingStream};

type Row = (
    i32,
    String,
    String,
    String,
    String,
    String,
    String,
    String,
    i64,
    String,
    bool,
    String,
);

/// Replaces the streams of each service in `streams` for the cycle with these (a corrected
/// file re-imported does not double them); returns how many were stored.
pub fn replace_for_services(
    conn: &mut DbConnection,
    cycle_id: i32,
    streams: &[(i32, FundingStream)],
    source: &str,
    by: &str,
) -> StoreResult<usize> {
    crate::db::transaction(conn, |conn| {
        let mut services: Vec<i32> = streams.iter().map(|(id, _)| *id).collect();
        services.sort_unstable();
        services.dedup();
        diesel::delete(
            funding_streams::table
                .filter(funding_streams::cycle_id.eq(cycle_id))
                .filter(funding_streams::service_id.eq_any(&services)),
        )
        .execute(conn)?;
        let now = clock::now();
        for (service_id, s) in streams {
            diesel::insert_into(funding_streams::table)
                .values((
                    funding_streams::cycle_id.eq(cycle_id),
                    funding_streams::service_id.eq(service_id),
                    funding_streams::funder_type.eq(s.funder_type.code()),
                    funding_streams::funder.eq(&s.funder),
                    funding_streams::kind.eq(s.kind.code()),
                    funding_streams::role.eq(s.role.code()),
                    funding_streams::start_on.eq(s.start.to_string()),
                    funding_streams::end_on.eq(s.end.to_string()),
                    funding_streams::annual_pence.eq(s.annual_pence),
                    funding_streams::core_costs_covered.eq(s.core_costs_covered.code()),
                    funding_streams::ring_fenced.eq(s.ring_fenced),
                    funding_streams::commissioning.eq(commissioning_json(&s.commissioning)),
                    funding_streams::source.eq(source),
                    funding_streams::created_by.eq(by),
                    funding_streams::created_at.eq(&now),
                ))
                .execute(conn)?;
        }
        Ok(streams.len())
    })
}

/// Every stream of the cycle with its service's id; `service` is left for the caller to name.
pub fn for_cycle(conn: &mut DbConnection, cycle_id: i32) -> StoreResult<Vec<(i32, FundingStream)>> {
    let rows: Vec<Row> = funding_streams::table
        .filter(funding_streams::cycle_id.eq(cycle_id))
        .order(funding_streams::id)
        .select((
            funding_streams::service_id,
            funding_streams::funder_type,
            funding_streams::funder,
            funding_streams::kind,
            funding_streams::role,
            funding_streams::start_on,
            funding_streams::end_on,
            funding_streams::core_costs_covered,
            funding_streams::annual_pence,
            funding_streams::source,
            funding_streams::ring_fenced,
            funding_streams::commissioning,
        ))
        .load(conn)?;
    rows.into_iter().map(stream_of).collect()
}

fn stream_of(row: Row) -> StoreResult<(i32, FundingStream)> {
    let (
        service_id,
        funder_type,
        funder,
        kind,
        role,
        start,
        end,
        core,
        pence,
        _source,
        ring_fenced,
        commissioning,
    ) = row;
    let stored =
        |what: &str, e: String| StoreError::Task(format!("a stored funding stream's {what}: {e}"));
    Ok((
        service_id,
        FundingStream {
            service: String::new(),
            funder_type: FunderType::parse(&funder_type).map_err(|e| stored("funder type", e))?,
            funder,
            kind: Kind::parse(&kind).map_err(|e| stored("kind", e))?,
            role: Role::parse(&role).map_err(|e| stored("role", e))?,
            start: Day::parse(&start).map_err(|e| stored("start", e))?,
            end: Day::parse(&end).map_err(|e| stored("end", e))?,
            annual_pence: pence,
            core_costs_covered: CoreCosts::parse(&core).map_err(|e| stored("core costs", e))?,
            ring_fenced,
            commissioning: commissioning_of(&commissioning)
                .map_err(|e| stored("commissioning", e))?,
        },
    ))
}

/// A stream's commissioning as stored: `{"break_clause", "lead_commissioner", "co_commissioners"}`.
fn commissioning_json(c: &Commissioning) -> String {
    serde_json::json!({
        "break_clause": c.break_clause.map(|d| d.to_string()),
        "lead_commissioner": c.lead_commissioner,
        "co_commissioners": c.co_commissioners,
    })
    .to_string()
}

fn commissioning_of(text: &str) -> Result<Commissioning, String> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    Ok(Commissioning {
        break_clause: value["break_clause"].as_str().map(Day::parse).transpose()?,
        lead_commissioner: value["lead_commissioner"].as_str().map(str::to_string),
        co_commissioners: value["co_commissioners"]
            .as_array()
            .map(|list| {
                list.iter()
                    .filter_map(|c| c.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default(),
    })
}
