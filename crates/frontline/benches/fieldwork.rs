//! Fieldwork load benchmark: 500 respondents at once, each saving the survey section by section
//! and submitting, against the real HTTP server. Prints saves and submissions per second, p50 /
//! p99 latency, and checks that no answer was lost or duplicated. Two runs per backend:
//! "paced", where each respondent pauses 0.5–1.5 s between saves as a person filling in a form
//! would (about 500 requests/s offered), and "flat out", where all 500 send their next request
//! as soon as the last is answered (the platform's ceiling on this machine, load generator
//! included). Runs on SQLite, then on PostgreSQL when reachable (`FRONTLINE_BENCH_POSTGRES_URL`,
//! default the local `test` database through its Unix socket), then with two servers on one
//! PostgreSQL database, respondents split between them as a load balancer would. Ends with each
//! target, met or not: paced p99 under 50 ms, no errors flat out, PostgreSQL flat out at least
//! SQLite's.
//!
//! The respondents are tasks on one async thread, so the load generator's own work competes as
//! little as it can with the servers and the database on the same machine.
//!
//! `cargo bench -p frontline-web --bench fieldwork`

mod support;

use diesel::connection::SimpleConnection;
use diesel::Connection;
use frontline_web::store::states::CycleStatus;
use frontline_web::store::{cycles, invitations, responses, services};
use frontline_web::Platform;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use survey_engine::Answers;

/// The command's allocator, as in `src/main.rs`: measured as it runs.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const RESPONDENTS: usize = 500;
/// Rounds of section saves per respondent before submitting: a person's session when paced;
/// when flat out, enough that the steady state outweighs the 500 connections opening.
fn rounds(paced: bool) -> usize {
    if paced {
        3
    } else {
        12
    }
}

fn main() {
    let folder = tempfile::tempdir().expect("temporary folder");
    let mut runs = Vec::new();
    for (mode, paced) in [("paced", true), ("flat out", false)] {
        let file = folder.path().join(format!("bench-{paced}.db"));
        let label = format!("SQLite, {mode}");
        runs.push(run(
            &label,
            &file.display().to_string(),
            folder.path(),
            paced,
            1,
        ));
    }
    postgres(folder.path(), &mut runs);
    targets(&runs);
}

/// The PostgreSQL runs, one server then two, when a server is reachable.
fn postgres(folder: &std::path::Path, runs: &mut Vec<Run>) {
    // A server on the database's own machine connects through its Unix socket, as here; set
    // FRONTLINE_BENCH_POSTGRES_URL to measure another way in (TCP, TLS, another host).
    let admin = std::env::var("FRONTLINE_BENCH_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@/test?host=/var/run/postgresql".into());
    let mut conn = match diesel::PgConnection::establish(&admin) {
        Ok(conn) => conn,
        Err(e) => return println!("PostgreSQL skipped: {e}"),
    };
    println!("PostgreSQL through {admin}");
    for (servers, mode, paced) in [
        (1, "paced", true),
        (1, "flat out", false),
        (2, "paced", true),
        (2, "flat out", false),
    ] {
        let name = format!("frontline_bench_{}_{paced}_{servers}", std::process::id());
        conn.batch_execute(&format!("CREATE DATABASE {name}"))
            .expect("create bench database");
        let label = if servers == 1 {
            format!("PostgreSQL, {mode}")
        } else {
            format!("PostgreSQL, {servers} servers, {mode}")
        };
        runs.push(run(
            &label,
            &with_database(&admin, &name),
            folder,
            paced,
            servers,
        ));
        let _ = conn.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
    }
}

/// One run's figures, for the targets.
struct Run {
    label: String,
    paced: bool,
    saves_per_second: f64,
    p99_ms: f64,
    errors: usize,
}

/// Each target, met or not, from the runs made.
fn targets(runs: &[Run]) {
    println!("Targets:");
    for r in runs {
        if r.paced {
            let met = if r.p99_ms < 50.0 { "met" } else { "NOT met" };
            println!(
                "  {}: save p99 {:.1} ms, under 50 ms {met}",
                r.label, r.p99_ms
            );
        } else {
            let met = if r.errors == 0 { "met" } else { "NOT met" };
            println!("  {}: {} errors, none {met}", r.label, r.errors);
        }
    }
    let flat_out = |backend: &str| {
        runs.iter()
            .find(|r| !r.paced && r.label.starts_with(backend))
            .map(|r| r.saves_per_second)
    };
    if let (Some(sqlite), Some(postgres)) = (flat_out("SQLite"), flat_out("PostgreSQL")) {
        let met = if postgres >= sqlite { "met" } else { "NOT met" };
        println!(
            "  PostgreSQL flat out {postgres:.0} saves/s against SQLite's {sqlite:.0} ({:.0}%), at least SQLite's {met}",
            100.0 * postgres / sqlite
        );
    }
}

fn run(label: &str, url: &str, folder: &std::path::Path, paced: bool, servers: usize) -> Run {
    let platform = Platform::open(url, 16).expect("database opens");
    let tokens = prepare(&platform);
    let bases: Vec<String> = (0..servers)
        .map(|_| support::start_server(url, folder, 16))
        .collect();
    // The load generator is one async thread, so its own work barely competes with the
    // servers and the database for this machine's two cores (500 blocking threads did).
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let started = Instant::now();
    let results = runtime.block_on(load(&bases, &tokens, paced));
    let elapsed = started.elapsed().as_secs_f64();
    let (lost, duplicated) = verify(&platform, RESPONDENTS, rounds(paced));
    report(label, elapsed, &results, lost, duplicated);
    Run {
        label: label.to_string(),
        paced,
        saves_per_second: results.saves.len() as f64 / elapsed,
        p99_ms: percentile(&results.saves, 99.0),
        errors: results.failures.len() + lost + duplicated,
    }
}

/// What the respondents saw.
#[derive(Default)]
struct Results {
    saves: Vec<Duration>,
    submits: Vec<Duration>,
    failures: Vec<String>,
}

async fn load(bases: &[String], tokens: &[String], paced: bool) -> Results {
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .pool_max_idle_per_host(RESPONDENTS)
        .timeout(Duration::from_secs(60))
        .build()
        .expect("HTTP client");
    let deadline = Instant::now() + Duration::from_secs(30);
    for base in bases {
        while client.get(format!("{base}/healthz")).send().await.is_err() {
            assert!(Instant::now() < deadline, "server did not start");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
    let results = Arc::new(Mutex::new(Results::default()));
    let tasks: Vec<_> = tokens
        .iter()
        .enumerate()
        .map(|(i, token)| {
            let link = format!("{}/r/{token}", bases[i % bases.len()]);
            tokio::spawn(respondent(
                client.clone(),
                link,
                i,
                paced,
                Arc::clone(&results),
            ))
        })
        .collect();
    for task in tasks {
        let _ = task.await;
    }
    let mut out = results.lock().expect("results");
    std::mem::take(&mut *out)
}

/// One person: rounds of two section saves, the areas, then the submission.
async fn respondent(
    client: reqwest::Client,
    link: String,
    i: usize,
    paced: bool,
    results: Arc<Mutex<Results>>,
) {
    // A person's pause between saves, spread over 0.5–1.5 s and fixed per respondent.
    let think = |step: usize| async move {
        if paced {
            let ms = 500 + ((i * 37 + step * 101) % 1000) as u64;
            tokio::time::sleep(Duration::from_millis(ms)).await;
        }
    };
    let record = |outcome: Result<Duration, String>, submit: bool| {
        let mut r = results.lock().expect("results");
        match (outcome, submit) {
            (Ok(took), false) => r.saves.push(took),
            (Ok(took), true) => r.submits.push(took),
            (Err(e), _) => r.failures.push(e),
        }
    };
    think(0).await;
    for round in 0..rounds(paced) {
        let name = format!("Respondent {i} round {round}");
        let people = (i % 7 + 1 + round).to_string();
        let fte = format!("{}.5", i % 7 + round);
        let posts: [(&str, Vec<(&str, &str)>); 2] = [
            (
                "service",
                vec![
                    ("respondent_name", &name),
                    ("respondent_role", "Manager"),
                    ("service_description", "specialist_da"),
                    ("employs_practitioners", "yes"),
                    ("action", "save_and_leave"),
                ],
            ),
            (
                "practitioners",
                vec![
                    ("roles.idva.people", &people),
                    ("roles.idva.fte", &fte),
                    ("action", "save_and_leave"),
                ],
            ),
        ];
        for (step, (section, form)) in posts.into_iter().enumerate() {
            think(round * 2 + step + 1).await;
            let request = client.post(format!("{link}/section/{section}")).form(&form);
            record(timed(request, &format!("save {i}")).await, false);
        }
    }
    let area = client
        .post(format!("{link}/section/areas"))
        .form(&[("areas.E23000001", "100")]);
    if let Err(e) = timed(area, &format!("areas {i}")).await {
        results.lock().expect("results").failures.push(e);
    }
    let submit = client.post(format!("{link}/submit"));
    record(timed(submit, &format!("submit {i}")).await, true);
}

/// Sends a request that should answer 303, timing it.
async fn timed(request: reqwest::RequestBuilder, what: &str) -> Result<Duration, String> {
    let t = Instant::now();
    match request.send().await {
        Ok(r) if r.status().as_u16() == 303 => Ok(t.elapsed()),
        Ok(r) => Err(format!("{what}: HTTP {}", r.status())),
        Err(e) => Err(format!("{what}: {e}")),
    }
}

fn report(label: &str, elapsed: f64, results: &Results, lost: usize, duplicated: usize) {
    let Results {
        saves,
        submits,
        failures,
    } = results;
    println!(
        "{label}: {RESPONDENTS} concurrent respondents, {} saves + {} submissions in {elapsed:.2} s",
        saves.len(),
        submits.len()
    );
    println!(
        "  saves: {:.0}/s, p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        saves.len() as f64 / elapsed,
        percentile(saves, 50.0),
        percentile(saves, 99.0),
        percentile(saves, 100.0)
    );
    println!(
        "  submissions: {:.0}/s over the run, p50 {:.1} ms, p99 {:.1} ms",
        submits.len() as f64 / elapsed,
        percentile(submits, 50.0),
        percentile(submits, 99.0)
    );
    println!(
        "  failed requests: {}; lost answers: {lost}; duplicated responses: {duplicated}",
        failures.len()
    );
    for f in failures.iter().take(5) {
        println!("    {f}");
    }
}

/// An open cycle with one invited service per respondent; returns their link tokens.
fn prepare(platform: &Platform) -> Vec<String> {
    let mut conn = platform.conn().expect("connection");
    let cycle = cycles::create(
        &mut conn,
        &cycles::NewCycle {
            year: 2030,
            title: "Load test",
            schema_id: "practitioner-survey-2017",
            opens_on: "2030-09-01",
            closes_on: "2030-09-30",
            status: CycleStatus::Open,
        },
    )
    .expect("cycle");
    (0..RESPONDENTS)
        .map(|i| {
            let service = services::create(
                &mut conn,
                &format!("Load org {i}"),
                &format!("Load service {i}"),
                &["E23000001".to_string()],
            )
            .expect("service");
            let contact =
                services::add_contact(&mut conn, service.id, "", &format!("s{i}@example.org"))
                    .expect("contact");
            let invitation =
                invitations::ensure(&mut conn, cycle.id, service.id, contact).expect("invitation");
            invitations::mint_token(&mut conn, invitation)
                .expect("token")
                .expose()
                .to_string()
        })
        .collect()
}

/// Every respondent has exactly one response, submitted, holding their last round's answers.
fn verify(platform: &Platform, respondents: usize, rounds: usize) -> (usize, usize) {
    let mut conn = platform.conn().expect("connection");
    let cycle = cycles::by_year(&mut conn, 2030).expect("cycle");
    let all = responses::for_cycle(&mut conn, cycle.id).expect("responses");
    let duplicated = all.len().saturating_sub(respondents);
    let last = rounds - 1;
    let mut lost = respondents.saturating_sub(all.len());
    for r in &all {
        let answers = Answers::from_json(&r.answers).expect("answers");
        let name = answers
            .get("respondent_name")
            .and_then(|v| v.as_str())
            .unwrap_or("");
        let intact = r.is_submitted()
            && name.ends_with(&format!("round {last}"))
            && answers.get("roles").is_some()
            && answers.get("areas").is_some();
        if !intact {
            lost += 1;
        }
    }
    (lost, duplicated)
}

/// `url` naming database `name` instead of its own, its parameters kept.
fn with_database(url: &str, name: &str) -> String {
    let (address, params) = url.split_once('?').unwrap_or((url, ""));
    let server = address
        .rsplit_once('/')
        .map_or(address, |(server, _)| server);
    if params.is_empty() {
        format!("{server}/{name}")
    } else {
        format!("{server}/{name}?{params}")
    }
}

fn percentile(samples: &[Duration], p: f64) -> f64 {
    if samples.is_empty() {
        return 0.0;
    }
    let mut ms: Vec<f64> = samples.iter().map(|d| d.as_secs_f64() * 1000.0).collect();
    ms.sort_by(f64::total_cmp);
    let rank = ((p / 100.0) * (ms.len() - 1) as f64).round() as usize;
    ms[rank.min(ms.len() - 1)]
}
