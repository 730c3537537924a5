//! Every page of the demo, as each of its users meets it, checked by axe-core (from npm, in
//! `tests/accessibility`) in headless Chromium at 1280 and at 375 pixels wide: the public's
//! home, publication, tables, coded comments, directory, packs and versions, an error page;
//! a survivor's feedback form in each language; the survey team's pages; a PCC office's; a
//! coder's; a referrer's vacancy board. Any
//! violation fails the test, listed with its rule, page and width; so is a page that scrolls
//! sideways (wide tables scroll inside a region of their own).

mod support;

use std::path::PathBuf;
use support::webdriver::{self, Chrome};
use support::{Server, TestDb};

/// axe-core as npm installed it (`npm ci --prefix tests/accessibility`); CI installs it.
fn axe_source() -> Option<String> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/accessibility/node_modules/axe-core/axe.min.js");
    std::fs::read_to_string(path).ok()
}

fn tools_available() -> Option<String> {
    let required = std::env::var("FRONTLINE_REQUIRE_BROWSER").is_ok();
    let axe = axe_source();
    if !webdriver::available() || axe.is_none() {
        assert!(
            !required,
            "chromium, chromedriver and axe-core are required (apt-get install chromium \
             chromium-driver; npm ci --prefix tests/accessibility)"
        );
        eprintln!("skipped: chromium or axe-core not installed (CI installs them)");
        return None;
    }
    axe
}

/// Runs axe on the page in the browser; the violations as `rule (impact): target…` lines.
fn violations(chrome: &Chrome, axe: &str) -> Vec<String> {
    chrome.execute(&format!(
        "if (!window.axe) {{ {axe} }}
         window.__axeResult = null;
         axe.run(document, {{ resultTypes: ['violations'] }})
            .then(r => {{ window.__axeResult = r.violations.map(v =>
                v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')); }})
            .catch(e => {{ window.__axeResult = ['axe failed: ' + e]; }});
         return true;"
    ));
    for _ in 0..200 {
        let result = chrome.execute("return window.__axeResult;");
        if let Some(list) = result.as_array() {
            return list
                .iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect();
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    vec!["axe did not finish within 10 s".into()]
}

fn sign_in(chrome: &Chrome, base: &str, email: &str) {
    chrome.go(&format!("{base}/login"));
    chrome.type_into("#email", email);
    chrome.type_into("#password", "frontline-demo\u{E007}");
    for _ in 0..100 {
        if !chrome.url().ends_with("/login") {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    panic!("{email} could not sign in");
}

/// Opens `page`: a path, or `path >> selector` for the page a click on `selector` leads to
/// (a form reached only by a button, as the survivors' feedback form is).
fn open(chrome: &Chrome, base: &str, page: &str) {
    let (path, click) = match page.split_once(" >> ") {
        Some((path, selector)) => (path, Some(selector)),
        None => (page, None),
    };
    chrome.go(&format!("{base}{path}"));
    if let Some(selector) = click {
        let before = chrome.url();
        chrome.click(selector);
        for _ in 0..100 {
            if chrome.url() != before && chrome.source().contains("</main>") {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        panic!("clicking {selector} on {path} led nowhere");
    }
}

/// Checks every page at both widths; returns the problems found.
fn check_pages(chrome: &Chrome, axe: &str, base: &str, who: &str, pages: &[&str]) -> Vec<String> {
    let mut problems = Vec::new();
    for (width, height) in [(1280, 900), (375, 800)] {
        chrome.resize(width, height);
        for page in pages {
            open(chrome, base, page);
            for v in violations(chrome, axe) {
                problems.push(format!("{who} {page} at {width}px: {v}"));
            }
            if let Some(overflow) = chrome.sideways_scroll() {
                problems.push(format!(
                    "{who} {page} at {width}px: scrolls sideways by {overflow}"
                ));
            }
        }
    }
    problems
}

/// Checks `pages` in a browser of their own, signed in as `email` when given.
fn as_user(axe: &str, base: &str, email: Option<&str>, who: &str, pages: &[&str]) -> Vec<String> {
    let chrome = Chrome::start();
    if let Some(email) = email {
        sign_in(&chrome, base, email);
    }
    check_pages(&chrome, axe, base, who, pages)
}

#[test]
fn every_page_passes_axe_for_every_role_at_desktop_and_phone_widths() {
    let Some(axe) = tools_available() else {
        return;
    };
    let db = TestDb::demo();
    let server = Server::start(&db.url, &[]);
    let base = server.base.clone();
    // The demo's busiest feedback link: its start page in each language, the form (reached by
    // Start), and its thanks page.
    let (service, link) = {
        let platform = db.platform();
        let mut conn = platform.conn().expect("connection");
        let links = frontline_web::store::feedback::all_links(&mut conn).expect("links");
        let (service, first) = links.iter().next().expect("the demo has feedback links");
        (*service, first[0].token.clone())
    };
    let survivor: Vec<String> = [
        "",
        "?lang=cy",
        "?lang=easy-read",
        " >> #start",
        "?lang=cy >> #start",
        "/thanks",
    ]
    .iter()
    .map(|tail| format!("/feedback/{link}{tail}"))
    .collect();
    let survivor: Vec<&str> = survivor.iter().map(String::as_str).collect();
    let feedback_page = format!("/admin/feedback/services/{service}");
    let public = [
        "/",
        "/login",
        "/publications/2016/",
        "/publications/2016/tables/pfa-coverage.html",
        "/publications/2016/tables/refuge-spaces-by-pfa.html",
        "/publications/2016/tables/survivor-feedback-support.html",
        "/publications/2016/trends.html",
        "/publications/2016/tables/trends-by-region.html",
        "/directory/2016?opening=evenings&no_recourse=yes",
        "/publications/2016/qualitative/index.html",
        "/publications/2016/directory/index.html",
        "/publications/2016/packs/index.html",
        "/publications/2016/packs/E23000032/index.html",
        "/publications/2016/versions",
        "/publications/2021/",
        "/no-such-page",
    ];
    let team = [
        "/admin",
        "/admin/cycles/2018",
        "/admin/cycles/2018?show=waiting",
        // Closing fieldwork asks first.
        "/admin/cycles/2018 >> form[action$='/status'] button",
        "/admin/cycles/2017/estimates",
        "/admin/cycles/2017/publication",
        "/admin/cycles/2021/wave",
        "/admin/audit",
        "/returns",
        "/packs/2017",
        // A respondent's pages, as the team completes them by phone for the first service.
        "/admin/cycles/2018/services/1",
        "/admin/cycles/2018/services/1/section/service",
        "/admin/cycles/2018/services/1/section/practitioners",
        "/admin/cycles/2018/services/1/check",
        "/admin/cycles/2018/services/1/profile",
        "/admin/vacancies",
        "/admin/feedback",
        &feedback_page,
        "/admin/consultations",
        "/provision/2018/areas/W15000001",
    ];
    let pcc = [
        "/pcc",
        "/pcc/2017/E23000032",
        "/returns/kent-pcc-victim-services/grants",
        "/returns/kent-pcc-victim-services/grants/KPCC-25-03",
        "/admin/due-diligence",
        "/provision/2017/areas/E23000032",
        "/admin/feedback",
        "/admin/consultations",
    ];
    let coder = ["/coding", "/coding/2017"];
    let referrer = [
        "/vacancies",
        "/vacancies?region=Wales&kind=family&child_aged=19",
    ];
    let mut problems = as_user(&axe, &base, None, "public", &public);
    problems.extend(as_user(&axe, &base, None, "survivor", &survivor));
    problems.extend(as_user(
        &axe,
        &base,
        Some("admin@example.org"),
        "survey team",
        &team,
    ));
    problems.extend(as_user(
        &axe,
        &base,
        Some("pcc.kent@example.org"),
        "PCC office",
        &pcc,
    ));
    problems.extend(as_user(
        &axe,
        &base,
        Some("coder@example.org"),
        "coder",
        &coder,
    ));
    problems.extend(as_user(
        &axe,
        &base,
        Some("referrer@example.org"),
        "referrer",
        &referrer,
    ));
    assert!(
        problems.is_empty(),
        "{} accessibility problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}
