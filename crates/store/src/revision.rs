//! The data's revision: a number that grows with every committed change to the data the
//! platform builds from (database triggers count them; activity such as sessions, the audit log
//! and the outbox is not counted), so whatever is built from the data can be kept until it moves.

use crate::db::DbConnection;
use crate::error::StoreResult;
use diesel::prelude::*;
use diesel::sql_types::BigInt;

/// Tables whose changes do not change the data: activity, not content. Every other table
/// carries the revision triggers.
pub const UNCOUNTED_TABLES: [&str; 5] = [
    "account_setup_tokens",
    "audit_events",
    "login_failures",
    "outbox",
    "sessions",
];

#[derive(QueryableByName)]
struct Revision {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

/// The revision as of now: equal twice only if no change was committed in between.
pub fn current(conn: &mut DbConnection) -> StoreResult<i64> {
    let rows: Vec<Revision> =
        diesel::sql_query("SELECT CAST(COALESCE(SUM(n), 0) AS BIGINT) AS n FROM data_revision")
            .load(conn)?;
    Ok(rows.first().map_or(0, |r| r.n))
}
