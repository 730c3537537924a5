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
