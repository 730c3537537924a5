//! Service profiles on the web: the service's own form (`/r/TOKEN/profile`, by its invitation
//! link), the survey team's (`/admin/cycles/YEAR/services/ID/profile`), and an area's provision
//! with its gap flags (`/provision/YEAR/areas/CODE`, the team and the area's PCC office).

use crate::access;
use crate::error::{AppError, AppResult};
use crate::http::actions;
use crate::http::auth::Staff;
use crate::http::form::Fields;
use crate::http::page::Page;
use crate::http::survey_form::section_questions;
use crate::http::AppState;
use crate::profiles::area;
use crate::profiles::saving::{self, Giver};
use crate::store::cycles::{self, Cycle};
use crate::store::{profiles, services};
use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpResponse};
use serde_json::json;
use survey_engine::{Answers, Problem};

/// Where the form posts, and what it carries.
pub struct FormPlace<'a> {
    /// The profile's address: the survey's start page with `/profile` after it.
    pub action: &'a str,
    pub csrf: Option<&'a str>,
}

impl FormPlace<'_> {
    /// The survey's start page the profile belongs to.
    fn back(&self) -> &str {
        self.action.strip_suffix("/profile").unwrap_or(self.action)
    }
}

/// What the profile form shows.
#[derive(Clone, Copy)]
pub enum Showing<'a> {
    /// The stored profile (`saved` just after a save).
    Stored { saved: bool },
    /// Answers just posted and refused for these problems: nothing was stored.
    Refused(&'a Answers, &'a [Problem]),
    /// Answers just posted that could not be saved, the database out of reach for a moment:
    /// shown again, all of them, without reading the database.
    NotSaved(&'a Answers),
}

/// The profile form as `showing` says.
pub fn render_form(
    s: &AppState,
    cycle: &Cycle,
    service: &services::Service,
    place: &FormPlace,
    showing: Showing,
) -> AppResult<Page> {
    let def = saving::definition(&s.platform)?;
    let (answers, stored, problems) = match showing {
        Showing::Stored { .. } => {
            let stored = profiles::find(&mut *s.platform.conn()?, cycle.id, service.id)?;
            let answers = match &stored {
                Some(p) => Answers::from_json(&p.answers)?,
                None => Answers::new(),
            };
            (answers, stored, &[][..])
        }
        Showing::Refused(posted, problems) => (posted.clone(), None, problems),
        Showing::NotSaved(posted) => (posted.clone(), None, &[][..]),
    };
    let sections: Vec<_> = def
        .sections
        .iter()
        .map(|section| {
            json!({
                "id": section.id,
                "title": section.title,
                "questions": section_questions(def, section, &answers, problems, &s.platform.geography, &[]),
            })
        })
        .collect();
    let chosen = answers.choices(saving::UTLAS);
    let within = saving::authorities_within(&service.areas, &cycle.closes_on)?;
    let authorities: Vec<_> = within
        .iter()
        .map(|u| json!({"code": u.code, "name": u.name, "checked": chosen.contains(&u.code.as_str())}))
        .collect();
    // Where several authorities could hold its places, it says which one they are in.
    let places_authority = answers.choice(saving::PLACES_AUTHORITY);
    // Grouped by police force area, each group's authorities by name.
    let places_authorities: Vec<_> = if within.len() > 1 {
        service
            .areas
            .iter()
            .filter_map(|code| s.platform.geography.find(code))
            .map(|a| {
                let mut here: Vec<_> = within.iter().filter(|u| u.pfa_code == a.code).collect();
                here.sort_by(|x, y| x.name.cmp(&y.name));
                json!({
                    "area": a.name,
                    "authorities": here.iter().map(|u| json!({"code": u.code, "name": u.name, "selected": places_authority == Some(u.code.as_str())})).collect::<Vec<_>>(),
                })
            })
            .collect()
    } else {
        Vec::new()
    };
    // A service in several areas says which one its safe-accommodation places are in.
    let places_named = answers.choice(saving::PLACES_AREA);
    let places_areas: Vec<_> = if service.areas.len() > 1 {
        service
            .areas
            .iter()
            .filter_map(|code| s.platform.geography.find(code))
            .map(|a| json!({"code": a.code, "name": a.name, "selected": places_named == Some(a.code.as_str())}))
            .collect()
    } else {
        Vec::new()
    };
    let body = s.templates.render(
        "service_profile.html",
        json!({
            "action": place.action,
            "back": place.back(),
            "csrf": place.csrf,
            "cycle": cycle,
            "service": service,
            "survey": {"title": def.title, "introduction": def.introduction},
            "sections": sections,
            "authorities": authorities,
            "places_areas": places_areas,
            "places_error": problems.iter().find(|p| p.question == saving::PLACES_AREA).map(|p| &p.message),
            "places_authorities": places_authorities,
            "places_authority_error": problems.iter().find(|p| p.question == saving::PLACES_AUTHORITY).map(|p| &p.message),
            "problems": problems,
            "provenance": stored.map(|p| p.provenance()),
            "saved": matches!(showing, Showing::Stored { saved: true }),
            "unsaved": matches!(showing, Showing::NotSaved(_)),
        }),
    )?;
    Ok(match showing {
        Showing::NotSaved(_) => Page::Busy { body },
        Showing::Refused(..) => Page::with_status(StatusCode::UNPROCESSABLE_ENTITY, body),
        Showing::Stored { .. } => Page::ok(body),
    })
}

/// Saves a posted profile; problems come back on the form (422) with nothing stored, and when
/// the database is out of reach for a moment, everything posted comes back unsaved (503).
pub fn save_form(
    s: &AppState,
    cycle: &Cycle,
    service: &services::Service,
    place: &FormPlace,
    fields: &Fields,
    giver: Giver,
) -> AppResult<Page> {
    let def = saving::definition(&s.platform)?;
    let answers = saving::read_form(def, fields);
    let saved = s
        .platform
        .conn()
        .map_err(AppError::from)
        .and_then(|mut conn| {
            saving::save(&s.platform, &mut conn, cycle, service.id, &answers, giver)
        });
    match saved {
        Ok(problems) if problems.is_empty() => {
            Ok(Page::redirect(format!("{}?saved=1", place.action)))
        }
        Ok(problems) => render_form(
            s,
            cycle,
            service,
            place,
            Showing::Refused(&answers, &problems),
        ),
        Err(e) if e.is_out_of_reach() => {
            tracing::warn!("a profile was not saved, the database out of reach: {e}");
            unsaved_form(s, cycle, service, place, fields)
        }
        Err(e) => Err(e),
    }
}

/// The profile form again with everything posted, saying it is not saved yet: the database was
/// out of reach for a moment. Needs nothing from the database.
pub fn unsaved_form(
    s: &AppState,
    cycle: &Cycle,
    service: &services::Service,
    place: &FormPlace,
    fields: &Fields,
) -> AppResult<Page> {
    let def = saving::definition(&s.platform)?;
    let answers = saving::read_form(def, fields);
    render_form(s, cycle, service, place, Showing::NotSaved(&answers))
}

#[derive(serde::Deserialize)]
pub struct Saved {
    saved: Option<u8>,
}

impl Saved {
    pub fn is_saved(&self) -> bool {
        self.saved.is_some()
    }
}

#[get("/admin/cycles/{year}/services/{id}/profile")]
pub async fn staff_form(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(i32, i32)>,
    saved: web::Query<Saved>,
) -> AppResult<HttpResponse> {
    staff.require_team()?;
    let (year, id) = path.into_inner();
    let saved = saved.saved.is_some();
    let page = state
        .into_inner()
        .blocking(move |s| {
            let mut conn = s.platform.conn()?;
            let cycle = cycles::by_year(&mut conn, year)?;
            let service = services::in_cycle(&mut conn, cycle.id, id)?;
            drop(conn);
            let action = format!("/admin/cycles/{year}/services/{id}/profile");
            let place = FormPlace {
                action: &action,
                csrf: Some(&staff.csrf_token),
            };
            render_form(s, &cycle, &service, &place, Showing::Stored { saved })
        })
        .await?;
    Ok(page.into_response())
}

#[post("/admin/cycles/{year}/services/{id}/profile")]
pub async fn staff_save(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(i32, i32)>,
    body: web::Bytes,
) -> AppResult<HttpResponse> {
    staff.require_team()?;
    let (year, id) = path.into_inner();
    actions::on_form(
        state,
        staff,
        &body,
        move |s, staff, fields| {
            let mut conn = s.platform.conn()?;
            let cycle = cycles::by_year(&mut conn, year)?;
            let service = services::in_cycle(&mut conn, cycle.id, id)?;
            drop(conn);
            let action = format!("/admin/cycles/{year}/services/{id}/profile");
            let place = FormPlace {
                action: &action,
                csrf: Some(&staff.csrf_token),
            };
            save_form(
                s,
                &cycle,
                &service,
                &place,
                fields,
                Giver::Staff(&staff.account.email),
            )
        },
        |_, _, error| Err(crate::error::AppError::invalid("profile", error)),
    )
    .await
}

#[get("/provision/{year}/areas/{code}")]
pub async fn area_page(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(i32, String)>,
) -> AppResult<HttpResponse> {
    let (year, code) = path.into_inner();
    let body = state
        .into_inner()
        .blocking(move |s| {
            let mut conn = s.platform.conn()?;
            access::authorize(
                &mut conn,
                &staff.account,
                &code,
                &format!("view {year} provision"),
            )?;
            let cycle = cycles::by_year(&mut conn, year)?;
            let provision = area::of_area(&s.platform, &mut conn, &cycle, &code)?;
            s.templates.render(
                "provision_area.html",
                json!({
                    "cycle": cycle, "area": provision, "staff": staff.account,
                    "csrf": staff.csrf_token, "team": staff.require_team().is_ok(),
                }),
            )
        })
        .await?;
    Ok(Page::ok(body).into_response())
}

/// The cycle's Part 4 report by English tier-1 authority, for the team to send each authority;
/// not published (counts of households).
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OneAuthority {
    authority: Option<String>,
}

#[get("/admin/cycles/{year}/part4.csv")]
pub async fn part4_csv(
    state: web::Data<AppState>,
    staff: Staff,
    year: web::Path<i32>,
    only: web::Query<OneAuthority>,
) -> AppResult<HttpResponse> {
    staff.require_team()?;
    let year = year.into_inner();
    let only = only.into_inner().authority;
    let csv = state
        .into_inner()
        .blocking(move |s| {
            let mut conn = s.platform.conn()?;
            let cycle = cycles::by_year(&mut conn, year)?;
            let table = crate::profiles::safe_accommodation::part4_report(
                &mut conn,
                &cycle,
                only.as_deref(),
                &staff.account.email,
            )?;
            table.to_csv().map_err(|e| {
                crate::error::AppError::Task(format!("writing the Part 4 report: {e}"))
            })
        })
        .await?;
    Ok(crate::http::page::attachment(
        csv,
        crate::http::page::CSV,
        &format!("part4-safe-accommodation-{year}.csv"),
    ))
}

/// Refuge places by upper-tier authority against the Council of Europe minimum, for the team to
/// send to authorities: not published (see `spaces_by_authority_table`), every export audited.
#[get("/admin/cycles/{year}/refuge-spaces-by-utla.csv")]
pub async fn spaces_by_authority_csv(
    state: web::Data<AppState>,
    staff: Staff,
    year: web::Path<i32>,
) -> AppResult<HttpResponse> {
    staff.require_team()?;
    let year = year.into_inner();
    let csv = state
        .into_inner()
        .blocking(move |s| {
            let mut conn = s.platform.conn()?;
            let cycle = cycles::by_year(&mut conn, year)?;
            let table = crate::profiles::safe_accommodation::spaces_by_authority_export(
                &s.platform,
                &mut conn,
                &cycle,
                &staff.account.email,
            )?;
            table.to_csv().map_err(|e| {
                crate::error::AppError::Task(format!("writing refuge places by authority: {e}"))
            })
        })
        .await?;
    Ok(crate::http::page::attachment(
        csv,
        crate::http::page::CSV,
        &format!("refuge-spaces-by-utla-{year}.csv"),
    ))
}
