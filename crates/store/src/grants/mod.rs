//! A programme's grant agreements: imported all or nothing (a reference already in the programme
//! has its terms and KPIs replaced; its financial returns and reviews stay), read back as the
//! domain's terms; with their financial returns, reviews and sub-contracted partners.

pub mod finance;
pub mod reviews;
pub mod subcontracts;

use crate::audit;
use crate::clock;
use crate::db::schema::{grant_kpis, grants};
use crate::db::DbConnection;
use crate::error::{StoreError, StoreResult};
use diesel::prelude::*;
use frontline_grants::kpi::{Kpi, KpiMetric, KpiRule};
use frontline_grants::GrantTerms;
use frontline_provision::Day;
use serde::Serialize;

/// A stored grant: its id and programme, the police force area of the commissioner holding it,
/// and its terms.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredGrant {
    pub id: i32,
    pub programme_id: String,
    pub commissioned_in: String,
    pub terms: GrantTerms,
}

/// A grant to store: its terms and the area of the commissioner holding it.
pub struct NewGrant<'a> {
    pub terms: &'a GrantTerms,
    pub commissioned_in: &'a str,
}

/// How an import went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Imported {
    pub added: usize,
    pub replaced: usize,
}

/// Stores `given` in `programme` in one transaction with its audit record. Which grants the
/// importer may replace is the caller's to decide.
pub fn import(
    conn: &mut DbConnection,
    programme: &str,
    given: &[NewGrant<'_>],
    actor: &str,
) -> StoreResult<Imported> {
    let now = clock::now();
    crate::db::transaction(conn, |conn| {
        let mut done = Imported {
            added: 0,
            replaced: 0,
        };
        for NewGrant {
            terms: g,
            commissioned_in,
        } in given
        {
            let existing: Option<i32> = grants::table
                .filter(grants::programme_id.eq(programme))
                .filter(grants::grant_ref.eq(&g.grant_ref))
                .select(grants::id)
                .first(conn)
                .optional()?;
            let values = (
                grants::service_id.eq(g.service_id),
                grants::start_on.eq(g.start.to_string()),
                grants::end_on.eq(g.end.to_string()),
                grants::annual_pence.eq(g.annual_pence),
                grants::notice_months.eq(g.notice_months as i32),
                grants::imported_by.eq(actor),
                grants::imported_at.eq(now.as_str()),
            );
            let id = match existing {
                Some(id) => {
                    diesel::update(grants::table.find(id))
                        .set(values)
                        .execute(conn)?;
                    diesel::delete(grant_kpis::table.filter(grant_kpis::grant_id.eq(id)))
                        .execute(conn)?;
                    done.replaced += 1;
                    id
                }
                None => {
                    let id = diesel::insert_into(grants::table)
                        .values((
                            grants::programme_id.eq(programme),
                            grants::grant_ref.eq(&g.grant_ref),
                            grants::commissioned_in.eq(*commissioned_in),
                            values,
                        ))
                        .returning(grants::id)
                        .get_result(conn)?;
                    done.added += 1;
                    id
                }
            };
            for kpi in &g.kpis {
                diesel::insert_into(grant_kpis::table)
                    .values((
                        grant_kpis::grant_id.eq(id),
                        grant_kpis::metric.eq(kpi.metric.name()),
                        grant_kpis::rule.eq(kpi.rule.as_str()),
                        grant_kpis::target.eq(kpi.target),
                    ))
                    .execute(conn)?;
            }
        }
        audit::record(
            conn,
            audit::Change {
                actor,
                action: "grants.imported",
                entity: "programme",
                entity_id: programme.to_string(),
                after: Some(format!(
                    "{} grant(s): {} added, {} replaced",
                    given.len(),
                    done.added,
                    done.replaced
                )),
                ..Default::default()
            },
        )?;
        Ok(done)
    })
}

type GrantRow = (i32, String, i32, String, String, String, String, i64, i32);

/// The programme's grants, by reference.
pub fn for_programme(conn: &mut DbConnection, programme: &str) -> StoreResult<Vec<StoredGrant>> {
    let rows: Vec<GrantRow> = grants::table
        .filter(grants::programme_id.eq(programme))
        .order(grants::grant_ref)
        .select(columns())
        .load(conn)?;
    with_kpis(conn, rows)
}

/// Every grant funding `service_id`, whichever programme holds it.
pub fn for_service(conn: &mut DbConnection, service_id: i32) -> StoreResult<Vec<StoredGrant>> {
    let rows: Vec<GrantRow> = grants::table
        .filter(grants::service_id.eq(service_id))
        .order((grants::programme_id, grants::grant_ref))
        .select(columns())
        .load(conn)?;
    with_kpis(conn, rows)
}

/// Every grant of every programme.
pub fn all(conn: &mut DbConnection) -> StoreResult<Vec<StoredGrant>> {
    let rows: Vec<GrantRow> = grants::table
        .order((grants::programme_id, grants::grant_ref))
        .select(columns())
        .load(conn)?;
    with_kpis(conn, rows)
}

/// The programme's grant `grant_ref`.
pub fn by_ref(
    conn: &mut DbConnection,
    programme: &str,
    grant_ref: &str,
) -> StoreResult<StoredGrant> {
    let rows: Vec<GrantRow> = grants::table
        .filter(grants::programme_id.eq(programme))
        .filter(grants::grant_ref.eq(grant_ref))
        .select(columns())
        .load(conn)?;
    with_kpis(conn, rows)?.into_iter().next().ok_or_else(|| {
        StoreError::NotFound(format!("grant '{grant_ref}' of programme '{programme}'"))
    })
}

#[allow(clippy::type_complexity)]
fn columns() -> (
    grants::id,
    grants::programme_id,
    grants::service_id,
    grants::commissioned_in,
    grants::grant_ref,
    grants::start_on,
    grants::end_on,
    grants::annual_pence,
    grants::notice_months,
) {
    (
        grants::id,
        grants::programme_id,
        grants::service_id,
        grants::commissioned_in,
        grants::grant_ref,
        grants::start_on,
        grants::end_on,
        grants::annual_pence,
        grants::notice_months,
    )
}

fn with_kpis(conn: &mut DbConnection, rows: Vec<GrantRow>) -> StoreResult<Vec<StoredGrant>> {
    let ids: Vec<i32> = rows.iter().map(|r| r.0).collect();
    let kpis: Vec<(i32, String, String, f64)> = grant_kpis::table
        .filter(grant_kpis::grant_id.eq_any(&ids))
        .order((grant_kpis::grant_id, grant_kpis::metric))
        .select((
            grant_kpis::grant_id,
            grant_kpis::metric,
            grant_kpis::rule,
            grant_kpis::target,
        ))
        .load(conn)?;
    let stored = |what: &str, e: String| StoreError::Task(format!("stored grant {what}: {e}"));
    rows.into_iter()
        .map(
            |(
                id,
                programme_id,
                service_id,
                commissioned_in,
                grant_ref,
                start,
                end,
                annual_pence,
                notice,
            )| {
                let mut own = Vec::new();
                for (_, metric, rule, target) in kpis.iter().filter(|k| k.0 == id) {
                    own.push(Kpi {
                        metric: KpiMetric::parse(metric).map_err(|e| stored("KPI", e))?,
                        rule: KpiRule::parse(rule).map_err(|e| stored("KPI rule", e))?,
                        target: *target,
                    });
                }
                Ok(StoredGrant {
                    id,
                    programme_id,
                    commissioned_in,
                    terms: GrantTerms {
                        service_id,
                        start: Day::parse(&start).map_err(|e| stored("start", e))?,
                        end: Day::parse(&end).map_err(|e| stored("end", e))?,
                        grant_ref,
                        annual_pence,
                        notice_months: u32::try_from(notice).unwrap_or(0),
                        kpis: own,
                    },
                })
            },
        )
        .collect()
}
