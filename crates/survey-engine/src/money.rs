//! Money as answers are stored: whole pence in an integer, never a float. Typed amounts such
//! as `£12,500`, `12500.5` or `12,500.50` are read exactly.

/// Pence from a typed amount in pounds, or `None` if it is not one (more than two decimal
/// places, letters, a minus sign).
pub fn parse_pounds(text: &str) -> Option<i64> {
    let cleaned: String = text
        .trim()
        .trim_start_matches('£')
        .chars()
        .filter(|c| *c != ',' && !c.is_whitespace())
        .collect();
    let (pounds, pence) = match cleaned.split_once('.') {
        Some((p, d)) => (p, d),
        None => (cleaned.as_str(), ""),
    };
    if pounds.is_empty() || !pounds.chars().all(|c| c.is_ascii_digit()) || pence.len() > 2 {
        return None;
    }
    if !pence.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let whole: i64 = pounds.parse().ok()?;
    let fraction: i64 = format!("{pence:0<2}").parse().ok()?;
    whole.checked_mul(100)?.checked_add(fraction)
}

/// `1234567` → `12345.67`, as an export writes pounds.
pub fn pounds(pence: i64) -> String {
    let sign = if pence < 0 { "-" } else { "" };
    let p = pence.unsigned_abs();
    format!("{sign}{}.{:02}", p / 100, p % 100)
}

/// `1234567` → `£12,345.67`, as a page shows it.
pub fn display(pence: i64) -> String {
    let text = pounds(pence);
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, "00"));
    let digits: Vec<char> = whole.trim_start_matches('-').chars().collect();
    let mut grouped = String::new();
    for (i, c) in digits.iter().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(*c);
    }
    let sign = if pence < 0 { "-" } else { "" };
    format!("{sign}£{grouped}.{fraction}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_read_to_the_penny_without_floats() {
        assert_eq!(parse_pounds("£12,500"), Some(1_250_000));
        assert_eq!(parse_pounds("12500.5"), Some(1_250_050));
        assert_eq!(parse_pounds(" 0.07 "), Some(7));
        // 0.1 + 0.2 is exact here.
        assert_eq!(
            parse_pounds("0.1").unwrap() + parse_pounds("0.2").unwrap(),
            30
        );
        for bad in ["12.345", "-5", "ten", "", "£", "1.2.3", "1e5"] {
            assert_eq!(parse_pounds(bad), None, "{bad}");
        }
        assert_eq!(pounds(1_234_567), "12345.67");
        assert_eq!(display(1_234_567), "£12,345.67");
        assert_eq!(display(5), "£0.05");
    }
}
