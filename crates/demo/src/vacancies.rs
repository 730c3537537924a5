//! The demo's refuge vacancy board: a referrer account (`referrer@example.org`, the demo
//! password), a few live vacancies, posted by the team for 2018's refuges, which expire 48
//! hours after the demo is made unless refreshed. (A refuge's own posting link is a secret made
//! by the team on `/admin/vacancies`: a demo that printed one would not be the same twice.)

use frontline_provision::safe_accommodation::SafeAccommodation;
use frontline_provision::vacancy::{Vacancy, VacancyForm};
use frontline_web::error::{AppError, AppResult};
use frontline_web::profiles::saving;
use frontline_web::store::states::Role;
use frontline_web::store::{accounts, clock, cycles, profiles, services, vacancies};
use frontline_web::Platform;
use survey_engine::Answers;

pub const DEMO_REFERRER_EMAIL: &str = "referrer@example.org";
const TEAM: &str = "admin@example.org";

/// What the demo's refuges have free: a kind, children up to an age, accessible, languages, no
/// recourse accepted.
const FREE: [(&str, &str, bool, &str, bool); 4] = [
    ("family", "12", false, "Polish", false),
    ("single_women", "", true, "", true),
    ("family", "16", false, "Urdu, Punjabi", false),
    ("lgbt", "", false, "", false),
];

pub fn create(platform: &Platform) -> AppResult<String> {
    let mut conn = platform.conn()?;
    accounts::upsert(
        &mut conn,
        DEMO_REFERRER_EMAIL,
        "Demo referrer",
        Role::Referrer,
        super::DEMO_ADMIN_PASSWORD,
    )?;
    let cycle = cycles::by_year(&mut conn, 2018)?;
    let all = services::all(&mut conn)?;
    let mut refuges = Vec::new();
    for stored in profiles::for_cycle(&mut conn, cycle.id)? {
        let answers = Answers::from_json(&stored.answers)?;
        let Some(service) = all.iter().find(|s| s.id == stored.service_id) else {
            continue;
        };
        if SafeAccommodation::from_answers(&answers).places.family == 0 {
            continue;
        }
        if let Some(area) = saving::places_area(&service.areas, &answers) {
            refuges.push((service.id, area.to_string()));
        }
    }
    let now = clock::now();
    let mut posted = 0;
    // Spread over the country: every fortieth refuge.
    for ((service_id, area), free) in refuges.iter().step_by(40).zip(FREE) {
        let (kind, age, accessible, languages, no_recourse) = free;
        let vacancy = Vacancy::parse(&VacancyForm {
            kind,
            children_up_to_age: age,
            accessible,
            languages,
            no_recourse_accepted: no_recourse,
        })
        .map_err(|p| AppError::invalid("demo vacancy", format!("{p:?}")))?;
        vacancies::post(&mut conn, *service_id, area, &vacancy, TEAM, &now)?;
        posted += 1;
    }
    Ok(format!(
        "{posted} refuge vacancies live for 48 hours; referrers sign in as {DEMO_REFERRER_EMAIL}; the team makes a refuge its own posting link at /admin/vacancies"
    ))
}
