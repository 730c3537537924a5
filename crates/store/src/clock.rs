//! Timestamps as stored: RFC 3339 text in UTC, which sorts and compares correctly on both backends.

use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

pub fn now() -> String {
    format(OffsetDateTime::now_utc())
}

/// `t` as stored: whole seconds, UTC.
pub fn format(t: OffsetDateTime) -> String {
    t.to_offset(time::UtcOffset::UTC)
        .replace_nanosecond(0)
        .ok()
        .and_then(|t| t.format(&Rfc3339).ok())
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".to_string())
}

/// The stored form of a moment `seconds` from now.
pub fn in_seconds(seconds: i64) -> String {
    format(OffsetDateTime::now_utc() + time::Duration::seconds(seconds))
}

/// Today's date in UTC, `YYYY-MM-DD`.
pub fn today() -> String {
    now()[..10].to_string()
}

/// Whole seconds from a stored moment until now (negative when it is still to come).
pub fn seconds_since(stored: &str) -> Option<i64> {
    let then = OffsetDateTime::parse(stored, &Rfc3339).ok()?;
    Some((OffsetDateTime::now_utc() - then).whole_seconds())
}

/// A wait in words: "40 seconds", "1 minute", "15 minutes" (rounded up to whole minutes).
pub fn describe_wait(seconds: u64) -> String {
    match seconds {
        0..=1 => "1 second".to_string(),
        2..=59 => format!("{seconds} seconds"),
        _ => match seconds.div_ceil(60) {
            1 => "1 minute".to_string(),
            m => format!("{m} minutes"),
        },
    }
}
