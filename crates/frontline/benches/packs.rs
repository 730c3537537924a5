//! Needs-assessment pack benchmark: prints the time to build every area's pack (43 areas: HTML,
//! indicators CSV, two SVGs and a workbook each) from the demo's data, reading the cycle once;
//! the target is under 2 s. Also one area's pack, as a PCC office's page builds it.
//!
//! `cargo bench -p frontline-web --bench packs` (SQLite in a temporary folder; set
//! `DATABASE_URL=postgres://…` to an empty database to measure PostgreSQL).

use frontline_web::packs::{build_for_year, Areas};
use frontline_web::publish::Edition;
use frontline_web::templates::Templates;
use frontline_web::Platform;
use std::time::Instant;

/// The command's allocator, as in `src/main.rs`: measured as it runs.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let folder = tempfile::tempdir().expect("temporary folder");
    let url = std::env::var("DATABASE_URL")
        .unwrap_or_else(|_| folder.path().join("bench.db").display().to_string());
    let platform = Platform::open(&url, 4).expect("database opens");
    frontline_demo::create(&platform, 2017).expect("the demo's data");
    let templates = Templates::new().expect("templates");
    println!("pack benchmark on {}", platform.target.describe());
    for (what, areas, runs) in [
        ("all 43 areas", Areas::All, 3),
        ("one area (Kent)", Areas::One("E23000032".into()), 10),
    ] {
        let mut best = f64::MAX;
        let mut files = 0;
        for _ in 0..runs {
            let t = Instant::now();
            let built = build_for_year(
                &platform,
                &templates,
                2017,
                &Edition::Draft,
                &frontline_web::access::Scope::Everything,
                &areas,
                "/",
            )
            .expect("packs");
            best = best.min(t.elapsed().as_secs_f64());
            files = built.len();
        }
        println!(
            "packs for {what:<16}: {:>7.1} ms (best of {runs}; {files} files; target for all areas: under 2,000 ms)",
            best * 1000.0
        );
    }
}
