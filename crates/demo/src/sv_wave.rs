//! The demo's 2021 wave: the national study of sexual violence services, with no practitioner
//! count, three instruments (SV providers, SARCs, commissioners) reached by named invitations
//! and open links shared through networks, synthetic answers that differ by group, and its
//! first release.

use super::coding::DEMO_CODER_EMAIL;
use frontline_web::coding::{codebook, open_questions, segmenting};
use frontline_web::crypto;
use frontline_web::error::{AppError, AppResult};
use frontline_web::estimates::freeze;
use frontline_web::instruments::invitations::{self, Invitee};
use frontline_web::instruments::{open_links, wave};
use frontline_web::publish::release::release;
use frontline_web::publish::MapStyle;
use frontline_web::store::instruments::{self, NewResponse};
use frontline_web::store::states::{CycleStatus, InstrumentStatus};
use frontline_web::store::{accounts, codings, comments, cycles};
use frontline_web::surveys::schema_ref;
use frontline_web::templates::Templates;
use frontline_web::Platform;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use serde_json::{json, Map, Value};
use survey_engine::definition::Choice;
use survey_engine::skip::is_asked;
use survey_engine::validate::{check, Stage};
use survey_engine::{Answers, Question, QuestionKind, SurveyDefinition};

const YEAR: i32 = 2021;
const TEAM: &str = "admin@example.org";

/// Each instrument, its group, its open-link channels, and how many answer by each route.
struct Plan {
    instrument: &'static str,
    group: &'static str,
    channels: &'static [(&'static str, usize)],
    invited: usize,
    /// How far the group leans to agreeing with the statements about commissioning (−1 to 1).
    tilt: f64,
}

const PLANS: [Plan; 3] = [
    Plan {
        instrument: "sv-provider-survey-2021",
        group: "SV providers",
        channels: &[
            ("Rape Crisis network bulletin", 58),
            ("Survivors' forum mailing list", 24),
        ],
        invited: 30,
        tilt: -0.5,
    },
    Plan {
        instrument: "sarc-survey-2021",
        group: "SARCs",
        channels: &[("SARC managers' network", 30)],
        invited: 16,
        tilt: 0.0,
    },
    Plan {
        instrument: "commissioner-survey-2021",
        group: "Commissioners",
        channels: &[("APCC bulletin", 30), ("ADASS bulletin", 16)],
        invited: 20,
        tilt: 0.45,
    },
];

pub fn create(platform: &Platform, seed: u64) -> AppResult<String> {
    let mut rng = StdRng::seed_from_u64(seed ^ 0x5f_2021);
    let mut conn = platform.conn()?;
    let cycle = cycles::create(
        &mut conn,
        &cycles::NewCycle {
            year: YEAR,
            title: "National study of sexual violence services 2021",
            schema_id: "practitioner-survey-2018",
            opens_on: "2021-03-01",
            closes_on: "2021-05-28",
            status: CycleStatus::Open,
        },
    )?;
    let mut submitted = 0;
    for plan in &PLANS {
        wave::add_instrument(platform, &mut conn, YEAR, plan.instrument, plan.group, TEAM)?;
        let def = platform.catalogue.get(plan.instrument)?;
        for (channel, n) in plan.channels {
            let link =
                open_links::create(platform, &mut conn, YEAR, plan.instrument, channel, TEAM)?;
            for _ in 0..*n {
                submitted += respond(&mut conn, def, plan, cycle.id, link.id, channel, &mut rng)?;
            }
        }
        let invitees = invitees(plan, &mut rng);
        invitations::invite(
            platform,
            &mut conn,
            YEAR,
            plan.instrument,
            &invitees,
            "http://127.0.0.1:8080",
            TEAM,
        )?;
        let invited = instruments::responses_of_wave(&mut conn, cycle.id)?
            .into_iter()
            .filter(|r| r.instrument == plan.instrument && r.invited_email.is_some())
            .collect::<Vec<_>>();
        for r in invited {
            // Three in four invited people answer; one in ten of them does not finish.
            if rng.gen_bool(0.75) {
                let answers = answers(def, plan, &mut rng);
                let status = if rng.gen_bool(0.9) {
                    InstrumentStatus::Submitted
                } else {
                    InstrumentStatus::Partial
                };
                instruments::save(&mut conn, r.id, r.revision, &answers.to_json(), status)?;
                submitted += usize::from(status == InstrumentStatus::Submitted);
            }
        }
    }
    let coded = code_open_answers(platform, &mut conn)?;
    drop(conn);
    close_and_release(platform)?;
    Ok(format!(
        "the 2021 sexual violence services study: three instruments, open links and invitations, {submitted} submitted responses compared, {coded} open-answer comments coded, released"
    ))
}

fn invitees(plan: &Plan, rng: &mut StdRng) -> Vec<Invitee> {
    const FIRST: [&str; 8] = [
        "Amira", "Bethan", "Chloe", "Dami", "Eilidh", "Farah", "Grace", "Hannah",
    ];
    const LAST: [&str; 8] = [
        "Ahmed", "Bowen", "Clarke", "Davies", "Evans", "Fraser", "Green", "Hughes",
    ];
    (0..plan.invited)
        .map(|i| {
            let name = format!(
                "{} {}",
                FIRST.choose(rng).unwrap_or(&"Sam"),
                LAST.choose(rng).unwrap_or(&"Jones")
            );
            let email = format!(
                "{}.{i}@{}.example.org",
                name.to_lowercase().replace(' ', "."),
                plan.group.to_lowercase().replace(' ', "-")
            );
            Invitee { name, email }
        })
        .collect()
}

/// One open-link respondent: starts, answers and (mostly) submits; returns 1 when submitted.
fn respond(
    conn: &mut frontline_web::db::DbConnection,
    def: &SurveyDefinition,
    plan: &Plan,
    cycle: i32,
    link: i32,
    channel: &str,
    rng: &mut StdRng,
) -> AppResult<usize> {
    let started = instruments::start(
        conn,
        NewResponse {
            cycle_id: cycle,
            instrument: plan.instrument,
            schema_version: &schema_ref(def),
            open_link_id: Some(link),
            channel,
            invited_email: None,
            resume_hash: &crypto::LinkToken::generate().hash(),
            client_key: None,
        },
    )?;
    if rng.gen_bool(0.08) {
        return Ok(0);
    }
    let answers = answers(def, plan, rng);
    let status = if rng.gen_bool(0.88) {
        InstrumentStatus::Submitted
    } else {
        InstrumentStatus::Partial
    };
    instruments::save(
        conn,
        started.id,
        started.revision,
        &answers.to_json(),
        status,
    )?;
    Ok(usize::from(status == InstrumentStatus::Submitted))
}

/// Answers every asked question with a plausible value, then drops what the checks refuse.
fn answers(def: &SurveyDefinition, plan: &Plan, rng: &mut StdRng) -> Answers {
    let mut answers = Answers::new();
    for q in def.questions() {
        if !is_asked(def, &answers, q) {
            continue;
        }
        if !q.required && rng.gen_bool(0.07) {
            continue;
        }
        if let Some(value) = answer(q, plan, rng) {
            answers.set(q.id.clone(), value);
        }
    }
    let mut answers_json: Map<String, Value> =
        serde_json::from_str(&answers.to_json()).unwrap_or_default();
    for problem in check(def, &answers, Stage::Submission) {
        answers_json.remove(&problem.question);
    }
    Answers::from_json(&Value::Object(answers_json).to_string()).unwrap_or_default()
}

fn answer(q: &Question, plan: &Plan, rng: &mut StdRng) -> Option<Value> {
    Some(match &q.kind {
        QuestionKind::SingleChoice { choices, .. } if q.id == "region" => {
            json!(choices.choose(rng)?.value)
        }
        QuestionKind::SingleChoice { choices, .. } => json!(leaning(choices, rng)?.value),
        QuestionKind::BandedChoice { bands } => json!(leaning(bands, rng)?.value),
        QuestionKind::MultipleChoice { choices, .. } => {
            let n = rng.gen_range(1..=choices.len().min(3));
            let picked: Vec<&str> = choices
                .choose_multiple(rng, n)
                .map(|c| c.value.as_str())
                .collect();
            json!(picked)
        }
        QuestionKind::Likert { statements, scale } => {
            let points = scale.len().saturating_sub(1).max(1);
            let rated: Map<String, Value> = statements
                .iter()
                .map(|s| {
                    let point = if rng.gen_bool(0.06) {
                        scale.len() - 1
                    } else {
                        let centre = (points as f64 - 1.0) / 2.0 * (1.0 + plan.tilt);
                        let drawn = centre + rng.gen_range(-2.2..2.2);
                        drawn.round().clamp(0.0, points as f64 - 1.0) as usize
                    };
                    (s.value.clone(), json!(scale[point].value))
                })
                .collect();
            Value::Object(rated)
        }
        QuestionKind::Integer { min, max } => json!(rng.gen_range(*min..=(*max).min(min + 60))),
        QuestionKind::Number { max, .. } => {
            json!((rng.gen_range(0.0..max.min(24.0)) * 10.0).round() / 10.0)
        }
        QuestionKind::Text { .. } => json!(ANSWERS.choose(rng)?.1),
        QuestionKind::Date => json!(format!(
            "2021-0{}-1{}",
            rng.gen_range(1..=9),
            rng.gen_range(0..=9)
        )),
        QuestionKind::Month => json!(format!("2021-0{}", rng.gen_range(1..=9))),
        QuestionKind::Money { .. } => json!(rng.gen_range(5_000..200_000) * 100),
        QuestionKind::RepeatingGroup { questions, .. } => {
            let items: Vec<Value> = (0..rng.gen_range(1..=3))
                .map(|_| funding_item(questions, plan, rng))
                .collect();
            json!(items)
        }
        _ => return None,
    })
}

/// A choice leaning to the first options, as real answers do (most of the sector's staff are
/// women; most services have a waiting list).
fn leaning<'c>(choices: &'c [Choice], rng: &mut StdRng) -> Option<&'c Choice> {
    choices
        .choose_weighted(rng, |c| {
            let at = choices.iter().position(|x| x.value == c.value).unwrap_or(0);
            1.0 / ((at + 1) as f64).powi(2)
        })
        .ok()
}

/// One funding stream: the dates in order, the other fields drawn like any question.
fn funding_item(questions: &[Question], plan: &Plan, rng: &mut StdRng) -> Value {
    let mut item = Map::new();
    let start = rng.gen_range(2017..=2021);
    for q in questions {
        let value = match q.id.as_str() {
            "start" => Some(json!(format!("{start}-04-01"))),
            "end" => Some(json!(format!("{}-03-31", start + rng.gen_range(1..=5)))),
            "funder" => Some(json!([
                "Police and crime commissioner",
                "County council",
                "Lottery fund",
                "NHS England"
            ]
            .choose(rng))),
            _ => answer(q, plan, rng),
        };
        if let Some(v) = value {
            item.insert(q.id.clone(), v);
        }
    }
    Value::Object(item)
}

/// The open answers the demo gives, each with the code a coder would give it.
const ANSWERS: [(&str, &str); 6] = [
    (
        "Funding / Short-term funding",
        "Funding comes year to year, so we cannot keep experienced counsellors.",
    ),
    (
        "Demand",
        "The waiting list for therapy has doubled and we have had to close it twice.",
    ),
    (
        "Monitoring burden",
        "Every funder wants a different monitoring form; it takes a day a month.",
    ),
    (
        "Partnership",
        "Partnership with the SARC works well, but referrals for children wait too long.",
    ),
    (
        "Funding / By-and-for provision",
        "We need ring-fenced money for by-and-for services led by Black and minoritised women.",
    ),
    (
        "Workforce",
        "Demand has risen since the pandemic and we cannot recruit clinical supervisors.",
    ),
];

/// The study's codebook for its open questions.
const CODEBOOK: &str = r#"category,subcategory,definition,examples
Funding,,How services are funded,
Funding,Short-term funding,Grants and contracts too short to plan or keep staff,year-to-year grants
Funding,By-and-for provision,Funding for services led by and for the communities they serve,ring-fenced money
Demand,,Waiting lists and rising need,waiting list doubled
Monitoring burden,,Reporting asked of providers,different forms for every funder
Partnership,,"Working with SARCs, police, health and commissioners",referral pathways
Workforce,,"Recruiting, keeping and supervising staff",clinical supervision
Other,,Anything else,
"#;

/// Each instrument's open questions: the codebook imported, answers split, every comment coded
/// by the demo coder in the workbench's way.
fn code_open_answers(
    platform: &Platform,
    conn: &mut frontline_web::db::DbConnection,
) -> AppResult<usize> {
    let cycle = cycles::by_year(conn, YEAR)?;
    let coder = accounts::by_email(conn, DEMO_CODER_EMAIL)?
        .ok_or_else(|| AppError::NotFound("the demo coder".into()))?;
    let mut coded = 0;
    let asked = open_questions(platform, conn, &cycle)?;
    for question in asked
        .iter()
        .filter(|q| matches!(q.source, frontline_web::coding::TextSource::Instrument(_)))
    {
        codebook::import(
            conn,
            &cycle,
            question,
            "sv-study-codebook.csv",
            CODEBOOK,
            TEAM,
        )?;
        segmenting::suggest_all(conn, &cycle, question)?;
        for c in comments::of_question(conn, cycle.id, &question.id)? {
            let code = ANSWERS
                .iter()
                .find(|(_, text)| text.contains(c.body.trim()))
                .map_or("Other", |(code, _)| *code);
            codings::code(conn, c.id, coder.id, code)?;
            coded += 1;
        }
    }
    Ok(coded)
}

/// Closes the wave, freezes it and releases its first version, as the team would.
fn close_and_release(platform: &Platform) -> AppResult<()> {
    let mut conn = platform.conn()?;
    let cycle = cycles::by_year(&mut conn, YEAR)?;
    cycles::set_status(&mut conn, cycle.id, CycleStatus::Closed)?;
    freeze::freeze(&mut conn, YEAR, TEAM, "Demo: the study's answers checked.")?;
    drop(conn);
    release(
        platform,
        &Templates::new()?,
        YEAR,
        TEAM,
        "First release of the 2021 study of sexual violence services.",
        &MapStyle::Boundaries,
    )
    .map(|_| ())
    .map_err(|e| AppError::Task(format!("releasing the 2021 study: {e}")))
}
