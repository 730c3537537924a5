//! Reviewing a grant and leaving it: a review is opened (the grant is then under review) and
//! decided — continue, vary or decommission — with reasons; decommissioning needs an exit plan
//! and gives the grant's notice, so it ends no sooner than the notice allows.

use crate::error::GrantsError;
use frontline_provision::Day;
use serde::Serialize;
use std::fmt;

/// What a review decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    Continue,
    Vary,
    Decommission,
}

impl Decision {
    pub const ALL: [Decision; 3] = [Decision::Continue, Decision::Vary, Decision::Decommission];

    pub fn parse(given: &str) -> Result<Self, String> {
        Decision::ALL
            .into_iter()
            .find(|d| d.as_str() == given.trim())
            .ok_or_else(|| format!("'{}' is not continue, vary or decommission", given.trim()))
    }

    pub fn as_str(&self) -> &'static str {
        match self {
            Decision::Continue => "continue",
            Decision::Vary => "vary",
            Decision::Decommission => "decommission",
        }
    }

    pub fn label(&self) -> &'static str {
        match self {
            Decision::Continue => "Continue as agreed",
            Decision::Vary => "Vary the agreement",
            Decision::Decommission => "Decommission (with notice and an exit plan)",
        }
    }
}

impl fmt::Display for Decision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a review stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum ReviewState {
    /// Opened, not yet decided: the grant is under review.
    Open,
    Decided {
        decision: Decision,
        /// For a decommissioning: how the service's clients will be supported through its end.
        exit_plan: Option<String>,
    },
}

impl ReviewState {
    /// Whether the review decided to decommission the grant.
    pub fn decommissions(&self) -> bool {
        matches!(
            self,
            ReviewState::Decided {
                decision: Decision::Decommission,
                ..
            }
        )
    }
}

/// A decision as given, checked: reasons always; an exit plan to decommission.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decided {
    pub decision: Decision,
    pub reasons: String,
    pub exit_plan: Option<String>,
}

/// Text a reviewer types: control characters dropped, trimmed, at most 4,000 characters.
fn text(field: &str, given: &str) -> Result<String, GrantsError> {
    let cleaned: String = given
        .chars()
        .filter(|c| !c.is_control() || *c == '\n')
        .collect::<String>()
        .trim()
        .to_string();
    if cleaned.chars().count() > 4_000 {
        return Err(GrantsError::invalid(field, "keep it to 4,000 characters"));
    }
    Ok(cleaned)
}

/// The reason a review is opened (a missed KPI, an underspend, the end approaching…).
pub fn opening_reason(given: &str) -> Result<String, GrantsError> {
    let reason = text("reason", given)?;
    if reason.is_empty() {
        return Err(GrantsError::invalid(
            "reason",
            "say why the grant is under review (e.g. a KPI missed two quarters running)",
        ));
    }
    Ok(reason)
}

impl Decided {
    pub fn new(decision: &str, reasons: &str, exit_plan: &str) -> Result<Self, GrantsError> {
        let decision =
            Decision::parse(decision).map_err(|p| GrantsError::invalid("decision", p))?;
        let reasons = text("reasons", reasons)?;
        if reasons.is_empty() {
            return Err(GrantsError::invalid(
                "reasons",
                "give the reasons for the decision",
            ));
        }
        let exit_plan = text("exit_plan", exit_plan)?;
        if decision == Decision::Decommission && exit_plan.is_empty() {
            return Err(GrantsError::invalid(
                "exit_plan",
                "decommissioning needs an exit plan: how clients are supported or handed on before the grant ends",
            ));
        }
        Ok(Self {
            decision,
            reasons,
            exit_plan: (!exit_plan.is_empty()).then_some(exit_plan),
        })
    }
}

/// The earliest a grant decommissioned on `decided_on` can end: its notice period later, and not
/// after its own end.
pub fn earliest_end(decided_on: Day, notice_months: u32, grant_end: Day) -> Day {
    decided_on.plus_months(notice_months).min(grant_end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_decision_needs_reasons_and_decommissioning_an_exit_plan() {
        assert_eq!(
            Decided::new("stop", "x", "")
                .expect_err("unknown")
                .to_string(),
            "decision: 'stop' is not continue, vary or decommission"
        );
        assert!(Decided::new("continue", "  ", "")
            .expect_err("no reasons")
            .to_string()
            .starts_with("reasons:"));
        assert!(
            Decided::new("decommission", "Outcomes below target for a year", "")
                .expect_err("no plan")
                .to_string()
                .starts_with("exit_plan: decommissioning needs an exit plan")
        );
        let d = Decided::new("vary", "Waiting list target eased", "").expect("decided");
        assert_eq!(d.decision, Decision::Vary);
        assert_eq!(d.exit_plan, None);
        assert!(opening_reason(" ").is_err());
        let day = |d: &str| Day::parse(d).expect("day");
        assert_eq!(
            earliest_end(day("2026-01-15"), 3, day("2027-03-31")).to_string(),
            "2026-04-15"
        );
        assert_eq!(
            earliest_end(day("2027-02-01"), 3, day("2027-03-31")).to_string(),
            "2027-03-31"
        );
    }
}
