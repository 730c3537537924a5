//! Saving a profile: every answer checked against the profile definition first (and a refuge's
//! contact, and each funding stream's completeness); nothing is stored when any is refused; the
//! funding streams it gives replace the service's streams in the register; audited.

use crate::db::DbConnection;
use crate::error::{AppError, AppResult};
use crate::store::cycles::Cycle;
use crate::store::profiles::{self, Write};
use crate::store::states::CycleStatus;
use crate::store::states::ProfileSource;
use crate::store::{audit, funding, services};
use crate::surveys::{schema_ref, SERVICE_PROFILE};
use crate::Platform;
use frontline_geo::authorities::{upper_tier_authorities_on, UpperTierAuthority};
use frontline_provision::directory::PublicProfile;
use frontline_provision::placement::{self, Unplaced};
use frontline_provision::profile::{funding_streams, StreamProblem};
use frontline_provision::safe_accommodation::SafeAccommodation;
use frontline_provision::FundingStream;
use survey_engine::validate::{check, Problem, Stage};
use survey_engine::{form, Answers, QuestionKind, SurveyDefinition};

/// Who is saving: the service through its link, or a staff member.
pub enum Giver<'a> {
    Service,
    Staff(&'a str),
}

pub fn definition(platform: &Platform) -> AppResult<&SurveyDefinition> {
    Ok(platform.catalogue.get(SERVICE_PROFILE)?)
}

/// The answer, kept beside the definition's, naming the upper-tier local authorities served:
/// chosen from those within the service's police force areas, which no fixed list can offer.
pub const UTLAS: &str = "utlas";

/// The answer, kept beside the definition's, naming the police force area a safe-accommodation
/// service's places are in when it works in more than one (its places count there, and only
/// there: never a finer location).
pub const PLACES_AREA: &str = "places_pfa";

/// The answer, kept beside the definition's, naming the upper-tier local authority a
/// safe-accommodation service's places are in when more than one could hold them (see
/// [`frontline_provision::placement`]).
pub const PLACES_AUTHORITY: &str = "places_utla";

/// The profile's answers read from a posted form (every section on one page).
pub fn read_form(def: &SurveyDefinition, fields: &[(String, String)]) -> Answers {
    let mut answers = Answers::new();
    for section in &def.sections {
        answers.merge(form::read_section(section, fields, &[]));
    }
    let mut utlas: Vec<&str> = fields
        .iter()
        .filter(|(k, _)| k == UTLAS)
        .map(|(_, v)| v.trim())
        .filter(|v| !v.is_empty())
        .collect();
    utlas.sort_unstable();
    utlas.dedup();
    if !utlas.is_empty() {
        answers.set(UTLAS, serde_json::json!(utlas));
    }
    for key in [PLACES_AREA, PLACES_AUTHORITY] {
        if let Some((_, named)) = fields
            .iter()
            .find(|(k, v)| k == key && !v.trim().is_empty())
        {
            answers.set(key, serde_json::json!(named.trim()));
        }
    }
    answers
}

/// The police force area a safe-accommodation service's places count in: its only area, or the
/// one its profile names among its areas; none when it names none (or one it does not work in).
pub fn places_area<'a>(areas: &'a [String], answers: &Answers) -> Option<&'a str> {
    match areas {
        [only] => Some(only),
        _ => {
            let named = answers.choice(PLACES_AREA)?;
            areas.iter().map(String::as_str).find(|a| *a == named)
        }
    }
}

/// The upper-tier authority, of those in force on `day` (the cycle's close), a safe-accommodation
/// service's places count in; none when its police force area is unknown or several
/// authorities could hold them and it has not said which.
pub fn places_authority(
    areas: &[String],
    answers: &Answers,
    day: &str,
) -> AppResult<Option<String>> {
    let Some(pfa) = places_area(areas, answers) else {
        return Ok(None);
    };
    let in_force = upper_tier_authorities_on(day)?;
    Ok(placement::places_authority(
        pfa,
        &answers.choices(UTLAS),
        answers.choice(PLACES_AUTHORITY),
        &in_force,
    )
    .ok()
    .map(|u| u.code.clone()))
}

/// A service whose places could be in several authorities must say which one they are in, and a
/// named one must be among them.
fn places_without_authority(
    areas: &[String],
    answers: &Answers,
    day: &str,
) -> AppResult<Option<Problem>> {
    let given = SafeAccommodation::from_answers(answers).is_given();
    let named = answers.choice(PLACES_AUTHORITY);
    let Some(pfa) = places_area(areas, answers) else {
        return Ok(None);
    };
    if !given && named.is_none() {
        return Ok(None);
    }
    let in_force = upper_tier_authorities_on(day)?;
    let problem = |message: String| {
        Some(Problem::about(
            PLACES_AUTHORITY,
            "Which upper-tier local authority are its places in?",
            message,
        ))
    };
    Ok(match placement::places_authority(pfa, &answers.choices(UTLAS), named, &in_force) {
        Ok(_) => None,
        Err(Unplaced::NotNamed) => problem(
            "its places could be in more than one upper-tier local authority: choose the one they are in".into(),
        ),
        Err(Unplaced::NotACandidate(_)) => {
            let could: Vec<String> = placement::candidates(pfa, &answers.choices(UTLAS), &in_force)
                .into_iter()
                .map(|u| u.name.clone())
                .collect();
            problem(format!(
                "choose one of the authorities its places could be in: {}",
                could.join(", ")
            ))
        }
    })
}

/// "Office hours only" cannot stand beside evenings or weekends.
fn contradictory_hours(answers: &Answers) -> Option<Problem> {
    let times = answers.choices("opening_times");
    (times.contains(&"office_hours_only") && times.len() > 1).then(|| {
        Problem::about(
            "opening_times",
            "Is support available outside office hours?",
            "choose 'Office hours only' on its own, or the evenings and weekends it is open",
        )
    })
}

/// A service with places in several areas must say which area they are in.
fn unplaced_places(areas: &[String], answers: &Answers) -> Option<Problem> {
    let given = SafeAccommodation::from_answers(answers).is_given();
    let named = answers.choice(PLACES_AREA);
    let problem = |message: &str| {
        Problem::about(
            PLACES_AREA,
            "Which police force area are its places in?",
            message,
        )
    };
    // A named area is one of the service's own, whatever else it gives: never stray text.
    if named.is_some_and(|n| !areas.iter().any(|a| a == n)) {
        return Some(problem(
            "choose one of the police force areas the service works in",
        ));
    }
    if areas.len() > 1 && given && places_area(areas, answers).is_none() {
        return Some(match named {
            None => problem("the service works in more than one police force area: choose the one its places are in"),
            Some(_) => problem("choose one of the police force areas the service works in"),
        });
    }
    None
}

/// The upper-tier authorities within the areas a service works in, as they were on `day` (a
/// cycle's close: each cycle keeps the geography of its year).
pub fn authorities_within(
    areas: &[String],
    day: &str,
) -> AppResult<Vec<&'static UpperTierAuthority>> {
    Ok(upper_tier_authorities_on(day)?
        .into_iter()
        .filter(|u| areas.iter().any(|c| *c == u.pfa_code))
        .collect())
}

/// Authorities named that are not within the service's areas.
fn stray_authorities(areas: &[String], day: &str, answers: &Answers) -> AppResult<Option<Problem>> {
    let within = authorities_within(areas, day)?;
    let stray: Vec<&str> = answers
        .choices(UTLAS)
        .into_iter()
        .filter(|code| !within.iter().any(|u| u.code == *code))
        .collect();
    Ok((!stray.is_empty()).then(|| {
        Problem::about(
            UTLAS,
            "Upper-tier local authorities served",
            format!(
                "{} {} not an upper-tier authority in the police force areas this service works in",
                stray.join(", "),
                if stray.len() == 1 { "is" } else { "are" }
            ),
        )
    }))
}

/// Anything in an answer that would be published that could locate a place (a postcode, a map
/// link, coordinates…) is refused, naming the question; for a refuge or other safe accommodation
/// that would reveal its location. Defence in depth: the directory publishes only structured
/// answers of a safe-accommodation service anyway.
fn locations_in_public_answers(def: &SurveyDefinition, answers: &Answers) -> Vec<Problem> {
    let public = PublicProfile::new(def, answers);
    public
        .answers()
        .0
        .iter()
        .filter_map(|(question, value)| {
            let text = value.as_str()?;
            let found = frontline_safety::find_locations(text);
            let first = found.first()?;
            Some(Problem::about(question.clone(), def.question(question).map_or(question.clone(), |q| q.label.clone()), format!(
                    "this is published, so it may not contain {first}; a refuge's location is secret, and the directory lists contacts only"
                )))
        })
        .collect()
}

/// Stores the profile, or returns what to put right.
/// A funding stream's problem as the form shows it: the item and the question by their labels,
/// linked to the question's field.
fn stream_problem(def: &SurveyDefinition, p: StreamProblem) -> Problem {
    let label = match def.question("funding_streams").map(|q| &q.kind) {
        Some(QuestionKind::RepeatingGroup { questions, .. }) => questions
            .iter()
            .find(|sub| sub.id == p.field)
            .map_or(p.field.replace('_', " "), |sub| sub.label.clone()),
        _ => p.field.replace('_', " "),
    };
    Problem {
        field: Some(format!(
            "funding_streams.{}.{}",
            p.item.saturating_sub(1),
            p.field
        )),
        ..Problem::about(
            "funding_streams",
            format!("Funding stream {}, {label}", p.item),
            p.message,
        )
    }
}

pub fn save(
    platform: &Platform,
    conn: &mut DbConnection,
    cycle: &Cycle,
    service_id: i32,
    answers: &Answers,
    giver: Giver,
) -> AppResult<Vec<Problem>> {
    if !matches!(cycle.status, CycleStatus::Draft | CycleStatus::Open) {
        return Err(AppError::Closed(format!(
            "the {} cycle is {}; profiles can no longer be changed",
            cycle.year, cycle.status
        )));
    }
    let def = definition(platform)?;
    let mut problems = check(def, answers, Stage::Submission);
    problems.extend(locations_in_public_answers(def, answers));
    let service = services::get(conn, service_id)?;
    problems.extend(stray_authorities(
        &service.areas,
        &cycle.closes_on,
        answers,
    )?);
    problems.extend(unplaced_places(&service.areas, answers));
    problems.extend(places_without_authority(
        &service.areas,
        answers,
        &cycle.closes_on,
    )?);
    problems.extend(contradictory_hours(answers));
    let streams = match funding_streams(&service.name, answers) {
        Ok(streams) => streams,
        // The form's own checks said it already (a date that is not a date): once is enough.
        Err(_) if problems.iter().any(|p| p.question == "funding_streams") => Vec::new(),
        Err(found) => {
            problems.extend(found.into_iter().map(|p| stream_problem(def, p)));
            Vec::new()
        }
    };
    if !problems.is_empty() {
        return Ok(problems);
    }
    let (source, by) = match giver {
        Giver::Service => (ProfileSource::Service, format!("service {service_id}")),
        Giver::Staff(email) => (ProfileSource::Staff, email.to_string()),
    };
    let before = profiles::find(conn, cycle.id, service_id)?.map(|p| p.answers);
    let json = answers.to_json();
    frontline_store::db::transaction(conn, |conn| {
        // Streams given in the profile replace the service's streams in the cycle's register; a
        // profile that gives none leaves the register (an import, say) as it is.
        if !streams.is_empty() {
            let placed: Vec<(i32, FundingStream)> =
                streams.into_iter().map(|s| (service_id, s)).collect();
            let register_source = match source {
                ProfileSource::Service => "survey",
                ProfileSource::Staff | ProfileSource::RolledForward => "staff",
            };
            funding::replace_for_services(conn, cycle.id, &placed, register_source, &by)?;
        }
        profiles::put(
            conn,
            Write {
                cycle_id: cycle.id,
                service_id,
                schema_version: &schema_ref(def),
                answers: &json,
                source,
                carried_from_year: None,
                by: &by,
            },
        )?;
        audit::record(
            conn,
            audit::Change {
                actor: &by,
                action: "profile.saved",
                entity: "service",
                entity_id: service_id.to_string(),
                before,
                after: Some(json.clone()),
                reason: Some(format!("{} profile", cycle.year)),
            },
        )?;
        Ok::<_, AppError>(())
    })?;
    Ok(Vec::new())
}

#[cfg(test)]
mod tests {
    use frontline_provision::vocabulary::{
        Community, CrimeType, Gender, ReferralRoute, ServiceType,
    };
    use survey_engine::QuestionKind;

    #[test]
    fn the_profile_definition_speaks_the_provision_vocabularies() {
        let catalogue = crate::surveys::catalogue().expect("catalogue");
        let def = catalogue
            .get(crate::surveys::SERVICE_PROFILE)
            .expect("definition");
        type Known = fn(&str) -> bool;
        let checks: [(&str, Known, usize); 5] = [
            (
                "services_offered",
                |c| ServiceType::parse(c).is_ok(),
                ServiceType::ALL.len(),
            ),
            (
                "crime_types",
                |c| CrimeType::parse(c).is_ok(),
                CrimeType::ALL.len(),
            ),
            (
                "genders_served",
                |c| Gender::parse(c).is_ok(),
                Gender::ALL.len(),
            ),
            (
                "by_and_for",
                |c| Community::parse(c).is_ok(),
                Community::ALL.len(),
            ),
            (
                "referral_routes",
                |c| ReferralRoute::parse(c).is_ok(),
                ReferralRoute::ALL.len(),
            ),
        ];
        for (question, known, all) in checks {
            let Some(QuestionKind::MultipleChoice { choices, .. }) =
                def.question(question).map(|q| &q.kind)
            else {
                panic!("{question} is a multiple choice");
            };
            assert!(choices.iter().all(|c| known(&c.value)), "{question}");
            assert_eq!(choices.len(), all, "{question} offers every code");
        }
    }
}
