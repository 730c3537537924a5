//! Foundation: migrations, reference geography, multi-area services, configuration errors and
//! the served home page — on whichever backend `FRONTLINE_TEST_BACKEND` names.

mod support;

use frontline_web::db::run_pending_migrations;
use frontline_web::store::{audit, geography, revision, services};
use support::{backend, frontline, Server, TestDb};

#[test]
fn migrations_apply_to_an_empty_database_and_are_idempotent_on_start_up() {
    let db = TestDb::new();
    let first = db.platform();
    let mut conn = first.conn().unwrap();
    assert!(
        run_pending_migrations(&mut conn).unwrap().is_empty(),
        "second run applies nothing"
    );
    drop(conn);
    drop(first);
    // A second start-up on the same database succeeds and changes nothing.
    let second = db.platform();
    let mut conn = second.conn().unwrap();
    assert!(run_pending_migrations(&mut conn).unwrap().is_empty());
    assert_eq!(geography::load(&mut conn).unwrap().areas().len(), 43);
    let (ok, stdout, _) = frontline(&db.url, &["migrate"]);
    assert!(ok);
    assert!(stdout.contains("is up to date"), "{stdout}");
}

#[test]
fn the_43_areas_and_10_regions_load_with_populations() {
    let db = TestDb::new();
    let platform = db.platform();
    let mut conn = platform.conn().unwrap();
    let geo = geography::load(&mut conn).unwrap();
    assert_eq!(geo.areas().len(), 43);
    assert_eq!(geography::region_count(&mut conn).unwrap(), 10);
    let regions: std::collections::BTreeSet<_> =
        geo.areas().iter().map(|a| a.region.clone()).collect();
    assert_eq!(regions.len(), 10);
    assert!(geo.areas().iter().all(|a| a.adult_females > 0));
    let met = geo.find("E23000001").unwrap();
    assert_eq!(
        (met.name.as_str(), met.region.as_str()),
        ("Metropolitan Police", "London")
    );
    let wales: Vec<_> = geo.areas().iter().filter(|a| a.region == "Wales").collect();
    assert_eq!(wales.len(), 4);
    assert!(wales.iter().all(|a| a.code.starts_with("W15")));
}

#[test]
fn a_service_covering_several_areas_round_trips() {
    let db = TestDb::new();
    let platform = db.platform();
    let mut conn = platform.conn().unwrap();
    let areas = vec![
        "E23000006".to_string(),
        "E23000004".to_string(),
        "E23000010".to_string(),
    ];
    let created = services::create(
        &mut conn,
        "Harbour Trust",
        "Cross-border Idva Service",
        &areas,
    )
    .unwrap();
    let read = services::get(&mut conn, created.id).unwrap();
    assert_eq!(read.organisation, "Harbour Trust");
    assert_eq!(read.name, "Cross-border Idva Service");
    assert_eq!(read.areas, vec!["E23000004", "E23000006", "E23000010"]);
    assert_eq!(services::all(&mut conn).unwrap(), vec![read]);
}

#[derive(diesel::QueryableByName)]
struct Named {
    #[diesel(sql_type = diesel::sql_types::Text)]
    name: String,
}

/// The tables of the schema, and those with the revision triggers.
fn tables_and_counted(conn: &mut frontline_web::db::DbConnection) -> (Vec<String>, Vec<String>) {
    use diesel::RunQueryDsl;
    let (tables, triggered) = if backend() == "postgres" {
        (
            "SELECT table_name AS name FROM information_schema.tables \
             WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'",
            "SELECT DISTINCT c.relname AS name FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid \
             WHERE t.tgname LIKE '%_revision' AND NOT t.tgisinternal",
        )
    } else {
        (
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
            "SELECT tbl_name AS name FROM sqlite_master WHERE type = 'trigger' \
             AND name LIKE '%_revision_%' GROUP BY tbl_name HAVING count(*) = 3",
        )
    };
    let names = |sql: &str, conn: &mut frontline_web::db::DbConnection| -> Vec<String> {
        let rows: Vec<Named> = diesel::sql_query(sql).load(conn).unwrap();
        rows.into_iter().map(|r| r.name).collect()
    };
    (names(tables, conn), names(triggered, conn))
}

#[test]
fn every_table_but_activity_moves_the_data_revision_on_commit_only() {
    let db = TestDb::new();
    let platform = db.platform();
    let mut conn = platform.conn().unwrap();
    let (tables, counted) = tables_and_counted(&mut conn);
    let uncounted: Vec<&String> = tables
        .iter()
        .filter(|t| !counted.contains(t))
        .filter(|t| !revision::UNCOUNTED_TABLES.contains(&t.as_str()))
        .filter(|t| !["data_revision", "__diesel_schema_migrations"].contains(&t.as_str()))
        .collect();
    assert!(
        uncounted.is_empty(),
        "tables without the data-revision triggers (add them in the table's migration): {uncounted:?}"
    );
    assert!(
        tables.len() > 40 && counted.len() + 5 < tables.len(),
        "{tables:?}"
    );

    let before = revision::current(&mut conn).unwrap();
    services::create(
        &mut conn,
        "Harbour Trust",
        "Idva Service",
        &["E23000032".into()],
    )
    .unwrap();
    let after = revision::current(&mut conn).unwrap();
    assert!(
        after > before,
        "a new service moves the revision: {before} → {after}"
    );

    // A change rolled back moves nothing; activity (the audit log) moves nothing.
    let rolled_back: Result<(), frontline_web::store::error::StoreError> =
        frontline_web::db::transaction(&mut conn, |conn| {
            services::create(conn, "Harbour Trust", "Outreach", &["E23000032".into()])?;
            Err(frontline_web::store::error::StoreError::invalid(
                "test",
                "roll back",
            ))
        });
    assert!(rolled_back.is_err());
    audit::record(
        &mut conn,
        audit::Change {
            actor: "test",
            action: "looked",
            entity: "service",
            entity_id: "1".into(),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(revision::current(&mut conn).unwrap(), after);
    // Starting again (which checks the reference geography) changes no data.
    drop(conn);
    let again = db.platform();
    assert_eq!(
        revision::current(&mut again.conn().unwrap()).unwrap(),
        after
    );
}

#[test]
fn a_service_must_cover_an_area_and_the_error_says_so() {
    let db = TestDb::new();
    let platform = db.platform();
    let mut conn = platform.conn().unwrap();
    let err = services::create(&mut conn, "Org", "Nowhere Service", &[]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "areas: service 'Nowhere Service' must cover at least one police force area"
    );
    assert_eq!(
        services::count(&mut conn).unwrap(),
        0,
        "nothing half-stored"
    );
}

fn assert_one_line_error(url: &str, expected: &str) {
    let (ok, _, stderr) = frontline(url, &["migrate"]);
    assert!(!ok, "{url} should fail");
    let lines: Vec<&str> = stderr.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines.len(), 1, "one line for {url}, got: {stderr}");
    assert!(lines[0].starts_with("frontline: "), "{stderr}");
    assert!(
        lines[0].contains(expected),
        "expected '{expected}' in: {stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn bad_configuration_ends_with_a_one_line_error() {
    // No server listening: the error says so, naming the host and port to check.
    assert_one_line_error(
        "postgres://postgres@127.0.0.1:5999/frontline",
        "Connection refused",
    );
    assert_one_line_error(
        "postgres://postgres@127.0.0.1:5999/frontline",
        "check that PostgreSQL is running and accepts connections at 127.0.0.1:5999",
    );
    assert_one_line_error(
        "postgres://postgres@127.0.0.1:1/test",
        "cannot connect to PostgreSQL at postgres://postgres@127.0.0.1:1/test",
    );
    assert_one_line_error(
        "postgres://postgres@127.0.0.1:notaport/test",
        "cannot connect to PostgreSQL",
    );
    assert_one_line_error(
        "mysql://root@127.0.0.1/test",
        "scheme 'mysql' is not supported",
    );
    assert_one_line_error(
        "/no/such/folder/frontline.db",
        "cannot create SQLite database /no/such/folder/frontline.db: folder /no/such/folder does not exist",
    );
    assert_one_line_error(
        "/etc/hostname/frontline.db",
        "/etc/hostname is not a folder",
    );
    let (ok, _, stderr) = frontline("", &["migrate"]);
    assert!(!ok && stderr.contains("DATABASE_URL is empty"), "{stderr}");
}

#[test]
fn serve_with_demo_shows_the_demo_cycle_on_the_home_page() {
    let db = TestDb::new();
    let server = Server::start(&db.url, &["--demo"]);
    let (status, home) = server.get("/");
    assert_eq!(status, 200);
    // Only released publications are public: 2016 is, 2017 (frozen) and 2018 (in fieldwork) not.
    assert!(home.contains("Practitioner survey 2016"), "{home}");
    assert!(!home.contains("2017") && !home.contains("2018"), "{home}");
    assert!(home.contains("43 police force areas in 10 regions"));
    // Hardening: a content security policy with no inline script, and oversized bodies refused.
    let response = reqwest::blocking::get(format!("{}/", server.base)).unwrap();
    let csp = response.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        csp.contains("script-src 'self'") && !csp.contains("script-src 'self' 'unsafe-inline'"),
        "{csp}"
    );
    let huge = reqwest::blocking::Client::new()
        .post(format!("{}/login", server.base))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(vec![b'a'; 3 * 1024 * 1024])
        .send()
        .unwrap();
    assert_eq!(huge.status().as_u16(), 413);
    let (status, health) = server.get("/healthz");
    assert_eq!(status, 200);
    let expected = if backend() == "postgres" {
        "PostgreSQL"
    } else {
        "SQLite"
    };
    assert!(health.contains(expected), "{health}");
    // Fieldwork progress is for the survey team: the public is sent to sign in.
    let public = support::web::Browser::new(&server.base);
    assert_eq!(
        public.get("/cycles/2017").location.as_deref(),
        Some("/login")
    );
    public.sign_in("admin@example.org", "frontline-demo");
    let cycle = public.get("/cycles/2017");
    assert_eq!(cycle.status, 200);
    assert!(cycle.body.contains("no response"));
    // An error is a page in the site's layout: language, title, a main landmark and a heading.
    let missing = public.get("/cycles/1999");
    assert_eq!(missing.status, 404);
    for part in [
        "<html lang=\"en-GB\">",
        "<title>Page not found – Frontline</title>",
        "<main id=\"main\">",
        "<h1>Page not found</h1>",
        "Survey cycle 1999 not found.",
        "<a href=\"/\">",
    ] {
        assert!(missing.body.contains(part), "{part}: {}", missing.body);
    }
}

#[test]
fn the_demo_is_deterministic_and_refuses_to_run_twice() {
    let a = TestDb::new();
    let b = TestDb::new();
    let (ok_a, out_a, err_a) = frontline(&a.url, &["demo"]);
    let (ok_b, out_b, _) = frontline(&b.url, &["demo"]);
    assert!(ok_a && ok_b, "{err_a}");
    assert_eq!(out_a, out_b, "same seed, same demo");
    assert!(out_a.contains("in 43 police force areas"), "{out_a}");
    let (ok, _, stderr) = frontline(&a.url, &["demo"]);
    assert!(!ok);
    assert!(stderr.contains("already has a 2017 cycle"), "{stderr}");
}

#[test]
fn a_generated_deployment_has_every_part_and_needs_an_empty_database() {
    use diesel::RunQueryDsl;
    let db = TestDb::new();
    let small = [
        "generate-deployment",
        "--years",
        "2",
        "--services",
        "60",
        "--quarters",
        "2",
        "--accounts",
        "45",
        "--feedback",
        "30",
    ];
    let (ok, out, err) = frontline(&db.url, &small);
    assert!(ok, "{err}");
    assert!(
        out.contains("60 services") && out.contains("30 feedback responses"),
        "{out}"
    );
    assert!(
        out.contains("2016:") && out.contains("released") && out.contains("frozen"),
        "{out}"
    );
    let platform = db.platform();
    let mut conn = platform.conn().unwrap();
    #[derive(diesel::QueryableByName)]
    struct Count {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    let mut count = |sql: &str| -> i64 {
        let rows: Vec<Count> = diesel::sql_query(sql).load(&mut conn).unwrap();
        rows[0].n
    };
    assert_eq!(count("SELECT count(*) AS n FROM services"), 60);
    assert_eq!(
        count("SELECT count(*) AS n FROM accounts"),
        46,
        "45 and the coder"
    );
    assert_eq!(count("SELECT count(*) AS n FROM vfs_returns"), 120);
    assert_eq!(count("SELECT count(*) AS n FROM grants"), 12);
    assert_eq!(
        count("SELECT count(*) AS n FROM releases"),
        1,
        "all but the latest released"
    );
    assert!(count("SELECT count(*) AS n FROM responses") > 90);
    assert!(count("SELECT count(*) AS n FROM codings") > 100);
    // Only into an empty database: a second run changes nothing.
    let (ok, _, err) = frontline(&db.url, &small);
    assert!(!ok && err.contains("already has survey cycles"), "{err}");
    let rows: Vec<Count> = diesel::sql_query("SELECT count(*) AS n FROM services")
        .load(&mut platform.conn().unwrap())
        .unwrap();
    assert_eq!(rows[0].n, 60);
}

#[test]
fn the_audit_log_is_read_by_event_newest_first_whatever_its_length() {
    let db = TestDb::new();
    let platform = db.platform();
    let mut conn = platform.conn().unwrap();
    let before = audit::action_kinds(&mut conn).unwrap();
    for n in 0..120 {
        let action = if n % 3 == 0 {
            "grant.noted"
        } else {
            "service.looked"
        };
        audit::record(
            &mut conn,
            audit::Change {
                actor: "reader@example.org",
                action,
                entity: "service",
                entity_id: n.to_string(),
                ..Default::default()
            },
        )
        .unwrap();
    }
    let mine = audit::Filter {
        text: "reader@".into(),
        action: String::new(),
    };
    let ids = |w: &audit::Window| {
        w.events
            .iter()
            .map(|e| e.entity_id.clone())
            .collect::<Vec<_>>()
    };
    let newest = audit::window(&mut conn, &mine, audit::Cursor::Newest, 50).unwrap();
    assert_eq!(ids(&newest).first().map(String::as_str), Some("119"));
    assert_eq!(newest.events.len(), 50);
    assert_eq!(newest.newer_than, None, "nothing is newer than the newest");
    let older_than = newest.older_than.expect("older events");
    let middle = audit::window(&mut conn, &mine, audit::Cursor::Before(older_than), 50).unwrap();
    assert_eq!(ids(&middle).first().map(String::as_str), Some("69"));
    let last = audit::window(
        &mut conn,
        &mine,
        audit::Cursor::Before(middle.older_than.expect("older still")),
        50,
    )
    .unwrap();
    assert_eq!(last.events.len(), 20);
    assert_eq!(ids(&last).last().map(String::as_str), Some("0"));
    assert_eq!(last.older_than, None, "nothing is older than the first");
    // Back towards the newest: the same events as on the way down, newest first.
    let back = audit::window(
        &mut conn,
        &mine,
        audit::Cursor::After(last.newer_than.expect("newer events")),
        50,
    )
    .unwrap();
    assert_eq!(ids(&back), ids(&middle));
    // New events arriving do not shift a window that starts at an event.
    audit::record(
        &mut conn,
        audit::Change {
            actor: "reader@example.org",
            action: "service.looked",
            entity: "service",
            entity_id: "120".into(),
            ..Default::default()
        },
    )
    .unwrap();
    let again = audit::window(&mut conn, &mine, audit::Cursor::Before(older_than), 50).unwrap();
    assert_eq!(ids(&again), ids(&middle));
    // A kind of action, and the kinds listed for the filter.
    let grants = audit::Filter {
        text: String::new(),
        action: "grant.".into(),
    };
    let noted = audit::window(&mut conn, &grants, audit::Cursor::Newest, 500).unwrap();
    assert_eq!(noted.events.len(), 40);
    assert!(noted.events.iter().all(|e| e.action == "grant.noted"));
    // A kind given as older links gave it, with its dot, and text in another case.
    let dotted = audit::Filter {
        text: "READER@".into(),
        action: "grant.".into(),
    };
    let again = audit::window(&mut conn, &dotted, audit::Cursor::Newest, 500).unwrap();
    assert_eq!(again.events.len(), 40, "any case, on every backend");
    // An action without a dot is a kind of its own.
    audit::record(
        &mut conn,
        audit::Change {
            actor: "reader@example.org",
            action: "import_published_figures",
            entity: "cycle",
            entity_id: "2015".into(),
            ..Default::default()
        },
    )
    .unwrap();
    let undotted = audit::Filter {
        text: String::new(),
        action: "import_published_figures".into(),
    };
    let imported = audit::window(&mut conn, &undotted, audit::Cursor::Newest, 50).unwrap();
    assert_eq!(imported.events.len(), 1);
    let shouted = audit::Filter {
        text: String::new(),
        action: "GRANT".into(),
    };
    let noted = audit::window(&mut conn, &shouted, audit::Cursor::Newest, 500).unwrap();
    assert_eq!(
        noted.events.len(),
        40,
        "a kind in capitals, alike on every backend"
    );
    // Text typed as stored is found, whatever letters it has.
    audit::record(
        &mut conn,
        audit::Change {
            actor: "Zoë.ÉLISE@example.org",
            action: "service.looked",
            entity: "service",
            entity_id: "ÅRHUS-1".into(),
            reason: Some("Überprüfung der Zahlen".into()),
            ..Default::default()
        },
    )
    .unwrap();
    for typed in ["ÉLISE", "ÅRHUS", "Überprüfung", "zoë"] {
        let found = audit::Filter {
            text: typed.into(),
            action: String::new(),
        };
        let window = audit::window(&mut conn, &found, audit::Cursor::Newest, 50).unwrap();
        assert_eq!(window.events.len(), 1, "{typed}");
    }
    let kinds = audit::action_kinds(&mut conn).unwrap();
    assert!(kinds.contains(&"grant".to_string()) && kinds.contains(&"service".to_string()));
    assert!(kinds.contains(&"import_published_figures".to_string()));
    assert!(
        before.iter().all(|k| kinds.contains(k)),
        "{before:?} {kinds:?}"
    );
    let mut sorted = kinds.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(kinds, sorted, "each kind once, in order");
}

#[test]
fn a_second_connection_is_lent_beside_one_only_outside_a_transaction() {
    let db = TestDb::new();
    let platform = db.platform();
    let mut conn = platform.conn().unwrap();
    assert!(!frontline_web::db::in_transaction(&mut conn));
    assert!(platform.spare_conn_beside(&mut conn).is_some());
    let inside: Result<(bool, bool), frontline_web::store::error::StoreError> =
        frontline_web::db::transaction(&mut conn, |conn| {
            Ok((
                frontline_web::db::in_transaction(conn),
                platform.spare_conn_beside(conn).is_some(),
            ))
        });
    assert_eq!(inside.unwrap(), (true, false), "none inside a transaction");
    assert!(
        !frontline_web::db::in_transaction(&mut conn),
        "and after it"
    );
}
