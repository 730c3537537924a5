//! A grant agreement's terms: the service it funds, its reference, the days it runs, its annual
//! amount, the notice either side gives before it ends, and its KPIs; and the dates that follow.

use crate::kpi::Kpi;
use frontline_provision::Day;
use frontline_returns::Period;

/// Notice of three months unless an agreement says otherwise (the MoJ/APCC guidance asks for
/// decommissioning with notice; three months is the common term).
pub const DEFAULT_NOTICE_MONTHS: u32 = 3;

#[derive(Debug, Clone, PartialEq)]
pub struct GrantTerms {
    pub service_id: i32,
    pub grant_ref: String,
    pub start: Day,
    /// The last day it pays for.
    pub end: Day,
    pub annual_pence: i64,
    pub notice_months: u32,
    pub kpis: Vec<Kpi>,
}

impl GrantTerms {
    /// Whether it pays for any day of `period`.
    pub fn runs_in(&self, period: &Period) -> bool {
        let (Ok(first), Ok(last)) = (Day::parse(&period.starts()), Day::parse(&period.ends()))
        else {
            return false;
        };
        self.start <= last && first <= self.end
    }

    /// The last day notice can be given for it to end on its end date: its end less its notice
    /// period.
    pub fn notice_by(&self) -> Day {
        minus_months(self.end, self.notice_months)
    }

    /// Whether it ends from `day` to 12 months after (the funding-security measure).
    pub fn ends_within_12_months_of(&self, day: Day) -> bool {
        day <= self.end && self.end <= day.plus_months(12)
    }
}

/// The same day `months` earlier (the month's last day when it is shorter).
fn minus_months(day: Day, months: u32) -> Day {
    let index = i64::from(day.year) * 12 + i64::from(day.month) - 1 - i64::from(months);
    let (year, month) = (
        index.div_euclid(12) as u16,
        (index.rem_euclid(12) + 1) as u8,
    );
    let last = survey_engine::calendar::days_in_month(year, month);
    Day {
        year,
        month,
        day: day.day.min(last),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grant(start: &str, end: &str) -> GrantTerms {
        GrantTerms {
            service_id: 1,
            grant_ref: "G-1".into(),
            start: Day::parse(start).expect("day"),
            end: Day::parse(end).expect("day"),
            annual_pence: 100,
            notice_months: 3,
            kpis: Vec::new(),
        }
    }

    #[test]
    fn notice_runs_back_from_the_end_and_ending_soon_counts_12_months_on() {
        let g = grant("2025-04-01", "2026-05-31");
        assert_eq!(g.notice_by().to_string(), "2026-02-28");
        let day = |d: &str| Day::parse(d).expect("day");
        assert!(g.ends_within_12_months_of(day("2025-05-31")));
        assert!(!g.ends_within_12_months_of(day("2025-05-30")));
        assert!(
            !g.ends_within_12_months_of(day("2026-06-01")),
            "already ended"
        );
        let q = |p: &str| p.parse::<Period>().expect("period");
        assert!(g.runs_in(&q("2025-Q2")));
        assert!(!g.runs_in(&q("2025-Q1")));
        assert!(g.runs_in(&q("2026-Q2")), "its last month");
        assert!(!g.runs_in(&q("2026-Q3")));
    }
}
