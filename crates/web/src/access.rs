//! The one answer to "which areas' figures may this account see": the survey team (admins and
//! analysts) sees every area; a PCC office only its own, and before a cycle is released it sees
//! nothing about any other area — other areas, regions, England and Wales and ranks come only
//! from released cycles (see `frontline_needs::pack::ReleasedComparators` and the provisional
//! edition of the publication). Every page, map, CSV and workbook of provisional views, draft
//! packs, provision and returns pages is scoped by [`scope_of`] or [`authorize`]; a refusal to
//! see another area is audited.

use crate::db::DbConnection;
use crate::error::{AppError, AppResult};
use crate::store::accounts::{self, Account};
use crate::store::audit;
use crate::store::states::Role;

/// The areas whose figures an account may see.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// Every area (the survey team, or a public release).
    Everything,
    /// Only these areas (a PCC office's own), by ONS code.
    Areas(Vec<String>),
}

impl Scope {
    /// The areas, or `None` for every area.
    pub fn areas(&self) -> Option<&[String]> {
        match self {
            Scope::Everything => None,
            Scope::Areas(codes) => Some(codes),
        }
    }

    pub fn includes(&self, code: &str) -> bool {
        self.areas()
            .is_none_or(|codes| codes.iter().any(|c| c == code))
    }
}

/// The account's scope; an account with no figures to see (a coder) is refused with `refusal`.
pub fn scope_of(conn: &mut DbConnection, account: &Account, refusal: &str) -> AppResult<Scope> {
    match account.role {
        Role::Admin | Role::Analyst => Ok(Scope::Everything),
        Role::PccReviewer => Ok(Scope::Areas(accounts::areas_of(conn, account.id)?)),
        Role::Coder | Role::Referrer => Err(AppError::Forbidden(refusal.to_string())),
    }
}

/// Whether the account may see `pfa`: refused (403) and audited when it may not, with `what`
/// it tried to do.
pub fn authorize(
    conn: &mut DbConnection,
    account: &Account,
    pfa: &str,
    what: &str,
) -> AppResult<Scope> {
    let scope = match account.role {
        Role::Admin | Role::Analyst | Role::PccReviewer => scope_of(conn, account, what)?,
        Role::Coder | Role::Referrer => Scope::Areas(Vec::new()),
    };
    if scope.includes(pfa) {
        return Ok(scope);
    }
    audit::record(
        conn,
        audit::Change {
            actor: &account.email,
            action: "access.denied",
            entity: "police_force_area",
            entity_id: pfa.to_string(),
            reason: Some(what.to_string()),
            ..Default::default()
        },
    )?;
    Err(AppError::Forbidden(format!(
        "your account cannot see the figures for {pfa}"
    )))
}
