//! A grant's key performance indicators: a VFS core metric or outcome rate, a rule (at least or
//! at most) and a target for each reporting period; and how a period's return meets it.

use crate::error::GrantsError;
use frontline_returns::metrics::{metric, Measure, Metric, Outcome, OUTCOMES};
use frontline_returns::ReturnFigures;
use serde::Serialize;
use std::fmt;

/// What a KPI measures: a column of the VFS return, or an outcome rate (the share of those asked
/// who reported improvement, computed from the return's two counts).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KpiMetric {
    Column(&'static Metric),
    OutcomeRate(&'static Outcome),
}

/// An outcome rate's name in a KPI: `coped_rate`, `informed_rate`, …
fn rate_name(outcome: &Outcome) -> String {
    format!("{}_rate", outcome.name)
}

impl KpiMetric {
    /// A VFS core-metric column (required or optional) or an outcome rate (`coped_rate`, …).
    pub fn parse(given: &str) -> Result<Self, String> {
        let given = given.trim();
        if let Some(m) = metric(given) {
            return Ok(KpiMetric::Column(m));
        }
        OUTCOMES
            .iter()
            .find(|o| rate_name(o) == given)
            .map(KpiMetric::OutcomeRate)
            .ok_or_else(|| {
                let rates: Vec<String> = OUTCOMES.iter().map(rate_name).collect();
                format!(
                    "'{given}' is not a VFS core metric or outcome rate (a return's column such as \
                     engaged_new or waiting_weeks_median, or one of {})",
                    rates.join(", ")
                )
            })
    }

    pub fn name(&self) -> String {
        match self {
            KpiMetric::Column(m) => m.column.to_string(),
            KpiMetric::OutcomeRate(o) => rate_name(o),
        }
    }

    pub fn label(&self) -> String {
        match self {
            KpiMetric::Column(m) => m.label.to_string(),
            KpiMetric::OutcomeRate(o) => format!("{} (% of those asked)", o.label),
        }
    }

    /// Whether its figure is a percentage (an outcome rate): a target may not exceed 100.
    pub fn is_rate(&self) -> bool {
        matches!(self, KpiMetric::OutcomeRate(_))
    }

    /// Its figure in a return: a count, the median weeks, or the rate (none when nobody was
    /// asked, or the median was not given).
    pub fn actual(&self, figures: &ReturnFigures) -> Option<f64> {
        match self {
            KpiMetric::Column(m) if m.measure == Measure::Weeks => figures.waiting_weeks_median,
            KpiMetric::Column(m) => Some(figures.get(m.column) as f64),
            KpiMetric::OutcomeRate(o) => {
                let asked = figures.get(o.asked);
                (asked > 0).then(|| 100.0 * figures.get(o.improved) as f64 / asked as f64)
            }
        }
    }
}

impl fmt::Display for KpiMetric {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name())
    }
}

/// Whether the figure must reach the target or stay within it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum KpiRule {
    AtLeast,
    AtMost,
}

impl KpiRule {
    pub fn parse(given: &str) -> Result<Self, String> {
        match given.trim().to_ascii_lowercase().as_str() {
            "at_least" => Ok(KpiRule::AtLeast),
            "at_most" => Ok(KpiRule::AtMost),
            other => Err(format!("'{other}' is not at_least or at_most")),
        }
    }

    pub fn as_str(&self) -> &'static str {
        match self {
            KpiRule::AtLeast => "at_least",
            KpiRule::AtMost => "at_most",
        }
    }

    /// Whether `actual` meets `target`: exactly on target meets either rule.
    pub fn is_met(&self, actual: f64, target: f64) -> bool {
        match self {
            KpiRule::AtLeast => actual >= target,
            KpiRule::AtMost => actual <= target,
        }
    }
}

impl fmt::Display for KpiRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One KPI of a grant: the metric, its rule and the target for each reporting period.
#[derive(Debug, Clone, PartialEq)]
pub struct Kpi {
    pub metric: KpiMetric,
    pub rule: KpiRule,
    pub target: f64,
}

impl Kpi {
    /// Checks the target: a finite number, not negative, a whole number of people for a count,
    /// no more than 100 for a rate.
    pub fn new(metric: KpiMetric, rule: KpiRule, target: f64) -> Result<Self, GrantsError> {
        check_target(&metric, target).map_err(|p| GrantsError::invalid("kpi_target", p))?;
        Ok(Self {
            metric,
            rule,
            target,
        })
    }

    /// How a period's return meets it: none when no return was submitted.
    pub fn assess(&self, figures: Option<&ReturnFigures>) -> Assessment {
        let Some(figures) = figures else {
            return Assessment {
                actual: None,
                status: Status::NoReturn,
            };
        };
        let actual = self.metric.actual(figures);
        let status = match actual {
            Some(a) if self.rule.is_met(a, self.target) => Status::Met,
            _ => Status::NotMet,
        };
        Assessment { actual, status }
    }
}

/// Checks a KPI's target for its metric.
pub fn check_target(metric: &KpiMetric, target: f64) -> Result<(), String> {
    if !target.is_finite() || target < 0.0 {
        return Err(format!(
            "{target} is not a target: give a number, 0 or more"
        ));
    }
    match metric {
        KpiMetric::OutcomeRate(_) if target > 100.0 => Err(format!(
            "{target} is more than 100%: a rate's target is a percentage"
        )),
        KpiMetric::Column(m) if m.measure == Measure::People && target.fract() != 0.0 => {
            Err(format!("{target} is not a whole number of people"))
        }
        _ => Ok(()),
    }
}

/// A KPI's status in a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Status {
    #[serde(rename = "met")]
    Met,
    #[serde(rename = "not met")]
    NotMet,
    #[serde(rename = "no return")]
    NoReturn,
}

impl Status {
    pub fn as_str(&self) -> &'static str {
        match self {
            Status::Met => "met",
            Status::NotMet => "not met",
            Status::NoReturn => "no return",
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A KPI's figure in a period and whether it met the target. An outcome rate with nobody asked
/// has no figure and is not met.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Assessment {
    pub actual: Option<f64>,
    pub status: Status,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figures(cells: &[(&str, i64)]) -> ReturnFigures {
        ReturnFigures {
            counts: cells.iter().map(|(c, n)| (c.to_string(), *n)).collect(),
            waiting_weeks_median: Some(6.0),
        }
    }

    #[test]
    fn exactly_on_target_is_met_and_no_return_is_its_own_status() {
        let at_least = Kpi::new(
            KpiMetric::parse("engaged_new").expect("metric"),
            KpiRule::AtLeast,
            40.0,
        )
        .expect("kpi");
        let status = |n: i64| {
            at_least
                .assess(Some(&figures(&[("engaged_new", n)])))
                .status
        };
        assert_eq!(status(40), Status::Met);
        assert_eq!(status(39), Status::NotMet);
        assert_eq!(status(41), Status::Met);
        assert_eq!(at_least.assess(None).status, Status::NoReturn);
        let at_most = Kpi::new(
            KpiMetric::parse("waiting_weeks_median").expect("metric"),
            KpiRule::AtMost,
            6.0,
        )
        .expect("kpi");
        assert_eq!(at_most.assess(Some(&figures(&[]))).status, Status::Met);
        let rate = Kpi::new(
            KpiMetric::parse("coped_rate").expect("metric"),
            KpiRule::AtLeast,
            75.0,
        )
        .expect("kpi");
        let rated = |asked: i64, improved: i64| {
            rate.assess(Some(&figures(&[
                ("coped_asked", asked),
                ("coped_improved", improved),
            ])))
        };
        assert_eq!(rated(20, 15).status, Status::Met, "15 of 20 is exactly 75%");
        assert_eq!(rated(20, 14).status, Status::NotMet);
        assert_eq!(
            rated(0, 0),
            Assessment {
                actual: None,
                status: Status::NotMet
            }
        );
    }

    #[test]
    fn unknown_metrics_rules_and_impossible_targets_are_named() {
        assert!(KpiMetric::parse("victims_helped")
            .expect_err("unknown")
            .starts_with("'victims_helped' is not a VFS core metric or outcome rate"));
        assert_eq!(
            KpiRule::parse("above").expect_err("rule"),
            "'above' is not at_least or at_most"
        );
        let rate = KpiMetric::parse("support_rate").expect("rate");
        assert!(check_target(&rate, 101.0)
            .expect_err("too much")
            .contains("more than 100%"));
        let people = KpiMetric::parse("engaged_new").expect("column");
        assert!(check_target(&people, 2.5)
            .expect_err("half")
            .contains("whole number"));
        assert!(check_target(&people, -1.0).is_err());
        assert!(check_target(
            &KpiMetric::parse("waiting_weeks_median").expect("weeks"),
            2.5
        )
        .is_ok());
    }
}
