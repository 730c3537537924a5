//! Reporting periods (`2025-Q1`, `2025-H1`, `2025`) and how often a programme asks for returns.

use crate::error::ReturnsError;
use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Frequency {
    Quarterly,
    SixMonthly,
    Annual,
}

impl Frequency {
    pub fn as_str(&self) -> &'static str {
        match self {
            Frequency::Quarterly => "quarterly",
            Frequency::SixMonthly => "six-monthly",
            Frequency::Annual => "annual",
        }
    }
}

impl FromStr for Frequency {
    type Err = ReturnsError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "quarterly" => Ok(Frequency::Quarterly),
            "six-monthly" | "six_monthly" | "half-yearly" => Ok(Frequency::SixMonthly),
            "annual" | "yearly" => Ok(Frequency::Annual),
            _ => Err(ReturnsError::BadFrequency(s.trim().to_string())),
        }
    }
}

impl fmt::Display for Frequency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A reporting period; periods sort in time order within a kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Period {
    Quarter { year: i32, quarter: u8 },
    Half { year: i32, half: u8 },
    Year { year: i32 },
}

impl Period {
    pub fn frequency(&self) -> Frequency {
        match self {
            Period::Quarter { .. } => Frequency::Quarterly,
            Period::Half { .. } => Frequency::SixMonthly,
            Period::Year { .. } => Frequency::Annual,
        }
    }

    /// Checks the period is of the programme's frequency.
    pub fn of(self, frequency: Frequency) -> Result<Self, ReturnsError> {
        if self.frequency() == frequency {
            Ok(self)
        } else {
            Err(ReturnsError::WrongKind {
                period: self.to_string(),
                article: if frequency == Frequency::Annual {
                    "an"
                } else {
                    "a"
                },
                frequency: frequency.to_string(),
            })
        }
    }

    pub fn next(&self) -> Period {
        match *self {
            Period::Quarter { year, quarter: 4 } => Period::Quarter {
                year: year + 1,
                quarter: 1,
            },
            Period::Quarter { year, quarter } => Period::Quarter {
                year,
                quarter: quarter + 1,
            },
            Period::Half { year, half: 2 } => Period::Half {
                year: year + 1,
                half: 1,
            },
            Period::Half { year, half } => Period::Half {
                year,
                half: half + 1,
            },
            Period::Year { year } => Period::Year { year: year + 1 },
        }
    }

    /// `count` periods starting with this one.
    pub fn series(&self, count: usize) -> Vec<Period> {
        std::iter::successors(Some(*self), |p| Some(p.next()))
            .take(count)
            .collect()
    }

    /// First and last month (1–12) of the period, in its year.
    fn months(&self) -> (u8, u8) {
        match *self {
            Period::Quarter { quarter, .. } => (quarter * 3 - 2, quarter * 3),
            Period::Half { half, .. } => (half * 6 - 5, half * 6),
            Period::Year { .. } => (1, 12),
        }
    }

    fn year(&self) -> i32 {
        match *self {
            Period::Quarter { year, .. } | Period::Half { year, .. } | Period::Year { year } => {
                year
            }
        }
    }

    /// First day, `YYYY-MM-DD`.
    pub fn starts(&self) -> String {
        format!("{}-{:02}-01", self.year(), self.months().0)
    }

    /// Last day, `YYYY-MM-DD`.
    pub fn ends(&self) -> String {
        let (year, month) = (self.year(), self.months().1);
        format!("{year}-{month:02}-{:02}", days_in(year, month))
    }

    /// Returns are due four weeks after the period ends: the 28th of the following month.
    pub fn due(&self) -> String {
        let (year, month) = (self.year(), self.months().1);
        if month == 12 {
            format!("{}-01-28", year + 1)
        } else {
            format!("{year}-{:02}-28", month + 1)
        }
    }
}

fn days_in(year: i32, month: u8) -> u8 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl FromStr for Period {
    type Err = ReturnsError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let text = s.trim();
        let bad = || ReturnsError::BadPeriod(text.to_string());
        let (year, part) = match text.split_once('-') {
            Some((y, p)) => (y, Some(p)),
            None => (text, None),
        };
        if year.len() != 4 {
            return Err(bad());
        }
        let year: i32 = year.parse().map_err(|_| bad())?;
        match part.map(|p| p.to_ascii_uppercase()) {
            None => Ok(Period::Year { year }),
            Some(p) => match (p.get(..1), p.get(1..).and_then(|n| n.parse::<u8>().ok())) {
                (Some("Q"), Some(quarter @ 1..=4)) => Ok(Period::Quarter { year, quarter }),
                (Some("H"), Some(half @ 1..=2)) => Ok(Period::Half { year, half }),
                _ => Err(bad()),
            },
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Period::Quarter { year, quarter } => write!(f, "{year}-Q{quarter}"),
            Period::Half { year, half } => write!(f, "{year}-H{half}"),
            Period::Year { year } => write!(f, "{year}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_parse_print_and_follow_each_other() {
        let q: Period = "2025-q4".parse().unwrap();
        assert_eq!(q.to_string(), "2025-Q4");
        assert_eq!(q.next().to_string(), "2026-Q1");
        assert_eq!(
            (q.starts(), q.ends(), q.due()),
            (
                "2025-10-01".into(),
                "2025-12-31".into(),
                "2026-01-28".into()
            )
        );
        let h: Period = "2024-H1".parse().unwrap();
        assert_eq!(
            (h.ends(), h.due()),
            ("2024-06-30".into(), "2024-07-28".into())
        );
        assert_eq!("2025".parse::<Period>().unwrap().ends(), "2025-12-31");
        assert_eq!(
            "2024-Q1"
                .parse::<Period>()
                .unwrap()
                .series(3)
                .iter()
                .map(|p| p.to_string())
                .collect::<Vec<_>>(),
            vec!["2024-Q1", "2024-Q2", "2024-Q3"]
        );
        assert_eq!(
            "2024-Q1".parse::<Period>().unwrap().next().ends(),
            "2024-06-30"
        );
        assert_eq!(
            Period::Quarter {
                year: 2024,
                quarter: 1
            }
            .ends(),
            "2024-03-31"
        );
    }

    #[test]
    fn bad_periods_and_frequencies_say_what_to_give() {
        assert!("2025-Q5".parse::<Period>().is_err());
        assert!("25-Q1".parse::<Period>().is_err());
        assert!("2025-H3"
            .parse::<Period>()
            .unwrap_err()
            .to_string()
            .contains("2025-Q1"));
        assert_eq!(
            "Six-Monthly".parse::<Frequency>().unwrap(),
            Frequency::SixMonthly
        );
        assert!("monthly"
            .parse::<Frequency>()
            .unwrap_err()
            .to_string()
            .contains("quarterly"));
        let q: Period = "2025-Q1".parse().unwrap();
        assert!(q
            .of(Frequency::Annual)
            .unwrap_err()
            .to_string()
            .starts_with("2025-Q1 does not fit an annual"));
    }
}
