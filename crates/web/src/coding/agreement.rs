//! Agreement on a question's double-coded comments: kappa and alpha (at category level, as the
//! findings are published) and the disagreements waiting for an agreed code.

use super::OpenQuestion;
use crate::db::DbConnection;
use crate::error::AppResult;
use crate::store::audit::{self, Change};
use crate::store::cycles::Cycle;
use crate::store::{accounts, codebooks, codings, comments};
use frontline_qualitative::agreement::{report, AgreementReport, Reliability};
use frontline_qualitative::codebook::split_path;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Serialize)]
pub struct Disagreement {
    pub comment_id: i32,
    pub body: String,
    pub first_coder: String,
    pub first_code: String,
    pub second_coder: String,
    pub second_code: String,
    pub agreed: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct QuestionAgreement {
    /// Comments in the double-coding sample.
    pub sampled: usize,
    /// Of those, coded by both coders.
    pub double_coded: usize,
    pub report: AgreementReport,
    pub disagreements: Vec<Disagreement>,
}

pub fn for_question(
    conn: &mut DbConnection,
    cycle: &Cycle,
    question: &OpenQuestion,
) -> AppResult<QuestionAgreement> {
    let names: BTreeMap<i32, String> = accounts::all(conn)?
        .into_iter()
        .map(|a| (a.id, a.email))
        .collect();
    let name = |id: i32| {
        names
            .get(&id)
            .cloned()
            .unwrap_or_else(|| format!("account {id}"))
    };
    let mut codes: BTreeMap<(i32, i32), String> = BTreeMap::new();
    for (comment, coder, code) in codings::of_question(conn, cycle.id, &question.id)? {
        codes.insert((comment, coder), code);
    }
    let agreed: BTreeMap<i32, String> =
        codings::adjudications_of_question(conn, cycle.id, &question.id)?
            .into_iter()
            .map(|(comment, code, _)| (comment, code))
            .collect();
    let sample: Vec<comments::Comment> = comments::of_question(conn, cycle.id, &question.id)?
        .into_iter()
        .filter(|c| c.second_coder_id.is_some())
        .collect();
    let mut units: Reliability = BTreeMap::new();
    let mut disagreements = Vec::new();
    for c in &sample {
        let (Some(first), Some(second)) = (c.first_coder_id, c.second_coder_id) else {
            continue;
        };
        let (Some(a), Some(b)) = (codes.get(&(c.id, first)), codes.get(&(c.id, second))) else {
            continue;
        };
        let category = |code: &str| split_path(code).0.to_string();
        units.insert(
            format!("{:08}", c.id),
            [(name(first), category(a)), (name(second), category(b))].into(),
        );
        if a != b {
            disagreements.push(Disagreement {
                comment_id: c.id,
                body: c.body.clone(),
                first_coder: name(first),
                first_code: a.clone(),
                second_coder: name(second),
                second_code: b.clone(),
                agreed: agreed.get(&c.id).cloned(),
            });
        }
    }
    let categories: Vec<String> = codebooks::latest(conn, cycle.id, &question.id)?
        .map(|v| v.codebook.codes.iter().map(|c| c.name.clone()).collect())
        .unwrap_or_default();
    Ok(QuestionAgreement {
        sampled: sample.len(),
        double_coded: units.len(),
        report: report(&units, &categories),
        disagreements,
    })
}

/// Records the agreed code of comment `id` of the question; audited.
pub fn adjudicate(
    conn: &mut DbConnection,
    cycle: &Cycle,
    question: &OpenQuestion,
    id: i32,
    code: &str,
    by: &str,
) -> AppResult<()> {
    super::workbench::comment_in(conn, cycle, question, id)?;
    super::ensure_changeable(cycle)?;
    super::workbench::check_code(conn, cycle, question, code)?;
    codings::adjudicate(conn, id, code, by)?;
    Ok(audit::record(
        conn,
        Change {
            actor: by,
            action: "coding.adjudicated",
            entity: "comment",
            entity_id: id.to_string(),
            after: Some(code.to_string()),
            ..Default::default()
        },
    )?)
}
