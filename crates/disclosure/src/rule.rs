//! The one suppression rule: counts of people from 1 up to (not including) the threshold are
//! hidden; zero is shown.

use crate::error::DisclosureError;
use std::fmt;
use std::str::FromStr;

/// What a suppressed cell shows, in every format (the ONS convention for "confidential").
pub const SUPPRESSED: &str = "[c]";

/// Counts `1..threshold` are suppressed. A threshold of 1 suppresses nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SuppressionRule {
    threshold: u32,
}

impl SuppressionRule {
    pub const DEFAULT_THRESHOLD: u32 = 5;

    pub fn new(threshold: u32) -> Result<Self, DisclosureError> {
        if (1..=100).contains(&threshold) {
            Ok(Self { threshold })
        } else {
            Err(DisclosureError::BadThreshold(threshold.to_string()))
        }
    }

    pub fn threshold(&self) -> u32 {
        self.threshold
    }

    /// How wide the interval of possible values of every hidden small count must stay:
    /// `threshold − 1`, and at least 1.
    ///
    /// A reader who sees [`SUPPRESSED`] can combine everything published with it (the totals,
    /// the other tables sharing its cells, the fact that counts are whole, not negative and, where
    /// zero is shown, at least 1) and work out the smallest and largest value the hidden cell
    /// can take. A small count lies in `1..=threshold−1`, a range of width `threshold − 2`; the
    /// reader's interval must be wider than that (`upper − lower ≥ threshold − 1`, so at least
    /// `threshold` whole numbers), so that it never confines the cell more tightly than the
    /// rule itself already does when it says "a small count". With the default threshold of 5,
    /// a hidden count can never be narrowed to fewer than 5 possible values. The floor of 1
    /// (threshold 2, or 1) still means no hidden cell is ever worked out exactly; an interval
    /// with no upper end always meets the level.
    pub fn protection_level(&self) -> u32 {
        self.threshold.saturating_sub(1).max(1)
    }

    /// Whether a count is small enough to identify people.
    pub fn is_small(&self, count: i64) -> bool {
        count >= 1 && count < i64::from(self.threshold)
    }

    /// The rule in words, for notes beside every table it applies to.
    pub fn describe(&self) -> String {
        match self.threshold {
            1 => "No counts are suppressed.".to_string(),
            2 => format!(
                "Counts of 1 person are shown as {SUPPRESSED}, as are other cells that would reveal them."
            ),
            t => format!(
                "Counts of 1 to {} people are shown as {SUPPRESSED}, as are other cells that would reveal them from a total; zero is shown.",
                t - 1
            ),
        }
    }
}

impl Default for SuppressionRule {
    fn default() -> Self {
        Self {
            threshold: Self::DEFAULT_THRESHOLD,
        }
    }
}

impl FromStr for SuppressionRule {
    type Err = DisclosureError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t: u32 = s
            .trim()
            .parse()
            .map_err(|_| DisclosureError::BadThreshold(s.trim().to_string()))?;
        Self::new(t)
    }
}

impl fmt::Display for SuppressionRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "counts 1-{} suppressed",
            self.threshold.saturating_sub(1)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_hides_one_to_four_and_shows_zero() {
        let rule = SuppressionRule::default();
        assert!(!rule.is_small(0));
        assert!(rule.is_small(1) && rule.is_small(4));
        assert!(!rule.is_small(5));
        assert!(rule.describe().contains("1 to 4"));
    }

    #[test]
    fn protection_level_is_threshold_less_one_at_least_one() {
        assert_eq!(SuppressionRule::default().protection_level(), 4);
        assert_eq!(SuppressionRule::new(10).unwrap().protection_level(), 9);
        assert_eq!(SuppressionRule::new(2).unwrap().protection_level(), 1);
        assert_eq!(SuppressionRule::new(1).unwrap().protection_level(), 1);
    }

    #[test]
    fn threshold_is_checked() {
        assert!(SuppressionRule::new(0).is_err());
        assert_eq!(
            "ten".parse::<SuppressionRule>().unwrap_err().to_string(),
            "suppression threshold: ten is not a whole number from 1 to 100"
        );
        assert!(!"1".parse::<SuppressionRule>().unwrap().is_small(1));
    }
}
