//! Coding benchmark: prints the latency (p50 / p99) of the coding workbench with 10,000
//! comments on one question, half already coded — opening the next comment, and coding one
//! (the post and the page it leads to) — against the real HTTP server. Target: well under
//! 100 ms.
//!
//! `cargo bench -p frontline-web --bench coding` (SQLite in a temporary folder; set
//! `DATABASE_URL=postgres://…` to an empty database to measure PostgreSQL).

mod support;

use frontline_web::coding::{codebook, open_question, segmenting};
use frontline_web::store::responses::NewAnswers;
use frontline_web::store::states::{Channel, CycleStatus, Outcome, Role};
use frontline_web::store::{accounts, codings, comments, cycles, responses, services};
use frontline_web::Platform;
use serde_json::json;
use std::time::{Duration, Instant};
use survey_engine::SubmittedAnswers;

/// The command's allocator, as in `src/main.rs`: measured as it runs.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const ANSWERS: usize = 5_000;
const QUESTION: &str = "biggest_difference";
const SAMPLES: usize = 200;
const PASSWORD: &str = "bench-password-long";

fn main() {
    let folder = tempfile::tempdir().expect("temporary folder");
    let url = std::env::var("DATABASE_URL")
        .unwrap_or_else(|_| folder.path().join("bench.db").display().to_string());
    let platform = Platform::open(&url, 8).expect("database opens");
    println!("coding benchmark on {}", platform.target.describe());
    let started = Instant::now();
    let total = seed(&platform);
    println!(
        "seeded {total} comments in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    let base = support::start_server(&url, folder.path(), 8);
    let client = reqwest::blocking::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("HTTP client");
    let deadline = Instant::now() + Duration::from_secs(30);
    while client.get(format!("{base}/healthz")).send().is_err() {
        assert!(Instant::now() < deadline, "server did not start");
        std::thread::sleep(Duration::from_millis(50));
    }
    let form = client
        .get(format!("{base}/login"))
        .send()
        .expect("sign-in form")
        .text()
        .expect("page");
    let login_csrf = between(&form, "name=\"csrf\" value=\"", "\"").expect("csrf");
    let login = client
        .post(format!("{base}/login"))
        .form(&[
            ("csrf", login_csrf.as_str()),
            ("email", "coder@example.org"),
            ("password", PASSWORD),
        ])
        .send()
        .expect("sign in");
    assert_eq!(login.status().as_u16(), 303);
    let work = format!("{base}/coding/2017/{QUESTION}/work");
    let first = client
        .get(&work)
        .send()
        .expect("workbench")
        .text()
        .expect("page");
    let csrf = between(&first, "name=\"csrf\" value=\"", "\"").expect("csrf");

    let (mut opening, mut coding) = (Vec::new(), Vec::new());
    for _ in 0..SAMPLES {
        let t = Instant::now();
        let page = client
            .get(&work)
            .send()
            .expect("workbench")
            .text()
            .expect("page");
        opening.push(t.elapsed());
        let id =
            between(&page, &format!("/coding/2017/{QUESTION}/comments/"), "/").expect("a comment");
        let t = Instant::now();
        let posted = client
            .post(format!("{base}/coding/2017/{QUESTION}/comments/{id}/code"))
            .form(&[
                ("csrf", csrf.as_str()),
                ("filter", "uncoded"),
                ("code", "Funding"),
            ])
            .send()
            .expect("code");
        let next = posted.headers()["location"]
            .to_str()
            .expect("location")
            .to_string();
        client
            .get(format!("{base}{next}"))
            .send()
            .expect("next page")
            .text()
            .expect("page");
        coding.push(t.elapsed());
    }
    report("open the workbench", &mut opening);
    report("code a comment and open the next", &mut coding);
}

fn report(what: &str, times: &mut [Duration]) {
    times.sort();
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize].as_secs_f64() * 1000.0;
    println!(
        "{what} with 10,000 comments: p50 {:.1} ms, p99 {:.1} ms ({} requests)",
        at(0.5),
        at(0.99),
        times.len()
    );
}

fn between(text: &str, start: &str, end: &str) -> Option<String> {
    let from = text.find(start)? + start.len();
    Some(text[from..].split(end).next()?.to_string())
}

/// A 2017 cycle with 5,000 two-sentence answers (10,000 comments), the demo codebook, and the
/// first half of the comments coded by another coder.
fn seed(platform: &Platform) -> usize {
    let mut conn = platform.conn().expect("connection");
    // The account the benchmark signs in as.
    accounts::upsert(
        &mut conn,
        "coder@example.org",
        "Coder",
        Role::Coder,
        PASSWORD,
    )
    .expect("coder");
    let other = accounts::upsert(
        &mut conn,
        "other@example.org",
        "Other",
        Role::Coder,
        PASSWORD,
    )
    .expect("coder");
    let area = platform.geography.areas()[0].code.to_string();
    let cycle = frontline_web::db::transaction::<_, frontline_web::AppError, _>(&mut conn, |conn| {
            let cycle = cycles::create(
                conn,
                &cycles::NewCycle {
                    year: 2017,
                    title: "Bench 2017",
                    schema_id: "practitioner-survey-2017",
                    opens_on: "2017-09-01",
                    closes_on: "2017-09-30",
                    status: CycleStatus::Closed,
                },
            )?;
            for i in 0..ANSWERS {
                let service = services::create(conn, &format!("Org {i}"), &format!("Service {i}"), std::slice::from_ref(&area))?;
                let def = platform.catalogue.get("practitioner-survey-2017")?;
                let answer = format!(
                    "Funding that lasts longer than one year would keep staff number {i}. There are not enough refuge spaces for families of {} children.",
                    i % 7
                );
                responses::insert(
                    conn,
                    responses::NewResponse {
                        cycle_id: cycle.id,
                        service_id: service.id,
                        schema_version: "practitioner-survey-2017@1",
                        channel: Channel::Online,
                        outcome: Outcome::Answered,
                        answers: NewAnswers::Submitted(SubmittedAnswers::read(
                            def,
                            &json!({ QUESTION: answer }).to_string(),
                        )?),
                    },
                )?;
            }
            Ok(cycle)
        })
        .expect("cycle and answers");
    let question = open_question(platform, &mut conn, &cycle, QUESTION).expect("question");
    let book = "category,subcategory,definition,examples\nFunding,,,\nFunding,Core costs,,\nHousing options,,,\nOther,,,\n";
    codebook::import(&mut conn, &cycle, &question, "bench.csv", book, "bench").expect("codebook");
    segmenting::suggest_all(&mut conn, &cycle, &question).expect("segments");
    let all = comments::of_question(&mut conn, cycle.id, QUESTION).expect("comments");
    frontline_web::db::transaction::<_, frontline_web::AppError, _>(&mut conn, |conn| {
        for c in &all[..all.len() / 2] {
            codings::code(conn, c.id, other.id, "Housing options")?;
        }
        Ok(())
    })
    .expect("coded half");
    // A live database has been analysed by autovacuum long before 10,000 comments are coded;
    // measure that, not a planner guessing about tables filled a second ago.
    if url_is_postgres(platform) {
        diesel::RunQueryDsl::execute(diesel::sql_query("ANALYZE"), &mut conn).expect("analyse");
    }
    all.len()
}

fn url_is_postgres(platform: &Platform) -> bool {
    platform.target.describe().starts_with("PostgreSQL")
}
