//! What one build of a cycle's publication reads, once: the cycle, its estimates and need
//! inputs, the publication built from them (every table of people protected by the build's
//! protector), and the data source line on every page, map and file. The site and the packs are
//! both built from these.

use crate::error::AppResult;
use crate::estimates;
use crate::store::cycles::{self, Cycle};
use crate::store::need_inputs;
use crate::Platform;
use frontline_disclosure::{CellProtector, ReleaseProtector};
use frontline_geo::need::AreaNeedInput;
use frontline_geo::publication::{build, Publication};
use std::sync::Arc;

/// The published source line, on every page, map and file.
pub fn data_source(cycle: &Cycle) -> String {
    format!(
        "Data: {} (Frontline), police force areas of England and Wales.",
        cycle.title
    )
}

/// Everything read from the database for one build.
pub struct Inputs {
    pub cycle: Cycle,
    /// What protects every table of people in the build: the cycle's rule alone, or a
    /// release's protector (which reads the release beside its earlier versions).
    pub protector: Protecting,
    pub publication: Publication,
    pub estimates: Vec<frontline_geo::allocation::ServiceEstimate>,
    pub need: Vec<AreaNeedInput>,
    /// Whether the wave counted practitioners (a wave may run only its other instruments).
    pub counts_practitioners: bool,
}

/// A shareable protector for a build.
pub type Protecting = Arc<dyn CellProtector + Send + Sync>;

/// The cycle's publication, built from its estimates and need inputs as every table is, its
/// tables of people protected by the cycle's rule alone.
pub fn read_inputs(platform: &Platform, year: i32) -> AppResult<Inputs> {
    read_inputs_protected(platform, year, None)
}

/// [`read_inputs`], protected by a release's `protector` when one is given.
pub fn read_inputs_protected(
    platform: &Platform,
    year: i32,
    release: Option<Arc<ReleaseProtector>>,
) -> AppResult<Inputs> {
    let mut conn = platform.conn()?;
    let cycle = cycles::by_year(&mut conn, year)?;
    let protector: Protecting = match release {
        Some(r) => r,
        None => Arc::new(cycle.suppression_rule()),
    };
    let estimates = estimates::for_cycle(platform, &mut conn, cycle.id)?;
    let need = need_inputs::for_cycle(&mut conn, cycle.id)?;
    let publication = build(
        year,
        &platform.geography,
        &estimates,
        &need,
        cycle.need_parameters(),
        protector.as_ref(),
    )?;
    Ok(Inputs {
        protector,
        cycle,
        publication,
        need,
        counts_practitioners: !estimates.is_empty(),
        estimates,
    })
}
