//! A funding stream and the rules commissioners read it by. A stream's end date is the last day
//! it pays for, so 1 April 2020 to 31 March 2025 runs exactly five years.

use crate::vocabulary::{CoreCosts, FunderType, Kind, Role};
use serde::Serialize;
use std::fmt;

/// A calendar day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Day {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Day {
    /// From `YYYY-MM-DD`, checked against the calendar.
    pub fn parse(text: &str) -> Result<Self, String> {
        let (year, month, day) = survey_engine::calendar::check_date(text.trim())?;
        Ok(Self { year, month, day })
    }

    /// The next calendar day.
    pub fn next(self) -> Self {
        let last = survey_engine::calendar::days_in_month(self.year, self.month);
        match (self.day < last, self.month < 12) {
            (true, _) => Self {
                day: self.day + 1,
                ..self
            },
            (false, true) => Self {
                month: self.month + 1,
                day: 1,
                ..self
            },
            (false, false) => Self {
                year: self.year + 1,
                month: 1,
                day: 1,
            },
        }
    }

    /// The same day `months` later (the month's last day when it is shorter).
    pub fn plus_months(self, months: u32) -> Self {
        let index = u32::from(self.month) - 1 + months;
        let year = self.year + (index / 12) as u16;
        let month = (index % 12) as u8 + 1;
        let day = self
            .day
            .min(survey_engine::calendar::days_in_month(year, month));
        Self { year, month, day }
    }

    /// Whole months from `self` to `later` (a month counts once its day of the month is reached).
    pub fn whole_months_until(self, later: Day) -> i64 {
        let months = (i64::from(later.year) - i64::from(self.year)) * 12 + i64::from(later.month)
            - i64::from(self.month);
        if later.day < self.day
            && later.day < survey_engine::calendar::days_in_month(later.year, later.month)
        {
            months - 1
        } else {
            months
        }
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Months under which a stream is short-term (five years).
pub const SHORT_TERM_MONTHS: i64 = 60;
/// Months after the fieldwork close within which an ending stream is flagged.
pub const ENDING_SOON_MONTHS: u32 = 12;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FundingStream {
    /// The service it funds, as named in the cycle.
    pub service: String,
    pub funder_type: FunderType,
    pub funder: String,
    pub kind: Kind,
    pub role: Role,
    pub start: Day,
    /// The last day it pays for.
    pub end: Day,
    /// Annual amount in whole pence.
    pub annual_pence: i64,
    pub core_costs_covered: CoreCosts,
    pub ring_fenced: bool,
    pub commissioning: Commissioning,
}

/// How a stream is commissioned beyond its terms: a break clause, and the commissioners who
/// fund it together (one leading), so co-commissioned services are seen once, not per funder.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Commissioning {
    /// The first day the funder may end the stream early.
    pub break_clause: Option<Day>,
    pub lead_commissioner: Option<String>,
    pub co_commissioners: Vec<String>,
}

impl FundingStream {
    /// Runs under five years: fewer than 60 whole months from its start to the day after it ends.
    pub fn is_short_term(&self) -> bool {
        self.start.whole_months_until(self.end.next()) < SHORT_TERM_MONTHS
    }

    /// Ends on or after `close` (the cycle's fieldwork close) and no later than 12 months after.
    pub fn ends_within_12_months_of(&self, close: Day) -> bool {
        self.end >= close && self.end <= close.plus_months(ENDING_SOON_MONTHS)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> Day {
        Day::parse(text).unwrap()
    }

    fn stream(start: &str, end: &str) -> FundingStream {
        FundingStream {
            service: "S".into(),
            funder_type: FunderType::Pcc,
            funder: "PCC".into(),
            kind: Kind::Grant,
            role: Role::Sole,
            start: day(start),
            end: day(end),
            annual_pence: 100,
            core_costs_covered: CoreCosts::No,
            ring_fenced: false,
            commissioning: Default::default(),
        }
    }

    #[test]
    fn five_years_to_the_day_is_not_short_term_one_day_less_is() {
        assert!(!stream("2020-04-01", "2025-03-31").is_short_term());
        assert!(stream("2020-04-01", "2025-03-30").is_short_term());
        assert!(!stream("2020-04-01", "2026-03-31").is_short_term());
        assert!(stream("2024-01-01", "2024-12-31").is_short_term());
        // Month ends: 31 August to 30 August five years on is five whole years.
        assert!(!stream("2019-08-31", "2024-08-30").is_short_term());
    }

    #[test]
    fn ending_soon_is_from_the_close_to_twelve_months_after() {
        let close = day("2021-10-31");
        assert!(stream("2020-04-01", "2021-10-31").ends_within_12_months_of(close));
        assert!(stream("2020-04-01", "2022-10-31").ends_within_12_months_of(close));
        assert!(!stream("2020-04-01", "2022-11-01").ends_within_12_months_of(close));
        assert!(
            !stream("2020-04-01", "2021-10-30").ends_within_12_months_of(close),
            "already ended"
        );
        assert_eq!(day("2024-02-29").plus_months(12), day("2025-02-28"));
        assert_eq!(day("2024-12-31").next(), day("2025-01-01"));
    }
}
