//! Survivors' own words as text sources for coding: the free text of feedback received in a
//! cycle's year, and the transcripts and notes of consultations held in it. A cycle's year runs
//! from the close of the cycle before it to its own close, so each response and transcript is
//! coded in exactly one cycle.

use super::{OpenQuestion, TextSource};
use crate::db::DbConnection;
use crate::error::{AppError, AppResult};
use crate::store::comments::{FEEDBACK_PREFIX, TRANSCRIPTS_QUESTION};
use crate::store::cycles::{self, Cycle};
use crate::store::feedback::{self, StoredFeedback};
use crate::store::transcripts::{self, Transcript};
use frontline_voice::feedback::FreeText;

/// A cycle's year: after `after` and up to `until` (`YYYY-MM-DD`), by day for consultations and
/// by month for feedback (dated by month only).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Year {
    pub after: String,
    pub until: String,
}

impl Year {
    /// The first and last month (`YYYY-MM`) of feedback counted in the year.
    fn months(&self) -> (String, String) {
        (
            next_month(month_of(&self.after)),
            month_of(&self.until).to_string(),
        )
    }

    fn holds_month(&self, month: &str) -> bool {
        let (first, last) = self.months();
        first.as_str() <= month && month <= last.as_str()
    }

    fn holds_day(&self, day: &str) -> bool {
        self.after.as_str() < day && day <= self.until.as_str()
    }
}

/// The cycle's year: from the close of the cycle before it (by close date) to its own close, so
/// every day after the first cycle's close belongs to exactly one cycle; the first cycle's is
/// the 12 months to its close.
pub fn year_of(conn: &mut DbConnection, cycle: &Cycle) -> AppResult<Year> {
    year_among(&cycles::all(conn)?, cycle)
}

/// [`year_of`], among the cycles `all` already read.
fn year_among(all: &[Cycle], cycle: &Cycle) -> AppResult<Year> {
    let close = cycle.closes_on.as_str();
    let before = all
        .iter()
        .map(|c| c.closes_on.as_str())
        .filter(|c| *c < close)
        .max();
    let after = match before {
        Some(previous) => previous.to_string(),
        None => {
            let year: i32 = close.get(..4).and_then(|y| y.parse().ok()).ok_or_else(|| {
                AppError::Task(format!("the {} cycle's close date '{close}'", cycle.year))
            })?;
            format!("{}{}", year - 1, close.get(4..).unwrap_or_default())
        }
    };
    Ok(Year {
        after,
        until: close.to_string(),
    })
}

/// Every cycle with its year, the cycles read once.
pub fn years(conn: &mut DbConnection) -> AppResult<Vec<(Cycle, Year)>> {
    let all = cycles::all(conn)?;
    all.iter()
        .map(|c| Ok((c.clone(), year_among(&all, c)?)))
        .collect()
}

/// The cycle among `years` whose year holds the day `day` (`YYYY-MM-DD`), if any.
pub fn holding<'y>(years: &'y [(Cycle, Year)], day: &str) -> Option<&'y Cycle> {
    years
        .iter()
        .find(|(_, year)| year.holds_day(day))
        .map(|(cycle, _)| cycle)
}

/// The month (`YYYY-MM`) of a day (`YYYY-MM-DD`).
fn month_of(day: &str) -> &str {
    day.get(..7).unwrap_or(day)
}

/// The month after `month` (`YYYY-MM`).
fn next_month(month: &str) -> String {
    let year: i32 = month.get(..4).and_then(|y| y.parse().ok()).unwrap_or(0);
    let m: u32 = month.get(5..7).and_then(|m| m.parse().ok()).unwrap_or(12);
    if m >= 12 {
        format!("{}-01", year + 1)
    } else {
        format!("{year}-{:02}", m + 1)
    }
}

/// The question id of a feedback field.
pub fn feedback_question(text: FreeText) -> String {
    format!("{FEEDBACK_PREFIX}{}", text.code())
}

/// The cycle's questions of survivors' words: each feedback field anyone answered in its year,
/// then consultations' transcripts where any consultation of its year has one.
pub fn questions(conn: &mut DbConnection, cycle: &Cycle) -> AppResult<Vec<OpenQuestion>> {
    let year = year_of(conn, cycle)?;
    let feedback = feedback_of(conn, &year)?;
    let mut out: Vec<OpenQuestion> = FreeText::ALL
        .into_iter()
        .filter(|t| feedback.iter().any(|f| t.of(&f.feedback).is_some()))
        .map(|t| OpenQuestion {
            id: feedback_question(t),
            label: t.label().to_string(),
            slug: format!("survivors-feedback-{}", t.code()),
            source: TextSource::Feedback(t),
            asked_as: t.code().to_string(),
        })
        .collect();
    if transcripts::any_held_in(conn, &year.after, &year.until)? {
        out.push(OpenQuestion {
            id: TRANSCRIPTS_QUESTION.to_string(),
            label: "Consultations with survivors: transcripts and notes".to_string(),
            slug: "survivors-consultations".to_string(),
            source: TextSource::Transcripts,
            asked_as: "transcript".to_string(),
        });
    }
    Ok(out)
}

fn feedback_of(conn: &mut DbConnection, year: &Year) -> AppResult<Vec<StoredFeedback>> {
    let (first, last) = year.months();
    Ok(feedback::in_months(conn, &first, &last)?)
}

/// The feedback of the cycle's year that answered `text`: response id and the answer.
pub fn feedback_answers(
    conn: &mut DbConnection,
    cycle: &Cycle,
    text: FreeText,
) -> AppResult<Vec<(i32, String)>> {
    let year = year_of(conn, cycle)?;
    Ok(feedback_of(conn, &year)?
        .into_iter()
        .filter_map(|f| Some((f.id, text.of(&f.feedback)?.to_string())))
        .collect())
}

/// The service each feedback response of the cycle's year was about, by response id.
pub fn feedback_services(
    conn: &mut DbConnection,
    cycle: &Cycle,
) -> AppResult<std::collections::BTreeMap<i32, i32>> {
    let year = year_of(conn, cycle)?;
    Ok(feedback_of(conn, &year)?
        .into_iter()
        .map(|f| (f.id, f.service_id))
        .collect())
}

/// The transcripts of the cycle's year: transcript id and text.
pub fn transcript_answers(conn: &mut DbConnection, cycle: &Cycle) -> AppResult<Vec<(i32, String)>> {
    let year = year_of(conn, cycle)?;
    Ok(transcripts::held_in(conn, &year.after, &year.until)?
        .into_iter()
        .map(|t| (t.id, t.body))
        .collect())
}

/// Feedback response `id`'s answer to `text`, checked to be of the cycle's year.
pub fn feedback_answer(
    conn: &mut DbConnection,
    cycle: &Cycle,
    id: i32,
    text: FreeText,
) -> AppResult<String> {
    let f = feedback::response(conn, id)?;
    if !year_of(conn, cycle)?.holds_month(&f.month) {
        return Err(AppError::NotFound(format!(
            "feedback response {id} is not of the {} cycle's year",
            cycle.year
        )));
    }
    text.of(&f.feedback).map(str::to_string).ok_or_else(|| {
        AppError::NotFound(format!(
            "feedback response {id} has no answer to {}",
            text.code()
        ))
    })
}

/// Transcript `id`, checked to be of a consultation held in the cycle's year.
pub fn transcript(conn: &mut DbConnection, cycle: &Cycle, id: i32) -> AppResult<Transcript> {
    let t = transcripts::by_id(conn, id)?;
    if !year_of(conn, cycle)?.holds_day(&t.held_on) {
        return Err(AppError::NotFound(format!(
            "transcript {id} is not of a consultation held in the {} cycle's year",
            cycle.year
        )));
    }
    Ok(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn year(after: &str, until: &str) -> Year {
        Year {
            after: after.into(),
            until: until.into(),
        }
    }

    #[test]
    fn a_cycles_year_holds_the_months_and_days_after_the_last_close_up_to_its_own() {
        let y = year("2017-10-31", "2018-10-31");
        assert!(!y.holds_month("2017-10"));
        assert!(y.holds_month("2017-11"));
        assert!(y.holds_month("2018-10"));
        assert!(!y.holds_month("2018-11"));
        assert!(!y.holds_day("2017-10-31"));
        assert!(y.holds_day("2017-11-01"));
        assert!(y.holds_day("2018-10-31"));
        assert!(!y.holds_day("2018-11-01"));
        let december = year("2016-12-15", "2017-12-15");
        assert_eq!(december.months(), ("2017-01".into(), "2017-12".into()));
    }
}
