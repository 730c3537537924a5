//! The HTTP server: shared state, routes and start-up (with the mail worker beside it).

pub mod actions;
pub mod auth;
pub mod client;
mod error;
pub mod form;
mod kept_views;
pub mod page;
mod pages;
pub mod paging;
pub mod rate_limit;
pub mod remembered;
pub mod survey_form;
pub mod upload;

use crate::error::{AppError, AppResult};
use crate::fieldwork::mail_round;
use crate::instruments::open_links::OpenLinkGuard;
use crate::mail::{MailSettings, Mailer};
use crate::publication::cache::BuildCache;
use crate::templates;
use crate::voice::desk::{FeedbackDesk, FeedbackSettings};
use crate::Platform;
use actix_web::{middleware, web, App, HttpResponse, HttpServer};
use std::sync::Arc;

/// The largest request body accepted (forms, CSV uploads).
pub const MAX_BODY_BYTES: usize = 2 * 1024 * 1024;

/// Pages run no script of their own and load nothing from elsewhere; styles are in the page.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

/// What every request handler can reach.
pub struct AppState {
    pub platform: Platform,
    pub templates: templates::Templates,
    pub mail: MailSettings,
    pub logins: rate_limit::LoginLimiter,
    /// Reverse proxies whose `X-Forwarded-For` names the real client.
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// The bot and flood guards on open survey links.
    pub open_links: OpenLinkGuard,
    /// Survivors' anonymous feedback form and its guards.
    pub feedback: FeedbackDesk,
    /// Each invitation link's last view, for showing a posted page again in an outage.
    pub(crate) links: remembered::Remembered<pages::answering::Answering>,
    /// Each private survey link's response and wave, for the same.
    pub(crate) private_links: remembered::Remembered<pages::private_link::Holder>,
    /// Each survivors' feedback link's service (no person's answers), for the same.
    pub(crate) feedback_links: remembered::Remembered<crate::store::feedback::LinkTarget>,
    /// Draft and provisional sites, each kept until the data's revision moves.
    pub(crate) drafts: BuildCache<crate::publish::Site>,
    /// Draft needs-assessment packs, the same way.
    pub(crate) draft_packs: BuildCache<Vec<crate::publication::SiteFile>>,
    /// Each cycle's services waiting for an estimates decision, the same way.
    pub(crate) estimate_work: BuildCache<crate::estimates::Waiting>,
    /// Each open question's answers waiting to be split into comments, the same way.
    pub(crate) coding_waiting: BuildCache<usize>,
    /// Each programme's returns tracking (for a day and a set of areas), the same way.
    pub(crate) tracking: BuildCache<crate::returns::tracking::Tracking>,
    /// Each programme's grants' standing by period (for the grants a reader holds), the same way.
    pub(crate) grant_standing:
        BuildCache<std::collections::BTreeMap<i32, Vec<crate::grants::monitoring::Standing>>>,
    /// Staff pages' lists and counts by page, reader, day and query, the same way.
    pub(crate) views: BuildCache<serde_json::Value>,
}

impl AppState {
    /// Runs blocking database work on actix's blocking thread pool, off the async runtime.
    pub async fn blocking<T, F>(self: &Arc<Self>, work: F) -> AppResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&AppState) -> AppResult<T> + Send + 'static,
    {
        let state = Arc::clone(self);
        web::block(move || work(&state))
            .await
            .map_err(|e| AppError::Task(e.to_string()))?
    }

    /// Whether cookies should be marked secure (the public address is HTTPS).
    pub fn secure_cookies(&self) -> bool {
        self.mail.public_url.starts_with("https://")
    }
}

/// An address no page answers: the site's own "page not found", not an empty 404.
async fn no_such_page() -> AppResult<HttpResponse> {
    Err(AppError::NotFound("this page".into()))
}

pub fn configure(cfg: &mut web::ServiceConfig) {
    pages::configure(cfg);
}

/// Builds the app state; used by `serve` and by tests that run the server in-process.
pub fn state(
    platform: Platform,
    mail: MailSettings,
    trusted_proxies: Vec<std::net::IpAddr>,
    open_links: OpenLinkGuard,
    feedback: &FeedbackSettings,
) -> AppResult<web::Data<AppState>> {
    Ok(web::Data::new(AppState {
        platform,
        templates: templates::Templates::new()?,
        mail,
        logins: rate_limit::LoginLimiter::default(),
        trusted_proxies,
        open_links,
        feedback: FeedbackDesk::new(feedback)?,
        links: remembered::Remembered::default(),
        private_links: remembered::Remembered::default(),
        feedback_links: remembered::Remembered::default(),
        drafts: BuildCache::default(),
        draft_packs: BuildCache::default(),
        estimate_work: BuildCache::default(),
        // Counts and one programme's tracking are small: many are kept (every question of
        // several cycles; every PCC office's view of every programme).
        coding_waiting: BuildCache::keeping(256),
        tracking: BuildCache::keeping(128),
        grant_standing: BuildCache::keeping(128),
        views: BuildCache::keeping(kept_views::KEPT_VIEWS),
    }))
}

pub fn serve(
    platform: Platform,
    mail: MailSettings,
    bind: &str,
    trusted_proxies: Vec<std::net::IpAddr>,
    open_links: OpenLinkGuard,
    feedback: &FeedbackSettings,
) -> AppResult<()> {
    let mailer = Arc::new(Mailer::new(&mail)?);
    // Messages another server is sending keep their lease; only abandoned ones are retried.
    let interrupted = crate::store::outbox::interrupted(&mut *platform.conn()?)?;
    if interrupted > 0 {
        tracing::warn!(
            "{interrupted} messages were being sent by a server that stopped; they will be retried"
        );
    }
    tracing::info!("mail: {}", mail.describe());
    let data = state(platform, mail, trusted_proxies, open_links, feedback)?;
    let describe = data.platform.target.describe();
    let https = data.secure_cookies();
    if https && data.trusted_proxies.is_empty() {
        tracing::warn!(
            "FRONTLINE_PUBLIC_URL is https but Frontline serves plain HTTP, so a reverse proxy is in front of it, and FRONTLINE_TRUSTED_PROXIES is not set: every request will seem to come from the proxy's address (sign-in throttling and open-link limits then treat all clients as one). Set FRONTLINE_TRUSTED_PROXIES to the proxy's address."
        );
    }
    actix_web::rt::System::new().block_on(async move {
        actix_web::rt::spawn(mail_round::run(
            data.platform.clone(),
            data.mail.clone(),
            mailer,
        ));
        let server =
            HttpServer::new(move || {
                App::new()
                    .app_data(data.clone())
                    .wrap(
                        middleware::Logger::new("%{request}xi %s %Dms")
                            .custom_request_replace("request", log_line)
                            // Survivors' feedback leaves no line (nor does the script only its pages
                            // load): a timed line beside a stored response would say when someone
                            // sent it.
                            .exclude_regex("^/feedback/")
                            .exclude("/static/feedback.js"),
                    )
                    // Form posts and uploads are small; anything larger is refused with 413.
                    .app_data(web::PayloadConfig::new(MAX_BODY_BYTES))
                    // A malformed query string is an input problem shown on the site's error page.
                    .app_data(web::QueryConfig::default().error_handler(|e, _| {
                        AppError::invalid("address", query_problem(&e)).into()
                    }))
                    .wrap(security_headers(https))
                    .configure(configure)
                    .default_service(web::to(no_such_page))
            })
            .bind(bind)
            .map_err(|e| AppError::config(format!("cannot listen on {bind}: {e}")))?;
        tracing::info!("Frontline on http://{bind} using {describe}");
        server
            .run()
            .await
            .map_err(|e| AppError::config(format!("server stopped: {e}")))
    })
}

/// What is wrong with an address's query, in words: a parameter given twice is named.
fn query_problem(e: &actix_web::error::QueryPayloadError) -> String {
    let text = e.to_string();
    let text = text.trim_start_matches("Query deserialize error: ");
    match text
        .strip_prefix("duplicate field `")
        .and_then(|rest| rest.split_once('`'))
    {
        Some((name, _)) => format!("'{name}' is given more than once: give it once"),
        None => text.to_string(),
    }
}

/// Headers on every response, unless its handler set its own: no script or frame from elsewhere,
/// no caching of anything private (public files say how long they keep), and HSTS when the
/// public address is HTTPS.
pub fn security_headers(https: bool) -> middleware::DefaultHeaders {
    let headers = middleware::DefaultHeaders::new()
        .add(("Content-Security-Policy", CONTENT_SECURITY_POLICY))
        .add(("X-Content-Type-Options", "nosniff"))
        .add(("Referrer-Policy", "no-referrer"))
        .add(("X-Frame-Options", "DENY"))
        .add((actix_web::http::header::CACHE_CONTROL, "no-store"));
    if https {
        headers.add((
            actix_web::http::header::STRICT_TRANSPORT_SECURITY,
            "max-age=31536000; includeSubDomains",
        ))
    } else {
        headers
    }
}

/// The request as logged (method and path), with every path parameter that is a credential —
/// any route parameter named `token`, whatever the route — replaced by `…`. Decided by the
/// route's pattern, not by a list of prefixes, so a new route with a token is masked too.
fn log_line(req: &actix_web::dev::ServiceRequest) -> String {
    let path = req.path();
    let logged = match req.match_pattern() {
        Some(pattern) => mask_tokens(&pattern, path),
        None => unmatched(path),
    };
    format!("{} {logged}", req.method())
}

/// A path no route matches (a link with a stray slash, say) may still hold a token: only its
/// first segment is logged.
fn unmatched(path: &str) -> String {
    let mut segments = path.trim_start_matches('/').splitn(2, '/');
    match (segments.next(), segments.next()) {
        (Some(first), Some(_)) => format!("/{first}/… (no such page)"),
        (Some(first), None) => format!("/{first} (no such page)"),
        _ => "/ (no such page)".to_string(),
    }
}

/// `path` with the segments the route `pattern` names `{token}` masked.
pub fn mask_tokens(pattern: &str, path: &str) -> String {
    let secret = |p: &str| p == "{token}" || p.starts_with("{token:");
    let patterns: Vec<&str> = pattern.split('/').collect();
    path.split('/')
        .enumerate()
        .map(|(i, segment)| match patterns.get(i) {
            Some(p) if secret(p) => "…",
            _ => segment,
        })
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::{mask_tokens, query_problem};

    #[test]
    fn a_parameter_given_twice_is_named() {
        #[derive(Debug, serde::Deserialize)]
        struct Asked {
            #[allow(dead_code)]
            page: Option<String>,
        }
        let e = actix_web::web::Query::<Asked>::from_query("page=2&page=3").unwrap_err();
        assert_eq!(
            query_problem(&e),
            "'page' is given more than once: give it once"
        );
    }

    #[test]
    fn every_token_parameter_is_masked_whatever_the_route() {
        assert_eq!(
            mask_tokens("/r/{token}/section/{section}", "/r/abc123/section/roles"),
            "/r/…/section/roles"
        );
        assert_eq!(mask_tokens("/s/{token}", "/s/abc"), "/s/…");
        assert_eq!(
            mask_tokens("/account/setup/{token}", "/account/setup/xyz"),
            "/account/setup/…"
        );
        assert_eq!(
            mask_tokens("/admin/cycles/{year}", "/admin/cycles/2017"),
            "/admin/cycles/2017"
        );
        // A path no route matches keeps only its first segment.
        assert_eq!(super::unmatched("/r/abc123/"), "/r/… (no such page)");
        assert_eq!(super::unmatched("/nothing"), "/nothing (no such page)");
    }
}
