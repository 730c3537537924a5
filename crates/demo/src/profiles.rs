//! The demo's service profiles: every service's 2016 profile (synthetic), with gaps an area
//! would want to see — Kent has no by-and-for provision for Black and minoritised women,
//! Cumbria no service for men and no self-referral route, Dyfed-Powys no children's advocate —
//! each later cycle rolled forward, about one in eight updated by its service.

use frontline_web::error::{AppError, AppResult};
use frontline_web::profiles::roll_forward::roll_forward;
use frontline_web::profiles::saving::{self, Giver};
use frontline_web::store::states::CycleStatus;
use frontline_web::store::{cycles, services};
use frontline_web::Platform;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use serde_json::json;
use survey_engine::Answers;

const TEAM: &str = "admin@example.org";
const KENT: &str = "E23000032";
const CUMBRIA: &str = "E23000002";
const DYFED_POWYS: &str = "W15000004";

pub fn create(platform: &Platform, seed: u64) -> AppResult<String> {
    let mut rng = StdRng::seed_from_u64(seed ^ 0x9_0f11e);
    let mut conn = platform.conn()?;
    let all = services::all(&mut conn)?;
    let mut given = 0;
    for year in [2016, 2017, 2018] {
        if year > 2016 {
            roll_forward(&mut conn, year, TEAM)?;
        }
        // Profiles are kept while a cycle is open: the demo's were given during fieldwork.
        let cycle = cycles::by_year(&mut conn, year)?;
        cycles::set_status(&mut conn, cycle.id, CycleStatus::Open)?;
        let open = cycles::by_year(&mut conn, year)?;
        for s in &all {
            let giver = if year == 2016 {
                Giver::Staff(TEAM)
            } else if rng.gen_bool(0.12) {
                Giver::Service
            } else {
                continue;
            };
            let answers = profile(&s.areas, &mut rng);
            refused(saving::save(
                platform, &mut conn, &open, s.id, &answers, giver,
            )?)?;
            given += 1;
        }
        cycles::set_status(&mut conn, cycle.id, cycle.status)?;
    }
    Ok(format!(
        "{} services profiled from 2016, rolled forward each year ({given} profiles given in all); Kent, Cumbria and Dyfed-Powys show gaps",
        all.len()
    ))
}

/// The demo's own profiles always pass the checks; a refusal is a bug in this generator.
fn refused(problems: Vec<survey_engine::Problem>) -> AppResult<()> {
    match problems.first() {
        None => Ok(()),
        Some(p) => Err(AppError::Task(format!(
            "a demo profile was refused: {}: {}",
            p.label, p.message
        ))),
    }
}

/// A plausible profile for a service working in `areas`.
fn profile(areas: &[String], rng: &mut StdRng) -> Answers {
    let in_area = |code: &str| areas.iter().any(|a| a == code);
    let mut offers: Vec<&str> = vec!["idva"];
    for (kind, p) in [
        ("community_outreach", 0.6),
        ("refuge", 0.25),
        ("other_safe_accommodation", 0.15),
        ("counselling", 0.3),
        ("helpline", 0.2),
        ("advocacy", 0.3),
        ("isva", 0.2),
        ("chidva", 0.1),
        ("chisva", 0.05),
        ("peer_support", 0.2),
        ("perpetrator_programme", 0.08),
    ] {
        if rng.gen_bool(p) {
            offers.push(kind);
        }
    }
    if in_area(DYFED_POWYS) {
        offers.retain(|o| !matches!(*o, "chidva" | "chisva"));
    }
    let mut genders = vec!["women"];
    if rng.gen_bool(0.35) && !in_area(CUMBRIA) {
        genders.push("men");
    }
    let mut by_and_for: Vec<&str> = Vec::new();
    if rng.gen_bool(0.12) && !in_area(KENT) {
        by_and_for.push("black_and_minoritised");
    }
    for (community, p) in [("deaf_and_disabled", 0.05), ("lgbt", 0.05)] {
        if rng.gen_bool(p) {
            by_and_for.push(community);
        }
    }
    let mut routes = vec!["police"];
    for (route, p) in [("health", 0.6), ("social_care", 0.5), ("self", 0.75)] {
        if rng.gen_bool(p) && !(route == "self" && in_area(CUMBRIA)) {
            routes.push(route);
        }
    }
    let mut crimes = vec!["domestic_abuse"];
    for crime in ["stalking", "honour_based_abuse", "recent_sexual_violence"] {
        if rng.gen_bool(0.3) {
            crimes.push(crime);
        }
    }
    let languages = ["pl", "ur", "pa", "cy", "ar", "ro"];
    let how_many = rng.gen_range(0..3);
    let spoken: Vec<&str> = languages.choose_multiple(rng, how_many).copied().collect();
    let contact = if offers.contains(&"refuge") {
        "0808 2000 247".to_string()
    } else {
        format!("0300 123 {:04}", rng.gen_range(0..10_000))
    };
    // Accreditations follow what the service offers (no draw, so the rest of the demo is as before).
    let mut accreditations = Vec::new();
    if offers.contains(&"refuge") {
        accreditations.push("womens_aid_quality_standards");
    }
    if offers.contains(&"idva") {
        accreditations.push("safelives_leading_lights");
    }
    // Most services name the upper-tier authorities they work in: all within their areas.
    let utlas: Vec<String> = frontline_web::profiles::saving::authorities_within(areas)
        .unwrap_or_default()
        .into_iter()
        .filter(|_| rng.gen_bool(0.7))
        .map(|u| u.code.clone())
        .collect();
    let value = json!({
        "utlas": utlas,
        "services_offered": offers,
        "crime_types": crimes,
        "genders_served": genders,
        "min_age": 16,
        "children_as_victims": if rng.gen_bool(0.3) { "yes" } else { "no" },
        "no_recourse": if rng.gen_bool(0.5) { "yes" } else { "no" },
        "by_and_for": by_and_for,
        "languages": spoken,
        "bsl": if rng.gen_bool(0.2) { "yes" } else { "no" },
        "accreditation": accreditations,
        "referral_routes": routes,
        "contact_phone": contact,
        "waiting_list": rng.gen_range(0..60),
        "typical_wait_weeks": rng.gen_range(0..16),
    });
    Answers::from_json(&value.to_string()).unwrap_or_default()
}
