//! A cycle's estimates: submitted responses, carried figures and accepted PCC revisions, as the
//! geography crate takes them; and the work that produces them (roll-forward, PCC review,
//! freezing, importing past cycles).

pub mod area_view;
pub mod freeze;
pub mod import_returns;
pub mod review;
pub mod roll_forward;

use crate::db::DbConnection;
use crate::error::AppResult;
use crate::store::states::{Channel, Outcome, ReviewAction, ReviewStatus};
use crate::store::{carried, responses, reviews, services};
use crate::surveys::schema_id;
use crate::Platform;
use frontline_geo::allocation::{shares_for, Given, Provenance, ServiceEstimate};
use std::collections::BTreeMap;
use survey_engine::{Answers, PractitionerFigures};

/// Every service with figures for the cycle: a submitted answer wins over a carried figure;
/// declines and closures contribute nothing.
pub fn for_cycle(
    platform: &Platform,
    conn: &mut DbConnection,
    cycle_id: i32,
) -> AppResult<Vec<ServiceEstimate>> {
    let services: BTreeMap<i32, services::Service> = services::all(conn)?
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    let mut out: BTreeMap<i32, ServiceEstimate> = BTreeMap::new();

    for (service_id, kind, source, figures) in carried::for_cycle(conn, cycle_id)? {
        if let Some(service) = services.get(&service_id) {
            out.insert(
                service_id,
                estimate(
                    service,
                    figures,
                    Provenance {
                        kind: kind.into(),
                        source,
                    },
                ),
            );
        }
    }

    for response in responses::for_cycle(conn, cycle_id)? {
        if !response.is_submitted() || response.outcome != Outcome::Answered {
            continue;
        }
        let Some(service) = services.get(&response.service_id) else {
            continue;
        };
        let def = platform
            .catalogue
            .get(schema_id(&response.schema_version))?;
        // What was submitted counts; amendments not yet resubmitted do not.
        let submitted = response
            .submitted_answers
            .as_deref()
            .unwrap_or(&response.answers);
        let answers = Answers::from_json(submitted)?;
        let figures = PractitionerFigures::from_answers(def, &answers);
        let source = if response.channel == Channel::Phone {
            "survey (by phone)"
        } else {
            "survey"
        };
        out.insert(
            response.service_id,
            estimate(
                service,
                figures,
                Provenance {
                    kind: response.channel.into(),
                    source: source.into(),
                },
            ),
        );
    }
    let adjustments = apply_revisions(platform, conn, cycle_id, &services, &mut out)?;
    Ok(out.into_values().chain(adjustments).collect())
}

/// Accepted PCC revisions. A service revision replaces the service's Idva figures (the response
/// itself is never changed); an area revision moves the area's total to the proposed figure
/// through an area adjustment. Later decisions supersede earlier ones.
fn apply_revisions(
    platform: &Platform,
    conn: &mut DbConnection,
    cycle_id: i32,
    services: &BTreeMap<i32, services::Service>,
    out: &mut BTreeMap<i32, ServiceEstimate>,
) -> AppResult<Vec<ServiceEstimate>> {
    let accepted: Vec<reviews::Review> = reviews::for_cycle(conn, cycle_id)?
        .into_iter()
        .filter(|r| r.action == ReviewAction::Revise && r.status == ReviewStatus::Accepted)
        .collect();
    for review in accepted.iter().filter(|r| r.service_id.is_some()) {
        let (Some(id), Some(proposed)) = (review.service_id, review.proposed()) else {
            continue;
        };
        let Some(service) = services.get(&id) else {
            continue;
        };
        let provenance = Provenance {
            kind: Given::Revised,
            source: format!("revised by {}", review.reviewer),
        };
        let entry = out.entry(id).or_insert_with(|| {
            estimate(service, PractitionerFigures::default(), provenance.clone())
        });
        let mut idva = entry.figures.role("idva");
        idva.fte = proposed.idva_fte;
        entry.figures.roles.insert("idva".into(), idva);
        entry.figures.idva_high_risk_fte = proposed.idva_high_risk_fte;
        entry.provenance = provenance;
    }
    let mut adjustments: Vec<ServiceEstimate> = Vec::new();
    for review in accepted.iter().filter(|r| r.service_id.is_none()) {
        let Some(proposed) = review.proposed() else {
            continue;
        };
        let (fte, high_risk) =
            area_idva_totals(out.values().chain(adjustments.iter()), &review.pfa_code);
        let mut figures = PractitionerFigures::default();
        figures.roles.insert(
            "idva".into(),
            survey_engine::RoleFigures {
                people: 0.0,
                fte: proposed.idva_fte - fte,
            },
        );
        figures.idva_high_risk_fte = proposed.idva_high_risk_fte - high_risk;
        let name = platform
            .geography
            .find(&review.pfa_code)
            .map_or(review.pfa_code.clone(), |a| a.name.clone());
        adjustments.push(ServiceEstimate {
            service_id: -i64::from(review.id),
            service: format!("Area adjustment – {name}"),
            figures,
            shares: BTreeMap::from([(review.pfa_code.clone(), 1.0)]),
            provenance: Provenance {
                kind: Given::AreaAdjustment,
                source: format!("revised by {}", review.reviewer),
            },
        });
    }
    Ok(adjustments)
}

/// Allocated Idva FTE and high-risk FTE in one area.
pub fn area_idva_totals<'a>(
    estimates: impl Iterator<Item = &'a ServiceEstimate>,
    pfa: &str,
) -> (f64, f64) {
    estimates.fold((0.0, 0.0), |(fte, hr), e| {
        let share = e.shares.get(pfa).copied().unwrap_or(0.0);
        (
            fte + e.figures.role("idva").fte * share,
            hr + e.figures.idva_high_risk_fte * share,
        )
    })
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
