//! The one place application errors become HTTP responses.

use crate::error::AppError;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};

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
            AppError::Pool(_) => StatusCode::SERVICE_UNAVAILABLE,
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
        let message = if status.is_server_error() {
            tracing::error!("{self}");
            "Something went wrong on our side. The error has been logged.".to_string()
        } else {
            self.to_string()
        };
        let mut response = HttpResponse::build(status);
        if let AppError::TooManyAttempts {
            retry_after_secs, ..
        } = self
        {
            response.insert_header((
                actix_web::http::header::RETRY_AFTER,
                retry_after_secs.to_string(),
            ));
        }
        response
            .content_type("text/plain; charset=utf-8")
            .body(message)
    }
}
