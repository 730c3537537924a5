//! Spreading each service's FTE over the police force areas it covers, by its shares.

use crate::error::GeoError;
use serde::Serialize;
use std::collections::BTreeMap;
use survey_engine::{PractitionerFigures, Role};

/// How a service's figures were given, as the appendix reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Given {
    /// Answered online by the service.
    Online,
    /// Answered with the survey team on the phone.
    Phone,
    /// Loaded from the service's return in a file.
    Import,
    /// A non-responder's figures from its last response.
    RolledForward,
    /// Figures a third party gave for the service.
    ThirdParty,
    /// A non-responder with no earlier figures, estimated by ratio imputation from the services
    /// of its type, size band and region that answered.
    Imputed,
    /// A service's figures as its PCC office revised them.
    Revised,
    /// An accepted revision of an area's total, not a service.
    AreaAdjustment,
}

impl Given {
    /// The figures' source in plain words.
    pub fn in_words(self) -> &'static str {
        match self {
            Given::Online => "answered online",
            Given::Phone => "answered by phone",
            Given::Import => "imported return",
            Given::RolledForward => "rolled forward",
            Given::ThirdParty => "third party",
            Given::Imputed => "imputed",
            Given::Revised => "revised by PCC office",
            Given::AreaAdjustment => "area adjustment",
        }
    }
}

/// Where a service's figures came from, as the appendix reports it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Provenance {
    pub kind: Given,
    /// Free text such as "survey", "2016 survey results" or "Marac co-ordinator".
    pub source: String,
}

impl Provenance {
    /// Whether the figure was given by the service itself this cycle.
    pub fn is_direct(&self) -> bool {
        matches!(self.kind, Given::Online | Given::Phone | Given::Import)
    }
}

/// One service's figures for a cycle, ready to allocate.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ServiceEstimate {
    pub service_id: i64,
    pub service: String,
    pub figures: PractitionerFigures,
    /// PFA code → share of the service's FTE; shares sum to 1.
    pub shares: BTreeMap<String, f64>,
    pub provenance: Provenance,
}

impl ServiceEstimate {
    /// Checks the shares sum to 1 (within rounding).
    pub fn check_shares(&self) -> Result<(), GeoError> {
        let sum: f64 = self.shares.values().sum();
        if (sum - 1.0).abs() > 1e-6 {
            return Err(GeoError::SharesDoNotSumToOne {
                service: self.service.clone(),
                sum,
            });
        }
        Ok(())
    }

    /// Idvas employed (people; FTE rounded up where no head count was given).
    pub fn idva_people(&self) -> f64 {
        let idva = self.figures.idva();
        if idva.people > 0.0 {
            idva.people
        } else {
            idva.fte.ceil()
        }
    }

    /// Whether the service employs anyone (people or FTE) in the role with this id.
    pub fn employs(&self, role: &str) -> bool {
        Role::from_id(role).is_some_and(|r| self.employs_role(r))
    }

    /// Whether the service employs anyone (people or FTE) in `role`; an adjustment employs none.
    pub fn employs_role(&self, role: Role) -> bool {
        let r = self.figures.roles.of(role);
        !self.is_adjustment() && (r.fte > 0.0 || r.people > 0.0)
    }

    /// An adjustment to an area's totals: it moves FTE (up or down) but is not a service.
    pub fn is_adjustment(&self) -> bool {
        self.provenance.kind == Given::AreaAdjustment
    }
}

/// The shares to use for a service: its stated split when that covers its areas and sums to
/// 100%, otherwise an equal split over the areas it covers.
pub fn shares_for(stated: &BTreeMap<String, f64>, covered: &[String]) -> BTreeMap<String, f64> {
    let sum: f64 = stated.values().sum();
    if !stated.is_empty() && (sum - 1.0).abs() < 1e-6 {
        return stated.clone();
    }
    let n = covered.len().max(1) as f64;
    covered.iter().map(|c| (c.clone(), 1.0 / n)).collect()
}

/// Services counted in an area: their ids, sorted and each once.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ServiceSet(Vec<i64>);

impl ServiceSet {
    /// Adds a service; adding in ascending order (as estimates come) is a push.
    pub fn insert(&mut self, id: i64) {
        match self.0.last() {
            Some(last) if *last >= id => {
                if let Err(at) = self.0.binary_search(&id) {
                    self.0.insert(at, id);
                }
            }
            _ => self.0.push(id),
        }
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The services counted in any of `sets`, each once.
    fn union<'a>(sets: impl Iterator<Item = &'a ServiceSet>) -> ServiceSet {
        let mut ids: Vec<i64> = sets.flat_map(|s| s.0.iter().copied()).collect();
        ids.sort_unstable();
        ids.dedup();
        ServiceSet(ids)
    }
}

/// Figures for one area (a PFA, a region or the nation), with the services counted once each.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct AreaFigures {
    /// Allocated FTE in each role, in [`Role::ALL`] order.
    pub fte: [f64; 8],
    pub idva_high_risk_fte: f64,
    /// Idvas (people), allocated by the same shares as their FTE.
    pub idva_people: f64,
    pub volunteers: f64,
    /// Services with any share here.
    pub services: ServiceSet,
    /// Services employing each role with any share here, in [`Role::ALL`] order.
    pub services_by_role: [ServiceSet; 8],
    /// Services with volunteers and any share here.
    pub services_with_volunteers: ServiceSet,
}

impl AreaFigures {
    /// The FTE allocated here in the role with this id (0 for an id the survey does not count).
    pub fn role_fte(&self, role: &str) -> f64 {
        Role::from_id(role).map_or(0.0, |r| self.fte[r as usize])
    }

    pub fn total_fte(&self) -> f64 {
        self.fte.iter().sum()
    }

    /// Services employing the role with this id with any share here.
    pub fn services_employing(&self, role: &str) -> usize {
        Role::from_id(role).map_or(0, |r| self.services_by_role[r as usize].len())
    }

    pub fn idva_services(&self) -> usize {
        self.services_by_role[Role::Idva as usize].len()
    }

    /// Adds `share` of a service's figures to this area, counting the service once. An area
    /// adjustment adds (or takes away) FTE and counts no service.
    pub fn add_share(&mut self, estimate: &ServiceEstimate, share: f64) {
        let roles = &estimate.figures.roles;
        self.idva_high_risk_fte += estimate.figures.idva_high_risk_fte * share;
        if estimate.is_adjustment() {
            for (role, figures) in roles.iter() {
                self.fte[role as usize] += figures.fte * share;
            }
            return;
        }
        for (role, figures) in roles.iter() {
            if figures.fte > 0.0 {
                self.fte[role as usize] += figures.fte * share;
            }
            if estimate.employs_role(role) {
                self.services_by_role[role as usize].insert(estimate.service_id);
            }
        }
        if estimate.employs_role(Role::Idva) {
            self.idva_people += estimate.idva_people() * share;
        }
        self.volunteers += estimate.figures.volunteers * share;
        if estimate.figures.volunteers > 0.0 {
            self.services_with_volunteers.insert(estimate.service_id);
        }
        self.services.insert(estimate.service_id);
    }

    /// The figures of several areas together: FTE summed, each service counted once.
    pub fn sum_of(areas: &[&AreaFigures]) -> AreaFigures {
        let mut sum = AreaFigures {
            services: ServiceSet::union(areas.iter().map(|a| &a.services)),
            services_with_volunteers: ServiceSet::union(
                areas.iter().map(|a| &a.services_with_volunteers),
            ),
            services_by_role: Role::ALL
                .map(|r| ServiceSet::union(areas.iter().map(|a| &a.services_by_role[r as usize]))),
            ..AreaFigures::default()
        };
        for area in areas {
            for (total, fte) in sum.fte.iter_mut().zip(area.fte) {
                *total += fte;
            }
            sum.idva_high_risk_fte += area.idva_high_risk_fte;
            sum.idva_people += area.idva_people;
            sum.volunteers += area.volunteers;
        }
        sum
    }
}

/// The value under `key`, made if new: the key is allocated only the first time.
fn slot<'m, V: Default>(map: &'m mut BTreeMap<String, V>, key: &str) -> &'m mut V {
    if !map.contains_key(key) {
        map.insert(key.to_string(), V::default());
    }
    map.get_mut(key)
        .unwrap_or_else(|| unreachable!("{key} was inserted just above"))
}

/// Allocates every estimate to PFAs by its shares. Estimates whose shares do not sum to 1 are refused.
pub fn allocate<'a>(
    estimates: impl IntoIterator<Item = &'a ServiceEstimate>,
) -> Result<BTreeMap<String, AreaFigures>, GeoError> {
    let mut by_pfa: BTreeMap<String, AreaFigures> = BTreeMap::new();
    for estimate in estimates {
        estimate.check_shares()?;
        for (pfa, share) in &estimate.shares {
            if *share > 0.0 {
                slot(&mut by_pfa, pfa).add_share(estimate, *share);
            }
        }
    }
    Ok(by_pfa)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use survey_engine::{Role, RoleFigures};

    pub fn estimate(
        id: i64,
        idva: (f64, f64),
        high_risk: f64,
        shares: &[(&str, f64)],
    ) -> ServiceEstimate {
        let mut figures = PractitionerFigures::default();
        figures.roles.insert(
            Role::Idva,
            RoleFigures {
                people: idva.0,
                fte: idva.1,
            },
        );
        figures.idva_high_risk_fte = high_risk;
        ServiceEstimate {
            service_id: id,
            service: format!("Service {id}"),
            figures,
            shares: shares.iter().map(|(k, v)| (k.to_string(), *v)).collect(),
            provenance: Provenance {
                kind: Given::Online,
                source: "survey".into(),
            },
        }
    }

    #[test]
    fn splits_fte_by_share_and_counts_the_service_in_each_area() {
        let s = estimate(1, (5.0, 4.0), 3.0, &[("A", 0.75), ("B", 0.25)]);
        let by_pfa = allocate(&[s]).unwrap();
        assert_eq!(by_pfa["A"].role_fte("idva"), 3.0);
        assert_eq!(by_pfa["B"].role_fte("idva"), 1.0);
        assert_eq!(by_pfa["A"].idva_high_risk_fte, 2.25);
        assert_eq!(by_pfa["B"].idva_high_risk_fte, 0.75);
        assert_eq!(by_pfa["A"].idva_services(), 1);
        assert_eq!(by_pfa["B"].idva_services(), 1);
    }

    #[test]
    fn refuses_shares_that_do_not_sum_to_one() {
        let s = estimate(1, (1.0, 1.0), 1.0, &[("A", 0.5), ("B", 0.4)]);
        let err = allocate(&[s]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "service Service 1: area shares sum to 0.900, they must sum to 1"
        );
    }

    #[test]
    fn falls_back_to_an_equal_split_of_covered_areas() {
        let covered = vec!["A".to_string(), "B".to_string()];
        let stated: BTreeMap<String, f64> = [("A".to_string(), 0.7)].into();
        let shares = shares_for(&stated, &covered);
        assert_eq!(shares["A"], 0.5);
        assert_eq!(shares["B"], 0.5);
        let stated: BTreeMap<String, f64> = [("A".to_string(), 0.7), ("B".to_string(), 0.3)].into();
        assert_eq!(shares_for(&stated, &covered)["A"], 0.7);
    }
}
