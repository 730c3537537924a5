//! Migrations embedded in the binary, one set per backend, applied on start-up.

use super::connection::DbConnection;
use crate::error::AppError;
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};

const SQLITE: EmbeddedMigrations = embed_migrations!("../../migrations/sqlite");
const POSTGRES: EmbeddedMigrations = embed_migrations!("../../migrations/postgres");

/// Applies every pending migration; returns the versions applied (none when up to date).
pub fn run_pending_migrations(conn: &mut DbConnection) -> Result<Vec<String>, AppError> {
    let applied = match conn {
        DbConnection::Sqlite(c) => c.run_pending_migrations(SQLITE),
        DbConnection::Postgresql(c) => c.run_pending_migrations(POSTGRES),
    }
    .map_err(|e| AppError::Migration(e.to_string()))?;
    Ok(applied.into_iter().map(|v| v.to_string()).collect())
}
