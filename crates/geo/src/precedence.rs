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

/// The cycle's estimates from its layers, each service once (by id), then the area adjustments
/// in the order the revisions were decided.
pub fn resolve(
    carried: Vec<ServiceEstimate>,
    submitted: Vec<ServiceEstimate>,
    services: &[ServiceRevision],
    areas: &[AreaRevision],
) -> Vec<ServiceEstimate> {
    let mut out: BTreeMap<i64, ServiceEstimate> = BTreeMap::new();
    for estimate in carried.into_iter().chain(submitted) {
        out.insert(estimate.service_id, estimate);
    }
    for revision in services {
        let provenance = Provenance {
            kind: Given::Revised,
            source: format!("revised by {}", revision.reviewer),
        };
        let entry = out.entry(revision.service_id).or_insert_with(|| {
            let mut blank = revision.blank.clone();
            blank.provenance = provenance.clone();
            blank
        });
        let mut idva = entry.figures.role("idva");
        idva.fte = revision.idva_fte;
        entry.figures.roles.insert(Role::Idva, idva);
        entry.figures.idva_high_risk_fte = revision.idva_high_risk_fte;
        entry.provenance = provenance;
    }
    let mut adjustments: Vec<ServiceEstimate> = Vec::new();
    for revision in areas {
        let (fte, high_risk) = area_idva_totals(
            out.values().chain(adjustments.iter()),
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
    out.into_values().chain(adjustments).collect()
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
}
