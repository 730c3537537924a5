//! `frontline backup` and `frontline restore` for SQLite: an online, consistent copy made by
//! SQLite itself (`VACUUM INTO`), checked and put back while the server is stopped. PostgreSQL
//! is backed up with its own tools (`pg_dump` / `pg_restore`, see the README).

use crate::db::{DatabaseTarget, DbConnection};
use crate::error::{AppError, AppResult};
use crate::store::audit;
use diesel::connection::SimpleConnection;
use diesel::{Connection, RunQueryDsl};
use std::path::Path;

fn sqlite_only(target: &DatabaseTarget, what: &str) -> AppResult<()> {
    match target {
        DatabaseTarget::Sqlite(_) => Ok(()),
        DatabaseTarget::Postgres(_) => Err(AppError::config(format!(
            "{what} works on SQLite; for PostgreSQL use pg_dump --format=custom --file=FILE \"$DATABASE_URL\" (and pg_restore --clean --dbname=\"$DATABASE_URL\" FILE)"
        ))),
    }
}

/// Writes a consistent copy of the live database to `out` (which must not exist yet).
pub fn backup(
    target: &DatabaseTarget,
    conn: &mut DbConnection,
    out: &Path,
    actor: &str,
) -> AppResult<()> {
    sqlite_only(target, "backup")?;
    if out.exists() {
        return Err(AppError::invalid(
            "out",
            format!("{} already exists; choose a new file", out.display()),
        ));
    }
    audit::record(
        conn,
        audit::Change {
            actor,
            action: "database.backed_up",
            entity: "database",
            entity_id: target.describe(),
            after: Some(out.display().to_string()),
            ..Default::default()
        },
    )?;
    let path = out.display().to_string().replace('\'', "''");
    conn.batch_execute(&format!("VACUUM INTO '{path}'"))
        .map_err(|e| AppError::config(format!("backing up to {}: {e}", out.display())))
}

/// Replaces the SQLite database at `target` with the backup `from`, after checking the backup is
/// an intact Frontline database. The server must be stopped.
pub fn restore(target: &DatabaseTarget, from: &Path, actor: &str) -> AppResult<()> {
    sqlite_only(target, "restore")?;
    let DatabaseTarget::Sqlite(path) = target else {
        return Ok(());
    };
    if !from.is_file() {
        return Err(AppError::invalid(
            "from",
            format!("{} is not a file", from.display()),
        ));
    }
    check_backup(from)?;
    for suffix in ["-wal", "-shm"] {
        let side = format!("{}{suffix}", path.display());
        if Path::new(&side).exists() {
            std::fs::remove_file(&side).map_err(|e| AppError::file(&side, e))?;
        }
    }
    std::fs::copy(from, path).map_err(|e| AppError::file(path, e))?;
    let mut conn = DbConnection::Sqlite(
        diesel::SqliteConnection::establish(&path.display().to_string())
            .map_err(|e| AppError::config(format!("opening the restored database: {e}")))?,
    );
    audit::record(
        &mut conn,
        audit::Change {
            actor,
            action: "database.restored",
            entity: "database",
            entity_id: target.describe(),
            after: Some(from.display().to_string()),
            ..Default::default()
        },
    )?;
    Ok(())
}

/// A backup is restorable when SQLite finds it intact and it holds Frontline's tables.
fn check_backup(file: &Path) -> AppResult<()> {
    let bad = |problem: String| AppError::invalid("from", format!("{}: {problem}", file.display()));
    let mut conn = diesel::SqliteConnection::establish(&file.display().to_string())
        .map_err(|e| bad(format!("cannot be opened: {e}")))?;
    #[derive(diesel::QueryableByName)]
    struct Check {
        #[diesel(sql_type = diesel::sql_types::Text)]
        integrity_check: String,
    }
    let checks: Vec<Check> = diesel::sql_query("PRAGMA integrity_check")
        .load(&mut conn)
        .map_err(|e| bad(format!("is not a SQLite database ({e})")))?;
    if checks.first().map(|c| c.integrity_check.as_str()) != Some("ok") {
        return Err(bad("is damaged (integrity check failed)".into()));
    }
    conn.batch_execute("SELECT 1 FROM survey_cycles LIMIT 1; SELECT 1 FROM audit_events LIMIT 1;")
        .map_err(|_| bad("is not a Frontline database".into()))
}
