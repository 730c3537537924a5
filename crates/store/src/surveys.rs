//! The survey definitions built into the binary, from `survey-schemas/`.

use crate::error::StoreResult;
use survey_engine::{Catalogue, SurveyDefinition};

const DEFINITIONS: [(&str, &str); 10] = [
    (
        "sv-study-2021.bank.json",
        include_str!("../../../survey-schemas/sv-study-2021.bank.json"),
    ),
    (
        "sv-provider-survey-2021.json",
        include_str!("../../../survey-schemas/sv-provider-survey-2021.json"),
    ),
    (
        "sarc-survey-2021.json",
        include_str!("../../../survey-schemas/sarc-survey-2021.json"),
    ),
    (
        "commissioner-survey-2021.json",
        include_str!("../../../survey-schemas/commissioner-survey-2021.json"),
    ),
    (
        "practitioner-survey-2017.json",
        include_str!("../../../survey-schemas/practitioner-survey-2017.json"),
    ),
    (
        "practitioner-survey-2018.json",
        include_str!("../../../survey-schemas/practitioner-survey-2018.json"),
    ),
    (
        "service-profile-2024.json",
        include_str!("../../../survey-schemas/service-profile-2024.json"),
    ),
    (
        "service-profile-2026.json",
        include_str!("../../../survey-schemas/service-profile-2026.json"),
    ),
    (
        "service-profile-2027.json",
        include_str!("../../../survey-schemas/service-profile-2027.json"),
    ),
    (
        "vfs-core-metrics-2024.json",
        include_str!("../../../survey-schemas/vfs-core-metrics-2024.json"),
    ),
];

/// The definition a service's profile is kept under. Profiles given under earlier versions
/// (`service-profile-2024`, `service-profile-2026`) keep their answers, but only questions this
/// one marks public are ever published from them. 2027 adds a safe-accommodation service's
/// places and referrals.
pub const SERVICE_PROFILE: &str = "service-profile-2027";

/// The survey a VFS return is given under.
pub const VFS_RETURN: &str = "vfs-core-metrics-2024";

pub fn catalogue() -> StoreResult<Catalogue> {
    Ok(Catalogue::from_sources(DEFINITIONS)?)
}

/// How a response records the definition it was given under: `id@version`.
pub fn schema_ref(def: &SurveyDefinition) -> String {
    format!("{}@{}", def.id, def.version)
}

/// The definition id in a stored `id@version` reference.
pub fn schema_id(reference: &str) -> &str {
    reference.split('@').next().unwrap_or(reference)
}
