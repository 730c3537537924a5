//! Journeys in headless Chromium: a practitioner opens the link from their invitation (as
//! written to the mail folder when no SMTP server is set) and completes the survey; a reader
//! opens a released publication and finds its maps, their data tables and the attribution; a
//! coder codes comments from the keyboard; the team checks a release and confirms it; an SV provider answers a funding stream (a repeating
//! group) and a likert question by keyboard alone.

mod support;

use frontline_web::store::{accounts, codings, cycles, responses, services};
use support::smtp::link_in;
use support::webdriver::{self, Chrome};
use support::{Server, TestDb};

/// Whether Chromium can run here; CI sets FRONTLINE_REQUIRE_BROWSER so it cannot skip there.
fn browser_available() -> bool {
    if !webdriver::available() {
        assert!(
            std::env::var("FRONTLINE_REQUIRE_BROWSER").is_err(),
            "chromium and chromedriver are required (apt-get install chromium chromium-driver)"
        );
        eprintln!("skipped: chromium/chromedriver not installed (CI installs them)");
        return false;
    }
    true
}

#[test]
fn a_reader_opens_a_released_publication_with_maps_tables_and_attribution() {
    if !browser_available() {
        return;
    }
    let db = TestDb::demo();
    let server = Server::start(&db.url, &[]);
    let chrome = Chrome::start();
    chrome.go(&format!("{}/publications/2016/", server.base));
    chrome.wait_for_url("/publications/2016/");
    let seen = chrome.execute(
        "const img = document.querySelector('figure img');
         return {
           mapDrawn: img.complete && img.naturalWidth > 0,
           mapAlt: img.alt,
           mapTableRows: document.querySelectorAll('.map-data')[0].querySelectorAll('tbody tr').length,
           coverageRows: document.querySelectorAll('#pfa-coverage tbody tr').length,
           credits: document.querySelector('footer.credits').innerText,
           version: document.querySelector('main').innerText.includes('Version 2'),
         };",
    );
    assert_eq!(seen["mapDrawn"], true, "{seen}");
    assert!(seen["mapAlt"].as_str().unwrap().contains("Colour scale"));
    assert_eq!(seen["mapTableRows"], 43, "{seen}");
    assert_eq!(seen["coverageRows"], 43, "{seen}");
    let credits = seen["credits"].as_str().unwrap();
    assert!(
        credits.contains("Office for National Statistics")
            && credits.contains("Contains OS data © Crown copyright")
            && credits.contains("Practitioner survey 2016"),
        "{credits}"
    );
    assert_eq!(seen["version"], true);
}

#[test]
fn a_coder_codes_comments_with_number_and_letter_keys() {
    if !browser_available() {
        return;
    }
    let db = TestDb::demo();
    // The demo's 2017 is frozen, so its coding is closed; re-open it to code.
    let (ok, _, err) = support::frontline(
        &db.url,
        &[
            "freeze",
            "--cycle",
            "2017",
            "--reopen",
            "--reason",
            "more coding",
        ],
    );
    assert!(ok, "{err}");
    let server = Server::start(&db.url, &[]);
    let chrome = Chrome::start();
    chrome.go(&format!("{}/login", server.base));
    chrome.type_into("#email", "coder@example.org");
    chrome.type_into("#password", "frontline-demo\u{E007}");
    chrome.wait_for_url("/coding");
    chrome.go(&format!(
        "{}/coding/2017/biggest_difference/work?filter=all",
        server.base
    ));
    chrome.wait_for_url("filter=all");
    let on_screen = |chrome: &Chrome| {
        chrome.execute(
            "const form = document.querySelector('[data-category-key=\"1\"]').form;
             return { id: Number(form.action.split('/comments/')[1].split('/')[0]),
                      next: document.getElementById('next').href };",
        )
    };
    let first = on_screen(&chrome);
    let id = first["id"].as_i64().unwrap() as i32;
    // 1 chooses "Specialist services", which has subcategories; a picks "Idvas".
    chrome.press("1a");
    let next = first["next"].as_str().unwrap();
    chrome.wait_for_url(&next[next.find("/coding/").unwrap()..]);
    let platform = db.platform();
    let mut conn = platform.conn().unwrap();
    let coder = accounts::by_email(&mut conn, "coder@example.org")
        .unwrap()
        .unwrap();
    assert_eq!(
        codings::code_of(&mut conn, id, coder.id)
            .unwrap()
            .as_deref(),
        Some("Specialist services / Idvas")
    );
    // 1 then Enter codes the category alone; u takes it back.
    let shown = on_screen(&chrome);
    let second = shown["id"].as_i64().unwrap() as i32;
    let before = codings::code_of(&mut conn, second, coder.id).unwrap();
    chrome.press("1\u{E007}");
    let next = shown["next"].as_str().unwrap();
    chrome.wait_for_url(&next[next.find("/coding/").unwrap()..]);
    assert_eq!(
        codings::code_of(&mut conn, second, coder.id)
            .unwrap()
            .as_deref(),
        Some("Specialist services")
    );
    chrome.press("u");
    chrome.wait_for_url(&format!("at={second}"));
    assert_eq!(
        codings::code_of(&mut conn, second, coder.id).unwrap(),
        before,
        "undo put back what the coder had before"
    );
}

#[test]
fn a_practitioner_completes_the_survey_in_chromium() {
    if !browser_available() {
        return;
    }
    let db = TestDb::new();
    let mail_dir = db.folder().join("mail");
    let contacts = db.folder().join("contacts.csv");
    std::fs::write(
        &contacts,
        "organisation,service,email,pfas\nWillow Trust,Willow Idva Service,idva@willow.example.org,Kent\n",
    )
    .unwrap();
    // The server's own mail worker may send the invitation first: same folder.
    let server = Server::start_with_env(
        &db.url,
        &[],
        &[("FRONTLINE_MAIL_DIR", mail_dir.display().to_string())],
    );
    let env = [
        ("FRONTLINE_MAIL_DIR", mail_dir.display().to_string()),
        ("FRONTLINE_PUBLIC_URL", server.base.clone()),
    ];
    let contacts_arg = contacts.display().to_string();
    let steps = [
        vec!["import-contacts", "--cycle", "2017", &contacts_arg],
        vec!["send-invitations", "--cycle", "2017"],
        vec!["send-mail"],
    ];
    for args in support::open_2017_cycle().into_iter().chain(steps) {
        let (ok, out, err) = support::frontline_with_env(&db.url, &args, &env);
        assert!(ok, "{args:?}: {out}{err}");
    }
    let message = std::fs::read_dir(&mail_dir)
        .unwrap()
        .filter_map(Result::ok)
        .find(|e| e.path().extension().is_some_and(|x| x == "eml"))
        .map(|e| std::fs::read_to_string(e.path()).unwrap())
        .expect("the invitation was written to the mail folder");
    let link = link_in(&message);

    // On the narrowest phone: every page fits without scrolling sideways.
    let chrome = Chrome::start();
    chrome.resize(320, 700);
    let fits = |page: &str| assert_eq!(chrome.sideways_scroll(), None, "{page} at 320px");
    chrome.go(&link);
    assert!(chrome.source().contains("Willow Idva Service"));
    fits("start");
    chrome.click("a.button");

    // Continue on an empty section: its own problems, on its own page, the summary focused.
    chrome.click("button[value=continue]");
    chrome.wait_for_text("There is a problem");
    assert!(
        chrome.url().ends_with("/section/service"),
        "{}",
        chrome.url()
    );
    assert!(
        chrome.focused(".error-summary"),
        "focus on the error summary"
    );
    fits("service section with errors");
    chrome.type_into("#q-respondent_name", "Wendy Willow");
    chrome.type_into("#q-respondent_role", "Idva lead");
    chrome.click("input[name=service_description][value=specialist_da]");
    chrome.click("input[name=employs_practitioners][value=yes]");
    chrome.click("button[value=continue]");

    // A bad cell of the role grid: the summary links to that very cell, marked invalid.
    chrome.wait_for_url("/section/practitioners");
    fits("practitioners section");
    // The role grid fits its box: no column cut off, no word broken letter by letter.
    let grid_fits = |when: &str| {
        let overflow = chrome.execute(
            "const box = document.querySelector('.table-scroll');
             if (box.scrollWidth <= box.clientWidth) return null;
             return box.scrollWidth + ' in ' + box.clientWidth + ': '
               + [...box.querySelectorAll('tr:first-child > *, tbody tr:first-child > *')]
                   .map(c => c.getBoundingClientRect().width).join(', ');",
        );
        assert!(
            overflow.is_null(),
            "{when}, the role grid is wider than its box: {overflow}"
        );
    };
    grid_fits("at 320 px");
    chrome.type_into("input[name='roles.idva.people']", "two");
    chrome.type_into("input[name='roles.idva.fte']", "1.5");
    // Of the Idva FTE, how much works with high-risk victims.
    chrome.type_into("#q-idva_high_risk_fte", "1");
    chrome.click("input[name=idva_locations][value=police]");
    chrome.click("button[value=continue]");
    chrome.wait_for_text("There is a problem");
    assert!(chrome.focused(".error-summary"));
    fits("practitioners section with errors");
    chrome.find(".error-summary a[href='#q-roles.idva.people']");
    grid_fits("with errors at 320 px");
    chrome.find("[id='q-roles.idva.people'][aria-invalid=true]");
    chrome.clear("[id='q-roles.idva.people']");
    chrome.type_into("[id='q-roles.idva.people']", "2");
    chrome.click("button[value=continue]");

    // One area: its share is filled in as 100%; Enter submits the form from the keyboard.
    chrome.wait_for_url("/section/areas");
    fits("areas section");
    chrome.type_into("input[name='areas.E23000032']", "\u{E007}");
    chrome.wait_for_url("/section/views");
    chrome.type_into("#q-biggest_difference", "Idvas in every hospital.");
    chrome.click("button[value=continue]");

    chrome.wait_for_url("/check");
    fits("check your answers");
    assert!(chrome.source().contains("2 people, 1.5 FTE"));
    chrome.click("form[action$='/submit'] button");
    chrome.wait_for_url("/done");
    assert!(chrome.source().contains("Thank you"));
    fits("done");

    let platform = db.platform();
    let mut conn = platform.conn().unwrap();
    let cycle = cycles::by_year(&mut conn, 2017).unwrap();
    let service = services::all(&mut conn).unwrap().remove(0);
    let response = responses::find(&mut conn, cycle.id, service.id)
        .unwrap()
        .unwrap();
    assert!(response.is_submitted());
    assert!(response.answers.contains("Wendy Willow"));
}

#[test]
fn the_team_checks_a_release_then_confirms_it_in_chromium() {
    if !browser_available() {
        return;
    }
    let db = TestDb::demo();
    let server = Server::start(&db.url, &[]);
    let chrome = Chrome::start();
    chrome.go(&format!("{}/login", server.base));
    chrome.type_into("#email", "admin@example.org");
    chrome.type_into("#password", "frontline-demo\u{E007}");
    chrome.wait_for_text("Sign out");

    // No notes: the error is linked to the field and has the focus.
    chrome.go(&format!("{}/admin/cycles/2017/publication", server.base));
    chrome.click("form[action$='/releases/check'] button");
    chrome.wait_for_text("There is a problem");
    assert!(chrome.focused(".error-summary"));
    chrome.find(".error-summary a[href='#notes']");

    // Notes given: the check page says what will be public; nothing is until confirmed.
    chrome.type_into("#notes", "First release of the 2017 figures.");
    chrome.click("form[action$='/releases/check'] button");
    chrome.wait_for_text("Release version 1 to the public");
    assert!(chrome.source().contains("pfa-coverage.csv"));
    let public = reqwest::blocking::get(format!("{}/publications/2017/", server.base)).unwrap();
    assert_eq!(public.status(), 404, "checking releases nothing");

    chrome.click("button.warning");
    chrome.wait_for_url("/publication?released=1");
    chrome.find(".notice a[href='/publications/2017/']");
    assert!(chrome.source().contains("Version 1 is released"));
    chrome.click(".notice a[href='/publications/2017/']");
    chrome.wait_for_text("First release of the 2017 figures.");
}

/// Presses Tab until the focused element matches `css` (as a keyboard user moves through a
/// form), failing after 120 presses.
fn tab_to(chrome: &Chrome, css: &str) {
    for _ in 0..120 {
        if chrome.focused(css) {
            return;
        }
        chrome.press("\u{E004}");
    }
    panic!("Tab never reached {css}");
}

#[test]
fn a_provider_answers_a_funding_stream_and_a_likert_question_by_keyboard_alone() {
    if !browser_available() {
        return;
    }
    let db = TestDb::new();
    for args in [
        vec![
            "new-cycle",
            "--year",
            "2021",
            "--schema",
            "practitioner-survey-2018",
            "--title",
            "SV study 2021",
            "--opens",
            "2021-03-01",
            "--closes",
            "2021-05-28",
        ],
        vec!["cycle-status", "--cycle", "2021", "open"],
        vec![
            "wave",
            "add",
            "--cycle",
            "2021",
            "--instrument",
            "sv-provider-survey-2021",
            "--group",
            "SV providers",
        ],
    ] {
        let (ok, out, err) = support::frontline(&db.url, &args);
        assert!(ok, "{args:?}: {out}{err}");
    }
    let (ok, out, err) = support::frontline(
        &db.url,
        &[
            "open-link",
            "--cycle",
            "2021",
            "--instrument",
            "sv-provider-survey-2021",
            "--channel",
            "Network bulletin",
        ],
    );
    assert!(ok, "{out}{err}");
    let token = out.trim().rsplit('/').next().expect("token").to_string();
    let server = Server::start(&db.url, &["--open-link-min-seconds", "0"]);
    let chrome = Chrome::start();
    chrome.go(&format!("{}/o/{token}", server.base));
    tab_to(&chrome, "button[type=submit]");
    chrome.press("\u{E007}");
    chrome.wait_for_url("?new=1");
    let private = chrome.url().trim_end_matches("?new=1").to_string();

    // A funding stream: radios by Space and arrows, text and dates typed, Enter to save.
    chrome.go(&format!("{private}/section/funding"));
    tab_to(&chrome, "input[name='funding_streams.0.funder_type']");
    chrome.press(" \u{E015}");
    tab_to(&chrome, "input[name='funding_streams.0.funder']");
    chrome.press("Kent County Council");
    tab_to(&chrome, "input[name='funding_streams.0.kind']");
    chrome.press("\u{E015}");
    // Dates as day, month and year, each in a field of its own.
    for (field, typed) in [
        ("start.day", "1"),
        ("start.month", "4"),
        ("start.year", "2020"),
        ("end.day", "31"),
        ("end.month", "3"),
        ("end.year", "2023"),
    ] {
        tab_to(&chrome, &format!("input[name='funding_streams.0.{field}']"));
        chrome.press(typed);
    }
    tab_to(&chrome, "input[name='funding_streams.0.annual_amount']");
    chrome.press("45000.50");
    tab_to(
        &chrome,
        "input[name='funding_streams.0.core_costs_covered']",
    );
    chrome.press(" ");
    tab_to(&chrome, "button[value=continue]");
    chrome.press("\u{E007}");
    chrome.wait_for_url("/section/demand");

    // A likert question: each statement is its own radio group; arrows move along the scale.
    chrome.go(&format!("{private}/section/views"));
    tab_to(
        &chrome,
        "input[name='views_commissioning.funding_long_enough']",
    );
    chrome.press("\u{E014}\u{E014}\u{E014}");
    tab_to(
        &chrome,
        "input[name='views_commissioning.core_costs_covered']",
    );
    chrome.press(" ");
    tab_to(&chrome, "button[value=continue]");
    chrome.press("\u{E007}");
    chrome.wait_for_url("/section/open");

    let platform = db.platform();
    let mut conn = platform.conn().unwrap();
    let cycle = cycles::by_year(&mut conn, 2021).unwrap();
    let stored = frontline_web::store::instruments::responses_of_wave(&mut conn, cycle.id).unwrap();
    let answers: serde_json::Value = serde_json::from_str(&stored[0].answers).unwrap();
    let stream = &answers["funding_streams"][0];
    assert_eq!(
        stream["funder_type"], "local_authority",
        "Space then Down: {answers}"
    );
    assert_eq!(stream["funder"], "Kent County Council");
    assert_eq!(stream["kind"], "contract");
    assert_eq!(stream["start"], "2020-04-01");
    assert_eq!(stream["end"], "2023-03-31");
    assert_eq!(stream["annual_amount"], 4_500_050, "pence, exactly");
    assert_eq!(stream["core_costs_covered"], "yes");
    assert_eq!(
        answers["views_commissioning"]["funding_long_enough"],
        "agree"
    );
    assert_eq!(
        answers["views_commissioning"]["core_costs_covered"],
        "strongly_disagree"
    );
}
