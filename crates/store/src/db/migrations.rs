//! Migrations embedded in the binary, one set per backend, applied on start-up.

use super::connection::DbConnection;
use crate::error::StoreError;
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};

const SQLITE: EmbeddedMigrations = embed_migrations!("../../migrations/sqlite");
const POSTGRES: EmbeddedMigrations = embed_migrations!("../../migrations/postgres");

/// Applies every pending migration; returns the versions applied (none when up to date).
pub fn run_pending_migrations(conn: &mut DbConnection) -> Result<Vec<String>, StoreError> {
    let applied = match conn {
        DbConnection::Sqlite(c) => c.run_pending_migrations(SQLITE),
        DbConnection::Postgresql(c) => c.run_pending_migrations(POSTGRES),
    }
    .map_err(|e| StoreError::Migration(e.to_string()))?;
    Ok(applied.into_iter().map(|v| v.to_string()).collect())
}

/// Any number for the advisory lock, the same in every Frontline process.
const MIGRATION_LOCK: i64 = 0x66_726f_6e74;

/// Runs `work` (migrating, loading reference data) while holding a PostgreSQL advisory lock, so
/// that of several servers starting at once one migrates while the others wait. On SQLite,
/// where a transaction that read before writing is refused at once ("database is locked") if
/// another process wrote meanwhile, the idempotent work is simply tried again.
pub fn with_migration_lock<T>(
    conn: &mut DbConnection,
    work: impl Fn(&mut DbConnection) -> Result<T, StoreError>,
) -> Result<T, StoreError> {
    use diesel::RunQueryDsl;
    let postgres = matches!(conn, DbConnection::Postgresql(_));
    let lock = |conn: &mut DbConnection, sql: &str| -> Result<(), StoreError> {
        diesel::sql_query(format!("SELECT {sql}({MIGRATION_LOCK})"))
            .execute(conn)
            .map(drop)
            .map_err(|e| StoreError::Migration(format!("taking the migration lock: {e}")))
    };
    if !postgres {
        let mut attempt = 0;
        loop {
            attempt += 1;
            match work(conn) {
                Err(e) if attempt < 50 && e.to_string().contains("database is locked") => {
                    std::thread::sleep(std::time::Duration::from_millis(50 * attempt.min(10)));
                }
                other => return other,
            }
        }
    }
    lock(conn, "pg_advisory_lock")?;
    let result = work(conn);
    lock(conn, "pg_advisory_unlock")?;
    result
}
