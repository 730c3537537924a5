//! `/returns/{id}/grants…`: a programme's grant agreements for its commissioners (the survey
//! team, and the PCC office of the area holding each grant) — the list with each grant's
//! standing and the import (`listing.rs`), a grant's page (`page.rs`) and what its forms do
//! (`actions.rs`: spend, review, partners). Here: who may see which grant.

mod actions;
mod listing;
mod page;

pub use actions::{decide_review, open_review, record_finance, set_subcontract};
pub use listing::{import, list, monitoring_csv};
pub use page::show;

use crate::access::{self, Scope};
use crate::error::{AppError, AppResult};
use crate::grants;
use crate::http::auth::Staff;
use crate::http::AppState;
use crate::store::grants::{self as stored, StoredGrant};
use crate::store::services::{self, Service};
use frontline_provision::Day;

/// How many of the programme's latest periods the pages show.
pub(super) const SHOWN_PERIODS: usize = 4;

/// Why an account that may not read grants is refused.
pub(super) const GRANTS_REFUSAL: &str = "grants are for commissioners and the survey team";

pub(super) fn scope(s: &AppState, staff: &Staff) -> AppResult<Scope> {
    access::scope_of(&mut *s.platform.conn()?, &staff.account, GRANTS_REFUSAL)
}

pub(super) fn today() -> AppResult<Day> {
    Day::parse(&crate::clock::today()).map_err(|e| AppError::Task(format!("today: {e}")))
}

/// The programme's grant `grant_ref`, if the account may see it (refused and audited if not).
pub(super) fn find(
    s: &AppState,
    staff: &Staff,
    id: &str,
    grant_ref: &str,
) -> AppResult<(StoredGrant, Service)> {
    let mut conn = s.platform.conn()?;
    let scope = scope(s, staff)?;
    // To a PCC office a missing grant is refused as another area's is (audited), so references
    // cannot be probed.
    let grant = match stored::by_ref(&mut conn, id, grant_ref) {
        Ok(grant) => grant,
        Err(crate::store::StoreError::NotFound(_)) if scope.areas().is_some() => {
            let _audited = access::authorize(&mut conn, &staff.account, "", "see a grant");
            return Err(AppError::Forbidden(
                "your account cannot see this grant".into(),
            ));
        }
        Err(other) => return Err(other.into()),
    };
    if !grants::holds(&scope, &grant) {
        // Audited, and refused in the same words as a grant that does not exist.
        let _audited = access::authorize(
            &mut conn,
            &staff.account,
            &grant.commissioned_in,
            "see a grant",
        );
        return Err(AppError::Forbidden(
            "your account cannot see this grant".into(),
        ));
    }
    let service = services::get(&mut conn, grant.terms.service_id)?;
    Ok((grant, service))
}

/// Whether the day notice must be given by falls within the next three months.
pub(super) fn notice_soon(grant: &StoredGrant, today: Day) -> bool {
    let by = grant.terms.notice_by();
    today <= by && by <= today.plus_months(3)
}
