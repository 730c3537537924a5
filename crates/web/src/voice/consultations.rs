//! Consultations with survivors, recorded by the survey team (any area) or a PCC office (its own
//! areas only), and read back for the staff page and the packs.

use crate::access::{self, Scope};
use crate::coding::survivors;
use crate::db::DbConnection;
use crate::error::{AppError, AppResult};
use crate::store::accounts::Account;
use crate::store::clock;
use crate::store::consultations::{self, Recorded};
use crate::store::cycles::Cycle;
use crate::store::transcripts::{self, Transcript};
use crate::Platform;
use frontline_provision::stream::Day;
use frontline_voice::consultation::{Consultation, ConsultationForm};

const REFUSAL: &str = "consultations are recorded by the survey team and PCC offices";

/// The areas (code, name) `account` may record consultations for.
pub fn areas_for(
    platform: &Platform,
    conn: &mut DbConnection,
    account: &Account,
) -> AppResult<Vec<(String, String)>> {
    let scope = access::scope_of(conn, account, REFUSAL)?;
    Ok(platform
        .geography
        .areas()
        .iter()
        .filter(|a| scope.includes(&a.code))
        .map(|a| (a.code.to_string(), a.name.clone()))
        .collect())
}

/// Records the consultation `form` describes, for one of `account`'s areas.
pub fn record(
    platform: &Platform,
    conn: &mut DbConnection,
    account: &Account,
    form: &ConsultationForm,
) -> AppResult<i32> {
    let areas: Vec<String> = areas_for(platform, conn, account)?
        .into_iter()
        .map(|(code, _)| code)
        .collect();
    let today = Day::parse(&clock::today()).map_err(AppError::Task)?;
    let consultation = Consultation::parse(form, &areas, today).map_err(|problems| {
        let said: Vec<String> = problems
            .iter()
            .map(|p| format!("{}: {}", p.field, p.message))
            .collect();
        AppError::invalid("consultation", said.join("; "))
    })?;
    Ok(consultations::record(conn, &consultation, &account.email)?)
}

/// The consultations `account` may see, latest first.
pub fn visible_to(conn: &mut DbConnection, account: &Account) -> AppResult<Vec<Recorded>> {
    let scope = access::scope_of(conn, account, REFUSAL)?;
    let areas = match &scope {
        Scope::Everything => None,
        Scope::Areas(codes) => Some(codes.as_slice()),
    };
    Ok(consultations::held(
        conn,
        areas,
        "0000-01-01",
        "9999-12-31",
    )?)
}

/// Adds a transcript or notes to consultation `consultation_id`, which `account` must be able to
/// see (the team any, a PCC office its own areas'), unless the cycle whose year holds it is
/// frozen (its coding can no longer change); returns the transcript's id.
pub fn add_transcript(
    conn: &mut DbConnection,
    account: &Account,
    consultation_id: &str,
    title: &str,
    text: &str,
) -> AppResult<i32> {
    let id: i32 = consultation_id.trim().parse().map_err(|_| {
        AppError::invalid(
            "Consultation",
            "choose the consultation the transcript is of",
        )
    })?;
    let held_on = visible_to(conn, account)?
        .into_iter()
        .find(|r| r.id == id)
        .map(|r| r.consultation.held_on.to_string())
        .ok_or_else(|| {
            AppError::invalid(
                "Consultation",
                "choose one of the consultations listed on this page",
            )
        })?;
    refuse_if_frozen(conn, &held_on, "added to")?;
    Ok(transcripts::add(conn, id, title, text, &account.email)?)
}

/// Withdraws transcript `id` with `reason`, when `account` may see its consultation and the cycle
/// whose year holds it is not frozen.
pub fn withdraw_transcript(
    conn: &mut DbConnection,
    account: &Account,
    id: i32,
    reason: &str,
) -> AppResult<()> {
    let not_found = || AppError::NotFound(format!("transcript {id}"));
    let transcript = transcripts::by_id(conn, id).map_err(|_| not_found())?;
    if !visible_to(conn, account)?
        .iter()
        .any(|r| r.id == transcript.consultation_id)
    {
        return Err(not_found());
    }
    refuse_if_frozen(conn, &transcript.held_on, "withdrawn from")?;
    Ok(transcripts::withdraw(conn, id, &account.email, reason)?)
}

/// The consultations `account` may see that were held in a frozen cycle's year.
pub fn in_frozen_years(
    conn: &mut DbConnection,
    account: &Account,
) -> AppResult<std::collections::BTreeSet<i32>> {
    let years = survivors::years(conn)?;
    Ok(visible_to(conn, account)?
        .into_iter()
        .filter(|r| {
            survivors::holding(&years, &r.consultation.held_on.to_string())
                .is_some_and(Cycle::is_frozen)
        })
        .map(|r| r.id)
        .collect())
}

/// Refuses a change to the transcripts of a day held in a frozen cycle's year.
fn refuse_if_frozen(conn: &mut DbConnection, held_on: &str, change: &str) -> AppResult<()> {
    let years = survivors::years(conn)?;
    match survivors::holding(&years, held_on) {
        Some(cycle) if cycle.is_frozen() => Err(AppError::invalid(
            "Consultation",
            format!(
                "it was held in the {} cycle's year, which is frozen, so nothing can be {change} its coding; an admin must re-open the cycle first",
                cycle.year
            ),
        )),
        _ => Ok(()),
    }
}

/// The transcripts of the consultations `account` may see, by consultation id.
pub fn transcripts_visible_to(
    conn: &mut DbConnection,
    account: &Account,
) -> AppResult<std::collections::BTreeMap<i32, Vec<Transcript>>> {
    let ids: Vec<i32> = visible_to(conn, account)?.iter().map(|r| r.id).collect();
    let mut out: std::collections::BTreeMap<i32, Vec<Transcript>> = Default::default();
    for t in transcripts::of_consultations(conn, &ids)? {
        out.entry(t.consultation_id).or_default().push(t);
    }
    Ok(out)
}
