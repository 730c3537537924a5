//! Staff pages under load on a ten-year national deployment: a generated deployment (by default
//! ten annual cycles of 1,500 services, forty quarters of returns, 400 accounts; see
//! `frontline generate-deployment`) on PostgreSQL, 20 staff signed in at once each reading the
//! pages they work in, then the latest cycle released with every pack. Prints each page's p50,
//! p99 and max once every reader has read every page once (and, apart, the slowest of those
//! first reads, which build what is kept per data revision), and each target met or not: every
//! page's p99 under 100 ms, the release under 5 s.
//!
//! `cargo bench -p frontline --bench staff_load`. The deployment is generated once into the
//! database `frontline_bench_deployment` (on `FRONTLINE_BENCH_POSTGRES_URL`'s server, default
//! the local one through its socket) and reused by later runs; `FRONTLINE_BENCH_REGENERATE=1`
//! makes it afresh, `FRONTLINE_BENCH_SCALE=small` a small one to try the benchmark out.

mod support;

use diesel::connection::SimpleConnection;
use diesel::Connection;
use frontline_demo::deployment::{create, Scale, DEPLOYMENT_PASSWORD, PROGRAMME};
use frontline_web::publish::release::release;
use frontline_web::publish::MapStyle;
use frontline_web::store::cycles;
use frontline_web::templates::Templates;
use frontline_web::Platform;
use reqwest::blocking::Client;
use std::collections::BTreeMap;
use std::time::{Duration, Instant};

/// The command's allocator, as in `src/main.rs`: measured as it runs.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Staff reading pages at once (`FRONTLINE_BENCH_STAFF` sets another number, e.g. 1 to time
/// each page on its own).
const STAFF: usize = 20;
/// Times each of them reads each of their pages.
const ROUNDS: usize = 6;
const PAGE_P99_MS: f64 = 100.0;
const RELEASE_S: f64 = 5.0;
const DATABASE: &str = "frontline_bench_deployment";

fn main() {
    let admin = std::env::var("FRONTLINE_BENCH_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@/test?host=/var/run/postgresql".into());
    let Some(url) = deployment_database(&admin) else {
        return;
    };
    let platform = Platform::open(&url, 4).expect("database opens");
    let latest = cycles::all(&mut platform.conn().expect("connection"))
        .expect("cycles")
        .into_iter()
        .map(|c| c.year)
        .max()
        .expect("a generated cycle");
    let folder = tempfile::tempdir().expect("temporary folder");
    let base = support::start_server(&url, folder.path(), 24);
    wait_until_up(&base);
    let staff = std::env::var("FRONTLINE_BENCH_STAFF")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(STAFF);
    println!(
        "staff load on {} ({staff} staff at once, {ROUNDS} rounds each; machine: {})",
        platform.target.describe(),
        machine()
    );
    let timings = load(&base, latest, staff);
    let mut worst = 0.0_f64;
    println!(
        "{:<44} {:>6} {:>9} {:>9} {:>9} {:>11}",
        "page", "reads", "p50 ms", "p99 ms", "max ms", "first ms"
    );
    for (page, samples) in &timings.steady {
        let p99 = percentile(samples, 99.0);
        worst = worst.max(p99);
        let first = timings
            .first
            .get(page)
            .map_or(0.0, |f| percentile(f, 100.0));
        println!(
            "{page:<44} {:>6} {:>9.1} {p99:>9.1} {:>9.1} {first:>11.1}",
            samples.len(),
            percentile(samples, 50.0),
            percentile(samples, 100.0)
        );
    }
    println!(
        "(first ms: the slowest of each reader's first read of the page after the server started, \
         when what is kept per data revision is built; not in p99)"
    );
    println!(
        "every page's p99 under {PAGE_P99_MS} ms (worst {worst:.1} ms): {}",
        verdict(worst < PAGE_P99_MS)
    );

    let templates = Templates::new().expect("templates");
    let t = Instant::now();
    let released = release(
        &platform,
        &templates,
        latest,
        "bench",
        "Benchmark release of the latest cycle.",
        &MapStyle::Boundaries,
    )
    .expect("the latest cycle releases");
    let took = t.elapsed().as_secs_f64();
    println!(
        "release of {latest} (version {}, with every area's pack): {took:.2} s; under {RELEASE_S} s: {}",
        released.version,
        verdict(took < RELEASE_S)
    );
}

fn verdict(met: bool) -> &'static str {
    if met {
        "met"
    } else {
        "NOT met"
    }
}

/// The deployment's database, generated unless an earlier run made it; none (with a note) when
/// PostgreSQL is out of reach.
fn deployment_database(admin: &str) -> Option<String> {
    let mut conn = match diesel::PgConnection::establish(admin) {
        Ok(conn) => conn,
        Err(e) => {
            println!("staff load skipped: PostgreSQL at {admin}: {e}");
            return None;
        }
    };
    let url = match admin.split_once("/test") {
        Some((before, after)) => format!("{before}/{DATABASE}{after}"),
        None => panic!("FRONTLINE_BENCH_POSTGRES_URL must name the database test"),
    };
    let regenerate = std::env::var("FRONTLINE_BENCH_REGENERATE").is_ok();
    let exists = diesel::PgConnection::establish(&url).is_ok();
    if exists && !regenerate {
        println!("reusing the deployment in {DATABASE}");
        return Some(url);
    }
    let _ = conn.batch_execute(&format!("DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)"));
    conn.batch_execute(&format!("CREATE DATABASE {DATABASE}"))
        .expect("the deployment's database");
    let scale = if std::env::var("FRONTLINE_BENCH_SCALE").as_deref() == Ok("small") {
        Scale {
            years: 3,
            services: 300,
            quarters: 8,
            accounts: 60,
            feedback: 1_000,
        }
    } else {
        Scale::NATIONAL
    };
    println!("generating {scale:?} into {DATABASE} (each part's time below)");
    let platform = Platform::open(&url, 4).expect("database opens");
    let summary = create(&platform, &scale, 2026).expect("the deployment");
    println!("{summary}");
    Some(url)
}

fn wait_until_up(base: &str) {
    let started = Instant::now();
    while reqwest::blocking::get(format!("{base}/healthz")).is_err() {
        assert!(started.elapsed() < Duration::from_secs(30), "server start");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Latency by page: of the reads after every reader has read every page once, and of those
/// first reads (the builds kept per data revision are made then).
struct Timings {
    steady: BTreeMap<String, Vec<Duration>>,
    first: BTreeMap<String, Vec<Duration>>,
}

/// Signs each of the staff in, has each read each of their pages once, then — all at once,
/// once everyone has — `ROUNDS` more times.
fn load(base: &str, year: i32, staff: usize) -> Timings {
    let pcc_offices = [
        "pcc.kent@example.org",
        "pcc.metropolitanpolice@example.org",
        "pcc.westyorkshire@example.org",
        "pcc.northwales@example.org",
    ];
    let everyone_started = std::sync::Arc::new(std::sync::Barrier::new(staff));
    let workers: Vec<_> = (0..staff)
        .map(|n| {
            let base = base.to_string();
            let email = if n % 5 == 4 {
                pcc_offices[n / 5 % pcc_offices.len()].to_string()
            } else {
                "admin@example.org".to_string()
            };
            let everyone_started = std::sync::Arc::clone(&everyone_started);
            std::thread::spawn(move || {
                let client = signed_in(&base, &email);
                let mut pages = if email.starts_with("pcc.") {
                    pcc_pages(year)
                } else {
                    team_pages(year)
                };
                // Each reader starts at a different page, as people do.
                let turn = n % pages.len();
                pages.rotate_left(turn);
                let read = |seen: &mut Vec<(String, Duration)>| {
                    for (name, path) in &pages {
                        let t = Instant::now();
                        let response = client.get(format!("{base}{path}")).send().expect("a page");
                        let status = response.status();
                        let _ = response.bytes();
                        assert!(status.is_success(), "{path}: {status}");
                        seen.push((name.clone(), t.elapsed()));
                    }
                };
                let mut first = Vec::new();
                read(&mut first);
                everyone_started.wait();
                let mut steady = Vec::new();
                for _ in 0..ROUNDS {
                    read(&mut steady);
                }
                (first, steady)
            })
        })
        .collect();
    let mut timings = Timings {
        steady: BTreeMap::new(),
        first: BTreeMap::new(),
    };
    for w in workers {
        let (first, steady) = w.join().expect("a reader");
        for (page, took) in first {
            timings.first.entry(page).or_default().push(took);
        }
        for (page, took) in steady {
            timings.steady.entry(page).or_default().push(took);
        }
    }
    timings
}

/// The survey team's working pages.
fn team_pages(year: i32) -> Vec<(String, String)> {
    let released = year - 1;
    [
        ("/admin", "/admin".to_string()),
        (
            "/admin/cycles/Y (services, page 1)",
            format!("/admin/cycles/{year}"),
        ),
        (
            "/admin/cycles/Y?page=20",
            format!("/admin/cycles/{year}?page=20"),
        ),
        (
            "/admin/cycles/Y?q=kent",
            format!("/admin/cycles/{year}?q=kent"),
        ),
        (
            "/admin/cycles/Y/estimates",
            format!("/admin/cycles/{year}/estimates"),
        ),
        (
            "/admin/cycles/Y/publication",
            format!("/admin/cycles/{year}/publication"),
        ),
        (
            "/admin/cycles/Y/draft/ (kept build)",
            format!("/admin/cycles/{year}/draft/"),
        ),
        ("/admin/audit", "/admin/audit".to_string()),
        ("/admin/feedback", "/admin/feedback".to_string()),
        (
            "/returns/P (services, page 1)",
            format!("/returns/{PROGRAMME}"),
        ),
        ("/returns/P?q=kent", format!("/returns/{PROGRAMME}?q=kent")),
        ("/returns/P/grants", format!("/returns/{PROGRAMME}/grants")),
        ("/coding/Y", format!("/coding/{year}")),
        ("/packs/Y", format!("/packs/{year}")),
        ("/publications/Y-1/", format!("/publications/{released}/")),
        (
            "/publications/Y-1/tables/pfa-coverage.csv",
            format!("/publications/{released}/tables/pfa-coverage.csv"),
        ),
    ]
    .into_iter()
    .map(|(n, p)| (n.to_string(), p))
    .collect()
}

/// A PCC office's pages: its areas, its provisional view, its returns.
fn pcc_pages(year: i32) -> Vec<(String, String)> {
    [
        ("/pcc", "/pcc".to_string()),
        (
            "/pcc/Y/provisional/ (kept build)",
            format!("/pcc/{year}/provisional/"),
        ),
        ("/returns/P (own areas)", format!("/returns/{PROGRAMME}")),
        ("/packs/Y", format!("/packs/{year}")),
    ]
    .into_iter()
    .map(|(n, p)| (n.to_string(), p))
    .collect()
}

/// A client signed in as `email`.
fn signed_in(base: &str, email: &str) -> Client {
    let client = Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("HTTP client");
    let login = client
        .get(format!("{base}/login"))
        .send()
        .and_then(|r| r.text())
        .expect("the sign-in page");
    let marker = "name=\"csrf\" value=\"";
    let start = login.find(marker).expect("a sign-in form") + marker.len();
    let csrf: String = login[start..].chars().take_while(|c| *c != '"').collect();
    let signed = client
        .post(format!("{base}/login"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("email", email),
            ("password", DEPLOYMENT_PASSWORD),
            ("code", ""),
        ])
        .send()
        .expect("signing in");
    assert_eq!(signed.status().as_u16(), 303, "{email} signs in");
    client
}

fn percentile(samples: &[Duration], p: f64) -> f64 {
    let mut ms: Vec<f64> = samples.iter().map(|d| d.as_secs_f64() * 1000.0).collect();
    ms.sort_by(f64::total_cmp);
    if ms.is_empty() {
        return 0.0;
    }
    let rank = ((p / 100.0) * ms.len() as f64).ceil() as usize;
    ms[rank.clamp(1, ms.len()) - 1]
}

/// The processor and memory this ran on, for the README's figures.
fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|t| {
            t.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split_once(':'))
                .map(|(_, m)| m.trim().to_string())
        })
        .unwrap_or_else(|| "unknown processor".into());
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    format!("{cores} × {cpu}")
}
