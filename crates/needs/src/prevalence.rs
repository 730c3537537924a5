//! National prevalence rates as per-cycle parameters, each with its source and year, applied to
//! an area's population to estimate the people affected. Defaults exist only for the rates the
//! reference material gives; any other rate is entered by the team with its source, never made
//! up.

use crate::population::Population;
use crate::NeedsError;
use serde::{Deserialize, Serialize};

/// Which part of an area's population a rate applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AppliesTo {
    #[serde(rename = "women_16_plus")]
    Women16Plus,
    #[serde(rename = "men_16_plus")]
    Men16Plus,
    #[serde(rename = "adults_16_plus")]
    Adults16Plus,
}

impl AppliesTo {
    pub const ALL: [AppliesTo; 3] = [
        AppliesTo::Women16Plus,
        AppliesTo::Men16Plus,
        AppliesTo::Adults16Plus,
    ];

    /// As stored and given on the command line.
    pub fn code(self) -> &'static str {
        match self {
            AppliesTo::Women16Plus => "women_16_plus",
            AppliesTo::Men16Plus => "men_16_plus",
            AppliesTo::Adults16Plus => "adults_16_plus",
        }
    }

    /// From its code; the error lists the codes allowed.
    pub fn parse(text: &str) -> Result<Self, String> {
        Self::ALL
            .into_iter()
            .find(|a| a.code() == text.trim())
            .ok_or_else(|| {
                let codes: Vec<&str> = Self::ALL.iter().map(|a| a.code()).collect();
                format!("'{}' is not one of {}", text.trim(), codes.join(", "))
            })
    }

    pub fn of(self, p: &Population) -> u64 {
        match self {
            AppliesTo::Women16Plus => p.females_16_plus,
            AppliesTo::Men16Plus => p.males_16_plus,
            AppliesTo::Adults16Plus => p.adults(),
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            AppliesTo::Women16Plus => "women aged 16 and over",
            AppliesTo::Men16Plus => "men aged 16 and over",
            AppliesTo::Adults16Plus => "adults aged 16 and over",
        }
    }
}

/// One rate: a share of a population, with where it comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rate {
    /// Stable id, e.g. `sexual_assault_last_year_women`.
    pub id: String,
    pub label: String,
    pub applies_to: AppliesTo,
    /// Per cent, e.g. 2.9.
    pub percent: f64,
    pub source: String,
}

impl Rate {
    /// Checks the rate is a percentage and names its source.
    pub fn check(&self) -> Result<(), NeedsError> {
        let problem = |p: &str| NeedsError::Rate {
            id: self.id.clone(),
            problem: p.to_string(),
        };
        if !(0.0..=100.0).contains(&self.percent) || !self.percent.is_finite() {
            return Err(problem("the rate must be a percentage from 0 to 100"));
        }
        if self.source.trim().is_empty() {
            return Err(problem("every rate needs its source and year"));
        }
        Ok(())
    }

    /// Estimated people affected in a population, to the nearest person.
    pub fn estimate(&self, p: &Population) -> u64 {
        (self.applies_to.of(p) as f64 * self.percent / 100.0).round() as u64
    }
}

/// Where the default rates come from.
pub const CSEW_SOURCE: &str = "Crime Survey for England and Wales, as quoted in the Home Office VAWG commissioning toolkit (2022)";

/// The rates the reference material gives, as a cycle's starting parameters.
pub fn defaults() -> Vec<Rate> {
    let rate = |id: &str, label: &str, applies_to, percent| Rate {
        id: id.into(),
        label: label.into(),
        applies_to,
        percent,
        source: CSEW_SOURCE.into(),
    };
    vec![
        rate(
            "sexual_assault_last_year_women",
            "Women sexually assaulted in the last year",
            AppliesTo::Women16Plus,
            2.9,
        ),
        rate(
            "sexual_assault_last_year_men",
            "Men sexually assaulted in the last year",
            AppliesTo::Men16Plus,
            0.7,
        ),
        rate(
            "domestic_abuse_since_16_women",
            "Women who have experienced domestic abuse since age 16",
            AppliesTo::Women16Plus,
            27.0,
        ),
        rate(
            "domestic_abuse_since_16_men",
            "Men who have experienced domestic abuse since age 16",
            AppliesTo::Men16Plus,
            14.0,
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_sourced_and_estimates_round_to_people() {
        let kent = Population {
            females_16_plus: 769_600,
            males_16_plus: 742_000,
            children_0_15: 330_000,
        };
        let rates = defaults();
        assert!(rates.iter().all(|r| r.check().is_ok()));
        assert_eq!(rates[0].estimate(&kent), 22_318, "2.9% of 769,600");
        assert_eq!(rates[1].estimate(&kent), 5_194, "0.7% of 742,000");
        let unsourced = Rate {
            source: " ".into(),
            ..rates[0].clone()
        };
        assert_eq!(
            unsourced.check().expect_err("refused").to_string(),
            "rate sexual_assault_last_year_women: every rate needs its source and year"
        );
    }
}
