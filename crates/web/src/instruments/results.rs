//! The wave's comparisons across its instruments, from submitted responses: responses by
//! channel, respondent profiles and shared bank questions side by side (with likert charts),
//! and each instrument's other closed questions — all under the cycle's disclosure rule.

use crate::bootstrap::Platform;
use crate::db::DbConnection;
use crate::error::{AppError, AppResult};
use crate::store::cycles::Cycle;
use crate::store::instruments::{self, WaveInstrument};
use frontline_comparison::{chart, closed, likert, shared_questions, ComparisonError, Group};
use frontline_geo::tables::Table;
use serde::Serialize;
use std::collections::BTreeMap;
use survey_engine::{Answers, QuestionKind};

/// A chart file and what it shows.
#[derive(Debug, Clone, Serialize)]
pub struct Chart {
    pub file: String,
    pub title: String,
    #[serde(skip)]
    pub svg: String,
}

/// One instrument's place in the results.
#[derive(Debug, Clone, Serialize)]
pub struct InstrumentSummary {
    pub instrument: String,
    pub title: String,
    pub group: String,
    pub submitted: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct WaveResults {
    pub instruments: Vec<InstrumentSummary>,
    /// Shared questions compared across groups (profiles first), with their charts.
    pub compared: Vec<Table>,
    pub charts: Vec<Chart>,
    /// Each instrument's own closed questions.
    pub own: Vec<Table>,
    pub by_channel: Table,
}

impl WaveResults {
    pub fn tables(&self) -> impl Iterator<Item = &Table> {
        std::iter::once(&self.by_channel)
            .chain(&self.compared)
            .chain(&self.own)
    }
}

fn failed(e: ComparisonError) -> AppError {
    AppError::Task(format!("comparing the wave's groups: {e}"))
}

/// The results of the wave of `cycle`, or none when it holds no extra instruments.
pub fn for_cycle(
    platform: &Platform,
    conn: &mut DbConnection,
    cycle: &Cycle,
    source: &str,
) -> AppResult<Option<WaveResults>> {
    let wave = instruments::of_wave(conn, cycle.id)?;
    if wave.is_empty() {
        return Ok(None);
    }
    let mut groups = Vec::new();
    let mut channels: BTreeMap<(String, String), i64> = BTreeMap::new();
    for w in &wave {
        let submitted = instruments::submitted(conn, cycle.id, &w.instrument)?;
        for r in &submitted {
            *channels
                .entry((w.group_name.clone(), r.channel.clone()))
                .or_default() += 1;
        }
        let answers = submitted
            .iter()
            .map(|r| Answers::from_json(&r.answers))
            .collect::<Result<Vec<_>, _>>()?;
        groups.push(Group {
            name: w.group_name.clone(),
            definition: platform.catalogue.get(&w.instrument)?,
            answers,
        });
    }
    let rule = cycle.suppression_rule();
    let mut compared = Vec::new();
    let mut charts = Vec::new();
    let shared = shared_questions(&groups);
    for key in &shared {
        let id = key.split('@').next().unwrap_or(key);
        let is_profile = groups.iter().any(|g| {
            g.definition.sections.iter().any(|s| {
                s.id == "profile"
                    && s.questions
                        .iter()
                        .any(|q| q.bank.as_deref() == Some(key.as_str()))
            })
        });
        let name = format!("{}-{id}", if is_profile { "profile" } else { "compare" });
        let kind = groups.iter().find_map(|g| g.question(key)).map(|q| &q.kind);
        match kind {
            Some(QuestionKind::Likert { .. }) => {
                let c = likert::compare(key, &name, &groups, &rule).map_err(failed)?;
                charts.push(Chart {
                    file: format!("charts/{name}.svg"),
                    title: c.label.clone(),
                    svg: chart::diverging_bars(&c, source),
                });
                compared.push(c.table);
            }
            Some(q) if is_closed(q) => {
                compared.push(closed::tabulate(key, &name, &groups, &rule).map_err(failed)?);
            }
            _ => {}
        }
    }
    compared.sort_by_key(|t| !t.name.starts_with("profile-"));
    let mut own = Vec::new();
    for (w, g) in wave.iter().zip(&groups) {
        for q in g.definition.questions() {
            let is_shared = q.bank.as_ref().is_some_and(|b| shared.contains(b));
            if is_shared || !is_closed(&q.kind) {
                continue;
            }
            let name = format!("{}-{}", w.instrument, q.id);
            own.push(
                closed::tabulate(&q.id, &name, std::slice::from_ref(g), &rule).map_err(failed)?,
            );
        }
    }
    Ok(Some(WaveResults {
        instruments: summaries(platform, &wave, &groups)?,
        compared,
        charts,
        own,
        by_channel: channel_table(&channels),
    }))
}

fn is_closed(kind: &QuestionKind) -> bool {
    matches!(
        kind,
        QuestionKind::SingleChoice { .. }
            | QuestionKind::MultipleChoice { .. }
            | QuestionKind::BandedChoice { .. }
    )
}

fn summaries(
    platform: &Platform,
    wave: &[WaveInstrument],
    groups: &[Group],
) -> AppResult<Vec<InstrumentSummary>> {
    wave.iter()
        .zip(groups)
        .map(|(w, g)| {
            Ok(InstrumentSummary {
                instrument: w.instrument.clone(),
                title: platform.catalogue.get(&w.instrument)?.title.clone(),
                group: w.group_name.clone(),
                submitted: g.answers.len(),
            })
        })
        .collect()
}

/// Submitted responses per group and channel: how the wave reached people (not about them).
fn channel_table(channels: &BTreeMap<(String, String), i64>) -> Table {
    let mut t = Table::new(
        "wave-responses-by-channel",
        "Submitted responses by respondents' group and channel",
        &["group", "channel", "responses"],
    )
    .with_note("A channel is a named invitation or an open link shared through a network; each response is counted under the link it started from.")
    .keyed_by(2);
    for ((group, channel), n) in channels {
        t.push(vec![group.clone(), channel.clone(), n.to_string()]);
    }
    t
}
