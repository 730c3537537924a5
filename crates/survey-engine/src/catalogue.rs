//! All survey definitions known to the platform, by id; several versions load side by side.
//! Question-bank files (`*.bank.json`) are read first, so instruments can include their
//! questions.

use crate::bank::QuestionBank;
use crate::definition::SurveyDefinition;
use crate::error::SurveyError;
use std::collections::BTreeMap;
use std::path::Path;

#[derive(Debug, Clone, Default)]
pub struct Catalogue {
    surveys: BTreeMap<String, SurveyDefinition>,
}

impl Catalogue {
    /// Loads every `*.json` definition in `folder` except the format's own JSON Schema.
    pub fn load_folder(folder: &Path) -> Result<Self, SurveyError> {
        let bad = |problem: String| SurveyError::BadDefinition {
            file: folder.display().to_string(),
            problem,
        };
        let mut files: Vec<_> = std::fs::read_dir(folder)
            .map_err(|e| bad(e.to_string()))?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .filter(|p| !p.to_string_lossy().ends_with(".schema.json"))
            .collect();
        files.sort();
        let mut sources = Vec::new();
        for path in files {
            let text = std::fs::read_to_string(&path).map_err(|e| bad(e.to_string()))?;
            sources.push((path.display().to_string(), text));
        }
        Self::from_sources(sources.iter().map(|(f, t)| (f.as_str(), t.as_str())))
    }

    /// Builds a catalogue from `(file name, text)` pairs, e.g. definitions embedded in a binary.
    pub fn from_sources<'a>(
        sources: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Self, SurveyError> {
        let (banks, surveys): (Vec<_>, Vec<_>) = sources
            .into_iter()
            .partition(|(file, _)| file.ends_with(".bank.json"));
        let mut bank = QuestionBank::default();
        for (file, text) in banks {
            bank.add_file(file, text)?;
        }
        let mut catalogue = Self::default();
        for (file, text) in surveys {
            catalogue.add(bank.definition(file, text)?);
        }
        Ok(catalogue)
    }

    pub fn add(&mut self, definition: SurveyDefinition) {
        self.surveys.insert(definition.id.clone(), definition);
    }

    pub fn get(&self, id: &str) -> Result<&SurveyDefinition, SurveyError> {
        self.surveys
            .get(id)
            .ok_or_else(|| SurveyError::UnknownSurvey(id.to_string()))
    }

    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.surveys.keys().map(String::as_str)
    }
}
