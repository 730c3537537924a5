//! Returns benchmark: prints the time to aggregate four years of quarterly VFS returns from 1,000
//! services (16,000 returns) — one area's totals in every period, each protected as that
//! period's table by area protects it, and one period's disclosure-controlled export by police
//! force area. Target: well under a second.
//!
//! `cargo bench -p frontline-web --bench returns` (SQLite in a temporary folder; set
//! `DATABASE_URL=postgres://…` to an empty database to measure PostgreSQL).

use frontline_disclosure::SuppressionRule;
use frontline_returns::{Frequency, Period};
use frontline_web::returns::{export, views};
use frontline_web::store::states::ReturnChannel;
use frontline_web::store::{programmes, services, vfs_returns};
use frontline_web::Platform;
use serde_json::json;
use std::time::Instant;

/// The command's allocator, as in `src/main.rs`: measured as it runs.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const SERVICES: usize = 1_000;
const QUARTERS: usize = 16;

fn main() {
    let folder = tempfile::tempdir().expect("temporary folder");
    let url = std::env::var("DATABASE_URL")
        .unwrap_or_else(|_| folder.path().join("bench.db").display().to_string());
    let platform = Platform::open(&url, 4).expect("database opens");
    println!("returns benchmark on {}", platform.target.describe());
    let started = Instant::now();
    let periods = seed(&platform);
    println!(
        "seeded {} returns from {SERVICES} services in {:.1} s",
        SERVICES * QUARTERS,
        started.elapsed().as_secs_f64()
    );
    let mut conn = platform.conn().expect("connection");
    let mut best_series = f64::MAX;
    let mut best_export = f64::MAX;
    for _ in 0..3 {
        let last = periods.last().expect("a period").to_string();
        let table = export::programme_period(
            &mut conn,
            &platform.geography,
            "bench",
            &last,
            &SuppressionRule::default(),
        )
        .expect("by area");
        let area = table.by_area.first().expect("an area").key.clone();
        let programme = programmes::by_id(&mut conn, "bench").expect("programme");
        let t = Instant::now();
        let series = views::area_series(
            &mut conn,
            &platform.geography,
            &programme,
            &area,
            &SuppressionRule::default(),
        )
        .expect("series");
        best_series = best_series.min(t.elapsed().as_secs_f64());
        assert_eq!(series.len(), QUARTERS);
        let t = Instant::now();
        let table = export::programme_period(
            &mut conn,
            &platform.geography,
            "bench",
            &last,
            &SuppressionRule::default(),
        )
        .expect("period");
        export::by_pfa_csv(&platform.geography, &table).expect("csv");
        best_export = best_export.min(t.elapsed().as_secs_f64());
    }
    println!(
        "aggregate {QUARTERS} quarters × {SERVICES} services: one area's protected totals in every period {:.0} ms; one period by police force area with disclosure control {:.0} ms (best of 3)",
        best_series * 1000.0,
        best_export * 1000.0
    );
}

fn seed(platform: &Platform) -> Vec<Period> {
    let mut conn = platform.conn().expect("connection");
    let first: Period = "2022-Q1".parse().expect("period");
    let periods = first.series(QUARTERS);
    let areas: Vec<String> = platform
        .geography
        .areas()
        .iter()
        .map(|a| a.code.to_string())
        .collect();
    frontline_web::db::transaction::<_, frontline_web::AppError, _>(&mut conn, |conn| {
        programmes::create(conn, "bench", "Benchmark programme", Frequency::Quarterly, first)?;
        let mut ids = Vec::new();
        for i in 0..SERVICES {
            let area = &areas[i % areas.len()];
            ids.push(services::create(conn, &format!("Org {i}"), &format!("Service {i}"), std::slice::from_ref(area))?.id);
        }
        programmes::add_services(conn, "bench", &ids)?;
        for p in &periods {
            programmes::open_period(conn, "bench", *p)?;
        }
        for (i, id) in ids.iter().enumerate() {
            for (q, p) in periods.iter().enumerate() {
                let engaged = 20 + ((i * 7 + q * 3) % 40) as i64;
                let answers = json!({
                    "waiting_list": 5 + (i % 9) as i64, "waiting_weeks_median": 4.5, "referrals_new": engaged + 4,
                    "engaged_new": engaged - 8, "engaged_existing": 8, "reported_active": 3, "left_concluded": 9,
                    "left_dropped_out": 2, "age_18_34": 3, "age_35_54": engaged - 3, "gender_woman": engaged,
                    "orientation_not_stated": engaged, "ethnicity_white": engaged - 2, "ethnicity_black": 2,
                    "disability_no": engaged, "coped_asked": 8, "coped_improved": 6
                })
                .to_string();
                vfs_returns::save(conn, *id, &p.to_string(), &areas[i % areas.len()], &answers, true, ReturnChannel::Import)?;
            }
        }
        Ok(())
    })
    .expect("seeding");
    periods
}
