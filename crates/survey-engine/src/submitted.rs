//! Answers as submitted, with the practitioner figures read from them once: a submission stores
//! both, so a cycle's estimates read small typed figures instead of reading every answer again.
//! Figures stored under a key other than the definition's (another figure map, or figures read
//! differently since) are not used: the answers are read again.

use crate::answers::Answers;
use crate::definition::{FigureMap, SurveyDefinition};
use crate::error::SurveyError;
use crate::figures::PractitionerFigures;
use sha2::{Digest, Sha256};

/// How [`PractitionerFigures::from_answers`] reads answers. Raise it whenever the same answers
/// would give other figures, so that every figure stored before is read again from its answers
/// (`reading_figures_from_answers_is_unchanged` below fails until it is raised).
pub const FIGURES_READING: u32 = 1;

/// The key figures read under `map` are stored under: the reading and a digest of the map.
pub fn figures_key(map: &FigureMap) -> String {
    let map = serde_json::to_vec(map).unwrap_or_default();
    let digest = Sha256::digest(&map);
    let hex: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
    format!("{FIGURES_READING}-{hex}")
}

/// Answers being submitted (the text as it is stored) with the figures read from them under
/// their definition. Made only by [`SubmittedAnswers::read`], so the figures stored are always
/// those of the text stored beside them.
#[derive(Debug, Clone)]
pub struct SubmittedAnswers<'a> {
    text: &'a str,
    figures: String,
    key: &'a str,
}

impl<'a> SubmittedAnswers<'a> {
    /// Reads the figures of `text` under `def`.
    pub fn read(def: &'a SurveyDefinition, text: &'a str) -> Result<Self, SurveyError> {
        let answers = Answers::from_json(text)?;
        let figures = PractitionerFigures::from_answers(def, &answers);
        let figures = serde_json::to_string(&figures)
            .map_err(|e| SurveyError::BadAnswers(format!("figures not written: {e}")))?;
        Ok(SubmittedAnswers {
            text,
            figures,
            key: def.figures_key(),
        })
    }

    /// The answers as submitted.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// The figures read from them, as stored.
    pub fn figures(&self) -> &str {
        &self.figures
    }

    /// The key the figures were read under.
    pub fn key(&self) -> &'a str {
        self.key
    }
}

/// Figures stored at submission under `key`, if they were read as `def` reads figures now;
/// none means the answers must be read again.
pub fn stored_figures(
    def: &SurveyDefinition,
    key: &str,
    figures: &str,
) -> Option<PractitionerFigures> {
    if key != def.figures_key() {
        return None;
    }
    serde_json::from_str(figures).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn survey_2017() -> SurveyDefinition {
        let text = include_str!("../../../survey-schemas/practitioner-survey-2017.json");
        SurveyDefinition::from_json("practitioner-survey-2017.json", text).expect("definition")
    }

    const ANSWERS: &str = r#"{"employs_practitioners":"yes","roles":{"idva":{"people":3,"fte":2.5},"isva":{"people":1,"fte":0.4}},"idva_high_risk_fte":2,"idva_cases":"both","idva_locations":["police","health_ae"],"volunteers":4,"areas":{"E23000032":60,"E23000033":40}}"#;

    /// Fails when the same answers give other figures: raise [`FIGURES_READING`] (so figures
    /// stored before are read again), then write the new figures here.
    #[test]
    fn reading_figures_from_answers_is_unchanged() {
        let def = survey_2017();
        let read = SubmittedAnswers::read(&def, ANSWERS).expect("answers read");
        assert_eq!(
            (FIGURES_READING, read.figures()),
            (
                1,
                r#"{"roles":{"idva":{"people":3.0,"fte":2.5},"isva":{"people":1.0,"fte":0.4}},"idva_high_risk_fte":2.0,"idva_cases":"both","idva_locations":["police","health_ae"],"volunteers":4.0,"area_shares":{"E23000032":0.6,"E23000033":0.4}}"#
            ),
            "the figures read from these answers changed: raise FIGURES_READING"
        );
    }

    #[test]
    fn stored_figures_are_those_of_the_text_and_used_only_under_the_same_key() {
        let def = survey_2017();
        let read = SubmittedAnswers::read(&def, ANSWERS).expect("answers read");
        assert_eq!(read.text(), ANSWERS);
        let answers = Answers::from_json(ANSWERS).expect("answers");
        let direct = PractitionerFigures::from_answers(&def, &answers);
        assert_eq!(
            stored_figures(&def, read.key(), read.figures()),
            Some(direct)
        );
        let mut other_map = def.figures.clone();
        other_map.volunteers = None;
        assert_ne!(figures_key(&other_map), def.figures_key());
        assert_eq!(
            stored_figures(&def, &figures_key(&other_map), read.figures()),
            None
        );
        assert_eq!(stored_figures(&def, "", read.figures()), None);
        assert!(SubmittedAnswers::read(&def, "[1]").is_err());
    }
}
