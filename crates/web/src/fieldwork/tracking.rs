//! The survey team's tracking view: where each service is in the cycle, counted nationally, by
//! region and by police force area (a service counts once in each area and region it covers).

use crate::db::DbConnection;
use crate::error::AppResult;
use crate::store::states::{Channel, Outcome};
use crate::store::{invitations, responses, services};
use frontline_geo::Geography;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// Where a service stands; exactly one applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum State {
    NoResponse,
    Partial,
    Submitted,
    Phone,
    Declined,
    Closed,
}

impl State {
    pub fn label(self) -> &'static str {
        match self {
            State::NoResponse => "No response",
            State::Partial => "Partly answered",
            State::Submitted => "Submitted online",
            State::Phone => "Completed by phone",
            State::Declined => "Employs no practitioners",
            State::Closed => "Service closed",
        }
    }

    fn of(response: Option<&responses::Response>) -> Self {
        match response {
            None => State::NoResponse,
            Some(r) if r.outcome == Outcome::ServiceClosed => State::Closed,
            Some(r) if r.is_submitted() && r.outcome == Outcome::NoPractitioners => State::Declined,
            Some(r) if r.is_submitted() && r.channel == Channel::Phone => State::Phone,
            Some(r) if r.is_submitted() => State::Submitted,
            Some(_) => State::Partial,
        }
    }
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Counts {
    pub services: usize,
    pub invited: usize,
    pub opened: usize,
    pub partial: usize,
    pub submitted: usize,
    pub phone: usize,
    pub declined: usize,
    pub closed: usize,
    pub no_response: usize,
}

impl Counts {
    fn add(&mut self, p: &ServiceProgress) {
        self.services += 1;
        self.invited += usize::from(p.invited);
        self.opened += usize::from(p.opened);
        match p.state {
            State::NoResponse => self.no_response += 1,
            State::Partial => self.partial += 1,
            State::Submitted => self.submitted += 1,
            State::Phone => self.phone += 1,
            State::Declined => self.declined += 1,
            State::Closed => self.closed += 1,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct ServiceProgress {
    pub service: services::Service,
    pub invited: bool,
    pub opened: bool,
    pub reminded: bool,
    pub state: State,
    pub state_label: &'static str,
    pub updated_at: Option<crate::clock::Timestamp>,
    pub unsubmitted_changes: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct AreaCounts {
    pub code: String,
    pub name: String,
    pub region: String,
    pub counts: Counts,
}

#[derive(Debug, Clone, Serialize)]
pub struct Tracking {
    pub total: Counts,
    pub regions: Vec<(String, Counts)>,
    pub areas: Vec<AreaCounts>,
    pub services: Vec<ServiceProgress>,
}

/// Every service invited to, or answering, the cycle.
pub fn progress(conn: &mut DbConnection, cycle_id: i32) -> AppResult<Vec<ServiceProgress>> {
    let invitations = invitations::for_cycle(conn, cycle_id)?;
    let responses: BTreeMap<i32, responses::Response> = responses::for_cycle(conn, cycle_id)?
        .into_iter()
        .map(|r| (r.service_id, r))
        .collect();
    let in_cycle: BTreeSet<i32> = invitations
        .iter()
        .map(|i| i.service_id)
        .chain(responses.keys().copied())
        .collect();
    Ok(services::all(conn)?
        .into_iter()
        .filter(|s| in_cycle.contains(&s.id))
        .map(|service| {
            let mine: Vec<_> = invitations
                .iter()
                .filter(|i| i.service_id == service.id)
                .collect();
            let response = responses.get(&service.id);
            let state = State::of(response);
            ServiceProgress {
                invited: mine.iter().any(|i| i.sent_at.is_some()),
                opened: mine.iter().any(|i| i.opened_at.is_some()),
                reminded: mine.iter().any(|i| i.reminded_at.is_some()),
                state,
                state_label: state.label(),
                updated_at: response.map(|r| r.updated_at.clone()),
                unsubmitted_changes: response.is_some_and(|r| r.has_unsubmitted_changes()),
                service,
            }
        })
        .collect())
}

pub fn tracking(conn: &mut DbConnection, geo: &Geography, cycle_id: i32) -> AppResult<Tracking> {
    let services = progress(conn, cycle_id)?;
    let mut total = Counts::default();
    let mut regions: BTreeMap<String, Counts> = geo
        .regions()
        .into_iter()
        .map(|r| (r.name, Counts::default()))
        .collect();
    let mut areas: Vec<AreaCounts> = geo
        .areas()
        .iter()
        .map(|a| AreaCounts {
            code: a.code.to_string(),
            name: a.name.clone(),
            region: a.region.clone(),
            counts: Counts::default(),
        })
        .collect();
    for p in &services {
        total.add(p);
        let mut seen_regions = BTreeSet::new();
        for code in &p.service.areas {
            if let Some(area) = areas.iter_mut().find(|a| &a.code == code) {
                area.counts.add(p);
                if seen_regions.insert(area.region.clone()) {
                    regions.entry(area.region.clone()).or_default().add(p);
                }
            }
        }
    }
    Ok(Tracking {
        total,
        regions: regions.into_iter().collect(),
        areas,
        services,
    })
}
