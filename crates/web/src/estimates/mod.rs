//! A cycle's estimates: submitted responses plus carried figures, as the geography crate takes them.

use crate::bootstrap::Platform;
use crate::db::DbConnection;
use crate::error::AppResult;
use crate::store::{carried, responses, services};
use crate::surveys::schema_id;
use frontline_geo::allocation::{shares_for, Provenance, ServiceEstimate};
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
                estimate(service, figures, Provenance { kind, source }),
            );
        }
    }

    for response in responses::for_cycle(conn, cycle_id)? {
        if response.status != "submitted" || response.outcome != "answered" {
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
        let source = if response.channel == "phone" {
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
                    kind: response.channel.clone(),
                    source: source.into(),
                },
            ),
        );
    }
    Ok(out.into_values().collect())
}

fn estimate(
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
