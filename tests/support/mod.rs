//! Test support: a fresh database per test on the chosen backend, and the real `frontline` binary.
//!
//! `FRONTLINE_TEST_BACKEND=postgres` runs against PostgreSQL (`FRONTLINE_TEST_POSTGRES_URL`,
//! default `postgres://postgres@127.0.0.1:5432/test`), creating and dropping a database per test;
//! otherwise each test gets its own SQLite file in a temporary folder.

#![allow(dead_code)]

pub mod smtp;
pub mod web;
pub mod webdriver;

use diesel::connection::SimpleConnection;
use diesel::Connection;
use frontline_web::Platform;
use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

static COUNTER: AtomicUsize = AtomicUsize::new(0);

pub struct TestDb {
    pub url: String,
    folder: tempfile::TempDir,
    postgres: Option<(String, String)>,
}

impl TestDb {
    pub fn new() -> Self {
        let folder = tempfile::tempdir().expect("temporary folder");
        if backend() == "postgres" {
            let admin = admin_url();
            let name = format!(
                "frontline_test_{}_{}_{}",
                std::process::id(),
                COUNTER.fetch_add(1, Ordering::SeqCst),
                Instant::now().elapsed().subsec_nanos()
            );
            let mut conn = diesel::PgConnection::establish(&admin)
                .unwrap_or_else(|e| panic!("PostgreSQL at {admin} is unreachable: {e}"));
            conn.batch_execute(&format!("CREATE DATABASE {name}"))
                .expect("create test database");
            let url = match admin.rsplit_once('/') {
                Some((base, _)) => format!("{base}/{name}"),
                None => panic!("FRONTLINE_TEST_POSTGRES_URL must name a database"),
            };
            Self {
                url,
                folder,
                postgres: Some((admin, name)),
            }
        } else {
            let url = folder.path().join("frontline.db").display().to_string();
            Self {
                url,
                folder,
                postgres: None,
            }
        }
    }

    /// A database holding the demo: a copy of one `frontline demo` made once for this build of
    /// the binary (the demo is deterministic, so the copy is what the command would make; the
    /// command itself is tested in `tests/foundation.rs`). Saves each test the demo's build.
    pub fn demo() -> Self {
        let db = TestDb::new();
        let mut made = DEMO
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let template = match made.as_ref() {
            Some(t) => t.clone(),
            None => {
                let t = demo_template();
                *made = Some(t.clone());
                t
            }
        };
        match &db.postgres {
            Some((admin, name)) => {
                let mut conn = diesel::PgConnection::establish(admin).expect("admin connection");
                conn.batch_execute(&format!("DROP DATABASE {name}"))
                    .expect("the empty database dropped");
                conn.batch_execute(&format!("CREATE DATABASE {name} TEMPLATE {template}"))
                    .expect("a copy of the demo database");
            }
            None => {
                for suffix in ["", "-wal", "-shm"] {
                    let from = format!("{template}{suffix}");
                    if std::path::Path::new(&from).exists() {
                        std::fs::copy(&from, format!("{}{suffix}", db.url))
                            .expect("a copy of the demo database");
                    }
                }
            }
        }
        db
    }

    /// A database that already exists (never dropped).
    pub fn existing(url: &str) -> Self {
        Self {
            url: url.to_string(),
            folder: tempfile::tempdir().expect("temporary folder"),
            postgres: None,
        }
    }

    pub fn platform(&self) -> Platform {
        Platform::open(&self.url, 4).expect("platform opens")
    }

    pub fn folder(&self) -> PathBuf {
        self.folder.path().to_path_buf()
    }

    /// Puts the database out of reach until the guard is dropped: on PostgreSQL no new
    /// connection is allowed and every open one is ended; on SQLite another writer holds the
    /// file's lock, so every write waits out its busy timeout and fails.
    pub fn outage(&self) -> Outage {
        match &self.postgres {
            Some((admin, name)) => {
                let mut conn = diesel::PgConnection::establish(admin).expect("admin connection");
                conn.batch_execute(&format!(
                    "ALTER DATABASE {name} ALLOW_CONNECTIONS false; \
                     SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
                     WHERE datname = '{name}' AND pid <> pg_backend_pid();"
                ))
                .expect("the database refuses connections");
                Outage::Postgres {
                    conn,
                    name: name.clone(),
                }
            }
            None => {
                let mut conn =
                    diesel::SqliteConnection::establish(&self.url).expect("a second writer");
                conn.batch_execute("BEGIN EXCLUSIVE")
                    .expect("the second writer holds the lock");
                Outage::Sqlite(conn)
            }
        }
    }
}

/// The demo database this process copies, once made.
static DEMO: std::sync::Mutex<Option<String>> = std::sync::Mutex::new(None);

/// The demo made by this build of `frontline` (its size and time name it), made now unless an
/// earlier test process made it: a SQLite file in the temporary folder, or a PostgreSQL
/// database. Those of earlier builds are removed.
fn demo_template() -> String {
    let binary = std::fs::metadata(env!("CARGO_BIN_EXE_frontline")).expect("the frontline binary");
    let modified = binary
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos());
    let key = format!("{:x}", (binary.len() as u128) ^ modified);
    if backend() == "postgres" {
        let admin = admin_url();
        let name = format!("frontline_demo_{key}");
        let mut conn = diesel::PgConnection::establish(&admin).expect("admin connection");
        #[derive(diesel::QueryableByName)]
        struct Db {
            #[diesel(sql_type = diesel::sql_types::Text)]
            datname: String,
        }
        use diesel::RunQueryDsl;
        let existing: Vec<Db> = diesel::sql_query(
            "SELECT datname FROM pg_database WHERE datname LIKE 'frontline\\_demo\\_%'",
        )
        .load(&mut conn)
        .expect("databases listed");
        if existing.iter().any(|d| d.datname == name) {
            return name;
        }
        for old in existing {
            let _ = conn.batch_execute(&format!("DROP DATABASE IF EXISTS {}", old.datname));
        }
        let making = format!("{name}_{}", std::process::id());
        conn.batch_execute(&format!("DROP DATABASE IF EXISTS {making}"))
            .expect("a stale demo database dropped");
        conn.batch_execute(&format!("CREATE DATABASE {making}"))
            .expect("the demo database");
        let url = match admin.rsplit_once('/') {
            Some((base, _)) => format!("{base}/{making}"),
            None => panic!("FRONTLINE_TEST_POSTGRES_URL must name a database"),
        };
        let (ok, _, err) = frontline(&url, &["demo"]);
        assert!(ok, "the demo: {err}");
        // Another process may have made it meanwhile: then its copy is used.
        if conn
            .batch_execute(&format!("ALTER DATABASE {making} RENAME TO {name}"))
            .is_err()
        {
            let _ = conn.batch_execute(&format!("DROP DATABASE IF EXISTS {making}"));
        }
        name
    } else {
        let folder = std::env::temp_dir();
        let path = folder.join(format!("frontline-demo-{key}.db"));
        if path.exists() {
            return path.display().to_string();
        }
        if let Ok(entries) = std::fs::read_dir(&folder) {
            for entry in entries.flatten() {
                let file = entry.file_name().to_string_lossy().to_string();
                if file.starts_with("frontline-demo-") {
                    let _ = std::fs::remove_file(entry.path());
                }
            }
        }
        let making = tempfile::tempdir().expect("temporary folder");
        let made = making.path().join("demo.db");
        let (ok, _, err) = frontline(&made.display().to_string(), &["demo"]);
        assert!(ok, "the demo: {err}");
        // The demo's connections are closed, so its file holds everything; moved whole.
        assert!(
            !making.path().join("demo.db-wal").exists(),
            "the demo left a write-ahead log"
        );
        std::fs::copy(
            &made,
            folder.join(format!("frontline-demo-{key}.{}", std::process::id())),
        )
        .expect("the demo kept");
        std::fs::rename(
            folder.join(format!("frontline-demo-{key}.{}", std::process::id())),
            &path,
        )
        .expect("the demo kept");
        path.display().to_string()
    }
}

/// The database out of reach, until dropped.
pub enum Outage {
    Postgres {
        conn: diesel::PgConnection,
        name: String,
    },
    Sqlite(diesel::SqliteConnection),
}

impl Drop for Outage {
    fn drop(&mut self) {
        match self {
            Outage::Postgres { conn, name } => {
                let _ =
                    conn.batch_execute(&format!("ALTER DATABASE {name} ALLOW_CONNECTIONS true"));
            }
            Outage::Sqlite(conn) => {
                let _ = conn.batch_execute("ROLLBACK");
            }
        }
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Some((admin, name)) = &self.postgres {
            if let Ok(mut conn) = diesel::PgConnection::establish(admin) {
                let _ = conn.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
            }
        }
    }
}

pub fn backend() -> String {
    std::env::var("FRONTLINE_TEST_BACKEND").unwrap_or_else(|_| "sqlite".into())
}

fn admin_url() -> String {
    std::env::var("FRONTLINE_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into())
}

/// The CLI step that creates the 2017 practitioner survey (fieldwork 1–30 September).
pub fn new_2017_cycle() -> Vec<&'static str> {
    vec![
        "new-cycle",
        "--year",
        "2017",
        "--schema",
        "practitioner-survey-2017",
        "--title",
        "Survey 2017",
        "--opens",
        "2017-09-01",
        "--closes",
        "2017-09-30",
    ]
}

/// The CLI steps that create the 2017 practitioner survey and open it.
pub fn open_2017_cycle() -> Vec<Vec<&'static str>> {
    vec![
        new_2017_cycle(),
        vec!["cycle-status", "--cycle", "2017", "open"],
    ]
}

/// Runs `frontline ARGS` with `DATABASE_URL=url`; returns (exit success, stdout, stderr).
pub fn frontline(url: &str, args: &[&str]) -> (bool, String, String) {
    frontline_with_env(url, args, &[])
}

/// Creates a survey team account with `password` through the command line.
pub fn create_team_account(url: &str, email: &str, password: &str) {
    let (ok, out, err) = frontline(
        url,
        &[
            "create-account",
            "--email",
            email,
            "--name",
            "Team",
            "--password",
            password,
        ],
    );
    assert!(ok, "create-account {email}: {out}{err}");
}

/// As [`frontline`], with extra environment variables.
pub fn frontline_with_env(
    url: &str,
    args: &[&str],
    env: &[(&str, String)],
) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_frontline"))
        .args(args)
        .env("FRONTLINE_MAIL_DIR", stray_mail_folder())
        .envs(env.iter().map(|(k, v)| (*k, v.as_str())))
        .env("DATABASE_URL", url)
        .env("FRONTLINE_LOG", "warn")
        .output()
        .expect("frontline runs");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Where mail goes when a test names no folder or SMTP server: outside the source tree (the
/// default, `outbox/` under the working directory, would be inside the crate).
fn stray_mail_folder() -> std::path::PathBuf {
    std::env::temp_dir().join("frontline-test-mail")
}

/// A `frontline serve` process on a free loopback port, stopped when dropped.
pub struct Server {
    pub base: String,
    child: Child,
}

impl Server {
    pub fn start(url: &str, extra: &[&str]) -> Self {
        Self::start_with_env(url, extra, &[])
    }

    /// Starts the server with extra environment variables (mail settings, say).
    pub fn start_with_env(url: &str, extra: &[&str], env: &[(&str, String)]) -> Self {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("free port")
            .port();
        let bind = format!("127.0.0.1:{port}");
        let mut args = vec!["serve", "--bind", bind.as_str()];
        args.extend_from_slice(extra);
        let child = Command::new(env!("CARGO_BIN_EXE_frontline"))
            .args(&args)
            .env("FRONTLINE_MAIL_DIR", stray_mail_folder())
            .envs(env.iter().map(|(k, v)| (*k, v.as_str())))
            .env("DATABASE_URL", url)
            .env("FRONTLINE_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("frontline serve starts");
        let server = Self {
            base: format!("http://{bind}"),
            child,
        };
        server.wait_until_up();
        server
    }

    /// Starts the server logging at `info` (its access log included) into `log`.
    pub fn start_logging(url: &str, log: &std::path::Path) -> Self {
        Self::start_logging_with_env(url, log, &[])
    }

    /// [`Server::start_logging`] with extra environment variables.
    pub fn start_logging_with_env(
        url: &str,
        log: &std::path::Path,
        env: &[(&str, String)],
    ) -> Self {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("free port")
            .port();
        let bind = format!("127.0.0.1:{port}");
        let file = std::fs::File::create(log).expect("log file");
        let child = Command::new(env!("CARGO_BIN_EXE_frontline"))
            .args(["serve", "--bind", bind.as_str()])
            .env("FRONTLINE_MAIL_DIR", stray_mail_folder())
            .env("DATABASE_URL", url)
            .envs(env.iter().map(|(k, v)| (*k, v.as_str())))
            .env("FRONTLINE_LOG", "info")
            .stdout(Stdio::null())
            .stderr(file)
            .spawn()
            .expect("frontline serve starts");
        let server = Self {
            base: format!("http://{bind}"),
            child,
        };
        server.wait_until_up();
        server
    }

    fn wait_until_up(&self) {
        let deadline = Instant::now() + Duration::from_secs(60);
        while Instant::now() < deadline {
            if reqwest::blocking::get(format!("{}/healthz", self.base))
                .is_ok_and(|r| r.status().is_success())
            {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!(
            "frontline serve did not answer on {} within 60 s",
            self.base
        );
    }

    /// The server's process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Stops the server at once with SIGKILL, as a crash or an out-of-memory kill would.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    pub fn get(&self, path: &str) -> (u16, String) {
        let response = reqwest::blocking::get(format!("{}{path}", self.base)).expect("GET");
        let status = response.status().as_u16();
        (status, response.text().unwrap_or_default())
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
