//! Survey cycles: one a year, with dates, status and need-model parameters.

use crate::clock;
use crate::clock::Timestamp;
use crate::db::schema::survey_cycles;
use crate::db::DbConnection;
use crate::error::{StoreError, StoreResult};
use crate::states::CycleStatus;
use diesel::prelude::*;
use frontline_disclosure::SuppressionRule;
use frontline_geo::need::NeedParameters;
use serde::Serialize;

#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = survey_cycles)]
pub struct Cycle {
    pub id: i32,
    pub year: i32,
    pub title: String,
    pub schema_id: String,
    pub opens_on: String,
    pub closes_on: String,
    pub status: CycleStatus,
    pub cases_per_idva: f64,
    pub high_risk_per_10k_women: f64,
    pub unseen_high_risk_uplift_fte: f64,
    pub created_at: Timestamp,
    /// Reminder dates, `YYYY-MM-DD`, comma-separated.
    pub reminder_dates: String,
    /// Counts of people from 1 to this less one are suppressed in every output.
    pub suppression_threshold: i32,
}

impl Cycle {
    /// Whether respondents can still answer.
    pub fn is_open(&self) -> bool {
        self.status == CycleStatus::Open
    }

    pub fn reminder_dates(&self) -> Vec<&str> {
        self.reminder_dates
            .split(',')
            .map(str::trim)
            .filter(|d| !d.is_empty())
            .collect()
    }

    /// The cycle's disclosure rule (checked by the database to be 1 to 100).
    pub fn suppression_rule(&self) -> SuppressionRule {
        u32::try_from(self.suppression_threshold)
            .ok()
            .and_then(|t| SuppressionRule::new(t).ok())
            .unwrap_or_default()
    }

    /// Estimates are frozen: read-only, ready to release.
    pub fn is_frozen(&self) -> bool {
        self.status == CycleStatus::Frozen
    }

    pub fn need_parameters(&self) -> NeedParameters {
        NeedParameters {
            cases_per_idva: self.cases_per_idva,
            high_risk_per_10k_women: self.high_risk_per_10k_women,
            unseen_high_risk_uplift_fte: self.unseen_high_risk_uplift_fte,
        }
    }
}

#[derive(Debug, Clone)]
pub struct NewCycle<'a> {
    pub year: i32,
    pub title: &'a str,
    pub schema_id: &'a str,
    pub opens_on: &'a str,
    pub closes_on: &'a str,
    pub status: CycleStatus,
}

pub fn create(conn: &mut DbConnection, new: &NewCycle<'_>) -> StoreResult<Cycle> {
    let defaults = NeedParameters::default();
    let id: i32 = diesel::insert_into(survey_cycles::table)
        .values((
            survey_cycles::year.eq(new.year),
            survey_cycles::title.eq(new.title),
            survey_cycles::schema_id.eq(new.schema_id),
            survey_cycles::opens_on.eq(new.opens_on),
            survey_cycles::closes_on.eq(new.closes_on),
            survey_cycles::status.eq(new.status),
            survey_cycles::cases_per_idva.eq(defaults.cases_per_idva),
            survey_cycles::high_risk_per_10k_women.eq(defaults.high_risk_per_10k_women),
            survey_cycles::unseen_high_risk_uplift_fte.eq(defaults.unseen_high_risk_uplift_fte),
            survey_cycles::created_at.eq(clock::now()),
        ))
        .returning(survey_cycles::id)
        .get_result(conn)?;
    by_id(conn, id)
}

pub fn by_id(conn: &mut DbConnection, id: i32) -> StoreResult<Cycle> {
    survey_cycles::table
        .find(id)
        .select(Cycle::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| StoreError::NotFound(format!("survey cycle #{id}")))
}

pub fn all(conn: &mut DbConnection) -> StoreResult<Vec<Cycle>> {
    Ok(survey_cycles::table
        .order(survey_cycles::year.desc())
        .select(Cycle::as_select())
        .load(conn)?)
}

pub fn by_year(conn: &mut DbConnection, year: i32) -> StoreResult<Cycle> {
    survey_cycles::table
        .filter(survey_cycles::year.eq(year))
        .select(Cycle::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| StoreError::NotFound(format!("survey cycle {year}")))
}

pub fn count(conn: &mut DbConnection) -> StoreResult<i64> {
    Ok(survey_cycles::table.count().get_result(conn)?)
}

pub fn set_status(conn: &mut DbConnection, id: i32, status: CycleStatus) -> StoreResult<()> {
    diesel::update(survey_cycles::table.find(id))
        .set(survey_cycles::status.eq(status))
        .execute(conn)?;
    Ok(())
}

pub fn set_suppression_threshold(
    conn: &mut DbConnection,
    id: i32,
    rule: SuppressionRule,
) -> StoreResult<()> {
    diesel::update(survey_cycles::table.find(id))
        .set(survey_cycles::suppression_threshold.eq(rule.threshold() as i32))
        .execute(conn)?;
    Ok(())
}

pub fn set_reminder_dates(conn: &mut DbConnection, id: i32, dates: &str) -> StoreResult<()> {
    diesel::update(survey_cycles::table.find(id))
        .set(survey_cycles::reminder_dates.eq(dates))
        .execute(conn)?;
    Ok(())
}

pub fn open_cycles(conn: &mut DbConnection) -> StoreResult<Vec<Cycle>> {
    Ok(survey_cycles::table
        .filter(survey_cycles::status.eq(CycleStatus::Open))
        .select(Cycle::as_select())
        .load(conn)?)
}
