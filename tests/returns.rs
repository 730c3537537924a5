//! VFS returns: a programme asks its services through the outbox (once per service per period,
//! however many programmes fund it), a provider saves and submits through its link, the
//! arithmetic rejects bad figures naming the fields, every co-commissioner sees the same return,
//! amendments are audited, late returns are flagged; imports are all or nothing and the export by
//! police force area equals an independent sum with no suppressed cell recoverable.

mod support;

use frontline_web::store::states::ResponseStatus;
use frontline_web::store::{audit, services, vfs_returns};
use std::collections::BTreeMap;
use support::smtp::{link_after, MailSink};
use support::web::Browser;
use support::{frontline, Server, TestDb};

const COLUMNS: &str = "service,pfa,waiting_list,waiting_weeks_median,referrals_new,engaged_new,engaged_existing,referred_on_victim_services,referred_on_financial,referred_on_housing,referred_on_health,referred_on_complex_needs,reported_active,reported_non_active,left_concluded,left_dropped_out,age_17_under,age_18_34,age_35_54,age_55_74,age_75_over,age_not_stated,gender_woman,gender_man,gender_non_binary,gender_not_stated,orientation_heterosexual,orientation_gay,orientation_lesbian,orientation_bisexual,orientation_other,orientation_not_stated,ethnicity_white,ethnicity_asian,ethnicity_black,ethnicity_mixed,ethnicity_other,ethnicity_not_stated,disability_yes,disability_no,disability_not_stated,coped_asked,coped_improved,informed_asked,informed_improved,support_asked,support_improved,cjs_asked,cjs_improved";

fn cli(db: &TestDb, args: &[&str]) -> String {
    let (ok, out, err) = frontline(&db.url, args);
    assert!(ok, "{args:?}: {out}{err}");
    out
}

/// A consistent return: `engaged` split new/existing, every breakdown adding up to it.
fn figures(engaged: i64, small: i64) -> BTreeMap<&'static str, String> {
    let mut f: BTreeMap<&str, String> = COLUMNS
        .split(',')
        .skip(2)
        .map(|c| (c, "0".to_string()))
        .collect();
    let mut set = |c: &'static str, v: i64| {
        f.insert(c, v.to_string());
    };
    set("waiting_list", 9);
    set("referrals_new", engaged + 5);
    set("engaged_new", engaged - 10);
    set("engaged_existing", 10);
    set("reported_active", 6);
    set("left_concluded", 12);
    set("left_dropped_out", small);
    set("age_18_34", small);
    set("age_35_54", engaged - small);
    set("gender_woman", engaged - small);
    set("gender_man", small);
    set("orientation_not_stated", engaged);
    set("ethnicity_white", engaged);
    set("disability_no", engaged);
    set("coped_asked", 10);
    set("coped_improved", 8);
    f.insert("waiting_weeks_median", "5.5".into());
    f
}

fn csv_row(service: &str, pfa: &str, f: &BTreeMap<&str, String>) -> String {
    let cells: Vec<String> = COLUMNS.split(',').skip(2).map(|c| f[c].clone()).collect();
    format!("{service},{pfa},{}\n", cells.join(","))
}

/// Posts a whole return with `action` (save or submit) as the provider's browser would.
fn post_figures(
    browser: &Browser,
    link: &str,
    f: &BTreeMap<&str, String>,
    action: &str,
) -> support::web::Page {
    let mut fields: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
    fields.push(("action", action));
    browser.post(link, &fields)
}

#[test]
fn a_programme_asks_once_a_provider_submits_and_every_commissioner_sees_it() {
    let db = TestDb::new();
    {
        let platform = db.platform();
        let mut conn = platform.conn().unwrap();
        for (org, name, area, email) in [
            (
                "Harbour Trust",
                "Harbour Advocacy",
                "E23000032",
                "advocacy@harbour.example.org",
            ),
            (
                "Kestrel Project",
                "Kestrel Outreach",
                "E23000032",
                "outreach@kestrel.example.org",
            ),
            (
                "Willow Trust",
                "Willow Refuge",
                "E23000031",
                "refuge@willow.example.org",
            ),
        ] {
            let s = services::create(&mut conn, org, name, &[area.to_string()]).unwrap();
            services::add_contact(&mut conn, s.id, "", email).unwrap();
        }
    }
    cli(
        &db,
        &[
            "new-programme",
            "--id",
            "kent-pcc",
            "--name",
            "Kent PCC grants",
            "--first-period",
            "2025-Q1",
        ],
    );
    cli(
        &db,
        &[
            "new-programme",
            "--id",
            "kent-cc",
            "--name",
            "Kent County Council",
            "--first-period",
            "2025-Q1",
        ],
    );
    let (ok, _, err) = frontline(
        &db.url,
        &[
            "new-programme",
            "--id",
            "x",
            "--name",
            "X",
            "--frequency",
            "monthly",
            "--first-period",
            "2025-Q1",
        ],
    );
    assert!(
        !ok && err.contains("frequency: 'monthly' is not a reporting frequency"),
        "{err}"
    );
    cli(
        &db,
        &[
            "programme-services",
            "--programme",
            "kent-pcc",
            "Harbour Advocacy",
            "Kestrel Outreach",
            "Willow Refuge",
        ],
    );
    cli(
        &db,
        &[
            "programme-services",
            "--programme",
            "kent-cc",
            "Harbour Trust – Harbour Advocacy",
        ],
    );
    cli(
        &db,
        &[
            "create-account",
            "--email",
            "team@example.org",
            "--name",
            "Team",
            "--role",
            "admin",
            "--password",
            "a long staff password",
        ],
    );
    cli(
        &db,
        &[
            "create-account",
            "--email",
            "pcc@example.org",
            "--name",
            "PCC",
            "--role",
            "pcc_reviewer",
            "--password",
            "a long pcc password",
        ],
    );
    {
        let platform = db.platform();
        let mut conn = platform.conn().unwrap();
        let pcc = frontline_web::store::accounts::by_email(&mut conn, "pcc@example.org")
            .unwrap()
            .unwrap();
        frontline_web::store::accounts::set_areas(&mut conn, pcc.id, &["E23000032".to_string()])
            .unwrap();
    }

    let smtp = MailSink::start();
    let server = Server::start_with_env(
        &db.url,
        &[],
        &[
            ("FRONTLINE_SMTP_URL", smtp.url.clone()),
            ("FRONTLINE_MAIL_POLL_MS", "100".into()),
        ],
    );
    let env = [("FRONTLINE_PUBLIC_URL", server.base.clone())];
    let (ok, out, err) = support::frontline_with_env(
        &db.url,
        &[
            "send-return-requests",
            "--programme",
            "kent-pcc",
            "--period",
            "2026-Q1",
        ],
        &env,
    );
    assert!(ok && out.contains("queued 3 requests"), "{out}{err}");
    // The co-commissioner asks for the same period: the shared service is not asked twice.
    let out = cli(
        &db,
        &[
            "send-return-requests",
            "--programme",
            "kent-cc",
            "--period",
            "2026-Q1",
        ],
    );
    assert!(out.contains("queued 0 requests"), "{out}");
    let mail = smtp.wait_for(3);
    std::thread::sleep(std::time::Duration::from_millis(500));
    assert_eq!(smtp.messages().len(), 3, "each service asked exactly once");
    let harbour = mail
        .iter()
        .find(|m| m.to.iter().any(|t| t.contains("harbour")))
        .expect("Harbour's request");
    assert!(harbour.data.contains("2026-Q1"));
    let link = link_after(&harbour.data, "/v/");
    let provider = Browser::new(&server.base);
    let page = provider.get(&link);
    assert_eq!(page.status, 200);
    assert!(page
        .body
        .contains("Victims Funding Strategy return for 2026-Q1"));

    // Save part of it, then a submission whose breakdowns do not add up: refused, naming fields.
    let good = figures(40, 3);
    let saved = provider.post(&link, &[("waiting_list", "9"), ("action", "save")]);
    assert_eq!(saved.status, 200, "{}", saved.body);
    assert!(saved.body.contains("Saved."));
    let mut bad = good.clone();
    bad.insert("age_35_54", "38".into());
    bad.insert("coped_improved", "11".into());
    let refused = post_figures(&provider, &link, &bad, "submit");
    assert_eq!(refused.status, 422);
    assert!(
        refused.body.contains("age (age_17_under + age_18_34"),
        "{}",
        refused.body
    );
    assert!(refused
        .body
        .contains("coped_improved: 11 reported improvement but only 10 were asked"));
    let platform = db.platform();
    let mut conn = platform.conn().unwrap();
    let harbour_id = services::all(&mut conn)
        .unwrap()
        .into_iter()
        .find(|s| s.name == "Harbour Advocacy")
        .unwrap()
        .id;
    let stored = vfs_returns::find(&mut conn, harbour_id, "2026-Q1")
        .unwrap()
        .unwrap();
    assert_eq!(
        stored.status,
        ResponseStatus::Partial,
        "the refused submission stored nothing"
    );
    let done = post_figures(&provider, &link, &good, "submit");
    assert_eq!(done.status, 200, "{}", done.body);
    assert!(done.body.contains("your return is submitted"));

    // An amendment after submission is audited.
    let mut amended = good.clone();
    amended.insert("waiting_list", "11".into());
    assert_eq!(
        post_figures(&provider, &link, &amended, "submit").status,
        200
    );
    let events =
        audit::for_entity(&mut conn, "vfs_return", &format!("{harbour_id}/2026-Q1")).unwrap();
    let actions: Vec<&str> = events.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, vec!["vfs_return.submitted", "vfs_return.amended"]);
    assert!(events[1]
        .after_value
        .as_deref()
        .unwrap()
        .contains("\"waiting_list\":11"));

    // Both commissioners see the same return; a past period with nothing in is late.
    cli(
        &db,
        &[
            "import-vfs-returns",
            "--programme",
            "kent-cc",
            "--period",
            "2026-Q2",
            &write(&db, "q2.csv", &csv_row("Harbour Advocacy", "Kent", &good)),
        ],
    );
    let team = Browser::new(&server.base);
    team.sign_in("team@example.org", "a long staff password");
    for programme in ["kent-pcc", "kent-cc"] {
        let page = team.get(&format!("/returns/{programme}"));
        assert_eq!(page.status, 200);
        let harbour_row = page
            .body
            .split("<tr>")
            .find(|r| r.contains("Harbour Advocacy"))
            .expect("Harbour's row");
        assert!(
            harbour_row.contains("submitted"),
            "{programme}: {harbour_row}"
        );
    }
    let out = cli(
        &db,
        &[
            "send-return-requests",
            "--programme",
            "kent-pcc",
            "--period",
            "2025-Q1",
        ],
    );
    assert!(out.contains("queued 3 requests"), "{out}");
    let page = team.get("/returns/kent-pcc").body;
    let late_row = page
        .split("<tr class=\"total\">")
        .nth(1)
        .expect("late totals");
    assert!(
        late_row.contains("<td>3</td>"),
        "all three late for 2025-Q1: {late_row}"
    );

    // The Kent PCC office reads Kent's trends and rates, not Surrey's.
    let pcc = Browser::new(&server.base);
    assert_eq!(
        pcc.try_sign_in("pcc@example.org", "a long pcc password", "")
            .status,
        303
    );
    let kent = pcc.get("/returns/kent-pcc/areas/E23000032");
    assert_eq!(kent.status, 200);
    assert!(
        kent.body.contains("<svg") && kent.body.contains("80%"),
        "coped: 8 of 10"
    );
    assert_eq!(pcc.get("/returns/kent-pcc/areas/E23000031").status, 403);
    let denied = audit::for_entity(&mut conn, "police_force_area", "E23000031").unwrap();
    assert_eq!(
        denied.last().map(|e| e.action.as_str()),
        Some("access.denied")
    );
    let history = pcc.get(&format!("/returns/kent-pcc/services/{harbour_id}"));
    assert_eq!(history.status, 200);
    assert!(history.body.contains("2026-Q1") && history.body.contains("<svg"));
    let mine = pcc.get("/returns/kent-pcc").body;
    assert!(mine.contains("Harbour Advocacy") && !mine.contains("Willow Refuge"));
}

fn write(db: &TestDb, name: &str, rows: &str) -> String {
    let path = db.folder().join(name);
    std::fs::write(&path, format!("{COLUMNS}\n{rows}")).unwrap();
    path.display().to_string()
}

#[test]
fn imports_are_all_or_nothing_and_the_export_hides_small_counts_for_good() {
    let db = TestDb::new();
    cli(
        &db,
        &[
            "new-programme",
            "--id",
            "p",
            "--name",
            "Programme",
            "--first-period",
            "2025-Q1",
        ],
    );
    // One bad row (a breakdown that does not add up, an unknown area) stores nothing.
    let mut broken = figures(30, 2);
    broken.insert("gender_woman", "29".into());
    let rows = csv_row("Alpha", "Kent", &figures(30, 2))
        + &csv_row("Beta", "Narnia", &figures(30, 2))
        + &csv_row("Gamma", "Surrey", &broken);
    let (ok, _, err) = frontline(
        &db.url,
        &[
            "import-vfs-returns",
            "--programme",
            "p",
            "--period",
            "2025-Q1",
            &write(&db, "bad.csv", &rows),
        ],
    );
    assert!(!ok);
    assert!(
        err.contains("line 3, pfa: 'Narnia' is not a police force area"),
        "{err}"
    );
    assert!(
        err.contains("line 4, gender_woman: gender identity"),
        "{err}"
    );
    let platform = db.platform();
    let mut conn = platform.conn().unwrap();
    assert!(
        services::all(&mut conn).unwrap().is_empty(),
        "no service was created"
    );
    let (ok, _, err) = frontline(
        &db.url,
        &[
            "import-vfs-returns",
            "--programme",
            "p",
            "--period",
            "2025-Q1",
            &{
                let path = db.folder().join("header.csv");
                std::fs::write(&path, "service,pfa,waiting_weeks_median\n").unwrap();
                path.display().to_string()
            },
        ],
    );
    assert!(
        !ok && err.contains("column 3 must be 'waiting_list', found 'waiting_weeks_median'"),
        "{err}"
    );

    // A good file: six services in three areas, some with small counts.
    let plan = [
        ("Alpha", "Kent", 30, 2),
        ("Beta", "Kent", 45, 1),
        ("Gamma", "Surrey", 25, 3),
        ("Delta", "Surrey", 60, 12),
        ("Epsilon", "Essex", 33, 1),
        ("Zeta", "Essex", 52, 2),
    ];
    let rows: String = plan
        .iter()
        .map(|(s, pfa, e, small)| csv_row(s, pfa, &figures(*e, *small)))
        .collect();
    let out = cli(
        &db,
        &[
            "import-vfs-returns",
            "--programme",
            "p",
            "--period",
            "2025-Q1",
            &write(&db, "good.csv", &rows),
        ],
    );
    assert!(
        out.contains("imported 6 returns for 2025-Q1 (6 new services)"),
        "{out}"
    );
    let folder = db.folder().join("out");
    cli(
        &db,
        &[
            "export-vfs",
            "--programme",
            "p",
            "--period",
            "2025-Q1",
            "--by",
            "pfa",
            "--out",
            folder.to_str().unwrap(),
        ],
    );
    let text = std::fs::read_to_string(folder.join("vfs-by-pfa.csv")).unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header[..2], ["pfa_code".to_string(), "pfa".to_string()]);
    assert_eq!(
        header[2..].join(","),
        COLUMNS.split(',').skip(2).collect::<Vec<_>>().join(",")
    );
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    assert_eq!(rows.len(), 4, "three areas and England and Wales");
    assert_eq!(rows[3][1], "England and Wales");

    // Independent sums: every shown cell equals the sum of its area's rows in the plan.
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    for (r, row) in rows.iter().enumerate() {
        let members: Vec<_> = plan
            .iter()
            .filter(|(_, pfa, _, _)| r == 3 || row[1] == *pfa)
            .collect();
        for name in COLUMNS
            .split(',')
            .skip(2)
            .filter(|c| *c != "waiting_weeks_median")
        {
            let expected: i64 = members
                .iter()
                .map(|(_, _, e, small)| figures(*e, *small)[name].parse::<i64>().unwrap())
                .sum();
            let shown = &row[col(name)];
            if shown == "[c]" {
                continue;
            }
            assert_eq!(shown.parse::<i64>().unwrap(), expected, "{} {name}", row[1]);
            assert!(
                !(1..=4).contains(&expected),
                "{} {name}: small count {expected} shown",
                row[1]
            );
        }
    }
    // Nothing hidden can be recovered: no breakdown (against engaged new + existing) and no column
    // (against its total) with exactly one hidden cell.
    for row in &rows {
        let hidden = |name: &str| row[col(name)] == "[c]";
        for breakdown in [
            "age_",
            "gender_",
            "orientation_",
            "ethnicity_",
            "disability_",
        ] {
            let cells: Vec<&str> = COLUMNS
                .split(',')
                .filter(|c| c.starts_with(breakdown))
                .collect();
            let n = cells.iter().filter(|c| hidden(c)).count()
                + usize::from(hidden("engaged_new"))
                + usize::from(hidden("engaged_existing"));
            assert_ne!(
                n, 1,
                "{} {breakdown}: one hidden cell can be worked out",
                row[1]
            );
        }
    }
    for name in COLUMNS.split(',').skip(2) {
        let n = rows.iter().filter(|row| row[col(name)] == "[c]").count();
        assert_ne!(
            n, 1,
            "{name}: one hidden cell can be worked out from the total"
        );
    }
    assert!(
        text.matches("[c]").count() >= 6,
        "small counts were hidden: {text}"
    );
}
