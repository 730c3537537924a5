//! A cycle's estimates: submitted responses, carried figures and accepted PCC revisions read
//! from the store and put in order of precedence by [`frontline_geo::precedence`]; and the work
//! that produces them (roll-forward, PCC review, freezing, importing past cycles).

pub mod area_view;
pub mod freeze;
pub mod import_returns;
pub mod imputation;
pub mod review;
pub mod roll_forward;

use crate::db::DbConnection;
use crate::error::AppResult;
use crate::store::states::{CarriedKind, Channel, ReviewAction, ReviewStatus};
use crate::store::{carried, responses, reviews, services};
use crate::surveys::schema_id;
use crate::Platform;
use frontline_geo::allocation::{shares_for, Given, Provenance, ServiceEstimate};
use frontline_geo::precedence::{self, AreaRevision, ServiceRevision};
use rayon::prelude::*;
use std::collections::BTreeMap;
use survey_engine::submitted::stored_figures;
use survey_engine::{Answers, PractitionerFigures};

/// The services waiting for the team's decision in a cycle: to roll forward, and to impute.
pub struct Waiting {
    pub roll: Vec<roll_forward::Candidate>,
    pub impute: Vec<imputation::Candidate>,
}

impl Waiting {
    /// Those of the cycle of `year`.
    pub fn in_year(platform: &Platform, conn: &mut DbConnection, year: i32) -> AppResult<Self> {
        Ok(Waiting {
            roll: roll_forward::candidates(platform, conn, year)?,
            impute: imputation::candidates(platform, conn, year)?,
        })
    }
}

/// Every service with figures for the cycle, in the order of precedence
/// [`frontline_geo::precedence`] gives: carried figures, then submitted answers, then accepted
/// PCC revisions; declines and closures contribute nothing.
pub fn for_cycle(
    platform: &Platform,
    conn: &mut DbConnection,
    cycle_id: i32,
) -> AppResult<Vec<ServiceEstimate>> {
    // The services and carried figures are read while the submitted answers are read and parsed
    // on a second connection, when one is free and no transaction is under way.
    let (known, answered) = match platform.spare_conn_beside(conn) {
        Some(mut other) => rayon::join(
            || services_and_carried(conn, cycle_id),
            || submitted(platform, &mut other, cycle_id),
        ),
        None => (
            services_and_carried(conn, cycle_id),
            submitted(platform, conn, cycle_id),
        ),
    };
    let (services, carried) = known?;
    // Each estimate is made on its own (names, shares): on every core.
    let carried: Vec<ServiceEstimate> = carried
        .into_par_iter()
        .filter_map(|(service_id, kind, source, figures)| {
            let provenance = Provenance {
                kind: kind.into(),
                source,
            };
            services
                .get(&service_id)
                .map(|service| estimate(service, figures, provenance))
        })
        .collect();
    let submitted: Vec<ServiceEstimate> = answered?
        .into_par_iter()
        .filter_map(|(service_id, figures, provenance)| {
            services
                .get(&service_id)
                .map(|service| estimate(service, figures, provenance))
        })
        .collect();
    let (by_service, by_area) = revisions(platform, conn, cycle_id, &services)?;
    Ok(precedence::resolve(
        carried,
        submitted,
        &by_service,
        &by_area,
    ))
}

/// A carried figure as stored: (service id, kind, source, figures).
type Carried = (i32, CarriedKind, String, PractitionerFigures);

/// Every service by id, and the cycle's carried figures.
fn services_and_carried(
    conn: &mut DbConnection,
    cycle_id: i32,
) -> AppResult<(BTreeMap<i32, services::Service>, Vec<Carried>)> {
    let services = services::all(conn)?
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    Ok((services, carried::for_cycle(conn, cycle_id)?))
}

/// Each submitted response's service and figures (what was submitted counts; amendments not yet
/// resubmitted do not): the figures stored at submission, read on every core. Where a response
/// was stored without figures (before they were stored), or with figures read another way than
/// its definition now reads them, the cycle's answers are read as well.
fn submitted(
    platform: &Platform,
    conn: &mut DbConnection,
    cycle_id: i32,
) -> AppResult<Vec<(i32, PractitionerFigures, Provenance)>> {
    let rows = responses::submitted_figures(conn, cycle_id)?;
    let read = |rows: &[responses::Submitted]| -> AppResult<Vec<Option<_>>> {
        rows.par_iter()
            .with_min_len(256)
            .map(|row| figures_of(platform, row))
            .collect()
    };
    let figures = read(&rows)?;
    let figures = if figures.iter().any(Option::is_none) {
        // Some responses have no figures to use: read the answers (every response's, in one
        // query) and the figures of those from them.
        read(&responses::submitted_answers(conn, cycle_id)?)?
    } else {
        figures
    };
    Ok(figures.into_iter().flatten().collect())
}

/// One submitted response's service, figures and provenance: none where it has no figures
/// stored under its definition's key and its answers were not read.
fn figures_of(
    platform: &Platform,
    row: &responses::Submitted,
) -> AppResult<Option<(i32, PractitionerFigures, Provenance)>> {
    let def = platform.catalogue.get(schema_id(&row.schema_version))?;
    let stored = match (&row.figures_key, &row.figures) {
        (Some(key), Some(figures)) => stored_figures(def, key, figures),
        _ => None,
    };
    let figures = match (stored, &row.answers) {
        (Some(figures), _) => figures,
        (None, Some(answers)) => {
            PractitionerFigures::from_answers(def, &Answers::from_json(answers)?)
        }
        (None, None) => return Ok(None),
    };
    let source = if row.channel == Channel::Phone {
        "survey (by phone)"
    } else {
        "survey"
    };
    let provenance = Provenance {
        kind: row.channel.into(),
        source: source.into(),
    };
    Ok(Some((row.service_id, figures, provenance)))
}

/// The cycle's accepted PCC revisions, of services and of areas, in the order decided.
fn revisions(
    platform: &Platform,
    conn: &mut DbConnection,
    cycle_id: i32,
    services: &BTreeMap<i32, services::Service>,
) -> AppResult<(Vec<ServiceRevision>, Vec<AreaRevision>)> {
    let accepted: Vec<reviews::Review> = reviews::for_cycle(conn, cycle_id)?
        .into_iter()
        .filter(|r| r.action == ReviewAction::Revise && r.status == ReviewStatus::Accepted)
        .collect();
    let mut by_service = Vec::new();
    let mut by_area = Vec::new();
    for review in &accepted {
        let Some(proposed) = review.proposed() else {
            continue;
        };
        match review.service_id {
            Some(id) => {
                let Some(service) = services.get(&id) else {
                    continue;
                };
                let blank = Provenance {
                    kind: Given::Revised,
                    source: format!("revised by {}", review.reviewer),
                };
                by_service.push(ServiceRevision {
                    service_id: i64::from(id),
                    idva_fte: proposed.idva_fte,
                    idva_high_risk_fte: proposed.idva_high_risk_fte,
                    reviewer: review.reviewer.clone(),
                    blank: estimate(service, PractitionerFigures::default(), blank),
                });
            }
            None => by_area.push(AreaRevision {
                review_id: i64::from(review.id),
                pfa_code: crate::store::geography::stored_code(&review.pfa_code)?,
                area_name: platform
                    .geography
                    .find(&review.pfa_code)
                    .map_or(review.pfa_code.clone(), |a| a.name.clone()),
                idva_fte: proposed.idva_fte,
                idva_high_risk_fte: proposed.idva_high_risk_fte,
                reviewer: review.reviewer.clone(),
            }),
        }
    }
    // Services first, then areas: an area's adjustment is measured after its services' revisions.
    Ok((by_service, by_area))
}

pub(crate) fn estimate(
    service: &services::Service,
    figures: PractitionerFigures,
    provenance: Provenance,
) -> ServiceEstimate {
    let shares = shares_for(&figures.area_shares, &service.areas);
    ServiceEstimate {
        service_id: i64::from(service.id),
        service: format!("{} – {}", service.organisation, service.name),
        figures,
        shares,
        provenance,
    }
}
