//! Data protection: a consistent SQLite backup and a checked restore; the retention policy
//! erasing personal answers from old cycles while every figure stays; a subject-access export of
//! one address. All audited.

mod support;

use diesel::prelude::*;
use frontline_web::db::schema::{contacts, invitations, responses};
use frontline_web::store::{audit, cycles};
use support::{backend, frontline, TestDb};

fn cli(db: &TestDb, args: &[&str]) -> String {
    let (ok, out, err) = frontline(&db.url, args);
    assert!(ok, "{args:?}: {out}{err}");
    out
}

fn draft_coverage(db: &TestDb, year: &str) -> String {
    let out = db.folder().join(format!("draft-{year}-{}", rand_suffix()));
    cli(
        db,
        &[
            "publish",
            "--cycle",
            year,
            "--draft",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    std::fs::read_to_string(out.join("tables/pfa-coverage.csv")).unwrap()
}

fn rand_suffix() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos()
}

#[test]
fn backup_and_restore_round_trip_and_refuse_a_damaged_file() {
    let db = TestDb::demo();
    let file = db.folder().join("backup.db");
    if backend() == "postgres" {
        let (ok, _, err) = frontline(&db.url, &["backup", "--out", file.to_str().unwrap()]);
        assert!(!ok && err.contains("pg_dump"), "{err}");
        return;
    }
    cli(&db, &["backup", "--out", file.to_str().unwrap()]);
    let (ok, _, err) = frontline(&db.url, &["backup", "--out", file.to_str().unwrap()]);
    assert!(!ok && err.contains("already exists"), "{err}");
    // A change after the backup is gone once it is restored.
    cli(
        &db,
        &[
            "create-account",
            "--email",
            "late@example.org",
            "--name",
            "Late",
            "--password",
            "a long tardy password",
        ],
    );
    let garbage = db.folder().join("garbage.db");
    std::fs::write(&garbage, b"this is not a database at all, just text").unwrap();
    let (ok, _, err) = frontline(&db.url, &["restore", "--from", garbage.to_str().unwrap()]);
    assert!(!ok && err.contains("garbage.db"), "{err}");
    assert!(
        frontline(&db.url, &["migrate"]).0,
        "a refused restore leaves the database working"
    );
    cli(&db, &["restore", "--from", file.to_str().unwrap()]);
    let platform = db.platform();
    let mut conn = platform.conn().unwrap();
    assert!(
        frontline_web::store::accounts::by_email(&mut conn, "late@example.org")
            .unwrap()
            .is_none()
    );
    let events = audit::for_entity(&mut conn, "database", &platform.target.describe()).unwrap();
    let actions: Vec<&str> = events.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, vec!["database.backed_up", "database.restored"]);
}

#[test]
fn retention_erases_personal_answers_of_old_cycles_and_keeps_every_figure() {
    let db = TestDb::demo();
    let before = draft_coverage(&db, "2017");
    // The demo's newest waves are 2021 (the SV study) and 2018.
    let out = cli(&db, &["retention", "--keep-cycles", "2", "--dry-run"]);
    assert!(
        out.starts_with("would erase personal data from cycles [2017, 2016]"),
        "{out}"
    );
    let platform = db.platform();
    let mut conn = platform.conn().unwrap();
    let named = |conn: &mut frontline_web::db::DbConnection, year: i32| -> usize {
        let cycle = cycles::by_year(conn, year).unwrap();
        responses::table
            .filter(responses::cycle_id.eq(cycle.id))
            .select(responses::answers)
            .load::<String>(conn)
            .unwrap()
            .iter()
            .filter(|a| a.contains("respondent_name"))
            .count()
    };
    assert!(named(&mut conn, 2017) > 0, "a dry run changes nothing");
    let out = cli(&db, &["retention", "--keep-cycles", "2"]);
    assert!(out.starts_with("erased personal data"), "{out}");
    assert_eq!(named(&mut conn, 2017), 0);
    assert_eq!(named(&mut conn, 2016), 0);
    assert!(named(&mut conn, 2018) > 0, "the kept cycle keeps its names");
    assert_eq!(draft_coverage(&db, "2017"), before, "figures are untouched");
    let cycle_2017 = cycles::by_year(&mut conn, 2017).unwrap();
    let without_figures: i64 = responses::table
        .filter(responses::cycle_id.eq(cycle_2017.id))
        .filter(responses::submitted_answers.is_not_null())
        .filter(responses::figures.is_null())
        .count()
        .get_result(&mut *conn)
        .unwrap();
    assert_eq!(
        without_figures, 0,
        "the figures of scrubbed answers are read again and stored with them"
    );
    let events = audit::for_entity(&mut conn, "database", "keep 2 cycles").unwrap();
    assert_eq!(events.len(), 1);
    let (ok, _, err) = frontline(&db.url, &["retention", "--keep-cycles", "0"]);
    assert!(!ok && err.contains("keep-cycles"), "{err}");
}

#[test]
fn a_subject_access_export_holds_everything_on_one_address() {
    let db = TestDb::demo();
    let platform = db.platform();
    let mut conn = platform.conn().unwrap();
    let email: String = contacts::table
        .inner_join(invitations::table.on(invitations::contact_id.eq(contacts::id)))
        .select(contacts::email)
        .first(&mut *conn)
        .unwrap();
    let file = db.folder().join("sar.json");
    cli(
        &db,
        &[
            "subject-access",
            "--email",
            &email,
            "--out",
            file.to_str().unwrap(),
        ],
    );
    let data: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(data["email"], email.as_str());
    let contact = &data["survey_contacts"][0];
    assert_eq!(contact["email"], email.as_str());
    assert!(!contact["invitations"].as_array().unwrap().is_empty());
    let events = audit::for_entity(&mut conn, "person", &email).unwrap();
    assert_eq!(events[0].action, "subject_access.exported");
    let (ok, _, err) = frontline(
        &db.url,
        &[
            "subject-access",
            "--email",
            "nobody",
            "--out",
            file.to_str().unwrap(),
        ],
    );
    assert!(
        !ok && err.contains("email: 'nobody' is not an email address"),
        "{err}"
    );
}
