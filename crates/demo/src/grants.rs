//! The demo's grant agreements: the Kent PCC's victim services grants (and one Kent County
//! Council grant to a service the PCC also funds, monitored against the same return), imported
//! through the real CSV path, with KPIs set from the services' own figures so one is missed,
//! spending each quarter (one underspend, explained), one grant under review, money passed on
//! to a by-and-for partner, and due diligence on the providers (one insurance falling due).

use frontline_grants::diligence::Item;
use frontline_grants::finance::FinanceReturn;
use frontline_provision::gaps::ServiceProfile;
use frontline_provision::Day;
use frontline_web::access::Scope;
use frontline_web::error::{AppError, AppResult};
use frontline_web::grants::{import, monitoring::returns_by_service};
use frontline_web::store::grants::{self, finance, reviews, subcontracts};
use frontline_web::store::{due_diligence, profiles, programmes, services};
use frontline_web::Platform;
use std::fmt::Write;
use survey_engine::Answers;

const TEAM: &str = "admin@example.org";
const PCC_PROGRAMME: &str = "kent-pcc-victim-services";
const COUNCIL_PROGRAMME: &str = "kent-cc-safe-accommodation";

pub fn create(platform: &Platform) -> AppResult<String> {
    let mut conn = platform.conn()?;
    let funded = programmes::service_ids(&mut conn, PCC_PROGRAMME)?;
    let all = services::all(&mut conn)?;
    let name = |id: i32| -> String {
        all.iter()
            .find(|s| s.id == id)
            .map(services::Service::full_name)
            .unwrap_or_default()
    };
    // KPIs are set from each service's 2025-Q2 figures, so they are ones it can meet.
    let q2 = returns_by_service(&mut conn, &["2025-Q2".to_string()])?
        .remove("2025-Q2")
        .unwrap_or_default();
    let mut csv = String::from(
        "service,grant_ref,start,end,annual_amount,kpi_metric,kpi_rule,kpi_target,notice_months,commissioner_area\n",
    );
    for (n, id) in funded.iter().enumerate() {
        let reference = format!("KPCC-25-{:02}", n + 1);
        let annual = 60_000 + 20_000 * n as i64;
        let end = if n == 3 { "2027-03-31" } else { "2028-03-31" };
        let engaged = q2.get(id).map_or(10, |f| f.get("engaged_new"));
        let mut row = |metric: &str, rule: &str, target: String| {
            let _ = writeln!(
                csv,
                "{},{reference},2025-04-01,{end},{annual},{metric},{rule},{target},3,Kent",
                name(*id)
            );
        };
        row("engaged_new", "at_least", ((engaged * 4) / 5).to_string());
        row("waiting_weeks_median", "at_most", "9".into());
        // One grant asks for more than the service achieves: its KPI is missed every quarter.
        if n == 2 {
            row("coped_rate", "at_least", "95".into());
        }
    }
    imported(import::import(
        &mut conn,
        &platform.geography,
        PCC_PROGRAMME,
        &csv,
        &Scope::Everything,
        TEAM,
    )?)?;
    // The county council funds the first service too: one return serves both commissioners.
    if let Some(first) = funded.first() {
        let council = format!(
            "service,grant_ref,start,end,annual_amount,kpi_metric,kpi_rule,kpi_target,commissioner_area\n{},KCC-SA-01,2025-04-01,2027-03-31,45000,referrals_new,at_least,10,Kent\n",
            name(*first)
        );
        imported(import::import(
            &mut conn,
            &platform.geography,
            COUNCIL_PROGRAMME,
            &council,
            &Scope::Everything,
            TEAM,
        )?)?;
    }
    let held = grants::for_programme(&mut conn, PCC_PROGRAMME)?;
    spending(&mut conn, &held)?;
    if let Some(missed) = held.get(2) {
        reviews::open(
            &mut conn,
            missed.id,
            "Coping and resilience outcomes below the 95% target for three quarters running",
            "pcc.kent@example.org",
            "2026-01-20",
        )?;
    }
    let partner = by_and_for_partner(&mut conn, &funded)?;
    if let (Some(lead), Some(partner)) = (held.first(), partner) {
        subcontracts::set(&mut conn, lead.id, partner, Some(18_000 * 100), TEAM)?;
    }
    diligence(&mut conn, &funded)?;
    Ok(format!(
        "{} grants in the Kent PCC programme (one KPI missed, one underspend explained, one under review, money passed on to a by-and-for partner) and one of Kent County Council's monitored against the same returns; due diligence on their providers",
        held.len()
    ))
}

/// The demo's own files always import; a refusal is a bug in this generator.
fn imported(outcome: import::Outcome) -> AppResult<()> {
    match outcome {
        import::Outcome::Imported(_) => Ok(()),
        import::Outcome::Refused(problems) => Err(AppError::Task(format!(
            "the demo's grants were refused: {}",
            problems.join("; ")
        ))),
    }
}

/// Each grant's spending for the three quarters from April 2025: on budget, but for one
/// quarter's underspend while a post was vacant.
fn spending(
    conn: &mut frontline_web::db::DbConnection,
    held: &[grants::StoredGrant],
) -> AppResult<()> {
    for (n, g) in held.iter().enumerate() {
        let budget = g.terms.annual_pence / 4;
        for period in ["2025-Q2", "2025-Q3", "2025-Q4"] {
            let (spend, why) = if n == 1 && period == "2025-Q3" {
                (budget * 82 / 100, "An Isva post was vacant from July to September; the new Isva started in October.")
            } else {
                (budget, "")
            };
            let given = FinanceReturn::new(budget, spend, why)
                .map_err(|e| AppError::Task(e.to_string()))?;
            finance::put(conn, g.id, period, &given, "demo provider")?;
        }
    }
    Ok(())
}

/// A service led by and for a community (outside the programme), as a lead's partner.
fn by_and_for_partner(
    conn: &mut frontline_web::db::DbConnection,
    funded: &[i32],
) -> AppResult<Option<i32>> {
    for (id, (_, stored)) in profiles::latest_by_service(conn, None)? {
        if funded.contains(&id) {
            continue;
        }
        let answers = Answers::from_json(&stored.answers)?;
        if !ServiceProfile::from_answers(&answers).by_and_for.is_empty() {
            return Ok(Some(id));
        }
    }
    Ok(None)
}

/// Policies, insurance and an accreditation for each funded provider; the first one's
/// insurance falls due at the end of 2026.
fn diligence(conn: &mut frontline_web::db::DbConnection, funded: &[i32]) -> AppResult<()> {
    let day = |d: &str| Day::parse(d).map_err(AppError::Task);
    let mut seen = Vec::new();
    for id in funded {
        let service = services::get(conn, *id)?;
        if seen.contains(&service.organisation) {
            continue;
        }
        let org = services::organisation_id(conn, &service.organisation)?;
        let first = seen.is_empty();
        seen.push(service.organisation.clone());
        due_diligence::record(
            conn,
            org,
            Item::SafeguardingPolicy,
            "Safeguarding policy v4 (board-approved)",
            day("2027-05-31")?,
            TEAM,
        )?;
        due_diligence::record(
            conn,
            org,
            Item::WhistleblowingPolicy,
            "Whistleblowing policy v2",
            day("2027-05-31")?,
            TEAM,
        )?;
        let insurance_due = if first { "2026-12-31" } else { "2027-07-31" };
        due_diligence::record(
            conn,
            org,
            Item::Insurance,
            "Public and employer's liability, policy DEMO-0042",
            day(insurance_due)?,
            TEAM,
        )?;
        if first {
            due_diligence::record(
                conn,
                org,
                Item::SafelivesLeadingLights,
                "Leading Lights accreditation (demo)",
                day("2028-01-31")?,
                TEAM,
            )?;
        }
    }
    Ok(())
}
