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

/// One of the practitioner roles the survey counts ([`ROLES`] gives their ids in order).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    Idva,
    Outreach,
    Refuge,
    Isva,
    Ypva,
    Children,
    Perpetrator,
    Other,
}

impl Role {
    /// Every role, in the order the report lists them.
    pub const ALL: [Role; 8] = [
        Role::Idva,
        Role::Outreach,
        Role::Refuge,
        Role::Isva,
        Role::Ypva,
        Role::Children,
        Role::Perpetrator,
        Role::Other,
    ];

    /// The role's id, as the survey's grid and the published columns name it.
    pub fn id(self) -> &'static str {
        ROLES[self as usize]
    }

    /// The role with this id, if the survey counts it.
    pub fn from_id(id: &str) -> Option<Role> {
        ROLES.iter().position(|r| *r == id).map(|i| Role::ALL[i])
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct RoleFigures {
    pub people: f64,
    pub fte: f64,
}

impl RoleFigures {
    /// Whether any people or FTE are given.
    pub fn is_given(&self) -> bool {
        self.people != 0.0 || self.fte != 0.0
    }
}

/// People and FTE in each role: a fixed slot per role, so reading one is an index, not a search.
/// Stored and shown as a map from role id to the figures of the roles given.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Roles([RoleFigures; 8]);

impl Roles {
    /// The figures of the role with this id (none for an id the survey does not count).
    pub fn get(&self, id: &str) -> RoleFigures {
        Role::from_id(id).map(|r| self.of(r)).unwrap_or_default()
    }

    /// The figures of `role`.
    pub fn of(&self, role: Role) -> RoleFigures {
        self.0[role as usize]
    }

    /// Sets the figures of `role`.
    pub fn insert(&mut self, role: Role, figures: RoleFigures) {
        self.0[role as usize] = figures;
    }

    /// The roles with any people or FTE given, in report order.
    pub fn iter(&self) -> impl Iterator<Item = (Role, RoleFigures)> + '_ {
        Role::ALL
            .into_iter()
            .map(|r| (r, self.of(r)))
            .filter(|(_, f)| f.is_given())
    }

    /// Whether no role has any people or FTE.
    pub fn is_empty(&self) -> bool {
        self.iter().next().is_none()
    }
}

impl Serialize for Roles {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter().map(|(role, f)| (role.id(), f)))
    }
}

impl<'de> Deserialize<'de> for Roles {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let given = BTreeMap::<String, RoleFigures>::deserialize(deserializer)?;
        let mut roles = Roles::default();
        for (id, figures) in given {
            let role = Role::from_id(&id).ok_or_else(|| {
                serde::de::Error::custom(format!(
                    "unknown practitioner role '{id}' (the survey counts {})",
                    ROLES.join(", ")
                ))
            })?;
            roles.insert(role, figures);
        }
        Ok(roles)
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PractitionerFigures {
    /// People and FTE in each role, for the whole service.
    pub roles: Roles,
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
            for role in Role::ALL {
                let people = grid_cell(answers, grid, role.id(), "people").unwrap_or(0.0);
                let fte = grid_cell(answers, grid, role.id(), "fte").unwrap_or(0.0);
                if people > 0.0 || fte > 0.0 {
                    figures.roles.insert(role, RoleFigures { people, fte });
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

    /// The figures of the role with this id (none for an id the survey does not count).
    pub fn role(&self, role: &str) -> RoleFigures {
        self.roles.get(role)
    }

    /// The Idva figures.
    pub fn idva(&self) -> RoleFigures {
        self.roles.of(Role::Idva)
    }

    pub fn total_fte(&self) -> f64 {
        self.roles.iter().map(|(_, r)| r.fte).sum()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_are_stored_as_a_map_of_the_roles_given_and_read_back_the_same() {
        let mut roles = Roles::default();
        roles.insert(
            Role::Isva,
            RoleFigures {
                people: 2.0,
                fte: 1.5,
            },
        );
        roles.insert(Role::Other, RoleFigures::default());
        let text = serde_json::to_string(&roles).unwrap();
        assert_eq!(text, r#"{"isva":{"people":2.0,"fte":1.5}}"#);
        let back: Roles = serde_json::from_str(&text).unwrap();
        assert_eq!(back, roles);
        assert_eq!(back.get("isva").fte, 1.5);
        assert_eq!(back.get("not-a-role"), RoleFigures::default());
        assert_eq!(Role::from_id("ypva").map(Role::id), Some("ypva"));
    }

    #[test]
    fn a_stored_role_the_survey_does_not_count_is_refused_by_name() {
        let err = serde_json::from_str::<Roles>(
            r#"{"idva":{"people":1,"fte":1},"chef":{"people":1,"fte":1}}"#,
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("unknown practitioner role 'chef'"), "{err}");
    }
}
