//! Survivors' feedback: the links a service prints, and anonymous responses kept with their
//! service, the month they arrived and the answers — nothing else exists to be kept.

use crate::audit;
use crate::clock;
use crate::clock::Timestamp;
use crate::crypto::new_token;
use crate::db::schema::{feedback_links, feedback_responses, organisations, services};
use crate::db::DbConnection;
use crate::error::{StoreError, StoreResult};
use diesel::prelude::*;
use frontline_voice::{Feedback, Language};
use serde::Serialize;
use std::collections::BTreeMap;

/// A service's feedback link, as its staff page lists it.
#[derive(Debug, Clone, Serialize, Queryable)]
pub struct FeedbackLink {
    pub id: i32,
    pub service_id: i32,
    /// The link's token, printed in the URL and QR code (public by design).
    pub token: String,
    pub created_by: String,
    pub created_at: Timestamp,
}

/// A link's columns, as [`FeedbackLink`] reads them.
const LINK: (
    feedback_links::id,
    feedback_links::service_id,
    feedback_links::token,
    feedback_links::created_by,
    feedback_links::created_at,
) = (
    feedback_links::id,
    feedback_links::service_id,
    feedback_links::token,
    feedback_links::created_by,
    feedback_links::created_at,
);

/// Where a live link leads.
#[derive(Debug, Clone, Serialize)]
pub struct LinkTarget {
    pub link_id: i32,
    pub service_id: i32,
    /// `Organisation – Service`.
    pub service: String,
}

/// One stored response.
#[derive(Debug, Clone)]
pub struct StoredFeedback {
    pub id: i32,
    pub service_id: i32,
    /// The region it counts in: its service's, as it was when the response arrived.
    pub region: String,
    /// `YYYY-MM`.
    pub month: String,
    pub language: Language,
    pub feedback: Feedback,
}

/// A new link for `service_id`, made now; audited.
pub fn create_link(
    conn: &mut DbConnection,
    service_id: i32,
    by: &str,
) -> StoreResult<FeedbackLink> {
    create_link_at(conn, service_id, by, &clock::now())
}

/// A new link for `service_id`, made at `made_at` (the demo's links date from its first cycle);
/// audited.
pub fn create_link_at(
    conn: &mut DbConnection,
    service_id: i32,
    by: &str,
    made_at: &Timestamp,
) -> StoreResult<FeedbackLink> {
    crate::db::transaction(conn, |conn| {
        crate::services::get(conn, service_id)?;
        let link: FeedbackLink = diesel::insert_into(feedback_links::table)
            .values((
                feedback_links::service_id.eq(service_id),
                feedback_links::token.eq(new_token()),
                feedback_links::created_by.eq(by),
                feedback_links::created_at.eq(made_at),
            ))
            .returning(LINK)
            .get_result(conn)?;
        audit::record(
            conn,
            audit::Change {
                actor: by,
                action: "feedback.link_created",
                entity: "service",
                entity_id: service_id.to_string(),
                after: Some(format!("feedback link {}", link.id)),
                ..Default::default()
            },
        )?;
        Ok(link)
    })
}

/// Withdraws link `link_id` of `service_id` (a leaflet is out of date, or the link is abused);
/// audited. Responses already given stay.
pub fn withdraw_link(
    conn: &mut DbConnection,
    service_id: i32,
    link_id: i32,
    by: &str,
) -> StoreResult<()> {
    crate::db::transaction(conn, |conn| {
        let changed = diesel::update(
            feedback_links::table
                .filter(feedback_links::id.eq(link_id))
                .filter(feedback_links::service_id.eq(service_id))
                .filter(feedback_links::withdrawn_at.is_null()),
        )
        .set(feedback_links::withdrawn_at.eq(clock::now()))
        .execute(conn)?;
        if changed == 0 {
            return Err(StoreError::NotFound(format!(
                "feedback link {link_id} of this service"
            )));
        }
        audit::record(
            conn,
            audit::Change {
                actor: by,
                action: "feedback.link_withdrawn",
                entity: "service",
                entity_id: service_id.to_string(),
                before: Some(format!("feedback link {link_id}")),
                ..Default::default()
            },
        )
    })
}

/// The live links of `service_id`, newest first.
pub fn links_of(conn: &mut DbConnection, service_id: i32) -> StoreResult<Vec<FeedbackLink>> {
    Ok(feedback_links::table
        .filter(feedback_links::service_id.eq(service_id))
        .filter(feedback_links::withdrawn_at.is_null())
        .order(feedback_links::id.desc())
        .select(LINK)
        .load(conn)?)
}

/// Live link `id`.
pub fn link(conn: &mut DbConnection, id: i32) -> StoreResult<FeedbackLink> {
    feedback_links::table
        .filter(feedback_links::id.eq(id))
        .filter(feedback_links::withdrawn_at.is_null())
        .select(LINK)
        .first(conn)
        .optional()?
        .ok_or_else(|| StoreError::NotFound(format!("feedback link {id}")))
}

/// The live links of every service, by service.
pub fn all_links(conn: &mut DbConnection) -> StoreResult<BTreeMap<i32, Vec<FeedbackLink>>> {
    let rows: Vec<FeedbackLink> = feedback_links::table
        .filter(feedback_links::withdrawn_at.is_null())
        .order(feedback_links::id.desc())
        .select(LINK)
        .load(conn)?;
    let mut by_service: BTreeMap<i32, Vec<FeedbackLink>> = BTreeMap::new();
    for link in rows {
        by_service.entry(link.service_id).or_default().push(link);
    }
    Ok(by_service)
}

/// The month (`YYYY-MM`) `service_id`'s first feedback link was made, withdrawn or not: the
/// first quarter its feedback could come from.
pub fn first_link_month(conn: &mut DbConnection, service_id: i32) -> StoreResult<Option<String>> {
    use diesel::dsl::min;
    let first: Option<String> = feedback_links::table
        .filter(feedback_links::service_id.eq(service_id))
        .select(min(feedback_links::created_at))
        .first(conn)?;
    Ok(first.map(|at| at.chars().take(7).collect()))
}

/// The service a live link leads to; none for an unknown or withdrawn link.
pub fn live_link(conn: &mut DbConnection, token: &str) -> StoreResult<Option<LinkTarget>> {
    let row: Option<(i32, i32, String, String)> = feedback_links::table
        .inner_join(services::table.inner_join(organisations::table))
        .filter(feedback_links::token.eq(token))
        .filter(feedback_links::withdrawn_at.is_null())
        .select((
            feedback_links::id,
            services::id,
            organisations::name,
            services::name,
        ))
        .first(conn)
        .optional()?;
    Ok(
        row.map(|(link_id, service_id, organisation, name)| LinkTarget {
            link_id,
            service_id,
            service: format!("{organisation} – {name}"),
        }),
    )
}

/// Keeps one response for `service_id`, dated by `month` (`YYYY-MM`) only. Not audited: an
/// audit row would name a moment.
pub fn record(
    conn: &mut DbConnection,
    service_id: i32,
    month: &str,
    language: Language,
    feedback: &Feedback,
) -> StoreResult<()> {
    survey_engine::calendar::check_month(month)
        .map_err(|problem| StoreError::invalid("month", problem))?;
    let region = home_region(conn, service_id)?;
    diesel::insert_into(feedback_responses::table)
        .values((
            feedback_responses::service_id.eq(service_id),
            feedback_responses::region.eq(region),
            feedback_responses::month.eq(month),
            feedback_responses::language.eq(language.code()),
            feedback_responses::answers.eq(feedback.to_json()),
        ))
        .execute(conn)?;
    Ok(())
}

/// The region `service_id`'s feedback counts in: where most of its areas are
/// ([`frontline_voice::results::home_region`]).
fn home_region(conn: &mut DbConnection, service_id: i32) -> StoreResult<String> {
    use crate::db::schema::{police_force_areas, service_areas};
    let regions: Vec<String> = service_areas::table
        .inner_join(police_force_areas::table)
        .filter(service_areas::service_id.eq(service_id))
        .select(police_force_areas::region)
        .load(conn)?;
    let regions: Vec<&str> = regions.iter().map(String::as_str).collect();
    frontline_voice::results::home_region(&regions, &frontline_geo::areas::REGIONS)
        .map(str::to_string)
        .ok_or_else(|| StoreError::NotFound(format!("the region of service {service_id}")))
}

/// This month, as responses are dated.
pub fn this_month() -> String {
    clock::today()[..7].to_string()
}

/// The responses of `service_id`.
pub fn of_service(conn: &mut DbConnection, service_id: i32) -> StoreResult<Vec<StoredFeedback>> {
    read(
        feedback_responses::table
            .filter(feedback_responses::service_id.eq(service_id))
            .order(feedback_responses::id)
            .select(ROW)
            .load(conn)?,
    )
}

/// The responses that arrived in the months `from` to `to` (`YYYY-MM`, both included).
pub fn in_months(
    conn: &mut DbConnection,
    from: &str,
    to: &str,
) -> StoreResult<Vec<StoredFeedback>> {
    read(
        feedback_responses::table
            .filter(feedback_responses::month.ge(from))
            .filter(feedback_responses::month.le(to))
            .order(feedback_responses::id)
            .select(ROW)
            .load(conn)?,
    )
}

/// Response `id`.
pub fn response(conn: &mut DbConnection, id: i32) -> StoreResult<StoredFeedback> {
    read(feedback_responses::table.find(id).select(ROW).load(conn)?)?
        .pop()
        .ok_or_else(|| StoreError::NotFound(format!("feedback response {id}")))
}

/// Responses per service that arrived before `month` (`YYYY-MM`).
pub fn counts_before(conn: &mut DbConnection, month: &str) -> StoreResult<BTreeMap<i32, i64>> {
    use diesel::dsl::count_star;
    let rows: Vec<(i32, i64)> = feedback_responses::table
        .filter(feedback_responses::month.lt(month))
        .group_by(feedback_responses::service_id)
        .select((feedback_responses::service_id, count_star()))
        .load(conn)?;
    Ok(rows.into_iter().collect())
}

type Row = (i32, i32, String, String, String, String);

const ROW: (
    feedback_responses::id,
    feedback_responses::service_id,
    feedback_responses::region,
    feedback_responses::month,
    feedback_responses::language,
    feedback_responses::answers,
) = (
    feedback_responses::id,
    feedback_responses::service_id,
    feedback_responses::region,
    feedback_responses::month,
    feedback_responses::language,
    feedback_responses::answers,
);

fn read(rows: Vec<Row>) -> StoreResult<Vec<StoredFeedback>> {
    rows.into_iter()
        .map(|(id, service_id, region, month, language, answers)| {
            let bad =
                |problem: String| StoreError::invalid(format!("feedback response {id}"), problem);
            Ok(StoredFeedback {
                id,
                service_id,
                region,
                month,
                language: Language::parse(&language).map_err(bad)?,
                feedback: Feedback::from_json(&answers).map_err(bad)?,
            })
        })
        .collect()
}
