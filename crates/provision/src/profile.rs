//! A service's profile as the provision map reads it from the service-profile answers: what it
//! offers, to whom, who leads it and how people reach it, and the funding streams it gives for
//! the register. Unknown codes are skipped, so a profile given under an older wording still
//! counts for what it says.

use crate::gaps::ServiceProfile;
use crate::safe_accommodation::{Places, SafeAccommodation};
use crate::stream::{Commissioning, Day, FundingStream};
use crate::vocabulary::{
    Community, CoreCosts, FunderType, Gender, Kind, Opening, ReferralRoute, Role, ServiceType,
};
use std::collections::BTreeSet;
use survey_engine::Answers;

fn codes<T: Ord>(
    answers: &Answers,
    question: &str,
    parse: fn(&str) -> Result<T, String>,
) -> BTreeSet<T> {
    answers
        .choices(question)
        .into_iter()
        .filter_map(|code| parse(code).ok())
        .collect()
}

impl ServiceProfile {
    /// Reads the questions `services_offered`, `genders_served`, `by_and_for`,
    /// `referral_routes`, `no_recourse`, `opening_times` and the safe-accommodation places of a
    /// service-profile answer set ("Office hours only" is an answer, and opens nothing).
    pub fn from_answers(answers: &Answers) -> Self {
        Self {
            offers: codes(answers, "services_offered", ServiceType::parse),
            genders: codes(answers, "genders_served", Gender::parse),
            by_and_for: codes(answers, "by_and_for", Community::parse),
            referral_routes: codes(answers, "referral_routes", ReferralRoute::parse),
            no_recourse: answers.choice("no_recourse").map(|a| a == "yes"),
            opening: answers
                .get("opening_times")
                .map(|_| codes(answers, "opening_times", Opening::parse)),
            // Asked of a service giving its places: one giving only referrals said nothing of units.
            accessible_units: {
                let places = SafeAccommodation::from_answers(answers).places;
                (places != Places::default()).then_some(places.accessible)
            },
        }
    }

    /// Whether the service offers refuge or other safe accommodation, whose location is never
    /// published and none of whose free text ever is.
    pub fn is_safe_accommodation(&self) -> bool {
        self.offers.contains(&ServiceType::Refuge)
            || self.offers.contains(&ServiceType::OtherSafeAccommodation)
    }
}

/// A funding stream the profile's repeating group could not become, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StreamProblem {
    /// 1-based item number, as the form shows it.
    pub item: usize,
    pub field: &'static str,
    pub message: String,
}

/// The funding streams a profile gives in its `funding_streams` group, for the register. Every
/// item must name its funder type, grant or contract, role, dates, annual amount and whether
/// core costs are covered; an item missing one is a problem, never a guess.
pub fn funding_streams(
    service: &str,
    answers: &Answers,
) -> Result<Vec<FundingStream>, Vec<StreamProblem>> {
    let items = answers
        .get("funding_streams")
        .and_then(|v| v.as_array())
        .cloned()
        .unwrap_or_default();
    let mut streams = Vec::new();
    let mut problems = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let item_answers = Answers::from_json(&item.to_string()).unwrap_or_default();
        let mut problem = |field: &'static str, message: String| {
            problems.push(StreamProblem {
                item: i + 1,
                field,
                message,
            });
        };
        let code = |field: &'static str| item_answers.choice(field).map(str::to_string);
        let needed = |field: &'static str, problem: &mut dyn FnMut(&'static str, String)| {
            let value = code(field);
            if value.is_none() {
                problem(field, "is needed for the funding register".into());
            }
            value
        };
        let funder_type =
            needed("funder_type", &mut problem).and_then(|c| FunderType::parse(&c).ok());
        let kind = needed("kind", &mut problem).and_then(|c| Kind::parse(&c).ok());
        let role = needed("role", &mut problem).and_then(|c| Role::parse(&c).ok());
        let core =
            needed("core_costs_covered", &mut problem).and_then(|c| CoreCosts::parse(&c).ok());
        let day = |field: &'static str, problem: &mut dyn FnMut(&'static str, String)| match item
            .get(field)
            .and_then(|v| v.as_str())
            .map(Day::parse)
        {
            Some(Ok(d)) => Some(d),
            Some(Err(e)) => {
                problem(field, e);
                None
            }
            None => {
                problem(field, "is needed for the funding register".into());
                None
            }
        };
        let start = day("start", &mut problem);
        let end = day("end", &mut problem);
        let pence = item.get("annual_amount").and_then(|v| v.as_i64());
        if pence.is_none() {
            problem("annual_amount", "is needed for the funding register".into());
        }
        if let (Some(s), Some(e)) = (start, end) {
            if e < s {
                problem("end", "is before the start".into());
            }
        }
        if let (
            Some(funder_type),
            Some(kind),
            Some(role),
            Some(core),
            Some(start),
            Some(end),
            Some(pence),
        ) = (funder_type, kind, role, core, start, end, pence)
        {
            let text = |field: &str| {
                item.get(field)
                    .and_then(|v| v.as_str())
                    .map(str::trim)
                    .filter(|t| !t.is_empty())
                    .map(str::to_string)
            };
            let funder = text("funder").unwrap_or_else(|| funder_type.label().to_string());
            let commissioning = Commissioning {
                break_clause: text("break_clause").and_then(|d| Day::parse(&d).ok()),
                lead_commissioner: text("lead_commissioner"),
                co_commissioners: text("co_commissioners")
                    .map(|list| {
                        list.split(',')
                            .map(|c| c.trim().to_string())
                            .filter(|c| !c.is_empty())
                            .collect()
                    })
                    .unwrap_or_default(),
            };
            streams.push(FundingStream {
                service: service.to_string(),
                funder_type,
                funder,
                kind,
                role,
                start,
                end,
                annual_pence: pence,
                core_costs_covered: core,
                ring_fenced: item_answers.choice("ring_fenced") == Some("yes"),
                commissioning,
            });
        }
    }
    if problems.is_empty() {
        Ok(streams)
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_funding_group_becomes_streams_and_a_gap_is_named_not_guessed() {
        let answers = Answers::from_json(
            r#"{"funding_streams": [
                {"funder_type": "pcc", "funder": "Kent PCC", "kind": "grant", "role": "sole", "start": "2024-04-01", "end": "2025-03-31", "annual_amount": 4500050, "core_costs_covered": "partly"},
                {"funder_type": {"value": "other", "other": "A trust"}, "kind": "contract", "start": "2024-04-01", "end": "2023-03-31", "annual_amount": 100}
            ]}"#,
        )
        .expect("answers");
        let problems = funding_streams("S", &answers).expect_err("the second is incomplete");
        let named: Vec<(usize, &str)> = problems.iter().map(|p| (p.item, p.field)).collect();
        assert_eq!(named, [(2, "role"), (2, "core_costs_covered"), (2, "end")]);
        let first = Answers::from_json(
            r#"{"funding_streams": [{"funder_type": "pcc", "kind": "grant", "role": "sole", "start": "2024-04-01", "end": "2025-03-31", "annual_amount": 4500050, "core_costs_covered": "partly"}]}"#,
        )
        .expect("answers");
        let streams = funding_streams("S", &first).expect("streams");
        assert_eq!(streams[0].annual_pence, 4_500_050);
        let joint = Answers::from_json(
            r#"{"funding_streams": [{"funder_type": "local_authority", "kind": "contract", "role": "lead_provider", "start": "2024-04-01", "end": "2027-03-31", "annual_amount": 100, "core_costs_covered": "no", "ring_fenced": "yes", "break_clause": "2025-09-30", "lead_commissioner": "Kent County Council", "co_commissioners": "Kent PCC, Medway Council"}]}"#,
        )
        .expect("answers");
        let joint = funding_streams("S", &joint).expect("streams");
        assert!(joint[0].ring_fenced);
        assert_eq!(
            joint[0].commissioning.break_clause,
            Day::parse("2025-09-30").ok()
        );
        assert_eq!(
            joint[0].commissioning.co_commissioners,
            ["Kent PCC", "Medway Council"]
        );
        assert_eq!(streams[0].funder, "Police and crime commissioner");
        assert!(funding_streams("S", &Answers::new())
            .expect("none")
            .is_empty());
    }

    #[test]
    fn answers_become_a_profile_and_unknown_codes_are_skipped() {
        let answers = Answers::from_json(
            r#"{"services_offered": ["idva", "refuge", "retired_code"], "genders_served": ["women"],
                "by_and_for": ["black_and_minoritised"], "referral_routes": ["self", "police"]}"#,
        )
        .expect("answers");
        let p = ServiceProfile::from_answers(&answers);
        assert_eq!(
            p.offers,
            [ServiceType::Idva, ServiceType::Refuge]
                .into_iter()
                .collect()
        );
        assert!(p.is_safe_accommodation());
        assert!(p.genders.contains(&Gender::Women));
        assert!(p.by_and_for.contains(&Community::BlackAndMinoritised));
        assert_eq!(p.referral_routes.len(), 2);
        assert_eq!(
            ServiceProfile::from_answers(&Answers::new()),
            ServiceProfile::default()
        );
    }
}
