//! Setting up: serving, migrating, the demo and staff accounts.

use frontline_web::error::{AppError, AppResult};
use frontline_web::mail::MailSettings;
use frontline_web::store::accounts;
use frontline_web::store::states::Role;
use frontline_web::Platform;

pub fn serve(
    platform: Platform,
    mail: MailSettings,
    bind: &str,
    demo: bool,
    trusted_proxies: &str,
    open_links: frontline_web::instruments::open_links::OpenLinkGuard,
    feedback: &frontline_web::voice::desk::FeedbackSettings,
) -> AppResult<()> {
    let trusted = frontline_web::http::client::parse_trusted(trusted_proxies)
        .map_err(|e| frontline_web::error::AppError::invalid("trusted-proxies", e))?;
    if demo {
        seed_demo_if_empty(&platform, 2017)?;
    }
    frontline_web::http::serve(platform, mail, bind, trusted, open_links, feedback)
}

/// Clears an account's failed sign-ins so it can sign in again; audited.
pub fn unlock_account(platform: &Platform, email: &str, by: &str) -> AppResult<()> {
    let mut conn = platform.conn()?;
    let account = accounts::by_email(&mut conn, email)?
        .ok_or_else(|| frontline_web::error::AppError::NotFound(format!("account {email}")))?;
    let cleared = frontline_web::http::rate_limit::LoginLimiter::default()
        .clear_account(&mut conn, &account.email)?;
    frontline_web::store::audit::record(
        &mut conn,
        frontline_web::store::audit::Change {
            actor: by,
            action: "account.unlocked",
            entity: "account",
            entity_id: account.email.clone(),
            before: Some(format!("{cleared} recent failed sign-ins")),
            ..Default::default()
        },
    )?;
    println!(
        "{} can sign in again ({cleared} failed sign-ins cleared)",
        account.email
    );
    Ok(())
}

pub fn migrate(platform: &Platform) -> AppResult<()> {
    println!("{} is up to date", platform.target.describe());
    Ok(())
}

/// Creates the demo cycles when the database has none.
fn seed_demo_if_empty(platform: &Platform, seed: u64) -> AppResult<()> {
    if frontline_web::store::cycles::count(&mut *platform.conn()?)? == 0 {
        let summary = frontline_demo::create(platform, seed)?;
        tracing::info!("{summary}");
    }
    Ok(())
}

pub fn demo(platform: &Platform, seed: u64) -> AppResult<()> {
    println!("{}", frontline_demo::create(platform, seed)?);
    Ok(())
}

/// Generates a deployment for benchmarks (each part's time is printed as it is made).
pub fn generate_deployment(
    platform: &Platform,
    scale: &frontline_demo::deployment::Scale,
    seed: u64,
) -> AppResult<()> {
    if !(1..=50).contains(&scale.years) {
        return Err(AppError::invalid("years", "give between 1 and 50 years"));
    }
    if scale.services == 0 || scale.accounts == 0 {
        return Err(AppError::invalid(
            "services",
            "give at least one service and one account",
        ));
    }
    println!(
        "{}",
        frontline_demo::deployment::create(platform, scale, seed)?
    );
    Ok(())
}

pub fn create_account(
    platform: &Platform,
    email: &str,
    name: &str,
    role: Role,
    password: &str,
) -> AppResult<()> {
    let account = accounts::upsert(&mut *platform.conn()?, email, name, role, password)?;
    println!("account {} ({}) is ready", account.email, account.role);
    Ok(())
}

/// Ends every session of an account; audited.
pub fn revoke_sessions(platform: &Platform, email: &str, by: &str) -> AppResult<()> {
    let mut conn = platform.conn()?;
    let account = accounts::by_email(&mut conn, email)?
        .ok_or_else(|| frontline_web::error::AppError::NotFound(format!("account {email}")))?;
    let ended = accounts::end_sessions_of(&mut conn, account.id)?;
    frontline_web::store::audit::record(
        &mut conn,
        frontline_web::store::audit::Change {
            actor: by,
            action: "account.sessions_revoked",
            entity: "account",
            entity_id: account.email.clone(),
            before: Some(format!("{ended} sessions")),
            ..Default::default()
        },
    )?;
    println!(
        "{} is signed out everywhere ({ended} sessions ended)",
        account.email
    );
    Ok(())
}
