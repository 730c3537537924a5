//! The audit log: who changed what, when, from what to what, and why.

use crate::clock;
use crate::clock::Timestamp;
use crate::db::schema::audit_events;
use crate::db::DbConnection;
use crate::error::StoreResult;
use diesel::prelude::*;
use serde::Serialize;

#[derive(Debug, Clone, Default)]
pub struct Change<'a> {
    pub actor: &'a str,
    pub action: &'a str,
    pub entity: &'a str,
    pub entity_id: String,
    pub before: Option<String>,
    pub after: Option<String>,
    pub reason: Option<String>,
}

#[derive(Debug, Clone, Queryable, Serialize)]
pub struct AuditEvent {
    pub id: i32,
    pub at: Timestamp,
    pub actor: String,
    pub action: String,
    pub entity: String,
    pub entity_id: String,
    pub before_value: Option<String>,
    pub after_value: Option<String>,
    pub reason: Option<String>,
}

pub fn record(conn: &mut DbConnection, change: Change<'_>) -> StoreResult<()> {
    diesel::insert_into(audit_events::table)
        .values((
            audit_events::at.eq(clock::now()),
            audit_events::actor.eq(change.actor),
            audit_events::action.eq(change.action),
            audit_events::entity.eq(change.entity),
            audit_events::entity_id.eq(change.entity_id),
            audit_events::before_value.eq(change.before),
            audit_events::after_value.eq(change.after),
            audit_events::reason.eq(change.reason),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn for_entity(conn: &mut DbConnection, entity: &str, id: &str) -> StoreResult<Vec<AuditEvent>> {
    Ok(audit_events::table
        .filter(audit_events::entity.eq(entity))
        .filter(audit_events::entity_id.eq(id))
        .order(audit_events::id)
        .load(conn)?)
}

/// The latest `limit` events, newest first.
pub fn recent(conn: &mut DbConnection, limit: i64) -> StoreResult<Vec<AuditEvent>> {
    Ok(audit_events::table
        .order(audit_events::id.desc())
        .limit(limit)
        .load(conn)?)
}

/// Which events to show of the log: those whose actor, action, entity, id or reason contains
/// `text` (whatever the case of A to Z; of every letter on PostgreSQL), and whose action is of the kind `action` names (`publication`
/// keeps `publication.released`…; a whole action such as `vacancy.posted` keeps that action).
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub text: String,
    pub action: String,
}

type Backend = <DbConnection as diesel::Connection>::Backend;

diesel::define_sql_function! {
    /// Text in lower case, so a search finds any case alike on every backend.
    fn lower(text: diesel::sql_types::Text) -> diesel::sql_types::Text;
}

/// The events `filter` keeps, as a query to count or page through.
fn matching(filter: &Filter) -> audit_events::BoxedQuery<'static, Backend> {
    let mut query = audit_events::table.into_boxed();
    let text = filter.text.trim();
    if !text.is_empty() {
        // Both sides in lower case by the database's own rule, so text typed as stored is always
        // found (SQLite lowers only A to Z; PostgreSQL every letter).
        let like = || lower(format!("%{}%", escape_like(text)));
        query = query.filter(
            lower(audit_events::actor)
                .like(like())
                .escape('\\')
                .or(lower(audit_events::action).like(like()).escape('\\'))
                .or(lower(audit_events::entity).like(like()).escape('\\'))
                .or(lower(audit_events::entity_id).like(like()).escape('\\'))
                .or(lower(audit_events::reason.assume_not_null())
                    .like(like())
                    .escape('\\')),
        );
    }
    // A kind as the filter offers it, or as older links gave it (with its dot); actions are
    // lower-case words, matched alike on every backend.
    let kind = filter.action.trim().trim_end_matches('.').to_lowercase();
    if !kind.is_empty() {
        query = query.filter(
            lower(audit_events::action)
                .eq(kind.clone())
                .or(lower(audit_events::action)
                    .like(format!("{}.%", escape_like(&kind)))
                    .escape('\\')),
        );
    }
    query
}

/// Where a window onto the log starts: at the newest event, or just past an event shown on
/// another window (the log is read by event, not by page number, so reading it costs the same
/// however long it grows and a page never shifts as new events arrive).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Cursor {
    #[default]
    Newest,
    /// The events older than this one.
    Before(i32),
    /// The events newer than this one.
    After(i32),
}

/// Some of the events a filter keeps, newest first, and whether it keeps any newer or older.
#[derive(Debug, Clone, Serialize)]
pub struct Window {
    pub events: Vec<AuditEvent>,
    /// The newest event shown, if any newer ones match.
    pub newer_than: Option<i32>,
    /// The oldest event shown, if any older ones match.
    pub older_than: Option<i32>,
}

/// Up to `per_page` of the events `filter` keeps from `cursor` on, newest first.
pub fn window(
    conn: &mut DbConnection,
    filter: &Filter,
    cursor: Cursor,
    per_page: i64,
) -> StoreResult<Window> {
    let per_page = per_page.clamp(1, 500);
    let mut events: Vec<AuditEvent> = match cursor {
        Cursor::Newest => matching(filter)
            .order(audit_events::id.desc())
            .limit(per_page)
            .load(conn)?,
        Cursor::Before(id) => matching(filter)
            .filter(audit_events::id.lt(id))
            .order(audit_events::id.desc())
            .limit(per_page)
            .load(conn)?,
        Cursor::After(id) => matching(filter)
            .filter(audit_events::id.gt(id))
            .order(audit_events::id.asc())
            .limit(per_page)
            .load(conn)?,
    };
    if let Cursor::After(_) = cursor {
        events.reverse();
    }
    let (Some(newest), Some(oldest)) = (events.first(), events.last()) else {
        return Ok(Window {
            events,
            newer_than: None,
            older_than: None,
        });
    };
    let (newest, oldest) = (newest.id, oldest.id);
    // Each asks for the nearest matching event along the key, so it stops at the first one.
    let nearest = |query: audit_events::BoxedQuery<'static, Backend>,
                   conn: &mut DbConnection|
     -> StoreResult<bool> {
        let one: Option<i32> = query
            .select(audit_events::id)
            .limit(1)
            .get_result(conn)
            .optional()?;
        Ok(one.is_some())
    };
    let newer = nearest(
        matching(filter)
            .filter(audit_events::id.gt(newest))
            .order(audit_events::id.asc()),
        conn,
    )?;
    let older = nearest(
        matching(filter)
            .filter(audit_events::id.lt(oldest))
            .order(audit_events::id.desc()),
        conn,
    )?;
    Ok(Window {
        events,
        newer_than: newer.then_some(newest),
        older_than: older.then_some(oldest),
    })
}

#[derive(QueryableByName)]
struct Action {
    #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Text>)]
    action: Option<String>,
}

/// The kinds of action in the log (`publication`, `response`…), for the filter. Each distinct
/// action is found by one step along the index on actions, however many events there are.
pub fn action_kinds(conn: &mut DbConnection) -> StoreResult<Vec<String>> {
    let actions: Vec<Action> = diesel::sql_query(
        "WITH RECURSIVE actions(action) AS ( \
           SELECT MIN(action) FROM audit_events \
           UNION ALL \
           SELECT (SELECT MIN(e.action) FROM audit_events e WHERE e.action > actions.action) \
           FROM actions WHERE actions.action IS NOT NULL \
         ) SELECT action FROM actions WHERE action IS NOT NULL",
    )
    .load(conn)?;
    let mut kinds: Vec<String> = actions
        .into_iter()
        .filter_map(|a| a.action)
        .map(|a| a.split('.').next().unwrap_or(&a).to_string())
        .collect();
    kinds.sort();
    kinds.dedup();
    Ok(kinds)
}

/// `text` with LIKE's wildcards taken literally.
fn escape_like(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

/// The whole log as CSV, oldest first.
pub fn to_csv(conn: &mut DbConnection) -> StoreResult<String> {
    let events: Vec<AuditEvent> = audit_events::table.order(audit_events::id).load(conn)?;
    let mut out = frontline_safety::spreadsheet::CsvText::new();
    let fail =
        |e: csv::Error| crate::error::StoreError::Task(format!("writing the audit log: {e}"));
    out.row([
        "id",
        "at",
        "actor",
        "action",
        "entity",
        "entity_id",
        "before",
        "after",
        "reason",
    ])
    .map_err(fail)?;
    for e in events {
        out.row([
            e.id.to_string(),
            e.at.to_string(),
            e.actor,
            e.action,
            e.entity,
            e.entity_id,
            e.before_value.unwrap_or_default(),
            e.after_value.unwrap_or_default(),
            e.reason.unwrap_or_default(),
        ])
        .map_err(fail)?;
    }
    out.finish().map_err(fail)
}
