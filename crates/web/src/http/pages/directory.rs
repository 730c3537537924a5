//! `/directory/YEAR`: the public directory of services, searched and filtered on the server
//! from the latest release's `directory/services.csv` — released data only — and each entry's
//! page. Nothing here ever shows an address.

use crate::error::{AppError, AppResult};
use crate::http::page::Page;
use crate::http::paging::{link_keeping, take_page, Pager};
use crate::http::AppState;
use crate::profiles::directory::view;
use crate::publish::released_file;
use actix_web::http::StatusCode;
use actix_web::{get, web, HttpRequest, HttpResponse};
use frontline_provision::directory::{from_csv, Entry, Filter};
use frontline_provision::query::FieldProblem;
use frontline_provision::vocabulary::{
    Accreditation, AdditionalNeed, Community, Gender, Opening, ServiceType, SupportMode,
};
use serde_json::json;

/// The released directory of `year`.
fn released(s: &AppState, year: i32) -> AppResult<Vec<Entry>> {
    let bytes = released_file(&s.platform, year, None, "directory/services.csv")
        .map_err(|_| AppError::NotFound(format!("a released directory for {year}")))?;
    from_csv(&String::from_utf8_lossy(&bytes))
        .map_err(|e| AppError::Task(format!("reading the {year} directory: {e}")))
}

fn options<T: Copy>(
    all: &[T],
    code: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
) -> Vec<serde_json::Value> {
    all.iter()
        .map(|v| json!({"code": code(*v), "label": label(*v)}))
        .collect()
}

#[get("/directory/{year}")]
pub async fn search(
    state: web::Data<AppState>,
    year: web::Path<i32>,
    request: HttpRequest,
) -> AppResult<HttpResponse> {
    let year = year.into_inner();
    let (page, rest) = take_page(request.query_string());
    let given: Filter = serde_urlencoded::from_str(&rest).map_err(|e| {
        AppError::invalid(
            "address",
            format!("the directory cannot be searched that way ({e})"),
        )
    })?;
    let page = state
        .into_inner()
        .blocking(move |s| {
            let all = released(s, year)?;
            let checked = checked(s, given.clone());
            let filter = checked.as_ref().unwrap_or(&given);
            let found: Vec<_> = all
                .iter()
                .enumerate()
                .filter(|(_, e)| checked.is_ok() && filter.matches(e))
                .map(|(i, e)| {
                    let mut v = view(&s.platform, e);
                    v["number"] = json!(i + 1);
                    v
                })
                .collect();
            // Filters given a value (the form sends every field, blank or not).
            let filtered = serde_urlencoded::from_str::<Vec<(String, String)>>(&rest)
                .unwrap_or_default()
                .iter()
                .any(|(_, v)| !v.trim().is_empty());
            let path = format!("/directory/{year}");
            let pager = Pager::new(found.len(), page.as_deref(), |p| {
                format!("{}#results", link_keeping(&path, &rest, p))
            });
            let found = pager.slice(found);
            let areas: Vec<_> = s
                .platform
                .geography
                .areas()
                .iter()
                .map(|a| json!({"code": a.code, "label": a.name}))
                .collect();
            let error = checked.as_ref().err().map(|e| json!({"field": e.field, "message": e.message}));
            let status = if error.is_some() {
                StatusCode::UNPROCESSABLE_ENTITY
            } else {
                StatusCode::OK
            };
            let body = s.templates.render(
                "directory.html",
                json!({
                    "year": year,
                    "error": error,
                    "filter": filter,
                    "filtered": filtered,
                    "found": found,
                    "pager": pager,
                    "listing": "the services found",
                    "total": all.len(),
                    "areas": areas,
                    "types": options(ServiceType::ALL, ServiceType::code, ServiceType::label),
                    "genders": options(Gender::ALL, Gender::code, Gender::label),
                    "communities": options(Community::ALL, Community::code, Community::label),
                    "modes": options(SupportMode::ALL, SupportMode::code, SupportMode::label),
                    "openings": options(Opening::ALL, Opening::code, Opening::label),
                    "needs": options(AdditionalNeed::ALL, AdditionalNeed::code, AdditionalNeed::label),
                    "accreditations": options(Accreditation::ALL, Accreditation::code, Accreditation::label),
                }),
            )?;
            Ok(Page::with_status(status, body))
        })
        .await?;
    Ok(page.into_response())
}

/// The filter with its codes checked (the area against the geography), or the problem by field.
fn checked(s: &AppState, filter: Filter) -> Result<Filter, FieldProblem> {
    let mut filter = filter.checked()?;
    if let Some(area) = filter
        .area
        .as_deref()
        .map(str::trim)
        .filter(|a| !a.is_empty())
    {
        let found = s
            .platform
            .geography
            .find(area)
            .ok_or_else(|| FieldProblem {
                field: "area",
                message: format!("'{area}' is not a police force area"),
            })?;
        filter.area = Some(found.code.to_string());
    }
    Ok(filter)
}

#[get("/directory/{year}/{number}")]
pub async fn entry(
    state: web::Data<AppState>,
    path: web::Path<(i32, usize)>,
) -> AppResult<HttpResponse> {
    let (year, number) = path.into_inner();
    let body = state
        .into_inner()
        .blocking(move |s| {
            let all = released(s, year)?;
            let e = number
                .checked_sub(1)
                .and_then(|i| all.get(i))
                .ok_or_else(|| {
                    AppError::NotFound(format!("entry {number} of the {year} directory"))
                })?;
            s.templates.render(
                "directory_entry.html",
                json!({"year": year, "entry": view(&s.platform, e)}),
            )
        })
        .await?;
    Ok(Page::ok(body).into_response())
}
