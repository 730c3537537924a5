//! A minimal W3C WebDriver client over HTTP, driving Debian's chromium through chromedriver.

use serde_json::{json, Value};
use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

pub struct Chrome {
    driver: Child,
    base: String,
    session: String,
    http: reqwest::blocking::Client,
}

/// Whether chromedriver and chromium are installed (CI installs them).
pub fn available() -> bool {
    std::path::Path::new("/usr/bin/chromedriver").exists()
        && std::path::Path::new("/usr/bin/chromium").exists()
}

impl Chrome {
    pub fn start() -> Self {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("free port")
            .port();
        let driver = Command::new("/usr/bin/chromedriver")
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let base = format!("http://127.0.0.1:{port}");
        let http = reqwest::blocking::Client::new();
        let deadline = Instant::now() + Duration::from_secs(30);
        while http.get(format!("{base}/status")).send().is_err() {
            assert!(Instant::now() < deadline, "chromedriver did not start");
            std::thread::sleep(Duration::from_millis(100));
        }
        let mut chrome = Self {
            driver,
            base,
            session: String::new(),
            http,
        };
        let created = chrome.call(
            "POST",
            "/session",
            json!({"capabilities": {"alwaysMatch": {"goog:chromeOptions": {
                "binary": "/usr/bin/chromium",
                "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]
            }}}}),
        );
        chrome.session = created["sessionId"]
            .as_str()
            .expect("a WebDriver session")
            .to_string();
        chrome
    }

    fn call(&self, method: &str, path: &str, body: Value) -> Value {
        let url = format!("{}{path}", self.base);
        let request = match method {
            "GET" => self.http.get(url),
            "DELETE" => self.http.delete(url),
            _ => self
                .http
                .post(url)
                .header("content-type", "application/json")
                .body(body.to_string()),
        };
        let text = request
            .send()
            .expect("WebDriver call")
            .text()
            .expect("reply");
        let reply: Value = serde_json::from_str(&text).expect("JSON reply");
        if let Some(error) = reply["value"].get("error") {
            panic!(
                "WebDriver {method} {path}: {error} {}",
                reply["value"]["message"]
            );
        }
        reply["value"].clone()
    }

    fn session_call(&self, method: &str, path: &str, body: Value) -> Value {
        self.call(method, &format!("/session/{}{path}", self.session), body)
    }

    /// Sets the browser window's size in CSS pixels (a phone is 375 wide).
    pub fn resize(&self, width: u32, height: u32) {
        self.session_call(
            "POST",
            "/window/rect",
            json!({ "width": width, "height": height }),
        );
    }

    pub fn go(&self, url: &str) {
        self.session_call("POST", "/url", json!({ "url": url }));
    }

    pub fn find(&self, css: &str) -> String {
        let found = self.session_call(
            "POST",
            "/element",
            json!({"using": "css selector", "value": css}),
        );
        found[ELEMENT]
            .as_str()
            .unwrap_or_else(|| panic!("no element for {css}: {found}"))
            .to_string()
    }

    pub fn click(&self, css: &str) {
        let id = self.find(css);
        self.session_call("POST", &format!("/element/{id}/click"), json!({}));
    }

    /// Types into a field, as a keyboard would (`\u{E007}` is Enter).
    pub fn type_into(&self, css: &str, text: &str) {
        let id = self.find(css);
        self.session_call(
            "POST",
            &format!("/element/{id}/value"),
            json!({ "text": text }),
        );
    }

    /// Empties a field, as selecting all of it and deleting would.
    pub fn clear(&self, css: &str) {
        let id = self.find(css);
        self.session_call("POST", &format!("/element/{id}/clear"), json!({}));
    }

    /// How far the page scrolls sideways and by which elements, or `None` when it fits the
    /// window (wide tables in their own keyboard-reachable scroll boxes are allowed).
    pub fn sideways_scroll(&self) -> Option<String> {
        self.execute(
            "const width = document.documentElement.clientWidth;
             const over = document.documentElement.scrollWidth - width;
             const wide = [...document.querySelectorAll('main *')]
               .filter(e => e.getBoundingClientRect().right > width + 1
                 && !e.closest('.table-scroll, .map-data'))
               .slice(0, 3)
               .map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : ''));
             return over > 0 ? over + 'px, by ' + wide.join(', ') : null;",
        )
        .as_str()
        .map(str::to_string)
    }

    /// Whether the focused element matches `css`.
    pub fn focused(&self, css: &str) -> bool {
        self.execute(&format!(
            "return document.activeElement !== null && document.activeElement.matches({css:?});"
        )) == Value::Bool(true)
    }

    /// Waits (up to 10 s) until the page's source contains `text`.
    pub fn wait_for_text(&self, text: &str) {
        for _ in 0..200 {
            if self.source().contains(text) {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        panic!("the page never said {text:?}: {}", self.url());
    }

    /// Presses keys one after another on whatever has the focus, as a person at the keyboard.
    pub fn press(&self, keys: &str) {
        let actions: Vec<Value> = keys
            .chars()
            .flat_map(|k| {
                [
                    json!({"type": "keyDown", "value": k.to_string()}),
                    json!({"type": "keyUp", "value": k.to_string()}),
                ]
            })
            .collect();
        self.session_call(
            "POST",
            "/actions",
            json!({"actions": [{"type": "key", "id": "keyboard", "actions": actions}]}),
        );
    }

    /// Runs a script in the page and returns its result.
    pub fn execute(&self, script: &str) -> Value {
        self.session_call(
            "POST",
            "/execute/sync",
            json!({ "script": script, "args": [] }),
        )
    }

    pub fn source(&self) -> String {
        self.session_call("GET", "/source", json!({}))
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    /// Waits (up to 60 s: a release is built as it is confirmed) for the page at a URL ending in
    /// `suffix`, as a click's navigation may still be under way.
    pub fn wait_for_url(&self, suffix: &str) {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let url = self.url();
            if url.ends_with(suffix) && self.source().contains("</main>") {
                return;
            }
            if Instant::now() > deadline {
                let page = self.source();
                panic!("expected a page at …{suffix}, still at {url}: {page}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    pub fn url(&self) -> String {
        self.session_call("GET", "/url", json!({}))
            .as_str()
            .unwrap_or_default()
            .to_string()
    }
}

impl Drop for Chrome {
    fn drop(&mut self) {
        if !self.session.is_empty() {
            let _ = self
                .http
                .delete(format!("{}/session/{}", self.base, self.session))
                .send();
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}
