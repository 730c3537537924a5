//! Several servers on one database: failed sign-ins slow down the account-and-address pair on
//! every server, never lock out the account's owner elsewhere or others behind the same address,
//! an admin's unlock is audited, and behind a trusted reverse proxy the client is the forwarded
//! address.

mod support;

use frontline_web::store::audit;
use support::{frontline, Server, TestDb};

const PASSWORD: &str = "a long fleet password";

fn attempt(server: &Server, email: &str, forwarded_for: Option<&str>) -> u16 {
    sign_in(server, email, "not the password", forwarded_for).0
}

/// Posts the sign-in form (fetched first for its token) from a new client; the status and any
/// Retry-After.
fn sign_in(
    server: &Server,
    email: &str,
    password: &str,
    forwarded_for: Option<&str>,
) -> (u16, Option<u64>) {
    let client = reqwest::blocking::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .cookie_store(true)
        .build()
        .unwrap();
    let form = client
        .get(format!("{}/login", server.base))
        .send()
        .unwrap()
        .text()
        .unwrap();
    let csrf = support::web::csrf_in(&form);
    let mut request = client.post(format!("{}/login", server.base)).form(&[
        ("csrf", csrf.as_str()),
        ("email", email),
        ("password", password),
    ]);
    if let Some(address) = forwarded_for {
        request = request.header("x-forwarded-for", address);
    }
    let response = request.send().unwrap();
    let retry = response
        .headers()
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok());
    (response.status().as_u16(), retry)
}

fn create_team_account(db: &TestDb) {
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
}

#[test]
fn failed_sign_ins_slow_the_pair_on_every_server_and_lock_no_one_else_out() {
    let db = TestDb::new();
    create_team_account(&db);
    let proxy = ["--trusted-proxies", "127.0.0.1"];
    let a = Server::start(&db.url, &proxy);
    let b = Server::start(&db.url, &proxy);
    for _ in 0..3 {
        assert_eq!(attempt(&a, "team@example.org", Some("203.0.113.1")), 401);
    }
    // The fourth try from the same address, even with the right password and on the other
    // server, must wait: the pair's count is shared by every server, and says how long.
    let (status, retry) = sign_in(&b, "team@example.org", PASSWORD, Some("203.0.113.1"));
    assert_eq!(status, 429);
    assert!(retry.is_some_and(|s| (1..=5).contains(&s)), "{retry:?}");
    // The owner signing in from elsewhere is not held up by someone guessing at the account…
    assert_eq!(
        sign_in(&b, "team@example.org", PASSWORD, Some("203.0.113.2")).0,
        303
    );
    // …and others behind the guessing address are not either.
    assert_eq!(attempt(&a, "someone@example.org", Some("203.0.113.1")), 401);
    // An admin's unlock clears every address's failures for the account, and is audited.
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
        sign_in(&b, "team@example.org", PASSWORD, Some("203.0.113.1")).0,
        303
    );
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
        3
    );
}

#[test]
fn behind_a_trusted_proxy_the_forwarded_address_is_the_client() {
    let db = TestDb::new();
    let proxied = Server::start(&db.url, &["--trusted-proxies", "127.0.0.1"]);
    for _ in 0..3 {
        assert_eq!(
            attempt(&proxied, "user@example.org", Some("203.0.113.9")),
            401
        );
    }
    // The same forwarded client is slowed for that account; another client is not.
    assert_eq!(
        attempt(&proxied, "user@example.org", Some("203.0.113.9")),
        429
    );
    assert_eq!(
        attempt(&proxied, "user@example.org", Some("203.0.113.10")),
        401
    );
    // Without trust, the header is ignored: however it varies, the connection's address counts.
    let direct = Server::start(&db.url, &[]);
    for n in 0..3 {
        let spoofed = format!("198.51.100.{n}");
        assert_eq!(attempt(&direct, "x@example.org", Some(&spoofed)), 401);
    }
    assert_eq!(
        attempt(&direct, "x@example.org", Some("198.51.100.99")),
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
    // The server makes the key and shows it once, as text and as a QR code.
    let marker = "<code>";
    let start = page.find(marker).expect("a new key") + marker.len();
    let secret: String = page[start..].chars().take_while(|c| *c != '<').collect();
    assert_eq!(secret.len(), 32, "{secret}");
    assert!(page.contains("<svg"), "a QR code");
    assert!(
        !page.contains("name=\"secret\""),
        "the key is never taken from the browser"
    );
    let enable = |password: &str, code: &str| {
        me.post(
            "/account/two-factor",
            &[("csrf", &csrf), ("password", password), ("code", code)],
        )
    };
    assert_eq!(enable(PASSWORD, "000000").status, 422);
    let code = totp_code(&secret, totp_step_now()).unwrap();
    // A right code without the password is refused.
    let no_password = enable("", &code);
    assert_eq!(no_password.status, 422);
    assert!(
        no_password.body.contains("password"),
        "{}",
        no_password.body
    );
    // A key of the browser's choosing (even an empty one) is not accepted.
    let chosen = "JBSWY3DPEHPK3PXP";
    let forged = me.post(
        "/account/two-factor",
        &[
            ("csrf", &csrf),
            ("password", PASSWORD),
            ("secret", chosen),
            ("code", &totp_code(chosen, totp_step_now()).unwrap()),
        ],
    );
    assert_eq!(forged.status, 422);
    let on = enable(PASSWORD, &code);
    assert_eq!(on.status, 303, "{}", on.body);

    // Signing in now needs the code; a code works once (the one that turned it on included).
    let other = support::web::Browser::new(&server.base);
    let without = other.try_sign_in("team@example.org", PASSWORD, "");
    assert_eq!(without.status, 401);
    assert!(without
        .body
        .contains("password or code from your authenticator app is not right"));
    let step = totp_step_now() + 1;
    let code = totp_code(&secret, step).unwrap();
    let with = other.try_sign_in("team@example.org", PASSWORD, &code);
    assert_eq!(with.status, 303);
    let replay =
        support::web::Browser::new(&server.base).try_sign_in("team@example.org", PASSWORD, &code);
    assert_eq!(replay.status, 401, "a used code is refused");
    // Turning it off needs the password as well as a current code.
    let page = other.get("/account/two-factor").body;
    let other_csrf = support::web::csrf_in(&page);
    let off = |password: &str| {
        let code = totp_code(&secret, totp_step_now() + 1).unwrap();
        other.post(
            "/account/two-factor",
            &[
                ("csrf", &other_csrf),
                ("password", password),
                ("code", &code),
            ],
        )
    };
    assert_eq!(off("not my password").status, 422);
    assert_eq!(off(PASSWORD).status, 303);
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
