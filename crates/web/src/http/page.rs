//! What a page handler's blocking work returns: plain data that can cross threads, turned into
//! an HTTP response on the way out.

use crate::error::RETRY_BUSY_SECS;
use actix_web::http::{header, StatusCode};
use actix_web::HttpResponse;

/// The content type of every CSV download.
pub const CSV: &str = "text/csv; charset=utf-8";

/// A file the browser saves as `name` rather than shows; never kept by a cache (staff exports
/// hold figures not yet public).
pub fn attachment(body: impl Into<Vec<u8>>, kind: &str, name: &str) -> HttpResponse {
    HttpResponse::Ok()
        .content_type(kind)
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{name}\""),
        ))
        .body(body.into())
}

pub enum Page {
    Html {
        status: StatusCode,
        body: String,
    },
    /// A page shown because the database was out of reach for a moment: 503, with when to try
    /// again.
    Busy {
        body: String,
    },
    Redirect(String),
}

impl Page {
    pub fn ok(body: String) -> Self {
        Page::Html {
            status: StatusCode::OK,
            body,
        }
    }

    pub fn with_status(status: StatusCode, body: String) -> Self {
        Page::Html { status, body }
    }

    /// A 303 to `to`, the answer to a form post.
    pub fn redirect(to: impl Into<String>) -> Self {
        Page::Redirect(to.into())
    }

    /// Pages here show survey answers or staff data: never cached.
    pub fn into_response(self) -> HttpResponse {
        match self {
            Page::Html { status, body } => HttpResponse::build(status)
                .content_type("text/html; charset=utf-8")
                .insert_header((header::CACHE_CONTROL, "no-store"))
                .body(body),
            Page::Busy { body } => HttpResponse::ServiceUnavailable()
                .content_type("text/html; charset=utf-8")
                .insert_header((header::CACHE_CONTROL, "no-store"))
                .insert_header((header::RETRY_AFTER, RETRY_BUSY_SECS.to_string()))
                .body(body),
            Page::Redirect(to) => HttpResponse::SeeOther()
                .insert_header((header::LOCATION, to))
                .finish(),
        }
    }
}
