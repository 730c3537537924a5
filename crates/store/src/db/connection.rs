//! The connection type shared by both backends and the r2d2 pool built from `DATABASE_URL`.

use super::target::DatabaseTarget;
use crate::error::StoreError;
use diesel::connection::SimpleConnection;
use diesel::r2d2::{ConnectionManager, CustomizeConnection};
use diesel::Connection;
use std::time::Duration;

/// One code path for SQLite and PostgreSQL.
#[derive(diesel::MultiConnection)]
pub enum DbConnection {
    Postgresql(diesel::PgConnection),
    Sqlite(diesel::SqliteConnection),
}

pub type Pool = diesel::r2d2::Pool<ConnectionManager<DbConnection>>;
pub type PooledConnection = diesel::r2d2::PooledConnection<ConnectionManager<DbConnection>>;

/// Per-connection settings: SQLite gets WAL, a busy timeout and enforced foreign keys.
#[derive(Debug)]
struct ConnectionSettings;

impl CustomizeConnection<DbConnection, diesel::r2d2::Error> for ConnectionSettings {
    fn on_acquire(&self, conn: &mut DbConnection) -> Result<(), diesel::r2d2::Error> {
        if let DbConnection::Sqlite(sqlite) = conn {
            sqlite
                // The busy timeout first: switching to WAL needs a lock, and without the
                // timeout a connection opened while another process writes fails at once.
                // `synchronous = FULL`: a save acknowledged to a respondent survives a power cut,
                // as a PostgreSQL commit does (NORMAL may lose the last commits of a WAL).
                .batch_execute(
                    "PRAGMA busy_timeout = 10000; PRAGMA journal_mode = WAL; \
                     PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;",
                )
                .map_err(diesel::r2d2::Error::QueryError)?;
        }
        Ok(())
    }
}

/// Opens one connection first, so a bad URL fails fast with the database's own words,
/// then builds the pool.
pub fn connect_pool(target: &DatabaseTarget, max_size: u32) -> Result<Pool, StoreError> {
    let url = match target {
        DatabaseTarget::Sqlite(path) => {
            DatabaseTarget::check_sqlite_path(path)?;
            path.to_string_lossy().into_owned()
        }
        DatabaseTarget::Postgres(url) => url.clone(),
    };
    // Connect with the backend's own connection first: the multi-backend connection reports
    // any failure as a bad URL, hiding "connection refused" or "password authentication failed".
    let first = match target {
        DatabaseTarget::Postgres(_) => diesel::PgConnection::establish(&url).map(|_| ()),
        DatabaseTarget::Sqlite(_) => diesel::SqliteConnection::establish(&url).map(|_| ()),
    };
    first.map_err(|e| {
        let hint = match target {
            DatabaseTarget::Postgres(_) => format!(
                "; check that PostgreSQL is running and accepts connections at {}, and that the user, password and database in DATABASE_URL are right",
                target.address().unwrap_or_default()
            ),
            DatabaseTarget::Sqlite(_) => String::new(),
        };
        StoreError::config(format!(
            "cannot connect to {}: {}{hint}",
            target.describe(),
            one_line(&e.to_string())
        ))
    })?;
    let manager = ConnectionManager::<DbConnection>::new(url);
    diesel::r2d2::Pool::builder()
        .max_size(max_size)
        // No `SELECT 1` round trip on every checkout: a broken connection fails its query and
        // is replaced, and the saved round trip is most of a save on PostgreSQL.
        .test_on_check_out(false)
        .connection_timeout(Duration::from_secs(10))
        .connection_customizer(Box::new(ConnectionSettings))
        .build(manager)
        .map_err(|e| {
            StoreError::config(format!(
                "cannot open a connection pool to {}: {}",
                target.describe(),
                one_line(&e.to_string())
            ))
        })
}

/// Database drivers often answer over several lines; a configuration error is one.
fn one_line(message: &str) -> String {
    message
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("; ")
}
