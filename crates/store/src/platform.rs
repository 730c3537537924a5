//! Opening the platform: connect, migrate, load the reference geography and survey definitions.

use crate::db::{self, DatabaseTarget, Pool, PooledConnection};
use crate::error::AppResult;
use crate::store;
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
    pub fn open(database_url: &str, pool_size: u32) -> AppResult<Self> {
        let target = DatabaseTarget::parse(database_url)?;
        let pool = db::connect_pool(&target, pool_size.max(1))?;
        let geography = Geography::reference();
        db::with_migration_lock(&mut *pool.get()?, |conn| {
            let applied = db::run_pending_migrations(conn)?;
            if !applied.is_empty() {
                tracing::info!(migrations = ?applied, "applied migrations to {}", target.describe());
            }
            store::geography::sync_reference(conn, &geography)
        })?;
        Ok(Self {
            target,
            pool,
            geography,
            catalogue: surveys::catalogue()?,
        })
    }

    pub fn conn(&self) -> AppResult<PooledConnection> {
        Ok(self.pool.get()?)
    }

    /// Creates the demo cycles when the database has none.
    pub fn ensure_demo(&self, seed: u64) -> AppResult<()> {
        if store::cycles::count(&mut *self.conn()?)? == 0 {
            let summary = crate::demo::create(self, seed)?;
            tracing::info!("{summary}");
        }
        Ok(())
    }
}
