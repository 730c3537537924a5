//! Staff and PCC accounts, and their signed-in sessions.

use crate::clock;
use crate::clock::Timestamp;
use crate::crypto::{self, LinkToken};
use crate::db::schema::{account_areas, account_setup_tokens, accounts, sessions};
use crate::db::DbConnection;
use crate::error::{StoreError, StoreResult};
use crate::states::Role;
use diesel::prelude::*;
use serde::Serialize;
use survey_engine::contact::EmailAddress;

#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = accounts)]
pub struct Account {
    pub id: i32,
    pub email: String,
    pub name: String,
    pub role: Role,
    #[serde(skip)]
    pub password_hash: String,
    pub created_at: Timestamp,
    pub disabled_at: Option<Timestamp>,
    /// A PCC reviewer's office, e.g. "Office of the PCC for Kent".
    pub office: Option<String>,
    /// The TOTP secret when two-factor sign-in is on.
    #[serde(skip)]
    pub totp_secret: Option<String>,
    #[serde(skip)]
    pub totp_last_step: Option<i64>,
    /// A secret the server made and showed once, waiting for a code that proves the app has it.
    #[serde(skip)]
    pub totp_pending: Option<String>,
}

impl Account {
    pub fn two_factor(&self) -> bool {
        self.totp_secret.is_some()
    }
}

impl Account {
    /// How the account is named in provenance and the audit log.
    pub fn display_name(&self) -> String {
        self.office.clone().unwrap_or_else(|| self.name.clone())
    }
}

/// How long a session lasts without signing in again.
/// A session ends this long after sign-in, whatever happens.
const SESSION_HOURS: i64 = 12;
/// A session ends after this long without a request.
pub const IDLE_MINUTES: i64 = 30;

/// Creates an account, or resets the password and role of an existing one with that email.
pub fn upsert(
    conn: &mut DbConnection,
    email: &str,
    name: &str,
    role: Role,
    password: &str,
) -> StoreResult<Account> {
    let email =
        EmailAddress::parse(email).map_err(|problem| StoreError::invalid("email", problem))?;
    let email = email.as_str();
    check_password_for(email, password)?;
    let hash = crypto::hash_password(password).map_err(|e| StoreError::invalid("password", e))?;
    match by_email(conn, email)? {
        Some(existing) => {
            diesel::update(accounts::table.find(existing.id))
                .set((
                    accounts::name.eq(name),
                    accounts::role.eq(role),
                    accounts::password_hash.eq(&hash),
                ))
                .execute(conn)?;
            // A new password or role starts afresh: sessions signed in under the old ones end.
            end_sessions_of(conn, existing.id)?;
        }
        None => {
            diesel::insert_into(accounts::table)
                .values((
                    accounts::email.eq(email),
                    accounts::name.eq(name),
                    accounts::role.eq(role),
                    accounts::password_hash.eq(&hash),
                    accounts::created_at.eq(clock::now()),
                ))
                .execute(conn)?;
        }
    }
    by_email(conn, email)?.ok_or_else(|| StoreError::NotFound(format!("account {email}")))
}

pub fn by_email(conn: &mut DbConnection, email: &str) -> StoreResult<Option<Account>> {
    Ok(accounts::table
        .filter(accounts::email.eq(email.trim().to_lowercase()))
        .select(Account::as_select())
        .first(conn)
        .optional()?)
}

/// Account `id` as it is now, if it exists.
pub fn by_id(conn: &mut DbConnection, id: i32) -> StoreResult<Option<Account>> {
    Ok(accounts::table
        .find(id)
        .select(Account::as_select())
        .first(conn)
        .optional()?)
}

/// The account if the email and password match an enabled account.
/// An unknown or disabled address costs one password check too, against a hash of nothing
/// anyone knows, so the time taken does not tell which addresses have accounts.
pub fn authenticate(
    conn: &mut DbConnection,
    email: &str,
    password: &str,
) -> StoreResult<Option<Account>> {
    let account = by_email(conn, email)?.filter(|a| a.disabled_at.is_none());
    let matches = match &account {
        Some(a) => crypto::verify_password(password, &a.password_hash),
        None => crypto::verify_password(password, crypto::decoy_password_hash()),
    };
    Ok(account.filter(|_| matches))
}

/// A signed-in session: the cookie token (given once) and the CSRF token its forms carry.
pub struct NewSession {
    pub token: LinkToken,
    pub csrf_token: String,
}

pub fn start_session(conn: &mut DbConnection, account_id: i32) -> StoreResult<NewSession> {
    let token = LinkToken::generate();
    let csrf_token = crypto::new_token();
    let now = clock::now();
    diesel::insert_into(sessions::table)
        .values((
            sessions::token_hash.eq(token.hash()),
            sessions::account_id.eq(account_id),
            sessions::csrf_token.eq(&csrf_token),
            sessions::created_at.eq(&now),
            sessions::expires_at.eq(now.plus_seconds(SESSION_HOURS * 3600)),
            sessions::last_seen_at.eq(&now),
        ))
        .execute(conn)?;
    Ok(NewSession { token, csrf_token })
}

/// The account and CSRF token behind a session cookie, if the session is live: not past its
/// absolute end, and used within the idle limit. Use keeps it alive (recorded at most once a
/// minute, so reading pages costs no write each time).
pub fn session(
    conn: &mut DbConnection,
    token: &LinkToken,
) -> StoreResult<Option<(Account, String)>> {
    let hash = token.hash();
    let idle_since = clock::in_seconds(-IDLE_MINUTES * 60);
    let found = sessions::table
        .inner_join(accounts::table)
        .filter(sessions::token_hash.eq(&hash))
        .filter(sessions::expires_at.gt(clock::now()))
        .filter(sessions::last_seen_at.gt(&idle_since))
        .filter(accounts::disabled_at.is_null())
        .select((Account::as_select(), sessions::csrf_token))
        .first(conn)
        .optional()?;
    if found.is_some() {
        // Best effort: a keep-alive that cannot be written (the database busy or out of reach
        // for a moment) must not fail the page; the next request records it.
        let _kept_alive = diesel::update(
            sessions::table
                .find(&hash)
                .filter(sessions::last_seen_at.lt(clock::in_seconds(-60))),
        )
        .set(sessions::last_seen_at.eq(clock::now()))
        .execute(conn);
    }
    Ok(found)
}

/// Ends every session of an account (revoked by an admin, or its password or role changed).
pub fn end_sessions_of(conn: &mut DbConnection, account_id: i32) -> StoreResult<usize> {
    Ok(
        diesel::delete(sessions::table.filter(sessions::account_id.eq(account_id)))
            .execute(conn)?,
    )
}

pub fn end_session(conn: &mut DbConnection, token: &LinkToken) -> StoreResult<()> {
    diesel::delete(sessions::table.filter(sessions::token_hash.eq(token.hash()))).execute(conn)?;
    Ok(())
}

/// Invites an account that chooses its own password: creates it with no usable password and
/// returns the one-time set-up token to mail (valid for 7 days).
pub fn invite(
    conn: &mut DbConnection,
    email: &str,
    name: &str,
    role: Role,
    office: Option<&str>,
) -> StoreResult<(Account, LinkToken)> {
    let placeholder = crypto::new_token();
    let account = upsert(conn, email, name, role, &placeholder)?;
    diesel::update(accounts::table.find(account.id))
        .set((
            accounts::password_hash.eq("!unset"),
            accounts::office.eq(office),
        ))
        .execute(conn)?;
    let token = LinkToken::generate();
    diesel::insert_into(account_setup_tokens::table)
        .values((
            account_setup_tokens::token_hash.eq(token.hash()),
            account_setup_tokens::account_id.eq(account.id),
            account_setup_tokens::expires_at.eq(clock::in_seconds(7 * 24 * 3600)),
        ))
        .execute(conn)?;
    let account = by_email(conn, &account.email)?
        .ok_or_else(|| StoreError::NotFound(format!("account {email}")))?;
    Ok((account, token))
}

/// The account a live, unused set-up token belongs to.
pub fn by_setup_token(conn: &mut DbConnection, token: &LinkToken) -> StoreResult<Option<Account>> {
    Ok(account_setup_tokens::table
        .inner_join(accounts::table)
        .filter(account_setup_tokens::token_hash.eq(token.hash()))
        .filter(account_setup_tokens::used_at.is_null())
        .filter(account_setup_tokens::expires_at.gt(clock::now()))
        .select(Account::as_select())
        .first(conn)
        .optional()?)
}

/// Sets the password through a set-up token, which is then used up.
pub fn complete_setup(
    conn: &mut DbConnection,
    token: &LinkToken,
    password: &str,
) -> StoreResult<Account> {
    let account = by_setup_token(conn, token)?.ok_or_else(|| {
        StoreError::Closed(
            "this link has expired or has been used; ask the survey team for a new one".into(),
        )
    })?;
    check_password_for(&account.email, password)?;
    let hash = crypto::hash_password(password).map_err(|e| StoreError::invalid("password", e))?;
    diesel::update(accounts::table.find(account.id))
        .set(accounts::password_hash.eq(hash))
        .execute(conn)?;
    diesel::update(
        account_setup_tokens::table.filter(account_setup_tokens::token_hash.eq(token.hash())),
    )
    .set(account_setup_tokens::used_at.eq(clock::now()))
    .execute(conn)?;
    Ok(account)
}

/// Replaces the police force areas an account may see.
pub fn set_areas(conn: &mut DbConnection, account_id: i32, codes: &[String]) -> StoreResult<()> {
    diesel::delete(account_areas::table.filter(account_areas::account_id.eq(account_id)))
        .execute(conn)?;
    for code in codes {
        diesel::insert_into(account_areas::table)
            .values((
                account_areas::account_id.eq(account_id),
                account_areas::pfa_code.eq(code),
            ))
            .execute(conn)?;
    }
    Ok(())
}

pub fn areas_of(conn: &mut DbConnection, account_id: i32) -> StoreResult<Vec<String>> {
    Ok(account_areas::table
        .filter(account_areas::account_id.eq(account_id))
        .order(account_areas::pfa_code)
        .select(account_areas::pfa_code)
        .load(conn)?)
}

/// Every account's areas (codes in order), by account; accounts without areas are absent.
pub fn areas_by_account(
    conn: &mut DbConnection,
) -> StoreResult<std::collections::BTreeMap<i32, Vec<String>>> {
    let rows: Vec<(i32, String)> = account_areas::table
        .order((account_areas::account_id, account_areas::pfa_code))
        .select((account_areas::account_id, account_areas::pfa_code))
        .load(conn)?;
    let mut by_account = std::collections::BTreeMap::<i32, Vec<String>>::new();
    for (account, code) in rows {
        by_account.entry(account).or_default().push(code);
    }
    Ok(by_account)
}

pub fn all(conn: &mut DbConnection) -> StoreResult<Vec<Account>> {
    Ok(accounts::table
        .order(accounts::email)
        .select(Account::as_select())
        .load(conn)?)
}

/// Passwords known from breaches and guessing lists, lower-cased (see fixtures/README.md).
const COMMON_PASSWORDS: &str = include_str!("../../../fixtures/common-passwords.txt");

/// NCSC guidance: length over complexity (12 or more characters, up to 128 so passphrases fit),
/// no password that is common, breached or made from the account itself, and no composition rules.
pub fn check_password_for(email: &str, password: &str) -> StoreResult<()> {
    let length = password.chars().count();
    if length < 12 {
        return Err(StoreError::invalid(
            "password",
            "must be at least 12 characters long",
        ));
    }
    if length > 128 {
        return Err(StoreError::invalid(
            "password",
            "must be 128 characters or fewer",
        ));
    }
    let lower = password.to_lowercase();
    let squashed: String = lower.chars().filter(|c| c.is_alphanumeric()).collect();
    let common = COMMON_PASSWORDS
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .any(|known| known == lower || known == squashed);
    let one_character = lower.chars().all(|c| lower.starts_with(c));
    let local = email.split('@').next().unwrap_or("").to_lowercase();
    let about_the_account = local.len() >= 4 && squashed.contains(&local);
    if common || one_character || about_the_account {
        return Err(StoreError::invalid(
            "password",
            "is too easy to guess (it is a common or breached password, or contains the account's name); try three random words",
        ));
    }
    Ok(())
}

/// Makes a new two-factor secret for the account, kept pending until a code proves the person's
/// app holds it; any earlier pending secret is replaced. Returns it, to be shown once.
pub fn new_pending_totp(conn: &mut DbConnection, account_id: i32) -> StoreResult<String> {
    let secret = crypto::new_totp_secret();
    diesel::update(accounts::table.find(account_id))
        .set(accounts::totp_pending.eq(&secret))
        .execute(conn)?;
    Ok(secret)
}

/// Turns two-factor sign-in on with the pending secret, when `code` is its current code;
/// audited by the caller. The code's step counts as used, so it cannot sign in again.
pub fn enable_totp(conn: &mut DbConnection, account: &Account, code: &str) -> StoreResult<()> {
    let step = account
        .totp_pending
        .as_deref()
        .and_then(|secret| crypto::verify_totp(secret, code, crypto::totp_step_now()))
        .ok_or_else(|| {
            StoreError::invalid(
                "code",
                "that is not the current code for the key on this page; check the app's clock, or reload the page for a new key",
            )
        })?;
    diesel::update(accounts::table.find(account.id))
        .set((
            accounts::totp_secret.eq(&account.totp_pending),
            accounts::totp_pending.eq(None::<String>),
            accounts::totp_last_step.eq(step),
        ))
        .execute(conn)?;
    Ok(())
}

/// Turns two-factor sign-in off; audited by the caller.
pub fn disable_totp(conn: &mut DbConnection, account_id: i32) -> StoreResult<()> {
    diesel::update(accounts::table.find(account_id))
        .set((
            accounts::totp_secret.eq(None::<String>),
            accounts::totp_pending.eq(None::<String>),
            accounts::totp_last_step.eq(None::<i64>),
        ))
        .execute(conn)?;
    Ok(())
}

/// Records the time step of an accepted code; refuses one already used (a replay).
pub fn use_totp_step(conn: &mut DbConnection, account: &Account, step: i64) -> StoreResult<bool> {
    let taken = diesel::update(
        accounts::table.find(account.id).filter(
            accounts::totp_last_step
                .is_null()
                .or(accounts::totp_last_step.lt(step)),
        ),
    )
    .set(accounts::totp_last_step.eq(step))
    .execute(conn)?;
    Ok(taken == 1)
}

pub fn set_office(conn: &mut DbConnection, account_id: i32, office: &str) -> StoreResult<()> {
    diesel::update(accounts::table.find(account_id))
        .set(accounts::office.eq(office))
        .execute(conn)?;
    Ok(())
}
