//! After fieldwork: services that gave figures last cycle and none this cycle are listed for the
//! survey team, who roll the figures forward, record a third party's figure instead, or mark
//! the service closed. Nothing is carried silently; each carried figure keeps its source and
//! original cycle.

use super::freeze::ensure_estimating;
use crate::db::DbConnection;
use crate::error::{AppError, AppResult};
use crate::store::responses::NewAnswers;
use crate::store::states::{CarriedKind, Channel, Outcome};
use crate::store::{audit, carried, cycles, responses, services};
use crate::surveys::schema_ref;
use crate::Platform;
use frontline_geo::allocation::Given;
use serde::Serialize;
use std::collections::BTreeSet;
use survey_engine::{Answers, PractitionerFigures, Role, SubmittedAnswers};

#[derive(Debug, Clone, Serialize)]
pub struct Candidate {
    pub service: services::Service,
    pub previous_year: i32,
    /// Last cycle's figures, and where they came from.
    pub figures: PractitionerFigures,
    pub previous_source: String,
    pub previously_direct: bool,
    /// Last cycle's figures were imputed: carried forward, they stay labelled imputed.
    pub previously_imputed: bool,
}

/// The cycle before `cycle`, if any.
fn previous(conn: &mut DbConnection, cycle: &cycles::Cycle) -> AppResult<Option<cycles::Cycle>> {
    Ok(cycles::all(conn)?
        .into_iter()
        .filter(|c| c.year < cycle.year)
        .max_by_key(|c| c.year))
}

/// Services with figures last cycle and none this cycle (no submitted return, no carried figure).
pub fn candidates(
    platform: &Platform,
    conn: &mut DbConnection,
    year: i32,
) -> AppResult<Vec<Candidate>> {
    let cycle = cycles::by_year(conn, year)?;
    let Some(prev) = previous(conn, &cycle)? else {
        return Ok(Vec::new());
    };
    let answered_now: BTreeSet<i32> = responses::for_cycle(conn, cycle.id)?
        .into_iter()
        .filter(|r| r.is_submitted())
        .map(|r| r.service_id)
        .chain(
            carried::for_cycle(conn, cycle.id)?
                .into_iter()
                .map(|(id, ..)| id),
        )
        .collect();
    let mut out = Vec::new();
    for e in super::for_cycle(platform, conn, prev.id)? {
        let Ok(id) = i32::try_from(e.service_id) else {
            continue;
        };
        if e.is_adjustment() || answered_now.contains(&id) {
            continue;
        }
        out.push(Candidate {
            service: services::get(conn, id)?,
            previous_year: prev.year,
            previously_direct: e.provenance.is_direct(),
            previously_imputed: e.provenance.kind == Given::Imputed,
            previous_source: e.provenance.source,
            figures: e.figures,
        });
    }
    Ok(out)
}

/// What the survey team decides for a candidate.
pub enum Decision<'a> {
    /// Carry last cycle's figures forward.
    RollForward,
    /// A figure from a named third party (e.g. "Marac co-ordinator") for Idva FTE and high-risk FTE.
    ThirdParty {
        source: &'a str,
        idva_fte: f64,
        idva_high_risk_fte: f64,
    },
    /// The service has closed: excluded from the estimates.
    Closed { reason: &'a str },
}

pub fn decide(
    platform: &Platform,
    conn: &mut DbConnection,
    year: i32,
    service_id: i32,
    decision: Decision<'_>,
    actor: &str,
) -> AppResult<()> {
    let cycle = cycles::by_year(conn, year)?;
    ensure_estimating(&cycle)?;
    let candidate = candidates(platform, conn, year)?
        .into_iter()
        .find(|c| c.service.id == service_id)
        .ok_or_else(|| {
            AppError::invalid(
                "service",
                format!("service {service_id} is not awaiting a roll-forward decision in {year}"),
            )
        })?;
    frontline_store::db::transaction(conn, |conn| match decision {
        Decision::RollForward => {
            let source = if candidate.previously_direct {
                format!("{} survey results", candidate.previous_year)
            } else {
                format!(
                    "{} ({})",
                    candidate.previous_source, candidate.previous_year
                )
            };
            let kind = if candidate.previously_imputed {
                CarriedKind::Imputed
            } else {
                CarriedKind::RolledForward
            };
            carry(
                conn,
                &cycle,
                &candidate,
                kind,
                &source,
                &candidate.figures,
                actor,
            )
        }
        Decision::ThirdParty {
            source,
            idva_fte,
            idva_high_risk_fte,
        } => {
            let source = source.trim();
            if source.is_empty() {
                return Err(AppError::invalid(
                    "source",
                    "name who gave the figure, e.g. Marac co-ordinator",
                ));
            }
            check_fte("idva_fte", idva_fte)?;
            check_fte("idva_high_risk_fte", idva_high_risk_fte)?;
            if idva_high_risk_fte > idva_fte {
                return Err(AppError::invalid(
                    "idva_high_risk_fte",
                    "cannot be more than the Idva FTE",
                ));
            }
            let mut figures = candidate.figures.clone();
            let mut idva = figures.role("idva");
            idva.fte = idva_fte;
            figures.roles.insert(Role::Idva, idva);
            figures.idva_high_risk_fte = idva_high_risk_fte;
            carry(
                conn,
                &cycle,
                &candidate,
                CarriedKind::ThirdParty,
                source,
                &figures,
                actor,
            )
        }
        Decision::Closed { reason } => {
            let note = format!("marked closed at roll-forward: {}", reason.trim());
            let def = platform.catalogue.get(&cycle.schema_id)?;
            let existing = responses::find(conn, cycle.id, service_id)?;
            let (id, revision, answers) = match existing {
                Some(r) => (r.id, r.revision, r.answers),
                None => {
                    let answers = Answers::new().to_json();
                    let id = responses::insert(
                        conn,
                        responses::NewResponse {
                            cycle_id: cycle.id,
                            service_id,
                            schema_version: &schema_ref(def),
                            channel: Channel::Phone,
                            outcome: Outcome::Answered,
                            answers: NewAnswers::Partial(answers.clone()),
                        },
                    )?;
                    (id, 0, answers)
                }
            };
            responses::submit(
                conn,
                id,
                revision,
                responses::Submission {
                    answers: SubmittedAnswers::read(def, &answers)?,
                    outcome: Outcome::ServiceClosed,
                    channel: Channel::Phone,
                    note: Some(&note),
                },
            )?;
            Ok(audit::record(
                conn,
                audit::Change {
                    actor,
                    action: "estimate.closed",
                    entity: "service",
                    entity_id: service_id.to_string(),
                    before: Some(format!(
                        "{} FTE Idvas in {}",
                        candidate.figures.role("idva").fte,
                        candidate.previous_year
                    )),
                    after: Some("closed: excluded".into()),
                    reason: Some(reason.trim().to_string()),
                },
            )?)
        }
    })
}

fn carry(
    conn: &mut DbConnection,
    cycle: &cycles::Cycle,
    candidate: &Candidate,
    kind: CarriedKind,
    source: &str,
    figures: &PractitionerFigures,
    actor: &str,
) -> AppResult<()> {
    store_carried(
        conn,
        Carried {
            cycle,
            service_id: candidate.service.id,
            kind,
            source,
            original_cycle_year: Some(candidate.previous_year),
            figures,
            actor,
            reason: format!("no return in {}", cycle.year),
        },
    )
}

/// A figure carried into a cycle for a service that gave none: what, from where, by whom, why.
pub(crate) struct Carried<'a> {
    pub cycle: &'a cycles::Cycle,
    pub service_id: i32,
    pub kind: CarriedKind,
    pub source: &'a str,
    pub original_cycle_year: Option<i32>,
    pub figures: &'a PractitionerFigures,
    pub actor: &'a str,
    pub reason: String,
}

/// Stores a carried figure and records it in the audit log.
pub(crate) fn store_carried(conn: &mut DbConnection, c: Carried<'_>) -> AppResult<()> {
    carried::insert(
        conn,
        carried::NewCarried {
            cycle_id: c.cycle.id,
            service_id: c.service_id,
            kind: c.kind,
            source: c.source,
            original_cycle_year: c.original_cycle_year,
            figures: c.figures,
            created_by: c.actor,
        },
    )?;
    Ok(audit::record(
        conn,
        audit::Change {
            actor: c.actor,
            action: match c.kind {
                CarriedKind::RolledForward => "estimate.rolled_forward",
                CarriedKind::ThirdParty => "estimate.third_party",
                CarriedKind::Imputed => "estimate.imputed",
            },
            entity: "service",
            entity_id: c.service_id.to_string(),
            before: None,
            after: Some(format!(
                "{:.2} FTE Idvas, {:.2} high-risk ({})",
                c.figures.role("idva").fte,
                c.figures.idva_high_risk_fte,
                c.source
            )),
            reason: Some(c.reason),
        },
    )?)
}

/// The most FTE one service can have (as the survey's own check allows).
const MOST_FTE: f64 = 10_000.0;

pub(crate) fn check_fte(field: &str, value: f64) -> AppResult<()> {
    if !value.is_finite() || value < 0.0 {
        return Err(AppError::invalid(
            field,
            "must be a number of FTE, 0 or more",
        ));
    }
    if value > MOST_FTE {
        return Err(AppError::invalid(field, "must be 10,000 FTE or fewer"));
    }
    if ((value * 100.0).round() - value * 100.0).abs() > 1e-6 {
        return Err(AppError::invalid(
            field,
            "give FTE to no more than two decimal places",
        ));
    }
    Ok(())
}
