//! Released publications: immutable snapshots of every file, one numbered version per release.
//! The database refuses updates and deletes of these tables (see the releases migration).

use crate::clock::Timestamp;
use crate::db::schema::{
    release_cells, release_files, release_withdrawals, releases, survey_cycles,
};
use crate::db::DbConnection;
use crate::error::{StoreError, StoreResult};
use diesel::prelude::*;
use serde::Serialize;

#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = releases)]
pub struct Release {
    pub id: i32,
    pub cycle_id: i32,
    pub version: i32,
    pub released_at: Timestamp,
    pub released_by: String,
    pub notes: String,
    /// JSON: need-model parameters, suppression threshold, map style.
    pub parameters: String,
    pub content_hash: String,
}

pub struct NewRelease<'a> {
    pub cycle_id: i32,
    pub version: i32,
    pub released_at: &'a Timestamp,
    pub released_by: &'a str,
    pub notes: &'a str,
    pub parameters: &'a str,
    pub content_hash: &'a str,
}

/// Stores a release with all its files in one transaction; a version already taken (two people
/// releasing at once) fails on the unique (cycle, version) key and stores nothing.
/// Stores a release: its record, every file, and (privately) the cells of people it published.
pub fn insert(
    conn: &mut DbConnection,
    new: &NewRelease<'_>,
    files: &[(String, Vec<u8>)],
    cells: &str,
) -> StoreResult<Release> {
    crate::db::transaction(conn, |conn| {
        let id: i32 = diesel::insert_into(releases::table)
            .values((
                releases::cycle_id.eq(new.cycle_id),
                releases::version.eq(new.version),
                releases::released_at.eq(new.released_at),
                releases::released_by.eq(new.released_by),
                releases::notes.eq(new.notes),
                releases::parameters.eq(new.parameters),
                releases::content_hash.eq(new.content_hash),
            ))
            .returning(releases::id)
            .get_result(conn)?;
        for (path, content) in files {
            diesel::insert_into(release_files::table)
                .values((
                    release_files::release_id.eq(id),
                    release_files::path.eq(path),
                    release_files::content.eq(content),
                ))
                .execute(conn)?;
        }
        diesel::insert_into(release_cells::table)
            .values((
                release_cells::release_id.eq(id),
                release_cells::cells.eq(cells),
            ))
            .execute(conn)?;
        by_id(conn, id)
    })
}

/// What every release of the cycle published of its tables of people, oldest first (releases
/// made before these were kept have none).
pub fn cells_of_cycle(conn: &mut DbConnection, cycle_id: i32) -> StoreResult<Vec<String>> {
    Ok(release_cells::table
        .inner_join(releases::table)
        .filter(releases::cycle_id.eq(cycle_id))
        .order(releases::version)
        .select(release_cells::cells)
        .load(conn)?)
}

fn by_id(conn: &mut DbConnection, id: i32) -> StoreResult<Release> {
    Ok(releases::table
        .find(id)
        .select(Release::as_select())
        .first(conn)?)
}

/// A version withdrawn from public view, and why.
#[derive(Debug, Clone, Queryable, Serialize)]
pub struct Withdrawal {
    pub release_id: i32,
    pub withdrawn_at: Timestamp,
    pub withdrawn_by: String,
    pub reason: String,
}

/// Withdraws a release from public view for good (its files are kept, never served again).
pub fn withdraw(
    conn: &mut DbConnection,
    release_id: i32,
    by: &str,
    reason: &str,
) -> StoreResult<()> {
    diesel::insert_into(release_withdrawals::table)
        .values((
            release_withdrawals::release_id.eq(release_id),
            release_withdrawals::withdrawn_at.eq(crate::clock::now()),
            release_withdrawals::withdrawn_by.eq(by),
            release_withdrawals::reason.eq(reason),
        ))
        .execute(conn)?;
    Ok(())
}

/// The withdrawal of a release, if it was withdrawn.
pub fn withdrawal(conn: &mut DbConnection, release_id: i32) -> StoreResult<Option<Withdrawal>> {
    Ok(release_withdrawals::table
        .find(release_id)
        .first(conn)
        .optional()?)
}

/// The cycle's newest release the public may read (not withdrawn), if it has one.
pub fn latest_public(conn: &mut DbConnection, cycle_id: i32) -> StoreResult<Option<Release>> {
    Ok(releases::table
        .left_join(release_withdrawals::table)
        .filter(releases::cycle_id.eq(cycle_id))
        .filter(release_withdrawals::release_id.is_null())
        .order(releases::version.desc())
        .select(Release::as_select())
        .first(conn)
        .optional()?)
}

/// The cycle's newest release, if it has one (withdrawn or not: versions are never reused).
pub fn latest(conn: &mut DbConnection, cycle_id: i32) -> StoreResult<Option<Release>> {
    Ok(releases::table
        .filter(releases::cycle_id.eq(cycle_id))
        .order(releases::version.desc())
        .select(Release::as_select())
        .first(conn)
        .optional()?)
}

pub fn version(conn: &mut DbConnection, cycle_id: i32, version: i32) -> StoreResult<Release> {
    releases::table
        .filter(releases::cycle_id.eq(cycle_id))
        .filter(releases::version.eq(version))
        .select(Release::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| StoreError::NotFound(format!("version {version}")))
}

/// Every release of the cycle, newest first.
pub fn for_cycle(conn: &mut DbConnection, cycle_id: i32) -> StoreResult<Vec<Release>> {
    Ok(releases::table
        .filter(releases::cycle_id.eq(cycle_id))
        .order(releases::version.desc())
        .select(Release::as_select())
        .load(conn)?)
}

/// One file of a release.
pub fn file(conn: &mut DbConnection, release_id: i32, path: &str) -> StoreResult<Option<Vec<u8>>> {
    Ok(release_files::table
        .filter(release_files::release_id.eq(release_id))
        .filter(release_files::path.eq(path))
        .select(release_files::content)
        .first(conn)
        .optional()?)
}

/// Whether a release holds a file at `path`, without reading it.
pub fn has_file(conn: &mut DbConnection, release_id: i32, path: &str) -> StoreResult<bool> {
    Ok(diesel::select(diesel::dsl::exists(
        release_files::table
            .filter(release_files::release_id.eq(release_id))
            .filter(release_files::path.eq(path)),
    ))
    .get_result(conn)?)
}

/// Every file of a release, in path order.
pub fn files(conn: &mut DbConnection, release_id: i32) -> StoreResult<Vec<(String, Vec<u8>)>> {
    Ok(release_files::table
        .filter(release_files::release_id.eq(release_id))
        .order(release_files::path)
        .select((release_files::path, release_files::content))
        .load(conn)?)
}

/// Years with at least one public release, newest first, with their latest public release.
pub fn released_years(conn: &mut DbConnection) -> StoreResult<Vec<(i32, String, Release)>> {
    let rows: Vec<(i32, String, Release)> = releases::table
        .inner_join(survey_cycles::table)
        .left_join(release_withdrawals::table)
        .filter(release_withdrawals::release_id.is_null())
        .order((survey_cycles::year.desc(), releases::version.desc()))
        .select((
            survey_cycles::year,
            survey_cycles::title,
            Release::as_select(),
        ))
        .load(conn)?;
    let mut out: Vec<(i32, String, Release)> = Vec::new();
    for row in rows {
        if out.last().is_none_or(|(year, _, _)| *year != row.0) {
            out.push(row);
        }
    }
    Ok(out)
}
