//! A browser-like HTTP client for tests: keeps cookies, does not follow redirects, reads the
//! CSRF token from forms.

use reqwest::blocking::{multipart, Client};
use reqwest::redirect::Policy;

pub struct Browser {
    pub base: String,
    client: Client,
}

pub struct Page {
    pub status: u16,
    pub location: Option<String>,
    pub body: String,
}

impl Browser {
    pub fn new(base: &str) -> Self {
        Self {
            base: base.trim_end_matches('/').to_string(),
            client: Client::builder()
                .cookie_store(true)
                .redirect(Policy::none())
                .build()
                .expect("HTTP client"),
        }
    }

    fn url(&self, path: &str) -> String {
        if path.starts_with("http") {
            path.to_string()
        } else {
            format!("{}{path}", self.base)
        }
    }

    fn page(response: reqwest::blocking::Response) -> Page {
        let status = response.status().as_u16();
        let location = response
            .headers()
            .get("location")
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        Page {
            status,
            location,
            body: response.text().unwrap_or_default(),
        }
    }

    pub fn get(&self, path: &str) -> Page {
        Self::page(self.client.get(self.url(path)).send().expect("GET"))
    }

    pub fn post(&self, path: &str, form: &[(&str, &str)]) -> Page {
        Self::page(
            self.client
                .post(self.url(path))
                .form(form)
                .send()
                .expect("POST"),
        )
    }

    pub fn post_file(&self, path: &str, csrf: &str, name: &str, content: &str) -> Page {
        let form = multipart::Form::new().text("csrf", csrf.to_string()).part(
            "file",
            multipart::Part::text(content.to_string()).file_name(name.to_string()),
        );
        Self::page(
            self.client
                .post(self.url(path))
                .multipart(form)
                .send()
                .expect("POST file"),
        )
    }

    /// Posts the sign-in form as a person would: fetched first, so it carries its token.
    pub fn try_sign_in(&self, email: &str, password: &str, code: &str) -> Page {
        let csrf = csrf_in(&self.get("/login").body);
        self.post(
            "/login",
            &[
                ("csrf", &csrf),
                ("email", email),
                ("password", password),
                ("code", code),
            ],
        )
    }

    /// Signs in and returns the CSRF token from the survey team's home page.
    pub fn sign_in(&self, email: &str, password: &str) -> String {
        let page = self.try_sign_in(email, password, "");
        assert_eq!(page.status, 303, "sign-in failed: {}", page.body);
        csrf_in(&self.get("/admin").body)
    }
}

/// The CSRF token in a page's forms.
pub fn csrf_in(html: &str) -> String {
    let marker = "name=\"csrf\" value=\"";
    let start = html.find(marker).expect("a form with a CSRF token") + marker.len();
    html[start..].chars().take_while(|c| *c != '"').collect()
}
