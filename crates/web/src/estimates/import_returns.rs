//! `frontline import-returns`: a past cycle's figures from CSV, one row per service and PFA:
//! `service,pfa,share,idva_people,idva_fte,idva_high_risk_fte,outreach_fte,refuge_fte,isva_fte,
//! ypva_fte,children_fte,perpetrator_fte,other_fte,volunteers,source`. Every row is checked
//! first; any problem is reported by line and field and nothing is stored.

use crate::db::DbConnection;
use crate::error::{AppError, AppResult};
use crate::store::responses::NewAnswers;
use crate::store::states::{CarriedKind, Channel, CycleStatus, Outcome};
use crate::store::StoreError;
use crate::store::{audit, carried, cycles, responses, services};
use crate::surveys::schema_ref;
use crate::Platform;
use frontline_csv_import::{Columns, Problem, Refused, Row};
use frontline_geo::Geography;
use serde_json::json;
use survey_engine::{Answers, PractitionerFigures, Role, RoleFigures, SubmittedAnswers};

const COLUMNS: Columns<'static> = Columns {
    required: &[
        "service",
        "pfa",
        "share",
        "idva_people",
        "idva_fte",
        "idva_high_risk_fte",
        "outreach_fte",
        "refuge_fte",
        "isva_fte",
        "ypva_fte",
        "children_fte",
        "perpetrator_fte",
        "other_fte",
        "volunteers",
        "source",
    ],
    optional: &[],
};

/// The whole-service figures of one service, from its rows.
#[derive(Debug, Clone, PartialEq)]
pub struct ServiceReturn {
    pub service: String,
    pub figures: PractitionerFigures,
    pub source: String,
    /// Line of the service's first row, for messages.
    pub line: usize,
}

/// One row: a service's whole figures and its share in one area.
struct AreaRow {
    line: u64,
    service: String,
    pfa: String,
    area: String,
    share: f64,
    figures: PractitionerFigures,
    source: String,
}

/// Reads the file all or nothing: every row, then every service's rows together (the same
/// figures on each, each area once, shares adding up to 1); every problem by line and field.
pub fn parse(geo: &Geography, file: &str, text: &str) -> AppResult<Vec<ServiceReturn>> {
    let rows = frontline_csv_import::read(text, COLUMNS, |row| read_row(geo, row))
        .map_err(|refused| AppError::refused(file, refused))?;
    let mut problems = Vec::new();
    let mut services: Vec<ServiceReturn> = Vec::new();
    for row in rows {
        let mut problem = |field: &str, message: String| {
            problems.push(Problem {
                line: row.line,
                field: field.into(),
                message,
            })
        };
        match services.iter_mut().find(|s| s.service == row.service) {
            Some(existing) => {
                let mut whole = existing.figures.clone();
                whole.area_shares.clear();
                if whole != row.figures || existing.source != row.source {
                    problem("idva_fte", format!("the figures for '{}' differ from its row on line {}; FTE columns are the whole service's, the same on every row", row.service, existing.line));
                }
                if existing
                    .figures
                    .area_shares
                    .insert(row.area, row.share)
                    .is_some()
                {
                    problem("pfa", format!("'{}' has {} twice", row.service, row.pfa));
                }
            }
            None => {
                let mut figures = row.figures;
                figures.area_shares.insert(row.area, row.share);
                services.push(ServiceReturn {
                    service: row.service,
                    figures,
                    source: row.source,
                    line: row.line as usize,
                });
            }
        }
    }
    for s in &services {
        let total: f64 = s.figures.area_shares.values().sum();
        if (total - 1.0).abs() > 0.001 {
            problems.push(Problem {
                line: s.line as u64,
                field: "share".into(),
                message: format!("the shares for '{}' add up to {total:.3}, not 1", s.service),
            });
        }
    }
    if !problems.is_empty() {
        problems.sort_by_key(|p| p.line);
        return Err(AppError::refused(file, Refused(problems)));
    }
    Ok(services)
}

fn read_row(geo: &Geography, row: &mut Row<'_>) -> Option<AreaRow> {
    let service = row.required("service");
    let area = row.check("pfa", |given| {
        geo.resolve(given)
            .map(|a| (a.code.to_string(), a.name.clone()))
            .map_err(|e| e.to_string())
    });
    let share = number(row, "share").filter(|share| {
        let fits = *share > 0.0 && *share <= 1.0;
        if !fits {
            let given = row.text("share").to_string();
            row.problem(
                "share",
                format!("'{given}' must be more than 0 and at most 1"),
            );
        }
        fits
    });
    let mut figures = PractitionerFigures::default();
    let idva = RoleFigures {
        people: number(row, "idva_people").unwrap_or_default(),
        fte: number(row, "idva_fte").unwrap_or_default(),
    };
    figures.roles.insert(Role::Idva, idva);
    // Every role but the Idva's (given with its head count above) is given by FTE alone.
    for role in Role::ALL.into_iter().filter(|r| *r != Role::Idva) {
        let fte = number(row, &format!("{}_fte", role.id())).unwrap_or_default();
        if fte > 0.0 {
            figures.roles.insert(role, RoleFigures { people: 0.0, fte });
        }
    }
    figures.idva_high_risk_fte = number(row, "idva_high_risk_fte").unwrap_or_default();
    if figures.idva_high_risk_fte > figures.role("idva").fte + 1e-9 {
        row.problem("idva_high_risk_fte", "cannot be more than idva_fte");
    }
    figures.volunteers = number(row, "volunteers").unwrap_or_default();
    let source = row.text("source").to_string();
    if source.is_empty() {
        row.problem("source", "say where the figures came from, e.g. survey");
    }
    let (area, pfa) = area?;
    Some(AreaRow {
        line: row.line(),
        service: service?,
        pfa,
        area,
        share: share?,
        figures,
        source,
    })
}

/// A number of 0 or more; an empty cell is 0.
fn number(row: &mut Row<'_>, column: &str) -> Option<f64> {
    row.check(column, |raw| {
        if raw.is_empty() {
            return Ok(0.0);
        }
        raw.parse::<f64>()
            .ok()
            .filter(|v| v.is_finite() && *v >= 0.0)
            .ok_or_else(|| format!("'{raw}' is not a number of 0 or more"))
    })
}

/// Stores the returns in the cycle (created, closed, if new) in one transaction.
pub fn import(
    platform: &Platform,
    conn: &mut DbConnection,
    year: i32,
    returns: &[ServiceReturn],
    actor: &str,
) -> AppResult<usize> {
    let def = platform.catalogue.get("practitioner-survey-2017")?;
    frontline_store::db::transaction(conn, |conn| -> AppResult<usize> {
        let cycle = match cycles::by_year(conn, year) {
            Ok(c) => c,
            Err(StoreError::NotFound(_)) => cycles::create(
                conn,
                &cycles::NewCycle {
                    year,
                    title: &format!("Practitioner survey {year}"),
                    schema_id: &def.id,
                    opens_on: &format!("{year}-09-01"),
                    closes_on: &format!("{year}-09-30"),
                    status: CycleStatus::Closed,
                },
            )?,
            Err(e) => return Err(e.into()),
        };
        super::freeze::ensure_not_frozen(&cycle)?;
        let carried_now: Vec<i32> = carried::for_cycle(conn, cycle.id)?
            .into_iter()
            .map(|(id, ..)| id)
            .collect();
        for r in returns {
            let areas: Vec<String> = r.figures.area_shares.keys().cloned().collect();
            let (service_id, _) = services::find_or_create(conn, &r.service, &r.service, &areas)?;
            if responses::find(conn, cycle.id, service_id)?.is_some()
                || carried_now.contains(&service_id)
            {
                return Err(AppError::invalid(
                    format!("line {}, service", r.line),
                    format!(
                        "'{}' already has figures in {year}; nothing was imported",
                        r.service
                    ),
                ));
            }
            if r.source.eq_ignore_ascii_case("survey") {
                let answers = answers_for(&r.figures).to_json();
                responses::insert(
                    conn,
                    responses::NewResponse {
                        cycle_id: cycle.id,
                        service_id,
                        schema_version: &schema_ref(def),
                        channel: Channel::Import,
                        outcome: Outcome::Answered,
                        answers: NewAnswers::Submitted(SubmittedAnswers::read(def, &answers)?),
                    },
                )?;
            } else {
                let kind = if r.source.to_lowercase().contains("survey") {
                    CarriedKind::RolledForward
                } else {
                    CarriedKind::ThirdParty
                };
                carried::insert(
                    conn,
                    carried::NewCarried {
                        cycle_id: cycle.id,
                        service_id,
                        kind,
                        source: &r.source,
                        original_cycle_year: year_in(&r.source),
                        figures: &r.figures,
                        created_by: actor,
                    },
                )?;
            }
        }
        audit::record(
            conn,
            audit::Change {
                actor,
                action: "estimate.imported",
                entity: "cycle",
                entity_id: year.to_string(),
                after: Some(format!("{} services", returns.len())),
                ..Default::default()
            },
        )?;
        Ok(returns.len())
    })
}

/// Answers under the 2017 survey that carry exactly these figures.
fn answers_for(f: &PractitionerFigures) -> Answers {
    let mut a = Answers::new();
    let employs = !f.roles.is_empty();
    a.set(
        "employs_practitioners",
        json!(if employs { "yes" } else { "no" }),
    );
    let grid: serde_json::Map<String, serde_json::Value> = f
        .roles
        .iter()
        .map(|(role, r)| {
            (
                role.id().to_string(),
                json!({"people": r.people, "fte": r.fte}),
            )
        })
        .collect();
    a.set("roles", serde_json::Value::Object(grid));
    a.set("idva_high_risk_fte", json!(f.idva_high_risk_fte));
    a.set("volunteers", json!(f.volunteers));
    let shares: serde_json::Map<String, serde_json::Value> = f
        .area_shares
        .iter()
        .map(|(code, share)| (code.clone(), json!(share * 100.0)))
        .collect();
    a.set("areas", serde_json::Value::Object(shares));
    a
}

/// A four-digit year in text such as "2016 survey results".
fn year_in(text: &str) -> Option<i32> {
    text.split(|c: char| !c.is_ascii_digit())
        .find(|w| w.len() == 4)
        .and_then(|w| w.parse().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "service,pfa,share,idva_people,idva_fte,idva_high_risk_fte,outreach_fte,refuge_fte,isva_fte,ypva_fte,children_fte,perpetrator_fte,other_fte,volunteers,source\n";

    #[test]
    fn a_service_over_two_areas_is_one_return() {
        let text = format!("{HEADER}Dales Idva,Cumbria,0.6,3,2.5,2,1,,,,,,,4,survey\nDales Idva,Lancashire,0.4,3,2.5,2,1,,,,,,,4,survey\n");
        let returns = parse(&Geography::reference(), "r.csv", &text).unwrap();
        assert_eq!(returns.len(), 1);
        assert_eq!(returns[0].figures.area_shares.len(), 2);
        assert_eq!(returns[0].figures.role("idva").fte, 2.5);
        assert_eq!(year_in("2016 survey results"), Some(2016));
    }

    #[test]
    fn shares_must_add_up_and_bad_fields_are_named() {
        let geo = Geography::reference();
        let text = format!("{HEADER}A,Kent,0.5,1,1,1,,,,,,,,,survey\n");
        let err = parse(&geo, "r.csv", &text).unwrap_err().to_string();
        assert!(
            err.contains("line 2, share") && err.contains("0.500"),
            "{err}"
        );
        let text = format!("{HEADER}A,Kent,1,1,lots,1,,,,,,,,,survey\n");
        let err = parse(&geo, "r.csv", &text).unwrap_err().to_string();
        assert!(
            err.contains("line 2, idva_fte") && err.contains("lots"),
            "{err}"
        );
    }
}
