//! Several instruments in one wave, over real HTTP and a real SMTP server on loopback: an open
//! link → an anonymous response → resumed by its private link (and by email), shown again unsaved
//! through a moment's database outage → submitted and
//! counted under its channel; the bot guards (honeypot, minimum fill time, starts per address)
//! refuse without storing anything; links close with the wave; named invitations; the
//! comparison published with a small profile cell hidden.

mod support;

use frontline_web::store::states::InstrumentStatus;
use frontline_web::store::{cycles, instruments};
use support::smtp::{link_after, MailSink};
use support::web::Browser;
use support::{frontline, Server, TestDb};

const PASSWORD: &str = "a long test password";

/// An open 2021 wave with the SARC and commissioner surveys and a team account.
fn prepared() -> TestDb {
    let db = TestDb::new();
    let steps: [&[&str]; 5] = [
        &[
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
        &["cycle-status", "--cycle", "2021", "open"],
        &[
            "wave",
            "add",
            "--cycle",
            "2021",
            "--instrument",
            "sarc-survey-2021",
            "--group",
            "SARCs",
        ],
        &[
            "wave",
            "add",
            "--cycle",
            "2021",
            "--instrument",
            "commissioner-survey-2021",
            "--group",
            "Commissioners",
        ],
        &[
            "create-account",
            "--email",
            "team@example.org",
            "--name",
            "Survey team",
            "--password",
            PASSWORD,
        ],
    ];
    for args in steps {
        let (ok, out, err) = frontline(&db.url, args);
        assert!(ok, "{args:?}: {out}{err}");
    }
    db
}

fn open_link(db: &TestDb, instrument: &str, channel: &str) -> String {
    let (ok, out, err) = frontline(
        &db.url,
        &[
            "open-link",
            "--cycle",
            "2021",
            "--instrument",
            instrument,
            "--channel",
            channel,
        ],
    );
    assert!(ok, "{out}{err}");
    let path = out
        .trim()
        .rsplit_once("/o/")
        .map(|(_, t)| format!("/o/{t}"))
        .expect("a link");
    assert_eq!(path.len(), 3 + 64, "{out}");
    path
}

fn responses(db: &TestDb) -> Vec<instruments::InstrumentResponse> {
    let platform = db.platform();
    let mut conn = platform.conn().expect("connection");
    let cycle = cycles::by_year(&mut conn, 2021).expect("cycle");
    instruments::responses_of_wave(&mut conn, cycle.id).expect("responses")
}

/// Starts a response through the open link; returns the private link's path.
fn start(b: &Browser, link: &str) -> String {
    let landing = b.get(link);
    assert_eq!(landing.status, 200);
    assert!(landing.body.contains("survey 2021"), "{}", landing.body);
    let started = b.post(link, &[("website", "")]);
    assert_eq!(started.status, 303, "{}", started.body);
    let to = started.location.expect("redirect to the private link");
    assert!(to.starts_with("/s/") && to.ends_with("?new=1"), "{to}");
    to.trim_end_matches("?new=1").to_string()
}

const PROFILE: [(&str, &str); 7] = [
    ("respondent_role", "manager_ceo"),
    ("region", "south_east"),
    ("time_in_post", "1_5"),
    ("time_in_field", "11_15"),
    ("gender", "woman"),
    ("age_band", "41_50"),
    ("ethnicity", "white"),
];

const STATEMENTS: [&str; 7] = [
    "funding_long_enough",
    "core_costs_covered",
    "monitoring_proportionate",
    "one_template",
    "survivors_needs_understood",
    "partners_work_together",
    "by_and_for_valued",
];

#[test]
fn an_open_link_response_is_resumed_by_its_private_link_and_counted_under_its_channel() {
    let db = prepared();
    let smtp = MailSink::start();
    let link = open_link(&db, "sarc-survey-2021", "SARC managers' network");
    let server = Server::start_with_env(
        &db.url,
        &["--open-link-min-seconds", "1"],
        &[
            ("FRONTLINE_SMTP_URL", smtp.url.clone()),
            ("FRONTLINE_MAIL_POLL_MS", "100".into()),
        ],
    );
    let b = Browser::new(&server.base);
    let private = start(&b, &link);
    let page = b.get(&format!("{private}?new=1"));
    assert!(page.body.contains("This page is your private link"));

    // Ask for the link by email: it arrives through real SMTP.
    let asked = b.post(
        &format!("{private}/email"),
        &[("email", "me@sarc.example.org")],
    );
    assert_eq!(asked.status, 303);
    let bad = b.post(&format!("{private}/email"), &[("email", "not an address")]);
    assert_eq!(bad.status, 422);
    assert!(bad.body.contains("email"), "{}", bad.body);
    let mail = smtp.wait_for(1);
    assert_eq!(mail[0].to, ["me@sarc.example.org"]);
    let emailed = link_after(&mail[0].data, "/s/");
    assert!(emailed.ends_with(&private), "{emailed} resumes {private}");

    // Answer the profile (after the minimum fill time), leave, and come back in a new browser.
    std::thread::sleep(std::time::Duration::from_millis(2100));
    let mut form: Vec<(&str, &str)> = PROFILE.to_vec();
    form.push(("action", "save_and_leave"));
    let saved = b.post(&format!("{private}/section/profile"), &form);
    assert_eq!(saved.status, 303, "{}", saved.body);
    let other = Browser::new(&server.base);
    let resumed = other.get(&format!("{private}/section/profile"));
    assert!(
        resumed.body.contains(r#"value="south_east" checked"#),
        "the region is kept"
    );
    // The database out of reach for a moment: the page comes back with what was chosen.
    let outage = db.outage();
    let refused = other.post(
        &format!("{private}/section/services"),
        &[("sarc_services", "forensic"), ("action", "continue")],
    );
    assert_eq!(refused.status, 503, "{}", refused.body);
    assert!(refused.body.contains("Not saved yet"), "{}", refused.body);
    assert!(refused.body.contains(r#"value="forensic" checked"#));
    drop(outage);
    let services = other.post(
        &format!("{private}/section/services"),
        &[("sarc_services", "forensic"), ("action", "continue")],
    );
    assert_eq!(services.status, 303, "{}", services.body);
    let views: Vec<(String, &str)> = STATEMENTS
        .iter()
        .map(|st| (format!("views_commissioning.{st}"), "agree"))
        .collect();
    let mut form: Vec<(&str, &str)> = views.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    form.push(("action", "continue"));
    let rated = other.post(&format!("{private}/section/views"), &form);
    assert_eq!(rated.status, 303, "{}", rated.body);
    let open = other.post(
        &format!("{private}/section/open"),
        &[
            (
                "biggest_challenge",
                "Children wait too long for Isvas. Funding ends in March.",
            ),
            ("action", "continue"),
        ],
    );
    assert_eq!(open.status, 303, "{}", open.body);
    let submitted = other.post(&format!("{private}/submit"), &[]);
    assert_eq!(submitted.status, 303, "{}", submitted.body);

    let stored = responses(&db);
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].status, InstrumentStatus::Submitted);
    assert_eq!(stored[0].channel, "SARC managers' network");
    assert!(
        stored[0].invited_email.is_none(),
        "open-link respondents stay anonymous"
    );

    // The survey team sees it under its channel; the draft publication counts it there.
    let team = Browser::new(&server.base);
    team.sign_in("team@example.org", PASSWORD);
    let wave = team.get("/admin/cycles/2021/wave");
    assert!(
        wave.body.contains("1 submitted of 1 started"),
        "{}",
        wave.body
    );
    // Respondents are people: one response is a small count, hidden with its totals.
    let draft = team.get("/admin/cycles/2021/draft/tables/wave-responses-by-channel.csv");
    assert!(
        draft.body.contains("SARCs,SARC managers' network,[c]")
            && draft.body.contains("All groups,All channels,[c]"),
        "{}",
        draft.body
    );
    let public =
        Browser::new(&server.base).get("/publications/2021/tables/wave-responses-by-channel.csv");
    assert_eq!(public.status, 404, "nothing unreleased is public");
}

#[test]
fn bots_floods_and_closed_waves_are_refused_without_storing_anything() {
    let db = prepared();
    let link = open_link(&db, "commissioner-survey-2021", "APCC bulletin");
    let server = Server::start(
        &db.url,
        &[
            "--open-link-min-seconds",
            "30",
            "--open-link-starts-per-hour",
            "2",
        ],
    );
    let b = Browser::new(&server.base);

    let bot = b.post(&link, &[("website", "http://offers.example.com")]);
    assert_eq!(bot.status, 422);
    assert!(
        bot.body
            .to_lowercase()
            .contains("website: this field must be left empty"),
        "{}",
        bot.body
    );
    assert!(
        responses(&db).is_empty(),
        "a filled honeypot stores nothing"
    );

    let private = start(&b, &link);
    let fast = b.post(&format!("{private}/section/profile"), &PROFILE);
    assert_eq!(fast.status, 422);
    assert!(
        fast.body.contains("faster than a person could"),
        "{}",
        fast.body
    );
    let stored = responses(&db);
    assert_eq!(
        (
            stored.len(),
            stored[0].status.as_str(),
            stored[0].answers.as_str()
        ),
        (1, "started", "{}")
    );

    start(&b, &link);
    let third = b.post(&link, &[("website", "")]);
    assert_eq!(third.status, 429, "two starts an hour from one address");
    assert_eq!(responses(&db).len(), 2);

    let (ok, _, err) = frontline(
        &db.url,
        &[
            "open-link",
            "--cycle",
            "2021",
            "--instrument",
            "sv-provider-survey-2021",
            "--channel",
            "X",
        ],
    );
    assert!(
        !ok && err
            .contains("instrument: the 2021 wave has no instrument 'sv-provider-survey-2021'"),
        "{err}"
    );
    let (ok, _, err) = frontline(
        &db.url,
        &[
            "open-link",
            "--cycle",
            "2021",
            "--instrument",
            "commissioner-survey-2021",
            "--channel",
            "APCC bulletin",
        ],
    );
    assert!(
        !ok && err.contains("channel: commissioner-survey-2021 already has an open link"),
        "{err}"
    );

    let list = db.folder().join("invitees.csv");
    std::fs::write(
        &list,
        "name,email\nAsha Patel,asha@pcc.example.org\nBen Ode,ben@la.example.org\n",
    )
    .expect("write list");
    let invite = [
        "wave",
        "invite",
        "--cycle",
        "2021",
        "--instrument",
        "commissioner-survey-2021",
    ];
    let (ok, out, err) = frontline(
        &db.url,
        &[&invite[..], &[list.to_str().expect("path")]].concat(),
    );
    assert!(ok && out.contains("2 invited"), "{out}{err}");
    let (ok, out, _) = frontline(
        &db.url,
        &[&invite[..], &[list.to_str().expect("path")]].concat(),
    );
    assert!(
        ok && out.contains("0 invited"),
        "nobody is invited twice: {out}"
    );
    assert_eq!(
        responses(&db)
            .iter()
            .filter(|r| r.channel == "invitation")
            .count(),
        2
    );

    let (ok, out, err) = frontline(&db.url, &["cycle-status", "--cycle", "2021", "closed"]);
    assert!(ok, "{out}{err}");
    assert_eq!(b.get(&link).status, 410, "open links close with the wave");
    assert_eq!(b.get(&private).status, 410, "and so do private links");
}

#[test]
fn the_published_profile_hides_a_two_person_cell_and_its_complement() {
    use frontline_web::publish::{build_site, Edition, MapStyle};
    use frontline_web::store::instruments::NewResponse;
    use frontline_web::templates::Templates;
    let db = prepared();
    let platform = db.platform();
    {
        let mut conn = platform.conn().expect("connection");
        let cycle = cycles::by_year(&mut conn, 2021).expect("cycle");
        let genders = [
            ("sarc-survey-2021", "woman", 12),
            ("sarc-survey-2021", "man", 2),
            ("sarc-survey-2021", "non_binary", 6),
            ("commissioner-survey-2021", "woman", 9),
            ("commissioner-survey-2021", "man", 7),
            ("commissioner-survey-2021", "non_binary", 8),
        ];
        for (instrument, gender, count) in genders {
            for _ in 0..count {
                let r = instruments::start(
                    &mut conn,
                    NewResponse {
                        cycle_id: cycle.id,
                        instrument,
                        schema_version: "test",
                        open_link_id: None,
                        channel: "invitation",
                        invited_email: None,
                        resume_hash: &frontline_web::crypto::LinkToken::generate().hash(),
                        client_key: None,
                    },
                )
                .expect("start");
                let answers = serde_json::json!({ "gender": gender }).to_string();
                instruments::save(
                    &mut conn,
                    r.id,
                    r.revision,
                    &answers,
                    InstrumentStatus::Submitted,
                )
                .expect("save");
            }
        }
    }
    let templates = Templates::new().expect("templates");
    let site = build_site(
        &platform,
        &templates,
        2021,
        &Edition::Draft,
        &MapStyle::Tiles,
    )
    .expect("draft");
    let csv = String::from_utf8_lossy(
        &site
            .file("tables/profile-gender.csv")
            .expect("profile table")
            .content,
    )
    .into_owned();
    let cell = |group: &str, answer: &str| -> String {
        csv.lines()
            .find(|l| l.starts_with(&format!("{group},{answer},")))
            .map(|l| l.split(',').nth(2).unwrap_or_default().to_string())
            .unwrap_or_else(|| panic!("{group} {answer} in {csv}"))
    };
    assert_eq!(cell("SARCs", "Man"), "[c]");
    let hidden_with_it = ["Woman", "Non-binary"]
        .iter()
        .filter(|a| cell("SARCs", a) == "[c]")
        .count();
    assert_eq!(hidden_with_it, 1, "one complement in the row: {csv}");
    assert_eq!(
        cell("Commissioners", "Man"),
        "[c]",
        "and one in the column: {csv}"
    );
    assert_eq!(cell("SARCs", "All answering"), "20");
    let page = String::from_utf8_lossy(&site.file("instruments/index.html").expect("page").content)
        .into_owned();
    assert!(page.contains("DRAFT") && page.contains("profile-gender"));
    assert!(site
        .file("charts/compare-views_commissioning.svg")
        .is_some());
}
