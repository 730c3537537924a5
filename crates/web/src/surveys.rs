//! The survey definitions built into the binary, from `survey-schemas/`.

use crate::error::AppResult;
use survey_engine::{Catalogue, SurveyDefinition};

const DEFINITIONS: [(&str, &str); 7] = [
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
        "vfs-core-metrics-2024.json",
        include_str!("../../../survey-schemas/vfs-core-metrics-2024.json"),
    ),
];

/// The survey a VFS return is given under.
pub const VFS_RETURN: &str = "vfs-core-metrics-2024";

pub fn catalogue() -> AppResult<Catalogue> {
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
