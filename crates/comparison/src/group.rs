//! A respondent group (one instrument's submitted answers) and the questions groups share.

use survey_engine::definition::Question;
use survey_engine::{Answers, SurveyDefinition};

/// One group's answers, under the definition they were given under.
pub struct Group<'a> {
    /// What tables call the group, e.g. "SARCs".
    pub name: String,
    pub definition: &'a SurveyDefinition,
    pub answers: Vec<Answers>,
}

impl Group<'_> {
    /// The group's question that answers `key`: a bank reference (`id@version`) or, for a
    /// question of this instrument alone, its id.
    pub fn question(&self, key: &str) -> Option<&Question> {
        self.definition
            .questions()
            .find(|q| q.bank.as_deref() == Some(key))
            .or_else(|| self.definition.questions().find(|q| q.id == key))
    }
}

/// Bank questions (`id@version`) asked by at least two of `groups`, in the first asker's order:
/// the questions whose answers can be compared across groups. The same id at another version
/// is a different question.
pub fn shared_questions(groups: &[Group]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for g in groups {
        for q in g.definition.questions() {
            let Some(key) = q.bank.as_deref() else {
                continue;
            };
            let askers = groups
                .iter()
                .filter(|other| {
                    other
                        .definition
                        .questions()
                        .any(|o| o.bank.as_deref() == Some(key))
                })
                .count();
            if askers >= 2 && !out.iter().any(|k| k == key) {
                out.push(key.to_string());
            }
        }
    }
    out
}
