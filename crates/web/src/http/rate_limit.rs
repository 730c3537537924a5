//! Limits failed sign-in attempts per account and per client address. Failures are counted in
//! the database, so every server behind a load balancer sees the same count.

use crate::clock;
use crate::db::schema::login_failures;
use crate::db::DbConnection;
use crate::error::AppResult;
use diesel::prelude::*;
use std::time::Duration;

pub struct LoginLimiter {
    window: Duration,
    max_failures: i64,
}

impl LoginLimiter {
    pub fn new(max_failures: i64, window: Duration) -> Self {
        Self {
            window,
            max_failures,
        }
    }

    fn since(&self) -> String {
        clock::in_seconds(-(self.window.as_secs() as i64))
    }

    /// Whether any of `keys` has had too many failures within the window.
    pub fn is_blocked(&self, conn: &mut DbConnection, keys: &[String]) -> AppResult<bool> {
        let since = self.since();
        for key in keys {
            let failures: i64 = login_failures::table
                .filter(login_failures::key.eq(key))
                .filter(login_failures::at.gt(&since))
                .count()
                .get_result(conn)?;
            if failures >= self.max_failures {
                return Ok(true);
            }
        }
        Ok(false)
    }

    pub fn record_failure(&self, conn: &mut DbConnection, keys: &[String]) -> AppResult<()> {
        let now = clock::now();
        diesel::delete(login_failures::table.filter(login_failures::at.le(self.since())))
            .execute(conn)?;
        for key in keys {
            diesel::insert_into(login_failures::table)
                .values((login_failures::key.eq(key), login_failures::at.eq(&now)))
                .execute(conn)?;
        }
        Ok(())
    }

    /// Forgets the failures of `keys` (a successful sign-in, or an admin's unlock).
    pub fn clear(&self, conn: &mut DbConnection, keys: &[String]) -> AppResult<usize> {
        Ok(
            diesel::delete(login_failures::table.filter(login_failures::key.eq_any(keys)))
                .execute(conn)?,
        )
    }
}

/// The limiter's key for an account.
pub fn account_key(email: &str) -> String {
    format!("account:{}", email.trim().to_lowercase())
}

/// The limiter's key for a client address.
pub fn client_key(address: &str) -> String {
    format!("client:{address}")
}
