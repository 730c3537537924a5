//! Ratio imputation as the survey team runs it, after roll-forward: the cycle's services (invited
//! or profiled) that gave no figures this cycle and have none in any earlier cycle are estimated
//! from the services that answered in their class ([`frontline_geo::imputation`]), each stored as
//! a carried figure of kind `imputed` with its class in words, and audited. Roll-forward stays
//! first: a service with earlier figures is never imputed.

use super::freeze::ensure_estimating;
use super::roll_forward;
use crate::db::DbConnection;
use crate::error::{AppError, AppResult};
use crate::store::states::{CarriedKind, Outcome};
use crate::store::{cycles, funding, invitations, profiles, responses, services};
use crate::Platform;
use frontline_geo::imputation::{self, Class, Donor, Imputed, Recipient, ServiceType};
use frontline_provision::stream::Day;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use survey_engine::{Answers, PractitionerFigures};

/// A silent service with no earlier figures, and what imputation would give it.
#[derive(Debug, Clone, Serialize)]
pub struct Candidate {
    pub service: services::Service,
    /// Its class, where its profile and funding say (otherwise why not).
    pub class: Result<String, String>,
    /// The estimate, if its class has answering services.
    pub figures: Option<PractitionerFigures>,
    pub source: Option<String>,
    /// How many answering services of its class the estimate comes from (the team's page only).
    pub donors: Option<usize>,
}

/// What is known of each service for its class: type (from the cycle's profile) and annual
/// funding (from the cycle's funding register).
struct Sizes {
    types: BTreeMap<i32, ServiceType>,
    funding: BTreeMap<i32, i64>,
}

impl Sizes {
    /// Types from the cycle's profiles; funding from the streams live on the day fieldwork
    /// closed (a stream that had ended, or not begun, sizes nothing).
    fn read(conn: &mut DbConnection, cycle: &cycles::Cycle) -> AppResult<Self> {
        let cycle_id = cycle.id;
        let on = Day::parse(&cycle.closes_on).map_err(|e| AppError::invalid("closes_on", e))?;
        let mut types = BTreeMap::new();
        for p in profiles::for_cycle(conn, cycle_id)? {
            let answers = Answers::from_json(&p.answers)?;
            types.insert(
                p.service_id,
                ServiceType::of(answers.choices("services_offered")),
            );
        }
        let mut funding: BTreeMap<i32, i64> = BTreeMap::new();
        for (service_id, stream) in funding::for_cycle(conn, cycle_id)? {
            if stream.start <= on && on <= stream.end {
                *funding.entry(service_id).or_default() += stream.annual_pence;
            }
        }
        Ok(Sizes { types, funding })
    }

    /// The class of a service in `region`, or why it has none.
    fn class(&self, service_id: i32, region: Option<&str>) -> Result<(Class, i64), String> {
        let service_type = self
            .types
            .get(&service_id)
            .ok_or("no profile this cycle to say its type")?;
        let pence = *self
            .funding
            .get(&service_id)
            .filter(|p| **p > 0)
            .ok_or("no funding live when fieldwork closed to say its size")?;
        let region = region.ok_or("no area to say its region")?;
        Ok((Class::new(*service_type, pence, region), pence))
    }
}

/// The cycle's silent services with no earlier figures (no answer of any kind, nothing carried,
/// nothing in any earlier cycle), with what imputation gives each.
pub fn candidates(
    platform: &Platform,
    conn: &mut DbConnection,
    year: i32,
) -> AppResult<Vec<Candidate>> {
    let cycle = cycles::by_year(conn, year)?;
    let estimates = super::for_cycle(platform, conn, cycle.id)?;
    let sizes = Sizes::read(conn, &cycle)?;
    let services: BTreeMap<i32, services::Service> = services::all(conn)?
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    // A service's region is its first area's.
    let class_of = |service: &services::Service| {
        let region = service
            .areas
            .first()
            .and_then(|code| platform.geography.region_of(code));
        sizes.class(service.id, region)
    };
    // Donors: services that gave their own figures this cycle.
    let donors: Vec<Donor> = estimates
        .iter()
        .filter(|e| e.provenance.is_direct())
        .filter_map(|e| {
            let service = services.get(&i32::try_from(e.service_id).ok()?)?;
            let (class, annual_pence) = class_of(service).ok()?;
            Some(Donor {
                class,
                annual_pence,
                figures: e.figures.clone(),
            })
        })
        .collect();
    let silent: Vec<&services::Service> =
        silent_services(platform, conn, &cycle, &estimates, &sizes)?
            .into_iter()
            .filter_map(|id| services.get(&id))
            .collect();
    let recipients: Vec<Recipient> = silent
        .iter()
        .filter_map(|service| {
            let (class, annual_pence) = class_of(service).ok()?;
            Some(Recipient {
                service_id: i64::from(service.id),
                class,
                annual_pence,
            })
        })
        .collect();
    let imputed = imputation::impute(&donors, &recipients);
    Ok(silent
        .into_iter()
        .map(|service| {
            let class = class_of(service);
            let (figures, source, donors) = match (imputed.get(&i64::from(service.id)), &class) {
                (Some(Imputed::Estimated { figures, donors }), Ok((class, _))) => (
                    Some(figures.clone()),
                    Some(imputation::source_in_words(class)),
                    Some(*donors),
                ),
                _ => (None, None, None),
            };
            Candidate {
                service: service.clone(),
                class: class.map(|(c, _)| c.in_words()),
                figures,
                source,
                donors,
            }
        })
        .collect())
}

/// The cycle's services (invited, or with a profile this cycle) with no figures this cycle, no
/// answer of any kind and no figures in any earlier cycle (given, carried or imputed: those are
/// rolled forward or decided by the team, never estimated afresh).
fn silent_services(
    platform: &Platform,
    conn: &mut DbConnection,
    cycle: &cycles::Cycle,
    estimates: &[frontline_geo::allocation::ServiceEstimate],
    sizes: &Sizes,
) -> AppResult<Vec<i32>> {
    let mut ruled_out: BTreeSet<i32> = estimates
        .iter()
        .filter_map(|e| i32::try_from(e.service_id).ok())
        .collect();
    ruled_out.extend(
        responses::for_cycle(conn, cycle.id)?
            .into_iter()
            .filter(|r| r.is_submitted() || r.outcome != Outcome::Answered)
            .map(|r| r.service_id),
    );
    for before in cycles::all(conn)?
        .into_iter()
        .filter(|c| c.year < cycle.year)
    {
        ruled_out.extend(
            super::for_cycle(platform, conn, before.id)?
                .iter()
                .filter_map(|e| i32::try_from(e.service_id).ok()),
        );
    }
    let known: BTreeSet<i32> = invitations::for_cycle(conn, cycle.id)?
        .into_iter()
        .map(|i| i.service_id)
        .chain(sizes.types.keys().copied())
        .collect();
    Ok(known.difference(&ruled_out).copied().collect())
}

/// Stores the estimate of every candidate whose class has answering services, each audited;
/// returns how many were imputed.
pub fn impute_all(
    platform: &Platform,
    conn: &mut DbConnection,
    year: i32,
    actor: &str,
) -> AppResult<usize> {
    let cycle = cycles::by_year(conn, year)?;
    ensure_estimating(&cycle)?;
    let estimated: Vec<(Candidate, PractitionerFigures, String)> =
        candidates(platform, conn, year)?
            .into_iter()
            .filter_map(|c| {
                let (figures, source) = (c.figures.clone()?, c.source.clone()?);
                Some((c, figures, source))
            })
            .collect();
    if estimated.is_empty() {
        return Err(AppError::invalid(
            "impute",
            "no service is waiting for an estimate whose class has answering services",
        ));
    }
    frontline_store::db::transaction(conn, |conn| {
        for (candidate, figures, source) in &estimated {
            store(conn, &cycle, candidate, figures, source, actor)?;
        }
        Ok::<_, AppError>(())
    })?;
    Ok(estimated.len())
}

fn store(
    conn: &mut DbConnection,
    cycle: &cycles::Cycle,
    candidate: &Candidate,
    figures: &PractitionerFigures,
    source: &str,
    actor: &str,
) -> AppResult<()> {
    roll_forward::store_carried(
        conn,
        roll_forward::Carried {
            cycle,
            service_id: candidate.service.id,
            kind: CarriedKind::Imputed,
            source,
            original_cycle_year: None,
            figures,
            actor,
            reason: format!("no return in {} and no earlier figures", cycle.year),
        },
    )
}
