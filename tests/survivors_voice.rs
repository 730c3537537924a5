//! Survivors' feedback: a response leaves nothing that identifies who sent it or on what device —
//! not in the database, not in the log, not in a cookie; "Exit this page" works without script;
//! programs are turned away without tracking anyone; a service below the threshold sees nothing
//! of its feedback, and its results appear once enough people have answered.

mod support;

use diesel::prelude::*;
use diesel::sql_types::{Nullable, Text};
use frontline_voice::service_view::{service_quarters, KeyedNoise};
use frontline_voice::{Feedback, Language, Outcome, OutcomeAnswer, SupportKind, SupportReport};
use frontline_web::store::states::Role;
use frontline_web::store::{accounts, feedback, secrets, services};
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

/// The form as Start opens it (a POST: the form is never a page of its own), in `lang`.
fn open_form(client: &Client, base: &str, token: &str, lang: &str) -> String {
    let page = client
        .post(format!("{base}/feedback/{token}/form"))
        .form(&[("lang", lang)])
        .send()
        .expect("the form");
    assert_eq!(page.status(), 200);
    assert!(
        page.headers().get("set-cookie").is_none(),
        "no cookie is set"
    );
    page.text().expect("html")
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
    let start_url = format!("{}/feedback/{token}", server.base);

    let page = client.get(&start_url).send().expect("the start page");
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
    let welsh = client
        .get(format!("{start_url}?lang=cy"))
        .send()
        .expect("Welsh")
        .text()
        .expect("html");
    assert!(welsh.contains(r#"<html lang="cy">"#) && welsh.contains("Gadael y dudalen hon"));
    // The form is only ever the answer to a POST: no browser keeps it to show again.
    let direct = client
        .get(format!("{start_url}/form"))
        .send()
        .expect("GET form");
    assert_ne!(direct.status(), 200);

    // The form in Welsh; changing language goes back to the start page, answers left behind.
    let switched = open_form(&client, &server.base, &token, "cy");
    assert!(switched.contains(r#"<html lang="cy">"#), "now in Welsh");
    assert!(
        switched.contains(&format!("{token}?lang=en")),
        "a link back to the start page"
    );
    assert!(
        !switched.contains("switch_lang"),
        "no answers travel with a change of language"
    );

    std::thread::sleep(std::time::Duration::from_millis(1_200));
    let sent = client
        .post(&start_url)
        .form(&[
            ("lang", "cy"),
            ("started", stamp_in(&switched).as_str()),
            ("contact_me_by_fax_only", ""),
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
    // The access log, line by line (the start-up lines name the address the server listens on).
    let requests: String = logged.lines().filter(|l| l.contains("logger")).collect();
    assert!(
        requests.contains("GET /healthz"),
        "requests are logged: {logged}"
    );
    for trace in [
        ADDRESS,
        "TraceableAgent",
        "c0ffee",
        token.as_str(),
        "127.0.0.1",
        "/feedback/",
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
    let raw = Client::builder()
        .redirect(Policy::none())
        .build()
        .expect("client");
    let headers = raw
        .get(format!("{}/feedback/exit", server.base))
        .send()
        .expect("exit");
    assert_eq!(headers.headers()["clear-site-data"], "\"cache\"");

    let path = format!("/feedback/{token}");
    let form = open_form(&raw, &server.base, &token, "en");
    let stamp = stamp_in(&form);
    let answer = |stamp: &str, honeypot: &str, feel_safer: &str| {
        browser.post(
            &path,
            &[
                ("lang", "en"),
                ("started", stamp),
                ("contact_me_by_fax_only", honeypot),
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
    assert!(forged.body.contains("press Send feedback again"));
    assert!(forged
        .body
        .contains(r#"value="yes" id="outcome.feel_safer" checked"#));
    // An answer the form does not offer: named, linked to its field, nothing kept.
    let bad = answer(&stamp, "", "maybe");
    assert_eq!((bad.status, count()), (422, 0));
    assert!(
        bad.body.contains(r##"href="#outcome.feel_safer""##),
        "{}",
        bad.body
    );
    // Put right and sent at once from the page shown again: a person, kept.
    assert_eq!(answer(&stamp_in(&bad.body), "", "yes").status, 303);
    assert_eq!(
        count(),
        1,
        "a form shown again is not held to the minimum time again"
    );
    // The same page sent twice (a double tap, or a replay): kept once.
    let twice = answer(&stamp_in(&bad.body), "", "yes");
    assert_eq!((twice.status, count()), (303, 1));
    // Two people this hour, then the link rests; the answers wait on the page.
    let second = open_form(&raw, &server.base, &token, "en");
    std::thread::sleep(std::time::Duration::from_millis(2_200));
    assert_eq!(answer(&stamp_in(&second), "", "no").status, 303);
    let third = open_form(&raw, &server.base, &token, "en");
    std::thread::sleep(std::time::Duration::from_millis(2_200));
    let busy = answer(&stamp_in(&third), "", "yes");
    assert_eq!((busy.status, count()), (429, 2));
    assert!(busy.body.contains("try again in an hour"));
    assert!(busy
        .body
        .contains(r#"value="yes" id="outcome.feel_safer" checked"#));

    // A withdrawn link says so, in the person's language, with the exit.
    let platform = db.platform();
    let mut conn = platform.conn().expect("conn");
    let link = feedback::links_of(&mut conn, service).expect("links")[0].id;
    feedback::withdraw_link(&mut conn, service, link, "team@example.org").expect("withdrawn");
    let gone = browser.get(&format!("{path}?lang=cy"));
    assert_eq!(gone.status, 404);
    assert!(gone.body.contains("ddolen hon yn gweithio") && gone.body.contains("exit-page"));
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

/// Dates every link of `service` from `at` (a link made today weighs no earlier quarter).
fn backdate_links(db: &TestDb, service: i32, at: &str) {
    use frontline_web::store::db::schema::feedback_links;
    let platform = db.platform();
    let mut conn = platform.conn().expect("conn");
    diesel::update(feedback_links::table.filter(feedback_links::service_id.eq(service)))
        .set(feedback_links::created_at.eq(at))
        .execute(&mut conn)
        .expect("backdated");
}

/// A month `quarters_back` quarters before this one, `YYYY-MM`.
fn finished_month(quarters_back: i32) -> String {
    let now = feedback::this_month();
    let (year, month) = now.split_once('-').expect("YYYY-MM");
    let (year, month): (i32, i32) = (year.parse().expect("year"), month.parse().expect("month"));
    let back = year * 12 + month - 1 - 3 * quarters_back;
    format!("{}-{:02}", back / 12, back % 12 + 1)
}

#[test]
fn a_service_sees_finished_quarters_as_noisy_shares_and_offices_only_their_areas() {
    let db = TestDb::new();
    let (service, _, _) = service_with_link(&db);
    let platform = db.platform();
    let mut conn = platform.conn().expect("conn");
    for (email, role) in [
        ("team@example.org", Role::Admin),
        ("kent@example.org", Role::PccReviewer),
        ("surrey@example.org", Role::PccReviewer),
    ] {
        accounts::upsert(&mut conn, email, "Test", role, PASSWORD).expect("account");
    }
    for (email, area) in [("kent@example.org", KENT), ("surrey@example.org", SURREY)] {
        let office = accounts::by_email(&mut conn, email)
            .expect("read")
            .expect("office");
        accounts::set_areas(&mut conn, office.id, &[area.to_string()]).expect("areas");
    }
    // The noise key, known here so the page can be checked against its own working-out.
    let key = secrets::get_or_create(&mut conn, "service-feedback-noise").expect("key");
    let (busy, quiet) = (finished_month(2), finished_month(3));
    let mut kept: Vec<(String, Feedback)> = Vec::new();
    for n in 0..400 {
        kept.push((
            busy.clone(),
            response(
                if n % 10 == 0 {
                    OutcomeAnswer::No
                } else {
                    OutcomeAnswer::Yes
                },
                n % 5 < 3,
            ),
        ));
    }
    kept.push((quiet.clone(), response(OutcomeAnswer::No, false)));
    // This quarter's responses wait until it ends, however many.
    for _ in 0..12 {
        kept.push((feedback::this_month(), response(OutcomeAnswer::Yes, true)));
    }
    for (month, f) in &kept {
        feedback::record(&mut conn, service, month, Language::English, f).expect("kept");
    }
    let by_month: Vec<(&str, &Feedback)> = kept.iter().map(|(m, f)| (m.as_str(), f)).collect();
    // The link was made today, so no quarter before it is weighed: as if made three quarters ago.
    let since = finished_month(3);
    backdate_links(&db, service, &format!("{since}-01T00:00:00Z"));
    let expected = service_quarters(
        i64::from(service),
        &since,
        &by_month,
        &feedback::this_month(),
        &KeyedNoise::new(key.as_bytes()),
    );
    assert!(
        expected.iter().any(|q| !q.shares.is_empty()),
        "the busy quarter shows: {expected:?}"
    );

    let server = Server::start(&db.url, &[]);
    let team = Browser::new(&server.base);
    team.sign_in("team@example.org", PASSWORD);
    let page = format!("/admin/feedback/services/{service}");
    let seen = team.get(&page).body;
    for quarter in &expected {
        assert!(seen.contains(&quarter.quarter), "{seen}");
        for (what, share) in &quarter.shares {
            assert!(
                seen.contains(what.as_str()) && seen.contains(share.as_str()),
                "{what} {share}: {seen}"
            );
        }
    }
    // 360 of 400 said yes, 240 of 400 got counselling. The noise on the part and on the whole
    // can together move a share across a rounding boundary (a few times in a hundred), never
    // two: each shows within one step of 10 of the truth.
    let near = |truth: u32, said: &str| {
        [truth.saturating_sub(10), truth, (truth + 10).min(100)]
            .iter()
            .any(|pct| seen.contains(&format!("about {pct}% {said}")))
    };
    assert!(near(90, "said yes"), "{seen}");
    assert!(near(60, "of those who wanted it got it"), "{seen}");
    for count in [">400<", " 400 ", ">360<", " 413 "] {
        assert!(!seen.contains(count), "never a count: {count}");
    }

    let office = Browser::new(&server.base);
    office.try_sign_in("kent@example.org", PASSWORD, "");
    assert_eq!(
        office.get(&page).status,
        200,
        "Kent's office sees Kent's service"
    );
    let listing = office.get("/admin/feedback").body;
    assert!(listing.contains("Harbour Trust – Harbour Advocacy"));
    assert!(
        !listing.contains("10 or more") && !listing.contains("fewer than"),
        "an office sees no counts, not even in words"
    );
    assert!(
        team.get("/admin/feedback").body.contains("10 or more"),
        "the team sees them in words, finished quarters only"
    );
    let other = Browser::new(&server.base);
    other.try_sign_in("surrey@example.org", PASSWORD, "");
    assert_eq!(other.get(&page).status, 403, "Surrey's office does not");
    assert!(!other
        .get("/admin/feedback")
        .body
        .contains("Harbour Advocacy"));
}

#[test]
fn consultations_are_recorded_by_offices_for_their_own_areas_only() {
    let db = TestDb::new();
    let (ok, out, err) = frontline(&db.url, &["migrate"]);
    assert!(ok, "{out}{err}");
    let platform = db.platform();
    let mut conn = platform.conn().expect("conn");
    for (email, role) in [
        ("kent@example.org", Role::PccReviewer),
        ("coder@example.org", Role::Coder),
    ] {
        accounts::upsert(&mut conn, email, "Test", role, PASSWORD).expect("account");
    }
    let office = accounts::by_email(&mut conn, "kent@example.org")
        .expect("read")
        .expect("office");
    accounts::set_areas(&mut conn, office.id, &[KENT.to_string()]).expect("areas");
    let server = Server::start(&db.url, &[]);
    let kent = Browser::new(&server.base);
    kent.try_sign_in("kent@example.org", PASSWORD, "");
    let csrf = support::web::csrf_in(&kent.get("/admin/consultations").body);
    let record = |area: &str, held_on: &str, people: &str| {
        kent.post(
            "/admin/consultations",
            &[
                ("csrf", csrf.as_str()),
                ("held_on", held_on),
                ("pfa_code", area),
                ("method", "lived_experience_panel"),
                ("people", people),
                ("groups", "lgbt"),
                ("groups", "older_people"),
            ],
        )
    };
    let elsewhere = record(SURREY, "2026-05-14", "9");
    assert_eq!(elsewhere.status, 422);
    assert!(
        elsewhere
            .body
            .contains("is not one of the areas you may record for"),
        "{}",
        elsewhere.body
    );
    let typo = record(KENT, "14/05/2026", "nine");
    assert_eq!(typo.status, 422);
    assert!(
        typo.body.contains("held_on:") && typo.body.contains("people:"),
        "{}",
        typo.body
    );
    assert_eq!(record(KENT, "2026-05-14", "3").status, 303);
    let listed = kent.get("/admin/consultations").body;
    assert!(
        listed.contains("Lived-experience panel, 2026-05-14: fewer than 5 people (LGBT+ survivors, Older people)"),
        "{listed}"
    );
    let coder = Browser::new(&server.base);
    coder.try_sign_in("coder@example.org", PASSWORD, "");
    assert_eq!(coder.get("/admin/consultations").status, 403);
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
    chrome.click("#start");
    chrome.wait_for_url("/form");
    chrome.click("#outcome\\.feel_safer");
    chrome.click("#exit-page");
    chrome.wait_for_url("/weather");
    chrome.execute("history.back(); return null;");
    // Back skips the form: it was replaced, not left behind; the start page holds no answers.
    chrome.wait_for_url(&token);
    assert!(!chrome.source().contains("feel_safer"));

    // Shift pressed three times leaves too.
    chrome.go(&format!("{}/feedback/{token}?lang=cy", server.base));
    chrome.wait_for_url("?lang=cy");
    chrome.press("\u{E008}\u{E008}\u{E008}");
    chrome.wait_for_url("/weather");
}

#[test]
fn a_moments_outage_keeps_a_survivors_answers_on_the_page_unsent_with_the_exit() {
    let db = TestDb::new();
    let (_, token, _) = service_with_link(&db);
    let server = Server::start_with_env(
        &db.url,
        &[],
        &[("FRONTLINE_FEEDBACK_MIN_SECONDS", "1".into())],
    );
    let client = device();
    let start_url = format!("{}/feedback/{token}", server.base);
    let form = open_form(&client, &server.base, &token, "cy");
    let stamp = stamp_in(&form);
    let answers = [
        ("lang", "cy"),
        ("started", stamp.as_str()),
        ("contact_me_by_fax_only", ""),
        ("outcome.feel_safer", "not_sure"),
        ("support.counselling", "wanted_not_got"),
        ("helped", "Cael fy nghredu"),
    ];
    std::thread::sleep(std::time::Duration::from_millis(1_200));
    let outage = db.outage();
    let refused = client.post(&start_url).form(&answers).send().expect("send");
    assert_eq!(refused.status().as_u16(), 503);
    assert_eq!(
        refused
            .headers()
            .get("retry-after")
            .and_then(|v| v.to_str().ok()),
        Some("5")
    );
    let page = refused.text().expect("html");
    // In the person's language, with the quick exit, every answer still on it, not sent.
    assert!(page.contains(r#"<html lang="cy">"#), "{page}");
    assert!(page.contains("Gadael y dudalen hon") && page.contains(r#"href="/feedback/exit""#));
    assert!(page.contains("Nid yw eich adborth wedi"), "{page}");
    assert!(page.contains("Cael fy nghredu"));
    assert!(page.contains(r#"-not_sure" checked"#), "{page}");
    drop(outage);
    std::thread::sleep(std::time::Duration::from_millis(1_200));
    // Sent again once the database is back (with the page's fresh stamp): kept.
    let again: Vec<(String, String)> = answers
        .iter()
        .map(|(k, v)| {
            let v = if *k == "started" {
                stamp_in(&page)
            } else {
                v.to_string()
            };
            (k.to_string(), v)
        })
        .collect();
    let sent = client.post(&start_url).form(&again).send().expect("send");
    assert_eq!(sent.status().as_u16(), 303, "{:?}", sent.text());
    let platform = db.platform();
    let kept: i64 = frontline_web::store::db::schema::feedback_responses::table
        .count()
        .get_result(&mut *platform.conn().expect("conn"))
        .expect("count");
    assert_eq!(kept, 1);
}

/// A demo service that offers no refuge or other safe accommodation.
fn advocacy_service(conn: &mut frontline_web::db::DbConnection) -> i32 {
    let refuges = frontline_web::profiles::safe_accommodation::latest(conn).expect("refuges");
    services::all(conn)
        .expect("services")
        .into_iter()
        .find(|s| !refuges.contains_key(&s.id))
        .expect("a service")
        .id
}

/// A consultation's `<option value="ID">` on the consultations page, found by its label's start.
fn consultation_option(page: &str, starts: &str) -> String {
    let at = page
        .find(&format!("\">{starts}"))
        .unwrap_or_else(|| panic!("no consultation '{starts}' on the page"));
    let open = page[..at].rfind("value=\"").expect("an option's value") + "value=\"".len();
    page[open..at].to_string()
}

#[test]
fn survivors_words_are_coded_beside_the_surveys_quoted_only_when_approved_and_exported() {
    use frontline_web::coding::quotes as quote_review;
    use frontline_web::store::comments::{self, TRANSCRIPTS_QUESTION};
    use frontline_web::store::{codebooks, cycles, transcripts};
    let db = TestDb::demo();
    let platform = db.platform();
    let server = Server::start(&db.url, &[]);
    let team = Browser::new(&server.base);
    let csrf = team.sign_in("admin@example.org", "frontline-demo");

    // A transcript is added to the Cumbria interviews of 2018's year; a bad one stores nothing.
    let page = team.get("/admin/consultations").body;
    let cumbria = consultation_option(&page, "Cumbria, 16 May 2018");
    let stored = || {
        let mut conn = platform.conn().expect("connection");
        let id: i32 = cumbria.parse().expect("an id");
        transcripts::of_consultations(&mut conn, &[id])
            .expect("transcripts")
            .len()
    };
    let before = stored();
    let add = |title: &str, text: &str| {
        team.post(
            "/admin/consultations/transcripts",
            &[
                ("csrf", csrf.as_str()),
                ("consultation", cumbria.as_str()),
                ("title", title),
                ("text", text),
            ],
        )
    };
    let untitled = add("  ", "Being believed mattered most.");
    assert_eq!(untitled.status, 422);
    assert!(
        untitled.body.contains("Title: give the transcript a title"),
        "{}",
        untitled.body
    );
    assert!(
        untitled.body.contains("Being believed mattered most."),
        "what was typed is kept"
    );
    assert_eq!(stored(), before);
    let added = add(
        "Interview notes, part 2",
        "Being believed mattered most.\nThe helpline was always engaged.",
    );
    assert_eq!(added.status, 303, "{}", added.body);
    assert_eq!(stored(), before + 1);
    assert!(team
        .get("/admin/consultations")
        .body
        .contains("Interview notes, part 2"));

    // Survivors' feedback on a refuge and on an advocacy service, both in 2018's year; and one
    // from the month after 2017's close (30 September), which is 2018's too, never no cycle's.
    {
        let mut conn = platform.conn().expect("connection");
        let after_close = Feedback {
            better: Some("Nobody rang back in October.".into()),
            ..Feedback::default()
        };
        let service = advocacy_service(&mut conn);
        feedback::record(
            &mut conn,
            service,
            "2017-10",
            Language::English,
            &after_close,
        )
        .expect("feedback");
        let cycle = cycles::by_year(&mut conn, 2018).expect("2018");
        let better = frontline_web::coding::survivors::feedback_answers(
            &mut conn,
            &cycle,
            frontline_voice::feedback::FreeText::Better,
        )
        .expect("answers");
        assert!(better
            .iter()
            .any(|(_, text)| text == "Nobody rang back in October."));
    }
    let mut conn = platform.conn().expect("connection");
    let cycle = cycles::by_year(&mut conn, 2018).expect("2018");
    let refuges = frontline_web::profiles::safe_accommodation::latest(&mut conn).expect("refuges");
    let all = services::all(&mut conn).expect("services");
    let refuge = all
        .iter()
        .find(|s| refuges.contains_key(&s.id))
        .expect("a refuge");
    let advocacy = all
        .iter()
        .find(|s| !refuges.contains_key(&s.id))
        .expect("a service");
    for (service, said) in [
        (
            refuge.id,
            "The staff at the refuge on Harbour Row were kind.",
        ),
        (
            advocacy.id,
            "Someone answered the phone at three in the morning.",
        ),
    ] {
        let feedback = Feedback {
            helped: Some(said.to_string()),
            ..Feedback::default()
        };
        feedback::record(&mut conn, service, "2018-03", Language::English, &feedback)
            .expect("feedback");
    }
    drop(conn);

    // 2018's coding lists survivors' words beside the surveys' questions; each is split, coded
    // with its codebook and starred by a coder.
    let overview = team.get("/coding/2018").body;
    assert!(
        overview.contains("Consultations with survivors: transcripts and notes"),
        "{overview}"
    );
    assert!(overview.contains("what helped"), "{overview}");
    let coder = Browser::new(&server.base);
    assert_eq!(
        coder
            .try_sign_in("coder@example.org", "frontline-demo", "")
            .status,
        303
    );
    let coder_csrf = support::web::csrf_in(&coder.get("/coding").body);
    let helped = "survivors-feedback:helped";
    let mut starred = Vec::new();
    for (question, wanted) in [
        (TRANSCRIPTS_QUESTION, "Being believed mattered most."),
        (helped, "Harbour Row"),
        (helped, "three in the morning"),
    ] {
        let split = team.post(
            &format!("/coding/2018/{question}/segment"),
            &[("csrf", csrf.as_str())],
        );
        assert_eq!(split.status, 303, "{}", split.body);
        let mut conn = platform.conn().expect("connection");
        let code = codebooks::latest(&mut conn, cycle.id, question)
            .expect("read")
            .expect("the codebook copied forward")
            .codebook
            .paths()[0]
            .clone();
        let found = comments::of_question(&mut conn, cycle.id, question).expect("comments");
        let comment = found
            .iter()
            .find(|c| c.body.contains(wanted))
            .unwrap_or_else(|| panic!("no comment with '{wanted}' in {found:?}"));
        let coded = coder.post(
            &format!("/coding/2018/{question}/comments/{}/code", comment.id),
            &[
                ("csrf", coder_csrf.as_str()),
                ("filter", "all"),
                ("code", code.as_str()),
            ],
        );
        assert_eq!(coded.status, 303, "{}", coded.body);
        let star = coder.post(
            &format!("/coding/2018/{question}/comments/{}/star", comment.id),
            &[("csrf", coder_csrf.as_str()), ("filter", "all")],
        );
        assert_eq!(star.status, 303, "{}", star.body);
        starred.push((comment.id, comment.body.clone()));
    }
    // Areas filter only practitioners' answers.
    let by_area = coder.get(&format!("/coding/2018/{helped}/work?filter=area:E23000032"));
    assert_eq!(by_area.status, 422, "{}", by_area.body);

    // The reviewer sees who said each, and approves all three; the refuge's is never published.
    let reviews = team.get("/coding/2018/quotes").body;
    assert!(
        reviews.contains("a consultation with survivors in Cumbria, 16 May 2018"),
        "{reviews}"
    );
    assert!(reviews.contains("feedback on"), "{reviews}");
    for (id, _) in &starred {
        let approved = team.post(
            &format!("/coding/2018/quotes/{id}"),
            &[("csrf", csrf.as_str()), ("decision", "approve")],
        );
        assert_eq!(approved.status, 303, "{}", approved.body);
    }
    let mut conn = platform.conn().expect("connection");
    let published: Vec<String> = quote_review::published(&platform, &mut conn, &cycle)
        .expect("quotes")
        .into_iter()
        .map(|(_, text)| text)
        .collect();
    assert!(published
        .iter()
        .any(|t| t.contains("Being believed mattered most")));
    assert!(published.iter().any(|t| t.contains("three in the morning")));
    assert!(
        !published.iter().any(|t| t.contains("refuge")),
        "a survivor's words about a refuge are never published: {published:?}"
    );
    drop(conn);

    // A transcript of a frozen cycle's year is refused; one pasted by mistake is withdrawn with
    // every comment cut from it.
    let page = team.get("/admin/consultations").body;
    assert!(
        !page.contains("Kent, 8 March 2017"),
        "a frozen year's consultation is not offered for a transcript"
    );
    let kent_2017 = {
        let mut conn = platform.conn().expect("connection");
        frontline_web::store::consultations::held(&mut conn, None, "2017-03-08", "2017-03-08")
            .expect("consultations")
            .first()
            .expect("the 2017 focus group")
            .id
            .to_string()
    };
    let frozen = team.post(
        "/admin/consultations/transcripts",
        &[
            ("csrf", csrf.as_str()),
            ("consultation", kent_2017.as_str()),
            ("title", "Late notes"),
            ("text", "Someone listened."),
        ],
    );
    assert_eq!(frozen.status, 422, "{}", frozen.body);
    assert!(frozen.body.contains("frozen"), "{}", frozen.body);
    let mistaken = add(
        "Pasted by mistake",
        "A line that names someone.\nAnother line.",
    );
    assert_eq!(mistaken.status, 303, "{}", mistaken.body);
    let split = team.post(
        &format!("/coding/2018/{TRANSCRIPTS_QUESTION}/segment"),
        &[("csrf", csrf.as_str())],
    );
    assert_eq!(split.status, 303, "{}", split.body);
    let (mistake, cut) = {
        let mut conn = platform.conn().expect("connection");
        let id: i32 = cumbria.parse().expect("an id");
        let mistake = transcripts::of_consultations(&mut conn, &[id])
            .expect("transcripts")
            .into_iter()
            .find(|t| t.title == "Pasted by mistake")
            .expect("the mistaken transcript");
        let cut: Vec<i32> = comments::of_question(&mut conn, cycle.id, TRANSCRIPTS_QUESTION)
            .expect("comments")
            .into_iter()
            .filter(|c| c.response_id == mistake.id)
            .map(|c| c.id)
            .collect();
        (mistake, cut)
    };
    assert_eq!(cut.len(), 2);
    let withdraw = |reason: &str| {
        team.post(
            &format!("/admin/consultations/transcripts/{}/withdraw", mistake.id),
            &[("csrf", csrf.as_str()), ("reason", reason)],
        )
    };
    let unexplained = withdraw(" ");
    assert_eq!(unexplained.status, 422);
    assert!(
        unexplained.body.contains("Reason: say why"),
        "{}",
        unexplained.body
    );
    assert_eq!(withdraw("It names a participant").status, 303);
    {
        let mut conn = platform.conn().expect("connection");
        assert!(transcripts::by_id(&mut conn, mistake.id).is_err());
        let left =
            comments::of_question(&mut conn, cycle.id, TRANSCRIPTS_QUESTION).expect("comments");
        assert!(left.iter().all(|c| !cut.contains(&c.id)));
        assert!(
            left.iter()
                .any(|c| c.body == "Being believed mattered most."),
            "the others stay"
        );
    }

    // The REFI-QDA project carries the transcript as a text source with its coded selection.
    let project = db.folder().join("coding.qdpx");
    let (ok, _, err) = frontline(
        &db.url,
        &[
            "coding",
            "export",
            "--cycle",
            "2018",
            "--out",
            project.to_str().expect("path"),
        ],
    );
    assert!(ok, "{err}");
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&project).expect("qdpx")).expect("zip");
    let mut qde = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("project.qde").expect("qde"), &mut qde)
        .expect("read");
    let doc = roxmltree::Document::parse(&qde).expect("xml");
    let transcript = doc
        .descendants()
        .filter(|n| n.has_tag_name("TextSource"))
        .find(|n| {
            n.attribute("name")
                .is_some_and(|name| name.starts_with("2018 consultation transcript"))
                && n.descendants().any(|d| d.has_tag_name("CodeRef"))
        })
        .expect("a coded transcript in the project");
    let path = transcript
        .attribute("plainTextPath")
        .and_then(|p| p.strip_prefix("internal://"))
        .expect("its text's path");
    let mut text = String::new();
    std::io::Read::read_to_string(
        &mut zip
            .by_name(&format!("sources/{path}"))
            .expect("the transcript's text"),
        &mut text,
    )
    .expect("read");
    assert!(text.contains("Being believed mattered most."));
    assert!(qde.contains("survivors' feedback"), "feedback sources too");

    // The 2016 release counts survivors' coded words but draws no cloud of them.
    let released = db.folder().join("released-2016");
    let (ok, _, err) = frontline(
        &db.url,
        &[
            "publish",
            "--cycle",
            "2016",
            "--out",
            released.to_str().expect("path"),
        ],
    );
    assert!(ok, "{err}");
    assert!(released
        .join("tables/comments-survivors-consultations.csv")
        .exists());
    let clouds: Vec<String> = std::fs::read_dir(released.join("qualitative"))
        .expect("qualitative")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .collect();
    assert!(
        clouds.iter().any(|f| f.ends_with(".svg")),
        "practitioners' clouds stay"
    );
    assert!(
        clouds.iter().all(|f| !f.starts_with("survivors")),
        "no cloud of survivors' words: {clouds:?}"
    );
}
