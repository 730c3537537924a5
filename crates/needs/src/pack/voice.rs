//! What practitioners say: the coded themes of their comments (% of coded comments per
//! category) for England and Wales and the area's region — the published tables' own cells —
//! and, in the unreleased pack a PCC office or the team reads, the area's own; approved quotes
//! from the area's services; and what the pack can and cannot say about survivors' voice.

use super::inputs::{Inputs, QuestionVoice};
use super::{Question, Section};
use crate::NeedsError;
use frontline_geo::areas::REGIONS;
use frontline_geo::tables::Table;
use frontline_qualitative::results::{tabulate, CodedComment, QuestionFindings, QuestionLabel};
use std::collections::BTreeMap;

/// Each coded question's national findings, tabulated as the publication tabulates them: the
/// same for every area, so computed once.
pub fn national(inputs: &Inputs) -> Result<Vec<QuestionFindings>, NeedsError> {
    inputs
        .voice
        .iter()
        .map(|q| {
            let region_of = |a: &String| inputs.geo.region_of(a).map(str::to_string);
            let by_region: Vec<CodedComment> = q
                .comments
                .iter()
                .map(|c| {
                    let mut regions: Vec<String> = c.areas.iter().filter_map(region_of).collect();
                    regions.sort();
                    regions.dedup();
                    CodedComment {
                        code: c.code.to_string(),
                        regions,
                        group: c.group.clone(),
                    }
                })
                .collect();
            tabulate(
                &label(q),
                &q.codebook,
                &by_region,
                &REGIONS,
                inputs.protector,
            )
            .map_err(|e| failed(q, e))
        })
        .collect()
}

/// One table per coded question, beside its national findings.
pub fn sections(
    inputs: &Inputs,
    national: &[QuestionFindings],
    code: &str,
) -> Result<Vec<Section>, NeedsError> {
    inputs
        .voice
        .iter()
        .zip(national)
        .map(|(q, found)| {
            Ok(Section {
                question: Question::CommunityNeeds,
                table: themes(inputs, q, found, code)?,
                notes: Vec::new(),
            })
        })
        .collect()
}

fn label(q: &QuestionVoice) -> QuestionLabel<'_> {
    QuestionLabel {
        slug: &q.slug,
        text: &q.text,
    }
}

fn failed(q: &QuestionVoice, e: frontline_qualitative::QualitativeError) -> NeedsError {
    NeedsError::File(format!("coded comments of {}: {e}", q.slug))
}

/// Category → published percentage, from a breakdown table's rows for `key`.
fn shares(table: &Table, key: &str) -> BTreeMap<String, String> {
    table
        .rows
        .iter()
        .filter(|r| r.first().is_some_and(|k| k == key))
        .filter_map(|r| Some((r.get(1)?.clone(), r.get(3)?.clone())))
        .collect()
}

fn themes(
    inputs: &Inputs,
    q: &QuestionVoice,
    national: &QuestionFindings,
    code: &str,
) -> Result<Table, NeedsError> {
    let region = inputs.geo.region_of(code).unwrap_or_default();
    let in_region = shares(&national.by_region, region);
    let england_and_wales: BTreeMap<String, String> = national
        .categories
        .rows
        .iter()
        .filter(|r| r.get(1).is_some_and(String::is_empty))
        .filter_map(|r| Some((r.first()?.clone(), r.get(3)?.clone())))
        .collect();
    let in_area = if inputs.public {
        None
    } else {
        let by_area: Vec<CodedComment> = q
            .comments
            .iter()
            .filter(|c| c.areas.iter().any(|a| a == code))
            .map(|c| CodedComment {
                code: c.code.to_string(),
                regions: vec![code.to_string()],
                group: None,
            })
            .collect();
        // The area's own column is never published: the rule alone, outside the release.
        let area = tabulate(
            &label(q),
            &q.codebook,
            &by_area,
            &[code],
            inputs.protector.rule(),
        )
        .map_err(|e| failed(q, e))?;
        Some(shares(&area.by_region, code))
    };
    let mut columns = vec!["category"];
    if in_area.is_some() {
        columns.push("area_pct");
    }
    columns.extend(["region_pct", "england_and_wales_pct"]);
    let note = if inputs.public {
        "Percentages of coded comments, from the published tables. Published packs give themes by region, not by area: a service's comments count in every area it works in, so area figures side by side would let hidden cells be worked out."
    } else {
        "Percentages of coded comments; the area's column is for the PCC office and the survey team only and is not published."
    };
    let mut t = Table::new(
        &format!("voice-{}", q.slug),
        &format!("What practitioners said: {}", q.text),
        &columns,
    )
    .counting_people()
    .with_note(&format!("{note} {}", inputs.protector.rule().describe()));
    let categories = q
        .codebook
        .codes
        .iter()
        .map(|c| c.name.clone())
        .chain(std::iter::once("All coded comments".to_string()));
    for category in categories {
        let get = |m: &BTreeMap<String, String>| m.get(&category).cloned().unwrap_or_default();
        let mut row = vec![category.clone()];
        if let Some(area) = &in_area {
            row.push(get(area));
        }
        row.push(get(&in_region));
        row.push(get(&england_and_wales));
        t.push(row);
    }
    Ok(t)
}

/// Approved, redacted quotes from comments of the area's services.
pub fn quotes(inputs: &Inputs, code: &str) -> Vec<String> {
    inputs
        .voice
        .iter()
        .flat_map(|q| &q.comments)
        .filter(|c| c.areas.iter().any(|a| a == code))
        .filter_map(|c| c.quote.clone())
        .collect()
}

/// The rows of all regions together in the feedback tables.
const ENGLAND_AND_WALES: &str = "England and Wales";

/// A published percentage, when the cell is shown.
fn shown_pct(cell: Option<&String>) -> Option<i64> {
    cell.and_then(|c| c.parse().ok())
}

/// The kind of support `row_name`'s survivors least often got, from the published
/// `survivor-feedback-support` cells only (a hidden cell says nothing here).
fn least_received(inputs: &Inputs, row_name: &str) -> String {
    let Some(table) = inputs
        .feedback
        .iter()
        .find(|t| t.name == "survivor-feedback-support")
    else {
        return format!("No feedback received in {}", inputs.year);
    };
    let least = table
        .rows
        .iter()
        .filter(|r| r.first().is_some_and(|n| n == row_name))
        .filter_map(|r| Some((shown_pct(r.get(5))?, r.get(1)?, r.get(2)?)))
        .min_by_key(|(pct, _, _)| *pct);
    match least {
        Some((pct, kind, wanted)) => {
            format!("{kind}: {pct}% of the {wanted} people who wanted it got it")
        }
        None => "Too few responses to show without identifying anyone".into(),
    }
}

/// The outcomes' published percentages answering yes, nationally.
fn outcomes(inputs: &Inputs) -> String {
    let Some(table) = inputs
        .feedback
        .iter()
        .find(|t| t.name == "survivor-feedback-outcomes")
    else {
        return format!("No feedback received in {}", inputs.year);
    };
    let said: Vec<String> = table
        .rows
        .iter()
        .filter_map(|r| Some(format!("{}: {}%", r.first()?, shown_pct(r.get(5))?)))
        .collect();
    if said.is_empty() {
        "Too few responses to show without identifying anyone".into()
    } else {
        said.join("; ")
    }
}

/// The consultations recorded for `code`, latest first; what is missing named.
fn consulted(inputs: &Inputs, code: &str) -> String {
    let threshold = inputs.protector.rule().threshold();
    let held: Vec<String> = inputs
        .consultations
        .iter()
        .filter(|c| c.pfa_code == code)
        .map(|c| c.describe(threshold))
        .collect();
    if held.is_empty() {
        "None recorded: add the area's consultations and lived-experience panels to Frontline"
            .into()
    } else {
        held.join("; ")
    }
}

/// What the pack holds on survivors' own voice, and what it does not.
pub fn consultation(inputs: &Inputs, code: &str) -> Section {
    let mut t = Table::new(
        "survivor-voice",
        "Survivors' voice: what this pack holds",
        &["evidence", "held"],
    );
    let funded = inputs
        .services_in(code)
        .filter(|s| s.in_returns_programme)
        .count();
    let reporting = inputs
        .services_in(code)
        .filter(|s| s.counted_returns > 0)
        .count();
    t.push(vec![
        "Victims' own reports of outcomes (VFS returns: coped, informed, supported, engaged with justice)".into(),
        format!("{reporting} of {funded} funded services have counted returns"),
    ]);
    let coded = |survivors: bool| {
        let n = inputs
            .voice
            .iter()
            .filter(|q| q.from_survivors == survivors)
            .count();
        format!("{n} coded question(s)")
    };
    t.push(vec![
        "Practitioners' comments about what victims need".into(),
        coded(false),
    ]);
    t.push(vec![
        "Survivors' own words, coded (feedback's free text, consultations' transcripts and notes)"
            .into(),
        coded(true),
    ]);
    let linked = inputs.services_in(code).filter(|s| s.feedback_link).count();
    let working = inputs.services_in(code).count();
    t.push(vec![
        "Anonymous feedback from people supported (feedback links, with an \"Exit this page\" control and nothing kept that identifies anyone)".into(),
        format!("{linked} of {working} services working in the area have a feedback link"),
    ]);
    let region = inputs.geo.region_of(code).unwrap_or_default();
    t.push(vec![
        format!("Support survivors wanted but least often got, {region}"),
        least_received(inputs, region),
    ]);
    t.push(vec![
        "Support survivors wanted but least often got, England and Wales".into(),
        least_received(inputs, ENGLAND_AND_WALES),
    ]);
    t.push(vec![
        "How people feel after support, England and Wales (answering yes)".into(),
        outcomes(inputs),
    ]);
    let (from, to) = (inputs.year - 2, inputs.year);
    t.push(vec![
        format!("Survivors consulted directly, {from} to {to}"),
        consulted(inputs, code),
    ]);
    Section {
        question: Question::SurvivorsConsulted,
        table: t,
        notes: Vec::new(),
    }
}
