//! The HTTP server: shared state, routes and start-up (with the mail worker beside it).

pub mod actions;
pub mod auth;
pub mod client;
mod error;
pub mod form;
pub mod page;
mod pages;
pub mod rate_limit;
pub mod survey_form;
pub mod templates;
pub mod upload;

use crate::bootstrap::Platform;
use crate::error::{AppError, AppResult};
use crate::instruments::open_links::OpenLinkGuard;
use crate::mail::{worker, MailSettings, Mailer};
use actix_web::{middleware, web, App, HttpServer};
use std::sync::Arc;
use std::time::Duration;

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

pub fn configure(cfg: &mut web::ServiceConfig) {
    pages::configure(cfg);
}

/// Builds the app state; used by `serve` and by tests that run the server in-process.
pub fn state(
    platform: Platform,
    mail: MailSettings,
    trusted_proxies: Vec<std::net::IpAddr>,
    open_links: OpenLinkGuard,
) -> AppResult<web::Data<AppState>> {
    Ok(web::Data::new(AppState {
        platform,
        templates: templates::Templates::new()?,
        mail,
        logins: rate_limit::LoginLimiter::new(5, Duration::from_secs(15 * 60)),
        trusted_proxies,
        open_links,
    }))
}

pub fn serve(
    platform: Platform,
    mail: MailSettings,
    bind: &str,
    trusted_proxies: Vec<std::net::IpAddr>,
    open_links: OpenLinkGuard,
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
    let data = state(platform, mail, trusted_proxies, open_links)?;
    let describe = data.platform.target.describe();
    actix_web::rt::System::new().block_on(async move {
        actix_web::rt::spawn(worker::run(
            data.platform.clone(),
            data.mail.clone(),
            mailer,
        ));
        let server = HttpServer::new(move || {
            App::new()
                .app_data(data.clone())
                .wrap(
                    middleware::Logger::new("%{request}xi %s %Dms")
                        .custom_request_replace("request", log_line),
                )
                // Form posts and uploads are small; anything larger is refused with 413.
                .app_data(web::PayloadConfig::new(MAX_BODY_BYTES))
                .wrap(
                    middleware::DefaultHeaders::new()
                        .add(("Content-Security-Policy", CONTENT_SECURITY_POLICY))
                        .add(("X-Content-Type-Options", "nosniff"))
                        .add(("Referrer-Policy", "no-referrer"))
                        .add(("X-Frame-Options", "DENY")),
                )
                .configure(configure)
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

/// The request as logged, with link tokens (survey `/r/…`, returns `/v/…`) masked: a link is a
/// credential.
fn log_line(req: &actix_web::dev::ServiceRequest) -> String {
    let path = req.path();
    let masked = ["/r/", "/v/"].iter().find_map(|prefix| {
        path.strip_prefix(prefix)
            .map(|rest| match rest.split_once('/') {
                Some((_, tail)) => format!("{prefix}…/{tail}"),
                None => format!("{prefix}…"),
            })
    });
    format!(
        "{} {}",
        req.method(),
        masked.unwrap_or_else(|| path.to_string())
    )
}
