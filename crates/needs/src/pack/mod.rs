//! One police force area's needs-assessment pack: population and estimated prevalence,
//! provision and its gaps, funding and its security, demand and outcomes, practitioners' voice,
//! each indicator beside the region and England and Wales, and what data is missing — set out
//! under the commissioning toolkit's four questions. Built for every area from one set of inputs,
//! with the functions the national tables use, so a pack never disagrees with the publication.

mod comparison;
mod data_gaps;
pub mod demand;
mod funding;
mod inputs;
mod missing;
mod people;
mod provision;
mod scope;
pub mod svg;
mod trend;
mod voice;

pub use comparison::{Indicator, INDICATOR_COLUMNS};
pub use data_gaps::DataGap;
pub use inputs::{
    AreaPopulation, Inputs, PackService, PlacesIn, QuestionVoice, VfsPeriod, VoiceComment,
};
pub use scope::ReleasedComparators;

use crate::NeedsError;
use comparison::Comparisons;
use frontline_geo::tables::Table;
use frontline_qualitative::results::QuestionFindings;
use serde::Serialize;

/// The commissioning toolkit's four questions, under which the pack sets out its evidence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Question {
    /// What does the community say it needs?
    CommunityNeeds,
    /// Which needs are not being met?
    UnmetNeeds,
    /// Does the provision fit the strategy, and is it secure?
    FitsStrategy,
    /// Were survivors consulted?
    SurvivorsConsulted,
}

impl Question {
    pub const ALL: [Question; 4] = [
        Question::CommunityNeeds,
        Question::UnmetNeeds,
        Question::FitsStrategy,
        Question::SurvivorsConsulted,
    ];

    pub fn heading(self) -> &'static str {
        match self {
            Question::CommunityNeeds => "What does the community say it needs?",
            Question::UnmetNeeds => "Which needs are not being met?",
            Question::FitsStrategy => "Does provision fit the strategy, and is its funding secure?",
            Question::SurvivorsConsulted => "Were survivors consulted?",
        }
    }
}

/// One part of the pack: a table with its notes, filed under a toolkit question.
#[derive(Debug, Clone, Serialize)]
pub struct Section {
    pub question: Question,
    pub table: Table,
    pub notes: Vec<String>,
}

/// The area a pack is about.
#[derive(Debug, Clone, Serialize)]
pub struct PackArea {
    pub code: String,
    pub name: String,
    pub region: String,
}

/// An area's pack.
#[derive(Debug, Clone, Serialize)]
pub struct Pack {
    pub year: i32,
    pub area: PackArea,
    pub sections: Vec<Section>,
    pub indicators: Vec<Indicator>,
    pub gaps_in_data: Vec<DataGap>,
    /// Approved, redacted quotes from practitioners whose service works in the area.
    pub quotes: Vec<String>,
    /// Where the comparators come from, when the pack is limited to its own area before release
    /// (see [`Pack::for_own_areas`]).
    pub comparators_note: Option<String>,
}

impl Pack {
    /// The sections filed under `question`, in order.
    pub fn under(&self, question: Question) -> impl Iterator<Item = &Section> {
        self.sections.iter().filter(move |s| s.question == question)
    }

    /// Every table, in order: the sections, then the comparison and the gaps in the data.
    pub fn tables(&self) -> Vec<Table> {
        let mut tables: Vec<Table> = self.sections.iter().map(|s| s.table.clone()).collect();
        let mut compared = comparison::table(&self.indicators);
        if let Some(note) = &self.comparators_note {
            compared.note = format!("{note} {}", compared.note);
        }
        tables.push(compared);
        tables.push(data_gaps::table(&self.gaps_in_data));
        tables
    }

    /// `indicators.csv`: `indicator,unit,area,region,england_and_wales,rank,source`.
    pub fn indicators_csv(&self) -> Result<String, NeedsError> {
        comparison::csv(&self.indicators)
    }
}

/// Builds packs for any area of the inputs; what every area shares is computed once.
pub struct Packs<'a> {
    inputs: &'a Inputs<'a>,
    comparisons: Comparisons,
    /// The national tables of money, whose cells the funding section shows.
    funding: funding::National,
    /// Each coded question's national findings.
    themes: Vec<QuestionFindings>,
}

impl<'a> Packs<'a> {
    pub fn new(inputs: &'a Inputs<'a>) -> Result<Self, NeedsError> {
        inputs.check()?;
        Ok(Self {
            comparisons: Comparisons::compute(inputs),
            funding: funding::National::compute(inputs)?,
            themes: voice::national(inputs)?,
            inputs,
        })
    }

    /// The pack of the area `code_or_name`; an unknown area is an error naming it.
    pub fn pack(&self, code_or_name: &str) -> Result<Pack, NeedsError> {
        let inputs = self.inputs;
        let area = inputs
            .geo
            .find(code_or_name)
            .ok_or_else(|| NeedsError::UnknownArea(code_or_name.to_string()))?;
        let code = area.code.as_str();
        let mut sections = Vec::new();
        sections.extend(voice::sections(inputs, &self.themes, code)?);
        sections.extend(demand::sections(inputs, code)?);
        sections.extend(trend::section(inputs, code));
        sections.push(missing::section(inputs, code));
        sections.extend(people::sections(inputs, code));
        sections.extend(provision::sections(inputs, code));
        sections.extend(funding::sections(inputs, &self.funding, code));
        sections.push(voice::consultation(inputs, code));
        Ok(Pack {
            year: inputs.year,
            area: PackArea {
                code: area.code.to_string(),
                name: area.name.clone(),
                region: area.region.clone(),
            },
            indicators: self.comparisons.for_area(code),
            gaps_in_data: data_gaps::of_area(inputs, code, &sections),
            quotes: voice::quotes(inputs, code),
            sections,
            comparators_note: None,
        })
    }
}

#[cfg(test)]
mod tests;
