//! Publishing benchmark: prints the time to publish synthetic cycles of 400 and 40,000 services
//! end to end (database → tables, maps, GeoJSON, index), to build the same as a release whose
//! tables of people are protected together and audited (disclosure control), and to draw a map
//! from a 5 MB boundary file.
//!
//! `cargo bench -p frontline-web --bench publish` (SQLite in a temporary folder; set
//! `DATABASE_URL=postgres://…` to an empty database to measure PostgreSQL).

use frontline_disclosure::ReleaseProtector;
use frontline_geo::maps::boundaries::from_geojson;
use frontline_geo::maps::classes::Classes;
use frontline_geo::maps::svg::{render, Choropleth};
use frontline_geo::Geography;
use frontline_web::publish::{build_site, build_site_protected, Edition, MapStyle};
use frontline_web::store::responses::NewAnswers;
use frontline_web::store::states::{Channel, CycleStatus, Outcome};
use frontline_web::store::{cycles, responses, services};
use frontline_web::templates::Templates;
use frontline_web::Platform;
use serde_json::json;
use std::sync::Arc;
use std::time::Instant;
use survey_engine::SubmittedAnswers;

/// The command's allocator, as in `src/main.rs`: measured as it runs.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let folder = tempfile::tempdir().expect("temporary folder");
    let url = std::env::var("DATABASE_URL")
        .unwrap_or_else(|_| folder.path().join("bench.db").display().to_string());
    let platform = Platform::open(&url, 4).expect("database opens");
    let templates = Templates::new().expect("templates");
    println!("publish benchmark on {}", platform.target.describe());
    let mut publish_times = Vec::new();
    // FRONTLINE_BENCH_REPEAT=N builds the largest cycle N more times (for a profiler).
    let repeat: usize = std::env::var("FRONTLINE_BENCH_REPEAT")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    for (year, count) in [(2101, 400), (2102, 4_000), (2103, 40_000)] {
        let started = Instant::now();
        synthetic_cycle(&platform, year, count);
        let seeded = started.elapsed();
        let mut best = f64::MAX;
        // Small cycles build in tens of milliseconds: more runs keep noise out of the linearity.
        // The largest is best of seven: on a shared machine a build of 130 ms moves by a third
        // between runs, which best of three did not keep out of the target.
        let runs = if count > 10_000 { 7 + repeat } else { 15 };
        let mut files = 0;
        for _ in 0..runs {
            let t = Instant::now();
            let site = build_site(
                &platform,
                &templates,
                year,
                &Edition::Draft,
                &MapStyle::Boundaries,
            )
            .expect("publish");
            best = best.min(t.elapsed().as_secs_f64());
            files = site.files.len();
        }
        // A release: every table of people protected as one release, then audited again.
        let rule = cycles::by_year(&mut platform.conn().expect("connection"), year)
            .expect("cycle")
            .suppression_rule();
        let protector = Arc::new(ReleaseProtector::new(rule, Vec::new()));
        let t = Instant::now();
        build_site_protected(
            &platform,
            &templates,
            year,
            &Edition::Draft,
            &MapStyle::Boundaries,
            Some(Arc::clone(&protector)),
        )
        .expect("release build");
        let built = t.elapsed().as_secs_f64();
        let t = Instant::now();
        protector.ensure_protected().expect("protected");
        let audited = t.elapsed().as_secs_f64();
        let published = protector.published(1);
        let cells: usize = published.families.values().map(|f| f.keys.len()).sum();
        println!(
            "release {count:>6} services: built with protection {:>8.1} ms; audit of {} families ({cells} cells) {:.1} ms",
            built * 1000.0,
            published.families.len(),
            audited * 1000.0
        );
        // Where the time goes: reading the estimates from the database, and the rest.
        let t = Instant::now();
        let cycle =
            cycles::by_year(&mut platform.conn().expect("connection"), year).expect("cycle");
        let estimates = frontline_web::estimates::for_cycle(
            &platform,
            &mut platform.conn().expect("connection"),
            cycle.id,
        )
        .expect("estimates");
        let reading = t.elapsed().as_secs_f64();
        let t = Instant::now();
        frontline_web::publication::read_inputs(&platform, year).expect("inputs");
        let computing = t.elapsed().as_secs_f64() - reading;
        println!(
            "publish {count:>6} services: {:>8.1} ms (best of {runs}; {files} files; of which reading {} estimates {:.1} ms, computing the tables {:.1} ms; seeding took {:.1} s)",
            best * 1000.0,
            estimates.len(),
            reading * 1000.0,
            computing * 1000.0,
            seeded.as_secs_f64()
        );
        drop(estimates);
        compare_with_pandas(&url, folder.path(), year, count, best);
        publish_times.push((count, best));
    }
    report_linearity(&publish_times);

    let geo = Geography::reference();
    let text = synthetic_boundaries(&geo, 5_000_000);
    let t = Instant::now();
    let boundaries = from_geojson(&geo, &text).expect("boundaries parse");
    let parsed = t.elapsed();
    let values = geo
        .areas()
        .iter()
        .map(|a| (a.code.to_string(), Some(a.adult_females as f64)))
        .collect();
    let map = Choropleth {
        title: "Benchmark".into(),
        subtitle: String::new(),
        legend_title: "women".into(),
        values,
        classes: Classes::fixed(&[500_000.0, 1_000_000.0], ""),
        unit: String::new(),
        precision: frontline_geo::tables::Precision::Whole,
        credits: Vec::new(),
        watermark: None,
        highlight: None,
        notes: Default::default(),
    };
    let t = Instant::now();
    let svg = render(&boundaries.shapes, &map);
    println!(
        "boundary map from {:.1} MB GeoJSON: parse+join+simplify {:.1} ms, render {:.1} ms, SVG {:.0} KB",
        text.len() as f64 / 1e6,
        parsed.as_secs_f64() * 1000.0,
        t.elapsed().as_secs_f64() * 1000.0,
        svg.len() as f64 / 1e3
    );
}

/// How much faster than the analyst's pandas + geopandas pipeline publishing must be.
const TIMES_FASTER: f64 = 10.0;

/// Times `benches/pandas/publish.py` on the same cycle (the whole run, best of three) where
/// `FRONTLINE_PANDAS_PYTHON` names a Python with pandas, geopandas and matplotlib, and prints
/// whether publishing is at least ten times faster. Only a SQLite database can be compared.
fn compare_with_pandas(url: &str, folder: &std::path::Path, year: i32, count: usize, ours: f64) {
    let Ok(python) = std::env::var("FRONTLINE_PANDAS_PYTHON") else {
        println!(
            "  (set FRONTLINE_PANDAS_PYTHON to a Python with pandas and geopandas to compare)"
        );
        return;
    };
    if url.starts_with("postgres") {
        println!("  (the pandas pipeline reads SQLite only: not compared)");
        return;
    }
    let here = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let script = here.join("benches/pandas/publish.py");
    let boundaries = here.join("../../fixtures/police-force-areas-2020-ew-generalised.geojson");
    let out = folder.join(format!("pandas-{year}"));
    let mut best = f64::MAX;
    for _ in 0..3 {
        let t = Instant::now();
        let status = std::process::Command::new(&python)
            .arg(&script)
            .arg(url.trim_start_matches("sqlite://"))
            .arg(year.to_string())
            .arg(&boundaries)
            .arg(&out)
            .status()
            .expect("the pandas pipeline starts");
        assert!(status.success(), "the pandas pipeline failed");
        best = best.min(t.elapsed().as_secs_f64());
    }
    let times = best / ours;
    println!(
        "  pandas + geopandas {count:>6} services: {:>8.1} ms (best of 3) — Frontline {times:.1}× faster; target {TIMES_FASTER}×: {}",
        best * 1000.0,
        if times >= TIMES_FASTER { "met" } else { "NOT met" }
    );
}

/// Whether publishing is linear in services: the time each further service adds (from one size
/// to the next) must not grow with size, within 25% for noise.
fn report_linearity(times: &[(usize, f64)]) {
    let marginal: Vec<(usize, usize, f64)> = times
        .windows(2)
        .map(|w| (w[0].0, w[1].0, (w[1].1 - w[0].1) / (w[1].0 - w[0].0) as f64))
        .collect();
    for (from, to, each) in &marginal {
        println!("each service from {from} to {to}: {:.1} µs", each * 1e6);
    }
    if let (Some(first), Some(last)) = (marginal.first(), marginal.last()) {
        let growth = last.2 / first.2;
        println!(
            "linear in services (the last step's time per service at most 1.25× the first's: {growth:.2}×): {}",
            if growth <= 1.25 { "met" } else { "NOT met" }
        );
    }
}

/// A cycle of `count` services spread over all areas, one in eight split across two.
fn synthetic_cycle(platform: &Platform, year: i32, count: usize) {
    let mut conn = platform.conn().expect("connection");
    let areas: Vec<String> = platform
        .geography
        .areas()
        .iter()
        .map(|a| a.code.to_string())
        .collect();
    let def = platform
        .catalogue
        .get("practitioner-survey-2017")
        .expect("definition");
    frontline_web::db::transaction::<_, frontline_web::AppError, _>(&mut conn, |conn| {
        let cycle = cycles::create(
            conn,
            &cycles::NewCycle {
                year,
                title: "Benchmark",
                schema_id: "practitioner-survey-2017",
                opens_on: "2100-09-01",
                closes_on: "2100-09-30",
                status: CycleStatus::Closed,
            },
        )?;
        for i in 0..count {
            let a = &areas[i % areas.len()];
            let b = &areas[(i * 7 + 3) % areas.len()];
            let covered = if i % 8 == 0 && a != b {
                vec![a.clone(), b.clone()]
            } else {
                vec![a.clone()]
            };
            let service = services::create(
                conn,
                &format!("Org {year}-{}", i % 97),
                &format!("Service {year}-{i}"),
                &covered,
            )?;
            let shares: serde_json::Map<String, serde_json::Value> = covered
                .iter()
                .map(|c| (c.clone(), json!(100.0 / covered.len() as f64)))
                .collect();
            let people = 1 + (i % 12) as u32;
            let answers = json!({
                "employs_practitioners": "yes",
                "roles": {
                    "idva": {"people": people, "fte": f64::from(people) * 0.8},
                    "outreach": {"people": 2, "fte": 1.5},
                    "children": {"people": 1, "fte": 0.6}
                },
                "idva_high_risk_fte": f64::from(people) * 0.7,
                "idva_cases": "both",
                "idva_locations": ["specialist_da", "police"],
                "volunteers": i % 5,
                "areas": shares
            });
            responses::insert(
                conn,
                responses::NewResponse {
                    cycle_id: cycle.id,
                    service_id: service.id,
                    schema_version: "practitioner-survey-2017@2017.1",
                    channel: Channel::Online,
                    outcome: Outcome::Answered,
                    answers: NewAnswers::Submitted(SubmittedAnswers::read(
                        def,
                        &answers.to_string(),
                    )?),
                },
            )?;
        }
        Ok(())
    })
    .expect("synthetic cycle");
}

/// A FeatureCollection of about `bytes` bytes: each area a jagged ring around its reference point.
fn synthetic_boundaries(geo: &Geography, bytes: usize) -> String {
    let per_area = bytes / geo.areas().len() / 24;
    let features: Vec<serde_json::Value> = geo
        .areas()
        .iter()
        .enumerate()
        .map(|(i, area)| {
            let (cx, cy) = (-5.0 + (i % 8) as f64 * 0.9, 50.5 + (i / 8) as f64 * 0.9);
            let mut ring: Vec<[f64; 2]> = (0..per_area)
                .map(|k| {
                    let t = k as f64 / per_area as f64 * std::f64::consts::TAU;
                    let r = 0.4 + 0.02 * ((k * 7919) % 13) as f64 / 13.0;
                    [cx + r * t.cos(), cy + r * t.sin()]
                })
                .collect();
            ring.push(ring[0]);
            json!({
                "type": "Feature",
                "properties": {"PFA23CD": area.code, "PFA23NM": area.name},
                "geometry": {"type": "Polygon", "coordinates": [ring]}
            })
        })
        .collect();
    json!({"type": "FeatureCollection", "features": features}).to_string()
}
