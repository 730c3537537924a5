//! Data protection from the command line: backup, restore, retention and subject access.

use frontline_web::db::DatabaseTarget;
use frontline_web::error::{AppError, AppResult};
use frontline_web::privacy::{backup as db_backup, retention as policy, subject_access};
use frontline_web::Platform;
use std::path::Path;

/// Who runs these commands, for the audit log.
fn actor() -> String {
    std::env::var("FRONTLINE_ACTOR").unwrap_or_else(|_| "cli".into())
}

pub fn backup(platform: &Platform, out: &Path) -> AppResult<()> {
    db_backup::backup(&platform.target, &mut *platform.conn()?, out, &actor())?;
    println!(
        "backed up {} to {}",
        platform.target.describe(),
        out.display()
    );
    Ok(())
}

/// Restores without opening the platform: the database being replaced may be damaged.
pub fn restore(database_url: &str, from: &Path) -> AppResult<()> {
    let target = DatabaseTarget::parse(database_url)?;
    db_backup::restore(&target, from, &actor())?;
    println!("restored {} from {}", target.describe(), from.display());
    Ok(())
}

pub fn retention(platform: &Platform, keep: usize, dry_run: bool) -> AppResult<()> {
    let erased = policy::apply(
        &mut *platform.conn()?,
        &platform.catalogue,
        keep,
        dry_run,
        &actor(),
    )?;
    let verb = if dry_run { "would erase" } else { "erased" };
    println!(
        "{verb} personal data from cycles {:?}: {} responses' personal answers, {} other instruments' respondents, {} contacts, {} mail addresses",
        erased.cycles, erased.responses, erased.instrument_responses, erased.contacts, erased.messages
    );
    Ok(())
}

pub fn subject_access(platform: &Platform, email: &str, out: &Path) -> AppResult<()> {
    let data = subject_access::export(&mut *platform.conn()?, email, &actor())?;
    let text = serde_json::to_string_pretty(&data)
        .map_err(|e| AppError::Task(format!("writing the export: {e}")))?;
    std::fs::write(out, text).map_err(|e| AppError::file(out, e))?;
    println!("wrote everything held on {email} to {}", out.display());
    Ok(())
}
