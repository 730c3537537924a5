//! Which services of a cycle run a refuge or other safe accommodation: their profile offers it,
//! or their survey answers count refuge workers. No free text of theirs is ever published — not
//! in the directory, and not as a quote of what their practitioners wrote.

use crate::db::DbConnection;
use crate::error::AppResult;
use crate::store::cycles::Cycle;
use crate::store::{profiles, responses};
use crate::Platform;
use frontline_provision::gaps::ServiceProfile;
use std::collections::BTreeSet;
use survey_engine::{Answers, PractitionerFigures};

/// The services of `cycle` that offer refuge or other safe accommodation.
pub fn services(
    platform: &Platform,
    conn: &mut DbConnection,
    cycle: &Cycle,
) -> AppResult<BTreeSet<i32>> {
    let mut out = BTreeSet::new();
    for stored in profiles::for_cycle(conn, cycle.id)? {
        let answers = Answers::from_json(&stored.answers)?;
        if ServiceProfile::from_answers(&answers).is_safe_accommodation() {
            out.insert(stored.service_id);
        }
    }
    let def = platform.catalogue.get(&cycle.schema_id)?;
    for response in responses::for_cycle(conn, cycle.id)? {
        let answers = Answers::from_json(
            response
                .submitted_answers
                .as_deref()
                .unwrap_or(&response.answers),
        )?;
        if PractitionerFigures::from_answers(def, &answers)
            .role("refuge")
            .people
            > 0.0
        {
            out.insert(response.service_id);
        }
    }
    Ok(out)
}

/// The practitioner-survey responses of `cycle` given by those services.
pub fn responses_of(
    platform: &Platform,
    conn: &mut DbConnection,
    cycle: &Cycle,
) -> AppResult<BTreeSet<i32>> {
    let services = services(platform, conn, cycle)?;
    Ok(responses::for_cycle(conn, cycle.id)?
        .into_iter()
        .filter(|r| services.contains(&r.service_id))
        .map(|r| r.id)
        .collect())
}
