//! Safe accommodation: a refuge's places counted in the one police force area (and upper-tier
//! authority) it names, set against the Council of Europe minimum at the rounding boundary; and the vacancy board, seen by
//! referrers only, each vacancy gone 48 hours after it was posted, every view audited.

mod support;

use frontline_needs::population::Population;
use frontline_provision::vacancy::{Vacancy, VacancyForm};
use frontline_web::profiles::safe_accommodation::{spaces_by_authority_table, spaces_table};
use frontline_web::profiles::saving::{self, Giver};
use frontline_web::store::audit::{self, Filter};
use frontline_web::store::states::{CycleStatus, Role};
use frontline_web::store::{accounts, clock, cycles, populations, services, vacancies};
use std::collections::BTreeMap;
use support::web::Browser;
use support::{frontline, new_2017_cycle, Server, TestDb};

const PASSWORD: &str = "a long test password";
const KENT: &str = "E23000032";
const SURREY: &str = "E23000031";

fn refuge_answers(
    family_places: u32,
    places_pfa: Option<&str>,
    utla: &str,
) -> survey_engine::Answers {
    let mut value = serde_json::json!({
        "services_offered": ["refuge"], "genders_served": ["women"],
        "crime_types": ["domestic_abuse"], "referral_routes": ["police"],
        "family_places": family_places, "referrals_received": 40, "referrals_accepted": 10,
        "declined_no_space": 25, "utlas": [utla],
    });
    if let Some(area) = places_pfa {
        value["places_pfa"] = serde_json::json!(area);
    }
    survey_engine::Answers::from_json(&value.to_string()).expect("answers")
}

/// The same by upper-tier local authority: a population import refused whole with its line and
/// field, then each authority's places against its own minimum at the rounding boundary, and a
/// refuge whose places could be in two authorities made to say which.
fn by_authority(
    db: &TestDb,
    platform: &frontline_web::Platform,
    conn: &mut frontline_web::db::DbConnection,
    open: &cycles::Cycle,
) {
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("authorities.csv");
    let import = |text: &str| {
        std::fs::write(&file, text).expect("file");
        let path = file.to_string_lossy().into_owned();
        frontline(
            &db.url,
            &[
                "import-authority-population",
                "--cycle",
                "2017",
                &path,
                "--source",
                "Test populations by authority",
            ],
        )
    };
    // Northamptonshire's county was still in force in 2017; Buckinghamshire's unitary was not.
    let (ok, _, err) = import("authority,population\nKent,14999\nE06000060,500000\nMedway,x\n");
    assert!(!ok);
    assert!(
        err.contains(
            "line 3, authority: 'E06000060' is not an upper-tier local authority in force on"
        ),
        "{err}"
    );
    assert!(
        err.contains("line 4, population: 'x' is not a whole number of people"),
        "{err}"
    );
    assert!(
        spaces_by_authority_table(platform, conn, open)
            .expect("built")
            .is_none(),
        "nothing was stored"
    );
    let (ok, out, err) = import("authority,population\nKent,14999\nE06000035,\"15,000\"\n");
    assert!(ok, "{out}{err}");
    let table = spaces_by_authority_table(platform, conn, open)
        .expect("built")
        .expect("a table: places and populations by authority are held");
    let row = |name: &str| {
        table
            .rows
            .iter()
            .find(|r| r[1] == name)
            .cloned()
            .expect(name)
    };
    // Harbour names Kent's county only; Weald names Medway only.
    assert_eq!(row("Kent")[5..], ["14999", "1", "1", "0"]);
    assert_eq!(row("Medway")[5..], ["15000", "1", "2", "1"]);
    assert_eq!(row("Surrey")[5..], ["", "0", "", ""], "no population given");
    assert_eq!(table.rows.last().expect("total")[5..], ["", "2", "", ""]);

    // Naming both of Kent's authorities, a refuge must say which holds its places.
    let weald = services::all(conn)
        .expect("services")
        .into_iter()
        .find(|s| s.name == "Weald Refuge")
        .expect("Weald");
    let mut both = refuge_answers(3, None, "E06000035");
    both.set("utlas", serde_json::json!(["E06000035", "E10000016"]));
    let refused = saving::save(
        platform,
        conn,
        open,
        weald.id,
        &both,
        Giver::Staff("team@example.org"),
    )
    .expect("checked");
    assert_eq!(refused.len(), 1, "{refused:?}");
    assert_eq!(refused[0].question, "places_utla");
    assert!(refused[0]
        .message
        .contains("more than one upper-tier local authority"));
    both.set("places_utla", serde_json::json!("E10000014"));
    let refused = saving::save(
        platform,
        conn,
        open,
        weald.id,
        &both,
        Giver::Staff("team@example.org"),
    )
    .expect("checked");
    assert!(
        refused[0].message.ends_with("could be in: Medway, Kent"),
        "{refused:?}"
    );
    both.set("places_utla", serde_json::json!("E10000016"));
    let saved = saving::save(
        platform,
        conn,
        open,
        weald.id,
        &both,
        Giver::Staff("team@example.org"),
    )
    .expect("saved");
    assert_eq!(saved, vec![]);
    let table = spaces_by_authority_table(platform, conn, open)
        .expect("built")
        .expect("table");
    let row = |name: &str| {
        table
            .rows
            .iter()
            .find(|r| r[1] == name)
            .cloned()
            .expect(name)
    };
    assert_eq!(row("Kent")[5..], ["14999", "4", "1", "0"]);
    assert_eq!(row("Medway")[5..], ["15000", "0", "2", "2"]);
    // The team's export says the same, audited; it is never among the published tables.
    let (ok, exported, err) = frontline(
        &db.url,
        &[
            "refuge-places-by-authority",
            "--cycle",
            "2017",
            "--by",
            "team@example.org",
        ],
    );
    assert!(ok, "{err}");
    assert!(
        exported
            .lines()
            .any(|l| l.starts_with("E10000016,Kent,E23000032,Kent,South East,14999,4,1,0")),
        "{exported}"
    );
    let exports = audit::for_entity(conn, "cycle", "2017").expect("audit");
    assert!(exports.iter().any(
        |e| e.action == "refuge_spaces_by_authority.exported" && e.actor == "team@example.org"
    ));
    // Put back as it was, for the Part 4 report that follows.
    let saved = saving::save(
        platform,
        conn,
        open,
        weald.id,
        &refuge_answers(1, None, "E06000035"),
        Giver::Staff("team@example.org"),
    )
    .expect("saved");
    assert_eq!(saved, vec![]);
}

#[test]
fn places_count_in_the_area_named_against_the_minimum_rounded_half_up() {
    let db = TestDb::new();
    let (ok, out, err) = frontline(&db.url, &new_2017_cycle());
    assert!(ok, "{out}{err}");
    let platform = db.platform();
    let mut conn = platform.conn().expect("connection");
    let cycle = cycles::by_year(&mut conn, 2017).expect("cycle");
    cycles::set_status(&mut conn, cycle.id, CycleStatus::Open).expect("open");
    let open = cycles::by_year(&mut conn, 2017).expect("cycle");
    let both = [KENT.to_string(), SURREY.to_string()];
    let spanning =
        services::create(&mut conn, "Harbour Trust", "Harbour Refuge", &both).expect("service");
    let kent_only = services::create(&mut conn, "Weald Women", "Weald Refuge", &[KENT.into()])
        .expect("service");

    // "Office hours only" stands alone.
    let mut hours = refuge_answers(1, None, "E06000035");
    hours.set(
        "opening_times",
        serde_json::json!(["office_hours_only", "weekends"]),
    );
    let refused = saving::save(
        &platform,
        &mut conn,
        &open,
        kent_only.id,
        &hours,
        Giver::Staff("team@example.org"),
    )
    .expect("checked");
    assert_eq!(refused.len(), 1, "{refused:?}");
    assert_eq!(refused[0].question, "opening_times");

    // A refuge in two areas must say which one its places are in; nothing is stored until then.
    let refused = saving::save(
        &platform,
        &mut conn,
        &open,
        spanning.id,
        &refuge_answers(1, None, "E10000016"),
        Giver::Staff("team@example.org"),
    )
    .expect("checked");
    assert_eq!(refused.len(), 1, "{refused:?}");
    assert_eq!(refused[0].question, "places_pfa");
    assert!(refused[0]
        .message
        .contains("more than one police force area"));
    let stray = saving::save(
        &platform,
        &mut conn,
        &open,
        spanning.id,
        &refuge_answers(1, Some("E23000001"), "E10000016"),
        Giver::Staff("team@example.org"),
    )
    .expect("checked");
    assert_eq!(
        stray[0].message,
        "choose one of the police force areas the service works in"
    );
    for (service, places, area, utla) in [
        (spanning.id, 1, Some(KENT), "E10000016"),
        (kent_only.id, 1, None, "E06000035"),
    ] {
        let problems = saving::save(
            &platform,
            &mut conn,
            &open,
            service,
            &refuge_answers(places, area, utla),
            Giver::Staff("team@example.org"),
        )
        .expect("saved");
        assert_eq!(problems, vec![]);
    }

    // Kent: 14,999 residents need 1 place (1.4999 rounds down); Surrey: 15,000 need 2 (1.5 up).
    let people = |all: u64| Population {
        females_16_plus: all / 3,
        males_16_plus: all / 3,
        children_0_15: all - 2 * (all / 3),
    };
    let rows: BTreeMap<String, Population> = platform
        .geography
        .areas()
        .iter()
        .map(|a| {
            let all = match a.code.as_str() {
                KENT => 14_999,
                SURREY => 15_000,
                _ => 10_000,
            };
            (a.code.to_string(), people(all))
        })
        .collect();
    populations::import(
        &mut conn,
        cycle.id,
        2017,
        &rows,
        "Test populations",
        "team@example.org",
    )
    .expect("populations");
    let table = spaces_table(&platform, &mut conn, &open)
        .expect("built")
        .expect("a table: places and populations are held");
    let row = |key: &str| {
        table
            .rows
            .iter()
            .find(|r| r[0] == key || (r[0].is_empty() && r[2] == key))
            .cloned()
            .expect(key)
    };
    assert_eq!(
        row(KENT)[3..],
        ["14999", "2", "1", "0"],
        "both refuges count in Kent"
    );
    assert_eq!(row(SURREY)[3..], ["15000", "0", "2", "2"], "none in Surrey");
    let south_east = platform
        .geography
        .areas()
        .iter()
        .filter(|a| a.region == "South East")
        .count() as u64;
    let population = 14_999 + 15_000 + (south_east - 2) * 10_000;
    let minimum = (population + 5_000) / 10_000;
    assert_eq!(
        row("South East")[3..],
        [
            population.to_string(),
            "2".into(),
            minimum.to_string(),
            (minimum - 2).to_string()
        ]
    );
    let csv = table.to_csv().expect("csv");
    assert!(
        !csv.contains("Harbour") && !csv.contains("Weald"),
        "no service is named"
    );

    by_authority(&db, &platform, &mut conn, &open);

    // Part 4: each English tier-1 authority adds up the safe-accommodation services naming it.
    let (ok, out, err) = frontline(&db.url, &["part4", "--cycle", "2017"]);
    assert!(ok, "{out}{err}");
    let row = |code: &str| -> Vec<String> {
        out.lines()
            .find(|l| l.starts_with(code))
            .unwrap_or_else(|| panic!("{code} in {out}"))
            .split(',')
            .map(str::to_string)
            .collect()
    };
    assert_eq!(
        out.lines().next(),
        Some("utla_code,local_authority,pfa_code,refuge_services,other_safe_accommodation_services,family_places,single_women_places,other_places,accessible_units,households_supported,referrals_received,declined_no_space,declined_needs_not_met,declined_risk,declined_no_recourse")
    );
    assert_eq!(
        row("E10000016")[3..12],
        ["1", "0", "1", "0", "0", "0", "10", "40", "25"]
    );
    assert_eq!(row("E06000035")[5], "1");
    assert!(!out.contains("W06"), "Part 4 is England's duty");
    let (ok, one, _) = frontline(
        &db.url,
        &[
            "part4",
            "--cycle",
            "2017",
            "--authority",
            "E06000035",
            "--by",
            "team@example.org",
        ],
    );
    assert!(ok);
    assert_eq!(one.lines().count(), 2, "the header and Medway's row: {one}");
    let (ok, _, err) = frontline(
        &db.url,
        &["part4", "--cycle", "2017", "--authority", "W06000015"],
    );
    assert!(!ok);
    assert!(
        err.contains("authority: 'W06000015' is not an English upper-tier authority"),
        "{err}"
    );
    let exports = audit::window(
        &mut conn,
        &Filter {
            text: String::new(),
            action: "part4.exported".into(),
        },
        audit::Cursor::Newest,
        10,
    )
    .expect("audit")
    .events;
    assert_eq!(
        exports.len(),
        2,
        "every export is audited, a refused one is no export"
    );
    assert!(exports.iter().any(
        |e| e.actor == "team@example.org" && e.reason.as_deref() == Some("authority E06000035")
    ));
}

fn posted(
    conn: &mut frontline_web::db::DbConnection,
    service: i32,
    kind: &str,
    at: &clock::Timestamp,
) -> i32 {
    let vacancy = Vacancy::parse(&VacancyForm {
        kind,
        children_up_to_age: "12",
        accessible: true,
        languages: "Polish",
        no_recourse_accepted: false,
    })
    .expect("vacancy");
    vacancies::post(conn, service, KENT, &vacancy, "team@example.org", at).expect("posted")
}

#[test]
fn vacancies_are_for_referrers_only_live_48_hours_and_every_view_is_audited() {
    let db = TestDb::new();
    let server = Server::start(&db.url, &[]);
    let platform = db.platform();
    let mut conn = platform.conn().expect("connection");
    let fresh = services::create(&mut conn, "Harbour Trust", "Harbour Refuge", &[KENT.into()])
        .expect("service");
    let stale = services::create(&mut conn, "Weald Women", "Weald Refuge", &[KENT.into()])
        .expect("service");
    posted(&mut conn, fresh.id, "family", &clock::now());
    // Posted 48 hours and a second ago: expired, never shown.
    let then = clock::in_seconds(-(48 * 3600 + 1));
    let expired = posted(&mut conn, stale.id, "family", &then);
    // An expired vacancy's place is likely filled: it cannot be refreshed back, only posted again.
    let refused =
        vacancies::refresh(&mut conn, stale.id, expired, "team@example.org").expect_err("expired");
    assert!(
        refused.to_string().contains("not a live vacancy"),
        "{refused}"
    );
    for (email, role) in [
        ("admin@example.org", Role::Admin),
        ("analyst@example.org", Role::Analyst),
        ("pcc@example.org", Role::PccReviewer),
        ("coder@example.org", Role::Coder),
        ("referrer@example.org", Role::Referrer),
    ] {
        accounts::upsert(&mut conn, email, "Test", role, PASSWORD).expect("account");
    }

    let anonymous = Browser::new(&server.base).get("/vacancies");
    assert!(
        !anonymous.body.contains("Harbour"),
        "anonymous readers see nothing"
    );
    assert_ne!(anonymous.status, 200);
    for email in [
        "admin@example.org",
        "analyst@example.org",
        "pcc@example.org",
        "coder@example.org",
    ] {
        let browser = Browser::new(&server.base);
        assert_eq!(
            browser.try_sign_in(email, PASSWORD, "").status,
            303,
            "{email}"
        );
        let page = browser.get("/vacancies");
        assert_eq!(page.status, 403, "{email}");
        assert!(!page.body.contains("Harbour"), "{email} sees no vacancy");
    }
    let referrer = Browser::new(&server.base);
    let signed_in = referrer.try_sign_in("referrer@example.org", PASSWORD, "");
    assert_eq!(
        signed_in.location.as_deref(),
        Some("/vacancies"),
        "a referrer lands on the board"
    );
    let board = referrer.get("/vacancies");
    assert_eq!(board.status, 200, "{}", board.body);
    assert!(board.body.contains("Harbour Trust – Harbour Refuge"));
    assert!(!board.body.contains("Weald"), "an expired vacancy is gone");
    assert!(board.body.contains("1 of 1 live vacancy"));
    let searched = referrer.get("/vacancies?child_aged=13&region=South+East");
    assert!(
        !searched.body.contains("Harbour Trust"),
        "children up to 12 only"
    );
    let wrong = referrer.get("/vacancies?child_aged=nineteen");
    assert!(
        wrong
            .body
            .contains("child_aged: &#x27;nineteen&#x27; is not an age")
            || wrong.body.contains("child_aged: 'nineteen' is not an age"),
        "{}",
        wrong.body
    );

    let unknown = referrer.get("/vacancies?childaged=5");
    assert_eq!(
        unknown.status, 422,
        "a search term the board does not know is named"
    );
    assert!(unknown.body.contains("childaged"), "{}", unknown.body);
    let polish = referrer.get("/vacancies?language=Polish+%E2%80%93+Jane+D%2C+2+kids");
    assert_eq!(polish.status, 422, "not a language");
    let english = referrer.get("/vacancies?language=English&accessible=yes");
    assert!(
        english.body.contains("Harbour Trust"),
        "every vacancy gives support in English"
    );

    // The team may post only for a service whose profile offers safe accommodation.
    let team = Browser::new(&server.base);
    let csrf = team.sign_in("admin@example.org", PASSWORD);
    let page = team.post(
        "/admin/vacancies",
        &[
            ("csrf", &csrf),
            ("service", &fresh.id.to_string()),
            ("kind", "family"),
        ],
    );
    assert_eq!(page.status, 422);
    assert!(
        page.body
            .contains("does not offer refuge or other safe accommodation"),
        "{}",
        page.body
    );

    // Once its profile offers refuge, the team posts, refreshes and withdraws its vacancy.
    let (ok, out, err) = frontline(&db.url, &new_2017_cycle());
    assert!(ok, "{out}{err}");
    let cycle = cycles::by_year(&mut conn, 2017).expect("cycle");
    cycles::set_status(&mut conn, cycle.id, CycleStatus::Open).expect("open");
    let open = cycles::by_year(&mut conn, 2017).expect("cycle");
    let problems = saving::save(
        &platform,
        &mut conn,
        &open,
        stale.id,
        &refuge_answers(6, None, "E10000016"),
        Giver::Staff("admin@example.org"),
    )
    .expect("saved");
    assert_eq!(problems, vec![]);
    let page = team.post(
        "/admin/vacancies",
        &[
            ("csrf", &csrf),
            ("service", &stale.id.to_string()),
            ("kind", "single_women"),
            ("languages", "Welsh"),
        ],
    );
    assert_eq!(page.status, 303, "{}", page.body);
    let weald = vacancies::live(&mut conn, &clock::now(), Some(stale.id)).expect("live");
    assert_eq!(weald.len(), 1);
    assert_eq!(weald[0].pfa_code, KENT, "the profile's only area");
    assert_eq!(weald[0].vacancy.languages, ["cy"]);
    let path = |what: &str| format!("/admin/vacancies/{}/{}/{what}", stale.id, weald[0].id);
    assert_eq!(team.post(&path("refresh"), &[("csrf", &csrf)]).status, 303);
    assert_eq!(team.post(&path("withdraw"), &[("csrf", &csrf)]).status, 303);
    assert!(vacancies::live(&mut conn, &clock::now(), Some(stale.id))
        .expect("live")
        .is_empty());
    let page = team.post(&path("refresh"), &[("csrf", &csrf)]);
    assert_eq!(page.status, 422, "a withdrawn vacancy is no longer live");

    let filter = Filter {
        text: String::new(),
        action: "vacancies.viewed".into(),
    };
    let views = audit::window(&mut conn, &filter, audit::Cursor::Newest, 50)
        .expect("audit")
        .events;
    let by_referrer: Vec<_> = views
        .iter()
        .filter(|v| v.actor == "referrer@example.org")
        .collect();
    // Five looks at the board; a query it cannot read is no view.
    assert_eq!(by_referrer.len(), 5, "every view of the board");
    assert!(
        views
            .iter()
            .all(|v| v.actor == "referrer@example.org" || v.actor == "admin@example.org"),
        "the team's list is audited too; nobody else saw it"
    );
    assert!(views.iter().any(|v| v.actor == "admin@example.org"));
    let reasons: Vec<&str> = by_referrer
        .iter()
        .filter_map(|v| v.reason.as_deref())
        .collect();
    assert!(
        reasons.contains(&"region=South East, child_aged=13"),
        "{reasons:?}"
    );
    assert!(reasons.contains(&"accessible, language=en"), "{reasons:?}");
    assert!(
        reasons.iter().all(|r| !r.contains("Jane")),
        "what a referrer typed is never kept: {reasons:?}"
    );

    // A refuge posts its own vacancies through a standing link the team made for it; a service
    // offering no safe accommodation gets none.
    let none = team.post(
        &format!("/admin/vacancies/{}/link", fresh.id),
        &[("csrf", &csrf)],
    );
    assert_eq!(none.status, 422);
    assert!(none.body.contains("does not offer refuge"), "{}", none.body);
    let link_of = |page: &str| -> String {
        let page = page.replace("&#x2f;", "/");
        let at = page.find("/vacancies/post/").expect("a posting link") + "/vacancies/post/".len();
        page[at..at + 64].to_string()
    };
    let made = team.post(
        &format!("/admin/vacancies/{}/link", stale.id),
        &[("csrf", &csrf)],
    );
    assert_eq!(made.status, 200, "{}", made.body);
    let token = link_of(&made.body);
    let refuge = Browser::new(&server.base);
    let own = format!("/vacancies/post/{token}");
    assert!(refuge.get(&own).body.contains("Weald Women – Weald Refuge"));
    let bad = refuge.post(&own, &[("kind", "family"), ("children_up_to_age", "forty")]);
    assert_eq!(bad.status, 422);
    assert!(
        bad.body.contains("Children may come up to this age: ")
            && bad.body.contains("href=\"#children_up_to_age\"")
            && bad.body.contains("value=\"forty\""),
        "the problem by its label, linked, and what was typed kept: {}",
        bad.body
    );
    assert_eq!(
        refuge
            .post(&own, &[("kind", "family"), ("children_up_to_age", "12")])
            .status,
        303
    );
    let mine = vacancies::live(&mut conn, &clock::now(), Some(stale.id)).expect("live");
    assert_eq!(mine.len(), 1);
    assert!(
        referrer.get("/vacancies").body.contains("Weald"),
        "on the board"
    );
    let at = |id: i32, what: &str| format!("{own}/{id}/{what}");
    assert_eq!(refuge.post(&at(mine[0].id, "refresh"), &[]).status, 303);
    let other = posted(&mut conn, fresh.id, "single_women", &clock::now());
    let theirs = refuge.post(&at(other, "withdraw"), &[]);
    assert_eq!(
        theirs.status, 422,
        "another service's vacancy is not this link's"
    );
    assert_eq!(
        vacancies::live(&mut conn, &clock::now(), Some(fresh.id))
            .expect("live")
            .len(),
        2,
        "Harbour's vacancies untouched"
    );
    assert_eq!(refuge.post(&at(mine[0].id, "withdraw"), &[]).status, 303);
    assert!(vacancies::live(&mut conn, &clock::now(), Some(stale.id))
        .expect("live")
        .is_empty());
    let changes = audit::window(
        &mut conn,
        &Filter {
            text: String::new(),
            action: "vacancy.posted".into(),
        },
        audit::Cursor::Newest,
        50,
    )
    .expect("audit")
    .events;
    assert!(changes
        .iter()
        .any(|c| c.actor == format!("the posting link of service {}", stale.id)));
    // A new link stops the old one; a withdrawn one stops at once.
    let again = team.post(
        &format!("/admin/vacancies/{}/link", stale.id),
        &[("csrf", &csrf)],
    );
    let second = link_of(&again.body);
    assert_eq!(refuge.get(&own).status, 404);
    assert_eq!(refuge.get(&format!("/vacancies/post/{second}")).status, 200);
    let stopped = team.post(
        &format!("/admin/vacancies/{}/link/withdraw", stale.id),
        &[("csrf", &csrf)],
    );
    assert_eq!(stopped.status, 303);
    assert_eq!(refuge.get(&format!("/vacancies/post/{second}")).status, 404);
    assert_eq!(refuge.get("/vacancies/post/not-a-token").status, 404);
}

fn new_cycle(db: &TestDb, year: &str) {
    let closes = format!("{year}-10-31");
    let opens = format!("{year}-09-01");
    let (ok, out, err) = frontline(
        &db.url,
        &[
            "new-cycle",
            "--year",
            year,
            "--schema",
            "practitioner-survey-2018",
            "--title",
            "Survey",
            "--opens",
            &opens,
            "--closes",
            &closes,
        ],
    );
    assert!(ok, "{out}{err}");
}

#[test]
fn a_profile_rolled_past_a_reorganisation_names_the_successor_authorities() {
    const CUMBRIA: &str = "E23000002";
    let db = TestDb::new();
    new_cycle(&db, "2022");
    new_cycle(&db, "2023");
    let platform = db.platform();
    let mut conn = platform.conn().expect("connection");
    let refuge = services::create(&mut conn, "Fell Trust", "Fell Refuge", &[CUMBRIA.into()])
        .expect("service");
    let cycle = cycles::by_year(&mut conn, 2022).expect("2022");
    cycles::set_status(&mut conn, cycle.id, CycleStatus::Open).expect("open");
    let open = cycles::by_year(&mut conn, 2022).expect("2022");
    // In 2022 Cumbria's county (E10000006) is the upper-tier authority.
    let problems = saving::save(
        &platform,
        &mut conn,
        &open,
        refuge.id,
        &refuge_answers(8, None, "E10000006"),
        Giver::Staff("team@example.org"),
    )
    .expect("saved");
    assert_eq!(problems, vec![]);
    let carried = frontline_web::profiles::roll_forward::roll_forward(&mut conn, 2023, "team")
        .expect("rolled");
    assert_eq!(carried, 1);
    let y2023 = cycles::by_year(&mut conn, 2023).expect("2023");
    let stored = frontline_web::store::profiles::find(&mut conn, y2023.id, refuge.id)
        .expect("read")
        .expect("rolled forward");
    let answers = survey_engine::Answers::from_json(&stored.answers).expect("answers");
    assert_eq!(
        answers.choices("utlas"),
        ["E06000063", "E06000064"],
        "Cumberland and Westmorland and Furness since April 2023"
    );
    // Its 2022 profile keeps the geography of its year.
    let y2022 = frontline_web::store::profiles::find(&mut conn, cycle.id, refuge.id)
        .expect("read")
        .expect("2022");
    assert!(y2022.answers.contains("E10000006"));
    // The 2023 Part 4 report counts it whole in each successor.
    let (ok, out, err) = frontline(&db.url, &["part4", "--cycle", "2023"]);
    assert!(ok, "{out}{err}");
    for code in ["E06000063", "E06000064"] {
        let row = out.lines().find(|l| l.starts_with(code)).expect(code);
        assert!(row.contains(",1,0,8,"), "{row}");
    }
    assert!(!out.contains("E10000006"), "the county is gone in 2023");
}
