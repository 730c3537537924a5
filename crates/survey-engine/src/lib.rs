//! The survey engine: versioned survey definitions, answers, skip logic, validation
//! and the practitioner figures a completed return yields. No HTTP, no SQL.

pub mod answers;
pub mod bank;
pub mod calendar;
pub mod catalogue;
pub mod codebook;
pub mod contact;
pub mod definition;
pub mod error;
pub mod export;
pub mod figures;
pub mod form;
pub mod money;
pub mod publicity;
pub mod skip;
pub mod submitted;
pub mod validate;

pub use answers::Answers;
pub use catalogue::Catalogue;
pub use definition::{Question, QuestionKind, Section, SurveyDefinition};
pub use error::SurveyError;
pub use figures::{PractitionerFigures, Role, RoleFigures, Roles};
pub use submitted::SubmittedAnswers;
pub use validate::{Problem, Stage};
