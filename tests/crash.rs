//! Surviving crashes: a server killed with SIGKILL while 500 respondents submit loses no
//! acknowledged submission and leaves the database intact; two servers sharing one database send
//! 500 queued invitations once each, even when one is killed mid-send (a message it may have
//! handed to SMTP before dying is sent again with the same Message-ID, for the receiver to drop);
//! a moment's database outage shows a respondent their page again with all they typed.

mod support;

use diesel::prelude::*;
use frontline_web::db::schema::{outbox, responses};
use frontline_web::store::invitations;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use support::smtp::MailSink;
use support::{backend, frontline, Server, TestDb};

const RESPONDENTS: usize = 500;

/// An open cycle with 500 services invited; returns the link tokens from the queued mail.
fn invited(db: &TestDb) -> Vec<String> {
    invited_n(db, RESPONDENTS)
}

/// An open cycle with `n` services invited; returns the link tokens from the queued mail.
fn invited_n(db: &TestDb, n: usize) -> Vec<String> {
    let contacts = db.folder().join("contacts.csv");
    let mut csv = String::from("organisation,service,email,pfas\n");
    for i in 0..n {
        csv.push_str(&format!("Org {i},Service {i},s{i}@example.org,Kent\n"));
    }
    std::fs::write(&contacts, csv).unwrap();
    let steps = [
        vec![
            "import-contacts",
            "--cycle",
            "2017",
            contacts.to_str().unwrap(),
        ],
        vec!["send-invitations", "--cycle", "2017"],
    ];
    for args in support::open_2017_cycle().into_iter().chain(steps) {
        let (ok, out, err) = frontline(&db.url, &args);
        assert!(ok, "{args:?}: {out}{err}");
    }
    let platform = db.platform();
    let bodies: Vec<String> = outbox::table
        .select(outbox::body)
        .load(&mut *platform.conn().unwrap())
        .unwrap();
    bodies
        .iter()
        .filter_map(|b| {
            let text = b.replace("=\r\n", "").replace("=\n", "");
            let at = text.find("/r/")? + 3;
            Some(text[at..at + 64].to_string())
        })
        .collect()
}

fn server_with(db: &TestDb, env: &[(&str, String)]) -> Server {
    let mut all = vec![(
        "FRONTLINE_MAIL_DIR",
        db.folder().join("mail").display().to_string(),
    )];
    all.extend(env.iter().cloned());
    Server::start_with_env(&db.url, &[], &all)
}

#[test]
fn a_server_killed_mid_submission_keeps_every_acknowledged_answer_once() {
    let db = TestDb::new();
    let tokens = invited(&db);
    assert_eq!(tokens.len(), RESPONDENTS);
    let mut server = server_with(&db, &[]);
    let base = server.base.clone();
    let acknowledged: Arc<Mutex<Vec<String>>> = Arc::default();
    let workers: Vec<_> = tokens
        .chunks(RESPONDENTS / 10)
        .map(|share| {
            let (share, base, acknowledged) =
                (share.to_vec(), base.clone(), Arc::clone(&acknowledged));
            std::thread::spawn(move || {
                let client = reqwest::blocking::Client::builder()
                    .redirect(reqwest::redirect::Policy::none())
                    .timeout(Duration::from_secs(10))
                    .build()
                    .unwrap();
                for token in share {
                    let link = format!("{base}/r/{token}");
                    let saved = client
                        .post(format!("{link}/section/service"))
                        .form(&[
                            ("respondent_name", "A Person"),
                            ("respondent_role", "Manager"),
                            ("service_description", "specialist_da"),
                            ("employs_practitioners", "no"),
                            ("action", "continue"),
                        ])
                        .send();
                    if saved.is_err() {
                        return;
                    }
                    match client.post(format!("{link}/submit")).send() {
                        Ok(r) if r.status().as_u16() == 303 => {
                            acknowledged.lock().unwrap().push(token)
                        }
                        Ok(_) => {}
                        Err(_) => return,
                    }
                }
            })
        })
        .collect();
    let deadline = Instant::now() + Duration::from_secs(120);
    while acknowledged.lock().unwrap().len() < RESPONDENTS / 4 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    server.kill();
    for w in workers {
        w.join().unwrap();
    }
    let acknowledged = acknowledged.lock().unwrap().clone();
    assert!(
        acknowledged.len() >= RESPONDENTS / 4,
        "only {} acknowledged",
        acknowledged.len()
    );
    assert!(acknowledged.len() < RESPONDENTS, "the kill came mid-way");

    // After a restart every acknowledged submission is there, once, and the database is intact.
    let restarted = server_with(&db, &[]);
    assert_eq!(restarted.get("/healthz").0, 200);
    let platform = db.platform();
    let mut conn = platform.conn().unwrap();
    let rows: Vec<(i32, String)> = responses::table
        .select((responses::service_id, responses::status))
        .load(&mut *conn)
        .unwrap();
    let mut per_service: BTreeMap<i32, Vec<String>> = BTreeMap::new();
    for (service, status) in rows {
        per_service.entry(service).or_default().push(status);
    }
    assert!(
        per_service.values().all(|s| s.len() == 1),
        "one response per service"
    );
    for token in &acknowledged {
        let token = frontline_web::crypto::LinkToken::from_link(token).expect("a link token");
        let holder = invitations::by_token(&mut conn, &token).unwrap().unwrap();
        assert_eq!(
            per_service[&holder.service.id],
            vec!["submitted".to_string()]
        );
    }
    if backend() == "sqlite" {
        #[derive(QueryableByName)]
        struct Check {
            #[diesel(sql_type = diesel::sql_types::Text)]
            integrity_check: String,
        }
        let check: Vec<Check> = diesel::sql_query("PRAGMA integrity_check")
            .load(&mut *conn)
            .unwrap();
        assert_eq!(check[0].integrity_check, "ok");
    }
}

#[test]
fn two_servers_send_500_invitations_once_each_even_when_one_is_killed() {
    let db = TestDb::new();
    invited(&db);
    let smtp = MailSink::start();
    let env = [
        ("FRONTLINE_SMTP_URL", smtp.url.clone()),
        ("FRONTLINE_MAIL_POLL_MS", "50".to_string()),
        ("FRONTLINE_MAIL_LEASE_SECONDS", "3".to_string()),
    ];
    let mut first = server_with(&db, &env);
    let _second = server_with(&db, &env);
    smtp.wait_for(RESPONDENTS / 5);
    first.kill();
    let deadline = Instant::now() + Duration::from_secs(120);
    let distinct = |messages: &[support::smtp::Received]| -> BTreeSet<String> {
        messages.iter().flat_map(|m| m.to.clone()).collect()
    };
    while distinct(&smtp.messages()).len() < RESPONDENTS {
        assert!(
            Instant::now() < deadline,
            "only {} invitations arrived",
            distinct(&smtp.messages()).len()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    std::thread::sleep(Duration::from_secs(1));
    let messages = smtp.messages();
    let message_id = |data: &str| -> String {
        data.lines()
            .find(|l| l.to_ascii_lowercase().starts_with("message-id:"))
            .map(|l| l[11..].trim().to_string())
            .expect("a Message-ID")
    };
    let mut ids_per_recipient: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for m in &messages {
        for to in &m.to {
            ids_per_recipient
                .entry(to.clone())
                .or_default()
                .insert(message_id(&m.data));
        }
    }
    assert_eq!(ids_per_recipient.len(), RESPONDENTS);
    assert!(
        ids_per_recipient.values().all(|ids| ids.len() == 1),
        "a resend keeps its Message-ID"
    );
    assert!(
        messages.len() <= RESPONDENTS + 1,
        "at most the one message in flight at the kill is sent again: {}",
        messages.len()
    );
    let platform = db.platform();
    let statuses: Vec<String> = outbox::table
        .select(outbox::status)
        .load(&mut *platform.conn().unwrap())
        .unwrap();
    assert!(statuses.iter().all(|s| s == "sent"), "{statuses:?}");
}

#[test]
fn a_moments_database_outage_shows_the_page_again_with_all_that_was_typed() {
    let db = TestDb::new();
    let token = invited_n(&db, 1).remove(0);
    let server = server_with(&db, &[]);
    let client = reqwest::blocking::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(60))
        .build()
        .unwrap();
    let section = format!("{}/r/{token}/section/service", server.base);
    assert_eq!(client.get(&section).send().unwrap().status().as_u16(), 200);
    let profile = format!("{}/r/{token}/profile", server.base);
    let profile_typed = [
        ("services_offered", "community_outreach"),
        ("genders_served", "women"),
        ("crime_types", "domestic_abuse"),
        ("referral_routes", "police"),
        ("contact_phone", "0300 123 4567"),
        ("max_age", "99"),
    ];
    let typed = [
        ("respondent_name", "Ada Typed-Carefully"),
        ("respondent_role", "Service manager, Weald"),
        ("service_description", "specialist_da"),
        ("employs_practitioners", "no"),
        ("action", "continue"),
    ];
    // A second server of the fleet has never seen this link.
    let other = server_with(&db, &[]);
    let outage = db.outage();
    // Pressed twice while the database is away: each time the page again, all still on it.
    for press in 1..=2 {
        let refused = client.post(&section).form(&typed).send().unwrap();
        assert_eq!(
            refused.status().as_u16(),
            503,
            "press {press}: {:?}",
            refused.headers()
        );
        assert_eq!(
            refused
                .headers()
                .get("retry-after")
                .and_then(|v| v.to_str().ok()),
            Some("5")
        );
        let page = refused.text().unwrap();
        assert!(page.contains("Not saved yet"), "{page}");
        for shown in [
            r#"value="Ada Typed-Carefully""#,
            r#"value="Service manager, Weald""#,
            r#"value="specialist_da" checked"#,
        ] {
            assert!(page.contains(shown), "{shown} is on the page again");
        }
        // The form posts back to the same section (minijinja writes `/` as `&#x2f;`).
        let action = format!("&#x2f;r&#x2f;{token}/section/service");
        assert!(page.contains(&format!(r#"action="{action}""#)), "{page}");
    }
    // Sent to the server that never saw the link: everything kept on a page that sends it again
    // (where the link cannot be read either, as on PostgreSQL, in hidden fields).
    let elsewhere = format!("{}/r/{token}/section/service", other.base);
    let refused = client.post(&elsewhere).form(&typed).send().unwrap();
    assert_eq!(refused.status().as_u16(), 503);
    let page = refused.text().unwrap();
    assert!(page.contains("Not saved yet"), "{page}");
    for (name, value) in typed {
        let kept = format!(r#"name="{name}" value="{value}""#);
        let chosen = format!(r#"value="{value}" checked"#);
        assert!(
            page.contains(&kept) || page.contains(&chosen),
            "{name} is kept: {page}"
        );
    }
    // The service's profile, the same: back with what was typed, nothing lost.
    let refused = client.post(&profile).form(&profile_typed).send().unwrap();
    assert_eq!(refused.status().as_u16(), 503);
    let page = refused.text().unwrap();
    assert!(page.contains("Not saved yet"), "{page}");
    assert!(page.contains(r#"value="99""#), "{page}");
    drop(outage);
    // Once the database is back every request is served at once — no connection the outage
    // ended is handed out again — and the next press stores it all.
    let burst: Vec<_> = (0..8)
        .map(|_| {
            let (client, section) = (client.clone(), section.clone());
            std::thread::spawn(move || client.get(&section).send().unwrap().status().as_u16())
        })
        .collect();
    for answered in burst {
        assert_eq!(answered.join().unwrap(), 200);
    }
    let saved = client.post(&section).form(&typed).send().unwrap();
    assert_eq!(saved.status().as_u16(), 303);
    let platform = db.platform();
    let answers: Vec<String> = responses::table
        .select(responses::answers)
        .load(&mut *platform.conn().unwrap())
        .unwrap();
    assert_eq!(answers.len(), 1);
    assert!(answers[0].contains("Ada Typed-Carefully"), "{answers:?}");
    let saved = client.post(&profile).form(&profile_typed).send().unwrap();
    assert_eq!(saved.status().as_u16(), 303);
}
