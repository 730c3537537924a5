//! Refuge vacancies: posted for a service's police force area, refreshed or withdrawn, and read
//! live (not yet expired) by the board. Every change and every view of the board is audited.

use crate::audit;
use crate::clock;
use crate::clock::Timestamp;
use crate::db::schema::{organisations, refuge_vacancies, services};
use crate::db::DbConnection;
use crate::error::{StoreError, StoreResult};
use diesel::prelude::*;
use frontline_provision::vacancy::{PlaceKind, Vacancy, LIFETIME_HOURS};
use serde::Serialize;

/// A vacancy as the board shows it.
#[derive(Debug, Clone, Serialize)]
pub struct Posted {
    pub id: i32,
    pub service_id: i32,
    /// `Organisation – Service`.
    pub service: String,
    pub pfa_code: String,
    pub vacancy: Vacancy,
    pub posted_at: Timestamp,
    pub expires_at: Timestamp,
}

/// Posts a vacancy of `service_id` in `pfa_code` at the moment `now`; it lives 48 hours.
pub fn post(
    conn: &mut DbConnection,
    service_id: i32,
    pfa_code: &str,
    vacancy: &Vacancy,
    by: &str,
    now: &Timestamp,
) -> StoreResult<i32> {
    let expires = now.plus_seconds(LIFETIME_HOURS * 3600);
    crate::db::transaction(conn, |conn| {
        let id: i32 = diesel::insert_into(refuge_vacancies::table)
            .values((
                refuge_vacancies::service_id.eq(service_id),
                refuge_vacancies::place_kind.eq(vacancy.kind.code()),
                refuge_vacancies::pfa_code.eq(pfa_code),
                refuge_vacancies::children_up_to_age.eq(vacancy.children_up_to_age.map(i32::from)),
                refuge_vacancies::accessible.eq(vacancy.accessible),
                refuge_vacancies::languages.eq(vacancy.languages.join(";")),
                refuge_vacancies::no_recourse_accepted.eq(vacancy.no_recourse_accepted),
                refuge_vacancies::posted_by.eq(by),
                refuge_vacancies::posted_at.eq(now),
                refuge_vacancies::expires_at.eq(&expires),
            ))
            .returning(refuge_vacancies::id)
            .get_result(conn)?;
        audit::record(
            conn,
            audit::Change {
                actor: by,
                action: "vacancy.posted",
                entity: "service",
                entity_id: service_id.to_string(),
                after: Some(format!("{} until {expires}", vacancy.kind.code())),
                ..Default::default()
            },
        )?;
        Ok(id)
    })
}

/// Keeps a live vacancy of `service_id` on the board for another 48 hours from now.
pub fn refresh(conn: &mut DbConnection, service_id: i32, id: i32, by: &str) -> StoreResult<()> {
    let now = clock::now();
    let expires = now.plus_seconds(LIFETIME_HOURS * 3600);
    change(
        conn,
        service_id,
        id,
        by,
        "vacancy.refreshed",
        // An expired vacancy's place is likely filled: it is posted again, never revived.
        |conn, row| {
            diesel::update(row.filter(refuge_vacancies::expires_at.gt(&now)))
                .set(refuge_vacancies::expires_at.eq(&expires))
                .execute(conn)
        },
    )
}

/// Takes a vacancy of `service_id` off the board (the place is filled).
pub fn withdraw(conn: &mut DbConnection, service_id: i32, id: i32, by: &str) -> StoreResult<()> {
    change(
        conn,
        service_id,
        id,
        by,
        "vacancy.withdrawn",
        |conn, row| diesel::delete(row).execute(conn),
    )
}

type Row = diesel::dsl::Filter<
    diesel::dsl::Filter<refuge_vacancies::table, diesel::dsl::Eq<refuge_vacancies::id, i32>>,
    diesel::dsl::Eq<refuge_vacancies::service_id, i32>,
>;

/// One change to a vacancy of the service's own, audited; another service's vacancy is not found.
fn change(
    conn: &mut DbConnection,
    service_id: i32,
    id: i32,
    by: &str,
    action: &str,
    apply: impl FnOnce(&mut DbConnection, Row) -> QueryResult<usize>,
) -> StoreResult<()> {
    crate::db::transaction(conn, |conn| {
        let row = refuge_vacancies::table
            .filter(refuge_vacancies::id.eq(id))
            .filter(refuge_vacancies::service_id.eq(service_id));
        if apply(conn, row)? == 0 {
            return Err(StoreError::invalid(
                "vacancy",
                format!("vacancy {id} is not a live vacancy of this service; post it again"),
            ));
        }
        audit::record(
            conn,
            audit::Change {
                actor: by,
                action,
                entity: "service",
                entity_id: service_id.to_string(),
                after: Some(format!("vacancy {id}")),
                ..Default::default()
            },
        )
    })
}

type Stored = (
    i32,
    i32,
    String,
    String,
    String,
    String,
    Option<i32>,
    bool,
    String,
    bool,
    Timestamp,
    Timestamp,
);

fn read(row: Stored) -> StoreResult<Posted> {
    let (
        id,
        service_id,
        organisation,
        name,
        kind,
        pfa_code,
        age,
        accessible,
        languages,
        nrpf,
        posted_at,
        expires_at,
    ) = row;
    let kind = PlaceKind::parse(&kind).map_err(StoreError::Task)?;
    Ok(Posted {
        id,
        service_id,
        service: format!("{organisation} – {name}"),
        pfa_code,
        vacancy: Vacancy {
            kind,
            children_up_to_age: age.and_then(|a| u8::try_from(a).ok()),
            accessible,
            languages: languages
                .split(';')
                .filter(|l| !l.is_empty())
                .map(str::to_string)
                .collect(),
            no_recourse_accepted: nrpf,
        },
        posted_at,
        expires_at,
    })
}

/// Vacancies not yet expired at `now`, newest first; of one service when given.
pub fn live(
    conn: &mut DbConnection,
    now: &Timestamp,
    service_id: Option<i32>,
) -> StoreResult<Vec<Posted>> {
    let mut query = refuge_vacancies::table
        .inner_join(services::table.inner_join(organisations::table))
        .filter(refuge_vacancies::expires_at.gt(now))
        .order(refuge_vacancies::posted_at.desc())
        .select((
            refuge_vacancies::id,
            refuge_vacancies::service_id,
            organisations::name,
            services::name,
            refuge_vacancies::place_kind,
            refuge_vacancies::pfa_code,
            refuge_vacancies::children_up_to_age,
            refuge_vacancies::accessible,
            refuge_vacancies::languages,
            refuge_vacancies::no_recourse_accepted,
            refuge_vacancies::posted_at,
            refuge_vacancies::expires_at,
        ))
        .into_boxed();
    if let Some(id) = service_id {
        query = query.filter(refuge_vacancies::service_id.eq(id));
    }
    query.load::<Stored>(conn)?.into_iter().map(read).collect()
}

/// Records that `viewer` looked at the board, with what they searched for.
pub fn viewed(
    conn: &mut DbConnection,
    viewer: &str,
    search: &str,
    shown: usize,
) -> StoreResult<()> {
    audit::record(
        conn,
        audit::Change {
            actor: viewer,
            action: "vacancies.viewed",
            entity: "vacancy_board",
            entity_id: "live".into(),
            after: Some(format!("{shown} shown")),
            reason: Some(search.to_string()),
            ..Default::default()
        },
    )
}
