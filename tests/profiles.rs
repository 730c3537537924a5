//! Service profiles: given by a service through its invitation link (checked in full, nothing
//! stored when refused, a location in a published answer refused), rolled forward into the next
//! cycle with its provenance, and read per area with the gap flags and their rules — by the
//! survey team and by the area's own PCC office only. The directory is built from the public
//! answers only: every way of writing a refuge's location stays out of every public file.

mod support;

use frontline_web::store::states::{ProfileSource, Role};
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
    contact: (&'a str, &'a str),
) -> Vec<(&'a str, &'a str)> {
    let mut form: Vec<(&str, &str)> = offers.iter().map(|o| ("services_offered", *o)).collect();
    form.extend(genders.iter().map(|g| ("genders_served", *g)));
    form.extend([
        ("crime_types", "domestic_abuse"),
        ("referral_routes", "police"),
        contact,
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
            Role::PccReviewer,
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

    // Refused in full: no genders, and a published web address that is a map of the refuge.
    let bad = service.post(
        &format!("{path}/profile"),
        &profile_form(
            &["idva", "refuge"],
            &[],
            (
                "contact_website",
                "https://www.google.com/maps/@54.6642,-2.7529,17z",
            ),
        ),
    );
    assert_eq!(bad.status, 422);
    assert!(bad.body.contains("Who does it support?"), "{}", bad.body);
    assert!(
        bad.body.contains("a refuge&#x27;s location is secret")
            || bad.body.contains("a refuge's location is secret"),
        "{}",
        bad.body
    );
    // A contact is only what it says: an address where a telephone number goes is refused too.
    let not_a_phone = service.post(
        &format!("{path}/profile"),
        &profile_form(
            &["refuge"],
            &["women"],
            ("contact_phone", "Fell House, Penrith CA11 7QF"),
        ),
    );
    assert_eq!(not_a_phone.status, 422);
    assert!(
        not_a_phone.body.contains("is not a UK telephone number"),
        "{}",
        not_a_phone.body
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
    let mut form = profile_form(
        &["idva", "refuge"],
        &["women"],
        ("contact_phone", "0808 2000 247"),
    );
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
            .contains(r##"<a href="#q-funding_streams.0.role">Funding stream 1, Your role in it: is needed for the funding register</a>"##),
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
    assert_eq!(stored.source, ProfileSource::Service);
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
        first_page.body.contains("30 September 2017")
            && first_page
                .body
                .contains("Cumbria PCC (lead), Cumbria County Council"),
        "the break clause and the joint commissioners: {}",
        first_page.body
    );
    assert!(!page.body.contains("CA11"), "no address anywhere");

    // Kent's PCC office sees Kent, not Cumbria; the refusal is audited.
    let pcc = Browser::new(&server.base);
    let signed = pcc.try_sign_in("pcc@kent.example.org", PASSWORD, "");
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

/// Every way a security review wrote a refuge's location (postcodes spaced, misspelt, in
/// full-width and Cyrillic letters, with a zero-width space; a street address; coordinates in
/// decimal and in degrees, minutes and seconds; a grid reference; a what3words address; a map
/// link).
const LOCATION_VARIANTS: [&str; 13] = [
    "12 Acacia Avenue, Canterbury CT 1 2AB (51.2802, 1.0789)",
    "C T 1 2 A B",
    "CT 1 2AB",
    "CT1 2 AB",
    "CTl 2AB",
    "ＣＴ１ ２ＡＢ",
    "СТ1 2АВ",
    "CT1\u{200B}2AB",
    "51°16'49\"N 1°4'44\"E",
    "Grid ref TR 149 577",
    "///filled.count.soap",
    "https://www.google.com/maps/place/x/@51.2802,1.0789,17z",
    "Acacia Avenue",
];

/// A distinctive piece of each variant, as it would appear if published (HTML-escaped or not).
fn traces(variant: &str) -> Vec<String> {
    let mut out = vec![
        variant.to_string(),
        variant.replace('"', "&quot;").replace('\'', "&#x27;"),
    ];
    for piece in [
        "Acacia",
        "TR 149",
        "filled.count",
        "51.2802",
        "16'49",
        "16&#x27;49",
    ] {
        if variant.contains(piece.split('&').next().unwrap_or(piece)) {
            out.push(piece.to_string());
        }
    }
    out
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
        // Profiles as an older system or a careless respondent might leave them: the refuge
        // wrote its location, in every form, into every answer that takes text — the old free
        // contact, an "Other" accreditation, languages, a question that is not public, and a
        // question the current definition does not have at all.
        let platform = db.platform();
        let mut conn = platform.conn().expect("connection");
        let cycle = cycles::by_year(&mut conn, 2017).expect("cycle");
        let all = LOCATION_VARIANTS.join(" | ");
        let refuge = serde_json::json!({
            "services_offered": ["refuge"],
            "genders_served": ["women"],
            "referral_routes": ["self"],
            "public_contact": all,
            "languages": [LOCATION_VARIANTS[1], "pl"],
            "accreditation": {"values": ["womens_aid_quality_standards", "other"], "other": all},
            "funding_streams": [{"funder": all}],
            "where_we_are": all,
            "contact_phone": "01768 123456",
        })
        .to_string();
        for s in services::all(&mut conn).expect("services") {
            let answers = if s.name == "Fell Refuge" {
                refuge.clone()
            } else {
                r#"{"services_offered": ["community_outreach", "chidva"], "genders_served": ["women", "men"], "referral_routes": ["police"], "languages": ["pl"], "contact_phone": "0300 123 4567"}"#.to_string()
            };
            profiles::put(
                &mut conn,
                profiles::Write {
                    cycle_id: cycle.id,
                    service_id: s.id,
                    schema_version: "service-profile-2026@2026.1",
                    answers: &answers,
                    source: ProfileSource::Staff,
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
    // Staff can find what was stored, though none of it would be published.
    let (_, scan, _) = frontline_with_env(&db.url, &["safety-scan", "--cycle", "2017"], &[]);
    assert!(
        scan.contains("public_contact (staff only): a street address")
            && scan.contains("0 that would be published"),
        "{scan}"
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
        entry.body.contains("Fell Refuge") && entry.body.contains("01768 123456"),
        "{}",
        entry.body
    );
    assert!(
        entry
            .body
            .contains("Women&#x27;s Aid National Quality Standards")
            || entry
                .body
                .contains("Women's Aid National Quality Standards")
    );

    // Every file of the release, and every directory page: no trace of any variant.
    let out = db.folder().join("site");
    cli(
        &db,
        &[
            "publish",
            "--cycle",
            "2017",
            "--out",
            out.to_str().expect("path"),
        ],
        &[],
    );
    let mut bodies: Vec<(String, String)> = Vec::new();
    let mut folders = vec![out.clone()];
    while let Some(folder) = folders.pop() {
        for e in std::fs::read_dir(&folder)
            .expect("folder")
            .filter_map(Result::ok)
        {
            let path = e.path();
            if path.is_dir() {
                folders.push(path);
            } else {
                let bytes = std::fs::read(&path).expect("file");
                let text = if path.extension().is_some_and(|x| x == "zip" || x == "xlsx") {
                    zip_text(&bytes)
                } else {
                    String::from_utf8_lossy(&bytes).into_owned()
                };
                bodies.push((path.display().to_string(), text));
            }
        }
    }
    for page in [
        "/directory/2017",
        "/directory/2017/1",
        "/directory/2017/2",
        "/directory/2017?service_type=refuge",
    ] {
        bodies.push((page.to_string(), public.get(page).body));
    }
    assert!(bodies.len() > 20, "the whole release was read");
    for (path, body) in &bodies {
        for variant in LOCATION_VARIANTS {
            for trace in traces(variant) {
                assert!(!body.contains(&trace), "{path} holds {trace:?}");
            }
        }
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
    assert_eq!(kent["properties"]["profiled_services_chidva"], 1);
    assert_eq!(kent["properties"]["profiled_services_refuge"], 0);
}

/// The text inside a zip (the release's archive, a workbook): every member, decompressed.
fn zip_text(bytes: &[u8]) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    let mut out = String::new();
    for i in 0..archive.len() {
        let mut member = archive.by_index(i).expect("member");
        let mut text = Vec::new();
        std::io::Read::read_to_end(&mut member, &mut text).expect("read");
        out.push_str(&String::from_utf8_lossy(&text));
    }
    out
}

#[test]
fn a_release_is_refused_while_anything_it_would_publish_could_locate_a_place() {
    let db = TestDb::new();
    let contacts = db.folder().join("contacts.csv");
    std::fs::write(
        &contacts,
        "organisation,service,email,pfas\n\
         Fell Trust,Fell Refuge at CA11 7QF,refuge@fell.example.org,Cumbria\n",
    )
    .expect("contacts");
    let contacts = contacts.display().to_string();
    for args in [
        support::new_2017_cycle(),
        vec!["import-contacts", "--cycle", "2017", &contacts],
        vec!["cycle-status", "--cycle", "2017", "closed"],
        vec!["freeze", "--cycle", "2017", "--reason", "checked"],
    ] {
        cli(&db, &args, &[]);
    }
    let (ok, out, err) = frontline_with_env(
        &db.url,
        &["release", "--cycle", "2017", "--notes", "First release."],
        &[],
    );
    assert!(!ok, "{out}");
    assert!(
        err.contains("refused")
            && err.contains("name (would be published): a postcode (\"CA11 7QF\")"),
        "{err}"
    );
    let (ok, scan, _) = frontline_with_env(&db.url, &["safety-scan"], &[]);
    assert!(!ok && scan.contains("1 that would be published"), "{scan}");
    // Release notes are published too.
    let (ok, _, err) = frontline_with_env(
        &db.url,
        &[
            "release",
            "--cycle",
            "2017",
            "--notes",
            "Thanks to the team at 12 Acacia Avenue.",
        ],
        &[],
    );
    assert!(
        !ok && err.contains("notes (would be published): a street address"),
        "{err}"
    );
}

#[test]
fn a_refuges_funder_text_is_checked_a_bad_name_can_be_renamed_and_a_bad_release_withdrawn() {
    let db = TestDb::new();
    let folder = db.folder();
    std::fs::write(
        folder.join("contacts.csv"),
        "organisation,service,email,pfas\nFell Trust,Fell Refuge,refuge@fell.example.org,Cumbria\n",
    )
    .expect("contacts");
    let funding = |funder: &str| {
        let path = folder.join("funding.csv");
        std::fs::write(
            &path,
            format!("service,funder_type,funder,kind,role,start,end,annual_amount,core_costs_covered,ring_fenced\nFell Refuge,charitable_trust,\"{funder}\",grant,sole,2016-04-01,2018-03-31,45000,yes,no\n"),
        )
        .expect("funding");
        path.display().to_string()
    };
    let contacts = folder.join("contacts.csv").display().to_string();
    let address = "The Fell House Trust, CA11 7QF";
    for args in [
        support::new_2017_cycle(),
        vec!["import-contacts", "--cycle", "2017", &contacts],
        vec!["import-funding", "--cycle", "2017", &funding(address)],
        vec!["cycle-status", "--cycle", "2017", "closed"],
        vec!["freeze", "--cycle", "2017", "--reason", "checked"],
    ] {
        cli(&db, &args, &[]);
    }
    // A funder's name reaches the needs-assessment packs: checked like every published text.
    let release = ["release", "--cycle", "2017", "--notes", "First release."];
    let (ok, _, err) = frontline_with_env(&db.url, &release, &[]);
    assert!(
        !ok && err.contains("funder (would be published): a postcode"),
        "{err}"
    );
    // The register of a frozen cycle cannot change…
    let (ok, _, err) = frontline_with_env(
        &db.url,
        &[
            "import-funding",
            "--cycle",
            "2017",
            &funding("The Fell Trust"),
        ],
        &[],
    );
    assert!(!ok && err.contains("frozen"), "{err}");
    // …until the cycle is re-opened (audited), corrected and frozen again.
    for args in [
        vec![
            "freeze",
            "--cycle",
            "2017",
            "--reopen",
            "--reason",
            "a funder named an address",
        ],
        vec![
            "import-funding",
            "--cycle",
            "2017",
            &funding("The Fell Trust"),
        ],
        vec!["freeze", "--cycle", "2017", "--reason", "corrected"],
    ] {
        cli(&db, &args, &[]);
    }
    cli(&db, &release, &[]);

    // A service name that slipped through is renamed, audited; the next release is clean.
    let (ok, _, err) = frontline_with_env(
        &db.url,
        &[
            "rename-service",
            "--service",
            "Nobody – Nothing",
            "--name",
            "x",
        ],
        &[],
    );
    assert!(!ok && err.contains("no service is called"), "{err}");
    let out = cli(
        &db,
        &[
            "rename-service",
            "--service",
            "Fell Trust – Fell Refuge",
            "--name",
            "Fell Safe Accommodation",
            "--by",
            "admin@example.org",
        ],
        &[],
    );
    assert!(
        out.contains("is now called Fell Safe Accommodation"),
        "{out}"
    );

    // A version that should never have been public is withdrawn: not served, and readers told.
    let server = Server::start(&db.url, &[]);
    let public = Browser::new(&server.base);
    assert_eq!(public.get("/publications/2017/v1/").status, 200);
    let out = cli(
        &db,
        &[
            "withdraw",
            "--cycle",
            "2017",
            "--version",
            "1",
            "--reason",
            "It named a refuge's funder.",
            "--by",
            "admin@example.org",
        ],
        &[],
    );
    assert!(out.contains("no longer served"), "{out}");
    let gone = public.get("/publications/2017/v1/index.html");
    assert_eq!(gone.status, 410, "{}", gone.body);
    assert!(gone.body.contains("withdrawn") && gone.body.contains("named a refuge"));
    assert_eq!(
        public.get("/publications/2017/").status,
        404,
        "no version left to read"
    );
    let versions = public.get("/publications/2017/versions");
    assert!(versions.body.contains("Withdrawn"), "{}", versions.body);
    let platform = db.platform();
    let mut conn = platform.conn().expect("connection");
    let events = audit::for_entity(&mut conn, "cycle", "2017").expect("audit");
    assert!(events.iter().any(|e| e.action == "publication.withdrawn"));
}
