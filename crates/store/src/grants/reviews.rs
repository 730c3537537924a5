//! Grant reviews: opened with a reason (the grant is then under review; one open at a time) and
//! decided — continue, vary or decommission — with reasons and, to decommission, an exit plan.
//! Every step is audited.

use crate::audit;
use crate::db::schema::grant_reviews;
use crate::db::DbConnection;
use crate::error::{StoreError, StoreResult};
use diesel::prelude::*;
use frontline_grants::review::{Decided, Decision, ReviewState};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GrantReview {
    pub id: i32,
    pub grant_id: i32,
    pub opened_on: String,
    pub opened_by: String,
    pub reason: String,
    pub state: ReviewState,
    pub reasons: Option<String>,
    pub decided_by: Option<String>,
    pub decided_on: Option<String>,
}

/// Opens a review of the grant on `today`; refused while one is open, and once it has been
/// decommissioned.
pub fn open(
    conn: &mut DbConnection,
    grant_id: i32,
    reason: &str,
    by: &str,
    today: &str,
) -> StoreResult<()> {
    crate::db::transaction(conn, |conn| {
        let held = of_grant(conn, grant_id)?;
        if held.iter().any(|r| r.state.decommissions()) {
            return Err(StoreError::invalid(
                "reason",
                "this grant has been decommissioned: it cannot be put under review again",
            ));
        }
        if held.iter().any(|r| r.state == ReviewState::Open) {
            return Err(StoreError::invalid(
                "reason",
                "this grant is already under review: decide that review first",
            ));
        }
        diesel::insert_into(grant_reviews::table)
            .values((
                grant_reviews::grant_id.eq(grant_id),
                grant_reviews::opened_on.eq(today),
                grant_reviews::opened_by.eq(by),
                grant_reviews::reason.eq(reason),
            ))
            .execute(conn)
            .map_err(|e| match e {
                diesel::result::Error::DatabaseError(
                    diesel::result::DatabaseErrorKind::UniqueViolation,
                    _,
                ) => StoreError::invalid(
                    "reason",
                    "this grant is already under review: decide that review first",
                ),
                other => other.into(),
            })?;
        audit::record(
            conn,
            audit::Change {
                actor: by,
                action: "grant.review_opened",
                entity: "grant",
                entity_id: grant_id.to_string(),
                reason: Some(reason.to_string()),
                ..Default::default()
            },
        )
    })
}

/// Decides the grant's open review.
pub fn decide(
    conn: &mut DbConnection,
    grant_id: i32,
    decided: &Decided,
    by: &str,
    today: &str,
) -> StoreResult<()> {
    crate::db::transaction(conn, |conn| {
        let Some(open) = of_grant(conn, grant_id)?
            .into_iter()
            .find(|r| r.state == ReviewState::Open)
        else {
            return Err(StoreError::invalid(
                "decision",
                "this grant has no open review: open one first, with its reason",
            ));
        };
        diesel::update(grant_reviews::table.find(open.id))
            .set((
                grant_reviews::decision.eq(decided.decision.as_str()),
                grant_reviews::reasons.eq(&decided.reasons),
                grant_reviews::exit_plan.eq(decided.exit_plan.as_deref()),
                grant_reviews::decided_by.eq(by),
                grant_reviews::decided_on.eq(today),
            ))
            .execute(conn)?;
        audit::record(
            conn,
            audit::Change {
                actor: by,
                action: "grant.review_decided",
                entity: "grant",
                entity_id: grant_id.to_string(),
                after: Some(decided.decision.as_str().to_string()),
                reason: Some(decided.reasons.clone()),
                ..Default::default()
            },
        )
    })
}

type ReviewRow = (
    i32,
    i32,
    String,
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
);

/// The grant's reviews, oldest first.
pub fn of_grant(conn: &mut DbConnection, grant_id: i32) -> StoreResult<Vec<GrantReview>> {
    of_grants(conn, &[grant_id])
}

/// The reviews of `grant_ids`, oldest first.
pub fn of_grants(conn: &mut DbConnection, grant_ids: &[i32]) -> StoreResult<Vec<GrantReview>> {
    let rows: Vec<ReviewRow> = grant_reviews::table
        .filter(grant_reviews::grant_id.eq_any(grant_ids))
        .order(grant_reviews::id)
        .select((
            grant_reviews::id,
            grant_reviews::grant_id,
            grant_reviews::opened_on,
            grant_reviews::opened_by,
            grant_reviews::reason,
            grant_reviews::decision,
            grant_reviews::reasons,
            grant_reviews::exit_plan,
            grant_reviews::decided_by,
            grant_reviews::decided_on,
        ))
        .load(conn)?;
    rows.into_iter()
        .map(
            |(
                id,
                grant_id,
                opened_on,
                opened_by,
                reason,
                decision,
                reasons,
                exit_plan,
                decided_by,
                decided_on,
            )| {
                let state = match decision {
                    None => ReviewState::Open,
                    Some(d) => ReviewState::Decided {
                        decision: Decision::parse(&d)
                            .map_err(|e| StoreError::Task(format!("stored review {id}: {e}")))?,
                        exit_plan,
                    },
                };
                Ok(GrantReview {
                    id,
                    grant_id,
                    opened_on,
                    opened_by,
                    reason,
                    state,
                    reasons,
                    decided_by,
                    decided_on,
                })
            },
        )
        .collect()
}
