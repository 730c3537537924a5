//! Server secrets that must outlive a restart, made on first use and never shown.

use crate::crypto::new_token;
use crate::db::schema::secrets;
use crate::db::DbConnection;
use crate::error::StoreResult;
use diesel::prelude::*;
use diesel::result::{DatabaseErrorKind, Error};

/// The secret `name`, made (256 random bits, as hex) the first time it is asked for. Two servers
/// asking at once agree: the first to store it wins and both read that one.
pub fn get_or_create(conn: &mut DbConnection, name: &str) -> StoreResult<String> {
    let stored = || {
        secrets::table
            .filter(secrets::name.eq(name))
            .select(secrets::value)
    };
    if let Some(value) = stored().first::<String>(conn).optional()? {
        return Ok(value);
    }
    match diesel::insert_into(secrets::table)
        .values((secrets::name.eq(name), secrets::value.eq(new_token())))
        .execute(conn)
    {
        Ok(_) | Err(Error::DatabaseError(DatabaseErrorKind::UniqueViolation, _)) => {}
        Err(e) => return Err(e.into()),
    }
    Ok(stored().first(conn)?)
}
