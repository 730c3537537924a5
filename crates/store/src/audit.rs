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
/// `text`, and whose action starts with `action` (e.g. `publication.`).
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub text: String,
    pub action: String,
}

type Backend = <DbConnection as diesel::Connection>::Backend;

/// The events `filter` keeps, as a query to count or page through.
fn matching(filter: &Filter) -> audit_events::BoxedQuery<'static, Backend> {
    let mut query = audit_events::table.into_boxed();
    let text = filter.text.trim();
    if !text.is_empty() {
        let like = format!("%{}%", escape_like(text));
        query = query.filter(
            audit_events::actor
                .like(like.clone())
                .escape('\\')
                .or(audit_events::action.like(like.clone()).escape('\\'))
                .or(audit_events::entity.like(like.clone()).escape('\\'))
                .or(audit_events::entity_id.like(like.clone()).escape('\\'))
                .or(audit_events::reason
                    .like(like)
                    .escape('\\')
                    .assume_not_null()),
        );
    }
    let action = filter.action.trim();
    if !action.is_empty() {
        query = query.filter(
            audit_events::action
                .like(format!("{}%", escape_like(action)))
                .escape('\\'),
        );
    }
    query
}

/// How many events `filter` keeps.
pub fn count(conn: &mut DbConnection, filter: &Filter) -> StoreResult<i64> {
    Ok(matching(filter).count().get_result(conn)?)
}

/// Page `page` (from 0) of the events `filter` keeps, newest first, `per_page` at a time.
pub fn page(
    conn: &mut DbConnection,
    filter: &Filter,
    page: i64,
    per_page: i64,
) -> StoreResult<Vec<AuditEvent>> {
    let per_page = per_page.clamp(1, 500);
    Ok(matching(filter)
        .order(audit_events::id.desc())
        .offset(page.max(0) * per_page)
        .limit(per_page)
        .load(conn)?)
}

/// The kinds of action in the log (`publication`, `response`…), for the filter.
pub fn action_kinds(conn: &mut DbConnection) -> StoreResult<Vec<String>> {
    let actions: Vec<String> = audit_events::table
        .select(audit_events::action)
        .distinct()
        .load(conn)?;
    let mut kinds: Vec<String> = actions
        .iter()
        .map(|a| a.split('.').next().unwrap_or(a).to_string())
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
