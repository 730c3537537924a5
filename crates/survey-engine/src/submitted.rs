//! Answers as submitted, with the practitioner figures read from them once: a submission stores
//! both, so a cycle's estimates read small typed figures instead of reading every answer again.
//! Figures stored under a key other than the definition's (another figure map, or figures read
//! differently since) are not used: the answers are read again.

use crate::answers::Answers;
use crate::definition::{FigureMap, SurveyDefinition};
use crate::error::SurveyError;
use crate::figures::PractitionerFigures;
use sha2::{Digest, Sha256};

/// How [`PractitionerFigures::from_answers`] reads answers (with [`Answers`]' readers and the
/// grid's cells). Raise it whenever the same answers would give other figures, so that every
/// figure stored before is read again from its answers (`reading_figures_from_answers_is_unchanged`
/// below fails until it is raised).
pub const FIGURES_READING: u32 = 1;

/// The key figures read under `def` are stored under: the reading and a digest of the questions
/// the figures are read from (not of the map's other entries, such as the open questions).
pub fn figures_key(def: &SurveyDefinition) -> &str {
    def.figures_key_memo().get_or_init(|| key_of(&def.figures))
}

fn key_of(map: &FigureMap) -> String {
    // Every entry of the map named, so that a new one does not compile until it is said
    // whether figures are read from it.
    let FigureMap {
        employs_practitioners,
        roles,
        idva_high_risk_fte,
        idva_cases,
        idva_locations,
        volunteers,
        areas,
        open_questions: _,
        respondent_group: _,
    } = map;
    let read_from = [
        employs_practitioners,
        roles,
        idva_high_risk_fte,
        idva_cases,
        idva_locations,
        volunteers,
        areas,
    ];
    let text = serde_json::to_vec(&read_from).unwrap_or_default();
    let digest = Sha256::digest(&text);
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
            key: figures_key(def),
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
    if key != figures_key(def) {
        return None;
    }
    serde_json::from_str(figures).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn survey_2017() -> SurveyDefinition {
        let text = include_str!("../../../survey-schemas/practitioner-survey-2017.json");
        SurveyDefinition::from_json("practitioner-survey-2017.json", text).expect("definition")
    }

    const ANSWERS: &str = r#"{"employs_practitioners":"yes","roles":{"idva":{"people":3,"fte":2.5},"isva":{"people":1,"fte":0.4}},"idva_high_risk_fte":2,"idva_cases":"both","idva_locations":["police","health_ae"],"volunteers":4,"areas":{"E23000032":60,"E23000033":40}}"#;

    /// Answers as they come, each read as figures: every role, cells given as text or left
    /// blank, choices with an "other", decimal shares, a service employing no one.
    const READINGS: [(&str, &str); 5] = [
        (
            ANSWERS,
            r#"{"roles":{"idva":{"people":3.0,"fte":2.5},"isva":{"people":1.0,"fte":0.4}},"idva_high_risk_fte":2.0,"idva_cases":"both","idva_locations":["police","health_ae"],"volunteers":4.0,"area_shares":{"E23000032":0.6,"E23000033":0.4}}"#,
        ),
        (
            r#"{"roles":{"idva":{"people":"2","fte":" 1.5 "},"outreach":{"people":"","fte":null},"refuge":{"people":1,"fte":1},"isva":{"people":0,"fte":0},"ypva":{"people":1,"fte":0.5},"children":{"people":2,"fte":1.2},"perpetrator":{"people":1,"fte":0.3},"other":{"people":"x","fte":0.2}},"idva_cases":{"value":"marac","other":""},"idva_locations":{"values":["courts","other"],"other":"a hub"},"volunteers":"","areas":{"E23000032":46.13,"E23000033":53.87,"W15000002":0}}"#,
            r#"{"roles":{"idva":{"people":2.0,"fte":1.5},"refuge":{"people":1.0,"fte":1.0},"ypva":{"people":1.0,"fte":0.5},"children":{"people":2.0,"fte":1.2},"perpetrator":{"people":1.0,"fte":0.3},"other":{"people":0.0,"fte":0.2}},"idva_high_risk_fte":0.0,"idva_cases":"marac","idva_locations":["courts","other"],"volunteers":0.0,"area_shares":{"E23000032":0.46130000000000004,"E23000033":0.5387}}"#,
        ),
        (
            r#"{"employs_practitioners":"no","roles":{"idva":{"people":3,"fte":2.5}},"areas":{"E23000032":100}}"#,
            r#"{"roles":{},"idva_high_risk_fte":0.0,"idva_cases":null,"idva_locations":[],"volunteers":0.0,"area_shares":{"E23000032":1.0}}"#,
        ),
        (
            r#"{"employs_practitioners":{"value":"yes"},"roles":{"idva":{"fte":0.75}},"idva_high_risk_fte":"0.5","areas":{}}"#,
            r#"{"roles":{"idva":{"people":0.0,"fte":0.75}},"idva_high_risk_fte":0.0,"idva_cases":null,"idva_locations":[],"volunteers":0.0,"area_shares":{}}"#,
        ),
        (
            "{}",
            r#"{"roles":{},"idva_high_risk_fte":0.0,"idva_cases":null,"idva_locations":[],"volunteers":0.0,"area_shares":{}}"#,
        ),
    ];

    /// Fails when the same answers give other figures: raise [`FIGURES_READING`] (so figures
    /// stored before are read again), then write the new figures here.
    #[test]
    fn reading_figures_from_answers_is_unchanged() {
        let def = survey_2017();
        for (answers, figures) in READINGS {
            let read = SubmittedAnswers::read(&def, answers).expect("answers read");
            assert_eq!(
                (FIGURES_READING, read.figures()),
                (1, figures),
                "the figures read from {answers} changed: raise FIGURES_READING"
            );
        }
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
        assert_ne!(key_of(&other_map), figures_key(&def));
        assert_eq!(
            stored_figures(&def, &key_of(&other_map), read.figures()),
            None
        );
        assert_eq!(stored_figures(&def, "", read.figures()), None);
        let mut open = def.figures.clone();
        open.open_questions.push("another".into());
        assert_eq!(
            key_of(&open),
            figures_key(&def),
            "the questions coded are not what figures are read from"
        );
        assert!(SubmittedAnswers::read(&def, "[1]").is_err());
    }

    proptest! {
        /// Figures stored and read back are the figures the answers give, to the last bit:
        /// shares of any decimal, FTE and counts however written.
        #[test]
        fn stored_figures_read_back_as_the_answers_give_them(
            shares in proptest::collection::vec(0u32..100_000, 1..4),
            decimals in 0u32..4,
            fte in proptest::num::f64::POSITIVE | proptest::num::f64::ZERO,
            people in 0u32..50,
            high_risk in 0.0f64..1_000.0,
            as_text in any::<bool>(),
        ) {
            let def = survey_2017();
            let codes = ["E23000032", "E23000033", "W15000002"];
            let scale = 10f64.powi(decimals as i32);
            let areas: serde_json::Map<String, serde_json::Value> = shares
                .iter()
                .zip(codes)
                .map(|(s, c)| (c.to_string(), serde_json::json!(f64::from(*s) / scale)))
                .collect();
            let fte_cell = if as_text { serde_json::json!(fte.to_string()) } else { serde_json::json!(fte) };
            let text = serde_json::json!({
                "roles": {"idva": {"people": people, "fte": fte_cell}},
                "idva_high_risk_fte": high_risk,
                "areas": areas,
            })
            .to_string();
            let read = SubmittedAnswers::read(&def, &text).expect("answers read");
            let direct = PractitionerFigures::from_answers(&def, &Answers::from_json(&text).expect("answers"));
            prop_assert_eq!(stored_figures(&def, read.key(), read.figures()), Some(direct));
        }
    }
}
