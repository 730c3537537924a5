//! Reads everything a cycle's packs add to the publication's own inputs, once for all areas:
//! populations and rates, services with their profiles, funding and returns, the VFS
//! periods and the coded comments with their approved quotes.

use crate::coding;
use crate::db::DbConnection;
use crate::error::{AppError, AppResult};
use crate::profiles::saving::{self, UTLAS};
use crate::publication::trends::{self, Trends};
use crate::publication::{data_source, Inputs as SiteInputs};
use crate::returns::export::protected_period;
use crate::store::cycles::Cycle;
use crate::store::states::ProfileSource;
use crate::store::{codebooks, comments, funding, populations, profiles, programmes};
use crate::store::{services, vfs_returns};
use crate::Platform;
use frontline_disclosure::CellProtector;
use frontline_needs::pack::{
    AreaPopulation, Inputs, PackService, PlacesIn, QuestionVoice, VfsPeriod, VoiceComment,
};
use frontline_needs::prevalence::Rate;
use frontline_provision::gaps::ServiceProfile;
use frontline_provision::safe_accommodation::SafeAccommodation;
use frontline_provision::{Day, FundingStream};
use frontline_returns::PeriodTables;
use std::collections::{BTreeMap, BTreeSet};
use survey_engine::Answers;

/// How many of each programme's latest periods a pack shows.
pub const VFS_PERIODS: usize = 4;

/// A cycle's pack inputs: the publication's own inputs, and what the packs add to them.
pub struct Gathered<'s> {
    site: &'s SiteInputs,
    populations: BTreeMap<String, AreaPopulation>,
    authority_populations: BTreeMap<String, u64>,
    rates: Vec<Rate>,
    services: Vec<PackService>,
    close: Day,
    vfs: Vec<VfsPeriod>,
    voice: Vec<QuestionVoice>,
    feedback: Vec<frontline_geo::tables::Table>,
    value: Vec<frontline_geo::tables::Table>,
    trends: Vec<frontline_geo::tables::Table>,
    groups: BTreeMap<String, frontline_needs::groups::AreaGroups>,
    consultations: Vec<frontline_voice::consultation::Consultation>,
    public: bool,
    pub source: String,
}

impl<'s> Gathered<'s> {
    /// Reads what the packs add to the publication's inputs `site`; `public` packs leave out
    /// what the national tables do not publish.
    pub(crate) fn read(
        platform: &Platform,
        site: &'s SiteInputs,
        trends: Option<&Trends>,
        public: bool,
    ) -> AppResult<Self> {
        let mut conn = platform.conn()?;
        let cycle = &site.cycle;
        let year = cycle.year;
        let close = Day::parse(&cycle.closes_on)
            .map_err(|e| AppError::Task(format!("the {year} close date: {e}")))?;
        let (services, vfs) =
            services_and_returns(platform, &mut conn, cycle, site.protector.as_ref())?;
        let groups = populations::groups_for_year(&mut conn, year)?;
        Ok(Self {
            populations: populations::for_year(&mut conn, year)?,
            authority_populations: populations::authorities_for_year(&mut conn, year)?,
            rates: populations::rates(&mut conn, cycle.id)?,
            voice: voice(platform, &mut conn, cycle)?,
            feedback: crate::voice::publication::tables(&mut conn, cycle, site.protector.as_ref())?,
            value: crate::grants::value::published(
                platform,
                &mut conn,
                cycle,
                site.protector.as_ref(),
            )?,
            trends: match trends {
                Some(built) => series_tables(built),
                None => {
                    let followed = followed_tables(platform, &mut conn, site)?;
                    trends::for_cycle(platform, &mut conn, cycle, !public, &followed)?
                        .as_ref()
                        .map(series_tables)
                        .unwrap_or_default()
                }
            },
            consultations: crate::store::consultations::held(
                &mut conn,
                None,
                &format!("{}-01-01", year - 2),
                &format!("{year}-12-31"),
            )?
            .into_iter()
            .map(|r| r.consultation)
            .collect(),
            source: data_source(cycle),
            groups,
            services,
            close,
            vfs,
            public,
            site,
        })
    }

    pub fn cycle(&self) -> &Cycle {
        &self.site.cycle
    }

    pub fn inputs<'a>(&'a self, platform: &'a Platform) -> Inputs<'a> {
        Inputs {
            year: self.site.cycle.year,
            geo: &platform.geography,
            publication: &self.site.publication,
            estimates: &self.site.estimates,
            populations: &self.populations,
            authority_populations: &self.authority_populations,
            rates: &self.rates,
            services: &self.services,
            close: self.close,
            vfs: &self.vfs,
            voice: &self.voice,
            feedback: &self.feedback,
            value: &self.value,
            trends: &self.trends,
            groups: &self.groups,
            consultations: &self.consultations,
            need_inputs: &self.site.need,
            protector: self.site.protector.as_ref(),
            public: self.public,
            source: &self.source,
        }
    }
}

/// Every service with its profile, streams and returns, and the VFS periods by area.
fn services_and_returns(
    platform: &Platform,
    conn: &mut DbConnection,
    cycle: &Cycle,
    protector: &dyn CellProtector,
) -> AppResult<(Vec<PackService>, Vec<VfsPeriod>)> {
    let stored: BTreeMap<i32, profiles::StoredProfile> = profiles::for_cycle(conn, cycle.id)?
        .into_iter()
        .map(|p| (p.service_id, p))
        .collect();
    let mut streams: BTreeMap<i32, Vec<FundingStream>> = BTreeMap::new();
    for (service, stream) in funding::for_cycle(conn, cycle.id)? {
        streams.entry(service).or_default().push(stream);
    }
    let mut funded: BTreeSet<i32> = BTreeSet::new();
    let mut vfs = Vec::new();
    let mut periods = Vec::new();
    for programme in programmes::all(conn)? {
        funded.extend(programmes::service_ids(conn, &programme.id)?);
        let opened = programmes::periods(conn, &programme.id)?;
        for (period, _) in opened.iter().rev().take(VFS_PERIODS).rev() {
            periods.push((programme.id.clone(), period.to_string()));
        }
    }
    // Each period protected once, every programme's table of it together.
    let mut tables: BTreeMap<String, PeriodTables> = BTreeMap::new();
    for (programme, period) in &periods {
        if !tables.contains_key(period) {
            let protected = protected_period(conn, &platform.geography, period, protector)?;
            tables.insert(period.clone(), protected);
        }
        if let Some(table) = tables.get(period).and_then(|t| t.programme(programme)) {
            vfs.push(VfsPeriod {
                period: period.clone(),
                table: table.clone(),
            });
        }
    }
    let periods: Vec<String> = tables.into_keys().collect();
    let linked = crate::store::feedback::all_links(conn)?;
    let mut counted: BTreeMap<i32, usize> = BTreeMap::new();
    for r in vfs_returns::for_periods(conn, &periods)? {
        if r.counted_answers().is_some() {
            *counted.entry(r.service_id).or_default() += 1;
        }
    }
    // Services of this cycle (and those its returns programmes fund): a service first heard of in
    // a later cycle's fieldwork is not named in this one's packs.
    let mut taking_part = Vec::new();
    for s in services::all(conn)? {
        if funded.contains(&s.id) || services::in_cycle(conn, cycle.id, s.id).is_ok() {
            taking_part.push(s);
        }
    }
    let services = taking_part
        .into_iter()
        .map(|s| {
            let profile = stored.get(&s.id);
            let answers = match profile {
                Some(p) => Answers::from_json(&p.answers)?,
                None => Answers::new(),
            };
            Ok(PackService {
                id: i64::from(s.id),
                name: format!("{} – {}", s.organisation, s.name),
                local_authorities: answers
                    .choices(UTLAS)
                    .into_iter()
                    .map(str::to_string)
                    .collect(),
                profile: profile.map(|_| ServiceProfile::from_answers(&answers)),
                profile_rolled_forward: profile
                    .is_some_and(|p| p.source == ProfileSource::RolledForward),
                waiting_list: answers.number("waiting_list"),
                places: safe_places(&s.areas, &answers, &cycle.closes_on)?,
                streams: streams.remove(&s.id).unwrap_or_default(),
                in_returns_programme: funded.contains(&s.id),
                counted_returns: counted.get(&s.id).copied().unwrap_or(0),
                feedback_link: linked.contains_key(&s.id),
                areas: s.areas,
            })
        })
        .collect::<AppResult<Vec<_>>>()?;
    Ok((services, vfs))
}

/// The coded open questions of the practitioner survey and of survivors' own words (feedback and
/// consultations): each comment's final code, its areas and its approved quote.
fn voice(
    platform: &Platform,
    conn: &mut DbConnection,
    cycle: &Cycle,
) -> AppResult<Vec<QuestionVoice>> {
    let approved: BTreeMap<i32, String> = coding::quotes::published(platform, conn, cycle)?
        .into_iter()
        .map(|(q, text)| (q.comment_id, text))
        .collect();
    // Each comment's respondent group, as the publication's findings group them.
    let groups = coding::findings::groups_of(platform, conn, cycle)?;
    let mut out = Vec::new();
    for question in coding::open_questions(platform, conn, cycle)? {
        if matches!(question.source, coding::TextSource::Instrument(_)) {
            continue;
        }
        // Groups are the practitioner survey's: survivors' words have none.
        let responses: BTreeMap<i32, i32> = comments::of_question(conn, cycle.id, &question.id)?
            .into_iter()
            .filter(|_| question.source.is_survey())
            .map(|c| (c.id, c.response_id))
            .collect();
        let Some(book) = codebooks::latest(conn, cycle.id, &question.id)? else {
            continue;
        };
        let codes = coding::findings::final_codes(conn, cycle, &question.id)?;
        let mut areas: BTreeMap<i32, Vec<String>> = BTreeMap::new();
        for (comment, pfa) in comments::areas_of_question(conn, cycle.id, &question.id)? {
            areas.entry(comment).or_default().push(pfa);
        }
        let comments = codes
            .into_iter()
            .map(|(id, code)| VoiceComment {
                code,
                areas: areas.remove(&id).unwrap_or_default(),
                group: responses.get(&id).and_then(|r| groups.get(r)).cloned(),
                quote: approved.get(&id).cloned(),
            })
            .collect();
        out.push(QuestionVoice {
            from_survivors: question.source.is_survivors(),
            slug: question.slug,
            text: question.label,
            codebook: book.codebook,
            comments,
        });
    }
    Ok(out)
}

/// A safe-accommodation service's places and where they count, when it gives any; `day` is the
/// cycle's close, whose authorities its places count in.
fn safe_places(areas: &[String], answers: &Answers, day: &str) -> AppResult<Option<PlacesIn>> {
    if !ServiceProfile::from_answers(answers).is_safe_accommodation() {
        return Ok(None);
    }
    let given = SafeAccommodation::from_answers(answers);
    let Some(area) = saving::places_area(areas, answers) else {
        return Ok(None);
    };
    if !given.is_given() {
        return Ok(None);
    }
    Ok(Some(PlacesIn {
        area: area.to_string(),
        authority: saving::places_authority(areas, answers, day)?,
        places: given.places,
    }))
}

/// The series tables the packs take their trend sections from.
fn series_tables(trends: &Trends) -> Vec<frontline_geo::tables::Table> {
    trends.series.tables().into_iter().cloned().collect()
}

/// The cycle's tables a series follows: the publication's, and the refuge places against the
/// minimum, which the site builds beside them from the profiles.
fn followed_tables(
    platform: &Platform,
    conn: &mut DbConnection,
    site: &SiteInputs,
) -> AppResult<Vec<frontline_geo::tables::Table>> {
    let mut tables = site.publication.tables.clone();
    tables.extend(crate::profiles::safe_accommodation::spaces_table(
        platform,
        conn,
        &site.cycle,
    )?);
    Ok(tables)
}
