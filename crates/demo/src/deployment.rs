//! A generated national deployment for benchmarks, at any scale: annual cycles of a fixed set of
//! services (each earlier cycle coded, frozen and released; the latest frozen, ready to
//! release), quarterly provider returns from every service, coded comments from the surveys'
//! open answers, grants with KPIs on the returns, survivors' feedback and staff accounts. Built
//! from the same generators as the demo, through the same store calls the platform makes, so
//! what the benchmarks read is what the platform writes. Synthetic throughout: no real people or
//! organisations.

use super::free_text::CODEBOOK_CSV;
use super::{new_service, submit, Profile};
use frontline_geo::need::AreaNeedInput;
use frontline_returns::{Frequency, Period};
use frontline_web::access::Scope;
use frontline_web::coding::{codebook, open_questions, segmenting};
use frontline_web::db::{transaction, DbConnection};
use frontline_web::error::{AppError, AppResult};
use frontline_web::grants::import;
use frontline_web::publish::release::release;
use frontline_web::publish::MapStyle;
use frontline_web::returns::answering::store_for;
use frontline_web::store::states::{Channel, CycleStatus, ReturnChannel, Role};
use frontline_web::store::{accounts, cycles, feedback, geography, need_inputs, programmes};
use frontline_web::templates::Templates;
use frontline_web::Platform;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use std::fmt::Write as _;
use std::time::Instant;

/// Who the generator acts as.
const TEAM: &str = "admin@example.org";
/// Every generated account's password. Benchmark data only: never on real data.
pub const DEPLOYMENT_PASSWORD: &str = "frontline-deployment";
/// The programme every service returns to.
pub const PROGRAMME: &str = "national-vfs";
/// The first cycle's year.
const FIRST_YEAR: i32 = 2016;

/// How big a deployment to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scale {
    /// Annual cycles, the last frozen and not yet released.
    pub years: i32,
    pub services: usize,
    /// Quarters of provider returns, from the first cycle's first quarter.
    pub quarters: usize,
    /// Staff accounts: the survey team, a PCC office per area, coders and analysts.
    pub accounts: usize,
    /// Survivors' feedback responses.
    pub feedback: usize,
}

impl Scale {
    /// Ten years of a national survey: 1,500 services, forty quarters of returns, 400 accounts.
    pub const NATIONAL: Scale = Scale {
        years: 10,
        services: 1_500,
        quarters: 40,
        accounts: 400,
        feedback: 20_000,
    };
}

/// Generates the deployment into an empty database, printing each part's time to standard error
/// as it goes; returns a summary.
pub fn create(platform: &Platform, scale: &Scale, seed: u64) -> AppResult<String> {
    if !cycles::all(&mut *platform.conn()?)?.is_empty() {
        return Err(AppError::invalid(
            "deployment",
            "the database already has survey cycles; generate into a new database",
        ));
    }
    let mut rng = StdRng::seed_from_u64(seed);
    let began = Instant::now();
    let mut summary = String::new();
    let step = |what: &str, started: Instant, summary: &mut String| {
        eprintln!("{what} ({:.1} s)", started.elapsed().as_secs_f64());
        let _ = write!(summary, "{what}; ");
    };
    let t = Instant::now();
    let made = staff(&mut *platform.conn()?, scale.accounts)?;
    step(&format!("{made} staff accounts"), t, &mut summary);
    let t = Instant::now();
    let estate = estate(&mut *platform.conn()?, scale.services, &mut rng)?;
    step(&format!("{} services", estate.len()), t, &mut summary);
    let templates = Templates::new()?;
    for n in 0..scale.years {
        let t = Instant::now();
        let year = FIRST_YEAR + n;
        let last = n + 1 == scale.years;
        let (answered, comments) = cycle(platform, &templates, year, last, &estate, &mut rng)?;
        let fate = if last { "frozen" } else { "released" };
        step(
            &format!("{year}: {answered} responses, {comments} comments coded, {fate}"),
            t,
            &mut summary,
        );
    }
    let t = Instant::now();
    let mut conn = platform.conn()?;
    let returned = returns(&mut conn, &estate, scale.quarters, &mut rng)?;
    step(&format!("{returned} provider returns"), t, &mut summary);
    let t = Instant::now();
    let granted = grants(platform, &mut conn, &estate)?;
    step(&format!("{granted} grants"), t, &mut summary);
    let t = Instant::now();
    let given = survivors_feedback(&mut conn, &estate, scale, &mut rng)?;
    step(&format!("{given} feedback responses"), t, &mut summary);
    Ok(format!(
        "generated in {:.0} s: {summary}sign in as {TEAM} with the password {DEPLOYMENT_PASSWORD}",
        began.elapsed().as_secs_f64()
    ))
}

/// One generated service: its id, areas and the shape its answers keep from year to year.
struct Generated {
    id: i32,
    areas: Vec<String>,
    area_name: String,
    profile: Profile,
    full_name: String,
}

/// The survey team, a PCC office for each area (scoped to it), and coders and analysts for the
/// rest; all with one password, hashed once per account as the platform does.
fn staff(conn: &mut DbConnection, wanted: usize) -> AppResult<usize> {
    let geo = geography::load(conn)?;
    accounts::upsert(conn, TEAM, "Survey team", Role::Admin, DEPLOYMENT_PASSWORD)?;
    let mut made = 1;
    for area in geo.areas() {
        if made >= wanted {
            return Ok(made);
        }
        let slug: String = area
            .name
            .to_lowercase()
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .collect();
        let office = accounts::upsert(
            conn,
            &format!("pcc.{slug}@example.org"),
            &format!("{} PCC office", area.name),
            Role::PccReviewer,
            DEPLOYMENT_PASSWORD,
        )?;
        accounts::set_areas(conn, office.id, &[area.code.to_string()])?;
        made += 1;
    }
    while made < wanted {
        let (role, kind) = if made % 3 == 0 {
            (Role::Coder, "coder")
        } else {
            (Role::Analyst, "analyst")
        };
        accounts::upsert(
            conn,
            &format!("{kind}{made}@example.org"),
            &format!("Generated {kind} {made}"),
            role,
            DEPLOYMENT_PASSWORD,
        )?;
        made += 1;
    }
    Ok(made)
}

/// `count` services spread over the areas in proportion to their women, one in eight also in a
/// second area.
fn estate(conn: &mut DbConnection, count: usize, rng: &mut StdRng) -> AppResult<Vec<Generated>> {
    let geo = geography::load(conn)?;
    let areas = geo.areas().to_vec();
    let women: i64 = areas.iter().map(|a| a.adult_females).sum();
    transaction(conn, |conn| {
        let mut out = Vec::with_capacity(count);
        for (i, area) in areas.iter().enumerate() {
            let share = area.adult_females as f64 / women as f64;
            let here = if i + 1 == areas.len() {
                count.saturating_sub(out.len())
            } else {
                ((count as f64 * share).round() as usize).min(count - out.len())
            };
            for n in 0..here {
                let mut covered = vec![area.code.to_string()];
                if rng.gen_bool(0.125) {
                    let other = &areas[rng.gen_range(0..areas.len())];
                    if other.code != area.code {
                        covered.push(other.code.to_string());
                    }
                }
                let suffix = format!(" {}", out.len() % 97);
                let service = new_service(conn, rng, &area.name, n + 1, &covered, &suffix)?;
                out.push(Generated {
                    id: service.id,
                    full_name: service.full_name(),
                    areas: covered,
                    area_name: area.name.clone(),
                    profile: Profile::draw(rng),
                });
            }
        }
        Ok::<_, AppError>(out)
    })
}

/// One annual cycle: nine in ten services answer; need inputs; every open answer split into
/// comments and coded; then frozen, and released unless it is the latest.
fn cycle(
    platform: &Platform,
    templates: &Templates,
    year: i32,
    latest: bool,
    estate: &[Generated],
    rng: &mut StdRng,
) -> AppResult<(usize, usize)> {
    let def = platform.catalogue.get("practitioner-survey-2017")?.clone();
    let mut conn = platform.conn()?;
    let (opens, closes) = (format!("{year}-09-01"), format!("{year}-09-30"));
    let title = format!("Practitioner survey {year}");
    let created = cycles::create(
        &mut conn,
        &cycles::NewCycle {
            year,
            title: &title,
            schema_id: &def.id,
            opens_on: &opens,
            closes_on: &closes,
            status: CycleStatus::Closed,
        },
    )?;
    let growth = 0.9 + 0.02 * f64::from(year - FIRST_YEAR);
    let answered = transaction(&mut conn, |conn| {
        let mut answered = 0;
        for s in estate {
            if !rng.gen_bool(0.9) {
                continue;
            }
            let answers = s.profile.answers(rng, &s.areas, &s.area_name, growth);
            let channel = if rng.gen_bool(0.08) {
                Channel::Phone
            } else {
                Channel::Online
            };
            submit(conn, &def, created.id, s.id, &s.profile, answers, channel)?;
            answered += 1;
        }
        let geo = geography::load(conn)?;
        let inputs: Vec<AreaNeedInput> = geo
            .areas()
            .iter()
            .map(|a| AreaNeedInput {
                pfa_code: a.code.clone(),
                adult_females: a.adult_females,
                marac_cases: (a.adult_females as f64 * 0.00345 * rng.gen_range(0.8..1.2)).round()
                    as i32,
            })
            .collect();
        need_inputs::replace(conn, created.id, &inputs)?;
        Ok::<_, AppError>(answered)
    })?;
    let comments = code_open_answers(platform, &mut conn, year, rng)?;
    cycles::set_status(&mut conn, created.id, CycleStatus::Frozen)?;
    drop(conn);
    if !latest {
        release(
            platform,
            templates,
            year,
            TEAM,
            "Generated deployment: first release.",
            &MapStyle::Boundaries,
        )?;
    }
    Ok((answered, comments))
}

/// Splits the cycle's open answers into comments and codes each, as a coder would.
fn code_open_answers(
    platform: &Platform,
    conn: &mut DbConnection,
    year: i32,
    rng: &mut StdRng,
) -> AppResult<usize> {
    let cycle = cycles::by_year(conn, year)?;
    let coder = accounts::upsert(
        conn,
        "coder@example.org",
        "Generated coder",
        Role::Coder,
        DEPLOYMENT_PASSWORD,
    )?;
    let mut coded = 0;
    for question in open_questions(platform, conn, &cycle)? {
        transaction(conn, |conn| {
            if year == FIRST_YEAR {
                codebook::import(
                    conn,
                    &cycle,
                    &question,
                    "deployment-codebook.csv",
                    CODEBOOK_CSV,
                    TEAM,
                )?;
            } else {
                codebook::copy_forward(conn, &cycle, &question, TEAM)?;
            }
            segmenting::suggest_all(conn, &cycle, &question)?;
            coded += super::coding::code_all(conn, &cycle, &question, coder.id, 0.05, rng)?;
            Ok::<_, AppError>(())
        })?;
    }
    Ok(coded)
}

/// Every service returns each quarter (nineteen in twenty submitted on time, the rest saved).
fn returns(
    conn: &mut DbConnection,
    estate: &[Generated],
    quarters: usize,
    rng: &mut StdRng,
) -> AppResult<usize> {
    let first: Period = format!("{FIRST_YEAR}-Q1")
        .parse()
        .map_err(|e: frontline_returns::ReturnsError| AppError::Task(e.to_string()))?;
    programmes::create(
        conn,
        PROGRAMME,
        "National victim services returns",
        Frequency::Quarterly,
        first,
    )?;
    let ids: Vec<i32> = estate.iter().map(|s| s.id).collect();
    programmes::add_services(conn, PROGRAMME, &ids)?;
    let mut stored = 0;
    for (q, period) in first.series(quarters).iter().enumerate() {
        programmes::open_period(conn, PROGRAMME, *period)?;
        let name = period.to_string();
        transaction(conn, |conn| {
            for s in estate {
                let size = 8.0 + (s.id % 40) as f64;
                let answers = super::returns::synthetic_return(rng, size, q);
                let submit = rng.gen_bool(0.95);
                let area = s.areas.first().map_or("", String::as_str);
                store_for(
                    conn,
                    s.id,
                    &name,
                    area,
                    &answers,
                    submit,
                    "generated provider",
                    ReturnChannel::Online,
                )?;
                stored += 1;
            }
            Ok::<_, AppError>(())
        })?;
    }
    Ok(stored)
}

/// A grant for one service in five, held by the PCC office of its first area, with a KPI on
/// victims engaged.
fn grants(platform: &Platform, conn: &mut DbConnection, estate: &[Generated]) -> AppResult<usize> {
    let mut csv = String::from(
        "service,grant_ref,start,end,annual_amount,kpi_metric,kpi_rule,kpi_target,notice_months,commissioner_area\n",
    );
    let mut made = 0;
    for (n, s) in estate.iter().enumerate().filter(|(n, _)| n % 5 == 0) {
        let area = s.areas.first().map_or("", String::as_str);
        let _ = writeln!(
            csv,
            "\"{}\",GEN-{n:05},{FIRST_YEAR}-04-01,{}-03-31,{},engaged_new,at_least,{},3,{area}",
            s.full_name.replace('"', "\"\""),
            FIRST_YEAR + 12,
            40_000 + 1_000 * (n % 60),
            4 + n % 10
        );
        made += 1;
    }
    let outcome = import::import(
        conn,
        &platform.geography,
        PROGRAMME,
        &csv,
        &Scope::Everything,
        TEAM,
    )?;
    if let import::Outcome::Refused(problems) = outcome {
        let first = problems.first().cloned().unwrap_or_default();
        return Err(AppError::Task(format!("the generated grants: {first}")));
    }
    Ok(made)
}

/// A feedback link for one service in ten, and responses spread over the cycles' years.
fn survivors_feedback(
    conn: &mut DbConnection,
    estate: &[Generated],
    scale: &Scale,
    rng: &mut StdRng,
) -> AppResult<usize> {
    let with_links: Vec<&Generated> = estate.iter().step_by(10).collect();
    if with_links.is_empty() {
        return Ok(0);
    }
    let first = frontline_web::clock::Timestamp::parse(&format!("{FIRST_YEAR}-01-04T09:00:00Z"))
        .map_err(|e| AppError::invalid("deployment", e.to_string()))?;
    for s in &with_links {
        feedback::create_link_at(conn, s.id, TEAM, &first)?;
    }
    transaction(conn, |conn| {
        for n in 0..scale.feedback {
            let s = with_links[n % with_links.len()];
            let year = FIRST_YEAR + rng.gen_range(0..scale.years.max(1));
            let month = format!("{year}-{:02}", rng.gen_range(1..=12));
            feedback::record(
                conn,
                s.id,
                &month,
                frontline_voice::Language::English,
                &super::feedback::response(rng),
            )?;
        }
        Ok::<_, AppError>(())
    })?;
    Ok(scale.feedback)
}
