//! Moments as stored: a [`Timestamp`] is RFC 3339 text in UTC to the whole second, which sorts
//! and compares correctly on both backends; it is parsed once where it enters (the database, a
//! form) and is never a bare string afterwards.

use diesel::backend::Backend;
use diesel::deserialize::{self, FromSql, FromSqlRow};
use diesel::expression::AsExpression;
use diesel::serialize::{self, Output, ToSql};
use diesel::sql_types::Text;
use serde::Serialize;
use std::fmt;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

/// A moment in UTC, whole seconds, held in its stored form (`2026-12-07T04:49:29Z`). Ordering
/// is chronological because the form is fixed.
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, AsExpression, FromSqlRow,
)]
#[serde(transparent)]
#[diesel(sql_type = Text)]
pub struct Timestamp(String);

/// Text that is not an RFC 3339 moment.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{0}' is not a date and time such as 2026-12-07T09:30:00Z")]
pub struct NotATimestamp(pub String);

impl Timestamp {
    /// `t` in its stored form: whole seconds, UTC.
    pub fn at(t: OffsetDateTime) -> Timestamp {
        let whole = t.to_offset(time::UtcOffset::UTC);
        let whole = whole.replace_nanosecond(0).unwrap_or(whole);
        let text = whole
            .format(&Rfc3339)
            .unwrap_or_else(|_| "1970-01-01T00:00:00Z".to_string());
        Timestamp(text)
    }

    /// Any RFC 3339 moment (any offset, any fraction), brought to the stored form.
    pub fn parse(text: &str) -> Result<Timestamp, NotATimestamp> {
        OffsetDateTime::parse(text.trim(), &Rfc3339)
            .map(Timestamp::at)
            .map_err(|_| NotATimestamp(text.to_string()))
    }

    /// The moment itself.
    pub fn moment(&self) -> OffsetDateTime {
        OffsetDateTime::parse(&self.0, &Rfc3339).unwrap_or(OffsetDateTime::UNIX_EPOCH)
    }

    /// The stored text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The day, `YYYY-MM-DD`.
    pub fn date(&self) -> &str {
        &self.0[..10]
    }

    /// The month, `YYYY-MM`.
    pub fn month(&self) -> &str {
        &self.0[..7]
    }

    /// As people read it: `2026-12-07 04:49 UTC`.
    pub fn readable(&self) -> String {
        format!("{} {} UTC", self.date(), &self.0[11..16])
    }

    /// This moment moved by `seconds` (negative for earlier).
    pub fn plus_seconds(&self, seconds: i64) -> Timestamp {
        Timestamp::at(self.moment() + time::Duration::seconds(seconds))
    }

    /// Whole seconds from this moment until now (negative while it is still to come).
    pub fn seconds_ago(&self) -> i64 {
        (OffsetDateTime::now_utc() - self.moment()).whole_seconds()
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<DB> ToSql<Text, DB> for Timestamp
where
    DB: Backend,
    str: ToSql<Text, DB>,
{
    fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, DB>) -> serialize::Result {
        self.0.as_str().to_sql(out)
    }
}

impl<DB> FromSql<Text, DB> for Timestamp
where
    DB: Backend,
    String: FromSql<Text, DB>,
{
    fn from_sql(bytes: DB::RawValue<'_>) -> deserialize::Result<Self> {
        let text = String::from_sql(bytes)?;
        Ok(Timestamp::parse(&text)?)
    }
}

/// Now.
pub fn now() -> Timestamp {
    Timestamp::at(OffsetDateTime::now_utc())
}

/// The moment `seconds` from now (negative for the past).
pub fn in_seconds(seconds: i64) -> Timestamp {
    Timestamp::at(OffsetDateTime::now_utc() + time::Duration::seconds(seconds))
}

/// Today's date in UTC, `YYYY-MM-DD`.
pub fn today() -> String {
    now().date().to_string()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_offset_and_fraction_comes_to_whole_seconds_in_utc() {
        let t = Timestamp::parse("2026-12-07T10:30:15.75+01:00").expect("a moment");
        assert_eq!(t.as_str(), "2026-12-07T09:30:15Z");
        assert_eq!(t.date(), "2026-12-07");
        assert_eq!(t.month(), "2026-12");
        assert_eq!(t.readable(), "2026-12-07 09:30 UTC");
        assert_eq!(t.plus_seconds(45).as_str(), "2026-12-07T09:31:00Z");
    }

    #[test]
    fn text_that_is_no_moment_is_named() {
        let e = Timestamp::parse("07/12/2026").expect_err("not RFC 3339");
        assert!(e.to_string().contains("'07/12/2026'"), "{e}");
    }

    #[test]
    fn order_is_chronological() {
        let a = Timestamp::parse("2026-01-31T23:59:59Z").expect("a");
        let b = Timestamp::parse("2026-02-01T00:00:00+00:00").expect("b");
        assert!(a < b);
    }
}
