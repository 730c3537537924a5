//! Fieldwork end to end, over real HTTP against `frontline serve`, with a real SMTP server on
//! loopback: contacts → invitations by SMTP → answering with save, resume, errors and submit →
//! reminders to non-responders only → closing stops the links.

mod support;

use frontline_web::store::states::{Channel, MailStatus, Outcome, ResponseStatus};
use frontline_web::store::{cycles, outbox, responses};
use support::smtp::{link_in, MailSink};
use support::web::{csrf_in, Browser};
use support::{frontline, Server, TestDb};
use survey_engine::Answers;

const PASSWORD: &str = "a long test password";

/// A database with an open 2017 cycle and an admin account.
fn prepared() -> TestDb {
    let db = TestDb::new();
    let account = vec![
        "create-account",
        "--email",
        "team@example.org",
        "--name",
        "Survey team",
        "--password",
        PASSWORD,
    ];
    let steps = support::open_2017_cycle().into_iter().chain([account]);
    for args in steps {
        let (ok, out, err) = frontline(&db.url, &args);
        assert!(ok, "{args:?}: {out}{err}");
    }
    db
}

fn start(db: &TestDb, smtp: &MailSink) -> Server {
    Server::start_with_env(
        &db.url,
        &[],
        &[
            ("FRONTLINE_SMTP_URL", smtp.url.clone()),
            ("FRONTLINE_MAIL_POLL_MS", "100".into()),
        ],
    )
}

fn stored_answers(db: &TestDb, service_name: &str) -> Option<responses::Response> {
    let platform = db.platform();
    let mut conn = platform.conn().unwrap();
    let cycle = cycles::by_year(&mut conn, 2017).unwrap();
    let service = frontline_web::store::services::all(&mut conn)
        .unwrap()
        .into_iter()
        .find(|s| s.name == service_name)
        .expect("service exists");
    responses::find(&mut conn, cycle.id, service.id).unwrap()
}

const CONTACTS: &str = "organisation,service,email,pfas,name\n\
    Harbour Trust,Harbour Idva Service,idva@harbour.example.org,Cumbria;Lancashire,Ann Idva\n\
    Kestrel Project,Kestrel Outreach,outreach@kestrel.example.org,Kent,Bob Outreach\n";

#[test]
fn survey_fieldwork_from_contacts_to_close() {
    let db = prepared();
    let smtp = MailSink::start();
    let server = start(&db, &smtp);
    let team = Browser::new(&server.base);
    let csrf = team.sign_in("team@example.org", PASSWORD);

    // A file with a bad row imports nothing and says which line and field.
    let bad = format!("{CONTACTS}Nobody,Nowhere,not-an-email,Atlantis\n");
    let page = team.post_file("/admin/cycles/2017/contacts", &csrf, "bad.csv", &bad);
    assert_eq!(page.status, 422);
    assert!(page.body.contains("line 4, email"), "{}", page.body);
    assert!(
        page.body.contains("line 4, pfas: &#x27;Atlantis&#x27;")
            || page.body.contains("line 4, pfas"),
        "{}",
        page.body
    );
    let platform = db.platform();
    assert_eq!(
        frontline_web::store::services::count(&mut platform.conn().unwrap()).unwrap(),
        0,
        "nothing half-imported"
    );

    // The good file imports both services and their contacts.
    let page = team.post_file(
        "/admin/cycles/2017/contacts",
        &csrf,
        "contacts.csv",
        CONTACTS,
    );
    assert_eq!(page.status, 303, "{}", page.body);

    // Invitations go out over SMTP, once each however often the button is pressed.
    assert_eq!(
        team.post("/admin/cycles/2017/invitations", &[("csrf", &csrf)])
            .status,
        303
    );
    assert_eq!(
        team.post("/admin/cycles/2017/invitations", &[("csrf", &csrf)])
            .status,
        303
    );
    let mail = smtp.wait_for(2);
    let to_idva = mail
        .iter()
        .find(|m| m.to.iter().any(|t| t.contains("idva@harbour")))
        .expect("invitation to the Idva service");
    assert!(to_idva.data.contains("Harbour Idva Service"));
    let link = link_in(&to_idva.data);
    assert!(link.starts_with(&server.base), "{link}");

    // A form without the session's CSRF token is refused.
    assert_eq!(
        team.post("/admin/cycles/2017/invitations", &[("csrf", "forged")])
            .status,
        403
    );

    // The respondent opens the link and saves the first section, then leaves.
    let respondent = Browser::new(&server.base);
    let start_page = respondent.get(&link);
    assert_eq!(start_page.status, 200);
    assert!(start_page.body.contains("Harbour Idva Service"));
    let page = respondent.post(
        &format!("{link}/section/service"),
        &[
            ("respondent_name", "Ann Idva"),
            ("respondent_role", "Idva manager"),
            ("service_description", "specialist_da"),
            ("employs_practitioners", "yes"),
            ("action", "save_and_leave"),
        ],
    );
    assert_eq!(page.status, 303);
    let saved = stored_answers(&db, "Harbour Idva Service").expect("partial save stored");
    assert_eq!(saved.status, ResponseStatus::Partial);

    // Resuming shows what was saved.
    let page = respondent.get(&format!("{link}/section/service"));
    assert!(
        page.body.contains("value=\"Idva manager\""),
        "{}",
        page.body
    );

    // Bad figures are shown back with an error summary, and nothing of them is stored.
    let page = respondent.post(
        &format!("{link}/section/practitioners"),
        &[
            ("roles.idva.people", "3"),
            ("roles.idva.fte", "two"),
            ("idva_high_risk_fte", "1.234"),
            ("action", "continue"),
        ],
    );
    assert_eq!(page.status, 422);
    assert!(page.body.contains("There is a problem"));
    assert!(
        page.body.contains("href=\"#q-roles.idva.fte\""),
        "error summary links to the very cell"
    );
    assert!(page.body.contains("Enter FTE as a number"), "{}", page.body);
    assert!(page.body.contains("no more than two decimal places"));
    assert!(
        page.body.contains("value=\"two\""),
        "what was typed is shown back"
    );
    let after = stored_answers(&db, "Harbour Idva Service").unwrap();
    assert_eq!(
        after.answers, saved.answers,
        "a refused save stores nothing"
    );

    // Good figures; the FTE split between the two areas must add up to 100.
    let page = respondent.post(
        &format!("{link}/section/practitioners"),
        &[
            ("roles.idva.people", "3"),
            ("roles.idva.fte", "2.5"),
            ("roles.outreach.people", "1"),
            ("roles.outreach.fte", "0.6"),
            ("idva_high_risk_fte", "2"),
            ("idva_cases", "both"),
            ("idva_locations", "specialist_da"),
            ("idva_locations", "police"),
            ("volunteers", "4"),
            ("action", "continue"),
        ],
    );
    assert_eq!(page.status, 303, "{}", page.body);
    assert_eq!(
        page.location.as_deref(),
        Some(format!("{}/section/areas", link.trim_start_matches(&server.base)).as_str())
    );
    let page = respondent.post(
        &format!("{link}/section/areas"),
        &[("areas.E23000002", "70"), ("areas.E23000003", "20")],
    );
    assert_eq!(page.status, 422);
    assert!(page.body.contains("add up to 100%"), "{}", page.body);
    let page = respondent.post(
        &format!("{link}/section/areas"),
        &[("areas.E23000002", "70"), ("areas.E23000003", "30")],
    );
    assert_eq!(page.status, 303);
    let page = respondent.post(
        &format!("{link}/section/views"),
        &[
            ("biggest_difference", "More Idvas in hospitals."),
            ("action", "continue"),
        ],
    );
    assert_eq!(
        page.location.as_deref().map(|l| l.ends_with("/check")),
        Some(true)
    );

    // Check your answers, then submit.
    let check = respondent.get(&format!("{link}/check"));
    assert!(
        check
            .body
            .contains("Idva (independent domestic violence advisor): 3 people, 2.5 FTE"),
        "{}",
        check.body
    );
    assert!(check.body.contains("Cumbria 70%"));
    let page = respondent.post(&format!("{link}/submit"), &[]);
    assert_eq!(page.status, 303, "{}", page.body);
    let submitted = stored_answers(&db, "Harbour Idva Service").unwrap();
    assert_eq!(submitted.status, ResponseStatus::Submitted);
    assert_eq!(submitted.channel, Channel::Online);
    let answers = Answers::from_json(submitted.submitted_answers.as_deref().unwrap()).unwrap();
    assert_eq!(answers.number("idva_high_risk_fte"), Some(2.0));
    assert_eq!(
        answers.get("respondent_role").and_then(|v| v.as_str()),
        Some("Idva manager")
    );

    // Amending after submission keeps the submitted figures until resubmitted.
    let page = respondent.post(
        &format!("{link}/section/views"),
        &[
            ("biggest_difference", "More Idvas in A&E."),
            ("action", "save_and_leave"),
        ],
    );
    assert_eq!(page.status, 303);
    let amended = stored_answers(&db, "Harbour Idva Service").unwrap();
    assert!(amended.has_unsubmitted_changes());
    assert_eq!(amended.submitted_answers, submitted.submitted_answers);

    // The dashboard counts it; the export has a row per service and the schema version.
    let dash = team.get("/admin/cycles/2017");
    assert!(dash.body.contains("Submitted online"));
    let csv = team.get("/admin/cycles/2017/responses.csv").body;
    let rows: Vec<&str> = csv.lines().collect();
    assert_eq!(rows.len(), 3, "{csv}");
    assert!(rows[0].contains("schema_version") && rows[0].contains("roles.idva.fte"));
    assert!(csv.contains("practitioner-survey-2017@2017.1"));

    // A reminder goes only to the service that has not submitted.
    assert_eq!(
        team.post("/admin/cycles/2017/reminders", &[("csrf", &csrf)])
            .status,
        303
    );
    let mail = smtp.wait_for(3);
    let reminders: Vec<_> = mail
        .iter()
        .filter(|m| m.data.contains("Reminder"))
        .collect();
    assert_eq!(reminders.len(), 1, "{mail:?}");
    assert!(reminders[0]
        .to
        .iter()
        .all(|t| t.contains("outreach@kestrel")));
    // A reminder's own link works too.
    assert_eq!(respondent.get(&link_in(&reminders[0].data)).status, 200);

    // Closing asks first, saying how many have not submitted; only the confirmation closes.
    let asked = team.post(
        "/admin/cycles/2017/status",
        &[("csrf", &csrf), ("status", "closed")],
    );
    assert_eq!(asked.status, 200);
    assert!(
        asked.body.contains("Close the 2017 survey?"),
        "{}",
        asked.body
    );
    assert!(asked.body.contains("not submitted yet"), "{}", asked.body);
    assert_eq!(respondent.get(&link).status, 200, "asking closes nothing");
    // Closing the cycle makes every link stop working.
    assert_eq!(
        team.post(
            "/admin/cycles/2017/status",
            &[("csrf", &csrf), ("status", "closed"), ("confirm", "yes")]
        )
        .status,
        303
    );
    let closed = respondent.get(&link);
    assert_eq!(closed.status, 410);
    assert!(closed.body.contains("This survey has closed"));
    let refused = respondent.post(
        &format!("{link}/section/views"),
        &[("biggest_difference", "late")],
    );
    assert_eq!(refused.status, 410);

    // Nothing was sent twice, and the outbox keeps no link tokens once mail is sent.
    std::thread::sleep(std::time::Duration::from_millis(500));
    assert_eq!(smtp.messages().len(), 3);
    let tally = outbox::tally(&mut platform.conn().unwrap()).unwrap();
    assert_eq!(tally, vec![(MailStatus::Sent, 3)]);
}

#[test]
fn staff_record_phone_returns_declines_and_closures() {
    let db = prepared();
    let smtp = MailSink::start();
    let server = start(&db, &smtp);
    let team = Browser::new(&server.base);
    let csrf = team.sign_in("team@example.org", PASSWORD);
    assert_eq!(
        team.post_file("/admin/cycles/2017/contacts", &csrf, "c.csv", CONTACTS)
            .status,
        303
    );
    let platform = db.platform();
    let services = frontline_web::store::services::all(&mut platform.conn().unwrap()).unwrap();
    let (idva, outreach) = (services[0].id, services[1].id);

    // Staff complete the first service's return on the phone.
    let base = format!("/admin/cycles/2017/services/{idva}");
    let page = team.get(&base);
    assert_eq!(page.status, 200);
    let csrf = csrf_in(&page.body);
    let forms: [(&str, Vec<(&str, &str)>); 4] = [
        (
            "service",
            vec![
                ("respondent_name", "Ann"),
                ("respondent_role", "Manager"),
                ("service_description", "police"),
                ("employs_practitioners", "yes"),
            ],
        ),
        (
            "practitioners",
            vec![("roles.idva.people", "2"), ("roles.idva.fte", "2")],
        ),
        (
            "areas",
            vec![("areas.E23000002", "50"), ("areas.E23000003", "50")],
        ),
        ("views", vec![]),
    ];
    for (section, fields) in forms {
        let mut fields = fields;
        fields.push(("csrf", &csrf));
        let page = team.post(&format!("{base}/section/{section}"), &fields);
        assert_eq!(page.status, 303, "{section}: {}", page.body);
    }
    assert_eq!(
        team.post(&format!("{base}/submit"), &[("csrf", &csrf)])
            .status,
        303
    );
    let response = stored_answers(&db, "Harbour Idva Service").unwrap();
    assert_eq!(
        (response.status.as_str(), response.channel.as_str()),
        ("submitted", "phone")
    );

    // The second has closed: an answer, not a gap.
    let page = team.post(
        &format!("/admin/cycles/2017/services/{outreach}/outcome"),
        &[
            ("csrf", &csrf),
            ("outcome", "service_closed"),
            ("note", "Closed in July; clients moved to Haven."),
        ],
    );
    assert_eq!(page.status, 303, "{}", page.body);
    let closed = stored_answers(&db, "Kestrel Outreach").unwrap();
    assert_eq!(closed.outcome, Outcome::ServiceClosed);
    assert_eq!(
        closed.note.as_deref(),
        Some("Closed in July; clients moved to Haven.")
    );

    let dash = team.get("/admin/cycles/2017").body;
    assert!(dash.contains("Completed by phone") && dash.contains("Service closed"));

    // Anyone not signed in is sent to sign in; a wrong password is refused.
    let stranger = Browser::new(&server.base);
    assert_eq!(
        stranger.get("/admin/cycles/2017").location.as_deref(),
        Some("/login")
    );
    assert_eq!(
        stranger.try_sign_in("team@example.org", "wrong", "").status,
        401
    );
}

#[test]
fn a_starting_server_leaves_another_servers_claim_alone_and_retries_an_abandoned_one() {
    use diesel::prelude::*;
    use frontline_web::db::schema::outbox as table;
    use frontline_web::store::outbox;
    let db = TestDb::new();
    let platform = db.platform();
    let mut conn = platform.conn().unwrap();
    outbox::enqueue(&mut conn, "held", "held@example.org", "Held", "held body").unwrap();
    outbox::enqueue(&mut conn, "free", "free@example.org", "Free", "free body").unwrap();
    // Another server is sending "held" right now: it holds a live lease.
    let claimed = outbox::claim_due(&mut conn, 1, 300).unwrap();
    assert_eq!(claimed[0].dedupe_key, "held");
    assert!(outbox::claim_due(&mut conn, 1, 300).unwrap()[0].dedupe_key == "free");
    diesel::update(table::table.filter(table::dedupe_key.eq("free")))
        .set((
            table::status.eq("pending"),
            table::lease_until.eq(None::<String>),
        ))
        .execute(&mut *conn)
        .unwrap();

    let smtp = MailSink::start();
    let _server = start(&db, &smtp);
    let got = smtp.wait_for(1);
    assert_eq!(got[0].to, vec!["free@example.org".to_string()]);
    std::thread::sleep(std::time::Duration::from_millis(800));
    assert_eq!(
        smtp.messages().len(),
        1,
        "the live claim was not taken over"
    );
    let held: outbox::Mail = table::table
        .filter(table::dedupe_key.eq("held"))
        .select(outbox::Mail::as_select())
        .first(&mut *conn)
        .unwrap();
    assert_eq!(held.status, MailStatus::Sending);

    // The other server died: once its lease runs out, this one sends the message, once.
    diesel::update(table::table.filter(table::dedupe_key.eq("held")))
        .set(table::lease_until.eq("2000-01-01T00:00:00Z"))
        .execute(&mut *conn)
        .unwrap();
    let got = smtp.wait_for(2);
    assert_eq!(got[1].to, vec!["held@example.org".to_string()]);
    std::thread::sleep(std::time::Duration::from_millis(500));
    assert_eq!(smtp.messages().len(), 2);
    let held: outbox::Mail = table::table
        .filter(table::dedupe_key.eq("held"))
        .select(outbox::Mail::as_select())
        .first(&mut *conn)
        .unwrap();
    assert_eq!((held.status.as_str(), held.attempts), ("sent", 2));
}

#[test]
fn an_smtp_outage_loses_nothing_sends_nothing_twice_and_shows_the_backlog() {
    let db = prepared();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .unwrap()
        .port();
    // The mail server is down when the invitations are sent.
    let server = Server::start_with_env(
        &db.url,
        &[],
        &[
            ("FRONTLINE_SMTP_URL", format!("smtp://127.0.0.1:{port}")),
            ("FRONTLINE_MAIL_POLL_MS", "100".into()),
        ],
    );
    let contacts = db.folder().join("contacts.csv");
    std::fs::write(&contacts, CONTACTS).unwrap();
    for args in [
        vec![
            "import-contacts",
            "--cycle",
            "2017",
            contacts.to_str().unwrap(),
        ],
        vec!["send-invitations", "--cycle", "2017"],
    ] {
        let (ok, out, err) = frontline(&db.url, &args);
        assert!(ok, "{args:?}: {out}{err}");
    }
    let platform = db.platform();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let failing = outbox::recent_failures(&mut platform.conn().unwrap(), 10).unwrap();
        if failing.len() == 2 {
            assert!(failing
                .iter()
                .all(|m| m.status == MailStatus::Pending && m.attempts == 1));
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "sends were not attempted"
        );
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    // The admin sees the backlog and why.
    let team = Browser::new(&server.base);
    team.sign_in("team@example.org", PASSWORD);
    let dashboard = team.get("/admin/cycles/2017").body;
    assert!(
        dashboard.contains("idva@harbour.example.org"),
        "{dashboard}"
    );
    assert!(
        dashboard.to_lowercase().contains("connection refused")
            || dashboard.contains("Connection refused"),
        "{dashboard}"
    );

    // The mail server comes back: the retry delivers each invitation exactly once.
    let smtp = MailSink::start_on(port);
    let got = smtp.wait_for(2);
    std::thread::sleep(std::time::Duration::from_millis(500));
    assert_eq!(smtp.messages().len(), 2);
    let mut recipients: Vec<String> = got.iter().flat_map(|m| m.to.clone()).collect();
    recipients.sort();
    assert_eq!(
        recipients,
        vec!["idva@harbour.example.org", "outreach@kestrel.example.org"]
    );
    let tally = outbox::tally(&mut platform.conn().unwrap()).unwrap();
    assert_eq!(tally, vec![(MailStatus::Sent, 2)]);
}

/// A save starts from the response read with the link; when another save landed after that
/// read (first answer or later), the write is refused by the revision check, re-read and merged,
/// so neither save loses the other's answers.
#[test]
fn a_save_from_a_stale_read_keeps_the_answers_saved_since() {
    use frontline_web::fieldwork::answering::{save_section, Respondent, Saved};
    use frontline_web::store::{invitations, services};

    let db = prepared();
    let platform = db.platform();
    let mut conn = platform.conn().unwrap();
    let cycle = cycles::by_year(&mut conn, 2017).unwrap();
    let service = services::create(
        &mut conn,
        "Harbour Trust",
        "Harbour Idva",
        &["E23000032".into()],
    )
    .unwrap();
    let contact =
        services::add_contact(&mut conn, service.id, "", "idva@harbour.example.org").unwrap();
    let invitation = invitations::ensure(&mut conn, cycle.id, service.id, contact).unwrap();
    let token = invitations::mint_token(&mut conn, invitation).unwrap();
    let def = platform.catalogue.get(&cycle.schema_id).unwrap();
    let respondent = |conn: &mut _| {
        let holder = invitations::by_token(conn, &token)
            .unwrap()
            .expect("link holder");
        assert_eq!(holder.service.areas, ["E23000032"]);
        Respondent {
            cycle: holder.cycle,
            service: holder.service,
            channel: Channel::Online,
            actor: "respondent".into(),
            response: holder.response,
        }
    };
    let answers = |pairs: &[(&str, serde_json::Value)]| {
        let mut a = Answers::new();
        for (id, value) in pairs {
            a.set(*id, value.clone());
        }
        a
    };
    let save = |conn: &mut _, r: &Respondent, section: &str, a: Answers| match save_section(
        conn, def, r, section, a,
    )
    .unwrap()
    {
        Saved::Stored(response) => response,
        Saved::Refused(problems) => panic!("refused: {problems:?}"),
    };

    // Both read before anything was saved; the second one's insert finds the row the first made.
    let first = respondent(&mut conn);
    let second = respondent(&mut conn);
    assert!(first.response.is_none());
    save(
        &mut conn,
        &first,
        "service",
        answers(&[("respondent_name", "Ann".into())]),
    );
    let stored = save(
        &mut conn,
        &second,
        "service",
        answers(&[("respondent_role", "Manager".into())]),
    );
    // Both read at one revision; the later write finds it moved on.
    let third = respondent(&mut conn);
    let fourth = respondent(&mut conn);
    assert_eq!(
        third.response.as_ref().map(|r| r.revision),
        Some(stored.revision)
    );
    save(
        &mut conn,
        &third,
        "service",
        answers(&[("service_description", "specialist_da".into())]),
    );
    let last = save(
        &mut conn,
        &fourth,
        "service",
        answers(&[("employs_practitioners", "yes".into())]),
    );

    let kept = Answers::from_json(&last.answers).unwrap();
    for id in [
        "respondent_name",
        "respondent_role",
        "service_description",
        "employs_practitioners",
    ] {
        assert!(kept.get(id).is_some(), "{id} lost: {}", last.answers);
    }
    assert_eq!(last.revision, stored.revision + 2);
}

/// The services shown in a dashboard page's list (one link each).
fn listed_services(body: &str, year: i32) -> Vec<String> {
    let marker = format!("<tr><td><a href=\"/admin/cycles/{year}/services/");
    body.split(&marker)
        .skip(1)
        .map(|row| row.to_string())
        .collect()
}

#[test]
fn long_lists_are_paged_and_filtered_keeping_the_filter_between_pages() {
    let db = TestDb::demo();
    let server = Server::start(&db.url, &[]);
    let team = Browser::new(&server.base);
    team.sign_in("admin@example.org", "frontline-demo");

    // The fieldwork dashboard: 50 services a page; a page past the end shows the last.
    let first = team.get("/admin/cycles/2017").body;
    let total: usize = first
        .split("<p role=\"status\">")
        .nth(1)
        .and_then(|s| s.split(' ').next())
        .and_then(|n| n.replace(',', "").parse().ok())
        .expect("the count of services");
    assert!(
        total > 50,
        "the demo has more services than a page: {total}"
    );
    assert_eq!(listed_services(&first, 2017).len(), 50);
    assert!(first.contains("rel=\"next\"") && !first.contains("rel=\"prev\""));
    let last = team.get("/admin/cycles/2017?page=999").body;
    assert_eq!(
        listed_services(&last, 2017).len(),
        total - (total - 1) / 50 * 50
    );
    assert!(last.contains("rel=\"prev\"") && !last.contains("rel=\"next\""));
    assert_eq!(team.get("/admin/cycles/2017?page=two").status, 200);

    // Filtered by area: every service listed is in Kent, and the pages keep the filter.
    let kent = team.get("/admin/cycles/2017?q=kent").body;
    let rows = listed_services(&kent, 2017);
    assert!(!rows.is_empty() && rows.len() < total);
    assert!(rows
        .iter()
        .all(|r| r.split("</tr>").next().is_some_and(|r| r.contains("Kent"))));
    assert!(kent.contains(&format!("{} of {total} services match “kent”", rows.len())));
    let by_code = team.get("/admin/cycles/2017?q=E23000032").body;
    assert_eq!(
        listed_services(&by_code, 2017).len(),
        rows.len(),
        "an area by its code"
    );
    let nobody = team
        .get("/admin/cycles/2017?q=no+such+service&show=waiting")
        .body;
    assert!(
        nobody.contains("0 of") && nobody.contains("No services match."),
        "{nobody}"
    );

    // The returns programme and the estimates page filter the same way.
    let programme = team.get("/returns/kent-pcc-victim-services?q=zzzz").body;
    assert!(
        programme.contains("No services match “zzzz”."),
        "{programme}"
    );
    assert!(
        programme.contains("0 of 7 services match “zzzz”"),
        "{programme}"
    );
    let estimates = team.get("/admin/cycles/2017/estimates?q=kent&roll=3&impute=x");
    assert_eq!(estimates.status, 200);
    assert!(estimates.body.contains("value=\"kent\""));

    // The public directory: pages read leniently; an unknown filter is refused by name.
    let public = Browser::new(&server.base);
    let directory = public.get("/directory/2016?page=x");
    assert_eq!(directory.status, 200);
    let refused = public.get("/directory/2016?colour=red");
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(
        refused
            .body
            .contains("the directory cannot be searched that way")
            && refused.body.contains("unknown field `colour`"),
        "{}",
        refused.body
    );
}
