//! The pack against the publication it is built from: its coverage is the coverage table's
//! cell, regions are ratios of sums, a public pack leaves out area-level themes, and the gaps in
//! the data name what to chase.

use super::*;
use crate::population::Population;
use crate::prevalence::defaults;
use frontline_disclosure::SuppressionRule;
use frontline_geo::allocation::{Given, Provenance, ServiceEstimate};
use frontline_geo::need::{AreaNeedInput, NeedParameters};
use frontline_geo::publication::{build, Publication};
use frontline_geo::Geography;
use frontline_provision::gaps::ServiceProfile;
use frontline_provision::safe_accommodation::Places;
use frontline_provision::Day;
use frontline_qualitative::codebook::Codebook;
use std::collections::BTreeMap;
use survey_engine::figures::{PractitionerFigures, Role, RoleFigures};

const KENT: &str = "E23000032";
const SURREY: &str = "E23000031";
const MEDWAY: &str = "E06000035";

fn estimate(
    id: i64,
    name: &str,
    idva: f64,
    high_risk: f64,
    area: &str,
    kind: Given,
) -> ServiceEstimate {
    let mut figures = PractitionerFigures::default();
    figures.roles.insert(
        Role::Idva,
        RoleFigures {
            people: idva.ceil(),
            fte: idva,
        },
    );
    figures.idva_high_risk_fte = high_risk;
    ServiceEstimate {
        service_id: id,
        service: name.into(),
        figures,
        shares: BTreeMap::from([(area.to_string(), 1.0)]),
        provenance: Provenance {
            kind,
            source: if kind == Given::RolledForward {
                "2016 survey results".into()
            } else {
                "survey".into()
            },
        },
    }
}

struct World {
    geo: Geography,
    publication: Publication,
    estimates: Vec<ServiceEstimate>,
    populations: BTreeMap<String, AreaPopulation>,
    authority_populations: BTreeMap<String, u64>,
    services: Vec<PackService>,
    voice: Vec<QuestionVoice>,
    feedback: Vec<Table>,
    consultations: Vec<frontline_voice::consultation::Consultation>,
    groups: BTreeMap<String, crate::groups::AreaGroups>,
    need: Vec<AreaNeedInput>,
}

fn world() -> World {
    let geo = Geography::reference();
    let estimates = vec![
        estimate(1, "Kent Idva", 4.0, 3.0, KENT, Given::Online),
        estimate(2, "Medway Outreach", 2.0, 1.0, KENT, Given::RolledForward),
        estimate(3, "Surrey Idva", 6.0, 6.0, SURREY, Given::Online),
    ];
    let need = vec![AreaNeedInput {
        pfa_code: frontline_geo::PfaCode::parse(KENT).expect("Kent"),
        adult_females: 760_000,
        marac_cases: 2_400,
    }];
    let publication = build(
        2017,
        &geo,
        &estimates,
        &need,
        NeedParameters::default(),
        &rule(),
    )
    .expect("publication");
    let populations = BTreeMap::from([(
        KENT.to_string(),
        AreaPopulation {
            population: Population {
                females_16_plus: 800_000,
                males_16_plus: 760_000,
                children_0_15: 300_000,
            },
            source: "Test population".into(),
            for_year: 2016,
        },
    )]);
    let services = vec![
        PackService {
            id: 1,
            name: "Kent Idva".into(),
            areas: vec![KENT.into()],
            profile: Some(ServiceProfile::default()),
            in_returns_programme: true,
            waiting_list: Some(3.0),
            places: Some(PlacesIn {
                area: KENT.into(),
                authority: Some(MEDWAY.into()),
                places: Places {
                    family: 150,
                    ..Default::default()
                },
            }),
            ..Default::default()
        },
        PackService {
            id: 2,
            name: "Medway Outreach".into(),
            areas: vec![KENT.into()],
            ..Default::default()
        },
    ];
    let codebook = Codebook::from_csv(
        "c.csv",
        "category,subcategory,definition,examples\nFunding,,Money,\nHousing,,Homes,\n",
    )
    .expect("codebook");
    let comment = |code: &str, area: &str| VoiceComment {
        code: code.into(),
        areas: vec![area.into()],
        group: None,
        quote: None,
    };
    let mut comments: Vec<VoiceComment> = (0..12).map(|_| comment("Funding", KENT)).collect();
    comments.extend((0..9).map(|_| comment("Housing", SURREY)));
    comments.push(VoiceComment {
        quote: Some("We need [area] funding that lasts.".into()),
        ..comment("Funding", KENT)
    });
    let voice = vec![QuestionVoice {
        from_survivors: false,
        slug: "difference".into(),
        text: "What would make the difference?".into(),
        codebook,
        comments,
    }];
    World {
        geo,
        publication,
        estimates,
        populations,
        authority_populations: BTreeMap::from([(MEDWAY.to_string(), 280_000)]),
        services,
        voice,
        feedback: feedback_tables(),
        groups: BTreeMap::new(),
        consultations: vec![frontline_voice::consultation::Consultation {
            held_on: Day::parse("2017-03-02").expect("day"),
            pfa_code: KENT.into(),
            method: frontline_voice::consultation::Method::FocusGroup,
            people: 3,
            groups: vec![frontline_voice::consultation::Group::BlackAndMinoritised],
        }],
        need,
    }
}

/// The feedback tables as a release publishes them: a hidden cell and its percentage as [c].
fn feedback_tables() -> Vec<Table> {
    let mut support = Table::new(
        "survivor-feedback-support",
        "Support people wanted and whether they got it",
        &[
            "region",
            "support",
            "wanted",
            "received",
            "not_received",
            "received_pct",
        ],
    );
    for row in [
        [
            "South East",
            "Counselling or therapy",
            "40",
            "30",
            "10",
            "75",
        ],
        [
            "South East",
            "Support for the abuser to change",
            "20",
            "[c]",
            "[c]",
            "[c]",
        ],
        ["South East", "A helpline", "25", "10", "15", "40"],
        [
            "England and Wales",
            "Counselling or therapy",
            "400",
            "300",
            "100",
            "75",
        ],
        [
            "England and Wales",
            "Support for the abuser to change",
            "100",
            "7",
            "93",
            "7",
        ],
    ] {
        support.push(row.iter().map(|c| c.to_string()).collect());
    }
    let mut outcomes = Table::new(
        "survivor-feedback-outcomes",
        "How people feel after support",
        &["outcome", "yes", "not_sure", "no", "answered", "yes_pct"],
    );
    outcomes.push(
        ["Feel safer", "300", "50", "50", "400", "75"]
            .iter()
            .map(|c| c.to_string())
            .collect(),
    );
    outcomes.push(
        ["Cope better", "[c]", "[c]", "60", "400", "[c]"]
            .iter()
            .map(|c| c.to_string())
            .collect(),
    );
    vec![support, outcomes]
}

fn inputs<'a>(w: &'a World, rates: &'a [crate::prevalence::Rate], public: bool) -> Inputs<'a> {
    Inputs {
        year: 2017,
        geo: &w.geo,
        publication: &w.publication,
        estimates: &w.estimates,
        populations: &w.populations,
        authority_populations: &w.authority_populations,
        rates,
        services: &w.services,
        close: Day::parse("2017-09-30").expect("day"),
        vfs: &[],
        voice: &w.voice,
        feedback: &w.feedback,
        value: &[],
        trends: &[],
        groups: &w.groups,
        consultations: &w.consultations,
        need_inputs: &w.need,
        protector: &*RULE,
        public,
        source: "Test survey 2017.",
    }
}

fn indicator<'p>(pack: &'p Pack, id: &str) -> &'p Indicator {
    pack.indicators.iter().find(|i| i.id == id).expect(id)
}

#[test]
fn coverage_is_the_coverage_tables_cell_and_regions_are_ratios_of_sums() {
    let w = world();
    let rates = defaults();
    let inputs = inputs(&w, &rates, false);
    let pack = Packs::new(&inputs)
        .expect("packs")
        .pack("Kent")
        .expect("pack");
    let table = w.publication.table("pfa-coverage").expect("table");
    assert_eq!(
        indicator(&pack, "idva_coverage_pct").area,
        table.cell(KENT, "coverage_pct").expect("cell")
    );
    // 6 FTE Idvas over 800,000 imported women; the South East adds Surrey's 6 FTE over its
    // need-model women and the region's other areas' fixture women.
    let per = indicator(&pack, "fte_idva_per_100k_women");
    assert_eq!(per.area, "0.8");
    let south_east: f64 = w
        .geo
        .areas()
        .iter()
        .filter(|a| a.region == "South East")
        .map(|a| {
            if a.code == KENT {
                800_000.0
            } else {
                a.adult_females as f64
            }
        })
        .sum();
    assert_eq!(per.values.region, Some(12.0 / south_east * 100_000.0));
    assert_eq!(
        indicator(&pack, "estimated_sexual_assault_last_year_women").area,
        "23200"
    );
    assert_eq!(
        indicator(&pack, "waiting_list").area,
        "[c]",
        "3 people waiting is a small count"
    );
    // Volunteers are people: the published table's cells, unranked.
    let volunteers = indicator(&pack, "volunteers");
    let published = w
        .publication
        .table("volunteers-by-pfa")
        .expect("volunteers table");
    assert_eq!(
        volunteers.area,
        published.cell(KENT, "volunteers").expect("cell")
    );
    assert_eq!(volunteers.rank, "");
    let csv = pack.indicators_csv().expect("csv");
    assert!(csv.starts_with("indicator,unit,area,region,england_and_wales,rank,source\n"));
}

#[test]
fn the_gaps_in_the_data_name_what_to_chase() {
    let w = world();
    let rates = defaults();
    let inputs = inputs(&w, &rates, false);
    let pack = Packs::new(&inputs)
        .expect("packs")
        .pack(KENT)
        .expect("pack");
    let gaps: Vec<String> = pack
        .gaps_in_data
        .iter()
        .map(|g| format!("{}: {}", g.gap, g.detail))
        .collect();
    let has = |text: &str| gaps.iter().any(|g| g.contains(text));
    assert!(
        has("Figures rolled forward: Medway Outreach did not respond"),
        "{gaps:?}"
    );
    assert!(has("No service profile: Medway Outreach"), "{gaps:?}");
    assert!(has("No VFS returns: Kent Idva"), "{gaps:?}");
    assert!(
        has("Stale population: The population was given for 2016, not 2017"),
        "{gaps:?}"
    );
    assert!(
        !has("No Marac figures"),
        "Kent's Marac cases were given: {gaps:?}"
    );
    let surrey = Packs::new(&inputs)
        .expect("packs")
        .pack(SURREY)
        .expect("pack");
    assert!(surrey
        .gaps_in_data
        .iter()
        .any(|g| g.gap == "No Marac figures"));
    assert!(surrey.gaps_in_data.iter().any(|g| g.gap == "No population"));
    assert_eq!(
        pack.quotes,
        vec!["We need [area] funding that lasts.".to_string()]
    );
    assert!(matches!(
        Packs::new(&inputs).expect("packs").pack("Atlantis"),
        Err(crate::NeedsError::UnknownArea(_))
    ));
}

#[test]
fn a_public_pack_gives_themes_by_region_not_by_area() {
    let w = world();
    let rates = defaults();
    let draft = Packs::new(&inputs(&w, &rates, false))
        .expect("packs")
        .pack(KENT)
        .expect("pack");
    let public_inputs = inputs(&w, &rates, true);
    let public = Packs::new(&public_inputs)
        .expect("packs")
        .pack(KENT)
        .expect("pack");
    let voice = |p: &Pack| {
        p.sections
            .iter()
            .find(|s| s.table.name == "voice-difference")
            .expect("voice")
            .table
            .clone()
    };
    assert!(voice(&draft).columns.contains(&"area_pct".to_string()));
    assert!(!voice(&public).columns.contains(&"area_pct".to_string()));
    // Nor the number waiting, which no national table protects.
    assert!(draft.indicators.iter().any(|i| i.id == "waiting_list"));
    assert!(public.indicators.iter().all(|i| i.id != "waiting_list"));
    let waiting = |p: &Pack| {
        p.sections
            .iter()
            .find(|s| s.table.name == "waiting-lists")
            .expect("waiting")
            .table
            .rows
            .len()
    };
    assert_eq!((waiting(&draft), waiting(&public)), (2, 1));
    // Kent's 13 comments are all Funding: 100% in the area and 13 of 22 in the South East.
    let funding = |t: &frontline_geo::tables::Table| {
        t.rows
            .iter()
            .find(|r| r[0] == "Funding")
            .expect("row")
            .clone()
    };
    assert_eq!(funding(&voice(&draft))[1..], ["100", "59", "59"]);
}

proptest::proptest! {
    /// A region's rate is a ratio of sums, so it lies between its areas' lowest and highest.
    #[test]
    fn a_regions_rate_lies_between_its_areas(counts in proptest::collection::vec((0.0f64..50.0, 1u64..1_000_000), 1..8)) {
        let regions: BTreeMap<String, String> = (0..counts.len()).map(|i| (format!("a{i}"), "R".to_string())).collect();
        let numerators: BTreeMap<String, f64> = counts.iter().enumerate().map(|(i, (c, _))| (format!("a{i}"), *c)).collect();
        let people: BTreeMap<String, f64> = counts.iter().enumerate().map(|(i, (_, p))| (format!("a{i}"), *p as f64)).collect();
        let compared = crate::indicators::compare_ratio(&numerators, Some(&people), 100_000.0, &regions, "a0");
        let rates: Vec<f64> = counts.iter().map(|(c, p)| c / *p as f64 * 100_000.0).collect();
        let low = rates.iter().copied().fold(f64::MAX, f64::min);
        let high = rates.iter().copied().fold(f64::MIN, f64::max);
        let region = compared.region.expect("a region rate");
        proptest::prop_assert!(region >= low * (1.0 - 1e-9) && region <= high * (1.0 + 1e-9));
        proptest::prop_assert_eq!(compared.region, compared.england_and_wales);
    }
}

/// The default rule, as every test pack is protected.
static RULE: std::sync::LazyLock<SuppressionRule> = std::sync::LazyLock::new(rule);

fn rule() -> SuppressionRule {
    SuppressionRule::new(SuppressionRule::DEFAULT_THRESHOLD).expect("rule")
}

#[test]
fn areas_whose_cells_read_the_same_share_a_rank_in_every_pack() {
    let w = world();
    let rates = defaults();
    let inputs = inputs(&w, &rates, false);
    let packs = Packs::new(&inputs).expect("packs");
    let all: Vec<Pack> = w
        .geo
        .areas()
        .iter()
        .map(|a| packs.pack(&a.code).expect("pack"))
        .collect();
    let mut rank_of: BTreeMap<(String, String), std::collections::BTreeSet<String>> =
        BTreeMap::new();
    for pack in &all {
        for i in &pack.indicators {
            if !i.rank.is_empty() {
                rank_of
                    .entry((i.id.clone(), i.area.clone()))
                    .or_default()
                    .insert(i.rank.clone());
            }
        }
    }
    for ((id, area), ranks) in &rank_of {
        assert_eq!(ranks.len(), 1, "{id}: areas reading {area} rank {ranks:?}");
    }
    // A suppressed value is not ranked.
    for pack in &all {
        for i in pack.indicators.iter().filter(|i| i.area == "[c]") {
            assert_eq!(i.rank, "", "{} in {}", i.id, pack.area.name);
        }
    }
}

#[test]
fn refuge_places_stand_against_the_minimum_in_the_area_region_and_nation() {
    let w = world();
    let rates = defaults();
    let draft = inputs(&w, &rates, false);
    let pack = Packs::new(&draft).expect("packs").pack(KENT).expect("pack");
    let table = &pack
        .sections
        .iter()
        .find(|s| s.table.name == "refuge-places")
        .expect("the refuge places section")
        .table;
    // Kent: 800,000 + 760,000 + 300,000 residents → 186 places at one per 10,000; 150 given.
    assert_eq!(table.rows[0][1..], ["1860000", "150", "186", "36"]);
    // Only Kent has an imported population: the region's and the nation's minimum are unknown,
    // and say so by staying blank, but their places still add up.
    assert_eq!(table.rows[1][1..], ["", "150", "", ""]);
    assert_eq!(table.rows[2][0], "England and Wales");
    assert!(
        !table.to_csv().expect("csv").contains("Kent Idva"),
        "no service is named"
    );
    // By authority: Medway's 150 places against its own 280,000 residents (28 places); Kent's
    // county has no imported population, so no minimum.
    let by_authority = &pack
        .sections
        .iter()
        .find(|s| s.table.name == "refuge-places-by-authority")
        .expect("the refuge places by authority section")
        .table;
    let row = |name: &str| by_authority.rows.iter().find(|r| r[1] == name).expect(name);
    assert_eq!(row("Medway")[2..], ["280000", "150", "28", "0"]);
    assert_eq!(row("Kent")[2..], ["", "0", "", ""]);
    assert_eq!(by_authority.rows.len(), 2, "no places without an authority");
    // A public pack leaves places by authority out: the directory names the area's refuges.
    let public = inputs(&w, &rates, true);
    let pack = Packs::new(&public)
        .expect("packs")
        .pack(KENT)
        .expect("pack");
    assert!(pack
        .sections
        .iter()
        .all(|s| s.table.name != "refuge-places-by-authority"));
}

#[test]
fn survivors_voice_reads_the_published_feedback_cells_and_nothing_hidden() {
    let w = world();
    let rates = defaults();
    let inputs = inputs(&w, &rates, true);
    let pack = Packs::new(&inputs)
        .expect("packs")
        .pack(KENT)
        .expect("pack");
    let table = &pack
        .sections
        .iter()
        .find(|s| s.table.name == "survivor-voice")
        .expect("the survivors' voice section")
        .table;
    let held = |evidence: &str| -> String {
        table
            .rows
            .iter()
            .find(|r| r[0].starts_with(evidence))
            .map(|r| r[1].clone())
            .expect(evidence)
    };
    // The hidden abuser-change cell in the South East is passed over, not guessed at.
    assert_eq!(
        held("Support survivors wanted but least often got, South East"),
        "A helpline: 40% of the 25 people who wanted it got it"
    );
    assert_eq!(
        held("Support survivors wanted but least often got, England and Wales"),
        "Support for the abuser to change: 7% of the 100 people who wanted it got it"
    );
    assert_eq!(held("How people feel after support"), "Feel safer: 75%");
    assert_eq!(
        held("Anonymous feedback"),
        "0 of 2 services working in the area have a feedback link"
    );
    // Three people: said as fewer than the threshold, never as the number.
    assert_eq!(
        held("Survivors consulted directly, 2015 to 2017"),
        "Focus group, 2017-03-02: fewer than 5 people (Black and minoritised survivors)"
    );
}

/// The publication's series for two cycles, 2016 released and 2017 this one, for every area.
fn trend_tables(geo: &Geography) -> Vec<Table> {
    let followed = ["fte_idvas_high_risk", "recommended_fte", "coverage_pct"];
    let mut national = Table::new("trends-national", "", &["cycle"]);
    let mut by_region = Table::new("trends-by-region", "", &["cycle", "region"]);
    let mut by_pfa = Table::new("trends-by-pfa", "", &["cycle", "pfa_code", "pfa", "region"]);
    for t in [&mut national, &mut by_region, &mut by_pfa] {
        t.columns.extend(followed.iter().map(|c| c.to_string()));
    }
    let cells = |n: &str| vec![n.to_string(), "20".to_string(), "50".to_string()];
    for year in ["2016", "2017"] {
        national
            .rows
            .push([vec![year.to_string()], cells("900")].concat());
        for region in frontline_geo::areas::REGIONS {
            by_region
                .rows
                .push([vec![year.to_string(), region.to_string()], cells("90")].concat());
        }
        for a in geo.areas() {
            let key = vec![
                year.to_string(),
                a.code.to_string(),
                a.name.clone(),
                a.region.clone(),
            ];
            by_pfa.rows.push([key, cells("9")].concat());
        }
    }
    vec![national, by_region, by_pfa]
}

#[test]
fn before_release_an_office_sees_its_own_row_of_this_cycle_even_where_its_region_shares_its_name() {
    let w = world();
    let trends = trend_tables(&w.geo);
    let rates = crate::prevalence::defaults();
    let mut inputs = inputs(&w, &rates, false);
    inputs.trends = &trends;
    let packs = Packs::new(&inputs).expect("packs");
    // West Midlands, the area, lies in West Midlands, the region.
    let pack = packs.pack("E23000014").expect("pack");
    let rows = |pack: &Pack| -> Vec<Vec<String>> {
        pack.sections
            .iter()
            .find(|s| s.table.name == "trend")
            .expect("trend section")
            .table
            .rows
            .clone()
    };
    assert_eq!(
        rows(&pack).len(),
        6,
        "area, region and nation in each of two cycles"
    );
    let own = pack.for_own_areas(None);
    let kept = rows(&own);
    let of = |year: &str| -> Vec<&str> {
        kept.iter()
            .filter(|r| r[0] == year)
            .map(|r| r[1].as_str())
            .collect()
    };
    assert_eq!(
        of("2016"),
        ["area", "region", "national"],
        "released: all kept"
    );
    assert_eq!(of("2017"), ["area"], "this cycle: the area's own row only");
    assert!(kept.iter().all(|r| r[0] != "2017" || r[3] == "9"));
}

#[test]
fn a_draft_for_the_areas_own_office_keeps_only_its_own_value_row_and_no_market_table() {
    let w = world();
    let rates = defaults();
    let value = |name: &str, columns: &[&str], rows: &[&[&str]]| {
        let mut t = Table::new(name, name, columns);
        for r in rows {
            t.push(r.iter().map(|c| c.to_string()).collect());
        }
        t
    };
    let tables = vec![
        value(
            "grant-value",
            &["pfa_code", "pfa", "region", "grants"],
            &[
                &[KENT, "Kent", "South East", "3"],
                &[SURREY, "Surrey", "South East", "2"],
                &["", "South East (all areas)", "South East", "5"],
                &["", "England and Wales", "Total", "5"],
            ],
        ),
        value(
            "funder-dependency",
            &["region", "providers"],
            &[&["South East", "4"], &["Total", "4"]],
        ),
    ];
    let mut draft = inputs(&w, &rates, false);
    draft.value = &tables;
    let pack = Packs::new(&draft).expect("packs").pack(KENT).expect("pack");
    let section = |pack: &Pack, name: &str| {
        pack.sections
            .iter()
            .find(|s| s.table.name == name)
            .map(|s| s.table.rows.clone())
            .expect(name)
    };
    assert_eq!(
        section(&pack, "grant-value").len(),
        3,
        "Kent, its region, the nation"
    );
    let own = pack.for_own_areas(None);
    assert_eq!(
        section(&own, "grant-value"),
        vec![vec![
            KENT.to_string(),
            "Kent".into(),
            "South East".into(),
            "3".into()
        ]]
    );
    assert!(section(&own, "funder-dependency").is_empty());
}
