//! Service profiles: given by a service through its invitation link (checked in full, nothing
//! stored when refused, a refuge's postcode refused), rolled forward into the next cycle with
//! its provenance, and read per area with the gap flags and their rules — by the survey team
//! and by the area's own PCC office only.

mod support;

use frontline_web::store::{accounts, audit, cycles, profiles, services};
use support::smtp::link_in;
use support::web::Browser;
use support::{frontline_with_env, Server, TestDb};

const PASSWORD: &str = "a long test password";
const CUMBRIA: &str = "E23000002";

fn cli(db: &TestDb, args: &[&str], env: &[(&str, String)]) -> String {
    let (ok, out, err) = frontline_with_env(&db.url, args, env);
    assert!(ok, "{args:?}: {out}{err}");
    out
}

/// The invitation link of each service, from the mail folder.
fn links(mail: &std::path::Path) -> Vec<(String, String)> {
    std::fs::read_dir(mail)
        .expect("mail folder")
        .filter_map(Result::ok)
        .map(|e| std::fs::read_to_string(e.path()).expect("message"))
        .map(|m| {
            let to = m
                .lines()
                .find(|l| l.starts_with("To:"))
                .unwrap_or_default()
                .to_string();
            (to, link_in(&m))
        })
        .collect()
}

fn profile_form<'a>(
    offers: &'a [&'a str],
    genders: &'a [&'a str],
    contact: &'a str,
) -> Vec<(&'a str, &'a str)> {
    let mut form: Vec<(&str, &str)> = offers.iter().map(|o| ("services_offered", *o)).collect();
    form.extend(genders.iter().map(|g| ("genders_served", *g)));
    form.extend([
        ("crime_types", "domestic_abuse"),
        ("referral_routes", "police"),
        ("public_contact", contact),
        ("waiting_list", "12"),
    ]);
    form
}

#[test]
fn a_profile_given_by_link_is_rolled_forward_and_flags_its_areas_gaps() {
    let db = TestDb::new();
    let mail = db.folder().join("mail");
    let contacts = db.folder().join("contacts.csv");
    std::fs::write(
        &contacts,
        "organisation,service,email,pfas\n\
         Fell Trust,Fell Refuge,refuge@fell.example.org,Cumbria\n\
         Kestrel Project,Kestrel Outreach,outreach@kestrel.example.org,Kent\n",
    )
    .expect("contacts");
    // The server's own mail worker may send the invitations first: same folder.
    let server = Server::start_with_env(
        &db.url,
        &[],
        &[("FRONTLINE_MAIL_DIR", mail.display().to_string())],
    );
    let env = [
        ("FRONTLINE_MAIL_DIR", mail.display().to_string()),
        ("FRONTLINE_PUBLIC_URL", server.base.clone()),
    ];
    let contacts = contacts.display().to_string();
    let steps = [
        vec!["import-contacts", "--cycle", "2017", &contacts],
        vec!["send-invitations", "--cycle", "2017"],
        vec!["send-mail"],
        vec![
            "create-account",
            "--email",
            "team@example.org",
            "--name",
            "Team",
            "--password",
            PASSWORD,
        ],
    ];
    for args in support::open_2017_cycle().into_iter().chain(steps) {
        cli(&db, &args, &env);
    }
    {
        let platform = db.platform();
        let mut conn = platform.conn().expect("connection");
        let pcc = accounts::upsert(
            &mut conn,
            "pcc@kent.example.org",
            "Kent PCC",
            "pcc_reviewer",
            PASSWORD,
        )
        .expect("pcc account");
        accounts::set_areas(&mut conn, pcc.id, &["E23000032".to_string()]).expect("areas");
    }
    let link = links(&mail)
        .into_iter()
        .find(|(to, _)| to.contains("refuge@fell"))
        .map(|(_, l)| l)
        .expect("the refuge's invitation");
    let path = link.trim_start_matches(&server.base).to_string();
    let service = Browser::new(&server.base);

    // Refused in full: no genders, and a refuge's postcode.
    let bad = service.post(
        &format!("{path}/profile"),
        &profile_form(&["idva", "refuge"], &[], "Fell House, Penrith CA11 7QF"),
    );
    assert_eq!(bad.status, 422);
    assert!(bad.body.contains("Who does it support?"), "{}", bad.body);
    assert!(
        bad.body.contains("a refuge&#x27;s location is secret")
            || bad.body.contains("a refuge's location is secret"),
        "{}",
        bad.body
    );
    let platform = db.platform();
    let mut conn = platform.conn().expect("connection");
    let first = cycles::by_year(&mut conn, 2017).expect("cycle");
    let fell = services::all(&mut conn)
        .expect("services")
        .into_iter()
        .find(|s| s.name == "Fell Refuge")
        .expect("service");
    assert!(
        profiles::find(&mut conn, first.id, fell.id)
            .expect("read")
            .is_none(),
        "nothing stored"
    );

    // A funding stream given in the profile must be complete.
    let mut form = profile_form(&["idva", "refuge"], &["women"], "0808 000 0000");
    form.extend([
        ("funding_streams.0.funder_type", "pcc"),
        ("funding_streams.0.funder", "Cumbria PCC"),
        ("funding_streams.0.kind", "grant"),
        ("funding_streams.0.start", "2016-04-01"),
        ("funding_streams.0.end", "2018-03-31"),
        ("funding_streams.0.annual_amount", "45,000.50"),
        ("funding_streams.0.core_costs_covered", "partly"),
        ("funding_streams.0.break_clause", "2017-09-30"),
        ("funding_streams.0.lead_commissioner", "Cumbria PCC"),
        (
            "funding_streams.0.co_commissioners",
            "Cumbria County Council",
        ),
    ]);
    let incomplete = service.post(&format!("{path}/profile"), &form);
    assert_eq!(incomplete.status, 422);
    assert!(
        incomplete
            .body
            .contains("Funding stream 1, role: is needed for the funding register"),
        "{}",
        incomplete.body
    );
    form.push(("funding_streams.0.role", "sole"));
    form.push(("utlas", "E10000016"));
    let elsewhere = service.post(&format!("{path}/profile"), &form);
    assert_eq!(elsewhere.status, 422);
    assert!(
        elsewhere
            .body
            .contains("E10000016 is not an upper-tier authority in the police force areas"),
        "Kent County Council is not in Cumbria: {}",
        elsewhere.body
    );
    form.pop();
    form.push(("utlas", "E10000006"));
    let good = service.post(&format!("{path}/profile"), &form);
    assert_eq!(good.status, 303, "{}", good.body);
    let register = frontline_web::store::funding::for_cycle(&mut conn, first.id).expect("register");
    assert_eq!(register.len(), 1, "the stream is in the register");
    assert_eq!(
        (register[0].0, register[0].1.annual_pence),
        (fell.id, 4_500_050)
    );
    let stored = profiles::find(&mut conn, first.id, fell.id)
        .expect("read")
        .expect("stored");
    assert_eq!(stored.source, "service");
    let shown = service.get(&format!("{path}/profile"));
    assert!(
        shown.body.contains(r#"value="E10000006" checked"#),
        "the authority is kept"
    );
    assert!(
        shown.body.contains(r#"value="refuge" checked"#),
        "{}",
        shown.body
    );

    // The next cycle carries it forward, saying from where.
    cli(
        &db,
        &[
            "new-cycle",
            "--year",
            "2018",
            "--schema",
            "practitioner-survey-2018",
            "--title",
            "Survey 2018",
            "--opens",
            "2018-09-01",
            "--closes",
            "2018-09-30",
        ],
        &env,
    );
    let out = cli(&db, &["roll-forward-profiles", "--cycle", "2018"], &env);
    assert!(out.contains("1 profiles rolled forward into 2018"), "{out}");
    let next = cycles::by_year(&mut conn, 2018).expect("cycle");
    let carried = profiles::find(&mut conn, next.id, fell.id)
        .expect("read")
        .expect("carried");
    assert_eq!(
        (carried.source.as_str(), carried.carried_from_year),
        ("rolled_forward", Some(2017))
    );
    assert_eq!(carried.answers, stored.answers);

    // Cumbria's page: its gaps with their rules, and where the profile came from.
    let team = Browser::new(&server.base);
    team.sign_in("team@example.org", PASSWORD);
    let page = team.get(&format!("/provision/2018/areas/{CUMBRIA}"));
    assert_eq!(page.status, 200, "{}", page.body);
    for flag in [
        "No service for men",
        "No self-referral route",
        "No ChISVA or ChIDVA",
        "No service working in the area takes self-referrals.",
    ] {
        assert!(page.body.contains(flag), "{flag}: {}", page.body);
    }
    assert!(page.body.contains("rolled forward from 2017"));
    let first_page = team.get(&format!("/provision/2017/areas/{CUMBRIA}"));
    assert!(
        first_page
            .body
            .contains("Cumbria PCC (Police and crime commissioner)"),
        "{}",
        first_page.body
    );
    assert!(
        first_page.body.contains("ends soon"),
        "ends within 12 months of the 2017 close"
    );
    assert!(
        first_page.body.contains("2017-09-30")
            && first_page
                .body
                .contains("Cumbria PCC (lead), Cumbria County Council"),
        "the break clause and the joint commissioners: {}",
        first_page.body
    );
    assert!(!page.body.contains("CA11"), "no address anywhere");

    // Kent's PCC office sees Kent, not Cumbria; the refusal is audited.
    let pcc = Browser::new(&server.base);
    let signed = pcc.post(
        "/login",
        &[("email", "pcc@kent.example.org"), ("password", PASSWORD)],
    );
    assert_eq!(signed.status, 303, "{}", signed.body);
    assert_eq!(pcc.get("/provision/2018/areas/E23000032").status, 200);
    assert_eq!(
        pcc.get(&format!("/provision/2018/areas/{CUMBRIA}")).status,
        403
    );
    let denied = audit::for_entity(&mut conn, "police_force_area", CUMBRIA).expect("audit");
    assert!(denied
        .iter()
        .any(|e| e.action == "access.denied" && e.actor == "pcc@kent.example.org"));
}

#[test]
fn the_directory_is_public_only_once_released_and_never_locates_a_refuge() {
    let db = TestDb::new();
    let contacts = db.folder().join("contacts.csv");
    std::fs::write(
        &contacts,
        "organisation,service,email,pfas\n\
         Fell Trust,Fell Refuge,refuge@fell.example.org,Cumbria\n\
         Kestrel Project,Kestrel Outreach,outreach@kestrel.example.org,Kent;Surrey\n",
    )
    .expect("contacts");
    let contacts = contacts.display().to_string();
    for args in [
        support::new_2017_cycle(),
        vec!["import-contacts", "--cycle", "2017", &contacts],
    ] {
        cli(&db, &args, &[]);
    }
    {
        // Profiles as they might arrive from an older system: one refuge wrote its address.
        let platform = db.platform();
        let mut conn = platform.conn().expect("connection");
        let cycle = cycles::by_year(&mut conn, 2017).expect("cycle");
        for s in services::all(&mut conn).expect("services") {
            let answers = if s.name == "Fell Refuge" {
                r#"{"services_offered": ["refuge"], "genders_served": ["women"], "referral_routes": ["self"], "public_contact": "Fell House, Penrith CA11 7QF"}"#
            } else {
                r#"{"services_offered": ["community_outreach", "chidva"], "genders_served": ["women", "men"], "referral_routes": ["police"], "languages": "Polish", "public_contact": "0300 123 4567"}"#
            };
            profiles::put(
                &mut conn,
                profiles::Write {
                    cycle_id: cycle.id,
                    service_id: s.id,
                    schema_version: "service-profile-2024@2024.1",
                    answers,
                    source: "staff",
                    carried_from_year: None,
                    by: "test",
                },
            )
            .expect("profile");
        }
    }
    let server = Server::start(&db.url, &[]);
    let public = Browser::new(&server.base);
    assert_eq!(
        public.get("/directory/2017").status,
        404,
        "nothing unreleased is public"
    );
    for args in [
        vec!["cycle-status", "--cycle", "2017", "closed"],
        vec!["freeze", "--cycle", "2017", "--reason", "checked"],
        vec!["release", "--cycle", "2017", "--notes", "First release."],
    ] {
        cli(&db, &args, &[]);
    }
    let found = public.get("/directory/2017?area=E23000031&language=polish");
    assert_eq!(found.status, 200);
    assert!(
        found.body.contains("1 of 2 services") && found.body.contains("Kestrel Outreach"),
        "{}",
        found.body
    );
    let refuges = public.get("/directory/2017?service_type=refuge");
    assert!(refuges.body.contains("Fell Refuge"));
    let entry = public.get("/directory/2017/1");
    assert!(
        entry.body.contains("Fell Refuge") && entry.body.contains("Through the national helpline"),
        "{}",
        entry.body
    );
    for path in [
        "/directory/2017/1",
        "/publications/2017/directory/services.csv",
        "/publications/2017/directory/index.html",
        "/publications/2017/directory/coverage.geojson",
    ] {
        let page = public.get(path);
        assert_eq!(page.status, 200, "{path}");
        assert!(
            !page.body.contains("CA11") && !page.body.contains("Fell House"),
            "{path} locates the refuge"
        );
    }
    let geojson: serde_json::Value = serde_json::from_str(
        &public
            .get("/publications/2017/directory/coverage.geojson")
            .body,
    )
    .expect("GeoJSON");
    let features = geojson["features"].as_array().expect("features");
    assert!(
        features.iter().all(|f| f["geometry"]["type"] != "Point"),
        "areas only, never a point"
    );
    let kent = features
        .iter()
        .find(|f| f["properties"]["pfa_code"] == "E23000032")
        .expect("Kent");
    assert_eq!(kent["properties"]["services_chidva"], 1);
    assert_eq!(kent["properties"]["services_refuge"], 0);
}
