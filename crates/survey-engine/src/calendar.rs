//! Dates and months as answers are stored: `YYYY-MM-DD` and `YYYY-MM`, checked against the
//! calendar (leap years included), compared as text because the format sorts.

/// Why a date is refused: not written as a date at all, or not a day of the calendar.
enum DateProblem {
    Unreadable,
    NotADay(String),
}

fn parse_date(text: &str) -> Result<(u16, u8, u8), DateProblem> {
    let mut parts = text.split('-');
    let (Some(y), Some(m), Some(d), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(DateProblem::Unreadable);
    };
    let (year, month) = year_month(y, m).ok_or(DateProblem::Unreadable)?;
    let day: u8 = (d.len() == 2)
        .then(|| d.parse().ok())
        .flatten()
        .ok_or(DateProblem::Unreadable)?;
    if day == 0 || day > days_in_month(year, month) {
        let name = MONTHS[usize::from(month) - 1];
        return Err(DateProblem::NotADay(format!(
            "{day} {name} {year} is not a real date"
        )));
    }
    Ok((year, month, day))
}

/// Checks a `YYYY-MM-DD` date as a file gives it; the message says what is wrong.
pub fn check_date(text: &str) -> Result<(u16, u8, u8), String> {
    parse_date(text).map_err(|p| match p {
        DateProblem::Unreadable => {
            format!("Enter a real date as year, month and day, like 2021-04-01 (not '{text}')")
        }
        DateProblem::NotADay(message) => message,
    })
}

/// Checks a date a form put together from its day, month and year fields.
pub fn check_form_date(text: &str) -> Result<(u16, u8, u8), String> {
    parse_date(text).map_err(|p| match p {
        DateProblem::Unreadable => {
            "Enter a real date, with the day, month and year as numbers, like 27 3 2021".into()
        }
        DateProblem::NotADay(message) => message,
    })
}

/// Checks a `YYYY-MM` month as a file gives it.
pub fn check_month(text: &str) -> Result<(u16, u8), String> {
    let bad = || format!("Enter a month as year and month, like 2021-04 (not '{text}')");
    let (y, m) = text.split_once('-').ok_or_else(bad)?;
    year_month(y, m).ok_or_else(bad)
}

/// Checks a month a form put together from its month and year fields.
pub fn check_form_month(text: &str) -> Result<(u16, u8), String> {
    check_month(text).map_err(|_| "Enter a real month and year as numbers, like 3 2021".into())
}

fn year_month(y: &str, m: &str) -> Option<(u16, u8)> {
    let year: u16 = (y.len() == 4).then(|| y.parse().ok()).flatten()?;
    let month: u8 = (m.len() == 2).then(|| m.parse().ok()).flatten()?;
    ((1900..=2200).contains(&year) && (1..=12).contains(&month)).then_some((year, month))
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A stored date (`YYYY-MM-DD`, or the start of an RFC 3339 moment) in words, `7 December
/// 2026`, and with `with_time` a moment's time too, `7 December 2026, 11:26 UTC`; `None` when
/// the text is not a date.
pub fn in_words(text: &str, with_time: bool) -> Option<String> {
    let (year, month, day) = parse_date(text.get(..10)?).ok()?;
    let date = format!("{day} {} {year}", MONTHS[usize::from(month) - 1]);
    Some(match text.get(11..16) {
        Some(time) if with_time && text.as_bytes().get(10) == Some(&b'T') => {
            format!("{date}, {time} UTC")
        }
        _ => date,
    })
}

pub fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_follow_the_calendar() {
        assert_eq!(check_date("2024-02-29"), Ok((2024, 2, 29)));
        assert!(check_date("2023-02-29").unwrap_err() == "29 February 2023 is not a real date");
        assert!(
            check_date("1900-02-29").is_err(),
            "1900 was not a leap year"
        );
        assert!(check_date("2000-02-29").is_ok(), "2000 was");
        assert_eq!(
            in_words("2026-12-07", true).as_deref(),
            Some("7 December 2026")
        );
        assert_eq!(
            in_words("2026-12-07T11:26:17Z", true).as_deref(),
            Some("7 December 2026, 11:26 UTC")
        );
        assert_eq!(
            in_words("2026-12-07T11:26:17Z", false).as_deref(),
            Some("7 December 2026")
        );
        assert_eq!(in_words("soon", false), None);
        for bad in ["2021-4-01", "01/04/2021", "2021-04-01-", "", "2021-13-01"] {
            assert!(check_date(bad).is_err(), "{bad}");
        }
        assert_eq!(check_month("2021-04"), Ok((2021, 4)));
        assert!(check_month("2021-00").is_err());
    }
}
