//! What `feedback.html` is given, as types: the frame every feedback page shares (language,
//! texts, the exit) and the one body each page has (start, form, or a message).

use crate::voice::desk::FeedbackDesk;
use frontline_voice::feedback::{about_questions, MAX_TEXT};
use frontline_voice::guard::{HONEYPOT, STAMP};
use frontline_voice::{Language, Outcome, OutcomeAnswer, SupportKind, SupportReport};
use serde::Serialize;
use std::collections::BTreeMap;

/// A feedback page: the shared frame and its body.
#[derive(Debug, Serialize)]
pub struct FeedbackPage<'a> {
    pub page_lang: &'static str,
    pub language: &'static str,
    pub t: &'a BTreeMap<String, String>,
    pub exit_to: &'a str,
    pub languages: Vec<LanguageLink>,
    #[serde(flatten)]
    pub body: Body,
}

impl<'a> FeedbackPage<'a> {
    /// `body` in `language`, reached by the link `token`.
    pub fn new(desk: &'a FeedbackDesk, language: Language, token: &str, body: Body) -> Self {
        FeedbackPage {
            page_lang: language.html_lang(),
            language: language.code(),
            t: desk.wording.texts(language),
            exit_to: &desk.exit_to,
            languages: LanguageLink::all(token, language),
            body,
        }
    }
}

/// What a page shows, told apart by `mode` in the template.
#[derive(Debug, Serialize)]
#[serde(tag = "mode", rename_all = "lowercase")]
pub enum Body {
    /// What the feedback is for and what is kept, the language choice, Start.
    Start { token: String, intro: String },
    /// The form, with what the person gave and what to put right.
    Form(Box<Form>),
    /// A page that only says something: its heading and paragraphs.
    Message {
        heading: String,
        paragraphs: Vec<String>,
    },
}

/// The form's own fields.
#[derive(Debug, Serialize)]
pub struct Form {
    pub token: String,
    pub intro: String,
    pub stamp: String,
    pub stamp_field: &'static str,
    pub honeypot: &'static str,
    pub questions: Questions,
    pub helped: Option<String>,
    pub better: Option<String>,
    pub max_text: usize,
    pub problems: Vec<Problem>,
}

impl Form {
    /// The form for `token`, with `given` filled back in and `problems` listed above it.
    pub fn new(
        desk: &FeedbackDesk,
        language: Language,
        token: &str,
        intro: String,
        stamp: String,
        given: &BTreeMap<String, String>,
        problems: Vec<Problem>,
    ) -> Form {
        Form {
            token: token.to_string(),
            intro,
            stamp,
            stamp_field: STAMP,
            honeypot: HONEYPOT,
            questions: Questions::new(desk, language, given),
            helped: given.get("helped").cloned(),
            better: given.get("better").cloned(),
            max_text: MAX_TEXT,
            problems,
        }
    }
}

/// One thing to put right, linked to its field.
#[derive(Debug, Serialize)]
pub struct Problem {
    pub field: String,
    pub message: String,
}

/// One way to change language; the current one marked.
#[derive(Debug, Serialize)]
pub struct LanguageLink {
    code: &'static str,
    name: &'static str,
    lang: &'static str,
    href: String,
    current: bool,
}

impl LanguageLink {
    fn all(token: &str, current: Language) -> Vec<LanguageLink> {
        Language::ALL
            .iter()
            .map(|l| LanguageLink {
                code: l.code(),
                name: l.label(),
                lang: l.html_lang(),
                href: format!("/feedback/{token}?lang={}", l.code()),
                current: *l == current,
            })
            .collect()
    }
}

/// The form's closed questions, by part.
#[derive(Debug, Serialize)]
pub struct Questions {
    outcomes: Vec<Question>,
    support: Vec<Question>,
    about: Vec<Question>,
}

/// One closed question: its field, label and options, the person's answer checked.
#[derive(Debug, Serialize)]
pub struct Question {
    name: String,
    label: String,
    options: Vec<Choice>,
}

#[derive(Debug, Serialize)]
pub struct Choice {
    code: &'static str,
    label: String,
    checked: bool,
}

impl Questions {
    /// Every question in `language`, with what the person gave.
    fn new(desk: &FeedbackDesk, language: Language, given: &BTreeMap<String, String>) -> Self {
        let t = |key: &str| desk.wording.text(language, key);
        let question = |name: String, label: String, prefix: &str, codes: &[&'static str]| {
            let chosen = given.get(&name).map(String::as_str);
            Question {
                options: codes
                    .iter()
                    .map(|&code| Choice {
                        code,
                        label: t(&format!("{prefix}.{code}")),
                        checked: chosen == Some(code),
                    })
                    .collect(),
                name,
                label,
            }
        };
        let outcome_codes: Vec<&str> = OutcomeAnswer::ALL.iter().map(|a| a.code()).collect();
        let report_codes: Vec<&str> = SupportReport::ALL.iter().map(|r| r.code()).collect();
        Questions {
            outcomes: Outcome::ALL
                .iter()
                .map(|o| {
                    let name = format!("outcome.{}", o.code());
                    question(name.clone(), t(&name), "answer", &outcome_codes)
                })
                .collect(),
            support: SupportKind::ALL
                .iter()
                .map(|k| {
                    let name = format!("support.{}", k.code());
                    question(name.clone(), t(&name), "report", &report_codes)
                })
                .collect(),
            about: about_questions()
                .into_iter()
                .map(|(name, codes)| {
                    question(name.to_string(), t(&format!("{name}_label")), name, &codes)
                })
                .collect(),
        }
    }
}
