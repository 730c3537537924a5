//! Setting up: serving, migrating, the demo and staff accounts.

use crate::bootstrap::Platform;
use crate::error::AppResult;
use crate::mail::MailSettings;
use crate::store::accounts;

pub fn serve(platform: Platform, mail: MailSettings, bind: &str, demo: bool) -> AppResult<()> {
    if demo {
        platform.ensure_demo(2017)?;
    }
    crate::http::serve(platform, mail, bind)
}

pub fn migrate(platform: &Platform) -> AppResult<()> {
    println!("{} is up to date", platform.target.describe());
    Ok(())
}

pub fn demo(platform: &Platform, seed: u64) -> AppResult<()> {
    println!("{}", crate::demo::create(platform, seed)?);
    Ok(())
}

pub fn create_account(
    platform: &Platform,
    email: &str,
    name: &str,
    role: &str,
    password: &str,
) -> AppResult<()> {
    let account = accounts::upsert(&mut *platform.conn()?, email, name, role, password)?;
    println!("account {} ({}) is ready", account.email, account.role);
    Ok(())
}
