//! The connection type shared by both backends and the r2d2 pool built from `DATABASE_URL`.

use super::target::DatabaseTarget;
use crate::error::StoreError;
use diesel::connection::{AnsiTransactionManager, SimpleConnection, TransactionManager};
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

/// Runs `work` in one transaction, committed if it returns `Ok` and rolled back otherwise.
///
/// Every transaction of the platform goes through here (clippy refuses diesel's own
/// `Connection::transaction`): on SQLite it begins `IMMEDIATE`, taking the write lock at the
/// start. A deferred transaction that reads and then writes cannot wait for another writer —
/// its snapshot is stale once the other commits, and SQLite answers "database is locked" at
/// once, whatever the busy timeout — whereas an immediate one waits its turn. Nested calls
/// become savepoints, as diesel's do. PostgreSQL's transactions are unchanged.
pub fn transaction<T, E, F>(conn: &mut DbConnection, work: F) -> Result<T, E>
where
    F: FnOnce(&mut DbConnection) -> Result<T, E>,
    E: From<diesel::result::Error>,
{
    let immediate = match conn {
        DbConnection::Sqlite(sqlite) => {
            let depth = AnsiTransactionManager::transaction_manager_status_mut(sqlite)
                .transaction_depth()?;
            depth.is_none()
        }
        DbConnection::Postgresql(_) => false,
    };
    if !immediate {
        #[allow(clippy::disallowed_methods)] // this is the one place it is called
        return conn.transaction(work);
    }
    if let DbConnection::Sqlite(sqlite) = conn {
        AnsiTransactionManager::begin_transaction_sql(sqlite, "BEGIN IMMEDIATE")?;
    }
    type Manager = <DbConnection as Connection>::TransactionManager;
    match work(conn) {
        Ok(value) => {
            Manager::commit_transaction(conn)?;
            Ok(value)
        }
        Err(error) => match Manager::rollback_transaction(conn) {
            Ok(()) | Err(diesel::result::Error::BrokenTransactionManager) => Err(error),
            Err(rollback) => Err(rollback.into()),
        },
    }
}

/// Whether `conn` is inside a transaction (one it cannot tell of counts as one).
pub fn in_transaction(conn: &mut DbConnection) -> bool {
    let depth = match conn {
        DbConnection::Sqlite(sqlite) => {
            AnsiTransactionManager::transaction_manager_status_mut(sqlite).transaction_depth()
        }
        DbConnection::Postgresql(pg) => {
            AnsiTransactionManager::transaction_manager_status_mut(pg).transaction_depth()
        }
    };
    !matches!(depth, Ok(None))
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
        // PostgreSQL's connections are checked on checkout (one `SELECT 1`): a connection the
        // server ended (a restart, a moment's outage) looks healthy to the pool until used, and
        // diesel does not mark it broken after a failed send, so unchecked it would fail every
        // request it served for as long as it stayed in the pool. SQLite has no connection to
        // lose and skips the round trip.
        .test_on_check_out(matches!(target, DatabaseTarget::Postgres(_)))
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

#[cfg(test)]
mod tests {
    use super::*;
    use diesel::prelude::*;
    use diesel::sql_types::Integer;

    #[derive(diesel::QueryableByName)]
    struct Count {
        #[diesel(sql_type = Integer)]
        n: i32,
    }

    fn count(conn: &mut DbConnection) -> diesel::QueryResult<i32> {
        let rows: Vec<Count> = diesel::sql_query("SELECT count(*) AS n FROM notes").load(conn)?;
        Ok(rows.first().map_or(0, |c| c.n))
    }

    /// Two writers that each read first: with deferred transactions the second to write fails
    /// at once with "database is locked" (its snapshot went stale when the first committed);
    /// begun IMMEDIATE, it waits its turn and both writes land.
    #[test]
    fn sqlite_writers_that_read_first_wait_their_turn() {
        let folder = tempfile::tempdir().expect("folder");
        let path = folder.path().join("race.db");
        let pool = connect_pool(&DatabaseTarget::Sqlite(path), 2).expect("pool");
        pool.get()
            .expect("connection")
            .batch_execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, seen INTEGER NOT NULL)")
            .expect("table");
        let writers: Vec<_> = (0..2)
            .map(|_| {
                let pool = pool.clone();
                std::thread::spawn(move || {
                    let mut conn = pool.get().expect("connection");
                    transaction(&mut conn, |conn| {
                        let seen = count(conn)?;
                        // Long enough for the other writer to have read too, were it let in.
                        std::thread::sleep(std::time::Duration::from_millis(200));
                        diesel::sql_query(format!("INSERT INTO notes (seen) VALUES ({seen})"))
                            .execute(conn)
                    })
                })
            })
            .collect();
        for writer in writers {
            writer
                .join()
                .expect("writer thread")
                .expect("both writes land");
        }
        let mut conn = pool.get().expect("connection");
        assert_eq!(count(&mut conn).expect("count"), 2);
    }
}
