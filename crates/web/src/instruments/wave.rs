//! Which instruments a wave holds, each with the name its respondents go by in tables.

use crate::db::DbConnection;
use crate::error::{AppError, AppResult};
use crate::store::audit;
use crate::store::cycles::{self, Cycle};
use crate::store::instruments::{self, WaveInstrument};
use crate::Platform;

/// Adds a definition from the catalogue to the wave of `year`; audited.
pub fn add_instrument(
    platform: &Platform,
    conn: &mut DbConnection,
    year: i32,
    instrument: &str,
    group: &str,
    by: &str,
) -> AppResult<WaveInstrument> {
    let cycle = cycles::by_year(conn, year)?;
    platform.catalogue.get(instrument).map_err(|_| {
        AppError::invalid(
            "instrument",
            format!("'{instrument}' is not a survey definition Frontline knows"),
        )
    })?;
    if instrument == cycle.schema_id {
        return Err(AppError::invalid(
            "instrument",
            format!("'{instrument}' is already the wave's practitioner survey"),
        ));
    }
    let group = group.trim();
    if group.is_empty() || group.chars().count() > 60 {
        return Err(AppError::invalid(
            "group",
            "give the respondents' group a name of 1 to 60 characters, e.g. SARCs",
        ));
    }
    let added = instruments::add(conn, cycle.id, instrument, group)?;
    audit::record(
        conn,
        audit::Change {
            actor: by,
            action: "wave.instrument_added",
            entity: "cycle",
            entity_id: year.to_string(),
            after: Some(format!("{instrument} ({group})")),
            ..Default::default()
        },
    )?;
    Ok(added)
}

/// The wave's instrument `instrument`, or a clear error naming what the wave does hold.
pub fn instrument_of(
    conn: &mut DbConnection,
    cycle: &Cycle,
    instrument: &str,
) -> AppResult<WaveInstrument> {
    instruments::find(conn, cycle.id, instrument)?.ok_or_else(|| {
        let held: Vec<String> = instruments::of_wave(conn, cycle.id)
            .unwrap_or_default()
            .into_iter()
            .map(|i| i.instrument)
            .collect();
        AppError::invalid(
            "instrument",
            format!(
                "the {} wave has no instrument '{instrument}' (it has: {})",
                cycle.year,
                if held.is_empty() {
                    "none yet".to_string()
                } else {
                    held.join(", ")
                }
            ),
        )
    })
}
