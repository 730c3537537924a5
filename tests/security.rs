//! What a security review tried, as tests: a PCC office fetching everything it can reach sees no
//! other area's unreleased figure; the sign-in form is bound to its own cookie; an unknown
//! address costs as long as a wrong password; a huge upload is refused while it is read; private
//! responses are never cached, and HSTS is sent behind HTTPS; every CSV cell that a spreadsheet
//! would run is written as text; ids from another cycle act on nothing; the access log masks
//! every token by route.

mod support;

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::io::Read;
use std::time::{Duration, Instant};
use support::web::{csrf_in, Browser};
use support::{frontline, frontline_with_env, Server, TestDb};

const DEMO_PASSWORD: &str = "frontline-demo";
const KENT: &str = "E23000032";

fn demo() -> TestDb {
    TestDb::demo()
}

/// The links and sources of a page, resolved against its URL, on this server only.
fn links_of(base: &str, from: &str, body: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attribute in ["href=\"", "src=\""] {
        for piece in body.split(attribute).skip(1) {
            let target: String = piece.chars().take_while(|c| *c != '"').collect();
            let target = target
                .split('#')
                .next()
                .unwrap_or_default()
                .replace("&amp;", "&");
            if target.is_empty()
                || target.starts_with("http")
                || target.starts_with("mailto:")
                || target.starts_with("data:")
            {
                continue;
            }
            let path = if target.starts_with('/') {
                target
            } else {
                let folder = from.rsplit_once('/').map_or("", |(f, _)| f);
                let mut parts: Vec<&str> = folder.split('/').collect();
                for step in target.split('/') {
                    match step {
                        ".." => {
                            parts.pop();
                        }
                        "." => {}
                        s => parts.push(s),
                    }
                }
                parts.join("/")
            };
            out.push(format!("{base}{path}"));
        }
    }
    out
}

/// The members of a zip (the archive, a workbook), decompressed: name → text.
fn zip_members(bytes: &[u8]) -> Vec<(String, String)> {
    let Ok(mut archive) = zip::ZipArchive::new(std::io::Cursor::new(bytes)) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for i in 0..archive.len() {
        if let Ok(mut member) = archive.by_index(i) {
            let name = member.name().map(|n| n.to_string()).unwrap_or_default();
            let mut text = Vec::new();
            if member.read_to_end(&mut text).is_ok() {
                out.push((name, String::from_utf8_lossy(&text).into_owned()));
            }
        }
    }
    out
}

/// Everything a signed-in browser can reach from `starts` by following links (GET only), within
/// `prefixes`: path → body (workbooks unzipped).
fn crawl(
    server: &Server,
    cookies: &reqwest::blocking::Client,
    starts: &[&str],
    prefixes: &[&str],
) -> BTreeMap<String, String> {
    let mut seen = BTreeSet::new();
    let mut queue: VecDeque<String> = starts
        .iter()
        .map(|s| format!("{}{s}", server.base))
        .collect();
    let mut out = BTreeMap::new();
    while let Some(url) = queue.pop_front() {
        let path = url.trim_start_matches(&server.base).to_string();
        if !seen.insert(path.clone()) || !prefixes.iter().any(|p| path.starts_with(p)) {
            continue;
        }
        assert!(seen.len() < 2_000, "the crawl does not end");
        let response = cookies.get(&url).send().expect("GET");
        if !response.status().is_success() {
            continue;
        }
        let bytes = response.bytes().expect("body").to_vec();
        if path.ends_with(".xlsx") || path.ends_with(".zip") {
            for (member, text) in zip_members(&bytes) {
                out.insert(format!("{path}!{member}"), text);
            }
            continue;
        }
        let body = String::from_utf8_lossy(&bytes).into_owned();
        if path.ends_with(".html") || path.ends_with('/') || !path.contains('.') {
            queue.extend(links_of(&server.base, &path, &body));
        }
        out.insert(path, body);
    }
    out
}

fn signed_in_client(server: &Server, email: &str) -> reqwest::blocking::Client {
    let client = reqwest::blocking::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let form = client
        .get(format!("{}/login", server.base))
        .send()
        .expect("form")
        .text()
        .expect("page");
    let csrf = csrf_in(&form);
    let signed = client
        .post(format!("{}/login", server.base))
        .form(&[
            ("csrf", csrf.as_str()),
            ("email", email),
            ("password", DEMO_PASSWORD),
        ])
        .send()
        .expect("sign in");
    assert_eq!(signed.status().as_u16(), 303);
    client
}

#[test]
fn a_pcc_office_can_fetch_nothing_about_another_areas_unreleased_figures() {
    let db = demo();
    let server = Server::start(&db.url, &[]);
    let pcc = signed_in_client(&server, "pcc.kent@example.org");
    let fetched = crawl(
        &server,
        &pcc,
        &[
            "/pcc",
            "/packs/2017",
            "/packs/2018",
            "/pcc/2017/provisional/",
            "/returns",
        ],
        &["/pcc", "/packs", "/provision", "/returns"],
    );
    assert!(
        fetched.keys().any(|p| p.ends_with("coverage-map.svg"))
            && fetched.keys().any(|p| p.ends_with("indicators.csv"))
            && fetched.keys().any(|p| p.contains(".xlsx!"))
            && fetched
                .keys()
                .any(|p| p.starts_with("/pcc/2017/provisional/")),
        "the crawl reached the packs and the provisional pages: {:?}",
        fetched.keys().collect::<Vec<_>>()
    );
    let platform = db.platform();
    let others: Vec<(String, String)> = platform
        .geography
        .areas()
        .iter()
        .filter(|a| a.code != KENT)
        .map(|a| (a.code.to_string(), a.name.clone()))
        .collect();
    for (path, body) in &fetched {
        // Maps: another area is drawn, but with no value.
        for piece in body.split("<title>").skip(1) {
            let title: String = piece.chars().take_while(|c| *c != '<').collect();
            for (_, name) in &others {
                if let Some(value) = title.strip_prefix(&format!("{name}: ")) {
                    assert!(
                        !value.chars().any(|c| c.is_ascii_digit()),
                        "{path} gives {name} a value: {title}"
                    );
                }
            }
        }
        // Tables (pages, CSVs, workbooks): no row for another area.
        for (code, name) in &others {
            // A map draws every area's outline (`data-code`), with no value (checked above).
            let drawn = body.matches(&format!("data-code=\"{code}\"")).count();
            assert_eq!(
                body.matches(code.as_str()).count(),
                drawn,
                "{path} names {code}"
            );
            let cell_of_name = format!(">{name}<");
            let text_of_map = body.matches(&format!(">{name}: ")).count();
            assert!(
                !body.contains(&cell_of_name) || path.ends_with(".svg"),
                "{path} has a row for {name} ({text_of_map} map titles)"
            );
        }
    }
    // The packs compare Kent only with released figures, and say so.
    let released_2016 = reqwest::blocking::get(format!(
        "{}/publications/2016/packs/{KENT}/indicators.csv",
        server.base
    ))
    .expect("released pack")
    .text()
    .expect("csv");
    let rows = |text: &str| -> Vec<Vec<String>> {
        csv::Reader::from_reader(text.as_bytes())
            .records()
            .map(|r| r.expect("row").iter().map(str::to_string).collect())
            .collect()
    };
    let released: BTreeMap<String, (String, String)> = rows(&released_2016)
        .into_iter()
        .map(|cells| (cells[0].clone(), (cells[3].clone(), cells[4].clone())))
        .collect();
    for year in [2017, 2018] {
        let csv = &fetched[&format!("/packs/{year}/{KENT}/indicators.csv")];
        // The first line is the DRAFT banner.
        let body = csv.split_once('\n').map_or("", |(_, rest)| rest);
        for cells in rows(body) {
            let (region, ew, rank) = (&cells[3], &cells[4], &cells[5]);
            assert!(
                rank.is_empty(),
                "{year}: no rank among areas before release: {cells:?}"
            );
            let expected = released.get(&cells[0]).cloned().unwrap_or_default();
            assert_eq!(
                (region, ew),
                (&expected.0, &expected.1),
                "{year}: {cells:?}"
            );
        }
        let page = &fetched[&format!("/packs/{year}/{KENT}/")];
        assert!(page.contains("from the 2016 release (version 2)"), "{year}");
    }
}

#[test]
fn sign_in_is_bound_to_its_form_and_unknown_addresses_take_as_long_as_wrong_passwords() {
    let db = demo();
    let server = Server::start(&db.url, &[]);
    // A form posted from elsewhere (no token, or another browser's) is refused.
    let forged = reqwest::blocking::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client")
        .post(format!("{}/login", server.base))
        .form(&[("email", "admin@example.org"), ("password", DEMO_PASSWORD)])
        .send()
        .expect("post");
    assert_eq!(forged.status().as_u16(), 403);
    assert!(forged
        .text()
        .expect("page")
        .contains("did not come from Frontline"));
    let elsewhere = Browser::new(&server.base);
    let token = csrf_in(&Browser::new(&server.base).get("/login").body);
    let page = elsewhere.post(
        "/login",
        &[
            ("csrf", &token),
            ("email", "admin@example.org"),
            ("password", DEMO_PASSWORD),
        ],
    );
    assert_eq!(page.status, 403, "another browser's token is no good");

    // An unknown address answers no faster than a known one with a wrong password: the median
    // of three tries each.
    let time = |email: &str| {
        // Three tries: the pair's free attempts, so the throttle never answers instead.
        let mut took: Vec<Duration> = (0..3)
            .map(|_| {
                let browser = Browser::new(&server.base);
                let csrf = csrf_in(&browser.get("/login").body);
                let start = Instant::now();
                let page = browser.post(
                    "/login",
                    &[
                        ("csrf", &csrf),
                        ("email", email),
                        ("password", "not the password at all"),
                    ],
                );
                assert_eq!(page.status, 401);
                start.elapsed()
            })
            .collect();
        took.sort();
        took[1]
    };
    let (known, unknown) = (time("admin@example.org"), time("nobody@example.org"));
    assert!(
        unknown * 2 > known,
        "an unknown address answers in {unknown:?}, a wrong password in {known:?}"
    );
}

#[test]
fn a_huge_upload_is_refused_while_it_is_read_and_private_responses_are_never_cached() {
    let db = demo();
    let server = Server::start_with_env(
        &db.url,
        &[],
        &[(
            "FRONTLINE_PUBLIC_URL",
            "https://frontline.example.org".to_string(),
        )],
    );
    let team = Browser::new(&server.base);
    let csrf = team.sign_in("admin@example.org", DEMO_PASSWORD);
    let before = resident_kb(&server);
    let huge = "organisation,service,email,pfas\n".to_string() + &"x".repeat(40 * 1024 * 1024);
    let refused = team.post_file("/admin/cycles/2018/contacts", &csrf, "contacts.csv", &huge);
    assert_eq!(refused.status, 413, "{}", refused.body);
    assert!(refused.body.contains("larger than 5 MB"));
    let after = resident_kb(&server);
    if let (Some(before), Some(after)) = (before, after) {
        assert!(
            after < before + 30 * 1024,
            "memory grew from {before} kB to {after} kB"
        );
    }

    let client = reqwest::blocking::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let header = |path: &str, name: &str| {
        client
            .get(format!("{}{path}", server.base))
            .send()
            .expect("GET")
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    assert_eq!(
        header("/login", "strict-transport-security").as_deref(),
        Some("max-age=31536000; includeSubDomains")
    );
    let admin = signed_in_client(&server, "admin@example.org");
    for path in [
        "/admin/cycles/2018/responses.csv",
        "/admin/audit.csv",
        "/admin/cycles/2021/wave/sarc-survey-2021/answers.csv",
        "/admin/cycles/2021/wave/sarc-survey-2021/answers.sps",
        "/admin/cycles/2021/wave/sarc-survey-2021/codebook.csv",
        "/coding/2017/comments.csv",
    ] {
        let response = admin
            .get(format!("{}{path}", server.base))
            .send()
            .expect("GET");
        assert_eq!(response.status().as_u16(), 200, "{path}");
        let cache = response
            .headers()
            .get("cache-control")
            .and_then(|v| v.to_str().ok());
        assert_eq!(cache, Some("no-store"), "{path}");
    }
    assert_eq!(
        header("/publications/2016/", "cache-control").as_deref(),
        Some("public, max-age=300")
    );
}

/// The server process's resident memory, where the system says.
fn resident_kb(server: &Server) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{}/status", server.pid())).ok()?;
    status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

#[test]
fn csv_cells_a_spreadsheet_would_run_are_written_as_text() {
    let db = demo();
    let server = Server::start(&db.url, &[]);
    // A failed sign-in whose "email" is a formula reaches the audit log.
    let stranger = Browser::new(&server.base);
    let formula = "=hyperlink(\"http://evil.example\",\"click\")";
    assert_eq!(stranger.try_sign_in(formula, "x", "").status, 401);
    let team = Browser::new(&server.base);
    team.sign_in("admin@example.org", DEMO_PASSWORD);
    let audit = team.get("/admin/audit.csv").body;
    assert!(audit.contains("'=hyperlink"), "{audit}");
    for line in audit.lines() {
        for cell in line.split(',') {
            assert!(
                !cell.starts_with(['=', '@']) && !cell.starts_with("\"="),
                "a formula cell {cell:?}: {line}"
            );
        }
    }
    // A population source typed as a formula is text in the pack's indicators.
    let population = db.folder().join("population.csv");
    let mut rows = String::from("pfa,females_16_plus,males_16_plus,children_0_15\n");
    for area in db.platform().geography.areas() {
        rows.push_str(&format!("{},100000,95000,40000\n", area.code));
    }
    std::fs::write(&population, rows).expect("population");
    let (ok, _, err) = frontline(
        &db.url,
        &[
            "import-population",
            "--cycle",
            "2018",
            population.to_str().expect("path"),
            "--source",
            "@SUM(1+1)*cmd",
        ],
    );
    assert!(ok, "{err}");
    let indicators = team.get(&format!("/packs/2018/{KENT}/indicators.csv")).body;
    assert!(indicators.contains("'@SUM(1+1)*cmd"), "{indicators}");
    assert!(!indicators.contains(",@SUM"), "{indicators}");
}

#[test]
fn ids_from_another_cycle_act_on_nothing() {
    let db = demo();
    let server = Server::start(&db.url, &[]);
    let team = Browser::new(&server.base);
    let csrf = team.sign_in("admin@example.org", DEMO_PASSWORD);
    let platform = db.platform();
    let mut conn = platform.conn().expect("connection");
    let wave = frontline_web::store::cycles::by_year(&mut conn, 2021).expect("2021");
    let link = frontline_web::store::instruments::links_of_cycle(&mut conn, wave.id)
        .expect("links")
        .into_iter()
        .next()
        .expect("a 2021 link");
    // Closing a 2021 link through the 2018 wave's page is not found, and changes nothing.
    let page = team.post(
        &format!("/admin/cycles/2018/wave/links/{}/close", link.id),
        &[("csrf", &csrf)],
    );
    assert_eq!(page.status, 404, "{}", page.body);
    // A service that takes no part in 2017 cannot be answered for by phone in 2017.
    let fieldwork_2018 = frontline_web::store::cycles::by_year(&mut conn, 2018).expect("2018");
    let only_2018: Vec<i32> =
        frontline_web::store::invitations::for_cycle(&mut conn, fieldwork_2018.id)
            .expect("invitations")
            .into_iter()
            .map(|i| i.service_id)
            .collect();
    let first_2017 = frontline_web::store::cycles::by_year(&mut conn, 2017).expect("2017");
    let services = frontline_web::store::services::all(&mut conn).expect("services");
    let stranger = services
        .iter()
        .find(|s| frontline_web::store::services::in_cycle(&mut conn, first_2017.id, s.id).is_err())
        .map(|s| s.id);
    if let Some(id) = stranger {
        assert_eq!(
            team.get(&format!("/admin/cycles/2017/services/{id}"))
                .status,
            404
        );
        assert_eq!(
            team.get(&format!("/admin/cycles/2017/services/{id}/profile"))
                .status,
            404
        );
    }
    let id = only_2018[0];
    assert_eq!(
        team.get(&format!("/admin/cycles/2018/services/{id}"))
            .status,
        200
    );
    assert_eq!(team.get("/admin/cycles/2018/services/999999").status, 404);
}

#[test]
fn the_access_log_records_every_request_with_every_token_masked() {
    let db = demo();
    let log = db.folder().join("server.log");
    let server = Server::start_logging(&db.url, &log);
    let token = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    for path in [
        format!("/r/{token}"),
        format!("/r/{token}/section/roles"),
        format!("/v/{token}"),
        format!("/s/{token}"),
        format!("/o/{token}"),
        format!("/account/setup/{token}"),
        format!("/r/{token}/"),
        format!("/s/{token}/section/"),
        "/publications/2016/".to_string(),
    ] {
        server.get(&path);
    }
    std::thread::sleep(Duration::from_millis(300));
    let text = std::fs::read_to_string(&log).expect("log");
    assert!(!text.contains(token), "a token reached the log:\n{text}");
    for logged in [
        "GET /r/…",
        "GET /r/…/section/roles",
        "GET /v/…",
        "GET /s/…",
        "GET /o/…",
        "GET /account/setup/…",
        "GET /publications/2016/",
    ] {
        assert!(text.contains(logged), "{logged} is not in the log:\n{text}");
    }
    let (ok, _, _) = frontline_with_env(&db.url, &["safety-scan", "--cycle", "2016"], &[]);
    assert!(
        ok,
        "the demo's released cycle holds nothing that locates a place"
    );
}
