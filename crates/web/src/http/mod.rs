//! The HTTP server: shared state, routes and start-up.

mod error;
mod pages;
pub mod templates;

use crate::bootstrap::Platform;
use crate::error::{AppError, AppResult};
use actix_web::{middleware, web, App, HttpServer};
use std::sync::Arc;

/// What every request handler can reach.
pub struct AppState {
    pub platform: Platform,
    pub templates: templates::Templates,
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
}

pub fn configure(cfg: &mut web::ServiceConfig) {
    pages::configure(cfg);
}

/// Builds the app state; used by `serve` and by tests that run the server in-process.
pub fn state(platform: Platform) -> AppResult<web::Data<AppState>> {
    Ok(web::Data::new(AppState {
        platform,
        templates: templates::Templates::new()?,
    }))
}

pub fn serve(platform: Platform, bind: &str) -> AppResult<()> {
    let data = state(platform)?;
    let describe = data.platform.target.describe();
    actix_web::rt::System::new().block_on(async move {
        let server = HttpServer::new(move || {
            App::new()
                .app_data(data.clone())
                .wrap(middleware::Logger::new("%r %s %Dms"))
                .wrap(middleware::DefaultHeaders::new().add(("X-Content-Type-Options", "nosniff")))
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
