//! Which figures stand for each service in a cycle's estimates, in order of precedence: a figure
//! carried forward (or imported) is replaced by the service's submitted answers; an accepted PCC
//! revision of a service replaces its Idva figures (the answers themselves are never changed);
//! an accepted revision of an area moves the area's total to the figure proposed through an area
//! adjustment. Later decisions supersede earlier ones.

use crate::allocation::{Given, Provenance, ServiceEstimate};
use std::collections::BTreeMap;
use survey_engine::{PractitionerFigures, Role, RoleFigures};

/// An accepted revision of one service's Idva figures.
#[derive(Debug, Clone)]
pub struct ServiceRevision {
    pub service_id: i64,
    pub idva_fte: f64,
    pub idva_high_risk_fte: f64,
    pub reviewer: String,
    /// The service with no figures, for a revision of a service that gave none.
    pub blank: ServiceEstimate,
}

/// An accepted revision of an area's total.
#[derive(Debug, Clone)]
pub struct AreaRevision {
    pub review_id: i64,
    pub pfa_code: crate::PfaCode,
    pub area_name: String,
    pub idva_fte: f64,
    pub idva_high_risk_fte: f64,
    pub reviewer: String,
}

/// The cycle's estimates from its layers, each service once (by id, ascending), then the area
/// adjustments in the order the revisions were decided.
///
/// Each layer is put in order of service (a later estimate of a service within a layer stands)
/// and the layers are merged, the later layer standing: one walk through each, not a map of
/// every estimate.
pub fn resolve(
    carried: Vec<ServiceEstimate>,
    submitted: Vec<ServiceEstimate>,
    services: &[ServiceRevision],
    areas: &[AreaRevision],
) -> Vec<ServiceEstimate> {
    let mut out = merge_by_service(by_service(carried), by_service(submitted));
    // Revisions of services with no figures start from a blank estimate, kept apart until the
    // end so that the estimates in order are never shifted one by one.
    let mut blanks: BTreeMap<i64, ServiceEstimate> = BTreeMap::new();
    for revision in services {
        let provenance = Provenance {
            kind: Given::Revised,
            source: format!("revised by {}", revision.reviewer),
        };
        let entry = match out.binary_search_by_key(&revision.service_id, |e| e.service_id) {
            Ok(at) => &mut out[at],
            Err(_) => blanks.entry(revision.service_id).or_insert_with(|| {
                let mut blank = revision.blank.clone();
                blank.provenance = provenance.clone();
                blank
            }),
        };
        let mut idva = entry.figures.role("idva");
        idva.fte = revision.idva_fte;
        entry.figures.roles.insert(Role::Idva, idva);
        entry.figures.idva_high_risk_fte = revision.idva_high_risk_fte;
        entry.provenance = provenance;
    }
    if !blanks.is_empty() {
        out = merge_by_service(out, blanks.into_values().collect());
    }
    let mut adjustments: Vec<ServiceEstimate> = Vec::new();
    for revision in areas {
        let (fte, high_risk) = area_idva_totals(
            out.iter().chain(adjustments.iter()),
            revision.pfa_code.as_str(),
        );
        let mut figures = PractitionerFigures::default();
        figures.roles.insert(
            Role::Idva,
            RoleFigures {
                people: 0.0,
                fte: revision.idva_fte - fte,
            },
        );
        figures.idva_high_risk_fte = revision.idva_high_risk_fte - high_risk;
        adjustments.push(ServiceEstimate {
            service_id: -revision.review_id,
            service: format!("Area adjustment – {}", revision.area_name),
            figures,
            shares: BTreeMap::from([(revision.pfa_code.to_string(), 1.0)]),
            provenance: Provenance {
                kind: Given::AreaAdjustment,
                source: format!("revised by {}", revision.reviewer),
            },
        });
    }
    out.extend(adjustments);
    out
}

/// A layer in order of service, each service once: where a layer has a service twice, the later
/// estimate stands (as it would replace the earlier in a map).
fn by_service(mut layer: Vec<ServiceEstimate>) -> Vec<ServiceEstimate> {
    if !layer.is_sorted_by_key(|e| e.service_id) {
        // Stable: estimates of one service stay in the order given.
        layer.sort_by_key(|e| e.service_id);
    }
    let mut out: Vec<ServiceEstimate> = Vec::with_capacity(layer.len());
    for estimate in layer {
        match out.last_mut() {
            Some(last) if last.service_id == estimate.service_id => *last = estimate,
            _ => out.push(estimate),
        }
    }
    out
}

/// Two layers in order of service merged into one, `later`'s estimate standing where both have
/// a service.
fn merge_by_service(
    earlier: Vec<ServiceEstimate>,
    later: Vec<ServiceEstimate>,
) -> Vec<ServiceEstimate> {
    let mut out = Vec::with_capacity(earlier.len() + later.len());
    let mut earlier = earlier.into_iter().peekable();
    for estimate in later {
        while let Some(before) = earlier.next_if(|e| e.service_id <= estimate.service_id) {
            if before.service_id < estimate.service_id {
                out.push(before);
            }
        }
        out.push(estimate);
    }
    out.extend(earlier);
    out
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Kent, the area every case here is in.
    const A: &str = "E23000032";

    fn estimate(id: i64, idva_fte: f64, kind: Given, area: &str) -> ServiceEstimate {
        let mut figures = PractitionerFigures::default();
        figures.roles.insert(
            Role::Idva,
            RoleFigures {
                people: 2.0,
                fte: idva_fte,
            },
        );
        ServiceEstimate {
            service_id: id,
            service: format!("Service {id}"),
            figures,
            shares: BTreeMap::from([(area.to_string(), 1.0)]),
            provenance: Provenance {
                kind,
                source: "test".into(),
            },
        }
    }

    #[test]
    fn answers_replace_carried_figures_and_revisions_replace_answers() {
        let resolved = resolve(
            vec![
                estimate(1, 3.0, Given::RolledForward, A),
                estimate(2, 1.0, Given::RolledForward, A),
            ],
            vec![estimate(1, 4.0, Given::Online, A)],
            &[ServiceRevision {
                service_id: 2,
                idva_fte: 1.5,
                idva_high_risk_fte: 1.0,
                reviewer: "pcc@example.org".into(),
                blank: estimate(2, 0.0, Given::Revised, A),
            }],
            &[],
        );
        assert_eq!(resolved.len(), 2);
        assert_eq!(resolved[0].figures.role("idva").fte, 4.0);
        assert_eq!(resolved[0].provenance.kind, Given::Online);
        assert_eq!(resolved[1].figures.role("idva").fte, 1.5);
        assert_eq!(
            resolved[1].figures.role("idva").people,
            2.0,
            "only the Idva FTE is revised"
        );
        assert_eq!(resolved[1].provenance.source, "revised by pcc@example.org");
    }

    #[test]
    fn an_area_revision_moves_the_total_to_the_figure_proposed() {
        let area = |id: i64, fte: f64| AreaRevision {
            review_id: id,
            pfa_code: crate::PfaCode::parse(A).expect("a code"),
            area_name: "Area A".into(),
            idva_fte: fte,
            idva_high_risk_fte: 0.0,
            reviewer: "pcc@example.org".into(),
        };
        let resolved = resolve(
            vec![estimate(1, 3.0, Given::RolledForward, A)],
            Vec::new(),
            &[],
            &[area(7, 5.0), area(8, 4.0)],
        );
        let total = area_idva_totals(resolved.iter(), A).0;
        assert!(
            (total - 4.0).abs() < 1e-9,
            "the later decision stands: {total}"
        );
        assert_eq!(resolved[1].service_id, -7);
        assert_eq!(resolved[1].service, "Area adjustment – Area A");
    }

    /// The precedence as first written: every layer into one map by service, the later standing.
    fn resolved_through_a_map(
        carried: Vec<ServiceEstimate>,
        submitted: Vec<ServiceEstimate>,
        services: &[ServiceRevision],
    ) -> Vec<(i64, Given, f64)> {
        let mut out: BTreeMap<i64, ServiceEstimate> = BTreeMap::new();
        for estimate in carried.into_iter().chain(submitted) {
            out.insert(estimate.service_id, estimate);
        }
        for revision in services {
            let entry = out
                .entry(revision.service_id)
                .or_insert_with(|| revision.blank.clone());
            let mut idva = entry.figures.role("idva");
            idva.fte = revision.idva_fte;
            entry.figures.roles.insert(Role::Idva, idva);
            entry.provenance.kind = Given::Revised;
        }
        out.into_values()
            .map(|e| (e.service_id, e.provenance.kind, e.figures.idva().fte))
            .collect()
    }

    proptest::proptest! {
        /// Merging the layers in order gives what a map of every estimate gave: each service
        /// once, in order, the later layer and the later estimate within a layer standing, and
        /// revisions applied to what stands (or to a blank).
        #[test]
        fn merging_in_order_is_the_same_as_a_map_of_every_estimate(
            carried in proptest::collection::vec((0i64..40, 0u8..10), 0..30),
            submitted in proptest::collection::vec((0i64..40, 0u8..10), 0..30),
            revised in proptest::collection::vec((0i64..50, 0u8..10), 0..6),
        ) {
            let layer = |given: &[(i64, u8)], kind: Given| -> Vec<ServiceEstimate> {
                given.iter().map(|(id, fte)| estimate(*id, f64::from(*fte), kind, A)).collect()
            };
            let revisions: Vec<ServiceRevision> = revised
                .iter()
                .map(|(id, fte)| ServiceRevision {
                    service_id: *id,
                    idva_fte: f64::from(*fte) + 0.5,
                    idva_high_risk_fte: 0.0,
                    reviewer: "pcc@example.org".into(),
                    blank: estimate(*id, 0.0, Given::Revised, A),
                })
                .collect();
            let carried = layer(&carried, Given::RolledForward);
            let submitted = layer(&submitted, Given::Online);
            let expected = resolved_through_a_map(carried.clone(), submitted.clone(), &revisions);
            let merged: Vec<(i64, Given, f64)> = resolve(carried, submitted, &revisions, &[])
                .into_iter()
                .map(|e| (e.service_id, e.provenance.kind, e.figures.idva().fte))
                .collect();
            proptest::prop_assert_eq!(merged, expected);
        }
    }
}
