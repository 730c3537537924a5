//! Exports of a cycle's coding for the team: coded comments as CSV, and a REFI-QDA project
//! (`.qdpx`) that NVivo, ATLAS.ti, MAXQDA or QualCoder can open.

use super::{findings::final_codes, open_questions, segmenting::answer_of, TextSource};
use crate::db::DbConnection;
use crate::error::{AppError, AppResult};
use crate::publication::archive;
use crate::publication::SiteFile;
use crate::store::cycles::Cycle;
use crate::store::{accounts, codebooks, codings, comments};
use crate::Platform;
use frontline_qualitative::codebook::{Code, Codebook};
use frontline_qualitative::project::{to_qde, ProjectSelection, ProjectSource};
use std::collections::BTreeMap;

/// `cycle,question,comment_id,response_id,areas,comment,code,first_coder,first_code,second_coder,second_code,agreed_code`.
pub fn comments_csv(
    platform: &Platform,
    conn: &mut DbConnection,
    cycle: &Cycle,
) -> AppResult<String> {
    let names = coder_names(conn)?;
    let name = |id: Option<i32>| id.and_then(|i| names.get(&i).cloned()).unwrap_or_default();
    let mut w = frontline_safety::spreadsheet::CsvText::new();
    let fail = |e: csv::Error| AppError::Task(format!("writing the coded comments: {e}"));
    w.row([
        "cycle",
        "question",
        "comment_id",
        "response_id",
        "areas",
        "comment",
        "code",
        "first_coder",
        "first_code",
        "second_coder",
        "second_code",
        "agreed_code",
    ])
    .map_err(fail)?;
    for question in open_questions(platform, conn, cycle)? {
        let finals = final_codes(conn, cycle, &question.id)?;
        let mut given: BTreeMap<(i32, i32), String> = BTreeMap::new();
        for (comment, coder, code) in codings::of_question(conn, cycle.id, &question.id)? {
            given.insert((comment, coder), code);
        }
        let agreed: BTreeMap<i32, String> =
            codings::adjudications_of_question(conn, cycle.id, &question.id)?
                .into_iter()
                .map(|(c, code, _)| (c, code))
                .collect();
        let mut areas: BTreeMap<i32, Vec<String>> = BTreeMap::new();
        for (comment, pfa) in comments::areas_of_question(conn, cycle.id, &question.id)? {
            let shown = platform
                .geography
                .find(&pfa)
                .map_or(pfa.clone(), |a| a.name.clone());
            areas.entry(comment).or_default().push(shown);
        }
        for c in comments::of_question(conn, cycle.id, &question.id)? {
            let code_by = |coder: Option<i32>| {
                coder
                    .and_then(|id| given.get(&(c.id, id)).cloned())
                    .unwrap_or_default()
            };
            w.row([
                cycle.year.to_string(),
                question.id.clone(),
                c.id.to_string(),
                c.response_id.to_string(),
                areas.get(&c.id).map(|a| a.join("; ")).unwrap_or_default(),
                c.body.clone(),
                finals.get(&c.id).cloned().unwrap_or_default(),
                name(c.first_coder_id),
                code_by(c.first_coder_id),
                name(c.second_coder_id),
                code_by(c.second_coder_id),
                agreed.get(&c.id).cloned().unwrap_or_default(),
            ])
            .map_err(fail)?;
        }
    }
    w.finish().map_err(fail)
}

/// The REFI-QDA project: one codebook (each question's categories under a code named after the
/// question), every segmented answer as a text source, every coder's codes.
pub fn qdpx(platform: &Platform, conn: &mut DbConnection, cycle: &Cycle) -> AppResult<Vec<u8>> {
    let names = coder_names(conn)?;
    let mut book = Codebook::default();
    let mut sources: Vec<ProjectSource> = Vec::new();
    for question in open_questions(platform, conn, cycle)? {
        let Some(version) = codebooks::latest(conn, cycle.id, &question.id)? else {
            continue;
        };
        let prefix = &question.id;
        for code in &version.codebook.codes {
            book.codes.push(Code {
                name: format!("{prefix}: {}", code.name),
                ..code.clone()
            });
        }
        let mut given: BTreeMap<i32, Vec<(String, String)>> = BTreeMap::new();
        for (comment, coder, code) in codings::of_question(conn, cycle.id, &question.id)? {
            let coder = names
                .get(&coder)
                .cloned()
                .unwrap_or_else(|| format!("account {coder}"));
            given
                .entry(comment)
                .or_default()
                .push((format!("{prefix}: {code}"), coder));
        }
        let mut by_answer: BTreeMap<i32, Vec<comments::Comment>> = BTreeMap::new();
        for c in comments::of_question(conn, cycle.id, &question.id)? {
            by_answer.entry(c.response_id).or_default().push(c);
        }
        for (response_id, cuts) in by_answer {
            let text = answer_of(conn, cycle, response_id, &question)?;
            let name = match &question.source {
                TextSource::Transcripts => {
                    format!("{} consultation transcript {response_id}", cycle.year)
                }
                TextSource::Feedback(field) => format!(
                    "{} survivors' feedback {response_id} ({})",
                    cycle.year,
                    field.code()
                ),
                TextSource::Survey | TextSource::Instrument(_) => {
                    format!("{} {} response {response_id}", cycle.year, question.id)
                }
            };
            sources.push(ProjectSource {
                name,
                text,
                selections: cuts
                    .iter()
                    .map(|c| ProjectSelection {
                        start: c.start_char as usize,
                        end: c.end_char as usize,
                        codings: given.remove(&c.id).unwrap_or_default(),
                    })
                    .collect(),
            });
        }
    }
    let qde = to_qde(&cycle.title, "Frontline", &book, &sources);
    let mut files = vec![SiteFile::text("project.qde", qde)];
    files.extend(
        sources
            .iter()
            .map(|s| SiteFile::text(s.archive_path(), s.text.clone())),
    );
    archive::zip("", &files)
}

fn coder_names(conn: &mut DbConnection) -> AppResult<BTreeMap<i32, String>> {
    Ok(accounts::all(conn)?
        .into_iter()
        .map(|a| (a.id, a.email))
        .collect())
}
