//! Survivors' feedback: a response leaves nothing that identifies who sent it or on what device —
//! not in the database, not in the log, not in a cookie; "Exit this page" works without script;
//! programs are turned away without tracking anyone; a service below the threshold sees nothing
//! of its feedback, and its results appear once enough people have answered.

mod support;

use diesel::prelude::*;
use diesel::sql_types::{Nullable, Text};
use frontline_voice::{Feedback, Language, Outcome, OutcomeAnswer, SupportKind, SupportReport};
use frontline_web::store::states::Role;
use frontline_web::store::{accounts, feedback, services};
use reqwest::blocking::Client;
use reqwest::header::{HeaderMap, HeaderValue};
use reqwest::redirect::Policy;
use support::web::Browser;
use support::webdriver::{self, Chrome};
use support::{backend, frontline, frontline_with_env, Server, TestDb};

const KENT: &str = "E23000032";
const SURREY: &str = "E23000031";
const PASSWORD: &str = "a long test password";
/// What a person's device would give away, sent with every request.
const AGENT: &str = "TraceableAgent/7.3 (survivor's phone)";
const ADDRESS: &str = "203.0.113.77";
const COOKIE: &str = "tracker=c0ffee";

/// A Kent service with a feedback link made on the command line; its token and the QR code.
fn service_with_link(db: &TestDb) -> (i32, String, String) {
    let (ok, out, err) = frontline(&db.url, &["migrate"]);
    assert!(ok, "{out}{err}");
    let platform = db.platform();
    let mut conn = platform.conn().expect("connection");
    let service = services::create(
        &mut conn,
        "Harbour Trust",
        "Harbour Advocacy",
        &[KENT.into()],
    )
    .expect("service");
    let qr = db.folder().join("card.svg");
    let (ok, out, err) = frontline_with_env(
        &db.url,
        &[
            "feedback-link",
            "--service",
            "Harbour Trust – Harbour Advocacy",
            "--qr",
            &qr.display().to_string(),
            "--by",
            "team@example.org",
        ],
        &[(
            "FRONTLINE_PUBLIC_URL",
            "https://feedback.example.org".into(),
        )],
    );
    assert!(ok, "{out}{err}");
    let url = out.trim();
    let token = url
        .strip_prefix("https://feedback.example.org/feedback/")
        .unwrap_or_else(|| panic!("a feedback URL, not {url}"));
    assert_eq!(token.len(), 64, "an unguessable token: {url}");
    let svg = std::fs::read_to_string(&qr).expect("the QR code is written");
    assert!(svg.contains("<svg"), "an SVG drawing");
    (service.id, token.to_string(), url.to_string())
}

/// A client that sends what a device gives away: a user agent, an address, a cookie.
fn device() -> Client {
    let mut headers = HeaderMap::new();
    headers.insert("X-Forwarded-For", HeaderValue::from_static(ADDRESS));
    headers.insert("Cookie", HeaderValue::from_static(COOKIE));
    Client::builder()
        .user_agent(AGENT)
        .default_headers(headers)
        .redirect(Policy::none())
        .build()
        .expect("client")
}

fn stamp_in(html: &str) -> String {
    let marker = "name=\"started\" value=\"";
    let start = html.find(marker).expect("the form's stamp") + marker.len();
    html[start..].chars().take_while(|c| *c != '"').collect()
}

/// Every value of every table, as text.
fn everything_stored(db: &TestDb) -> String {
    #[derive(QueryableByName)]
    struct Name {
        #[diesel(sql_type = Text)]
        name: String,
    }
    #[derive(QueryableByName)]
    struct Dump {
        #[diesel(sql_type = Nullable<Text>)]
        text: Option<String>,
    }
    let mut all = String::new();
    if backend() == "postgres" {
        let mut conn = diesel::PgConnection::establish(&db.url).expect("PostgreSQL");
        let tables: Vec<Name> = diesel::sql_query(
            "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'",
        )
        .load(&mut conn)
        .expect("tables");
        for t in tables {
            let sql = format!(
                "SELECT string_agg(t::text, E'\\n') AS text FROM \"{}\" t",
                t.name
            );
            let dump: Vec<Dump> = diesel::sql_query(sql).load(&mut conn).expect("rows");
            all.extend(dump.into_iter().filter_map(|d| d.text));
        }
    } else {
        let mut conn = diesel::SqliteConnection::establish(&db.url).expect("SQLite");
        let tables: Vec<Name> =
            diesel::sql_query("SELECT name FROM sqlite_master WHERE type = 'table'")
                .load(&mut conn)
                .expect("tables");
        for t in tables {
            let columns: Vec<Name> =
                diesel::sql_query(format!("SELECT name FROM pragma_table_info('{}')", t.name))
                    .load(&mut conn)
                    .expect("columns");
            let row = columns
                .iter()
                .map(|c| format!("coalesce(CAST(\"{}\" AS TEXT), '')", c.name))
                .collect::<Vec<_>>()
                .join(" || '|' || ");
            let sql = format!(
                "SELECT group_concat({row}, char(10)) AS text FROM \"{}\"",
                t.name
            );
            let dump: Vec<Dump> = diesel::sql_query(sql).load(&mut conn).expect("rows");
            all.extend(dump.into_iter().filter_map(|d| d.text));
        }
    }
    all
}

#[test]
fn a_response_leaves_no_trace_of_who_sent_it() {
    let db = TestDb::new();
    let (service, token, _) = service_with_link(&db);
    let log = db.folder().join("server.log");
    let server = Server::start_logging_with_env(
        &db.url,
        &log,
        &[("FRONTLINE_FEEDBACK_MIN_SECONDS", "1".into())],
    );
    let client = device();
    let form_url = format!("{}/feedback/{token}", server.base);

    let page = client.get(&form_url).send().expect("the form");
    assert_eq!(page.status(), 200);
    assert!(
        page.headers().get("set-cookie").is_none(),
        "no cookie is set"
    );
    let html = page.text().expect("html");
    assert!(
        html.contains("Harbour Trust – Harbour Advocacy"),
        "the service is named"
    );
    assert!(
        html.contains(r#"href="/feedback/exit""#) && html.contains("Exit this page"),
        "the quick exit is a plain link"
    );
    assert!(
        !html.contains("http://") || html.contains("https://www.bbc.co.uk/weather"),
        "nothing loaded from elsewhere"
    );
    let welsh = client
        .get(format!("{form_url}?lang=cy"))
        .send()
        .expect("Welsh")
        .text()
        .expect("html");
    assert!(welsh.contains(r#"<html lang="cy">"#) && welsh.contains("Gadael y dudalen hon"));

    std::thread::sleep(std::time::Duration::from_millis(1_200));
    let sent = client
        .post(&form_url)
        .form(&[
            ("lang", "cy"),
            ("started", stamp_in(&html).as_str()),
            ("website", ""),
            ("outcome.feel_safer", "yes"),
            ("support.counselling", "wanted_not_got"),
            ("helped", "Cael fy nghredu"),
            ("age", "prefer_not"),
        ])
        .send()
        .expect("send");
    assert_eq!(sent.status(), 303, "{:?}", sent.text());
    assert!(
        sent.headers().get("set-cookie").is_none(),
        "no cookie is set"
    );
    let thanks = sent.headers()["location"]
        .to_str()
        .expect("location")
        .to_string();
    assert_eq!(thanks, format!("/feedback/{token}/thanks?lang=cy"));
    let done = client
        .get(format!("{}{thanks}", server.base))
        .send()
        .expect("thanks");
    assert!(done.headers().get("set-cookie").is_none());
    assert!(done.text().expect("html").contains("Diolch"));

    let stored =
        feedback::of_service(&mut db.platform().conn().expect("conn"), service).expect("stored");
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].language, Language::Welsh);
    assert_eq!(
        stored[0].feedback.outcomes[&Outcome::FeelSafer],
        OutcomeAnswer::Yes
    );
    assert_eq!(
        stored[0].month,
        feedback::this_month(),
        "dated by the month only"
    );

    let everything = everything_stored(&db);
    assert!(
        everything.contains("Cael fy nghredu"),
        "the dump reads the answers"
    );
    for trace in [ADDRESS, "TraceableAgent", "c0ffee", "127.0.0.1"] {
        assert!(!everything.contains(trace), "the database holds '{trace}'");
    }
    drop(server);
    let logged = std::fs::read_to_string(&log).expect("log");
    assert!(
        logged.contains("/feedback/…"),
        "requests are logged, tokens masked: {logged}"
    );
    // The access log, line by line (the start-up lines name the address the server listens on).
    let requests: String = logged.lines().filter(|l| l.contains("logger")).collect();
    assert!(requests.contains("POST /feedback/… 303"), "{logged}");
    for trace in [
        ADDRESS,
        "TraceableAgent",
        "c0ffee",
        token.as_str(),
        "127.0.0.1",
    ] {
        assert!(
            !requests.contains(trace),
            "the log holds '{trace}': {logged}"
        );
    }
}

#[test]
fn the_quick_exit_leaves_without_script_and_programs_are_turned_away_untracked() {
    let db = TestDb::new();
    let (service, token, _) = service_with_link(&db);
    let server = Server::start_with_env(
        &db.url,
        &[],
        &[
            ("FRONTLINE_FEEDBACK_MIN_SECONDS", "2".into()),
            ("FRONTLINE_FEEDBACK_PER_LINK_PER_HOUR", "2".into()),
            ("FRONTLINE_EXIT_URL", "https://weather.example.org/".into()),
        ],
    );
    let browser = Browser::new(&server.base);
    let exit = browser.get("/feedback/exit");
    assert_eq!(exit.status, 303);
    assert_eq!(
        exit.location.as_deref(),
        Some("https://weather.example.org/")
    );
    let raw = reqwest::blocking::Client::builder()
        .redirect(Policy::none())
        .build()
        .expect("client")
        .get(format!("{}/feedback/exit", server.base))
        .send()
        .expect("exit");
    assert_eq!(
        raw.headers()["clear-site-data"],
        "\"cache\"",
        "Back does not show the form as it was"
    );

    let path = format!("/feedback/{token}");
    let form = browser.get(&path).body;
    let stamp = stamp_in(&form);
    let answer = |stamp: &str, honeypot: &str, feel_safer: &str| {
        browser.post(
            &path,
            &[
                ("lang", "en"),
                ("started", stamp),
                ("website", honeypot),
                ("outcome.feel_safer", feel_safer),
            ],
        )
    };
    let count = || {
        feedback::of_service(&mut db.platform().conn().expect("conn"), service)
            .expect("read")
            .len()
    };

    // Sent at once: a program. It is thanked, and nothing is kept.
    let fast = answer(&stamp, "", "yes");
    assert_eq!((fast.status, count()), (303, 0));
    std::thread::sleep(std::time::Duration::from_millis(2_200));
    // The hidden field filled in: a program too.
    let bot = answer(&stamp, "http://spam.example", "yes");
    assert_eq!((bot.status, count()), (303, 0));
    // A forged stamp: shown again to send once more, answers kept on the page.
    let forged = answer("1000.abcd", "", "yes");
    assert_eq!(forged.status, 422);
    assert!(
        forged.body.contains("press Send feedback again")
            && forged
                .body
                .contains(r#"value="yes" id="outcome.feel_safer" checked"#),
        "{}",
        forged.body
    );
    // An answer the form does not offer: named, linked to its field, nothing kept.
    let bad = answer(&stamp, "", "maybe");
    assert_eq!((bad.status, count()), (422, 0));
    assert!(
        bad.body.contains(r##"href="#outcome.feel_safer""##),
        "{}",
        bad.body
    );
    // Two people this hour, then the link rests.
    assert_eq!(answer(&stamp, "", "yes").status, 303);
    assert_eq!(answer(&stamp, "", "no").status, 303);
    let third = answer(&stamp, "", "yes");
    assert_eq!((third.status, count()), (429, 2));
    assert!(third.body.contains("try again in an hour"));

    // A withdrawn link leads nowhere.
    let platform = db.platform();
    let mut conn = platform.conn().expect("conn");
    let link = feedback::links_of(&mut conn, service).expect("links")[0].id;
    feedback::withdraw_link(&mut conn, service, link, "team@example.org").expect("withdrawn");
    assert_eq!(browser.get(&path).status, 404);
}

fn response(feel_safer: OutcomeAnswer, got: bool) -> Feedback {
    let mut f = Feedback::default();
    f.outcomes.insert(Outcome::FeelSafer, feel_safer);
    let report = if got {
        SupportReport::WantedAndGot
    } else {
        SupportReport::WantedNotGot
    };
    f.support.insert(SupportKind::Counselling, report);
    f
}

#[test]
fn a_service_sees_its_feedback_only_from_the_threshold_and_offices_only_their_areas() {
    let db = TestDb::new();
    let (service, _, _) = service_with_link(&db);
    let platform = db.platform();
    let mut conn = platform.conn().expect("conn");
    for role_email in [
        ("team@example.org", Role::Admin),
        ("kent@example.org", Role::PccReviewer),
        ("surrey@example.org", Role::PccReviewer),
    ] {
        accounts::upsert(&mut conn, role_email.0, "Test", role_email.1, PASSWORD).expect("account");
    }
    let kent = accounts::by_email(&mut conn, "kent@example.org")
        .expect("read")
        .expect("kent");
    accounts::set_areas(&mut conn, kent.id, &[KENT.to_string()]).expect("areas");
    let surrey = accounts::by_email(&mut conn, "surrey@example.org")
        .expect("read")
        .expect("surrey");
    accounts::set_areas(&mut conn, surrey.id, &[SURREY.to_string()]).expect("areas");
    for n in 0..4 {
        let f = response(OutcomeAnswer::Yes, n % 2 == 0);
        feedback::record(&mut conn, service, "2026-11", Language::English, &f).expect("kept");
    }
    let server = Server::start(&db.url, &[]);
    let team = Browser::new(&server.base);
    team.sign_in("team@example.org", PASSWORD);
    let page = format!("/admin/feedback/services/{service}");
    let below = team.get(&page);
    assert_eq!(below.status, 200);
    assert!(below.body.contains("fewer than 5"), "{}", below.body);
    assert!(below.body.contains("Results show once at least 5 people"));
    assert!(
        !below.body.contains("Feel safer"),
        "no result below the threshold"
    );

    feedback::record(
        &mut conn,
        service,
        "2026-12",
        Language::English,
        &response(OutcomeAnswer::No, false),
    )
    .expect("kept");
    let at = team.get(&page).body;
    assert!(
        at.contains("Feel safer") && at.contains("Counselling or therapy"),
        "{at}"
    );
    // Four yes and one no: the one is hidden, and so is enough beside it.
    assert!(at.contains("[c]"), "small counts suppressed: {at}");

    let office = Browser::new(&server.base);
    office.try_sign_in("kent@example.org", PASSWORD, "");
    assert_eq!(
        office.get(&page).status,
        200,
        "Kent's office sees Kent's service"
    );
    let listing = office.get("/admin/feedback").body;
    assert!(listing.contains("Harbour Trust – Harbour Advocacy"));
    let other = Browser::new(&server.base);
    other.try_sign_in("surrey@example.org", PASSWORD, "");
    assert_eq!(other.get(&page).status, 403, "Surrey's office does not");
    assert!(!other
        .get("/admin/feedback")
        .body
        .contains("Harbour Advocacy"));
}

/// A neutral page on a loopback port of its own, as the weather page "Exit this page" opens.
fn neutral_page() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("port");
    let address = listener.local_addr().expect("address");
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut stream = stream;
            let mut request = [0u8; 2048];
            let _ = std::io::Read::read(&mut stream, &mut request);
            let body = "<!DOCTYPE html><title>Weather</title><main>Sunny</main>";
            let reply = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
            let _ = std::io::Write::write_all(&mut stream, reply.as_bytes());
        }
    });
    format!("http://{address}/weather")
}

#[test]
fn with_script_the_quick_exit_replaces_the_form_in_the_history() {
    if !webdriver::available() {
        assert!(
            std::env::var("FRONTLINE_REQUIRE_BROWSER").is_err(),
            "chromium and chromedriver are required (apt-get install chromium chromium-driver)"
        );
        return;
    }
    let db = TestDb::new();
    let (_, token, _) = service_with_link(&db);
    let server = Server::start_with_env(&db.url, &[], &[("FRONTLINE_EXIT_URL", neutral_page())]);
    let chrome = Chrome::start();
    chrome.go(&format!("{}/", server.base));
    chrome.wait_for_url("/");
    chrome.go(&format!("{}/feedback/{token}", server.base));
    chrome.wait_for_url(&token);
    chrome.click("#exit-page");
    chrome.wait_for_url("/weather");
    chrome.execute("history.back(); return null;");
    // Back skips the form: it was replaced, not left behind.
    chrome.wait_for_url(&format!("{}/", server.base));
    assert!(!chrome.url().contains("/feedback/"));

    // Shift pressed three times leaves too.
    chrome.go(&format!("{}/feedback/{token}?lang=cy", server.base));
    chrome.wait_for_url("?lang=cy");
    chrome.press("\u{E008}\u{E008}\u{E008}");
    chrome.wait_for_url("/weather");
}
