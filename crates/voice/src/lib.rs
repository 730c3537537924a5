//! Survivors' voice: anonymous feedback from people a service supported, designed with the
//! sector's safety practice.
//!
//! - [`vocabulary`]: the form's closed answers — outcomes in the Victims Funding Strategy's
//!   wording, the kinds of support a person may have wanted and whether they got it, and the
//!   optional questions about the person, each with "prefer not to say".
//! - [`wording`]: the form's text in each language a person can choose (English, Welsh and
//!   Easy Read), read from `survey-schemas/feedback/survivor-feedback-2027.json`.
//! - [`feedback`]: one response, read from the posted form with every problem named by field.
//!   It holds answers only: nothing about who sent it, from where or on what device.
//! - [`guard`]: limits on automated abuse that track no one — a hidden field people never see,
//!   a minimum time to fill the form in, each served form taken once, and a cap on responses per
//!   link per hour.
//! - [`consultation`]: a consultation with survivors the team or a commissioner records (focus
//!   group, lived-experience panel, interviews), with the groups it heard from.
//! - [`results`]: what a service, an area and the publication may see, under the disclosure
//!   rule: support wanted against support received by area, and the outcomes.
//! - [`service_view`]: what a service sees of its own feedback — finished quarters, shares with
//!   noise that keeps each answer private even from a service that sends fakes, never counts.
//!
//! Nothing here knows about HTTP or SQL.

pub mod consultation;
pub mod feedback;
pub mod guard;
pub mod results;
pub mod service_view;
pub mod vocabulary;
pub mod wording;

mod error;

pub use error::VoiceError;
pub use feedback::{Feedback, FieldProblem};
pub use vocabulary::{Language, Outcome, OutcomeAnswer, SupportKind, SupportReport};
