//! A consultation with survivors, as the survey team or a commissioner records it: when, in
//! which police force area, how (focus group, lived-experience panel, interviews, survey), how
//! many people took part and which groups they came from. Packs answer "Were survivors
//! consulted?" from these records. A record names no one.

use crate::vocabulary::clip;
use frontline_provision::query::FieldProblem;
use frontline_provision::stream::Day;
use frontline_provision::vocabulary;
use serde::Serialize;

vocabulary! {
    /// How survivors were heard.
    Method {
        FocusGroup => ("focus_group", "Focus group"),
        LivedExperiencePanel => ("lived_experience_panel", "Lived-experience panel"),
        Interviews => ("interviews", "Interviews"),
        Survey => ("survey", "Survey"),
        Workshop => ("workshop", "Workshop or event"),
    }
}

vocabulary! {
    /// The groups a consultation heard from.
    Group {
        WomenSurvivors => ("women", "Women survivors"),
        MenSurvivors => ("men", "Men survivors"),
        Lgbt => ("lgbt", "LGBT+ survivors"),
        BlackAndMinoritised => ("black_and_minoritised", "Black and minoritised survivors"),
        DeafAndDisabled => ("deaf_and_disabled", "Deaf and disabled survivors"),
        ChildrenAndYoungPeople => ("children_young_people", "Children and young people"),
        OlderPeople => ("older_people", "Older people"),
        NoRecourse => ("no_recourse", "People with no recourse to public funds"),
        RuralCommunities => ("rural", "People in rural communities"),
    }
}

/// The most people a record may count: more is a typing slip, not a consultation.
pub const MOST_PEOPLE: u32 = 100_000;

/// One consultation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Consultation {
    pub held_on: Day,
    /// ONS code of the police force area.
    pub pfa_code: String,
    pub method: Method,
    pub people: u32,
    pub groups: Vec<Group>,
}

/// A consultation as a form gives it.
#[derive(Debug, Clone, Default)]
pub struct ConsultationForm<'a> {
    pub held_on: &'a str,
    pub pfa_code: &'a str,
    pub method: &'a str,
    pub people: &'a str,
    pub groups: &'a [String],
}

impl Consultation {
    /// Reads a form: a real date not after `today`, one of `areas` (the recorder's own), a method,
    /// a whole number of people, at least one group; every problem named by field.
    pub fn parse(
        form: &ConsultationForm,
        areas: &[String],
        today: Day,
    ) -> Result<Consultation, Vec<FieldProblem>> {
        let mut problems = Vec::new();
        let mut note = |field: &'static str, message: String| {
            problems.push(FieldProblem { field, message });
        };
        let held_on = match Day::parse(form.held_on.trim()) {
            Ok(day) if day > today => {
                note(
                    "held_on",
                    format!("{day} is still to come; record a consultation once it has been held"),
                );
                None
            }
            Ok(day) => Some(day),
            Err(e) => {
                note(
                    "held_on",
                    format!(
                        "'{}' is not a date like 2026-05-14: {e}",
                        clip(form.held_on)
                    ),
                );
                None
            }
        };
        let pfa = form.pfa_code.trim();
        if !areas.iter().any(|a| a == pfa) {
            let message = if pfa.is_empty() {
                "choose the police force area the consultation was held for".to_string()
            } else {
                format!("'{}' is not one of the areas you may record for", clip(pfa))
            };
            note("pfa_code", message);
        }
        let method = Method::parse(form.method.trim())
            .map_err(|e| note("method", e))
            .ok();
        let people = match form.people.trim().parse::<u32>() {
            Ok(0) => {
                note(
                    "people",
                    "a consultation heard from at least one person".into(),
                );
                None
            }
            Ok(n) if n > MOST_PEOPLE => {
                note(
                    "people",
                    format!("{n} people is more than {MOST_PEOPLE}: check the number"),
                );
                None
            }
            Ok(n) => Some(n),
            Err(_) => {
                note(
                    "people",
                    format!("'{}' is not a whole number of people", clip(form.people)),
                );
                None
            }
        };
        let mut groups = Vec::new();
        for given in form.groups {
            match Group::parse(given.trim()) {
                Ok(g) if !groups.contains(&g) => groups.push(g),
                Ok(_) => {}
                Err(e) => note("groups", e),
            }
        }
        if groups.is_empty() && form.groups.iter().all(|g| g.trim().is_empty()) {
            note(
                "groups",
                "tick at least one group the consultation heard from".into(),
            );
        }
        groups.sort();
        match (held_on, method, people) {
            (Some(held_on), Some(method), Some(people)) if problems.is_empty() => {
                Ok(Consultation {
                    held_on,
                    pfa_code: pfa.to_string(),
                    method,
                    people,
                    groups,
                })
            }
            _ => Err(problems),
        }
    }

    /// The record in a sentence for a pack: "Focus group, 2026-05-14: 8 people (Women
    /// survivors, LGBT+ survivors)"; a number of people below `threshold` is said as "fewer than".
    pub fn describe(&self, threshold: u32) -> String {
        let people = if self.people < threshold {
            format!("fewer than {threshold} people")
        } else {
            format!("{} people", self.people)
        };
        let groups: Vec<&str> = self.groups.iter().map(|g| g.label()).collect();
        format!(
            "{}, {}: {people} ({})",
            self.method.label(),
            self.held_on,
            groups.join(", ")
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> Day {
        Day::parse("2026-12-07").expect("day")
    }

    fn areas() -> Vec<String> {
        vec!["E23000032".into()]
    }

    #[test]
    fn a_record_reads_and_says_small_groups_as_fewer_than() {
        let groups = vec!["lgbt".to_string(), "women".to_string(), "women".to_string()];
        let record = Consultation::parse(
            &ConsultationForm {
                held_on: "2026-05-14",
                pfa_code: "E23000032",
                method: "focus_group",
                people: "3",
                groups: &groups,
            },
            &areas(),
            today(),
        )
        .expect("valid");
        assert_eq!(record.groups, [Group::WomenSurvivors, Group::Lgbt]);
        assert_eq!(
            record.describe(5),
            "Focus group, 2026-05-14: fewer than 5 people (Women survivors, LGBT+ survivors)"
        );
    }

    #[test]
    fn every_problem_is_named_by_field() {
        let groups = vec!["everyone".to_string()];
        let problems = Consultation::parse(
            &ConsultationForm {
                held_on: "2027-01-01",
                pfa_code: "E23000031",
                method: "chat",
                people: "eight",
                groups: &groups,
            },
            &areas(),
            today(),
        )
        .unwrap_err();
        let fields: Vec<&str> = problems.iter().map(|p| p.field).collect();
        assert_eq!(
            fields,
            ["held_on", "pfa_code", "method", "people", "groups"]
        );
        assert!(problems[0].message.contains("still to come"));
        assert!(problems[1]
            .message
            .contains("'E23000031' is not one of the areas"));
    }
}
