//! Monitoring a period: each running grant's KPIs against the service's return for the period
//! (one return, whichever programmes fund it: collected once, read by every co-commissioner),
//! and its spend against budget from its financial return.

use crate::finance::FinanceReturn;
use crate::grant::GrantTerms;
use crate::kpi::{Assessment, Status};
use frontline_geo::tables::Table;
use frontline_returns::{Period, ReturnFigures};
use serde::Serialize;
use std::collections::BTreeMap;
use survey_engine::money::pounds;

pub const MONITORING_COLUMNS: [&str; 7] = [
    "service",
    "grant_ref",
    "kpi_metric",
    "kpi_rule",
    "target",
    "actual",
    "status",
];

pub const SPEND_COLUMNS: [&str; 8] = [
    "service",
    "grant_ref",
    "annual_amount_gbp",
    "budget_gbp",
    "spend_gbp",
    "underspend_gbp",
    "pct_of_budget_spent",
    "explanation",
];

/// A grant as monitoring reads it: its terms and the service's name.
pub struct Monitored<'a> {
    pub service: &'a str,
    pub terms: &'a GrantTerms,
}

/// One KPI's line for a period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KpiLine {
    pub service: String,
    pub grant_ref: String,
    pub metric: String,
    pub rule: &'static str,
    pub target: f64,
    pub assessment: Assessment,
}

impl KpiLine {
    pub fn status(&self) -> Status {
        self.assessment.status
    }
}

/// The KPIs of the grants running in `period`, each against the service's submitted returns
/// for it (`returns`, by service id, summed over its areas); a service with none is `no return`.
pub fn kpi_lines(
    grants: &[Monitored<'_>],
    period: &Period,
    returns: &BTreeMap<i32, ReturnFigures>,
) -> Vec<KpiLine> {
    let mut lines = Vec::new();
    for g in grants.iter().filter(|g| g.terms.runs_in(period)) {
        let figures = returns.get(&g.terms.service_id);
        for kpi in &g.terms.kpis {
            lines.push(KpiLine {
                service: g.service.to_string(),
                grant_ref: g.terms.grant_ref.clone(),
                metric: kpi.metric.name(),
                rule: kpi.rule.as_str(),
                target: kpi.target,
                assessment: kpi.assess(figures),
            });
        }
    }
    lines
}

/// A figure as the monitoring file prints it: whole, or to one decimal place.
pub fn figure(x: f64) -> String {
    if x.fract() == 0.0 {
        format!("{x:.0}")
    } else {
        format!("{x:.1}")
    }
}

/// `grant-monitoring`: one row per KPI of each grant running in the period.
pub fn monitoring_table(lines: &[KpiLine]) -> Table {
    let mut table = Table::new("grant-monitoring", "Grant KPIs against the period's returns", &MONITORING_COLUMNS)
        .keyed_by(3)
        .with_note("A KPI is met when the period's figure reaches its target (at_least) or stays within it (at_most); exactly on target is met. The figure is the service's own return for the period, the same for every commissioner funding it; no submitted return is 'no return', and an outcome rate nobody was asked about is not met. For the commissioners of the programme: not for publication.");
    for l in lines {
        table.push(vec![
            l.service.clone(),
            l.grant_ref.clone(),
            l.metric.clone(),
            l.rule.to_string(),
            figure(l.target),
            l.assessment.actual.map(figure).unwrap_or_default(),
            l.status().as_str().to_string(),
        ]);
    }
    table
}

/// `grant-spend`: spend against budget for each grant running in the period, from its financial
/// return (`finance`, by grant reference); a grant without one has blank figures.
pub fn spend_table(
    grants: &[Monitored<'_>],
    period: &Period,
    finance: &BTreeMap<String, FinanceReturn>,
) -> Table {
    let mut table = Table::new("grant-spend", "Grant spend against budget", &SPEND_COLUMNS)
        .keyed_by(2)
        .with_note("Budget and spend for the period from the provider's financial return; the underspend is budget less spend (negative for an overspend). For the commissioners of the programme: not for publication.");
    for g in grants.iter().filter(|g| g.terms.runs_in(period)) {
        let mut row = vec![
            g.service.to_string(),
            g.terms.grant_ref.clone(),
            pounds(g.terms.annual_pence),
        ];
        match finance.get(&g.terms.grant_ref) {
            Some(f) => row.extend([
                pounds(f.budget_pence),
                pounds(f.spend_pence),
                pounds(f.underspend_pence()),
                f.pct_spent().map(figure).unwrap_or_default(),
                f.explanation.clone().unwrap_or_default(),
            ]),
            None => row.extend(std::iter::repeat_n(String::new(), 5)),
        }
        table.push(row);
    }
    table
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kpi::{Kpi, KpiMetric, KpiRule};
    use frontline_provision::Day;

    fn terms(service_id: i32, reference: &str, kpis: Vec<Kpi>) -> GrantTerms {
        GrantTerms {
            service_id,
            grant_ref: reference.into(),
            start: Day::parse("2025-04-01").expect("day"),
            end: Day::parse("2026-03-31").expect("day"),
            annual_pence: 120_000 * 100,
            notice_months: 3,
            kpis,
        }
    }

    #[test]
    fn each_kpi_reads_the_services_one_return_for_the_period() {
        let engaged = Kpi::new(
            KpiMetric::parse("engaged_new").expect("m"),
            KpiRule::AtLeast,
            30.0,
        )
        .expect("kpi");
        let a = terms(1, "A-1", vec![engaged.clone()]);
        let b = terms(1, "B-7", vec![engaged]);
        let silent = terms(
            2,
            "A-2",
            vec![Kpi::new(
                KpiMetric::parse("waiting_list").expect("m"),
                KpiRule::AtMost,
                10.0,
            )
            .expect("kpi")],
        );
        let grants = [
            Monitored {
                service: "Harbour",
                terms: &a,
            },
            Monitored {
                service: "Harbour",
                terms: &b,
            },
            Monitored {
                service: "Quiet",
                terms: &silent,
            },
        ];
        let returns = BTreeMap::from([(
            1,
            ReturnFigures {
                counts: BTreeMap::from([("engaged_new".to_string(), 30)]),
                waiting_weeks_median: None,
            },
        )]);
        let q = "2025-Q3".parse::<Period>().expect("period");
        let lines = kpi_lines(&grants, &q, &returns);
        assert_eq!(lines.len(), 3);
        assert_eq!(
            lines[0].assessment, lines[1].assessment,
            "co-commissioners read the same return"
        );
        assert_eq!(lines[0].status(), Status::Met, "exactly on target");
        assert_eq!(lines[2].status(), Status::NoReturn);
        let table = monitoring_table(&lines);
        assert_eq!(
            table.rows[0],
            [
                "Harbour",
                "A-1",
                "engaged_new",
                "at_least",
                "30",
                "30",
                "met"
            ]
        );
        assert_eq!(table.rows[2][5..], ["", "no return"]);
        assert!(
            kpi_lines(&grants, &"2026-Q2".parse().expect("period"), &returns).is_empty(),
            "ended"
        );
        let finance = BTreeMap::from([(
            "A-1".to_string(),
            FinanceReturn::new(30_000 * 100, 27_000 * 100, "Vacancy").expect("f"),
        )]);
        let spend = spend_table(&grants, &q, &finance);
        assert_eq!(
            spend.rows[0][3..],
            ["30000.00", "27000.00", "3000.00", "90", "Vacancy"]
        );
        assert_eq!(spend.rows[1][3], "");
    }
}
