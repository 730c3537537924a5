//! The wave's comparisons across its instruments, from submitted responses: responses by
//! channel, respondent profiles and shared bank questions side by side (with likert charts),
//! and each instrument's other closed questions — all under the cycle's disclosure rule.

use crate::db::DbConnection;
use crate::error::{AppError, AppResult};
use crate::store::cycles::Cycle;
use crate::store::instruments::{self, WaveInstrument};
use crate::Platform;
use frontline_comparison::{chart, closed, likert, shared_questions, ComparisonError, Group};
use frontline_disclosure::{CellProtector, KeyedGrid};
use frontline_geo::tables::Table;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
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
    /// Submitted responses, as the protected channel table publishes the group's total (a
    /// count of people: small ones are [c]).
    pub submitted: String,
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

/// The results of the wave of `cycle`, or none when it holds no extra instruments; every count
/// of people protected by `protector`.
pub fn for_cycle(
    platform: &Platform,
    conn: &mut DbConnection,
    cycle: &Cycle,
    source: &str,
    protector: &dyn CellProtector,
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
    let rule = protector;
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
                let c = likert::compare(key, &name, &groups, rule).map_err(failed)?;
                charts.push(Chart {
                    file: format!("charts/{name}.svg"),
                    title: c.label.clone(),
                    svg: chart::diverging_bars(&c, source),
                });
                compared.push(c.table);
            }
            Some(q) if is_closed(q) => {
                compared.push(closed::tabulate(key, &name, &groups, rule).map_err(failed)?);
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
                closed::tabulate(&q.id, &name, std::slice::from_ref(g), rule).map_err(failed)?,
            );
        }
    }
    let (by_channel, submitted) = channel_table(&channels, protector)?;
    Ok(Some(WaveResults {
        instruments: summaries(platform, &wave, &submitted)?,
        compared,
        charts,
        own,
        by_channel,
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
    submitted: &BTreeMap<String, String>,
) -> AppResult<Vec<InstrumentSummary>> {
    wave.iter()
        .map(|w| {
            Ok(InstrumentSummary {
                instrument: w.instrument.clone(),
                title: platform.catalogue.get(&w.instrument)?.title.clone(),
                group: w.group_name.clone(),
                submitted: submitted.get(&w.group_name).cloned().unwrap_or_default(),
            })
        })
        .collect()
}

/// The family and key stem of the responses-by-channel table.
const BY_CHANNEL: &str = "wave-responses-by-channel";
const ALL_CHANNELS: &str = "All channels";

/// Submitted responses per group and channel — respondents are people, so the groups ×
/// channels table with its margins is protected as one two-way table — and each group's total
/// as published.
fn channel_table(
    channels: &BTreeMap<(String, String), i64>,
    protector: &dyn CellProtector,
) -> AppResult<(Table, BTreeMap<String, String>)> {
    let groups: BTreeSet<&String> = channels.keys().map(|(g, _)| g).collect();
    let names: Vec<String> = channels
        .keys()
        .map(|(_, c)| c.clone())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let rows: Vec<(String, Vec<i64>)> = groups
        .iter()
        .map(|g| {
            let counts = names
                .iter()
                .map(|c| {
                    channels
                        .get(&((*g).clone(), c.clone()))
                        .copied()
                        .unwrap_or(0)
                })
                .collect();
            ((*g).clone(), counts)
        })
        .collect();
    let (keyed, at) = KeyedGrid::two_way(BY_CHANNEL, &rows, &names, "All groups", ALL_CHANNELS);
    let shown = keyed
        .protect(protector, BY_CHANNEL)
        .map_err(|e| AppError::Task(format!("disclosure control of responses by channel: {e}")))?;
    let cell = |c: usize| shown.show(c, || keyed.grid.value(c).to_string());
    let mut t = Table::new(
        BY_CHANNEL,
        "Submitted responses by respondents' group and channel",
        &["group", "channel", "responses"],
    )
    .with_note(&format!(
        "A channel is a named invitation or an open link shared through a network; each response is counted under the link it started from. {}",
        protector.rule().describe()
    ))
    .counting_people()
    .keyed_by(2);
    let mut totals = BTreeMap::new();
    for (g, (group, _)) in rows.iter().enumerate() {
        for (c, channel) in names.iter().enumerate() {
            t.push(vec![
                group.clone(),
                channel.clone(),
                cell(at.interior[g][c]),
            ]);
        }
        let total = cell(at.row_totals[g]);
        t.push(vec![group.clone(), ALL_CHANNELS.into(), total.clone()]);
        totals.insert(group.clone(), total);
    }
    t.push(vec![
        "All groups".into(),
        ALL_CHANNELS.into(),
        cell(at.grand_total),
    ]);
    Ok((t, totals))
}
