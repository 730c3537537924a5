//! Timestamps as stored: RFC 3339 text in UTC, which sorts and compares correctly on both backends.

use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

pub fn now() -> String {
    OffsetDateTime::now_utc()
        .replace_nanosecond(0)
        .ok()
        .and_then(|t| t.format(&Rfc3339).ok())
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".to_string())
}
