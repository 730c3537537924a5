//! `/admin/cycles/YEAR/estimates`: the survey team's estimates work: roll-forward decisions,
//! PCC revisions to accept or reject, PCC accounts, freezing and re-opening.

use crate::access;
use crate::db::DbConnection;
use crate::error::{AppError, AppResult};
use crate::estimates::roll_forward::{self, Decision};
use crate::estimates::{area_view, freeze, imputation, review, Waiting};
use crate::http::actions;
use crate::http::auth::Staff;
use crate::http::form::{self, field};
use crate::http::kept_views::{self, WithLive};
use crate::http::page::Page;
use crate::http::paging::{matches, matches_service, Pager};
use crate::http::AppState;
use crate::mail::compose;
use crate::store::states::Role;
use crate::store::{accounts, cycles, outbox, reviews, services};
use actix_web::{get, post, web, HttpResponse};
use serde_json::json;

/// The estimates page's lists asked for: a filter on services' names and areas, and the page of
/// each list (each read leniently).
#[derive(Debug, Default, serde::Deserialize)]
pub struct Lists {
    #[serde(default)]
    q: String,
    roll: Option<String>,
    impute: Option<String>,
    reviews: Option<String>,
}

/// The page's three lists, each paged on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum List {
    Roll,
    Impute,
    Reviews,
}

impl List {
    /// Its page's query parameter, and the list's anchor on the page.
    fn name(self) -> &'static str {
        match self {
            List::Roll => "roll",
            List::Impute => "impute",
            List::Reviews => "reviews",
        }
    }
}

impl Lists {
    /// The page asked for of `list`.
    fn asked(&self, list: List) -> Option<&str> {
        match list {
            List::Roll => self.roll.as_deref(),
            List::Impute => self.impute.as_deref(),
            List::Reviews => self.reviews.as_deref(),
        }
    }

    /// A pager for one of the lists, its links keeping the filter and the other lists' pages.
    fn pager(&self, year: i32, which: List, total: usize) -> Pager {
        Pager::new(total, self.asked(which), |p| {
            let page = p.to_string();
            let mut params: Vec<(&str, &str)> = vec![("q", self.q.trim())];
            for list in [List::Roll, List::Impute, List::Reviews] {
                if list == which {
                    params.push((list.name(), &page));
                } else if let Some(v) = self.asked(list) {
                    params.push((list.name(), v));
                }
            }
            let query = serde_urlencoded::to_string(
                params
                    .into_iter()
                    .filter(|(_, v)| !v.is_empty())
                    .collect::<Vec<_>>(),
            )
            .unwrap_or_default();
            format!("/admin/cycles/{year}/estimates?{query}#{}", which.name())
        })
    }
}

/// Whether a service is among those the filter asks for (its names, its areas' names or codes).
fn wanted(s: &AppState, lists: &Lists, service: &services::Service) -> bool {
    let names = [service.organisation.as_str(), service.name.as_str()];
    matches_service(&lists.q, &names, &service.areas, &s.platform.geography)
}

fn render(
    s: &AppState,
    staff: &Staff,
    year: i32,
    lists: &Lists,
    error: Option<String>,
) -> AppResult<String> {
    let mut conn = s.platform.conn()?;
    // Worked out once per data revision for every reader of the same pages of the lists.
    let year_text = year.to_string();
    let kept = s.kept_view(
        &mut conn,
        staff,
        kept_views::View {
            page: "/admin/cycles/estimates",
            query: &[
                ("year", &year_text),
                ("q", lists.q.trim()),
                ("roll", lists.roll.as_deref().unwrap_or("")),
                ("impute", lists.impute.as_deref().unwrap_or("")),
                ("reviews", lists.reviews.as_deref().unwrap_or("")),
            ],
        },
        |conn, reading| lists_view(s, conn, reading.revision, year, lists),
    )?;
    s.templates.render(
        "admin_estimates.html",
        WithLive {
            kept: &kept,
            live: json!({
                "staff": staff.account,
                "csrf": staff.csrf_token,
                "error": error,
            }),
        },
    )
}

/// The page's three lists (the pages of them asked for), the PCC accounts and the areas, at
/// `revision`.
fn lists_view(
    s: &AppState,
    conn: &mut DbConnection,
    revision: i64,
    year: i32,
    lists: &Lists,
) -> AppResult<serde_json::Value> {
    let cycle = cycles::by_year(conn, year)?;
    // The services waiting for a decision are worked out once per data revision for every
    // filter and page of the lists.
    let work = s
        .estimate_work
        .get_or_build(&year.to_string(), revision, || {
            Waiting::in_year(&s.platform, conn, year)
        })?;
    let mut candidates = work.roll.clone();
    let mut to_impute = work.impute.clone();
    let imputable = to_impute.iter().filter(|c| c.figures.is_some()).count();
    let waiting = (candidates.len(), to_impute.len());
    candidates.retain(|c| wanted(s, lists, &c.service));
    to_impute.retain(|c| wanted(s, lists, &c.service));
    let roll_pager = lists.pager(year, List::Roll, candidates.len());
    let impute_pager = lists.pager(year, List::Impute, to_impute.len());
    let reviews = reviews_shown(s, conn, cycle.id, lists)?;
    let reviews_pager = lists.pager(year, List::Reviews, reviews.len());
    let mut areas_of = accounts::areas_by_account(conn)?;
    let pcc_accounts: Vec<_> = accounts::all(conn)?
        .into_iter()
        .filter(|a| a.role == Role::PccReviewer)
        .map(|a| {
            let areas = areas_of.remove(&a.id).unwrap_or_default();
            json!({"account": a, "areas": areas})
        })
        .collect();
    Ok(json!({
        "cycle": cycle,
        "candidates": roll_pager.slice(candidates),
        "roll_pager": roll_pager,
        "to_impute": impute_pager.slice(to_impute),
        "impute_pager": impute_pager,
        "waiting": waiting,
        "imputable": imputable,
        "reviews": reviews_pager.slice(reviews),
        "reviews_pager": reviews_pager,
        "filter": lists.q.trim(),
        "pcc_accounts": pcc_accounts,
        "areas": s.platform.geography.areas(),
        "area_names": s
            .platform
            .geography
            .areas()
            .iter()
            .map(|a| (a.code.as_str(), a.name.as_str()))
            .collect::<std::collections::BTreeMap<_, _>>(),
    }))
}

/// The cycle's PCC reviews the filter keeps, newest first, with their service's and area's
/// names.
fn reviews_shown(
    s: &AppState,
    conn: &mut DbConnection,
    cycle_id: i32,
    lists: &Lists,
) -> AppResult<Vec<serde_json::Value>> {
    let all_reviews = reviews::for_cycle(conn, cycle_id)?;
    let names: std::collections::BTreeMap<i32, String> = services::all(conn)?
        .into_iter()
        .map(|sv| (sv.id, format!("{} – {}", sv.organisation, sv.name)))
        .collect();
    Ok(all_reviews
        .iter()
        .rev()
        .filter(|r| {
            let service = r.service_id.and_then(|id| names.get(&id));
            let area = s
                .platform
                .geography
                .find(&r.pfa_code)
                .map(|a| a.name.as_str());
            let fields = [
                service.map_or("", String::as_str),
                area.unwrap_or(""),
                r.pfa_code.as_str(),
                r.reviewer.as_str(),
            ];
            matches(&lists.q, &fields)
        })
        .map(|r| {
            json!({
                "review": r,
                "proposed": r.proposed(),
                "service": r.service_id.and_then(|id| names.get(&id).cloned()),
                "area": s.platform.geography.find(&r.pfa_code).map(|a| a.name.clone()),
            })
        })
        .collect())
}

#[get("/admin/cycles/{year}/estimates")]
pub async fn show(
    state: web::Data<AppState>,
    staff: Staff,
    year: web::Path<i32>,
    lists: web::Query<Lists>,
) -> AppResult<HttpResponse> {
    staff.require_team()?;
    let year = year.into_inner();
    let lists = lists.into_inner();
    let body = state
        .into_inner()
        .blocking(move |s| render(s, &staff, year, &lists, None))
        .await?;
    Ok(Page::ok(body).into_response())
}

/// Runs a team action from a posted form, then back to the estimates page; an input problem
/// shows on that page (422).
async fn act<F>(
    state: web::Data<AppState>,
    staff: Staff,
    year: i32,
    body: web::Bytes,
    action: F,
) -> AppResult<HttpResponse>
where
    F: FnOnce(&AppState, &Staff, &[(String, String)]) -> AppResult<()> + Send + 'static,
{
    staff.require_team()?;
    actions::on_page_form(
        state,
        staff,
        &body,
        format!("/admin/cycles/{year}/estimates"),
        move |s, staff, fields| action(s, staff, fields),
        move |s, staff, error| render(s, staff, year, &Lists::default(), Some(error)),
    )
    .await
}

#[post("/admin/cycles/{year}/roll-forward")]
pub async fn roll(
    state: web::Data<AppState>,
    staff: Staff,
    year: web::Path<i32>,
    body: web::Bytes,
) -> AppResult<HttpResponse> {
    let year = year.into_inner();
    act(state, staff, year, body, move |s, staff, f| {
        let service_id: i32 = field(f, "service_id")
            .parse()
            .map_err(|_| AppError::invalid("service_id", "choose a service"))?;
        let (source, reason) = (field(f, "source"), field(f, "reason"));
        let decision = match field(f, "decision").as_str() {
            "roll_forward" => Decision::RollForward,
            "third_party" => Decision::ThirdParty {
                source: &source,
                idva_fte: form::fte(f, "idva_fte")?,
                idva_high_risk_fte: form::fte(f, "idva_high_risk_fte")?,
            },
            "closed" => Decision::Closed { reason: &reason },
            other => {
                return Err(AppError::invalid(
                    "decision",
                    format!("'{other}' is not a decision"),
                ))
            }
        };
        roll_forward::decide(
            &s.platform,
            &mut *s.platform.conn()?,
            year,
            service_id,
            decision,
            &staff.account.email,
        )
    })
    .await
}

/// Imputes every silent service without earlier figures whose class has answering services.
#[post("/admin/cycles/{year}/impute")]
pub async fn impute(
    state: web::Data<AppState>,
    staff: Staff,
    year: web::Path<i32>,
    body: web::Bytes,
) -> AppResult<HttpResponse> {
    let year = year.into_inner();
    act(state, staff, year, body, move |s, staff, _| {
        imputation::impute_all(
            &s.platform,
            &mut *s.platform.conn()?,
            year,
            &staff.account.email,
        )
        .map(|_| ())
    })
    .await
}

#[post("/admin/cycles/{year}/reviews/{id}")]
pub async fn decide(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(i32, i32)>,
    body: web::Bytes,
) -> AppResult<HttpResponse> {
    let (year, id) = path.into_inner();
    act(state, staff, year, body, move |s, staff, f| {
        let mut conn = s.platform.conn()?;
        let cycle = cycles::by_year(&mut conn, year)?;
        let accept = match field(f, "decision").as_str() {
            "accept" => true,
            "reject" => false,
            other => {
                return Err(AppError::invalid(
                    "decision",
                    format!("'{other}' is not accept or reject"),
                ))
            }
        };
        review::decide(
            &mut conn,
            &cycle,
            id,
            accept,
            &staff.account,
            &field(f, "reason"),
        )
    })
    .await
}

#[post("/admin/cycles/{year}/freeze")]
pub async fn freeze_or_reopen(
    state: web::Data<AppState>,
    staff: Staff,
    year: web::Path<i32>,
    body: web::Bytes,
) -> AppResult<HttpResponse> {
    let year = year.into_inner();
    act(state, staff, year, body, move |s, staff, f| {
        staff.require_admin()?;
        let mut conn = s.platform.conn()?;
        match field(f, "action").as_str() {
            "freeze" => freeze::freeze(&mut conn, year, &staff.account.email, &field(f, "reason")),
            "reopen" => freeze::reopen(&mut conn, year, &staff.account.email, &field(f, "reason")),
            other => Err(AppError::invalid(
                "action",
                format!("'{other}' is not freeze or reopen"),
            )),
        }
    })
    .await
}

/// Invites a PCC reviewer: an account scoped to the chosen areas, and a mail with a link to
/// choose a password.
#[post("/admin/cycles/{year}/pcc-accounts")]
pub async fn invite_pcc(
    state: web::Data<AppState>,
    staff: Staff,
    year: web::Path<i32>,
    body: web::Bytes,
) -> AppResult<HttpResponse> {
    let year = year.into_inner();
    act(state, staff, year, body, move |s, staff, f| {
        staff.require_admin()?;
        let areas: Vec<String> = f
            .iter()
            .filter(|(k, _)| k == "areas")
            .map(|(_, v)| v.clone())
            .collect();
        if areas.is_empty() {
            return Err(AppError::invalid(
                "areas",
                "choose at least one police force area",
            ));
        }
        for code in &areas {
            if s.platform.geography.find(code).is_none() {
                return Err(AppError::invalid(
                    "areas",
                    format!("'{code}' is not a police force area"),
                ));
            }
        }
        let office = field(f, "office");
        if office.is_empty() {
            return Err(AppError::invalid(
                "office",
                "name the PCC office, e.g. Office of the PCC for Kent",
            ));
        }
        let mut conn = s.platform.conn()?;
        frontline_store::db::transaction(&mut conn, |conn| -> AppResult<()> {
            let (account, token) = accounts::invite(
                conn,
                &field(f, "email"),
                &field(f, "name"),
                Role::PccReviewer,
                Some(&office),
            )?;
            accounts::set_areas(conn, account.id, &areas)?;
            let link = format!(
                "{}/account/setup/{}",
                s.mail.public_url.trim_end_matches('/'),
                token.expose()
            );
            let letter = compose::account_invitation(&account.name, &office, &link);
            outbox::enqueue(
                conn,
                &format!("account-setup:{}:{}", account.id, crate::clock::now()),
                &account.email,
                &letter.subject,
                &letter.body,
            )?;
            Ok(crate::store::audit::record(
                conn,
                crate::store::audit::Change {
                    actor: &staff.account.email,
                    action: "account.invited",
                    entity: "account",
                    entity_id: account.email.clone(),
                    after: Some(format!("pcc_reviewer for {}", areas.join(", "))),
                    ..Default::default()
                },
            )?)
        })
    })
    .await
}

/// Used by the PCC pages too: the area view for one force.
pub fn area_context(
    s: &AppState,
    staff: &Staff,
    year: i32,
    pfa: &str,
) -> AppResult<serde_json::Value> {
    let mut conn = s.platform.conn()?;
    access::authorize(
        &mut conn,
        &staff.account,
        pfa,
        &format!("view {year} figures"),
    )?;
    let cycle = cycles::by_year(&mut conn, year)?;
    let mut view = area_view::provisional(&s.platform, &mut conn, &cycle, pfa)?;
    let own_area_only = staff.require_team().is_err();
    if own_area_only {
        view = view.own_area_only();
    }
    Ok(
        json!({"cycle": cycle, "area": view, "own_area_only": own_area_only, "staff": staff.account, "csrf": staff.csrf_token}),
    )
}
