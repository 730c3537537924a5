//! A question's findings: each comment's final code (the agreed code, else its first coder's),
//! the published tables, word clouds with their frequency tables, and the approved quotes.

use super::{definition, open_questions, OpenQuestion, TextSource};
use crate::db::DbConnection;
use crate::error::{AppError, AppResult};
use crate::store::cycles::Cycle;
use crate::store::{codebooks, codings, comments, instruments, responses};
use crate::Platform;
use frontline_disclosure::{CellProtector, SUPPRESSED};
use frontline_geo::areas::REGIONS;
use frontline_qualitative::codebook::split_path;
use frontline_qualitative::redact::{apply, Redactor};
use frontline_qualitative::results::{tabulate, CodedComment, QuestionFindings, QuestionLabel};
use frontline_qualitative::wordcloud;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use survey_engine::definition::QuestionKind;

/// Words drawn in a cloud.
const CLOUD_WORDS: usize = 40;

#[derive(Debug, Clone, Serialize)]
pub struct Cloud {
    pub title: String,
    /// Path in the publication, e.g. `qualitative/biggest-difference.svg`.
    pub file: String,
    #[serde(skip)]
    pub svg: String,
    pub words: Vec<(String, usize)>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PublishedQuote {
    pub category: String,
    pub text: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Findings {
    pub question: OpenQuestion,
    pub codebook_version: i32,
    pub comments: usize,
    /// For staff pages: every coded comment.
    pub coded: usize,
    /// For the publication: the coded comments as its table publishes them (a count, or
    /// hidden where protecting a small count takes it).
    pub coded_published: String,
    #[serde(skip)]
    pub tables: QuestionFindings,
    pub clouds: Vec<Cloud>,
    pub quotes: Vec<PublishedQuote>,
}

/// Findings for every open question that has a codebook.
pub fn for_cycle(
    platform: &Platform,
    conn: &mut DbConnection,
    cycle: &Cycle,
    protector: &dyn CellProtector,
) -> AppResult<Vec<Findings>> {
    // Only questions with a codebook have findings; a cycle nobody has coded reads no answers.
    let mut coded = Vec::new();
    for question in open_questions(platform, conn, cycle)? {
        if codebooks::latest(conn, cycle.id, &question.id)?.is_some() {
            coded.push(question);
        }
    }
    if coded.is_empty() {
        return Ok(Vec::new());
    }
    let about = Respondents::of(platform, conn, cycle)?;
    let mut all = Vec::new();
    for question in &coded {
        if let Some(f) = for_question(platform, conn, cycle, question, &about, protector)? {
            all.push(f);
        }
    }
    Ok(all)
}

/// The final code of each coded comment: the agreed code, else its first coder's.
pub fn final_codes(
    conn: &mut DbConnection,
    cycle: &Cycle,
    question: &str,
) -> AppResult<BTreeMap<i32, String>> {
    let firsts: BTreeMap<i32, i32> = comments::of_question(conn, cycle.id, question)?
        .into_iter()
        .filter_map(|c| Some((c.id, c.first_coder_id?)))
        .collect();
    let mut codes: BTreeMap<i32, String> = codings::of_question(conn, cycle.id, question)?
        .into_iter()
        .filter(|(comment, coder, _)| firsts.get(comment) == Some(coder))
        .map(|(comment, _, code)| (comment, code))
        .collect();
    for (comment, code, _) in codings::adjudications_of_question(conn, cycle.id, question)? {
        codes.insert(comment, code);
    }
    Ok(codes)
}

/// What every question's findings need to know of a cycle's respondents, read once: the names
/// to redact and each response's group.
pub struct Respondents {
    redactor: Redactor,
    groups: BTreeMap<i32, String>,
    /// The practitioner responses of refuges and other safe accommodation, none of whose free
    /// text is ever public: not even as words in a cloud.
    safe_accommodation: BTreeSet<i32>,
}

impl Respondents {
    /// Reads the cycle's responses once for all three.
    pub fn of(platform: &Platform, conn: &mut DbConnection, cycle: &Cycle) -> AppResult<Self> {
        let given = responses::for_cycle(conn, cycle.id)?;
        Ok(Self {
            redactor: super::redaction::redactor_among(platform, conn, cycle, &given)?,
            groups: groups_among(platform, cycle, &given)?,
            safe_accommodation: crate::profiles::safe_accommodation::responses_among(
                platform, conn, cycle, &given,
            )?,
        })
    }

    /// The comments whose words a cloud may count: a survey's, never a refuge's practitioner's;
    /// never survivors' own words, which are public only as quotes a reviewer approved.
    fn cloud_words<'c>(
        &self,
        question: &OpenQuestion,
        all: &'c [comments::Comment],
    ) -> Vec<&'c comments::Comment> {
        match &question.source {
            TextSource::Feedback(_) | TextSource::Transcripts => Vec::new(),
            TextSource::Instrument(_) => all.iter().collect(),
            TextSource::Survey => all
                .iter()
                .filter(|c| !self.safe_accommodation.contains(&c.response_id))
                .collect(),
        }
    }
}

/// One question's findings, or none when it has no codebook yet.
pub fn for_question(
    platform: &Platform,
    conn: &mut DbConnection,
    cycle: &Cycle,
    question: &OpenQuestion,
    about: &Respondents,
    protector: &dyn CellProtector,
) -> AppResult<Option<Findings>> {
    let (redactor, groups) = (&about.redactor, &about.groups);
    let Some(book) = codebooks::latest(conn, cycle.id, &question.id)? else {
        return Ok(None);
    };
    let all = comments::of_question(conn, cycle.id, &question.id)?;
    let codes = final_codes(conn, cycle, &question.id)?;
    let placed = match &question.source {
        TextSource::Instrument(instrument) => {
            instrument_respondents(conn, cycle, instrument, &all)?
        }
        source => {
            let regions = regions_of(platform, conn, cycle, &question.id)?;
            // Groups are the practitioner survey's: survivors' words have none.
            let group_of = |c: &comments::Comment| {
                source
                    .is_survey()
                    .then(|| groups.get(&c.response_id).cloned())
                    .flatten()
            };
            all.iter()
                .map(|c| {
                    let region = regions.get(&c.id).cloned().unwrap_or_default();
                    (c.id, (region, group_of(c)))
                })
                .collect()
        }
    };
    let coded: Vec<CodedComment> = all
        .iter()
        .filter_map(|c| {
            let (regions, group) = placed.get(&c.id).cloned().unwrap_or_default();
            Some(CodedComment {
                code: codes.get(&c.id)?.clone(),
                regions,
                group,
            })
        })
        .collect();
    let tables = tabulate(
        &QuestionLabel {
            slug: &question.slug,
            text: &question.label,
        },
        &book.codebook,
        &coded,
        &REGIONS,
        protector,
    )
    .map_err(|e| AppError::Task(e.to_string()))?;
    // Word clouds count comments, show only words in at least the threshold's comments, and
    // exist only for categories whose count is published.
    let min_comments = protector.rule().threshold() as usize;
    let published: Vec<&str> = tables
        .categories
        .rows
        .iter()
        .filter(|r| r.get(1).is_some_and(String::is_empty))
        .filter(|r| r.get(2).is_some_and(|n| n != SUPPRESSED && n != "0"))
        .filter_map(|r| r.first().map(String::as_str))
        .collect();
    let redacted = |text: &str| apply(text, &redactor.find(text));
    let words = about.cloud_words(question, &all);
    let mut clouds = Vec::new();
    if !words.is_empty() {
        clouds.push(cloud(
            &format!("Words used: {}", question.label),
            format!("qualitative/{}.svg", question.slug),
            words.iter().map(|c| redacted(&c.body)),
            min_comments,
        ));
    }
    for code in book
        .codebook
        .codes
        .iter()
        .filter(|c| published.contains(&c.name.as_str()))
    {
        let texts: Vec<String> = words
            .iter()
            .filter(|c| {
                codes
                    .get(&c.id)
                    .is_some_and(|k| split_path(k).0 == code.name)
            })
            .map(|c| redacted(&c.body))
            .collect();
        if !texts.is_empty() {
            clouds.push(cloud(
                &format!("Words used: {} ({})", question.label, code.name),
                format!("qualitative/{}-{}.svg", question.slug, slug(&code.name)),
                texts.into_iter(),
                min_comments,
            ));
        }
    }
    let quotes = super::quotes::published(platform, conn, cycle)?
        .into_iter()
        .filter(|(q, _)| q.question_id == question.id)
        .map(|(q, text)| PublishedQuote {
            category: codes
                .get(&q.comment_id)
                .map(|c| split_path(c).0.to_string())
                .unwrap_or_default(),
            text,
        })
        .collect();
    Ok(Some(Findings {
        question: question.clone(),
        codebook_version: book.version,
        comments: all.len(),
        coded: coded.len(),
        coded_published: tables
            .categories
            .cell("All coded comments", "comments")
            .unwrap_or(frontline_disclosure::SUPPRESSED)
            .to_string(),
        tables,
        clouds,
        quotes,
    }))
}

/// A word cloud of `texts` (comments): each word's count is the comments using it, and only words
/// in at least `min_comments` of them are shown.
fn cloud(
    title: &str,
    file: String,
    texts: impl Iterator<Item = String>,
    min_comments: usize,
) -> Cloud {
    let texts: Vec<String> = texts.collect();
    let words = wordcloud::frequencies(texts.iter().map(String::as_str), CLOUD_WORDS, min_comments);
    let svg = wordcloud::svg(title, &wordcloud::layout(&words));
    Cloud {
        title: title.to_string(),
        file,
        svg,
        words,
    }
}

/// `Awareness & training` → `awareness-training`.
pub fn slug(name: &str) -> String {
    name.to_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

/// The regions of the service behind each comment.
fn regions_of(
    platform: &Platform,
    conn: &mut DbConnection,
    cycle: &Cycle,
    question: &str,
) -> AppResult<BTreeMap<i32, Vec<String>>> {
    let mut regions: BTreeMap<i32, Vec<String>> = BTreeMap::new();
    for (comment, pfa) in comments::areas_of_question(conn, cycle.id, question)? {
        if let Some(area) = platform.geography.find(&pfa) {
            let list = regions.entry(comment).or_default();
            if !list.contains(&area.region) {
                list.push(area.region.clone());
            }
        }
    }
    Ok(regions)
}

/// Where a comment counts: its regions and its respondent group.
type Placed = (Vec<String>, Option<String>);

/// For each comment of an instrument's question: the region its respondent named (none for
/// "across England and Wales"). Its respondents are all one group, so no group is given.
fn instrument_respondents(
    conn: &mut DbConnection,
    cycle: &Cycle,
    instrument: &str,
    all: &[comments::Comment],
) -> AppResult<BTreeMap<i32, Placed>> {
    let regions: BTreeMap<i32, Vec<String>> = instruments::submitted(conn, cycle.id, instrument)?
        .into_iter()
        .map(|r| {
            let named = serde_json::from_str::<serde_json::Value>(&r.answers)
                .ok()
                .and_then(|a| a.get("region").and_then(|v| v.as_str()).map(str::to_string));
            let region = named.and_then(|value| {
                REGIONS
                    .iter()
                    .find(|name| slug(name).replace('-', "_") == value)
                    .map(|name| name.to_string())
            });
            (r.id, region.into_iter().collect())
        })
        .collect();
    Ok(all
        .iter()
        .map(|c| {
            let region = regions.get(&c.response_id).cloned().unwrap_or_default();
            (c.id, (region, None))
        })
        .collect())
}

/// Each response's group, as the survey's group question labels it.
pub fn groups_of(
    platform: &Platform,
    conn: &mut DbConnection,
    cycle: &Cycle,
) -> AppResult<BTreeMap<i32, String>> {
    groups_among(platform, cycle, &responses::for_cycle(conn, cycle.id)?)
}

/// [`groups_of`] from the cycle's responses as already read.
pub fn groups_among(
    platform: &Platform,
    cycle: &Cycle,
    given: &[responses::Response],
) -> AppResult<BTreeMap<i32, String>> {
    let def = definition(platform, cycle)?;
    let Some(question) = def
        .figures
        .respondent_group
        .as_deref()
        .and_then(|id| def.question(id))
    else {
        return Ok(BTreeMap::new());
    };
    let choices = match &question.kind {
        QuestionKind::SingleChoice { choices, .. } => choices.clone(),
        _ => Vec::new(),
    };
    let mut groups = BTreeMap::new();
    for response in given {
        let Some(answers) = response.submitted_answers.as_deref() else {
            continue;
        };
        let Ok(value) = serde_json::from_str::<serde_json::Value>(answers) else {
            continue;
        };
        if let Some(given) = value.get(&question.id).and_then(|v| v.as_str()) {
            let label = choices
                .iter()
                .find(|c| c.value == given)
                .map_or("Other", |c| c.label.as_str());
            groups.insert(response.id, label.to_string());
        }
    }
    Ok(groups)
}
