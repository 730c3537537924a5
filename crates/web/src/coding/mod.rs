//! Qualitative coding of a cycle's open answers — its practitioner survey's, its wave's other
//! instruments' and survivors' own words of its year (feedback and consultations) — which
//! questions are open, segmenting answers into comments, the double-coding
//! sample, agreement, findings, redaction and exports. The statistics and formats are the
//! `frontline-qualitative` crate's; this is the glue to the store.

pub mod agreement;
pub mod codebook;
pub mod export;
pub mod findings;
pub mod quotes;
pub mod recut;
pub mod redaction;
pub mod sample;
pub mod segmenting;
pub mod survivors;
pub mod workbench;

use crate::db::DbConnection;
use crate::error::{AppError, AppResult};
use crate::store::cycles::Cycle;
use crate::store::instruments::{self, InstrumentResponse};
use crate::store::responses::Response;
use crate::Platform;
use frontline_voice::feedback::FreeText;
use serde::Serialize;
use survey_engine::SurveyDefinition;

/// Refuses any change to a cycle's coding — codes, undo, agreed codes, splitting answers,
/// stars, quote decisions, the double-coding sample and codebooks — once the cycle is frozen.
/// Every release is built from a frozen cycle, so a released one is refused too; a correction
/// is the project's re-open (by an admin, with a reason, audited) → fix → freeze → release.
/// Every coding write calls this first.
pub fn ensure_changeable(cycle: &Cycle) -> AppResult<()> {
    if cycle.is_frozen() {
        return Err(AppError::Closed(format!(
            "the {} cycle is frozen, so its coding (codes, comments, quotes and codebooks) can no longer be changed; an admin must re-open it first",
            cycle.year
        )));
    }
    Ok(())
}

/// An open question of a cycle's survey, of one of its wave's instruments, or the survivors'
/// own words of its year: their feedback's free text and consultations' transcripts.
#[derive(Debug, Clone, Serialize)]
pub struct OpenQuestion {
    /// The question's id in the practitioner survey, `INSTRUMENT:QUESTION` for another
    /// instrument's, `survivors-feedback:FIELD` or `survivors-consultations:transcripts` (see
    /// [`crate::store::comments::Source`]: the id says which rows its comments' response ids name).
    pub id: String,
    pub label: String,
    /// For file names: `biggest-difference`.
    pub slug: String,
    /// Where the answers to it are kept.
    #[serde(skip)]
    pub source: TextSource,
    /// Its id within the definition that asks it.
    pub asked_as: String,
}

/// Where a question's answers are kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextSource {
    /// The cycle's practitioner survey.
    Survey,
    /// One of the wave's other instruments.
    Instrument(String),
    /// Survivors' feedback received in the cycle's year (see [`survivors::year_of`]).
    Feedback(FreeText),
    /// Transcripts and notes of consultations held in the cycle's year.
    Transcripts,
}

impl TextSource {
    /// Whether a practitioner-survey question (its answers a service's, with its areas).
    pub fn is_survey(&self) -> bool {
        *self == TextSource::Survey
    }

    /// Whether survivors' own words (feedback or a consultation), not a survey's respondent's.
    pub fn is_survivors(&self) -> bool {
        matches!(self, TextSource::Feedback(_) | TextSource::Transcripts)
    }
}

/// The survey definition a cycle is run under.
pub fn definition<'a>(platform: &'a Platform, cycle: &Cycle) -> AppResult<&'a SurveyDefinition> {
    Ok(platform.catalogue.get(&cycle.schema_id)?)
}

/// The cycle's open questions: the practitioner survey's in its order, then each instrument's.
pub fn open_questions(
    platform: &Platform,
    conn: &mut DbConnection,
    cycle: &Cycle,
) -> AppResult<Vec<OpenQuestion>> {
    let def = definition(platform, cycle)?;
    let mut out: Vec<OpenQuestion> = def
        .figures
        .open_questions
        .iter()
        .filter_map(|id| def.question(id))
        .map(|q| OpenQuestion {
            id: q.id.clone(),
            label: q.label.clone(),
            slug: q.id.replace('_', "-"),
            source: TextSource::Survey,
            asked_as: q.id.clone(),
        })
        .collect();
    for wave in instruments::of_wave(conn, cycle.id)? {
        let def = platform.catalogue.get(&wave.instrument)?;
        out.extend(
            def.figures
                .open_questions
                .iter()
                .filter_map(|id| def.question(id))
                .map(|q| OpenQuestion {
                    id: format!("{}:{}", wave.instrument, q.id),
                    label: format!("{}: {}", wave.group_name, q.label),
                    slug: format!("{}-{}", wave.instrument, q.id.replace('_', "-")),
                    source: TextSource::Instrument(wave.instrument.clone()),
                    asked_as: q.id.clone(),
                }),
        );
    }
    out.extend(survivors::questions(conn, cycle)?);
    Ok(out)
}

/// One open question of the cycle, or a clear error naming it.
pub fn open_question(
    platform: &Platform,
    conn: &mut DbConnection,
    cycle: &Cycle,
    id: &str,
) -> AppResult<OpenQuestion> {
    open_questions(platform, conn, cycle)?
        .into_iter()
        .find(|q| q.id == id)
        .ok_or_else(|| {
            AppError::NotFound(format!(
                "'{id}' is not an open question of the {} survey",
                cycle.year
            ))
        })
}

/// A submitted response's answer to a question, as text (blank answers are none).
pub fn answer_text(response: &Response, question: &str) -> Option<String> {
    text_in(response.submitted_answers.as_deref()?, question)
}

/// The answer to `question` in a response's submitted answers (JSON), as coders see it.
pub fn submitted_text(submitted_answers: &str, question: &str) -> Option<String> {
    text_in(submitted_answers, question)
}

/// A submitted instrument response's answer to a question, as text.
pub fn instrument_answer_text(response: &InstrumentResponse, question: &str) -> Option<String> {
    response
        .is_submitted()
        .then(|| text_in(&response.answers, question))
        .flatten()
}

fn text_in(answers: &str, question: &str) -> Option<String> {
    let value: serde_json::Value = serde_json::from_str(answers).ok()?;
    let text = value.get(question)?.as_str()?.trim_end();
    (!text.trim().is_empty()).then(|| text.to_string())
}
