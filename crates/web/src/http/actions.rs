//! Running a signed-in person's action on the blocking pool. A problem with their input is shown
//! on the page the action came from (422) rather than as a bare error.

use crate::error::{AppError, AppResult};
use crate::http::auth::Staff;
use crate::http::form::{self, Fields};
use crate::http::page::Page;
use crate::http::AppState;
use actix_web::{web, HttpResponse};

/// Runs `action`; an input problem becomes `show_error(message)`.
pub async fn run<A, E>(
    state: web::Data<AppState>,
    staff: Staff,
    action: A,
    show_error: E,
) -> AppResult<HttpResponse>
where
    A: FnOnce(&AppState, &Staff) -> AppResult<Page> + Send + 'static,
    E: FnOnce(&AppState, &Staff, String) -> AppResult<Page> + Send + 'static,
{
    let page = state
        .into_inner()
        .blocking(move |s| match action(s, &staff) {
            Err(AppError::Invalid { field, problem }) => {
                show_error(s, &staff, format!("{field}: {problem}"))
            }
            other => other,
        })
        .await?;
    Ok(page.into_response())
}

/// [`run`] for a posted form: reads it and checks its CSRF token first.
pub async fn on_form<A, E>(
    state: web::Data<AppState>,
    staff: Staff,
    body: &[u8],
    action: A,
    show_error: E,
) -> AppResult<HttpResponse>
where
    A: FnOnce(&AppState, &Staff, &Fields) -> AppResult<Page> + Send + 'static,
    E: FnOnce(&AppState, &Staff, String) -> AppResult<Page> + Send + 'static,
{
    let fields = form::parse(body)?;
    staff.check_csrf(form::raw(&fields, "csrf"))?;
    run(
        state,
        staff,
        move |s, staff| action(s, staff, &fields),
        show_error,
    )
    .await
}

/// [`on_form`] for a form on a page of its own: after the action, back to `page` (303); an input
/// problem re-renders the page with the problem shown (422).
pub async fn on_page_form<A, R>(
    state: web::Data<AppState>,
    staff: Staff,
    body: &[u8],
    page: String,
    action: A,
    render_with_error: R,
) -> AppResult<HttpResponse>
where
    A: FnOnce(&AppState, &Staff, &Fields) -> AppResult<()> + Send + 'static,
    R: FnOnce(&AppState, &Staff, String) -> AppResult<String> + Send + 'static,
{
    on_form(
        state,
        staff,
        body,
        move |s, staff, fields| {
            action(s, staff, fields)?;
            Ok(Page::redirect(page))
        },
        move |s, staff, error| {
            let body = render_with_error(s, staff, error)?;
            Ok(Page::with_status(
                actix_web::http::StatusCode::UNPROCESSABLE_ENTITY,
                body,
            ))
        },
    )
    .await
}
