//! Feedback links: made by the survey team for any service and by a PCC office for the services
//! working in its areas (audited), printed as a URL and a QR code, withdrawn when a leaflet is out
//! of date or a link is abused.

use crate::access::{self, Scope};
use crate::db::DbConnection;
use crate::error::{AppError, AppResult};
use crate::store::accounts::Account;
use crate::store::feedback::{self, FeedbackLink};
use crate::store::services::{self, Service};

const REFUSAL: &str = "feedback links are for the survey team and PCC offices";

/// Refused (403) unless `account` may see feedback links at all.
pub fn require_access(conn: &mut DbConnection, account: &Account) -> AppResult<()> {
    access::scope_of(conn, account, REFUSAL).map(|_| ())
}

/// How big a printed QR code is drawn, in pixels (it scales without loss).
pub const QR_SIZE: u32 = 240;

/// The services `account` may make links for and see feedback counts of.
pub fn services_for(conn: &mut DbConnection, account: &Account) -> AppResult<Vec<Service>> {
    let scope = access::scope_of(conn, account, REFUSAL)?;
    Ok(services::all(conn)?
        .into_iter()
        .filter(|s| within(&scope, s))
        .collect())
}

fn within(scope: &Scope, service: &Service) -> bool {
    match scope.areas() {
        None => true,
        Some(mine) => service.areas.iter().any(|a| mine.contains(a)),
    }
}

/// Service `id`, if `account` may manage its links; otherwise refused, and the refusal audited.
pub fn service_for(conn: &mut DbConnection, account: &Account, id: i32) -> AppResult<Service> {
    // Who may ask at all comes first, so a refused account learns nothing of what exists.
    let scope = access::scope_of(conn, account, REFUSAL)?;
    let service = services::get(conn, id).map_err(|_| {
        AppError::invalid(
            "service",
            format!("there is no service {id}; choose one from the list"),
        )
    })?;
    if within(&scope, &service) {
        return Ok(service);
    }
    let area = service.areas.first().cloned().unwrap_or_default();
    access::authorize(
        conn,
        account,
        &area,
        &format!("manage feedback links of service {id}"),
    )?;
    Ok(service)
}

/// A new link for service `id`, made by `account`.
pub fn create(conn: &mut DbConnection, account: &Account, id: i32) -> AppResult<FeedbackLink> {
    let service = service_for(conn, account, id)?;
    Ok(feedback::create_link(conn, service.id, &account.email)?)
}

/// Withdraws link `link_id` of service `id`.
pub fn withdraw(
    conn: &mut DbConnection,
    account: &Account,
    id: i32,
    link_id: i32,
) -> AppResult<()> {
    let service = service_for(conn, account, id)?;
    Ok(feedback::withdraw_link(
        conn,
        service.id,
        link_id,
        &account.email,
    )?)
}

/// A new link for the service `name` names ("Organisation – Service"), made from the command
/// line by `by`.
pub fn create_by_name(conn: &mut DbConnection, name: &str, by: &str) -> AppResult<FeedbackLink> {
    let known = services::all(conn)?;
    let id =
        services::named(&known, name).map_err(|problem| AppError::invalid("service", problem))?;
    Ok(feedback::create_link(conn, id, by)?)
}
