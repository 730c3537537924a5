//! The practitioner figures a return yields: people and FTE by role, Idva detail, volunteers, area shares.

use crate::answers::Answers;
use crate::definition::SurveyDefinition;
use crate::validate::grid_cell;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The practitioner roles the survey counts, in the order the report lists them.
pub const ROLES: [&str; 8] = [
    "idva",
    "outreach",
    "refuge",
    "isva",
    "ypva",
    "children",
    "perpetrator",
    "other",
];

#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct RoleFigures {
    pub people: f64,
    pub fte: f64,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PractitionerFigures {
    /// Role id → people and FTE, for the whole service.
    pub roles: BTreeMap<String, RoleFigures>,
    pub idva_high_risk_fte: f64,
    /// `marac`, `court` or `both`, where answered.
    pub idva_cases: Option<String>,
    /// Settings where the service has an Idva.
    pub idva_locations: Vec<String>,
    pub volunteers: f64,
    /// PFA code → share of the service's FTE (fractions summing to 1), where answered.
    pub area_shares: BTreeMap<String, f64>,
}

impl PractitionerFigures {
    /// Reads the figures from answers given under `def`, using its figure map.
    pub fn from_answers(def: &SurveyDefinition, answers: &Answers) -> Self {
        let map = &def.figures;
        let employs = map
            .employs_practitioners
            .as_deref()
            .and_then(|q| answers.choice(q))
            .is_none_or(|c| c == "yes");
        let mut figures = Self::default();
        if let Some(q) = map.areas.as_deref() {
            if let Some(obj) = answers.get(q).and_then(|v| v.as_object()) {
                figures.area_shares = obj
                    .iter()
                    .filter_map(|(k, v)| v.as_f64().map(|pct| (k.clone(), pct / 100.0)))
                    .filter(|(_, share)| *share > 0.0)
                    .collect();
            }
        }
        if !employs {
            return figures;
        }
        if let Some(grid) = map.roles.as_deref() {
            for role in ROLES {
                let people = grid_cell(answers, grid, role, "people").unwrap_or(0.0);
                let fte = grid_cell(answers, grid, role, "fte").unwrap_or(0.0);
                if people > 0.0 || fte > 0.0 {
                    figures
                        .roles
                        .insert(role.to_string(), RoleFigures { people, fte });
                }
            }
        }
        let number = |q: &Option<String>| q.as_deref().and_then(|q| answers.number(q));
        figures.idva_high_risk_fte = number(&map.idva_high_risk_fte).unwrap_or(0.0);
        figures.volunteers = number(&map.volunteers).unwrap_or(0.0);
        figures.idva_cases = map
            .idva_cases
            .as_deref()
            .and_then(|q| answers.choice(q))
            .map(str::to_string);
        if let Some(q) = map.idva_locations.as_deref() {
            figures.idva_locations = answers.choices(q).into_iter().map(str::to_string).collect();
        }
        figures
    }

    pub fn role(&self, role: &str) -> RoleFigures {
        self.roles.get(role).copied().unwrap_or_default()
    }

    pub fn total_fte(&self) -> f64 {
        self.roles.values().map(|r| r.fte).sum()
    }
}

/// What a submitted return says about the service.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reported {
    /// It answered the questions.
    Answered,
    /// It employs no practitioners (an answer, not a gap).
    NoPractitioners,
}

/// What a submitted return says about the service: it answered, or it employs no practitioners.
pub fn outcome(def: &SurveyDefinition, answers: &Answers) -> Reported {
    let employs = def
        .figures
        .employs_practitioners
        .as_deref()
        .and_then(|q| answers.choice(q));
    if employs == Some("no") {
        Reported::NoPractitioners
    } else {
        Reported::Answered
    }
}
