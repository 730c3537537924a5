//! Estimates on both backends: roll-forward of silent responders, ratio imputation of those
//! without earlier figures (labelled in every output), closures, frozen cycles,
//! importing past returns, and a PCC office's whole validation over real HTTP.

mod support;

use frontline_geo::allocation::Given;
use frontline_web::estimates::roll_forward::{self, Decision};
use frontline_web::estimates::{self as est, area_view, freeze};
use frontline_web::store::states::{ProfileSource, ReviewStatus};
use frontline_web::store::{audit, cycles, profiles, responses, reviews, services};
use support::smtp::MailSink;
use support::web::{csrf_in, Browser};
use support::{frontline, Server, TestDb};

const HEADER: &str = "service,pfa,share,idva_people,idva_fte,idva_high_risk_fte,outreach_fte,refuge_fte,isva_fte,ypva_fte,children_fte,perpetrator_fte,other_fte,volunteers,source\n";
const PASSWORD: &str = "a long test password";

fn import(db: &TestDb, year: &str, rows: &str) -> (bool, String) {
    let file = db
        .folder()
        .join(format!("returns-{year}-{}.csv", rows.len()));
    std::fs::write(&file, format!("{HEADER}{rows}")).unwrap();
    let (ok, out, err) = frontline(
        &db.url,
        &["import-returns", "--cycle", year, file.to_str().unwrap()],
    );
    (ok, format!("{out}{err}"))
}

/// 2016: three services; 2017: only the first answered.
fn two_years(db: &TestDb) {
    let (ok, out) = import(
        db,
        "2016",
        "Kent Idva,Kent,1,3,3,2,,,,,,,,,survey\n\
         Medway Outreach,Kent,1,2,2,1.5,1,,,,,,,,survey\n\
         Fells Idva,Cumbria,0.5,2,2,2,,,,,,,,,Marac co-ordinator\n\
         Fells Idva,Lancashire,0.5,2,2,2,,,,,,,,,Marac co-ordinator\n",
    );
    assert!(ok, "{out}");
    let (ok, out) = import(db, "2017", "Kent Idva,Kent,1,4,3.5,2.5,,,,,,,,,survey\n");
    assert!(ok, "{out}");
}

/// Writes 2017's draft publication into the test's folder; returns the folder.
fn draft_2017(db: &TestDb) -> std::path::PathBuf {
    let out = db.folder().join("site");
    let (ok, o, e) = frontline(
        &db.url,
        &[
            "publish",
            "--cycle",
            "2017",
            "--draft",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert!(ok, "{o}{e}");
    out
}

fn id_of(db: &TestDb, name: &str) -> i32 {
    let platform = db.platform();
    let found = services::all(&mut platform.conn().unwrap())
        .unwrap()
        .into_iter()
        .find(|s| s.name == name)
        .expect("service");
    found.id
}

#[test]
fn silent_responders_are_offered_rolled_forward_with_source_and_closures_drop_out() {
    let db = TestDb::new();
    two_years(&db);
    let platform = db.platform();
    let mut conn = platform.conn().unwrap();
    let offered: Vec<String> = roll_forward::candidates(&platform, &mut conn, 2017)
        .unwrap()
        .into_iter()
        .map(|c| c.service.name)
        .collect();
    assert_eq!(offered, vec!["Medway Outreach", "Fells Idva"]);

    let medway = id_of(&db, "Medway Outreach");
    let fells = id_of(&db, "Fells Idva");
    roll_forward::decide(
        &platform,
        &mut conn,
        2017,
        medway,
        Decision::RollForward,
        "analyst@example.org",
    )
    .unwrap();
    roll_forward::decide(
        &platform,
        &mut conn,
        2017,
        fells,
        Decision::Closed {
            reason: "closed in March",
        },
        "analyst@example.org",
    )
    .unwrap();
    assert!(roll_forward::candidates(&platform, &mut conn, 2017)
        .unwrap()
        .is_empty());

    let cycle = cycles::by_year(&mut conn, 2017).unwrap();
    let estimates = est::for_cycle(&platform, &mut conn, cycle.id).unwrap();
    let rolled = estimates
        .iter()
        .find(|e| e.service_id == i64::from(medway))
        .expect("rolled forward");
    assert_eq!(rolled.provenance.kind, Given::RolledForward);
    assert_eq!(rolled.provenance.source, "2016 survey results");
    assert_eq!(rolled.figures.role("idva").fte, 2.0);
    assert!(
        estimates.iter().all(|e| e.service_id != i64::from(fells)),
        "a closed service is excluded"
    );

    // The appendix of the publication lists it with its source.
    let out = draft_2017(&db);
    let appendix = std::fs::read_to_string(out.join("tables/rolled-forward.csv")).unwrap();
    assert!(
        appendix.contains("Medway Outreach") && appendix.contains("2016 survey results"),
        "{appendix}"
    );
    assert!(!appendix.contains("Fells"), "{appendix}");

    // Each decision is in the audit log.
    let events = audit::for_entity(&mut conn, "service", &medway.to_string()).unwrap();
    assert_eq!(events[0].action, "estimate.rolled_forward");
}

#[test]
fn a_file_with_one_bad_row_stores_nothing() {
    let db = TestDb::new();
    let (ok, out) = import(
        &db,
        "2016",
        "Kent Idva,Kent,1,3,3,2,,,,,,,,,survey\nBad Idva,Kent,1,3,three,2,,,,,,,,,survey\n",
    );
    assert!(!ok);
    assert!(
        out.contains("line 3, idva_fte") && out.contains("three"),
        "{out}"
    );
    let platform = db.platform();
    let mut conn = platform.conn().unwrap();
    assert_eq!(cycles::count(&mut conn).unwrap(), 0, "no cycle created");
    assert_eq!(services::count(&mut conn).unwrap(), 0, "no service created");
}

#[test]
fn a_frozen_cycle_rejects_edits_until_reopened_with_a_reason() {
    let db = TestDb::new();
    two_years(&db);
    let (ok, out, err) = frontline(
        &db.url,
        &["freeze", "--cycle", "2017", "--reason", "ready to publish"],
    );
    assert!(ok, "{out}{err}");
    let platform = db.platform();
    let mut conn = platform.conn().unwrap();
    let medway = id_of(&db, "Medway Outreach");
    let refused = roll_forward::decide(
        &platform,
        &mut conn,
        2017,
        medway,
        Decision::RollForward,
        "a@example.org",
    );
    assert!(refused.unwrap_err().to_string().contains("frozen"));
    let (ok, out) = import(&db, "2017", "Another Idva,Kent,1,1,1,1,,,,,,,,,survey\n");
    assert!(!ok && out.contains("frozen"), "{out}");
    let (ok, _, err) = frontline(&db.url, &["cycle-status", "--cycle", "2017", "open"]);
    assert!(!ok && err.contains("frozen"), "{err}");

    assert!(
        freeze::reopen(&mut conn, 2017, "admin@example.org", "").is_err(),
        "a reason is required"
    );
    freeze::reopen(
        &mut conn,
        2017,
        "admin@example.org",
        "a late return from Medway",
    )
    .unwrap();
    roll_forward::decide(
        &platform,
        &mut conn,
        2017,
        medway,
        Decision::RollForward,
        "a@example.org",
    )
    .unwrap();
    let events = audit::for_entity(&mut conn, "cycle", "2017").unwrap();
    let actions: Vec<&str> = events.iter().map(|e| e.action.as_str()).collect();
    assert!(
        actions.contains(&"cycle.frozen") && actions.contains(&"cycle.reopened"),
        "{actions:?}"
    );
}

#[test]
fn a_pcc_office_validates_its_figures_over_http() {
    let db = TestDb::new();
    let (ok, out) = import(
        &db,
        "2017",
        "Kent Idva,Kent,1,4,4,3,,,,,,,,,survey\n\
         Medway Idva,Kent,1,2,2,1,,,,,,,,,survey\n\
         Fells Idva,Cumbria,1,2,2,2,,,,,,,,,survey\n",
    );
    assert!(ok, "{out}");
    support::create_team_account(&db.url, "team@example.org", PASSWORD);
    let smtp = MailSink::start();
    let server = Server::start_with_env(
        &db.url,
        &[],
        &[
            ("FRONTLINE_SMTP_URL", smtp.url.clone()),
            ("FRONTLINE_MAIL_POLL_MS", "100".into()),
        ],
    );
    let team = Browser::new(&server.base);
    let csrf = team.sign_in("team@example.org", PASSWORD);

    // The team invites the Kent PCC office; the invitation arrives by mail.
    let page = team.post(
        "/admin/cycles/2017/pcc-accounts",
        &[
            ("csrf", &csrf),
            ("office", "Office of the PCC for Kent"),
            ("name", "Pat Reviewer"),
            ("email", "pat@kent-pcc.example.org"),
            ("areas", "E23000032"),
        ],
    );
    assert_eq!(page.status, 303, "{}", page.body);
    let mail = smtp.wait_for(1);
    let text = mail[0].data.replace("=\r\n", "").replace("=\n", "");
    let start = text.find("/account/setup/").expect("set-up link");
    let token: String = text[start + 15..]
        .chars()
        .take_while(|c| c.is_ascii_hexdigit())
        .collect();

    // The reviewer chooses a password and signs in.
    let pcc = Browser::new(&server.base);
    let setup = format!("/account/setup/{token}");
    assert_eq!(pcc.get(&setup).status, 200);
    let page = pcc.post(
        &setup,
        &[
            ("password", "kent reviewer pass"),
            ("password_again", "kent reviewer pass"),
        ],
    );
    assert_eq!(page.status, 303, "{}", page.body);
    assert_eq!(pcc.get(&setup).status, 410, "the link works once");
    let page = pcc.try_sign_in("pat@kent-pcc.example.org", "kent reviewer pass", "");
    assert_eq!(page.location.as_deref(), Some("/pcc"));

    // Their own force: every service, how its figures were given, totals and coverage.
    let kent = pcc.get("/pcc/2017/E23000032");
    assert_eq!(kent.status, 200);
    assert!(
        kent.body.contains("Kent Idva")
            && kent.body.contains("Medway Idva")
            && kent.body.contains("imported return")
    );
    assert!(!kent.body.contains("Fells Idva"));
    let pcc_csrf = csrf_in(&kent.body);

    // Another force: 403, audited; and no way to change it either.
    assert_eq!(pcc.get("/pcc/2017/E23000002").status, 403);
    let page = pcc.post(
        "/pcc/2017/E23000002/reviews",
        &[("csrf", &pcc_csrf), ("action", "confirm"), ("reason", "x")],
    );
    assert_eq!(page.status, 403);
    assert_eq!(
        pcc.get("/admin/cycles/2017/estimates").status,
        403,
        "not a survey-team page"
    );
    let platform = db.platform();
    let denied = audit::for_entity(
        &mut platform.conn().unwrap(),
        "police_force_area",
        "E23000002",
    )
    .unwrap();
    assert_eq!(denied.len(), 2);
    assert!(denied
        .iter()
        .all(|e| e.action == "access.denied" && e.actor == "pat@kent-pcc.example.org"));

    // Confirm one service, revise the other.
    let (kent_idva, medway) = (id_of(&db, "Kent Idva"), id_of(&db, "Medway Idva"));
    let page = pcc.post(
        "/pcc/2017/E23000032/reviews",
        &[
            ("csrf", &pcc_csrf),
            ("service_id", &kent_idva.to_string()),
            ("action", "confirm"),
            ("reason", "matches our records"),
        ],
    );
    assert_eq!(page.status, 303, "{}", page.body);
    let bad = pcc.post(
        "/pcc/2017/E23000032/reviews",
        &[
            ("csrf", &pcc_csrf),
            ("service_id", &medway.to_string()),
            ("action", "revise"),
            ("idva_fte", "3"),
            ("idva_high_risk_fte", "5"),
            ("reason", "new posts"),
        ],
    );
    assert_eq!(bad.status, 422);
    assert!(bad.body.contains("idva_high_risk_fte"), "{}", bad.body);
    let page = pcc.post(
        "/pcc/2017/E23000032/reviews",
        &[
            ("csrf", &pcc_csrf),
            ("service_id", &medway.to_string()),
            ("action", "revise"),
            ("idva_fte", "3.5"),
            ("idva_high_risk_fte", "3"),
            ("reason", "two new posts funded in August"),
        ],
    );
    assert_eq!(page.status, 303, "{}", page.body);

    let mut conn = platform.conn().unwrap();
    let cycle = cycles::by_year(&mut conn, 2017).unwrap();
    let before = area_view::provisional(&platform, &mut conn, &cycle, "E23000032").unwrap();
    assert_eq!((before.idva_fte, before.idva_high_risk_fte), (6.0, 4.0));
    let pending = reviews::for_cycle(&mut conn, cycle.id)
        .unwrap()
        .into_iter()
        .find(|r| r.status == ReviewStatus::Pending)
        .expect("a pending revision");
    assert_eq!(pending.reviewer, "Office of the PCC for Kent");

    // The team accepts; the estimate moves; the response itself is kept.
    let page = team.post(
        &format!("/admin/cycles/2017/reviews/{}", pending.id),
        &[
            ("csrf", &csrf),
            ("decision", "accept"),
            ("reason", "confirmed with the service"),
        ],
    );
    assert_eq!(page.status, 303, "{}", page.body);
    let after = area_view::provisional(&platform, &mut conn, &cycle, "E23000032").unwrap();
    assert_eq!((after.idva_fte, after.idva_high_risk_fte), (7.5, 6.0));
    let line = after
        .services
        .iter()
        .find(|s| s.service_id == i64::from(medway))
        .unwrap();
    assert_eq!(line.source, "revised by Office of the PCC for Kent");
    let response = responses::find(&mut conn, cycle.id, medway)
        .unwrap()
        .unwrap();
    assert!(
        response.answers.contains("\"fte\":2.0") || response.answers.contains("\"fte\":2"),
        "{}",
        response.answers
    );
    assert!(pcc
        .get("/pcc/2017/E23000032")
        .body
        .contains("revised by Office of the PCC for Kent"));

    // A revision of the area as a whole moves the area's totals, not its service count.
    let page = pcc.post(
        "/pcc/2017/E23000032/reviews",
        &[
            ("csrf", &pcc_csrf),
            ("action", "revise"),
            ("idva_fte", "8"),
            ("idva_high_risk_fte", "6.5"),
            ("reason", "a hospital Idva not listed"),
        ],
    );
    assert_eq!(page.status, 303, "{}", page.body);
    let area_review = reviews::for_cycle(&mut conn, cycle.id)
        .unwrap()
        .into_iter()
        .find(|r| r.status == ReviewStatus::Pending && r.service_id.is_none())
        .expect("a pending area revision");
    let page = team.post(
        &format!("/admin/cycles/2017/reviews/{}", area_review.id),
        &[("csrf", &csrf), ("decision", "accept"), ("reason", "")],
    );
    assert_eq!(page.status, 303, "{}", page.body);
    let adjusted = area_view::provisional(&platform, &mut conn, &cycle, "E23000032").unwrap();
    assert_eq!((adjusted.idva_fte, adjusted.idva_high_risk_fte), (8.0, 6.5));
    let out = draft_2017(&db);
    let coverage = std::fs::read_to_string(out.join("tables/pfa-coverage.csv")).unwrap();
    let kent_row = coverage.lines().find(|l| l.contains("Kent")).unwrap();
    assert!(
        kent_row.starts_with("E23000032,Kent,South East,2,8,7,"),
        "two services, 8 FTE, 6.5 high-risk shown as 7: {kent_row}"
    );

    // Admins can read and export the audit log.
    let csv = team.get("/admin/audit.csv").body;
    assert!(
        csv.contains("review.accepted")
            && csv.contains("access.denied")
            && csv.contains("account.invited"),
        "{csv}"
    );
}

/// Writes `rows` under `header` to a file in the test's folder and runs `command` on it.
fn import_file(db: &TestDb, command: &str, year: &str, header: &str, rows: &str) {
    let file = db.folder().join(format!("{command}-{year}.csv"));
    std::fs::write(&file, format!("{header}{rows}")).unwrap();
    let (ok, out, err) = frontline(&db.url, &[command, "--cycle", year, file.to_str().unwrap()]);
    assert!(ok, "{command}: {out}{err}");
}

#[test]
fn a_silent_service_without_earlier_figures_is_imputed_from_its_class_and_labelled_everywhere() {
    let db = TestDb::new();
    // 2016: Medway Outreach answered, so in 2017 it is rolled forward, never imputed.
    let (ok, out) = import(
        &db,
        "2016",
        "Medway Outreach,Kent,1,2,2,1.5,,,,,,,,,survey\n",
    );
    assert!(ok, "{out}");
    // 2017: three Kent advocacy services answered — the donors.
    let (ok, out) = import(
        &db,
        "2017",
        "Kent Idva,Kent,1,4,3.5,2.5,,,,,,,,,survey\n\
         Dover Idva,Kent,1,2,1.5,1,,,,,,,,,survey\n\
         Ashford Idva,Kent,1,6,5,3.5,,,,,,,,,survey\n",
    );
    assert!(ok, "{out}");
    // Three silent services known to 2017 by their profiles: Weald (Kent, like the donors),
    // Fell Refuge (Cumbria: nobody of its class answered) and Marsh (no funding recorded).
    let platform = db.platform();
    let cycle = {
        let mut conn = platform.conn().unwrap();
        let cycle = cycles::by_year(&mut conn, 2017).unwrap();
        let kent = vec!["E23000032".to_string()];
        let cumbria = vec!["E23000002".to_string()];
        let silent = [
            ("Weald Advocacy", &kent),
            ("Fell Refuge", &cumbria),
            ("Marsh Advocacy", &kent),
        ];
        for (name, areas) in silent {
            services::find_or_create(&mut conn, name, name, areas).unwrap();
        }
        for (name, offers) in [
            ("Kent Idva", "idva"),
            ("Dover Idva", "idva"),
            ("Ashford Idva", "idva"),
            ("Weald Advocacy", "advocacy"),
            ("Fell Refuge", "refuge"),
            ("Marsh Advocacy", "idva"),
        ] {
            let answers = format!(r#"{{"services_offered": ["{offers}"]}}"#);
            profiles::put(
                &mut conn,
                profiles::Write {
                    cycle_id: cycle.id,
                    service_id: id_of(&db, name),
                    schema_version: "service-profile-2027@1",
                    answers: &answers,
                    source: ProfileSource::Staff,
                    carried_from_year: None,
                    by: "team@example.org",
                },
            )
            .unwrap();
        }
        cycle
    };
    import_file(
        &db,
        "import-funding",
        "2017",
        "service,funder_type,funder,kind,role,start,end,annual_amount,core_costs_covered,ring_fenced\n",
        "Kent Idva,pcc,Kent PCC,grant,sole,2017-04-01,2018-03-31,150000,yes,no\n\
         Dover Idva,pcc,Kent PCC,grant,sole,2017-04-01,2018-03-31,210000,yes,no\n\
         Ashford Idva,pcc,Kent PCC,grant,sole,2017-04-01,2018-03-31,240000,yes,no\n\
         Ashford Idva,pcc,Kent PCC,grant,sole,2014-04-01,2017-03-31,900000,yes,no\n\
         Weald Advocacy,pcc,Kent PCC,grant,sole,2017-04-01,2018-03-31,120000,yes,no\n\
         Fell Refuge,local_authority,Cumbria County Council,grant,sole,2017-04-01,2018-03-31,50000,yes,no\n",
    );

    support::create_team_account(&db.url, "team@example.org", PASSWORD);
    let server = Server::start(&db.url, &[]);
    let team = Browser::new(&server.base);
    let csrf = team.sign_in("team@example.org", PASSWORD);
    let page = team.get("/admin/cycles/2017/estimates").body;
    // Weald: £120,000 of the donors' £600,000 live when fieldwork closed (Ashford's grant that
    // ended in March counts for nothing) → a fifth of their 10 Idva FTE, 7 high-risk FTE and
    // 12 people: 2 FTE, 1.4 high-risk, 2 people (2.4 rounded half up).
    assert!(page.contains("2.0 FTE Idvas, 1.4 high-risk"), "{page}");
    assert!(
        page.contains("from 3 answering services of its class"),
        "{page}"
    );
    assert!(
        page.contains("Fewer than 3 services of its class answered"),
        "{page}"
    );
    assert!(
        page.contains("no funding live when fieldwork closed"),
        "{page}"
    );
    assert!(page.contains("Impute figures for 1 service"), "{page}");
    assert!(
        !page.contains("Medway Outreach</th>"),
        "rolled forward, not imputed"
    );

    let done = team.post("/admin/cycles/2017/impute", &[("csrf", &csrf)]);
    assert_eq!(done.status, 303, "{}", done.body);
    let again = team.post("/admin/cycles/2017/impute", &[("csrf", &csrf)]);
    assert_eq!(again.status, 422, "nothing is imputed twice");
    // The page's list, kept for the data's revision, moved with the imputation.
    let after = team.get("/admin/cycles/2017/estimates").body;
    assert!(!after.contains("Impute figures for"), "{after}");
    let weald = id_of(&db, "Weald Advocacy");
    let mut conn = platform.conn().unwrap();
    let estimates = est::for_cycle(&platform, &mut conn, cycle.id).unwrap();
    let imputed = estimates
        .iter()
        .find(|e| e.service_id == i64::from(weald))
        .expect("Weald has figures now");
    assert_eq!(imputed.provenance.kind, Given::Imputed);
    assert_eq!(imputed.figures.role("idva").fte, 2.0);
    assert_eq!(imputed.figures.role("idva").people, 2.0);
    assert_eq!(imputed.figures.idva_high_risk_fte, 1.4);
    let events = audit::for_entity(&mut conn, "service", &weald.to_string()).unwrap();
    assert_eq!(events[0].action, "estimate.imputed");
    assert_eq!(events[0].actor, "team@example.org");

    // Labelled in every output: CSV, HTML, workbook, map and GeoJSON.
    let out = draft_2017(&db);
    let read = |path: &str| std::fs::read_to_string(out.join(path)).unwrap();
    let coverage = read("tables/pfa-coverage.csv");
    let kent = coverage
        .lines()
        .find(|l| l.starts_with("E23000032,"))
        .expect("Kent's row");
    // Kent: 2.5 + 1 + 3.5 + 1.4 = 8.4 high-risk FTE, of which 1.4 imputed (shown whole: 1).
    let cells: Vec<&str> = kent.split(',').collect();
    assert_eq!(cells[5], "8", "{kent}");
    assert_eq!(cells[8], "1", "{kent}");
    assert!(
        coverage
            .contains("coverage_pct,imputed_fte_idvas_high_risk,coverage_pct_without_imputed\n"),
        "{coverage}"
    );
    let appendix = read("tables/rolled-forward.csv");
    assert!(
        appendix.contains("Weald Advocacy")
            && appendix
                .contains("imputed: ratio to annual funding of the answering advocacy services"),
        "{appendix}"
    );
    assert!(read("tables/pfa-coverage.html").contains("Of which imputed (FTE)"));
    assert!(read("index.html")
        .contains("The figures of 1 service were not given directly this year and are listed in the appendix (imputed)."));
    let map = read("maps/idva-coverage.svg");
    assert!(
        map.contains("Kent: ") && map.contains("(includes imputed figures)"),
        "the map marks Kent"
    );
    let geojson = read("coverage.geojson");
    assert!(geojson.contains("\"coverage_pct_without_imputed\""));
    use calamine::Reader;
    let workbook = std::fs::read_dir(&out)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "xlsx"))
        .expect("a workbook");
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&workbook).expect("opens");
    let labelled = book.sheet_names().into_iter().any(|name| {
        book.worksheet_range(&name)
            .map(|r| {
                r.cells()
                    .any(|(_, _, c)| c.to_string().contains("imputed: ratio"))
            })
            .unwrap_or(false)
    });
    assert!(labelled, "the workbook's appendix says imputed");

    // Rolled forward into 2018, an imputed figure stays labelled imputed.
    let (ok, out) = import(&db, "2018", "Kent Idva,Kent,1,4,3.5,2.5,,,,,,,,,survey\n");
    assert!(ok, "{out}");
    roll_forward::decide(
        &platform,
        &mut conn,
        2018,
        weald,
        Decision::RollForward,
        "team@example.org",
    )
    .unwrap();
    let next = cycles::by_year(&mut conn, 2018).unwrap();
    let carried = est::for_cycle(&platform, &mut conn, next.id).unwrap();
    let weald_2018 = carried
        .iter()
        .find(|e| e.service_id == i64::from(weald))
        .expect("rolled forward");
    assert_eq!(weald_2018.provenance.kind, Given::Imputed);
}
