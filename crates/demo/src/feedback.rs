//! The demo's survivors' feedback: links for five services and anonymous responses through
//! them in 2016 and 2017 — two services well above the threshold, one just above, one below it
//! (its results stay hidden), one with a link and nothing yet — some in Welsh and Easy Read;
//! and three consultations with survivors, in North Wales, Kent and Cumbria, each with its
//! transcript or notes, for the packs and the coding workbench.

use frontline_provision::stream::Day;
use frontline_voice::consultation::{Consultation, Group, Method};
use frontline_voice::vocabulary::{AgeBand, Disability, Ethnicity, Gender};
use frontline_voice::{Feedback, Language, Outcome, OutcomeAnswer, SupportKind, SupportReport};
use frontline_web::clock;
use frontline_web::error::{AppError, AppResult};
use frontline_web::store::{consultations, feedback, services, transcripts};
use frontline_web::Platform;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};

const TEAM: &str = "admin@example.org";

/// Services by their first area's ONS code and position among its services, with responses.
const SERVICES: [(&str, usize, usize, Language); 5] = [
    ("E23000032", 0, 38, Language::English), // Kent
    ("E23000001", 0, 26, Language::English), // Metropolitan Police
    ("W15000001", 0, 9, Language::Welsh),    // North Wales
    ("E23000032", 1, 3, Language::EasyRead), // Kent: below the threshold
    ("E23000002", 0, 0, Language::English),  // Cumbria: a link, nothing yet
];

/// A consultation of the demo: when, where, how, how many people, which groups, and its
/// transcript's title and text (one remark a line, names already taken out).
struct Consulted {
    held_on: &'static str,
    area: &'static str,
    method: Method,
    people: u32,
    groups: &'static [Group],
    title: &'static str,
    text: &'static str,
}

const CONSULTATIONS: [Consulted; 3] = [
    Consulted {
        held_on: "2016-06-22",
        area: "W15000001",
        method: Method::LivedExperiencePanel,
        people: 12,
        groups: &[
            Group::WomenSurvivors,
            Group::DeafAndDisabled,
            Group::RuralCommunities,
        ],
        title: "Panel notes",
        text: "Being believed the first time made all the difference.\n\
         The nearest service was two buses away and nobody could come out to me.\n\
         There was no interpreter for the first meeting, so I said nothing.\n\
         My worker helped me fill in the housing forms.\n\
         I waited four months for counselling.\n\
         Someone rang me back the same day and that kept me going.",
    },
    Consulted {
        held_on: "2017-03-08",
        area: "E23000032",
        method: Method::FocusGroup,
        people: 8,
        groups: &[
            Group::WomenSurvivors,
            Group::BlackAndMinoritised,
            Group::NoRecourse,
        ],
        title: "Focus group transcript",
        text: "Facilitator: What helped you most?\n\
         My advocate came to court with me and explained every step.\n\
         Being believed by the first person I told.\n\
         Facilitator: What could have been better?\n\
         I had to tell my story to five different people.\n\
         With no recourse to public funds, the refuge could not take me.\n\
         My children waited a year for any support.\n\
         Appointments were only in the day when I was at work.",
    },
    Consulted {
        held_on: "2018-05-16",
        area: "E23000002",
        method: Method::Interviews,
        people: 6,
        groups: &[Group::WomenSurvivors, Group::RuralCommunities],
        title: "Interview notes",
        text: "Knowing I could call at night.\n\
         The wait for counselling was months.\n\
         Support for my children sooner.\n\
         Fewer people to tell my story to.\n\
         Help with the housing forms.",
    },
];

/// How likely a person who wanted each kind of support got it.
const GOT: [(SupportKind, f64); 7] = [
    (SupportKind::Advocacy, 0.85),
    (SupportKind::Counselling, 0.5),
    (SupportKind::SafeAccommodation, 0.45),
    (SupportKind::ChildrensSupport, 0.3),
    (SupportKind::Helpline, 0.9),
    (SupportKind::PeerSupport, 0.6),
    (SupportKind::AbuserChange, 0.1),
];

const HELPED: [&str; 5] = [
    "Being believed the first time I said it.",
    "My advocate came to court with me.",
    "Someone rang me back the same day.",
    "Help with the housing forms.",
    "Knowing I could call at night.",
];

const BETTER: [&str; 4] = [
    "The wait for counselling was months.",
    "Support for my children sooner.",
    "Evening appointments when I am at work.",
    "Fewer people to tell my story to.",
];

pub fn create(platform: &Platform, seed: u64) -> AppResult<String> {
    let mut conn = platform.conn()?;
    let mut rng = StdRng::seed_from_u64(seed ^ 0xFEED);
    let all = services::all(&mut conn)?;
    let mut responses = 0;
    let first_cycle = clock::Timestamp::parse("2016-01-04T09:00:00Z")
        .map_err(|e| AppError::invalid("demo", e.to_string()))?;
    for (area, nth, count, language) in SERVICES {
        let service = all
            .iter()
            .filter(|s| s.areas.first().is_some_and(|a| a == area))
            .nth(nth)
            .ok_or_else(|| AppError::invalid("demo", format!("no service {nth} in {area}")))?;
        // The links date from the first cycle, so every quarter since is weighed.
        feedback::create_link_at(&mut conn, service.id, TEAM, &first_cycle)?;
        for n in 0..count {
            let year = if n % 5 < 3 { 2016 } else { 2017 };
            let month = format!("{year}-{:02}", rng.gen_range(1..=12));
            feedback::record(&mut conn, service.id, &month, language, &response(&mut rng))?;
            responses += 1;
        }
    }
    for c in CONSULTATIONS {
        let consultation = Consultation {
            held_on: Day::parse(c.held_on).map_err(|e| AppError::invalid("demo", e))?,
            pfa_code: c.area.into(),
            method: c.method,
            people: c.people,
            groups: c.groups.to_vec(),
        };
        let id = consultations::record(&mut conn, &consultation, TEAM)?;
        transcripts::add(&mut conn, id, c.title, c.text, TEAM)?;
    }
    Ok(format!(
        "{responses} survivors' feedback responses for {} services (sign in and open /admin/feedback) and {} consultations with survivors with their transcripts (/admin/consultations)",
        SERVICES.len(),
        CONSULTATIONS.len()
    ))
}

pub(crate) fn response(rng: &mut StdRng) -> Feedback {
    let mut f = Feedback::default();
    for outcome in Outcome::ALL {
        if rng.gen_bool(0.92) {
            let answer = match rng.gen_range(0..10) {
                0..=6 => OutcomeAnswer::Yes,
                7..=8 => OutcomeAnswer::NotSure,
                _ => OutcomeAnswer::No,
            };
            f.outcomes.insert(*outcome, answer);
        }
    }
    let wanted = rng.gen_range(1..=4);
    for (kind, got) in GOT.choose_multiple(rng, wanted) {
        let report = if rng.gen_bool(*got) {
            SupportReport::WantedAndGot
        } else {
            SupportReport::WantedNotGot
        };
        f.support.insert(*kind, report);
    }
    if rng.gen_bool(0.5) {
        f.helped = HELPED.choose(rng).map(|s| s.to_string());
    }
    if rng.gen_bool(0.4) {
        f.better = BETTER.choose(rng).map(|s| s.to_string());
    }
    if rng.gen_bool(0.7) {
        f.about.age = AgeBand::ALL.choose(rng).copied();
        f.about.gender = Some(if rng.gen_bool(0.9) {
            Gender::Woman
        } else {
            Gender::PreferNotToSay
        });
        f.about.ethnicity = Ethnicity::ALL.choose(rng).copied();
        f.about.disability = Disability::ALL.choose(rng).copied();
    }
    f
}
