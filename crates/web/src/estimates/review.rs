//! PCC review of provisional figures: a reviewer sees only their own areas and confirms or
//! proposes a revision (per service or per area) with a reason; the survey team accepts or
//! rejects each revision. Every step is audited, and so is any attempt outside the reviewer's areas.

use super::freeze::ensure_estimating;
use super::roll_forward::check_fte;
use crate::db::DbConnection;
use crate::error::{AppError, AppResult};
use crate::store::accounts::Account;
use crate::store::cycles::Cycle;
use crate::store::reviews::{self, NewReview, Proposed};
use crate::store::states::{ReviewAction, ReviewStatus, Role};
use crate::store::{audit, services};

/// A reviewer's confirmation or proposed revision.
pub struct Submitted<'a> {
    pub pfa: &'a str,
    /// None for the area as a whole.
    pub service_id: Option<i32>,
    pub action: ReviewAction,
    pub reason: &'a str,
    pub proposed: Option<Proposed>,
}

pub fn submit(
    conn: &mut DbConnection,
    cycle: &Cycle,
    account: &Account,
    s: Submitted<'_>,
) -> AppResult<i32> {
    ensure_estimating(cycle)?;
    crate::access::authorize(conn, account, s.pfa, "review")?;
    if let Some(id) = s.service_id {
        let service = services::get(conn, id)?;
        if !service.areas.iter().any(|a| a == s.pfa) {
            return Err(AppError::invalid(
                "service",
                format!("{} does not work in {}", service.name, s.pfa),
            ));
        }
    }
    let proposed = match s.action {
        ReviewAction::Confirm => None,
        ReviewAction::Revise => {
            let p = s
                .proposed
                .ok_or_else(|| AppError::invalid("idva_fte", "give the figures you propose"))?;
            check_fte("idva_fte", p.idva_fte)?;
            check_fte("idva_high_risk_fte", p.idva_high_risk_fte)?;
            if p.idva_high_risk_fte > p.idva_fte {
                return Err(AppError::invalid(
                    "idva_high_risk_fte",
                    "cannot be more than the Idva FTE",
                ));
            }
            if s.reason.trim().is_empty() {
                return Err(AppError::invalid(
                    "reason",
                    "say why the figures should change",
                ));
            }
            Some(p)
        }
    };
    let reviewer = account.display_name();
    frontline_store::db::transaction(conn, |conn| {
        let id = reviews::insert(
            conn,
            NewReview {
                cycle_id: cycle.id,
                pfa_code: s.pfa,
                service_id: s.service_id,
                reviewer: &reviewer,
                action: s.action,
                reason: s.reason.trim(),
                proposed,
            },
        )?;
        audit::record(
            conn,
            audit::Change {
                actor: &account.email,
                action: if s.action == ReviewAction::Confirm {
                    "review.confirmed"
                } else {
                    "review.proposed"
                },
                entity: "pcc_review",
                entity_id: id.to_string(),
                before: None,
                after: proposed.map(|p| {
                    format!(
                        "{:.2} FTE Idvas, {:.2} high-risk",
                        p.idva_fte, p.idva_high_risk_fte
                    )
                }),
                reason: Some(format!(
                    "{} {}: {}",
                    s.pfa,
                    s.service_id
                        .map_or("area".to_string(), |i| format!("service {i}")),
                    s.reason.trim()
                )),
            },
        )?;
        Ok(id)
    })
}

/// The survey team accepts or rejects a pending revision.
pub fn decide(
    conn: &mut DbConnection,
    cycle: &Cycle,
    review_id: i32,
    accept: bool,
    actor: &Account,
    reason: &str,
) -> AppResult<()> {
    ensure_estimating(cycle)?;
    if !matches!(actor.role, Role::Admin | Role::Analyst) {
        return Err(AppError::Forbidden(
            "only the survey team decides on revisions".into(),
        ));
    }
    let review = reviews::get(conn, review_id)?;
    if review.cycle_id != cycle.id {
        return Err(AppError::NotFound(format!(
            "review {review_id} in {}",
            cycle.year
        )));
    }
    let status = if accept {
        ReviewStatus::Accepted
    } else {
        ReviewStatus::Rejected
    };
    frontline_store::db::transaction(conn, |conn| {
        if !reviews::decide(conn, review_id, status, &actor.email, reason.trim())? {
            return Err(AppError::invalid(
                "review",
                format!("review {review_id} has already been decided"),
            ));
        }
        Ok(audit::record(
            conn,
            audit::Change {
                actor: &actor.email,
                action: if accept {
                    "review.accepted"
                } else {
                    "review.rejected"
                },
                entity: "pcc_review",
                entity_id: review_id.to_string(),
                before: Some("pending".into()),
                after: Some(status.to_string()),
                reason: Some(reason.trim().to_string()).filter(|r| !r.is_empty()),
            },
        )?)
    })
}
