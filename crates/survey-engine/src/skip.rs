//! Skip logic: which questions a respondent is asked, given the answers so far.

use crate::answers::Answers;
use crate::definition::{Condition, Question, Section, SurveyDefinition};

/// Whether `question` is asked. A question whose condition depends on a skipped question is skipped too.
pub fn is_asked(def: &SurveyDefinition, answers: &Answers, question: &Question) -> bool {
    match &question.show_if {
        None => true,
        Some(condition) => {
            let parent_asked = def
                .question(&condition.question)
                .is_some_and(|parent| is_asked(def, answers, parent));
            parent_asked && holds(answers, condition)
        }
    }
}

fn holds(answers: &Answers, condition: &Condition) -> bool {
    let single = answers.choice(&condition.question);
    let multiple = answers.choices(&condition.question);
    condition
        .values()
        .any(|value| single == Some(value) || multiple.contains(&value))
}

/// The questions asked, in order.
pub fn asked<'a>(def: &'a SurveyDefinition, answers: &'a Answers) -> Vec<&'a Question> {
    def.questions()
        .filter(|q| is_asked(def, answers, q))
        .collect()
}

/// Whether any question of `section` is asked; a section with none is skipped entirely.
pub fn section_is_asked(def: &SurveyDefinition, answers: &Answers, section: &Section) -> bool {
    section.questions.iter().any(|q| is_asked(def, answers, q))
}

/// The next section after `current` that has a question to ask, if any.
pub fn next_section<'a>(
    def: &'a SurveyDefinition,
    answers: &Answers,
    current: &str,
) -> Option<&'a Section> {
    def.sections
        .iter()
        .skip_while(|s| s.id != current)
        .skip(1)
        .find(|s| section_is_asked(def, answers, s))
}
