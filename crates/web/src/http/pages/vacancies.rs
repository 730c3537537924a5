//! The refuge vacancy board: `/vacancies` for signed-in referrers only (every view audited, with
//! what was searched for), and `/admin/vacancies`, where the survey team posts, refreshes and
//! withdraws a safe-accommodation service's vacancies for it. No page names an address or an area
//! finer than the police force area.

use crate::error::{AppError, AppResult};
use crate::http::actions;
use crate::http::auth::Staff;
use crate::http::form::{field, Fields};
use crate::http::page::Page;
use crate::http::AppState;
use crate::profiles::safe_accommodation;
use crate::store::states::Role;
use crate::store::{clock, services, vacancies, vacancy_links};
use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpResponse};
use frontline_geo::areas::REGIONS;
use frontline_provision::languages;
use frontline_provision::query::FieldProblem;
use frontline_provision::vacancy::{Need, PlaceKind, Search, Vacancy, VacancyForm};
use serde_json::json;

const MANAGE: &str = "/admin/vacancies";

/// The search as the audit log keeps it: only what the board understood, as codes.
fn describe(need: &Result<Need, FieldProblem>) -> String {
    need.as_ref()
        .map_or_else(|_| "a search the board refused".into(), Need::describe)
}

fn require_referrer(staff: &Staff) -> AppResult<()> {
    if staff.account.role == Role::Referrer {
        Ok(())
    } else {
        Err(AppError::Forbidden(
            "the vacancy board is only for referrers the survey team has approved".into(),
        ))
    }
}

/// A vacancy as a row of the board or the team's list.
pub(crate) fn row(s: &AppState, posted: &vacancies::Posted) -> serde_json::Value {
    let area = s.platform.geography.find(&posted.pfa_code);
    let v = &posted.vacancy;
    json!({
        "id": posted.id,
        "service_id": posted.service_id,
        "service": posted.service,
        "kind": v.kind.label(),
        "area": area.map_or(posted.pfa_code.as_str(), |a| a.name.as_str()),
        "region": area.map_or("", |a| a.region.as_str()),
        "children": v.children_up_to_age.map_or("No children".to_string(), |a| format!("Up to {a}")),
        "accessible": v.accessible,
        "languages": v.languages.iter().map(|l| languages::name_of(l).unwrap_or(l)).collect::<Vec<_>>().join(", "),
        "no_recourse": v.no_recourse_accepted,
        "expires_at": posted.expires_at.readable(),
    })
}

#[get("/vacancies")]
pub async fn board(
    state: web::Data<AppState>,
    staff: Staff,
    search: web::Query<Search>,
) -> AppResult<HttpResponse> {
    require_referrer(&staff)?;
    let search = search.into_inner();
    let page = state
        .into_inner()
        .blocking(move |s| {
            let need = search.need();
            let searched = describe(&need);
            let mut conn = s.platform.conn()?;
            let live = vacancies::live(&mut conn, &clock::now(), None)?;
            let shown: Vec<_> = match &need {
                Ok(need) => live
                    .iter()
                    .filter(|p| {
                        let region = s.platform.geography.region_of(&p.pfa_code).unwrap_or("");
                        need.is_met_by(&p.vacancy, region)
                    })
                    .map(|p| row(s, p))
                    .collect(),
                Err(_) => Vec::new(),
            };
            vacancies::viewed(&mut conn, &staff.account.email, &searched, shown.len())?;
            let status = if need.is_ok() {
                StatusCode::OK
            } else {
                StatusCode::UNPROCESSABLE_ENTITY
            };
            let body = s.templates.render(
                "vacancies.html",
                json!({
                    "staff": staff.account, "csrf": staff.csrf_token,
                    "vacancies": shown, "live": live.len(),
                    "error": need.as_ref().err().map(|e| format!("{}: {}", e.field, e.message)),
                    "error_field": need.as_ref().err().map(|e| e.field),
                    "regions": REGIONS, "kinds": kinds(),
                    "search": {
                        "region": search.region, "kind": search.kind, "child_aged": search.child_aged,
                        "accessible": search.accessible.is_some(), "language": search.language,
                        "no_recourse": search.no_recourse.is_some(),
                    },
                }),
            )?;
            Ok(Page::with_status(status, body))
        })
        .await?;
    Ok(page.into_response())
}

pub(crate) fn kinds() -> Vec<serde_json::Value> {
    PlaceKind::ALL
        .iter()
        .map(|k| json!({"code": k.code(), "label": k.label()}))
        .collect()
}

fn render_manage(s: &AppState, staff: &Staff, error: Option<String>) -> AppResult<String> {
    let mut conn = s.platform.conn()?;
    let live: Vec<_> = vacancies::live(&mut conn, &clock::now(), None)?
        .iter()
        .map(|p| row(s, p))
        .collect();
    vacancies::viewed(
        &mut conn,
        &staff.account.email,
        "the team's list",
        live.len(),
    )?;
    let offering = safe_accommodation::latest(&mut conn)?;
    let links = vacancy_links::live(&mut conn)?;
    let services: Vec<_> = services::all(&mut conn)?
        .into_iter()
        // A service whose profile stopped offering safe accommodation stays listed while it has
        // a live link, so the team can withdraw it (the link itself no longer opens).
        .filter(|sv| offering.contains_key(&sv.id) || links.contains_key(&sv.id))
        .map(|sv| {
            let link = links
                .get(&sv.id)
                .map(|(at, by)| json!({"made": at.to_string(), "by": by}));
            json!({"id": sv.id, "name": format!("{} – {}", sv.organisation, sv.name), "link": link})
        })
        .collect();
    s.templates.render(
        "vacancies_manage.html",
        json!({
            "staff": staff.account, "csrf": staff.csrf_token, "vacancies": live,
            "services": services, "kinds": kinds(), "error": error,
        }),
    )
}

#[get("/admin/vacancies")]
pub async fn manage(state: web::Data<AppState>, staff: Staff) -> AppResult<HttpResponse> {
    staff.require_team()?;
    let body = state
        .into_inner()
        .blocking(move |s| render_manage(s, &staff, None))
        .await?;
    Ok(Page::ok(body).into_response())
}

/// Runs a team form from the manage page: back to it, or the page again with the problem.
async fn on_manage_form<A>(
    state: web::Data<AppState>,
    staff: Staff,
    body: web::Bytes,
    action: A,
) -> AppResult<HttpResponse>
where
    A: FnOnce(&AppState, &Staff, &Fields) -> AppResult<()> + Send + 'static,
{
    staff.require_team()?;
    actions::on_page_form(
        state,
        staff,
        &body,
        MANAGE.into(),
        action,
        |s, staff, error| render_manage(s, staff, Some(error)),
    )
    .await
}

fn service_id(fields: &Fields) -> AppResult<i32> {
    let given = field(fields, "service");
    given
        .parse()
        .map_err(|_| AppError::invalid("service", "choose the service the vacancy is at"))
}

/// The vacancy the team's form describes, or every problem with it by field.
pub(crate) fn vacancy_in(fields: &Fields) -> AppResult<Vacancy> {
    let (kind, age, languages) = (
        field(fields, "kind"),
        field(fields, "children_up_to_age"),
        field(fields, "languages"),
    );
    Vacancy::parse(&VacancyForm {
        kind: &kind,
        children_up_to_age: &age,
        accessible: !field(fields, "accessible").is_empty(),
        languages: &languages,
        no_recourse_accepted: !field(fields, "no_recourse_accepted").is_empty(),
    })
    .map_err(|problems| {
        let said: Vec<String> = problems
            .iter()
            .map(|p| format!("{}: {}", p.field, p.message))
            .collect();
        AppError::invalid("vacancy", said.join("; "))
    })
}

/// The police force area a vacancy of service `id` is in: the one its profile counts its places
/// in, or one of its own areas named on the form. A service whose latest profile offers no safe
/// accommodation has no vacancies.
pub(crate) fn area_of(
    conn: &mut crate::db::DbConnection,
    id: i32,
    named: &str,
) -> AppResult<String> {
    let service = services::get(conn, id).map_err(|_| {
        AppError::invalid(
            "service",
            format!("there is no service {id}; choose one from the list"),
        )
    })?;
    let Some(places_area) = safe_accommodation::latest(conn)?.remove(&id) else {
        return Err(AppError::invalid(
            "service",
            format!(
                "{} – {} does not offer refuge or other safe accommodation in its latest profile",
                service.organisation, service.name
            ),
        ));
    };
    match (places_area, named) {
        (Some(area), "") => Ok(area),
        (_, named) if service.areas.iter().any(|a| a == named) => Ok(named.to_string()),
        (None, "") => Err(AppError::invalid(
            "pfa",
            "the service works in more than one police force area and its profile names none for its places: give the ONS code of the one the place is in",
        )),
        (_, named) => Err(AppError::invalid(
            "pfa",
            format!(
                "'{named}' is not one of the police force areas the service works in ({})",
                service.areas.join(", ")
            ),
        )),
    }
}

#[post("/admin/vacancies")]
pub async fn post_vacancy(
    state: web::Data<AppState>,
    staff: Staff,
    body: web::Bytes,
) -> AppResult<HttpResponse> {
    on_manage_form(state, staff, body, |s, staff, fields| {
        let id = service_id(fields)?;
        let vacancy = vacancy_in(fields)?;
        let mut conn = s.platform.conn()?;
        let area = area_of(&mut conn, id, &field(fields, "pfa"))?;
        vacancies::post(
            &mut conn,
            id,
            &area,
            &vacancy,
            &staff.account.email,
            &clock::now(),
        )?;
        Ok(())
    })
    .await
}

/// A change to one live vacancy of a service, by the team or the service's own link: refresh or
/// withdraw.
pub(crate) type VacancyChange =
    fn(&mut crate::db::DbConnection, i32, i32, &str) -> crate::store::StoreResult<()>;

async fn on_vacancy(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(i32, i32)>,
    body: web::Bytes,
    change: VacancyChange,
) -> AppResult<HttpResponse> {
    let (service, id) = path.into_inner();
    on_manage_form(state, staff, body, move |s, staff, _| {
        let mut conn = s.platform.conn()?;
        Ok(change(&mut conn, service, id, &staff.account.email)?)
    })
    .await
}

#[post("/admin/vacancies/{service}/{id}/refresh")]
pub async fn refresh(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(i32, i32)>,
    body: web::Bytes,
) -> AppResult<HttpResponse> {
    on_vacancy(state, staff, path, body, vacancies::refresh).await
}

#[post("/admin/vacancies/{service}/{id}/withdraw")]
pub async fn withdraw(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(i32, i32)>,
    body: web::Bytes,
) -> AppResult<HttpResponse> {
    on_vacancy(state, staff, path, body, vacancies::withdraw).await
}

/// Makes a service a new standing link to post its own vacancies (withdrawing any it had), and
/// shows it once: only its hash is kept.
#[post("/admin/vacancies/{service}/link")]
pub async fn make_link(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<i32>,
    body: web::Bytes,
) -> AppResult<HttpResponse> {
    staff.require_team()?;
    let service = path.into_inner();
    actions::on_form(
        state,
        staff,
        &body,
        move |s, staff, _| {
            let mut conn = s.platform.conn()?;
            let sv = services::get(&mut conn, service)?;
            // Only a service offering safe accommodation posts vacancies.
            if !safe_accommodation::latest(&mut conn)?.contains_key(&service) {
                return Err(AppError::invalid(
                    "service",
                    format!(
                        "{} – {} does not offer refuge or other safe accommodation in its latest profile",
                        sv.organisation, sv.name
                    ),
                ));
            }
            let token = vacancy_links::create(&mut conn, service, &staff.account.email)?;
            let url = format!(
                "{}/vacancies/post/{}",
                s.mail.public_url.trim_end_matches('/'),
                token.expose()
            );
            let body = s.templates.render(
                "vacancy_link_made.html",
                json!({
                    "staff": staff.account,
                    "service": format!("{} – {}", sv.organisation, sv.name),
                    "url": url,
                }),
            )?;
            Ok(Page::ok(body))
        },
        |s, staff, error| {
            Ok(Page::with_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                render_manage(s, staff, Some(error))?,
            ))
        },
    )
    .await
}

/// Withdraws a service's standing posting link: it stops working at once.
#[post("/admin/vacancies/{service}/link/withdraw")]
pub async fn withdraw_link(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<i32>,
    body: web::Bytes,
) -> AppResult<HttpResponse> {
    let service = path.into_inner();
    on_manage_form(state, staff, body, move |s, staff, _| {
        let mut conn = s.platform.conn()?;
        if !vacancy_links::withdraw(&mut conn, service, &staff.account.email)? {
            return Err(AppError::invalid(
                "service",
                "the service has no live posting link to withdraw",
            ));
        }
        Ok(())
    })
    .await
}

pub fn configure(cfg: &mut web::ServiceConfig) {
    // The link's routes first: `{service}/link/withdraw` would otherwise be read as a vacancy
    // numbered "link".
    cfg.service(board)
        .service(manage)
        .service(post_vacancy)
        .service(make_link)
        .service(withdraw_link)
        .service(refresh)
        .service(withdraw);
}
