//! Slows down guessing of passwords without letting anyone lock others out: failed sign-ins are
//! counted per account *and* client address together, and after a few free attempts each further
//! try from that pair must wait longer (5 s, doubling, at most 15 minutes). Someone guessing at an
//! account from one address never delays its owner signing in from another, and many people
//! behind one address do not delay each other. Failures are counted in the database, so every
//! server behind a load balancer sees the same count.

use crate::clock;
use crate::db::schema::login_failures;
use crate::db::DbConnection;
use crate::error::{AppError, AppResult};
use diesel::prelude::*;
use std::time::Duration;

/// Failed attempts from one pair that cost nothing.
const FREE_ATTEMPTS: i64 = 3;
/// The wait after the first attempt beyond the free ones; it doubles with each further failure.
const FIRST_DELAY_SECS: i64 = 5;

pub struct LoginLimiter {
    /// How long a failure counts.
    window: Duration,
}

impl Default for LoginLimiter {
    fn default() -> Self {
        Self {
            window: Duration::from_secs(15 * 60),
        }
    }
}

impl LoginLimiter {
    fn since(&self) -> clock::Timestamp {
        clock::in_seconds(-(self.window.as_secs() as i64))
    }

    /// How long a pair with `failures` recent failures must wait after its last one.
    pub fn delay_after(&self, failures: i64) -> Duration {
        if failures < FREE_ATTEMPTS {
            return Duration::ZERO;
        }
        let doublings = u32::try_from(failures - FREE_ATTEMPTS)
            .unwrap_or(u32::MAX)
            .min(20);
        let secs = FIRST_DELAY_SECS.saturating_mul(1 << doublings);
        Duration::from_secs(secs.min(self.window.as_secs() as i64) as u64)
    }

    /// Refuses the attempt (429, saying how long to wait) while the pair's delay runs.
    pub fn check(&self, conn: &mut DbConnection, key: &str) -> AppResult<()> {
        let recent: Vec<clock::Timestamp> = login_failures::table
            .filter(login_failures::key.eq(key))
            .filter(login_failures::at.gt(self.since()))
            .order(login_failures::at.desc())
            .select(login_failures::at)
            .load(conn)?;
        let delay = self.delay_after(recent.len() as i64);
        let Some(last) = recent.first() else {
            return Ok(());
        };
        let waited = last.seconds_ago().max(0) as u64;
        let left = delay.as_secs().saturating_sub(waited);
        if left == 0 {
            return Ok(());
        }
        Err(AppError::TooManyAttempts {
            message: format!(
                "Too many failed sign-in attempts for this account from your network. Wait {} and try again.",
                clock::describe_wait(left)
            ),
            retry_after_secs: left,
        })
    }

    pub fn record_failure(&self, conn: &mut DbConnection, key: &str) -> AppResult<()> {
        diesel::delete(login_failures::table.filter(login_failures::at.le(self.since())))
            .execute(conn)?;
        diesel::insert_into(login_failures::table)
            .values((
                login_failures::key.eq(key),
                login_failures::at.eq(clock::now()),
            ))
            .execute(conn)?;
        Ok(())
    }

    /// Forgets the failures of one pair (a successful sign-in).
    pub fn clear(&self, conn: &mut DbConnection, key: &str) -> AppResult<usize> {
        Ok(
            diesel::delete(login_failures::table.filter(login_failures::key.eq(key)))
                .execute(conn)?,
        )
    }

    /// Forgets every address's failures for an account (an admin's unlock).
    pub fn clear_account(&self, conn: &mut DbConnection, email: &str) -> AppResult<usize> {
        let prefix = pair_key(email, "");
        let escaped: String = prefix
            .chars()
            .flat_map(|c| match c {
                '%' | '_' | '\\' => vec!['\\', c],
                c => vec![c],
            })
            .collect();
        Ok(diesel::delete(
            login_failures::table
                .filter(login_failures::key.like(format!("{escaped}%")).escape('\\')),
        )
        .execute(conn)?)
    }
}

/// The limiter's key for an account signing in from a client address.
pub fn pair_key(email: &str, address: &str) -> String {
    format!("pair:{}\n{address}", email.trim().to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_attempts_are_free_then_the_wait_doubles_up_to_the_window() {
        let limiter = LoginLimiter::default();
        let waits: Vec<u64> = (0..12).map(|n| limiter.delay_after(n).as_secs()).collect();
        assert_eq!(waits, [0, 0, 0, 5, 10, 20, 40, 80, 160, 320, 640, 900]);
        assert_eq!(limiter.delay_after(i64::MAX).as_secs(), 900);
    }
}
