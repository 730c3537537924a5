//! Released publications: immutable snapshots of every file, one numbered version per release.
//! The database refuses updates and deletes of these tables (see the releases migration).

use crate::db::schema::{release_files, releases, survey_cycles};
use crate::db::DbConnection;
use crate::error::{AppError, AppResult};
use diesel::prelude::*;
use serde::Serialize;

#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = releases)]
pub struct Release {
    pub id: i32,
    pub cycle_id: i32,
    pub version: i32,
    pub released_at: String,
    pub released_by: String,
    pub notes: String,
    /// JSON: need-model parameters, suppression threshold, map style.
    pub parameters: String,
    pub content_hash: String,
}

pub struct NewRelease<'a> {
    pub cycle_id: i32,
    pub version: i32,
    pub released_at: &'a str,
    pub released_by: &'a str,
    pub notes: &'a str,
    pub parameters: &'a str,
    pub content_hash: &'a str,
}

/// Stores a release with all its files in one transaction; a version already taken (two people
/// releasing at once) fails on the unique (cycle, version) key and stores nothing.
pub fn insert(
    conn: &mut DbConnection,
    new: &NewRelease<'_>,
    files: &[(String, Vec<u8>)],
) -> AppResult<Release> {
    conn.transaction(|conn| {
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
        by_id(conn, id)
    })
}

fn by_id(conn: &mut DbConnection, id: i32) -> AppResult<Release> {
    Ok(releases::table
        .find(id)
        .select(Release::as_select())
        .first(conn)?)
}

/// The cycle's newest release, if it has one.
pub fn latest(conn: &mut DbConnection, cycle_id: i32) -> AppResult<Option<Release>> {
    Ok(releases::table
        .filter(releases::cycle_id.eq(cycle_id))
        .order(releases::version.desc())
        .select(Release::as_select())
        .first(conn)
        .optional()?)
}

pub fn version(conn: &mut DbConnection, cycle_id: i32, version: i32) -> AppResult<Release> {
    releases::table
        .filter(releases::cycle_id.eq(cycle_id))
        .filter(releases::version.eq(version))
        .select(Release::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| AppError::NotFound(format!("version {version}")))
}

/// Every release of the cycle, newest first.
pub fn for_cycle(conn: &mut DbConnection, cycle_id: i32) -> AppResult<Vec<Release>> {
    Ok(releases::table
        .filter(releases::cycle_id.eq(cycle_id))
        .order(releases::version.desc())
        .select(Release::as_select())
        .load(conn)?)
}

/// One file of a release.
pub fn file(conn: &mut DbConnection, release_id: i32, path: &str) -> AppResult<Option<Vec<u8>>> {
    Ok(release_files::table
        .filter(release_files::release_id.eq(release_id))
        .filter(release_files::path.eq(path))
        .select(release_files::content)
        .first(conn)
        .optional()?)
}

/// Every file of a release, in path order.
pub fn files(conn: &mut DbConnection, release_id: i32) -> AppResult<Vec<(String, Vec<u8>)>> {
    Ok(release_files::table
        .filter(release_files::release_id.eq(release_id))
        .order(release_files::path)
        .select((release_files::path, release_files::content))
        .load(conn)?)
}

/// Years with at least one release, newest first, with their latest release.
pub fn released_years(conn: &mut DbConnection) -> AppResult<Vec<(i32, String, Release)>> {
    let rows: Vec<(i32, String, Release)> = releases::table
        .inner_join(survey_cycles::table)
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
