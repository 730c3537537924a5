//! Importing a programme's grants from `service,grant_ref,start,end,annual_amount,kpi_metric,
//! kpi_rule,kpi_target[,notice_months]`: every row checked before anything is stored; a service
//! must be one of the programme's (and, for a PCC office, work in its areas). A grant already
//! recorded may be replaced only by its own commissioners, for the same service, under exactly
//! its reference. A new grant is held in the importer's area (the survey team's: the service's
//! first).

use super::sees;
use crate::access::Scope;
use crate::db::DbConnection;
use crate::error::AppResult;
use crate::store::grants::{self, Imported, NewGrant, StoredGrant};
use crate::store::{programmes, services};
use frontline_grants::{GrantTerms, GrantsError};

/// What an import did: stored everything, or refused it with every problem.
pub enum Outcome {
    Imported(Imported),
    Refused(Vec<String>),
}

/// Reads and stores `text` as the programme's grants, audited as `actor`'s.
pub fn import(
    conn: &mut DbConnection,
    geo: &frontline_geo::Geography,
    programme: &str,
    text: &str,
    scope: &Scope,
    actor: &str,
) -> AppResult<Outcome> {
    let found = programmes::by_id(conn, programme)?;
    let funded = programmes::service_ids(conn, &found.id)?;
    let known = services::all(conn)?;
    let resolve = |given: &str| -> Result<i32, String> {
        let id = match given.parse::<i32>() {
            Ok(id) if known.iter().any(|s| s.id == id) => id,
            Ok(_) => return Err(format!("no service has the id {given}")),
            Err(_) => services::named(&known, given)?,
        };
        if !funded.contains(&id) {
            return Err(format!(
                "'{given}' is not a service of the programme {} (add it to the programme first)",
                found.id
            ));
        }
        if !known.iter().any(|s| s.id == id && sees(scope, s)) {
            return Err(format!("'{given}' does not work in your areas"));
        }
        Ok(id)
    };
    let read = match frontline_grants::import::read_held(text, &resolve) {
        Ok(read) => read,
        Err(GrantsError::Refused(refused)) => return Ok(Outcome::Refused(problems(refused))),
        Err(other) => return Ok(Outcome::Refused(vec![other.to_string()])),
    };
    let existing = grants::for_programme(conn, &found.id)?;
    let mut refused = Vec::new();
    let mut held_in = Vec::new();
    for (g, named) in &read {
        match replaces(&existing, g, scope) {
            Err(problem) => refused.push(problem),
            Ok(Some(old)) => {
                if let Some(problem) = beyond_new_amount(conn, old, g)? {
                    refused.push(problem);
                }
                held_in.push(old.commissioned_in.clone());
            }
            Ok(None) => {
                let service = known.iter().find(|s| s.id == g.service_id);
                let areas = service.map_or(&[][..], |s| s.areas.as_slice());
                match holder(geo, areas, named.as_deref(), scope) {
                    Ok(area) => held_in.push(area),
                    Err(problem) => refused.push(format!("grant {}: {problem}", g.grant_ref)),
                }
            }
        }
    }
    if !refused.is_empty() {
        return Ok(Outcome::Refused(refused));
    }
    let given: Vec<NewGrant> = read
        .iter()
        .zip(&held_in)
        .map(|((terms, _), area)| NewGrant {
            terms,
            commissioned_in: area,
        })
        .collect();
    Ok(Outcome::Imported(grants::import(
        conn, &found.id, &given, actor,
    )?))
}

/// The police force area whose commissioner holds a new grant: the one `named`
/// (`commissioner_area`), which must be one of the service's areas the importer may see; else
/// the only such area; with several, the importer must say which.
fn holder(
    geo: &frontline_geo::Geography,
    areas: &[String],
    named: Option<&str>,
    scope: &Scope,
) -> Result<String, String> {
    let mine: Vec<&String> = areas.iter().filter(|a| scope.includes(a)).collect();
    match named {
        Some(given) => {
            let code = geo
                .find(given)
                .map(|a| a.code.to_string())
                .ok_or_else(|| format!("commissioner_area: '{given}' is not a police force area"))?;
            if mine.iter().any(|a| **a == code) {
                Ok(code)
            } else {
                Err(format!(
                    "commissioner_area: '{given}' is not one of the service's police force areas that you commission for"
                ))
            }
        }
        None => match mine.as_slice() {
            [only] => Ok((*only).clone()),
            [] => Err("the service works in none of your areas".into()),
            _ => Err("the service works in several police force areas: say whose grant it is in a commissioner_area column (an area's code or name)".into()),
        },
    }
}

/// The recorded grant `g` would replace, if any; refused when it differs only in case, belongs
/// to another commissioner, or funds another service.
fn replaces<'a>(
    existing: &'a [StoredGrant],
    g: &GrantTerms,
    scope: &Scope,
) -> Result<Option<&'a StoredGrant>, String> {
    let Some(old) = existing
        .iter()
        .find(|e| e.terms.grant_ref.eq_ignore_ascii_case(&g.grant_ref))
    else {
        return Ok(None);
    };
    let reference = &g.grant_ref;
    if old.terms.grant_ref != *reference {
        return Err(format!(
            "grant_ref: '{reference}' differs only in case from the grant {}: give its reference exactly to replace it, or a new one",
            old.terms.grant_ref
        ));
    }
    if !scope.includes(&old.commissioned_in) {
        return Err(format!(
            "grant_ref: {reference} is another commissioner's grant: give yours its own reference"
        ));
    }
    if old.terms.service_id != g.service_id {
        return Err(format!(
            "grant_ref: {reference} funds another service, and a grant's service cannot change: give the new agreement its own reference"
        ));
    }
    Ok(Some(old))
}

/// A replaced grant's new annual amount must still cover what was recorded against it: each
/// period's budget and spend, and what it passes on to partners.
fn beyond_new_amount(
    conn: &mut DbConnection,
    old: &StoredGrant,
    new: &GrantTerms,
) -> AppResult<Option<String>> {
    let most_spent = grants::finance::all_of(conn, &[old.id])?
        .into_values()
        .flat_map(|by_period| by_period.into_values())
        .map(|f| f.budget_pence.max(f.spend_pence))
        .max()
        .unwrap_or(0);
    let passed_on: i64 = grants::subcontracts::of_grants(conn, &[old.id])?
        .iter()
        .map(|(.., pence)| *pence)
        .fold(0, i64::saturating_add);
    let needed = most_spent.max(passed_on);
    Ok((new.annual_pence < needed).then(|| {
        format!(
            "annual_amount: grant {} already has {} recorded against it (a period's budget or spend, or what it passes on to partners): its annual amount cannot be less",
            new.grant_ref,
            survey_engine::money::display(needed)
        )
    }))
}

/// Each problem of a refused file, as a reader takes it in: problems with the header become one,
/// naming every column it lacks.
fn problems(refused: frontline_csv_import::Refused) -> Vec<String> {
    let (header, rows): (Vec<_>, Vec<_>) = refused.0.into_iter().partition(|p| p.line == 1);
    let mut out = Vec::new();
    let missing: Vec<String> = header
        .iter()
        .filter(|p| p.message.starts_with("the header has no"))
        .map(|p| p.field.clone())
        .collect();
    if !missing.is_empty() {
        out.push(format!(
            "line 1: the first line must name the columns {}{}; it lacks {} (is the file comma-separated?)",
            frontline_grants::import::COLUMNS.join(","),
            " (and optionally notice_months)",
            missing.join(", ")
        ));
    }
    let rest: Vec<String> = header
        .into_iter()
        .filter(|p| !p.message.starts_with("the header has no"))
        .chain(rows)
        .map(|p| p.to_string())
        .collect();
    // A screen reader reads every problem aloud: the first twenty say what to fix.
    let more = rest.len().saturating_sub(MOST_SHOWN);
    out.extend(rest.into_iter().take(MOST_SHOWN));
    if more > 0 {
        out.push(format!("and {more} more problems like these"));
    }
    out
}

/// How many problems a refusal lists.
const MOST_SHOWN: usize = 20;
