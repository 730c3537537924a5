//! Database access: one diesel connection type over SQLite and PostgreSQL, its pool, and migrations.

mod connection;
mod migrations;
pub mod schema;
mod target;

pub use connection::{
    connect_pool, in_transaction, transaction, DbConnection, Pool, PooledConnection,
};
pub use migrations::{run_pending_migrations, with_migration_lock};
pub use target::DatabaseTarget;
