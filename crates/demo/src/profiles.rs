//! The demo's service profiles: every service's 2016 profile (synthetic), with gaps an area
//! would want to see — Kent has no by-and-for provision for Black and minoritised women,
//! Cumbria no service for men, no self-referral route and nothing open evenings or weekends, Dyfed-Powys no children's advocate —
//! each later cycle rolled forward, about one in eight updated by its service.

use frontline_geo::authorities::upper_tier_authorities_on;
use frontline_provision::placement;
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
const NORTH_WALES: &str = "W15000001";

pub fn create(platform: &Platform, seed: u64) -> AppResult<String> {
    let mut rng = StdRng::seed_from_u64(seed ^ 0x9_0f11e);
    // Places draw from their own stream, so the rest of the demo is as it was before them.
    let mut places_rng = StdRng::seed_from_u64(seed ^ 0x9_1ace5);
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
            let mut answers = profile(&s.areas, &open.closes_on, &mut rng);
            safe_accommodation(&s.areas, &open.closes_on, &mut answers, &mut places_rng)?;
            hours_and_modes(&s.areas, &mut answers, &mut places_rng);
            refused(saving::save(
                platform, &mut conn, &open, s.id, &answers, giver,
            )?)?;
            given += 1;
        }
        cycles::set_status(&mut conn, cycle.id, cycle.status)?;
    }
    Ok(format!(
        "{} services profiled from 2016, rolled forward each year ({given} profiles given in all); Kent, Cumbria (nothing open evenings or weekends) and Dyfed-Powys show gaps; refuges give their places (North Wales above the Council of Europe minimum, the rest short)",
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
fn profile(areas: &[String], day: &str, rng: &mut StdRng) -> Answers {
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
    let utlas: Vec<String> = frontline_web::profiles::saving::authorities_within(areas, day)
        .unwrap_or_default()
        .into_iter()
        .filter(|_| rng.gen_bool(0.7))
        .map(|u| u.code.to_string())
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

/// A refuge's or other safe accommodation's places and last year's referrals, all adding up. North
/// Wales' refuges are generous, so one area stands above the Council of Europe minimum; a
/// service in several areas names the first (or North Wales) as where its places are, and where
/// several authorities (of the cycle's year, `day`) could hold them, one of those.
fn safe_accommodation(
    areas: &[String],
    day: &str,
    answers: &mut Answers,
    rng: &mut StdRng,
) -> AppResult<()> {
    let offers = answers.choices("services_offered");
    let kind_of_refuge = offers.contains(&"refuge");
    if !kind_of_refuge && !offers.contains(&"other_safe_accommodation") {
        return Ok(());
    }
    let men = answers.choices("genders_served").contains(&"men");
    let by_and_for = !answers.choices("by_and_for").is_empty();
    let in_north_wales = areas.iter().any(|a| a == NORTH_WALES);
    let family: u64 = if in_north_wales {
        rng.gen_range(75..90)
    } else if kind_of_refuge {
        rng.gen_range(8..25)
    } else {
        rng.gen_range(2..7)
    };
    let received = family * rng.gen_range(5..9);
    let accepted = family + rng.gen_range(0..=family);
    let rest = received - accepted;
    let no_space = rest / 2;
    let needs_not_met = rest * rng.gen_range(10..20) / 100;
    let risk = rest * rng.gen_range(3..8) / 100;
    let no_recourse = rest * rng.gen_range(5..12) / 100;
    let set = |answers: &mut Answers, question: &str, n: u64| answers.set(question, json!(n));
    set(answers, "family_places", family);
    set(answers, "single_women_places", rng.gen_range(0..5));
    set(
        answers,
        "places_for_men",
        if men { rng.gen_range(0..3) } else { 0 },
    );
    set(answers, "places_for_lgbt", rng.gen_range(0..2));
    set(
        answers,
        "accessible_units",
        rng.gen_range(0..=family.min(2)),
    );
    set(
        answers,
        "by_and_for_units",
        if by_and_for { family } else { 0 },
    );
    set(answers, "referrals_received", received);
    set(answers, "referrals_accepted", accepted);
    set(answers, "declined_no_space", no_space);
    set(answers, "declined_needs_not_met", needs_not_met);
    set(answers, "declined_risk", risk);
    set(answers, "declined_no_recourse", no_recourse);
    set(
        answers,
        "placements_out_of_area",
        accepted * rng.gen_range(40..70) / 100,
    );
    let home = if in_north_wales {
        Some(NORTH_WALES)
    } else {
        areas.first().map(String::as_str)
    };
    if let (true, Some(home)) = (areas.len() > 1, home) {
        answers.set(saving::PLACES_AREA, json!(home));
    }
    if let Some(home) = home {
        let in_force = upper_tier_authorities_on(day)?;
        let could = placement::candidates(home, &answers.choices(saving::UTLAS), &in_force);
        // Spread by the places already drawn, so no draw changes the rest of the demo.
        if could.len() > 1 {
            let chosen = could[family as usize % could.len()];
            answers.set(saving::PLACES_AUTHORITY, json!(chosen.code));
        }
    }
    Ok(())
}

/// How and when a service gives support. Cumbria's services keep office hours only, so the area
/// shows the gap "nothing open evenings or weekends".
fn hours_and_modes(areas: &[String], answers: &mut Answers, rng: &mut StdRng) {
    let mut modes = vec!["phone"];
    for (mode, p) in [("online", 0.5), ("in_person", 0.8)] {
        if rng.gen_bool(p) {
            modes.push(mode);
        }
    }
    let mut opening: Vec<&str> = Vec::new();
    if !areas.iter().any(|a| a == CUMBRIA) {
        for (when, p) in [("evenings", 0.4), ("weekends", 0.25)] {
            if rng.gen_bool(p) {
                opening.push(when);
            }
        }
    }
    if opening.is_empty() {
        opening.push("office_hours_only");
    }
    answers.set("support_modes", json!(modes));
    answers.set("opening_times", json!(opening));
}
