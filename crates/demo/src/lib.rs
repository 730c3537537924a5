//! The demo: two synthetic, deterministic survey cycles (2016 and 2017) over all 43 areas,
//! with multi-area services, phone completions, declines, non-responders and rolled-forward figures.
//! No real people or organisations: names are generated and emails use example.org.

mod coding;
pub mod deployment;
mod feedback;
mod fieldwork;
mod free_text;
mod funding;
mod grants;
mod needs;
mod profiles;
mod published;
mod releases;
mod returns;
mod sv_wave;
mod vacancies;
mod voice_coding;

use frontline_geo::need::AreaNeedInput;
use frontline_web::db::DbConnection;
use frontline_web::error::{AppError, AppResult};
use frontline_web::store::responses::NewAnswers;
use frontline_web::store::states::{CarriedKind, Channel, CycleStatus, Outcome, Role};
use frontline_web::store::{
    accounts, carried, cycles, geography, need_inputs, responses, services,
};
use frontline_web::surveys::schema_ref;
use frontline_web::Platform;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use serde_json::{json, Map, Value};
use survey_engine::validate::{check, Stage};
use survey_engine::{Answers, Catalogue, PractitionerFigures, SubmittedAnswers, SurveyDefinition};

const ORG_PREFIXES: [&str; 16] = [
    "Beacon",
    "Harbour",
    "Oakwood",
    "Willow",
    "Haven",
    "Lantern",
    "Bridgeway",
    "Compass",
    "Meadow",
    "Riverside",
    "Northgate",
    "Cedar",
    "Kestrel",
    "Juniper",
    "Hearth",
    "Skylark",
];
const ORG_KINDS: [&str; 5] = [
    "Women's Aid",
    "Trust",
    "Partnership",
    "Project",
    "Foundation",
];
const SERVICE_KINDS: [&str; 6] = [
    "Idva Service",
    "Domestic Abuse Service",
    "Outreach Team",
    "Refuge",
    "Family Safety Service",
    "Advocacy Hub",
];

/// The demo's survey-team account. Demo data only: never use it on real data.
pub const DEMO_ADMIN_EMAIL: &str = "admin@example.org";
pub const DEMO_ADMIN_PASSWORD: &str = "frontline-demo";
/// The demo's PCC reviewer, scoped to Kent; same demo password.
pub const DEMO_PCC_EMAIL: &str = "pcc.kent@example.org";

/// Creates cycles 2016 and 2017 with the same synthetic services, the 2018 cycle in fieldwork,
/// the demo accounts, 2015's figures as printed before Frontline, and the publication history
/// (2016 released and corrected, 2017 frozen and ready to release); refuses if 2017 exists.
pub fn create(platform: &Platform, seed: u64) -> AppResult<String> {
    let summary = create_cycles(&mut *platform.conn()?, &platform.catalogue, seed)?;
    let coding = coding::create(platform, seed)?;
    let funding = funding::create(platform, seed)?;
    let profiles = profiles::create(platform, seed)?;
    let needs = needs::create(platform, seed)?;
    let feedback = feedback::create(platform, seed)?;
    let voice_coding = voice_coding::create(platform)?;
    let before_frontline = published::create(platform, seed)?;
    let history = releases::publication_history(platform)?;
    let returns = returns::create(platform, seed)?;
    let grants = grants::create(platform)?;
    let sv_wave = sv_wave::create(platform, seed)?;
    let vacancies = vacancies::create(platform)?;
    Ok(format!(
        "{summary}; {coding}; {funding}; {profiles}; {needs}; {feedback}; {voice_coding}; {before_frontline}; {history}; {returns}; {grants}; {sv_wave}; {vacancies}"
    ))
}

fn create_cycles(conn: &mut DbConnection, catalogue: &Catalogue, seed: u64) -> AppResult<String> {
    let def = catalogue.get("practitioner-survey-2017")?.clone();
    let next = catalogue.get("practitioner-survey-2018")?.clone();
    if cycles::by_year(conn, 2017).is_ok() {
        return Err(AppError::invalid(
            "demo",
            "the database already has a 2017 cycle; use a new database for the demo",
        ));
    }
    let summary = frontline_web::store::db::transaction(conn, |conn| {
        let summary = generate(conn, &def, seed)?;
        let fieldwork = fieldwork::generate(conn, &next, seed)?;
        Ok::<_, AppError>(format!("{summary}; {fieldwork}"))
    })?;
    accounts::upsert(
        conn,
        DEMO_ADMIN_EMAIL,
        "Demo survey team",
        Role::Admin,
        DEMO_ADMIN_PASSWORD,
    )?;
    let pcc = accounts::upsert(
        conn,
        DEMO_PCC_EMAIL,
        "Demo PCC reviewer",
        Role::PccReviewer,
        DEMO_ADMIN_PASSWORD,
    )?;
    accounts::set_office(conn, pcc.id, "Office of the PCC for Kent (demo)")?;
    accounts::set_areas(conn, pcc.id, &["E23000032".to_string()])?;
    Ok(format!(
        "{summary}; sign in at /login as {DEMO_ADMIN_EMAIL} (survey team) or {DEMO_PCC_EMAIL} \
         (PCC office for Kent), password {DEMO_ADMIN_PASSWORD}"
    ))
}

fn generate(conn: &mut DbConnection, def: &SurveyDefinition, seed: u64) -> AppResult<String> {
    let mut rng = StdRng::seed_from_u64(seed);
    let geo = geography::load(conn)?;
    let areas = geo.areas().to_vec();
    let schema = schema_ref(def);

    let previous = cycles::create(
        conn,
        &cycles::NewCycle {
            year: 2016,
            title: "Practitioner survey 2016",
            schema_id: &def.id,
            opens_on: "2016-09-01",
            closes_on: "2016-09-30",
            status: CycleStatus::Frozen,
        },
    )?;
    let current = cycles::create(
        conn,
        &cycles::NewCycle {
            year: 2017,
            title: "Practitioner survey 2017",
            schema_id: &def.id,
            opens_on: "2017-09-01",
            closes_on: "2017-09-30",
            status: CycleStatus::Closed,
        },
    )?;

    let mut service_count = 0;
    let mut counts = Counts::default();
    for area in &areas {
        let in_area = 3 + (area.adult_females as f64 / 120_000.0).round() as usize;
        for n in 0..in_area {
            service_count += 1;
            let mut covered = vec![area.code.to_string()];
            if rng.gen_bool(0.14) {
                let same_region: Vec<_> = areas
                    .iter()
                    .filter(|a| {
                        a.code != area.code && (a.region == area.region || rng.gen_bool(0.05))
                    })
                    .collect();
                if let Some(other) = same_region.choose(&mut rng) {
                    covered.push(other.code.to_string());
                }
            }
            let service = new_service(conn, &mut rng, &area.name, n + 1, &covered, "")?;
            let profile = Profile::draw(&mut rng);
            let answers_2016 = profile.answers(&mut rng, &covered, &area.name, 0.92);
            let answers_2017 = profile.answers(&mut rng, &covered, &area.name, 1.0);
            for answers in [&answers_2016, &answers_2017] {
                let problems = check(def, answers, Stage::Submission);
                if let Some(p) = problems.first() {
                    return Err(AppError::invalid(
                        format!("demo answers for {}: {}", service.name, p.question),
                        p.message.clone(),
                    ));
                }
            }

            let responded_2016 = rng.gen_bool(0.88);
            if responded_2016 {
                submit(
                    conn,
                    def,
                    previous.id,
                    service.id,
                    &profile,
                    answers_2016.clone(),
                    Channel::Online,
                )?;
            }
            let fate = rng.gen_range(0..100);
            match fate {
                0..=79 => {
                    let channel = if rng.gen_bool(0.08) {
                        Channel::Phone
                    } else {
                        Channel::Online
                    };
                    submit(
                        conn,
                        def,
                        current.id,
                        service.id,
                        &profile,
                        answers_2017,
                        channel,
                    )?;
                    counts.answered += 1;
                }
                80..=81 => {
                    responses::insert(
                        conn,
                        responses::NewResponse {
                            cycle_id: current.id,
                            service_id: service.id,
                            schema_version: &schema,
                            channel: Channel::Phone,
                            outcome: Outcome::ServiceClosed,
                            answers: NewAnswers::Submitted(SubmittedAnswers::read(def, "{}")?),
                        },
                    )?;
                    counts.closed += 1;
                }
                82..=85 => {
                    let mut partial = Answers::new();
                    partial.set(
                        "respondent_name",
                        json!(format!("Survey contact {}", service.id)),
                    );
                    partial.set("employs_practitioners", json!("yes"));
                    responses::insert(
                        conn,
                        responses::NewResponse {
                            cycle_id: current.id,
                            service_id: service.id,
                            schema_version: &schema,
                            channel: Channel::Online,
                            outcome: Outcome::Answered,
                            answers: NewAnswers::Partial(partial.to_json()),
                        },
                    )?;
                    counts.partial += 1;
                }
                _ => {
                    counts.silent += 1;
                    if responded_2016 && profile.employs && rng.gen_bool(0.7) {
                        let (kind, source) = if rng.gen_bool(0.8) {
                            (CarriedKind::RolledForward, "2016 survey results")
                        } else {
                            (CarriedKind::ThirdParty, "Marac co-ordinator")
                        };
                        let figures = PractitionerFigures::from_answers(def, &answers_2016);
                        carried::insert(
                            conn,
                            carried::NewCarried {
                                cycle_id: current.id,
                                service_id: service.id,
                                kind,
                                source,
                                original_cycle_year: Some(2016),
                                figures: &figures,
                                created_by: "demo",
                            },
                        )?;
                        counts.carried += 1;
                    }
                }
            }
            if !profile.employs && fate <= 79 {
                counts.no_practitioners += 1;
            }
        }
    }

    for cycle in [&previous, &current] {
        let inputs: Vec<AreaNeedInput> = areas
            .iter()
            .map(|a| AreaNeedInput {
                pfa_code: a.code.clone(),
                adult_females: a.adult_females,
                marac_cases: (a.adult_females as f64 * 0.00345 * rng.gen_range(0.75..1.25)).round()
                    as i32,
            })
            .collect();
        need_inputs::replace(conn, cycle.id, &inputs)?;
    }

    Ok(format!(
        "created demo cycles 2016 and 2017: {service_count} services in {} police force areas; \
         2017: {} answered ({} employ no practitioners), {} partial, {} closed, {} no response \
         ({} with figures carried forward)",
        areas.len(),
        counts.answered,
        counts.no_practitioners,
        counts.partial,
        counts.closed,
        counts.silent,
        counts.carried
    ))
}

/// A synthetic service in `area_name` (its `n`th there) covering `covered`, with a survey
/// contact: an organisation named from the generator's words (followed by `suffix`, which keeps
/// names apart at scale) and a service named after its area.
fn new_service(
    conn: &mut DbConnection,
    rng: &mut StdRng,
    area_name: &str,
    n: usize,
    covered: &[String],
    suffix: &str,
) -> AppResult<services::Service> {
    let org = format!(
        "{} {}{suffix}",
        ORG_PREFIXES[rng.gen_range(0..ORG_PREFIXES.len())],
        ORG_KINDS[rng.gen_range(0..ORG_KINDS.len())]
    );
    let name = format!(
        "{area_name} {} {n}",
        SERVICE_KINDS[rng.gen_range(0..SERVICE_KINDS.len())]
    );
    let service = services::create(conn, &org, &name, covered)?;
    services::add_contact(
        conn,
        service.id,
        &format!("Survey contact {}", service.id),
        &format!("service{}@example.org", service.id),
    )?;
    Ok(service)
}

#[derive(Default)]
struct Counts {
    answered: usize,
    no_practitioners: usize,
    partial: usize,
    closed: usize,
    silent: usize,
    carried: usize,
}

fn submit(
    conn: &mut DbConnection,
    def: &SurveyDefinition,
    cycle_id: i32,
    service_id: i32,
    profile: &Profile,
    answers: Answers,
    channel: Channel,
) -> AppResult<()> {
    responses::insert(
        conn,
        responses::NewResponse {
            cycle_id,
            service_id,
            schema_version: &schema_ref(def),
            channel,
            outcome: if profile.employs {
                Outcome::Answered
            } else {
                Outcome::NoPractitioners
            },
            answers: NewAnswers::Submitted(SubmittedAnswers::read(def, &answers.to_json())?),
        },
    )?;
    Ok(())
}

/// A service's shape, kept from year to year: which roles it employs and roughly how many.
pub(crate) struct Profile {
    employs: bool,
    /// (role, people)
    roles: Vec<(&'static str, u32)>,
    volunteers: u32,
    /// The kind of service (the survey's respondent groups).
    description: &'static str,
}

impl Profile {
    pub(crate) fn draw(rng: &mut StdRng) -> Self {
        let employs = rng.gen_bool(0.88);
        let mut roles = Vec::new();
        if employs {
            if rng.gen_bool(0.62) {
                let people = match rng.gen_range(0..100) {
                    0..=23 => rng.gen_range(1..=2),
                    24..=64 => rng.gen_range(3..=5),
                    65..=82 => rng.gen_range(6..=9),
                    _ => rng.gen_range(10..=22),
                };
                roles.push(("idva", people));
            }
            for (role, p, max) in [
                ("outreach", 0.55, 6),
                ("refuge", 0.33, 6),
                ("isva", 0.18, 4),
                ("ypva", 0.28, 3),
                ("children", 0.29, 3),
                ("perpetrator", 0.11, 3),
                ("other", 0.08, 2),
            ] {
                if rng.gen_bool(p) {
                    roles.push((role, rng.gen_range(1..=max)));
                }
            }
            if roles.is_empty() {
                roles.push(("outreach", 1));
            }
        }
        let volunteers = if employs && rng.gen_bool(0.38) {
            rng.gen_range(2..=30)
        } else {
            0
        };
        let description = match rng.gen_range(0..100) {
            0..=71 => "specialist_da",
            72..=81 => "local_authority",
            82..=88 => "health",
            89..=94 => "housing",
            _ => "police",
        };
        Self {
            employs,
            roles,
            volunteers,
            description,
        }
    }

    /// One year's answers; `scale` nudges FTE between years; open answers may name `area_name`.
    pub(crate) fn answers(
        &self,
        rng: &mut StdRng,
        covered: &[String],
        area_name: &str,
        scale: f64,
    ) -> Answers {
        let mut a = Answers::new();
        a.set("respondent_name", json!("Survey contact"));
        a.set("respondent_role", json!("Service manager"));
        a.set("service_description", json!(self.description));
        a.set(
            "employs_practitioners",
            json!(if self.employs { "yes" } else { "no" }),
        );
        a.set(
            "biggest_difference",
            json!(free_text::answer(rng, area_name, 3)),
        );
        if rng.gen_bool(0.6) {
            a.set(
                "biggest_challenge",
                json!(free_text::answer(rng, area_name, 2)),
            );
        }
        if rng.gen_bool(0.2) {
            a.set(
                "other_comments",
                json!(free_text::answer(rng, area_name, 1)),
            );
        }
        if !self.employs {
            return a;
        }
        let mut grid = Map::new();
        let mut idva_fte = 0.0;
        for (practitioner, people) in &self.roles {
            let fte = round2(
                (f64::from(*people) * rng.gen_range(0.7..1.0) * scale).min(f64::from(*people)),
            );
            if *practitioner == "idva" {
                idva_fte = fte;
            }
            grid.insert(
                practitioner.to_string(),
                json!({"people": people, "fte": fte}),
            );
        }
        a.set("roles", Value::Object(grid));
        if idva_fte > 0.0 {
            a.set(
                "idva_high_risk_fte",
                json!(round2(idva_fte * rng.gen_range(0.8..=1.0))),
            );
            let cases = match rng.gen_range(0..100) {
                0 => "court",
                1..=10 => "marac",
                _ => "both",
            };
            a.set("idva_cases", json!(cases));
            let mut places = Vec::new();
            for (place, p) in [
                ("specialist_da", 0.7),
                ("police", 0.27),
                ("health_ae", 0.07),
                ("health_maternity", 0.05),
                ("health_gp", 0.04),
                ("la_childrens", 0.07),
                ("la_mash", 0.06),
                ("courts", 0.11),
                ("housing_association", 0.05),
            ] {
                if rng.gen_bool(p) {
                    places.push(place);
                }
            }
            if places.is_empty() || rng.gen_bool(0.1) {
                places.push("other");
                a.set(
                    "idva_locations",
                    json!({"values": places, "other": "Fire and rescue service"}),
                );
            } else {
                a.set("idva_locations", json!(places));
            }
        }
        if self.volunteers > 0 {
            a.set("volunteers", json!(self.volunteers));
        }
        let split: Vec<f64> = match covered.len() {
            1 => vec![100.0],
            _ => {
                let first = [50.0, 60.0, 70.0, 80.0][rng.gen_range(0..4)];
                vec![first, 100.0 - first]
            }
        };
        let shares: Map<String, Value> = covered
            .iter()
            .zip(split)
            .map(|(code, pct)| (code.clone(), json!(pct)))
            .collect();
        a.set("areas", Value::Object(shares));
        a
    }
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}
