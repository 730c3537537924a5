//! Several servers on one database: failed sign-ins are counted across all of them, an admin's
//! unlock is audited, and behind a trusted reverse proxy the client is the forwarded address.

mod support;

use frontline_web::store::audit;
use support::{frontline, Server, TestDb};

const PASSWORD: &str = "a long fleet password";

fn attempt(server: &Server, email: &str, forwarded_for: Option<&str>) -> u16 {
    sign_in(server, email, "not the password", forwarded_for)
}

fn sign_in(server: &Server, email: &str, password: &str, forwarded_for: Option<&str>) -> u16 {
    let client = reqwest::blocking::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let mut request = client
        .post(format!("{}/login", server.base))
        .form(&[("email", email), ("password", password)]);
    if let Some(address) = forwarded_for {
        request = request.header("x-forwarded-for", address);
    }
    request.send().unwrap().status().as_u16()
}

#[test]
fn failed_sign_ins_count_across_servers_and_an_unlock_is_audited() {
    let db = TestDb::new();
    let (ok, _, err) = frontline(
        &db.url,
        &[
            "create-account",
            "--email",
            "team@example.org",
            "--name",
            "Team",
            "--password",
            PASSWORD,
        ],
    );
    assert!(ok, "{err}");
    let proxy = ["--trusted-proxies", "127.0.0.1"];
    let a = Server::start(&db.url, &proxy);
    let b = Server::start(&db.url, &proxy);
    for _ in 0..5 {
        assert_eq!(attempt(&a, "team@example.org", Some("203.0.113.1")), 401);
    }
    // The sixth attempt, on the other server and from another address, is refused: the account's
    // count is shared by every server.
    assert_eq!(
        sign_in(&b, "team@example.org", PASSWORD, Some("203.0.113.2")),
        429
    );
    let (ok, out, err) = frontline(
        &db.url,
        &[
            "unlock-account",
            "--email",
            "team@example.org",
            "--by",
            "admin@example.org",
        ],
    );
    assert!(ok && out.contains("can sign in again"), "{out}{err}");
    assert_eq!(
        sign_in(&b, "team@example.org", PASSWORD, Some("203.0.113.2")),
        303
    );
    // The address that failed five times is still limited, for any account.
    assert_eq!(attempt(&a, "someone@example.org", Some("203.0.113.1")), 429);
    let platform = db.platform();
    let mut conn = platform.conn().unwrap();
    let events = audit::for_entity(&mut conn, "account", "team@example.org").unwrap();
    assert!(events
        .iter()
        .any(|e| e.action == "account.unlocked" && e.actor == "admin@example.org"));
    assert_eq!(
        events
            .iter()
            .filter(|e| e.action == "account.sign_in_failed")
            .count(),
        5
    );
}

#[test]
fn behind_a_trusted_proxy_the_forwarded_address_is_the_client() {
    let db = TestDb::new();
    let proxied = Server::start(&db.url, &["--trusted-proxies", "127.0.0.1"]);
    for n in 0..5 {
        assert_eq!(
            attempt(
                &proxied,
                &format!("user{n}@example.org"),
                Some("203.0.113.9")
            ),
            401
        );
    }
    // The same forwarded client is limited, whichever account it tries; another is not.
    assert_eq!(
        attempt(&proxied, "other@example.org", Some("203.0.113.9")),
        429
    );
    assert_eq!(
        attempt(&proxied, "other@example.org", Some("203.0.113.10")),
        401
    );
    // Without trust, the header is ignored: however it varies, the connection's address counts.
    let direct = Server::start(&db.url, &[]);
    for n in 0..5 {
        let spoofed = format!("198.51.100.{n}");
        assert_eq!(
            attempt(&direct, &format!("x{n}@example.org"), Some(&spoofed)),
            401
        );
    }
    assert_eq!(
        attempt(&direct, "y@example.org", Some("198.51.100.99")),
        429
    );
    let (ok, _, err) = frontline(&db.url, &["serve", "--trusted-proxies", "proxy.example"]);
    assert!(
        !ok && err.contains("trusted-proxies: 'proxy.example' is not an IP address"),
        "{err}"
    );
}

#[test]
fn sessions_end_when_revoked_idle_or_the_password_changes() {
    use diesel::prelude::*;
    use frontline_web::db::schema::sessions;
    let db = TestDb::new();
    let create = [
        "create-account",
        "--email",
        "team@example.org",
        "--name",
        "Team",
        "--password",
        PASSWORD,
    ];
    assert!(frontline(&db.url, &create).0);
    let server = Server::start(&db.url, &[]);
    let browser = support::web::Browser::new(&server.base);
    browser.sign_in("team@example.org", PASSWORD);
    assert_eq!(browser.get("/admin").status, 200);
    // Revoked by an admin: signed out at once, and audited.
    let (ok, out, _) = frontline(
        &db.url,
        &[
            "revoke-sessions",
            "--email",
            "team@example.org",
            "--by",
            "admin@example.org",
        ],
    );
    assert!(ok && out.contains("1 sessions ended"), "{out}");
    assert_eq!(browser.get("/admin").location.as_deref(), Some("/login"));
    let platform = db.platform();
    let mut conn = platform.conn().unwrap();
    let events = audit::for_entity(&mut conn, "account", "team@example.org").unwrap();
    assert!(events
        .iter()
        .any(|e| e.action == "account.sessions_revoked"));
    // Idle for longer than the limit: signed out.
    browser.sign_in("team@example.org", PASSWORD);
    diesel::update(sessions::table)
        .set(sessions::last_seen_at.eq("2000-01-01T00:00:00Z"))
        .execute(&mut *conn)
        .unwrap();
    assert_eq!(browser.get("/admin").location.as_deref(), Some("/login"));
    // A password reset ends the sessions signed in with the old one.
    browser.sign_in("team@example.org", PASSWORD);
    let reset = [
        "create-account",
        "--email",
        "team@example.org",
        "--name",
        "Team",
        "--password",
        "another long password",
    ];
    assert!(frontline(&db.url, &reset).0);
    assert_eq!(browser.get("/admin").location.as_deref(), Some("/login"));
}

#[test]
fn passwords_follow_ncsc_guidance_and_two_factor_sign_in_needs_a_fresh_code() {
    use frontline_web::crypto::{totp_code, totp_step_now};
    let db = TestDb::new();
    for (weak, why) in [
        ("password1234", "common"),
        ("Qwertyuiop123!", "keyboard run"),
        ("teamwork is great", "the account's name"),
    ] {
        let (ok, _, err) = frontline(
            &db.url,
            &[
                "create-account",
                "--email",
                "team@example.org",
                "--name",
                "Team",
                "--password",
                weak,
            ],
        );
        assert!(
            !ok && err.contains("password: is too easy to guess"),
            "{why}: {err}"
        );
    }
    assert!(
        frontline(
            &db.url,
            &[
                "create-account",
                "--email",
                "team@example.org",
                "--name",
                "Team",
                "--password",
                PASSWORD
            ]
        )
        .0
    );
    let server = Server::start(&db.url, &[]);
    let me = support::web::Browser::new(&server.base);
    me.sign_in("team@example.org", PASSWORD);
    let page = me.get("/account/two-factor").body;
    let csrf = support::web::csrf_in(&page);
    let marker = "name=\"secret\" value=\"";
    let start = page.find(marker).expect("a new secret") + marker.len();
    let secret: String = page[start..].chars().take_while(|c| *c != '"').collect();
    let wrong = me.post(
        "/account/two-factor",
        &[
            ("csrf", &csrf),
            ("action", "enable"),
            ("secret", &secret),
            ("code", "000000"),
        ],
    );
    assert_eq!(wrong.status, 422);
    let code = totp_code(&secret, totp_step_now()).unwrap();
    let on = me.post(
        "/account/two-factor",
        &[
            ("csrf", &csrf),
            ("action", "enable"),
            ("secret", &secret),
            ("code", &code),
        ],
    );
    assert_eq!(on.status, 303, "{}", on.body);

    // Signing in now needs the code; a code works once.
    let other = support::web::Browser::new(&server.base);
    let without = other.post(
        "/login",
        &[("email", "team@example.org"), ("password", PASSWORD)],
    );
    assert_eq!(without.status, 401);
    assert!(without.body.contains("6-digit code"));
    let step = totp_step_now();
    let code = totp_code(&secret, step).unwrap();
    let with = other.post(
        "/login",
        &[
            ("email", "team@example.org"),
            ("password", PASSWORD),
            ("code", &code),
        ],
    );
    assert_eq!(with.status, 303);
    if totp_step_now() == step {
        let replay = support::web::Browser::new(&server.base).post(
            "/login",
            &[
                ("email", "team@example.org"),
                ("password", PASSWORD),
                ("code", &code),
            ],
        );
        assert_eq!(replay.status, 401, "a used code is refused");
    }
    let platform = db.platform();
    let mut conn = platform.conn().unwrap();
    let events = audit::for_entity(&mut conn, "account", "team@example.org").unwrap();
    assert!(events
        .iter()
        .any(|e| e.action == "account.two_factor_enabled"));
    assert!(events.iter().any(|e| e.action == "account.sign_in_failed"
        && e.reason
            .as_deref()
            .is_some_and(|r| r.starts_with("two-factor code"))));
}
