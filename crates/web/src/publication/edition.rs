//! What a build of the publication is for: a staff draft, a PCC office's provisional view of its
//! own areas, or a public release; and how its maps are drawn.

use serde::Serialize;

/// Release metadata printed in the released files.
#[derive(Debug, Clone, Serialize)]
pub struct ReleaseInfo {
    pub version: i32,
    pub released_at: frontline_store::clock::Timestamp,
    pub released_by: String,
    pub notes: String,
}

#[derive(Debug, Clone)]
pub enum Edition {
    /// The survey team's preview, built live from whatever the database holds.
    Draft,
    /// Frozen estimates as a PCC office sees them: its own areas only.
    Provisional { areas: Vec<String> },
    /// A public release.
    Release(ReleaseInfo),
}

impl Edition {
    /// The mark on every page, map and file of anything not released.
    pub fn watermark(&self) -> Option<&'static str> {
        match self {
            Edition::Draft => Some("DRAFT"),
            Edition::Provisional { .. } => Some("PROVISIONAL"),
            Edition::Release(_) => None,
        }
    }

    /// The areas this build may show, or none for all.
    pub fn areas(&self) -> Option<&[String]> {
        match self {
            Edition::Provisional { areas } => Some(areas),
            _ => None,
        }
    }

    pub fn release(&self) -> Option<&ReleaseInfo> {
        match self {
            Edition::Release(info) => Some(info),
            _ => None,
        }
    }

    /// A line saying what this is, for page banners and file headers.
    pub fn banner(&self) -> Option<String> {
        match self {
            Edition::Draft => Some(
                "DRAFT — built live from unvalidated data for the survey team; not for publication or sharing."
                    .into(),
            ),
            Edition::Provisional { .. } => Some(
                "PROVISIONAL — frozen estimates shared with your PCC office for checking; not for publication."
                    .into(),
            ),
            Edition::Release(_) => None,
        }
    }
}

/// How maps are drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MapStyle {
    /// The shipped ONS police force area boundaries (the default).
    Boundaries,
    /// Frontline's tile map: one square per area, for small multiples.
    Tiles,
    /// A boundary GeoJSON given by the user.
    File(String),
}

impl MapStyle {
    pub fn name(&self) -> &'static str {
        match self {
            MapStyle::Boundaries => "boundaries",
            MapStyle::Tiles => "tiles",
            MapStyle::File(_) => "boundary file",
        }
    }
}

/// Where a cycle's publication stands, derived from the cycle and its releases (never stored, so
/// it cannot disagree with them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PublicationState {
    /// Estimates still open: staff see a live draft.
    Draft,
    /// Estimates frozen, nothing released: PCC offices see their own areas.
    Provisional,
    /// At least one version is public.
    Released {
        version: i32,
        estimates_frozen: bool,
    },
}

impl PublicationState {
    pub fn of(
        cycle: &crate::store::cycles::Cycle,
        latest: Option<&crate::store::releases::Release>,
    ) -> Self {
        match latest {
            Some(r) => PublicationState::Released {
                version: r.version,
                estimates_frozen: cycle.is_frozen(),
            },
            None if cycle.is_frozen() => PublicationState::Provisional,
            None => PublicationState::Draft,
        }
    }

    pub fn describe(&self) -> String {
        match self {
            PublicationState::Draft => "draft (staff only)".into(),
            PublicationState::Provisional => {
                "provisional (frozen; PCC offices see their own areas)".into()
            }
            PublicationState::Released {
                version,
                estimates_frozen: true,
            } => format!("released, version {version}"),
            PublicationState::Released { version, .. } => format!(
                "released, version {version}; estimates re-opened for a correction (a new release is needed to publish it)"
            ),
        }
    }
}
