//! Opening the platform: connect, migrate, load the reference geography and survey definitions.
//! It knows nothing of the demo (the command line seeds it).

use crate::db::{self, DatabaseTarget, Pool, PooledConnection};
use crate::error::StoreResult;

use crate::surveys;
use frontline_geo::Geography;
use survey_engine::Catalogue;

/// What every command and request works with.
#[derive(Clone)]
pub struct Platform {
    pub target: DatabaseTarget,
    pub pool: Pool,
    pub geography: Geography,
    pub catalogue: Catalogue,
}

impl Platform {
    /// Connects, applies pending migrations and syncs the reference geography (idempotent).
    pub fn open(database_url: &str, pool_size: u32) -> StoreResult<Self> {
        let target = DatabaseTarget::parse(database_url)?;
        let pool = db::connect_pool(&target, pool_size.max(1))?;
        let geography = Geography::reference();
        db::with_migration_lock(&mut *pool.get()?, |conn| {
            let applied = db::run_pending_migrations(conn)?;
            if !applied.is_empty() {
                tracing::info!(migrations = ?applied, "applied migrations to {}", target.describe());
            }
            crate::geography::sync_reference(conn, &geography)
        })?;
        Ok(Self {
            target,
            pool,
            geography,
            catalogue: surveys::catalogue()?,
        })
    }

    pub fn conn(&self) -> StoreResult<PooledConnection> {
        Ok(self.pool.get()?)
    }

    /// A second connection to read beside `conn`, if one is free now (without waiting: doing
    /// without only means reading one thing after the other). None while `conn` is inside a
    /// transaction: another connection would see neither its snapshot nor its own writes.
    pub fn spare_conn_beside(&self, conn: &mut db::DbConnection) -> Option<PooledConnection> {
        if db::in_transaction(conn) {
            return None;
        }
        self.pool.try_get()
    }
}
