//! Periodic provider returns on the VFS core metrics, glued to storage and mail: programmes and
//! their periods, requests by mail, answering by link, imports and exports, tracking and views.
//! The metrics, checks and sums are the `frontline-returns` crate's.

pub mod answering;
pub mod export;
pub mod import;
pub mod requests;
pub mod tracking;
pub mod views;

use crate::error::AppResult;
use frontline_returns::metrics::all_columns;
use frontline_returns::ReturnFigures;
use serde_json::Value;
use survey_engine::Answers;

/// The figures in a return's answers (question ids are the metric columns).
pub fn figures_of(answers: &Answers) -> ReturnFigures {
    let cells: Vec<(&str, String)> = all_columns()
        .filter_map(|c| {
            let text = match answers.get(c)? {
                Value::Number(n) => n.to_string(),
                Value::String(s) => s.clone(),
                _ => return None,
            };
            Some((c, text))
        })
        .collect();
    // Answers passed the survey's own checks, so numbers parse; anything else is left out.
    let mut figures = ReturnFigures::default();
    for (column, text) in &cells {
        if let Ok(one) = ReturnFigures::from_cells([(*column, text.as_str())]) {
            figures.counts.extend(one.counts);
            figures.waiting_weeks_median =
                figures.waiting_weeks_median.or(one.waiting_weeks_median);
        }
    }
    figures
}

/// The figures of stored answers JSON.
pub fn figures_of_json(json: &str) -> AppResult<ReturnFigures> {
    Ok(figures_of(&Answers::from_json(json)?))
}
