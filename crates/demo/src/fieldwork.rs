//! The demo's 2018 cycle, in the middle of fieldwork: most services invited, some links opened,
//! answers partly saved, submitted online or by phone, declines and a closure.

use crate::Profile;
use frontline_web::db::DbConnection;
use frontline_web::error::{AppError, AppResult};
use frontline_web::store::responses::NewAnswers;
use frontline_web::store::states::{Channel, CycleStatus, Outcome};
use frontline_web::store::{cycles, invitations, responses, services};
use frontline_web::surveys::schema_ref;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::json;
use survey_engine::validate::{check, Stage};
use survey_engine::{figures, SubmittedAnswers, SurveyDefinition};

pub fn generate(conn: &mut DbConnection, def: &SurveyDefinition, seed: u64) -> AppResult<String> {
    let mut rng = StdRng::seed_from_u64(seed.wrapping_add(2018));
    let schema = schema_ref(def);
    let cycle = cycles::create(
        conn,
        &cycles::NewCycle {
            year: 2018,
            title: "Practitioner survey 2018",
            schema_id: &def.id,
            opens_on: "2018-09-01",
            closes_on: "2018-10-31",
            status: CycleStatus::Open,
        },
    )?;
    let (mut invited, mut answered, mut partial) = (0, 0, 0);
    let last_year = cycles::by_year(conn, 2017)?;
    let closed: Vec<i32> = responses::for_cycle(conn, last_year.id)?
        .into_iter()
        .filter(|r| r.outcome == Outcome::ServiceClosed)
        .map(|r| r.service_id)
        .collect();
    let geo = frontline_web::store::geography::load(conn)?;
    for service in services::all(conn)? {
        if closed.contains(&service.id) {
            continue;
        }
        let contact = services::ensure_contact(
            conn,
            service.id,
            &format!("Survey contact {}", service.id),
            &format!("service{}@example.org", service.id),
        )?;
        let invitation = invitations::ensure(conn, cycle.id, service.id, contact)?;
        // A few contacts arrived late and are not yet invited: "Send invitations" picks them up.
        if rng.gen_bool(0.08) {
            continue;
        }
        invitations::mark_sent(conn, invitation)?;
        invited += 1;
        if rng.gen_bool(0.35) {
            continue;
        }
        invitations::mark_opened(conn, invitation)?;
        let roll: f64 = rng.gen();
        let area_name = service
            .areas
            .first()
            .and_then(|code| geo.find(code))
            .map_or("the area".to_string(), |a| a.name.clone());
        let mut answers =
            Profile::draw(&mut rng).answers(&mut rng, &service.areas, &area_name, 1.05);
        // 2018 renamed the volunteers question and added the waiting list.
        if let Some(v) = answers.0.remove("volunteers") {
            answers.set("volunteer_people", v);
        }
        if answers.choice("employs_practitioners") == Some("yes") {
            answers.set("waiting_list_weeks", json!(rng.gen_range(0..9)));
        }
        let (submitted, channel, outcome) = if roll < 0.25 {
            partial += 1;
            answers.0.retain(|k, _| {
                ["respondent_name", "respondent_role", "service_description"].contains(&k.as_str())
            });
            (false, Channel::Online, Outcome::Answered)
        } else {
            answered += 1;
            let problems = check(def, &answers, Stage::Submission);
            if let Some(p) = problems.first() {
                return Err(AppError::invalid(
                    format!("demo answers for {}: {}", service.name, p.question),
                    p.message.clone(),
                ));
            }
            let channel = if roll > 0.92 {
                Channel::Phone
            } else {
                Channel::Online
            };
            let outcome = if roll > 0.985 {
                Outcome::ServiceClosed
            } else {
                figures::outcome(def, &answers).into()
            };
            (true, channel, outcome)
        };
        let text = answers.to_json();
        responses::insert(
            conn,
            responses::NewResponse {
                cycle_id: cycle.id,
                service_id: service.id,
                schema_version: &schema,
                channel,
                outcome,
                answers: if submitted {
                    NewAnswers::Submitted(SubmittedAnswers::read(def, &text)?)
                } else {
                    NewAnswers::Partial(text)
                },
            },
        )?;
    }
    Ok(format!(
        "2018 in fieldwork: {invited} invited, {answered} submitted, {partial} partly answered"
    ))
}
