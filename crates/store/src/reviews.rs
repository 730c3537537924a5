//! PCC offices' confirmations of, and proposed revisions to, a cycle's provisional figures, and
//! the survey team's decisions on them.

use crate::clock;
use crate::clock::Timestamp;
use crate::db::schema::pcc_reviews;
use crate::db::DbConnection;
use crate::error::{StoreError, StoreResult};
use crate::states::{ReviewAction, ReviewStatus};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = pcc_reviews)]
pub struct Review {
    pub id: i32,
    pub cycle_id: i32,
    pub pfa_code: String,
    /// None when the review is of the area as a whole.
    pub service_id: Option<i32>,
    /// The reviewer's office (or name), as shown in provenance.
    pub reviewer: String,
    pub action: ReviewAction,
    pub reason: String,
    /// For a revision: the proposed figures, JSON [`Proposed`].
    pub proposed: Option<String>,
    /// Confirmations need no decision and are accepted.
    pub status: ReviewStatus,
    pub decided_by: Option<String>,
    pub decided_at: Option<Timestamp>,
    pub created_at: Timestamp,
    pub decision_reason: Option<String>,
}

/// The Idva figures a revision proposes: for a service, its whole-service FTE; for an area, the
/// area's total.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Proposed {
    pub idva_fte: f64,
    pub idva_high_risk_fte: f64,
}

impl Review {
    pub fn proposed(&self) -> Option<Proposed> {
        self.proposed
            .as_deref()
            .and_then(|p| serde_json::from_str(p).ok())
    }
}

pub struct NewReview<'a> {
    pub cycle_id: i32,
    pub pfa_code: &'a str,
    pub service_id: Option<i32>,
    pub reviewer: &'a str,
    pub action: ReviewAction,
    pub reason: &'a str,
    pub proposed: Option<Proposed>,
}

pub fn insert(conn: &mut DbConnection, new: NewReview<'_>) -> StoreResult<i32> {
    let proposed = new
        .proposed
        .map(|p| serde_json::to_string(&p))
        .transpose()
        .map_err(|e| StoreError::invalid("proposed", e.to_string()))?;
    let status = match new.action {
        ReviewAction::Confirm => ReviewStatus::Accepted,
        ReviewAction::Revise => ReviewStatus::Pending,
    };
    Ok(diesel::insert_into(pcc_reviews::table)
        .values((
            pcc_reviews::cycle_id.eq(new.cycle_id),
            pcc_reviews::pfa_code.eq(new.pfa_code),
            pcc_reviews::service_id.eq(new.service_id),
            pcc_reviews::reviewer.eq(new.reviewer),
            pcc_reviews::action.eq(new.action),
            pcc_reviews::reason.eq(new.reason),
            pcc_reviews::proposed.eq(proposed),
            pcc_reviews::status.eq(status),
            pcc_reviews::created_at.eq(clock::now()),
        ))
        .returning(pcc_reviews::id)
        .get_result(conn)?)
}

pub fn get(conn: &mut DbConnection, id: i32) -> StoreResult<Review> {
    pcc_reviews::table
        .find(id)
        .select(Review::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| StoreError::NotFound(format!("review {id}")))
}

pub fn for_cycle(conn: &mut DbConnection, cycle_id: i32) -> StoreResult<Vec<Review>> {
    Ok(pcc_reviews::table
        .filter(pcc_reviews::cycle_id.eq(cycle_id))
        .order(pcc_reviews::id)
        .select(Review::as_select())
        .load(conn)?)
}

/// Records the team's decision on a pending revision; false if it was no longer pending.
pub fn decide(
    conn: &mut DbConnection,
    id: i32,
    status: ReviewStatus,
    decided_by: &str,
    reason: &str,
) -> StoreResult<bool> {
    let changed = diesel::update(
        pcc_reviews::table
            .find(id)
            .filter(pcc_reviews::status.eq(ReviewStatus::Pending)),
    )
    .set((
        pcc_reviews::status.eq(status),
        pcc_reviews::decided_by.eq(decided_by),
        pcc_reviews::decided_at.eq(clock::now()),
        pcc_reviews::decision_reason.eq(reason),
    ))
    .execute(conn)?;
    Ok(changed == 1)
}
