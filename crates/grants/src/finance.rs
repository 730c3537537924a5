//! Financial monitoring, in the provider's one-page form: for each grant and period, the budget,
//! the spend and, when they differ, an explanation. The underspend is worked out, never stored.

use crate::error::GrantsError;
use serde::Serialize;

/// Explanations are short: a paragraph, not a report.
pub const MOST_EXPLANATION_CHARS: usize = 2_000;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FinanceReturn {
    pub budget_pence: i64,
    pub spend_pence: i64,
    /// Why spend differs from budget; required when it does.
    pub explanation: Option<String>,
}

impl FinanceReturn {
    /// Checks a return: amounts not negative, an explanation when spend differs from budget
    /// (trimmed; control characters dropped; at most [`MOST_EXPLANATION_CHARS`]).
    pub fn new(
        budget_pence: i64,
        spend_pence: i64,
        explanation: &str,
    ) -> Result<Self, GrantsError> {
        if budget_pence < 0 {
            return Err(GrantsError::invalid(
                "budget",
                "give an amount of 0 or more",
            ));
        }
        if spend_pence < 0 {
            return Err(GrantsError::invalid("spend", "give an amount of 0 or more"));
        }
        let explanation: String = explanation
            .chars()
            .filter(|c| !c.is_control() || *c == '\n')
            .collect::<String>()
            .trim()
            .to_string();
        if explanation.chars().count() > MOST_EXPLANATION_CHARS {
            return Err(GrantsError::invalid(
                "explanation",
                format!("keep it to {MOST_EXPLANATION_CHARS} characters"),
            ));
        }
        if spend_pence != budget_pence && explanation.is_empty() {
            let what = if spend_pence < budget_pence {
                "underspend"
            } else {
                "overspend"
            };
            return Err(GrantsError::invalid(
                "explanation",
                format!("spend differs from the budget: explain the {what}"),
            ));
        }
        Ok(Self {
            budget_pence,
            spend_pence,
            explanation: (!explanation.is_empty()).then_some(explanation),
        })
    }

    /// Checks the return against its grant: a period's budget or spend is never more than the
    /// grant gives in a whole year.
    pub fn within(self, annual_pence: i64) -> Result<Self, GrantsError> {
        let most = survey_engine::money::display(annual_pence);
        for (field, pence) in [("budget", self.budget_pence), ("spend", self.spend_pence)] {
            if pence > annual_pence {
                return Err(GrantsError::invalid(
                    field,
                    format!("the {field} is more than the grant gives in a whole year ({most})"),
                ));
            }
        }
        Ok(self)
    }

    /// Budget less spend: negative for an overspend.
    pub fn underspend_pence(&self) -> i64 {
        self.budget_pence - self.spend_pence
    }

    /// Spend as a percentage of budget; none for a budget of nothing.
    pub fn pct_spent(&self) -> Option<f64> {
        (self.budget_pence > 0).then(|| 100.0 * self.spend_pence as f64 / self.budget_pence as f64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_difference_needs_an_explanation_and_the_underspend_is_worked_out() {
        let on_budget = FinanceReturn::new(30_000 * 100, 30_000 * 100, "").expect("on budget");
        assert_eq!(on_budget.underspend_pence(), 0);
        assert_eq!(on_budget.explanation, None);
        let under = FinanceReturn::new(30_000 * 100, 24_500 * 100, "");
        assert_eq!(
            under.expect_err("unexplained").to_string(),
            "explanation: spend differs from the budget: explain the underspend"
        );
        let under = FinanceReturn::new(30_000 * 100, 24_500 * 100, " A vacant Isva post\u{7} ")
            .expect("explained");
        assert_eq!(under.underspend_pence(), 5_500 * 100);
        assert_eq!(under.explanation.as_deref(), Some("A vacant Isva post"));
        assert!(FinanceReturn::new(-1, 0, "").is_err());
        assert_eq!(
            FinanceReturn::new(40_000 * 100, 40_000 * 100, "")
                .and_then(|f| f.within(30_000 * 100))
                .expect_err("more than a year")
                .to_string(),
            "budget: the budget is more than the grant gives in a whole year (£30,000.00)"
        );
        assert!(FinanceReturn::new(100, 120, "")
            .expect_err("over")
            .to_string()
            .ends_with("explain the overspend"));
    }
}
