//! The demo's provider returns: the Kent PCC's victim services grants (quarterly, four quarters
//! of 2025 in, 2026-Q1 opened and partly late) and Kent County Council's safe-accommodation
//! programme funding some of the same services, which make one return each for both.
//! Figures are synthetic, consistent with every check, and trend as services do: demand and
//! waits rising, engagement growing slowly.

use frontline_returns::metrics::BREAKDOWNS;
use frontline_returns::{check, Frequency, Period};
use frontline_web::error::AppResult;
use frontline_web::returns::answering::store_for;
use frontline_web::store::states::ReturnChannel;
use frontline_web::store::{programmes, services};
use frontline_web::Platform;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::json;
use survey_engine::Answers;

const KENT: &str = "E23000032";
const PCC_PROGRAMME: &str = "kent-pcc-victim-services";
const COUNCIL_PROGRAMME: &str = "kent-cc-safe-accommodation";

/// Shares of each breakdown's categories except the last ("not stated"), in per cent.
const SHARES: [&[u32]; 5] = [
    &[3, 30, 42, 17, 2],
    &[88, 9, 1],
    &[70, 2, 3, 3, 1],
    &[78, 7, 5, 3, 2],
    &[30, 55],
];

pub fn create(platform: &Platform, seed: u64) -> AppResult<String> {
    let mut conn = platform.conn()?;
    let mut rng = StdRng::seed_from_u64(seed ^ 0x5f5);
    let first: Period = "2025-Q1"
        .parse()
        .map_err(|e: frontline_returns::ReturnsError| {
            frontline_web::error::AppError::Task(e.to_string())
        })?;
    programmes::create(
        &mut conn,
        PCC_PROGRAMME,
        "Kent PCC victim services grants",
        Frequency::Quarterly,
        first,
    )?;
    programmes::create(
        &mut conn,
        COUNCIL_PROGRAMME,
        "Kent County Council safe accommodation (Part 4)",
        Frequency::Quarterly,
        first,
    )?;
    let kent: Vec<i32> = services::all(&mut conn)?
        .into_iter()
        .filter(|s| s.areas.first().is_some_and(|a| a == KENT))
        .map(|s| s.id)
        .take(7)
        .collect();
    programmes::add_services(&mut conn, PCC_PROGRAMME, &kent)?;
    // The seventh is funded but has never made a return: the Kent pack lists it to chase.
    let silent = kent.len().min(6);
    let (kent, _) = kent.split_at(silent);
    programmes::add_services(&mut conn, COUNCIL_PROGRAMME, &kent[..kent.len().min(3)])?;
    let quarters = first.series(5);
    for p in &quarters {
        programmes::open_period(&mut conn, PCC_PROGRAMME, *p)?;
        programmes::open_period(&mut conn, COUNCIL_PROGRAMME, *p)?;
    }
    let mut stored = 0;
    for (n, service) in kent.iter().enumerate() {
        let size = 12.0 + 14.0 * n as f64;
        for (q, period) in quarters.iter().enumerate() {
            let last = q == quarters.len() - 1;
            // The newest quarter: two services are late, one has only saved a draft.
            if last && n >= kent.len().saturating_sub(2) {
                continue;
            }
            let answers = synthetic_return(&mut rng, size, q);
            let submit = !(last && n == 0);
            let channel = if n % 3 == 2 {
                ReturnChannel::Import
            } else {
                ReturnChannel::Online
            };
            store_for(
                &mut conn,
                *service,
                &period.to_string(),
                KENT,
                &answers,
                submit,
                "demo provider",
                channel,
            )?;
            stored += 1;
        }
    }
    Ok(format!(
        "{stored} VFS returns from {} Kent services in two programmes (one more funded service has made none)",
        kent.len()
    ))
}

/// One quarter's return for a service of about `size` engaged victims, `q` quarters in.
pub(crate) fn synthetic_return(rng: &mut StdRng, size: f64, q: usize) -> Answers {
    let growth = 1.0 + 0.05 * q as f64;
    let count = |rng: &mut StdRng, x: f64| (x * rng.gen_range(0.85..1.15)).round().max(0.0) as i64;
    let engaged_new = count(rng, size * 0.6 * growth);
    let engaged_existing = count(rng, size * 0.4 * growth);
    let engaged = engaged_new + engaged_existing;
    let left = count(rng, engaged as f64 * 0.35);
    let dropped = count(rng, left as f64 * 0.15).min(left);
    let mut a = Answers::new();
    let mut set = |c: &str, v: i64| a.set(c.to_string(), json!(v));
    set("waiting_list", count(rng, size * 0.3 * growth * growth));
    set("referrals_new", count(rng, engaged_new as f64 * 1.25));
    set("engaged_new", engaged_new);
    set("engaged_existing", engaged_existing);
    for (c, share) in [
        ("referred_on_victim_services", 0.12),
        ("referred_on_financial", 0.08),
        ("referred_on_housing", 0.15),
        ("referred_on_health", 0.1),
        ("referred_on_complex_needs", 0.04),
    ] {
        set(c, count(rng, engaged as f64 * share));
    }
    let active = count(rng, engaged as f64 * 0.4).min(engaged);
    set("reported_active", active);
    set(
        "reported_non_active",
        count(rng, engaged as f64 * 0.12).min(engaged - active),
    );
    set("left_concluded", left - dropped);
    set("left_dropped_out", dropped);
    for (b, shares) in BREAKDOWNS.iter().zip(SHARES) {
        let mut given = 0;
        for (c, share) in b.columns.iter().zip(shares) {
            let v = ((engaged as f64) * f64::from(*share) / 100.0 * rng.gen_range(0.8..1.2)).round()
                as i64;
            let v = v.min(engaged - given);
            set(c, v);
            given += v;
        }
        if let Some(not_stated) = b.columns.last() {
            set(not_stated, engaged - given);
        }
    }
    for (asked, improved, rate) in [
        ("coped_asked", "coped_improved", 0.82),
        ("informed_asked", "informed_improved", 0.88),
        ("support_asked", "support_improved", 0.76),
        ("cjs_asked", "cjs_improved", 0.55),
    ] {
        let n = count(rng, (left - dropped) as f64 * 0.8).min(left);
        set(asked, n);
        set(improved, count(rng, n as f64 * rate).min(n));
    }
    a.set(
        "waiting_weeks_median",
        json!(((3.5 + 1.2 * q as f64) * rng.gen_range(0.9..1.1) * 10.0).round() / 10.0),
    );
    a.set("narrative", json!("Synthetic demo narrative: demand rose again this quarter; waits lengthened while we recruited a second outreach worker."));
    debug_assert!(check(&frontline_web::returns::figures_of(&a)).is_empty());
    a
}
