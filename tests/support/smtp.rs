//! A real SMTP server on loopback (mailin-embedded) that keeps every message it receives.

use mailin_embedded::response::OK;
use mailin_embedded::{Handler, Response, Server, SslConfig};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

#[derive(Debug, Clone)]
pub struct Received {
    pub to: Vec<String>,
    pub data: String,
}

#[derive(Clone)]
struct Sink {
    inbox: Arc<Mutex<Vec<Received>>>,
    to: Vec<String>,
    data: Vec<u8>,
}

impl Handler for Sink {
    fn data_start(&mut self, _domain: &str, _from: &str, _is8bit: bool, to: &[String]) -> Response {
        self.to = to.to_vec();
        self.data.clear();
        OK
    }

    fn data(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.data.extend_from_slice(buf);
        Ok(())
    }

    fn data_end(&mut self) -> Response {
        self.inbox.lock().unwrap().push(Received {
            to: std::mem::take(&mut self.to),
            data: String::from_utf8_lossy(&std::mem::take(&mut self.data)).into_owned(),
        });
        OK
    }
}

pub struct MailSink {
    pub url: String,
    inbox: Arc<Mutex<Vec<Received>>>,
}

impl MailSink {
    pub fn start() -> Self {
        Self::start_on(0)
    }

    /// A sink on a given loopback port (0 for any free one), e.g. one that was down before.
    pub fn start_on(port: u16) -> Self {
        let listener = TcpListener::bind(("127.0.0.1", port)).expect("SMTP port");
        let port = listener.local_addr().expect("address").port();
        let inbox = Arc::new(Mutex::new(Vec::new()));
        let sink = Sink {
            inbox: Arc::clone(&inbox),
            to: Vec::new(),
            data: Vec::new(),
        };
        let mut server = Server::new(sink);
        server
            .with_name("mail.test")
            .with_ssl(SslConfig::None)
            .expect("no TLS")
            .with_tcp_listener(listener);
        std::thread::spawn(move || {
            let _ = server.serve();
        });
        Self {
            url: format!("smtp://127.0.0.1:{port}"),
            inbox,
        }
    }

    pub fn messages(&self) -> Vec<Received> {
        self.inbox.lock().unwrap().clone()
    }

    /// Waits until at least `n` messages arrived; panics after 30 s.
    pub fn wait_for(&self, n: usize) -> Vec<Received> {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let got = self.messages();
            if got.len() >= n {
                return got;
            }
            assert!(
                Instant::now() < deadline,
                "expected {n} messages, got {}: {got:?}",
                got.len()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

/// The first invitation link (`…/r/` and 64 hex digits) in a message.
pub fn link_in(message: &str) -> String {
    link_after(message, "/r/")
}

/// The first link whose path starts with `prefix` and ends in a 64-hex-digit token.
pub fn link_after(message: &str, prefix: &str) -> String {
    // Quoted-printable may wrap long lines with a trailing `=`.
    let text = message.replace("=\r\n", "").replace("=\n", "");
    let start = text.find(prefix).expect("a link in the message");
    let begin = text[..start].rfind("http").expect("link scheme");
    let token: String = text[start + prefix.len()..]
        .chars()
        .take_while(|c| c.is_ascii_hexdigit())
        .collect();
    assert_eq!(token.len(), 64, "a 256-bit token in {message}");
    format!("{}{prefix}{token}", &text[begin..start])
}
