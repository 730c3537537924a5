//! The one place application errors become HTTP responses: each on a page in the site's layout.

use crate::error::{AppError, RETRY_BUSY_SECS};
use crate::templates::Templates;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};
use serde_json::json;

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        match self {
            AppError::NotFound(_) => StatusCode::NOT_FOUND,
            AppError::Closed(_) => StatusCode::GONE,
            AppError::SignInRequired => StatusCode::SEE_OTHER,
            AppError::TooManyAttempts { .. } => StatusCode::TOO_MANY_REQUESTS,
            AppError::Forbidden(_) => StatusCode::FORBIDDEN,
            AppError::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::Invalid { .. } | AppError::Geo(_) | AppError::Survey(_) => {
                StatusCode::UNPROCESSABLE_ENTITY
            }
            _ if self.is_out_of_reach() => StatusCode::SERVICE_UNAVAILABLE,
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        let status = self.status_code();
        if let AppError::SignInRequired = self {
            return HttpResponse::SeeOther()
                .insert_header((actix_web::http::header::LOCATION, "/login"))
                .finish();
        }
        let message = if self.is_out_of_reach() {
            tracing::warn!("{self}");
            "We could not reach our database for a moment. Try again in a few seconds. If you were saving a form, it was not saved: go back, where your browser keeps what you typed, and save it again.".to_string()
        } else if status.is_server_error() {
            tracing::error!("{self}");
            "Something went wrong on our side. The error has been logged.".to_string()
        } else {
            self.to_string()
        };
        let mut response = HttpResponse::build(status);
        let retry_after = match self {
            AppError::TooManyAttempts {
                retry_after_secs, ..
            } => Some(*retry_after_secs),
            _ if self.is_out_of_reach() => Some(RETRY_BUSY_SECS),
            _ => None,
        };
        if let Some(seconds) = retry_after {
            response.insert_header((actix_web::http::header::RETRY_AFTER, seconds.to_string()));
        }
        match error_page(status, &message) {
            Some(page) => response.content_type("text/html; charset=utf-8").body(page),
            None => response
                .content_type("text/plain; charset=utf-8")
                .body(message),
        }
    }
}

/// A message as a sentence: a capital first letter and a full stop.
fn sentence(message: &str) -> String {
    let mut chars = message.trim().chars();
    let Some(first) = chars.next() else {
        return String::new();
    };
    let mut out: String = first.to_uppercase().chain(chars).collect();
    if !out.ends_with(['.', '!', '?']) {
        out.push('.');
    }
    out
}

/// The page an error is shown on: the site's one layout, a heading saying what happened and
/// the message saying what to do.
fn error_page(status: StatusCode, message: &str) -> Option<String> {
    let title = match status {
        StatusCode::NOT_FOUND => "Page not found",
        StatusCode::GONE => "This is no longer available",
        StatusCode::FORBIDDEN => "You cannot see this page",
        StatusCode::TOO_MANY_REQUESTS => "Too many attempts",
        StatusCode::PAYLOAD_TOO_LARGE => "The file is too large",
        StatusCode::UNPROCESSABLE_ENTITY => "There is a problem",
        StatusCode::SERVICE_UNAVAILABLE => "Sorry, the service is busy",
        _ if status.is_server_error() => "Sorry, there is a problem with the service",
        _ => "There is a problem",
    };
    let message = if status == StatusCode::SERVICE_UNAVAILABLE {
        "Nothing was saved this time. Go back, wait a few seconds and try again: what you typed is still on the page you came from.".to_string()
    } else {
        sentence(message)
    };
    Templates::shared()?
        .render(
            "message.html",
            json!({"title": title, "message": message, "home": true}),
        )
        .ok()
}
