//! What the HTTP benchmarks share: a real server started in this process.

use frontline_web::mail::MailSettings;
use frontline_web::Platform;
use std::time::Duration;

/// Starts a server on a free port with a connection pool of its own (`pool` connections), as a
/// separate process would have; mail is written to `folder`. Returns its base address.
pub fn start_server(url: &str, folder: &std::path::Path, pool: u32) -> String {
    let platform = Platform::open(url, pool).expect("database opens");
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("free port")
        .port();
    let bind = format!("127.0.0.1:{port}");
    let base = format!("http://{bind}");
    let mail = MailSettings {
        lease_seconds: 300,
        smtp_url: None,
        folder: folder.join("mail"),
        from: "bench <bench@example.org>".into(),
        public_url: base.clone(),
        poll: Duration::from_secs(3600),
    };
    std::thread::spawn(move || {
        frontline_web::http::serve(
            platform,
            mail,
            &bind,
            Vec::new(),
            Default::default(),
            &Default::default(),
        )
    });
    base
}
