//! Grants: an import refused whole with each problem's line and field; KPI statuses at the
//! boundaries (exactly on target is met, a saved but unsubmitted return is no return); two
//! programmes funding one service read the same return; spend against budget and the cost per
//! victim against sums worked here; a PCC office records spend and decides a review through the
//! web, every step audited, and cannot see another area's grant.

mod support;

use frontline_disclosure::SuppressionRule;
use frontline_web::grants::value::Window;
use frontline_web::returns::answering::store_for;
use frontline_web::store::states::ReturnChannel;
use frontline_web::store::{accounts, audit, cycles, grants, services};
use std::collections::BTreeMap;
use support::web::{csrf_in, Browser};
use support::{frontline, new_2017_cycle, Server, TestDb};

const KENT: &str = "E23000032";
const SURREY: &str = "E23000031";
const PASSWORD: &str = "a long test password";

fn cli(db: &TestDb, args: &[&str]) -> String {
    let (ok, out, err) = frontline(&db.url, args);
    assert!(ok, "{args:?}: {out}{err}");
    out
}

/// A return consistent with the checks: `engaged_new` new and 10 existing victims, `asked` asked
/// about coping of whom `improved` improved.
fn answers(engaged_new: i64, asked: i64, improved: i64) -> survey_engine::Answers {
    let engaged = engaged_new + 10;
    let mut value = serde_json::json!({
        "waiting_list": 9, "waiting_weeks_median": 5.5, "referrals_new": engaged_new + 5,
        "engaged_new": engaged_new, "engaged_existing": 10, "left_concluded": asked,
        "left_dropped_out": 0, "age_35_54": engaged, "gender_woman": engaged,
        "orientation_not_stated": engaged, "ethnicity_white": engaged, "disability_no": engaged,
        "coped_asked": asked, "coped_improved": improved,
    });
    for column in frontline_returns::metrics::METRICS.iter().map(|m| m.column) {
        if value.get(column).is_none() {
            value[column] = serde_json::json!(0);
        }
    }
    survey_engine::Answers::from_json(&value.to_string()).expect("answers")
}

fn write(dir: &std::path::Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("file");
    path.to_string_lossy().into_owned()
}

fn csv_at(path: &std::path::Path) -> Vec<BTreeMap<String, String>> {
    let mut reader = csv::Reader::from_path(path).expect("csv");
    let header: Vec<String> = reader
        .headers()
        .expect("header")
        .iter()
        .map(str::to_string)
        .collect();
    reader
        .records()
        .map(|r| {
            header
                .iter()
                .cloned()
                .zip(r.expect("row").iter().map(str::to_string))
                .collect()
        })
        .collect()
}

#[test]
fn grants_are_monitored_against_the_one_return_and_reviewed_with_every_step_audited() {
    let db = TestDb::new();
    cli(&db, &new_2017_cycle());
    let platform = db.platform();
    let mut conn = platform.conn().expect("connection");
    let make = |conn: &mut _, org: &str, name: &str, area: &str| {
        services::create(conn, org, name, &[area.to_string()])
            .expect("service")
            .id
    };
    let harbour = make(&mut conn, "Harbour Trust", "Harbour Idva", KENT);
    let oak = make(&mut conn, "Oak Women", "Oak Outreach", KENT);
    let elm = make(&mut conn, "Elm Aid", "Elm Advocacy", KENT);
    make(&mut conn, "Ash Support", "Ash Surrey", SURREY);
    for (id, name) in [
        ("kent-pcc", "Kent PCC grants"),
        ("kent-cc", "Kent County Council"),
    ] {
        cli(
            &db,
            &[
                "new-programme",
                "--id",
                id,
                "--name",
                name,
                "--first-period",
                "2025-Q1",
            ],
        );
    }
    cli(
        &db,
        &[
            "programme-services",
            "--programme",
            "kent-pcc",
            "Harbour Idva",
            "Oak Outreach",
            "Elm Advocacy",
            "Ash Surrey",
        ],
    );
    cli(
        &db,
        &[
            "programme-services",
            "--programme",
            "kent-cc",
            "Harbour Idva",
        ],
    );
    for p in ["2025-Q1", "2025-Q2"] {
        for programme in ["kent-pcc", "kent-cc"] {
            let found =
                frontline_web::store::programmes::by_id(&mut conn, programme).expect("programme");
            frontline_web::store::programmes::open_period(
                &mut conn,
                programme,
                found.period(p).expect("period"),
            )
            .expect("open");
        }
    }
    let dir = tempfile::tempdir().expect("dir");
    let header = "service,grant_ref,start,end,annual_amount,kpi_metric,kpi_rule,kpi_target\n";

    // Refused whole: every problem by line and field, nothing stored.
    let bad = write(
        dir.path(),
        "bad.csv",
        &format!(
            "{header}Harbour Idva,KPCC-1,2025-04-01,2027-03-31,120000,engaged_new,at_least,30\n\
         Nobody's Service,KPCC-2,2025-04-01,2027-03-31,80000,victims_helped,at_least,5\n"
        ),
    );
    let (ok, _, err) = frontline(&db.url, &["import-grants", "--programme", "kent-pcc", &bad]);
    assert!(!ok);
    assert!(
        err.contains("line 3, service: no service is called 'Nobody's Service'"),
        "{err}"
    );
    assert!(
        err.contains(
            "line 3, kpi_metric: 'victims_helped' is not a VFS core metric or outcome rate"
        ),
        "{err}"
    );
    assert!(
        grants::all(&mut conn).expect("grants").is_empty(),
        "nothing stored"
    );
    assert!(audit::for_entity(&mut conn, "programme", "kent-pcc")
        .expect("audit")
        .iter()
        .all(|e| e.action != "grants.imported"));

    let good = write(
        dir.path(),
        "good.csv",
        &format!(
            "{header}Harbour Idva,KPCC-1,2025-04-01,2027-03-31,120000,engaged_new,at_least,30\n\
         Harbour Idva,KPCC-1,2025-04-01,2027-03-31,120000,coped_rate,at_least,75\n\
         Oak Women - Oak Outreach,KPCC-2,2025-04-01,2026-03-31,100000,waiting_list,at_most,10\n\
         Elm Advocacy,KPCC-3,2025-04-01,2027-03-31,110000,engaged_new,at_least,5\n\
         Ash Surrey,KPCC-4,2025-04-01,2027-03-31,90000,engaged_new,at_least,5\n"
        ),
    );
    assert!(cli(
        &db,
        &[
            "import-grants",
            "--programme",
            "kent-pcc",
            &good,
            "--by",
            "team@example.org"
        ]
    )
    .contains("4 added"));
    let council = write(
        dir.path(),
        "council.csv",
        &format!(
            "{header}Harbour Idva,KCC-1,2025-04-01,2027-03-31,45000,engaged_new,at_least,31\n"
        ),
    );
    cli(&db, &["import-grants", "--programme", "kent-cc", &council]);
    // A service in two areas: the team says whose grant it is.
    let both = services::create(
        &mut conn,
        "Bridge Trust",
        "Bridge Outreach",
        &[KENT.to_string(), "E23000036".to_string()],
    )
    .expect("service")
    .id;
    cli(
        &db,
        &[
            "programme-services",
            "--programme",
            "kent-pcc",
            "Bridge Outreach",
        ],
    );
    let unsaid = write(
        dir.path(),
        "unsaid.csv",
        &format!("{header}Bridge Outreach,KPCC-9,2025-04-01,2027-03-31,50000,,,\n"),
    );
    let (ok, _, err) = frontline(
        &db.url,
        &["import-grants", "--programme", "kent-pcc", &unsaid],
    );
    assert!(
        !ok && err.contains(
            "grant KPCC-9: the service works in several police force areas: say whose grant it is"
        ),
        "{err}"
    );
    let said = write(dir.path(), "said.csv", "service,grant_ref,start,end,annual_amount,kpi_metric,kpi_rule,kpi_target,commissioner_area\nBridge Outreach,KPCC-9,2025-04-01,2027-03-31,50000,,,,Kent\n");
    cli(&db, &["import-grants", "--programme", "kent-pcc", &said]);
    let bridge = grants::by_ref(&mut conn, "kent-pcc", "KPCC-9").expect("grant");
    assert_eq!(
        (bridge.commissioned_in.as_str(), bridge.terms.service_id),
        (KENT, both)
    );

    // 2025-Q2: Harbour exactly on both targets (30 new victims; 15 of 20 improved is 75%); Oak has
    // only saved its return; Elm submitted. Q1 had no grant running.
    store_for(
        &mut conn,
        harbour,
        "2025-Q2",
        KENT,
        &answers(30, 20, 15),
        true,
        "provider",
        ReturnChannel::Online,
    )
    .expect("return");
    store_for(
        &mut conn,
        oak,
        "2025-Q2",
        KENT,
        &answers(12, 4, 3),
        false,
        "provider",
        ReturnChannel::Online,
    )
    .expect("draft");
    store_for(
        &mut conn,
        elm,
        "2025-Q2",
        KENT,
        &answers(18, 6, 5),
        true,
        "provider",
        ReturnChannel::Online,
    )
    .expect("return");
    let out = dir.path().join("pcc");
    let printed = cli(
        &db,
        &[
            "grant-monitoring",
            "--programme",
            "kent-pcc",
            "--period",
            "2025-Q2",
            "--out",
            &out.to_string_lossy(),
        ],
    );
    assert!(
        printed.contains("3 KPI(s) met, 0 not met, 2 with no return"),
        "{printed}"
    );
    let rows = csv_at(&out.join("grant-monitoring.csv"));
    let line = |grant: &str, metric: &str| {
        rows.iter()
            .find(|r| r["grant_ref"] == grant && r["kpi_metric"] == metric)
            .cloned()
            .expect(metric)
    };
    assert_eq!(line("KPCC-1", "engaged_new")["actual"], "30");
    assert_eq!(
        line("KPCC-1", "engaged_new")["status"],
        "met",
        "exactly on target"
    );
    assert_eq!(line("KPCC-1", "coped_rate")["actual"], "75");
    assert_eq!(line("KPCC-1", "coped_rate")["status"], "met");
    assert_eq!(
        line("KPCC-2", "waiting_list")["status"],
        "no return",
        "a saved draft is not a return"
    );
    assert_eq!(line("KPCC-2", "waiting_list")["actual"], "");
    assert_eq!(line("KPCC-4", "engaged_new")["status"], "no return");
    // The council reads the same return: 30 is one short of its 31.
    let council_out = dir.path().join("kcc");
    cli(
        &db,
        &[
            "grant-monitoring",
            "--programme",
            "kent-cc",
            "--period",
            "2025-Q2",
            "--out",
            &council_out.to_string_lossy(),
        ],
    );
    let theirs = csv_at(&council_out.join("grant-monitoring.csv"));
    assert_eq!(theirs[0]["actual"], line("KPCC-1", "engaged_new")["actual"]);
    assert_eq!(theirs[0]["status"], "not met");

    // Through the web: Kent's PCC office records spend and reviews a grant; Surrey's cannot see it.
    cli(
        &db,
        &[
            "create-account",
            "--email",
            "team@example.org",
            "--name",
            "Team",
            "--role",
            "admin",
            "--password",
            PASSWORD,
        ],
    );
    for (email, area) in [
        ("pcc.kent@example.org", KENT),
        ("pcc.surrey@example.org", SURREY),
    ] {
        cli(
            &db,
            &[
                "create-account",
                "--email",
                email,
                "--name",
                "PCC",
                "--role",
                "pcc_reviewer",
                "--password",
                PASSWORD,
            ],
        );
        let account = accounts::by_email(&mut conn, email)
            .expect("read")
            .expect("account");
        accounts::set_areas(&mut conn, account.id, &[area.to_string()]).expect("areas");
    }
    let server = Server::start(&db.url, &[]);
    let kent = Browser::new(&server.base);
    kent.try_sign_in("pcc.kent@example.org", PASSWORD, "");
    let list = kent.get("/returns/kent-pcc/grants");
    assert_eq!(list.status, 200);
    assert!(
        list.body.contains("KPCC-1") && !list.body.contains("KPCC-4"),
        "only Kent's grants"
    );
    let csrf = csrf_in(&kent.get("/returns/kent-pcc/grants/KPCC-1").body);
    let finance = |budget: &str, spend: &str, why: &str| {
        kent.post(
            "/returns/kent-pcc/grants/KPCC-1/finance",
            &[
                ("csrf", &csrf),
                ("period", "2025-Q2"),
                ("budget", budget),
                ("spend", spend),
                ("explanation", why),
            ],
        )
    };
    let refused = finance("30000", "24000", "");
    assert_eq!(refused.status, 422);
    assert!(
        refused
            .body
            .contains("Explanation: spend differs from the budget: explain the underspend"),
        "{}",
        refused.body
    );
    assert!(
        grants::finance::all_of(&mut conn, &[1, 2, 3, 4])
            .expect("finance")
            .is_empty(),
        "nothing stored"
    );
    assert_eq!(finance("30000", "24000", "A vacant post").status, 200);
    let review = |path: &str, form: &[(&str, &str)]| {
        let mut fields = vec![("csrf", csrf.as_str())];
        fields.extend_from_slice(form);
        kent.post(&format!("/returns/kent-pcc/grants/KPCC-1/{path}"), &fields)
    };
    assert_eq!(
        review("review", &[("reason", "Outcomes below target")]).status,
        200
    );
    let no_plan = review(
        "review/decide",
        &[
            ("decision", "decommission"),
            ("reasons", "Outcomes below target all year"),
        ],
    );
    assert_eq!(no_plan.status, 422);
    assert!(no_plan
        .body
        .contains("Exit plan: decommissioning needs an exit plan"));
    let decided = review(
        "review/decide",
        &[
            ("decision", "decommission"),
            ("reasons", "Outcomes below target all year"),
            ("exit_plan", "Clients handed to Oak Outreach by March"),
        ],
    );
    assert_eq!(decided.status, 200);
    assert!(
        decided.body.contains("ends no sooner than"),
        "{}",
        decided.body
    );
    let held = grants::by_ref(&mut conn, "kent-pcc", "KPCC-1").expect("grant");
    let events = audit::for_entity(&mut conn, "grant", &held.id.to_string()).expect("audit");
    for action in [
        "grant.finance_given",
        "grant.review_opened",
        "grant.review_decided",
    ] {
        let e = events
            .iter()
            .find(|e| e.action == action)
            .unwrap_or_else(|| panic!("{action} audited"));
        assert_eq!(e.actor, "pcc.kent@example.org");
    }
    let surrey = Browser::new(&server.base);
    surrey.try_sign_in("pcc.surrey@example.org", PASSWORD, "");
    assert_eq!(surrey.get("/returns/kent-pcc/grants/KPCC-1").status, 403);
    assert!(!surrey
        .get("/returns/kent-pcc/grants")
        .body
        .contains("KPCC-1"));
    // Surrey may import grants for its own service, but never over Kent's: not by its reference,
    // nor by one differing only in case; a missing grant is refused as Kent's is.
    let surrey_csrf = csrf_in(&surrey.get("/returns/kent-pcc/grants").body);
    let take_over = surrey.post_file(
        "/returns/kent-pcc/grants/import",
        &surrey_csrf,
        "grants.csv",
        &format!("{header}Ash Surrey,KPCC-1,2025-04-01,2025-04-02,1,,,\nAsh Surrey,kpcc-3,2025-04-01,2025-04-02,1,,,\n"),
    );
    assert_eq!(take_over.status, 422);
    assert!(
        take_over
            .body
            .contains("KPCC-1 is another commissioner&#x27;s grant"),
        "{}",
        take_over.body
    );
    assert!(take_over
        .body
        .contains("differs only in case from the grant KPCC-3"));
    assert_eq!(
        grants::by_ref(&mut conn, "kent-pcc", "KPCC-1")
            .expect("grant")
            .terms
            .service_id,
        harbour
    );
    assert_eq!(surrey.get("/returns/kent-pcc/grants/NO-SUCH").status, 403);
    // More than the grant gives in a year is refused; what was typed stays on the form.
    let too_much = finance("999999999", "999999999", "typo");
    assert_eq!(too_much.status, 422);
    assert!(
        too_much.body.contains(
            "Budget for the period: the budget is more than the grant gives in a whole year (£120,000.00)"
        ),
        "{}",
        too_much.body
    );
    assert!(too_much.body.contains("value=\"999999999\""));

    // Spend and cost per victim: Oak and Elm give spend too; the table equals sums worked here.
    for (grant, spend) in ["KPCC-2", "KPCC-3"].iter().zip([25_000, 27_000]) {
        let g = grants::by_ref(&mut conn, "kent-pcc", grant).expect("grant");
        let given = frontline_grants::finance::FinanceReturn::new(spend * 100, spend * 100, "")
            .expect("finance");
        grants::finance::put(&mut conn, g.id, "2025-Q2", &given, "provider").expect("stored");
    }
    let cycle = cycles::by_year(&mut conn, 2017).expect("cycle");
    let rule = SuppressionRule::new(5).expect("rule");
    let tables =
        frontline_web::grants::value::tables(&platform, &mut conn, &cycle, &rule, Window::Latest)
            .expect("tables");
    // What the 2017 cycle publishes covers the year to its close: these grants came later.
    let close = frontline_provision::Day::parse(&cycle.closes_on).expect("close");
    assert!(frontline_web::grants::value::tables(
        &platform,
        &mut conn,
        &cycle,
        &rule,
        Window::YearTo(close)
    )
    .expect("tables")
    .is_empty());
    let value = tables
        .iter()
        .find(|t| t.name == "grant-value")
        .expect("grant-value");
    let at = |name: &str| value.columns.iter().position(|c| c == name).expect(name);
    let kent_row = value.rows.iter().find(|r| r[0] == KENT).expect("Kent");
    let spend = 24_000 + 25_000 + 27_000;
    // Submitted returns only: Harbour's 30 + 10 and Elm's 18 + 10 victims; Oak's draft does not count.
    let engaged = (30 + 10) + (18 + 10);
    assert_eq!(
        kent_row[at("cost_per_victim_gbp")],
        (spend / engaged).to_string()
    );
    // Surrey's money is one organisation's: hidden, and then Kent's or the South East's too, or
    // Surrey's would be their difference. What is shown is the sum worked here.
    let surrey_row = value.rows.iter().find(|r| r[0] == SURREY).expect("Surrey");
    assert_eq!(surrey_row[at("annual_value_gbp")], "[c]");
    let region = value
        .rows
        .iter()
        .find(|r| r[1] == "South East (all areas)")
        .expect("region");
    let (kent_value, region_value) = (
        &kent_row[at("annual_value_gbp")],
        &region[at("annual_value_gbp")],
    );
    assert!(kent_value == "[c]" || region_value == "[c]");
    if kent_value != "[c]" {
        assert_eq!(
            *kent_value,
            (120_000 + 45_000 + 100_000 + 110_000 + 50_000).to_string()
        );
    }

    due_diligence_falls_due_with_one_reminder(&db, &mut conn, harbour);
}

/// An item falling due within 60 days is mailed to the provider's contacts once; an unknown
/// item is refused by name.
fn due_diligence_falls_due_with_one_reminder(
    db: &TestDb,
    conn: &mut frontline_web::db::DbConnection,
    harbour: i32,
) {
    services::add_contact(conn, harbour, "Manager", "manager@harbour.example").expect("contact");
    let today = frontline_provision::Day::parse(&frontline_web::clock::today()).expect("today");
    let soon = today.plus_months(1).to_string();
    let (ok, _, err) = frontline(
        &db.url,
        &[
            "due-diligence",
            "record",
            "--organisation",
            "Harbour Trust",
            "--item",
            "iso9001",
            "--reference",
            "x",
            "--due",
            &soon,
        ],
    );
    assert!(
        !ok && err.contains("item: 'iso9001' is not one of"),
        "{err}"
    );
    cli(
        db,
        &[
            "due-diligence",
            "record",
            "--organisation",
            "Harbour Trust",
            "--item",
            "insurance",
            "--reference",
            "Policy 42",
            "--due",
            &soon,
        ],
    );
    cli(
        db,
        &[
            "due-diligence",
            "record",
            "--organisation",
            "Oak Women",
            "--item",
            "safeguarding_policy",
            "--reference",
            "v3",
            "--due",
            &today.plus_months(12).to_string(),
        ],
    );
    assert!(cli(db, &["due-diligence", "remind"]).contains("queued 1 reminder(s)"));
    assert!(
        cli(db, &["due-diligence", "remind"]).contains("queued 0 reminder(s)"),
        "once per due date"
    );
    let pending: i64 = frontline_web::store::outbox::tally(conn)
        .expect("tally")
        .into_iter()
        .map(|(_, n)| n)
        .sum();
    assert_eq!(pending, 1);
}
