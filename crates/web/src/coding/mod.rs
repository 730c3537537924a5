//! Qualitative coding of a cycle's open answers: which questions are open, segmenting answers
//! into comments, the double-coding sample, agreement, findings, redaction and exports. The
//! statistics and formats are the `frontline-qualitative` crate's; this is the glue to the store.

pub mod agreement;
pub mod codebook;
pub mod export;
pub mod findings;
pub mod quotes;
pub mod redaction;
pub mod sample;
pub mod segmenting;
pub mod workbench;

use crate::bootstrap::Platform;
use crate::error::{AppError, AppResult};
use crate::store::cycles::Cycle;
use crate::store::responses::Response;
use serde::Serialize;
use survey_engine::SurveyDefinition;

/// An open question of a cycle's survey.
#[derive(Debug, Clone, Serialize)]
pub struct OpenQuestion {
    pub id: String,
    pub label: String,
    /// For file names: `biggest-difference`.
    pub slug: String,
}

/// The survey definition a cycle is run under.
pub fn definition<'a>(platform: &'a Platform, cycle: &Cycle) -> AppResult<&'a SurveyDefinition> {
    Ok(platform.catalogue.get(&cycle.schema_id)?)
}

/// The cycle's open questions, in the survey's order.
pub fn open_questions(platform: &Platform, cycle: &Cycle) -> AppResult<Vec<OpenQuestion>> {
    let def = definition(platform, cycle)?;
    Ok(def
        .figures
        .open_questions
        .iter()
        .filter_map(|id| def.question(id))
        .map(|q| OpenQuestion {
            id: q.id.clone(),
            label: q.label.clone(),
            slug: q.id.replace('_', "-"),
        })
        .collect())
}

/// One open question of the cycle, or a clear error naming it.
pub fn open_question(platform: &Platform, cycle: &Cycle, id: &str) -> AppResult<OpenQuestion> {
    open_questions(platform, cycle)?
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
    let answers = response.submitted_answers.as_deref()?;
    let value: serde_json::Value = serde_json::from_str(answers).ok()?;
    let text = value.get(question)?.as_str()?.trim_end();
    (!text.trim().is_empty()).then(|| text.to_string())
}
