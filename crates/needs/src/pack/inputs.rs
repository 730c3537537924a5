//! What a cycle's packs are built from: the publication's figures, populations and rates, the
//! services with their profiles, funding and returns, the VFS returns per period and the coded
//! comments — read once for all areas.

use crate::population::Population;
use crate::prevalence::Rate;
use crate::NeedsError;
use frontline_disclosure::CellProtector;
use frontline_geo::allocation::ServiceEstimate;
use frontline_geo::need::AreaNeedInput;
use frontline_geo::publication::Publication;
use frontline_geo::Geography;
use frontline_provision::gaps::ServiceProfile;
use frontline_provision::safe_accommodation::Places;
use frontline_provision::{Day, FundingStream};
use frontline_qualitative::codebook::Codebook;
use frontline_returns::ProgrammeTable;
use std::collections::BTreeMap;

/// An area's population and where it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct AreaPopulation {
    pub population: Population,
    pub source: String,
    /// The cycle the figures were given for; older than the pack's cycle means stale.
    pub for_year: i32,
}

/// A service as the pack sees it.
#[derive(Debug, Clone, Default)]
pub struct PackService {
    pub id: i64,
    /// `Organisation – Service`.
    pub name: String,
    /// Police force area codes it works in.
    pub areas: Vec<String>,
    /// Upper-tier local authority codes its profile names.
    pub local_authorities: Vec<String>,
    /// Its profile this cycle, if it has one.
    pub profile: Option<ServiceProfile>,
    /// Whether that profile was rolled forward from an earlier cycle rather than given.
    pub profile_rolled_forward: bool,
    /// People on its waiting list, as its profile gives.
    pub waiting_list: Option<f64>,
    /// A safe-accommodation service's places, with where they count.
    pub places: Option<PlacesIn>,
    pub streams: Vec<FundingStream>,
    /// Whether a VFS returns programme funds it, and how many of its returns are counted in the
    /// pack's periods.
    pub in_returns_programme: bool,
    pub counted_returns: usize,
    /// Whether it has a live survivors' feedback link.
    pub feedback_link: bool,
}

/// A safe-accommodation service's places and where they count: the police force area, and the
/// upper-tier authority of the cycle's year when one is known.
#[derive(Debug, Clone, Default)]
pub struct PlacesIn {
    pub area: String,
    pub authority: Option<String>,
    pub places: Places,
}

impl PackService {
    pub fn works_in(&self, code: &str) -> bool {
        self.areas.iter().any(|a| a == code)
    }
}

/// One reporting period of a VFS programme: its counted returns summed by area (every area with
/// returns, keyed by PFA code), as the period's tables publish them: protected together with
/// every other programme's table of the period ([`frontline_returns::protect_period`]).
#[derive(Debug, Clone)]
pub struct VfsPeriod {
    pub period: String,
    pub table: ProgrammeTable,
}

/// A coded comment of a practitioners' open question.
#[derive(Debug, Clone)]
pub struct VoiceComment {
    /// `Category` or `Category / Subcategory`.
    pub code: String,
    /// The police force areas of the respondent's service.
    pub areas: Vec<String>,
    /// The respondent's group, where the survey has groups (as the publication's findings).
    pub group: Option<String>,
    /// Its approved, redacted quote, if it has one.
    pub quote: Option<String>,
}

/// A coded open question: its codebook and comments.
#[derive(Debug, Clone)]
pub struct QuestionVoice {
    pub slug: String,
    pub text: String,
    /// Whether survivors' own words (their feedback's free text, consultations' transcripts)
    /// rather than practitioners' answers.
    pub from_survivors: bool,
    pub codebook: Codebook,
    pub comments: Vec<VoiceComment>,
}

/// Everything a cycle's packs are built from.
pub struct Inputs<'a> {
    pub year: i32,
    pub geo: &'a Geography,
    /// The cycle's publication, as the national tables are built.
    pub publication: &'a Publication,
    /// The service estimates it was built from (for rolled-forward figures).
    pub estimates: &'a [ServiceEstimate],
    pub populations: &'a BTreeMap<String, AreaPopulation>,
    /// All-age population by upper-tier authority code (its own for the cycle, or the latest
    /// earlier cycle's).
    pub authority_populations: &'a BTreeMap<String, u64>,
    pub rates: &'a [Rate],
    pub services: &'a [PackService],
    /// The fieldwork close, from which funding "ending within 12 months" is counted.
    pub close: Day,
    /// The most recent VFS periods, oldest first.
    pub vfs: &'a [VfsPeriod],
    pub voice: &'a [QuestionVoice],
    /// Survivors' feedback as the publication gives it: support wanted and received by region
    /// (`survivor-feedback-support`) and the outcomes nationally (`survivor-feedback-outcomes`);
    /// none when no feedback arrived in the cycle's year.
    pub feedback: &'a [frontline_geo::tables::Table],
    /// The value and market tables as the publication gives them (`grant-value`,
    /// `subcontracted-funding`, `providers-by-income`, `funder-dependency`), each protected
    /// there; none when no programme holds a grant.
    pub value: &'a [frontline_geo::tables::Table],
    /// The publication's series since the first cycle (`trends-national`, `trends-by-region`,
    /// `trends-by-pfa`); none when it has none.
    pub trends: &'a [frontline_geo::tables::Table],
    /// Each area's residents by group (its own for the cycle, or the latest earlier cycle's),
    /// with its source and year.
    pub groups: &'a BTreeMap<String, crate::groups::AreaGroups>,
    /// Consultations with survivors held in the cycle's year and the two before, every area.
    pub consultations: &'a [frontline_voice::consultation::Consultation],
    /// The need model's inputs given for the cycle (women 16+, Marac cases); areas without
    /// one take the fixture's women and no Marac cases, as the national model does.
    pub need_inputs: &'a [AreaNeedInput],
    /// What protects every count of people: the cycle's rule alone, or a release's protector
    /// (so the pack's cells are the release's own).
    pub protector: &'a dyn CellProtector,
    /// Whether the pack is for the public (from a release): area-level breakdowns that the
    /// national tables do not publish are left out.
    pub public: bool,
    /// The source line of the survey's own figures.
    pub source: &'a str,
}

impl Inputs<'_> {
    /// Checks the parameters a team enters: every rate a percentage with its source.
    pub fn check(&self) -> Result<(), NeedsError> {
        self.rates.iter().try_for_each(Rate::check)
    }

    /// The region of every area, by code.
    pub fn regions(&self) -> BTreeMap<String, String> {
        self.geo
            .areas()
            .iter()
            .map(|a| (a.code.to_string(), a.region.clone()))
            .collect()
    }

    /// The services working in `code`.
    pub fn services_in<'s>(&'s self, code: &'s str) -> impl Iterator<Item = &'s PackService> {
        self.services.iter().filter(move |s| s.works_in(code))
    }

    /// Whether the area's Marac case numbers were given for the cycle.
    pub fn marac_given(&self, code: &str) -> bool {
        self.need_inputs
            .iter()
            .any(|i| i.pfa_code == code && i.marac_cases > 0)
    }

    /// Women aged 16 and over in the area: the imported population where there is one,
    /// otherwise the need model's input (as the national coverage figures use).
    pub fn women_in(&self, code: &str) -> f64 {
        if let Some(p) = self.populations.get(code) {
            return p.population.females_16_plus as f64;
        }
        let model = self.need_inputs.iter().find(|i| i.pfa_code == code);
        match (model, self.geo.find(code)) {
            (Some(i), _) => i.adult_females as f64,
            (None, Some(a)) => a.adult_females as f64,
            (None, None) => 0.0,
        }
    }

    /// [`Inputs::women_in`] for every area, by code.
    pub fn women(&self) -> BTreeMap<String, f64> {
        self.geo
            .areas()
            .iter()
            .map(|a| (a.code.to_string(), self.women_in(&a.code)))
            .collect()
    }
}
