//! Spend and victims engaged counted over the same periods — those for which spending was
//! returned — so a cost per victim never divides one stretch of time's money by another's people.

use crate::finance::FinanceReturn;
use std::collections::{BTreeMap, BTreeSet};

/// What was spent over the periods of a window that have a financial return, and which they are.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outlay {
    /// The periods counted: those of the window with spending returned.
    pub periods: BTreeSet<String>,
    pub spend_pence: i64,
}

impl Outlay {
    /// A grant's outlay over `window` (period names), from its financial returns by period.
    pub fn of_grant<'a>(
        window: impl IntoIterator<Item = &'a String>,
        returns: &BTreeMap<String, FinanceReturn>,
    ) -> Outlay {
        let mut out = Outlay::default();
        for period in window {
            if let Some(f) = returns.get(period) {
                out.periods.insert(period.clone());
                out.spend_pence = out.spend_pence.saturating_add(f.spend_pence);
            }
        }
        out
    }

    /// Adds another grant's outlay for the same service: the spends add up and victims are
    /// counted over every period either covers.
    pub fn add(&mut self, other: Outlay) {
        self.spend_pence = self.spend_pence.saturating_add(other.spend_pence);
        self.periods.extend(other.periods);
    }

    /// Victims engaged over the counted periods, from the service's engaged count by period;
    /// with how many periods had a return (none: `None`, nothing to divide by).
    pub fn engaged(&self, engaged_in: impl Fn(&str) -> Option<i64>) -> Option<(usize, i64)> {
        let made: Vec<i64> = self.periods.iter().filter_map(|p| engaged_in(p)).collect();
        (!made.is_empty()).then(|| (made.len(), made.iter().sum()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spent(pence: i64) -> FinanceReturn {
        FinanceReturn {
            budget_pence: pence,
            spend_pence: pence,
            explanation: None,
        }
    }

    #[test]
    fn victims_are_counted_only_in_periods_with_spending_returned() {
        let window: Vec<String> = ["2024-Q1", "2024-Q2", "2024-Q3"].map(String::from).into();
        let returns = BTreeMap::from([
            ("2024-Q1".to_string(), spent(1_000 * 100)),
            ("2024-Q3".to_string(), spent(3_000 * 100)),
            ("2023-Q4".to_string(), spent(9_000 * 100)),
        ]);
        let outlay = Outlay::of_grant(&window, &returns);
        assert_eq!(outlay.spend_pence, 4_000 * 100);
        let engaged = |p: &str| match p {
            "2024-Q1" => Some(10),
            "2024-Q2" => Some(500),
            "2024-Q3" => Some(30),
            _ => None,
        };
        // Q2's 500 victims are not set against spending nobody returned.
        assert_eq!(outlay.engaged(engaged), Some((2, 40)));
        assert_eq!(Outlay::default().engaged(engaged), None);
    }

    #[test]
    fn two_grants_of_one_service_count_victims_once_per_period() {
        let window: Vec<String> = ["2024-Q1", "2024-Q2"].map(String::from).into();
        let a = BTreeMap::from([("2024-Q1".to_string(), spent(100))]);
        let b = BTreeMap::from([
            ("2024-Q1".to_string(), spent(200)),
            ("2024-Q2".to_string(), spent(400)),
        ]);
        let mut outlay = Outlay::of_grant(&window, &a);
        outlay.add(Outlay::of_grant(&window, &b));
        assert_eq!(outlay.spend_pence, 700);
        assert_eq!(outlay.engaged(|_| Some(5)), Some((2, 10)));
    }
}
