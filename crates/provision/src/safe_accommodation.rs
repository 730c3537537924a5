//! A safe-accommodation service's places and referrals as its profile gives them, and family
//! places by police force area against the Council of Europe minimum: one family place in a
//! specialist refuge per 10,000 people — and the same by upper-tier local authority. Only counts
//! by area leave here, never a service's.

use frontline_geo::areas::REGIONS;
use frontline_geo::authorities::UpperTierAuthority;
use frontline_geo::tables::Table;
use frontline_geo::Geography;
use serde::Serialize;
use std::collections::BTreeMap;
use survey_engine::Answers;

/// The Council of Europe's minimum: one family place per this many people of all ages.
pub const PEOPLE_PER_FAMILY_PLACE: u64 = 10_000;

/// The minimum number of family places for `population` people: population ÷ 10,000, rounded
/// half up to whole places.
pub fn coe_minimum(population: u64) -> u64 {
    (population + PEOPLE_PER_FAMILY_PLACE / 2) / PEOPLE_PER_FAMILY_PLACE
}

/// The places short of the minimum, never below zero.
pub fn shortfall(population: u64, family_places: u64) -> u64 {
    coe_minimum(population).saturating_sub(family_places)
}

/// Places today, by kind. Accessible and by-and-for units are counted within the others.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Places {
    pub family: u64,
    pub single_women: u64,
    pub men: u64,
    pub lgbt: u64,
    pub accessible: u64,
    pub by_and_for: u64,
}

/// Why a referral was declined, in the profile's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DeclineReason {
    NoSpace,
    NeedsNotMet,
    Risk,
    NoRecourse,
}

impl DeclineReason {
    pub const ALL: [DeclineReason; 4] = [
        DeclineReason::NoSpace,
        DeclineReason::NeedsNotMet,
        DeclineReason::Risk,
        DeclineReason::NoRecourse,
    ];

    /// The profile question that counts it.
    pub fn question(self) -> &'static str {
        match self {
            DeclineReason::NoSpace => "declined_no_space",
            DeclineReason::NeedsNotMet => "declined_needs_not_met",
            DeclineReason::Risk => "declined_risk",
            DeclineReason::NoRecourse => "declined_no_recourse",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            DeclineReason::NoSpace => "No space",
            DeclineReason::NeedsNotMet => "Needs could not be met",
            DeclineReason::Risk => "Risk",
            DeclineReason::NoRecourse => "No recourse to public funds",
        }
    }
}

/// Referrals in the last 12 months.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Referrals {
    pub received: u64,
    pub accepted: u64,
    pub declined: BTreeMap<DeclineReason, u64>,
    /// Households placed from outside the area, of those accepted.
    pub from_out_of_area: u64,
}

/// What one safe-accommodation service's profile says of its places and referrals.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SafeAccommodation {
    pub places: Places,
    pub referrals: Referrals,
}

/// A whole, non-negative count from an answer; none when unanswered or not such a number.
fn count(answers: &Answers, question: &str) -> u64 {
    answers
        .number(question)
        .filter(|n| n.is_finite() && *n >= 0.0 && n.fract() == 0.0)
        .map_or(0, |n| n as u64)
}

impl SafeAccommodation {
    /// Reads the profile's safe-accommodation questions; unanswered counts are zero.
    pub fn from_answers(answers: &Answers) -> Self {
        let c = |q| count(answers, q);
        Self {
            places: Places {
                family: c("family_places"),
                single_women: c("single_women_places"),
                men: c("places_for_men"),
                lgbt: c("places_for_lgbt"),
                accessible: c("accessible_units"),
                by_and_for: c("by_and_for_units"),
            },
            referrals: Referrals {
                received: c("referrals_received"),
                accepted: c("referrals_accepted"),
                declined: DeclineReason::ALL
                    .iter()
                    .map(|r| (*r, c(r.question())))
                    .collect(),
                from_out_of_area: c("placements_out_of_area"),
            },
        }
    }

    /// The places and referrals of several services added up (an area's, say).
    pub fn sum<'a>(given: impl IntoIterator<Item = &'a SafeAccommodation>) -> Self {
        let mut total = Self::default();
        for g in given {
            let (p, q) = (&mut total.places, &g.places);
            p.family += q.family;
            p.single_women += q.single_women;
            p.men += q.men;
            p.lgbt += q.lgbt;
            p.accessible += q.accessible;
            p.by_and_for += q.by_and_for;
            let (r, s) = (&mut total.referrals, &g.referrals);
            r.received += s.received;
            r.accepted += s.accepted;
            r.from_out_of_area += s.from_out_of_area;
            for (reason, n) in &s.declined {
                *r.declined.entry(*reason).or_insert(0) += n;
            }
        }
        total
    }

    /// Whether the profile gives any place or referral at all.
    pub fn is_given(&self) -> bool {
        let r = &self.referrals;
        self.places != Places::default()
            || r.received > 0
            || r.accepted > 0
            || r.from_out_of_area > 0
            || r.declined.values().any(|n| *n > 0)
    }
}

/// The columns of `refuge-spaces-by-pfa`.
pub const SPACES_COLUMNS: [&str; 7] = [
    "pfa_code",
    "pfa",
    "region",
    "population",
    "family_places",
    "coe_minimum",
    "shortfall",
];

/// One row's figures: none for the population (and what follows from it) when an area of the
/// row has no population for the cycle.
fn figures(population: Option<u64>, places: u64) -> [String; 4] {
    match population {
        Some(p) => [
            p.to_string(),
            places.to_string(),
            coe_minimum(p).to_string(),
            shortfall(p, places).to_string(),
        ],
        None => [
            String::new(),
            places.to_string(),
            String::new(),
            String::new(),
        ],
    }
}

/// `refuge-spaces-by-pfa`: each police force area's family places against the minimum for its
/// population, then each region ("North West (all areas)") and England and Wales as a whole (the minimum of the region's
/// population, so a region's shortfall nets its areas' places against its whole need).
/// `population` is the cycle's all-age population by area code; `family_places` the places the
/// area's services give, by area code.
pub fn spaces_by_pfa(
    geo: &Geography,
    population: &BTreeMap<String, u64>,
    family_places: &BTreeMap<String, u64>,
) -> Table {
    let mut table = Table::new(
        "refuge-spaces-by-pfa",
        "Refuge family places against the Council of Europe minimum",
        &SPACES_COLUMNS,
    )
    .keyed_by(3)
    .with_note(
        "The Council of Europe minimum is one family place in a specialist refuge per 10,000 \
         people (population ÷ 10,000, rounded half up). Family places are those the area's \
         safe-accommodation services give in their profiles; a region's and England and \
         Wales' shortfall set all their places against their whole population. Counts by \
         area only: no refuge's location is ever published.",
    );
    let mut areas: Vec<_> = geo.areas().iter().collect();
    areas.sort_by(|a, b| (&a.region, &a.name).cmp(&(&b.region, &b.name)));
    let places_of = |code: &str| family_places.get(code).copied().unwrap_or(0);
    // A group's population is known only when every area of it has one.
    let group = |members: &[&&frontline_geo::areas::PoliceForceArea]| -> (Option<u64>, u64) {
        let population = members
            .iter()
            .map(|a| population.get(a.code.as_str()).copied())
            .sum::<Option<u64>>();
        (
            population,
            members.iter().map(|a| places_of(a.code.as_str())).sum(),
        )
    };
    for a in &areas {
        let [p, f, m, s] = figures(
            population.get(a.code.as_str()).copied(),
            places_of(a.code.as_str()),
        );
        table.push(vec![
            a.code.to_string(),
            a.name.clone(),
            a.region.clone(),
            p,
            f,
            m,
            s,
        ]);
    }
    for region in REGIONS {
        let members: Vec<_> = areas.iter().filter(|a| a.region == region).collect();
        let (p, places) = group(&members);
        let [p, f, m, s] = figures(p, places);
        table.push(vec![
            String::new(),
            format!("{region} (all areas)"),
            region.into(),
            p,
            f,
            m,
            s,
        ]);
    }
    let everyone: Vec<_> = areas.iter().collect();
    let (p, places) = group(&everyone);
    let [p, f, m, s] = figures(p, places);
    table.push(vec![
        String::new(),
        "England and Wales".into(),
        "Total".into(),
        p,
        f,
        m,
        s,
    ]);
    table
}

/// The columns of `refuge-spaces-by-utla`.
pub const SPACES_BY_AUTHORITY_COLUMNS: [&str; 9] = [
    "utla_code",
    "utla",
    "pfa_code",
    "pfa",
    "region",
    "population",
    "family_places",
    "coe_minimum",
    "shortfall",
];

/// What `refuge-spaces-by-utla` is built from: the authorities of the cycle's year, their
/// all-age populations and the family places counted in each (by authority code), and the
/// places of services that have not said which authority they are in (by police force area).
pub struct ByAuthority<'a> {
    pub authorities: &'a [&'a UpperTierAuthority],
    pub population: &'a BTreeMap<String, u64>,
    pub family_places: &'a BTreeMap<String, u64>,
    pub unplaced: &'a BTreeMap<String, u64>,
}

/// `refuge-spaces-by-utla`: each upper-tier local authority's family places against the minimum
/// for its population; then, for each police force area with places whose authority no service
/// gave, a row of those places alone (no population, so no minimum); then each region and
/// England and Wales, whose places include those and whose population is known only when every
/// authority of it has one.
pub fn spaces_by_utla(geo: &Geography, given: &ByAuthority<'_>) -> Table {
    let mut table = Table::new(
        "refuge-spaces-by-utla",
        "Refuge family places against the Council of Europe minimum, by upper-tier local authority",
        &SPACES_BY_AUTHORITY_COLUMNS,
    )
    .keyed_by(5)
    .with_note(
        "The Council of Europe minimum is one family place in a specialist refuge per 10,000 \
         people (population ÷ 10,000, rounded half up). Family places are those the \
         safe-accommodation services give in their profiles, counted in the authority each \
         names (a service in one authority is counted there); places whose authority was not \
         given stand in their police force area's own row and count in its region and England \
         and Wales. Authorities are those in force at the cycle's close. Counts by area only: no \
         refuge's location is ever published.",
    );
    let area = |code: &str| geo.find(code);
    let mut authorities: Vec<(&str, &str, &UpperTierAuthority)> = given
        .authorities
        .iter()
        .filter_map(|u| {
            let a = area(u.pfa_code.as_str())?;
            Some((a.region.as_str(), a.name.as_str(), *u))
        })
        .collect();
    authorities.sort_by(|a, b| (a.0, a.1, &a.2.name).cmp(&(b.0, b.1, &b.2.name)));
    let places_of = |code: &str| given.family_places.get(code).copied().unwrap_or(0);
    for (region, pfa, u) in &authorities {
        let [p, f, m, s] = figures(given.population.get(&u.code).copied(), places_of(&u.code));
        table.push(vec![
            u.code.clone(),
            u.name.clone(),
            u.pfa_code.to_string(),
            pfa.to_string(),
            region.to_string(),
            p,
            f,
            m,
            s,
        ]);
    }
    for (code, places) in given.unplaced.iter().filter(|(_, n)| **n > 0) {
        let Some(a) = area(code) else { continue };
        let [p, f, m, s] = figures(None, *places);
        table.push(vec![
            String::new(),
            format!("{}: authority not given", a.name),
            a.code.to_string(),
            a.name.clone(),
            a.region.clone(),
            p,
            f,
            m,
            s,
        ]);
    }
    // A group's population is known only when every authority of it has one.
    let group = |in_group: &dyn Fn(&str) -> bool| -> [String; 4] {
        let members: Vec<_> = authorities.iter().filter(|(r, ..)| in_group(r)).collect();
        let population = members
            .iter()
            .map(|(.., u)| given.population.get(&u.code).copied())
            .sum::<Option<u64>>();
        let unplaced: u64 = given
            .unplaced
            .iter()
            .filter(|(code, _)| geo.region_of(code).is_some_and(in_group))
            .map(|(_, n)| n)
            .sum();
        let places = members
            .iter()
            .map(|(.., u)| places_of(&u.code))
            .sum::<u64>()
            + unplaced;
        figures(population, places)
    };
    for region in REGIONS {
        let [p, f, m, s] = group(&|r| r == region);
        table.push(vec![
            String::new(),
            format!("{region} (all authorities)"),
            String::new(),
            String::new(),
            region.into(),
            p,
            f,
            m,
            s,
        ]);
    }
    let [p, f, m, s] = group(&|_| true);
    table.push(vec![
        String::new(),
        "England and Wales".into(),
        String::new(),
        String::new(),
        "Total".into(),
        p,
        f,
        m,
        s,
    ]);
    table
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_minimum_rounds_half_up_to_whole_places() {
        assert_eq!(coe_minimum(0), 0);
        assert_eq!(coe_minimum(4_999), 0);
        assert_eq!(coe_minimum(5_000), 1);
        assert_eq!(coe_minimum(14_999), 1);
        assert_eq!(coe_minimum(15_000), 2);
        assert_eq!(coe_minimum(1_864_999), 186);
        assert_eq!(coe_minimum(1_865_000), 187);
        assert_eq!(shortfall(15_000, 1), 1);
        assert_eq!(shortfall(15_000, 2), 0);
        assert_eq!(shortfall(15_000, 40), 0, "never below zero");
    }

    proptest! {
        #[test]
        fn the_minimum_is_the_nearest_whole_place(population in 0u64..100_000_000) {
            let exact = population as f64 / 10_000.0;
            let minimum = coe_minimum(population) as f64;
            prop_assert!((minimum - exact).abs() <= 0.5);
            if (minimum - exact).abs() == 0.5 {
                prop_assert!(minimum > exact, "a half rounds up");
            }
        }
    }

    fn answers(json: serde_json::Value) -> Answers {
        Answers::from_json(&json.to_string()).expect("answers")
    }

    #[test]
    fn a_profile_gives_its_places_and_referrals() {
        let given = SafeAccommodation::from_answers(&answers(serde_json::json!({
            "family_places": 12, "single_women_places": 3, "accessible_units": 2,
            "referrals_received": 80, "referrals_accepted": 20, "declined_no_space": 41,
            "declined_no_recourse": 6, "placements_out_of_area": 9,
        })));
        assert_eq!(given.places.family, 12);
        assert_eq!(given.places.accessible, 2);
        assert_eq!(given.referrals.declined[&DeclineReason::NoSpace], 41);
        assert_eq!(given.referrals.declined[&DeclineReason::Risk], 0);
        assert_eq!(given.referrals.from_out_of_area, 9);
        assert!(given.is_given());
        assert!(!SafeAccommodation::from_answers(&Answers::new()).is_given());
        let both = SafeAccommodation::sum([&given, &given]);
        assert_eq!(both.places.family, 24);
        assert_eq!(both.referrals.declined[&DeclineReason::NoSpace], 82);
        assert_eq!(both.referrals.from_out_of_area, 18);
    }

    #[test]
    fn the_table_sets_each_area_region_and_the_nation_against_its_minimum() {
        let geo = Geography::reference();
        let population: BTreeMap<String, u64> = geo
            .areas()
            .iter()
            .map(|a| (a.code.to_string(), 1_000_000))
            .collect();
        let kent = geo.find("Kent").expect("Kent").code.to_string();
        let surrey = geo.find("Surrey").expect("Surrey").code.to_string();
        let places = BTreeMap::from([(kent.clone(), 60), (surrey.clone(), 140)]);
        let table = spaces_by_pfa(&geo, &population, &places);
        assert_eq!(table.columns, SPACES_COLUMNS);
        let row = |key: &str| {
            table
                .rows
                .iter()
                .find(|r| r[0] == key || (r[0].is_empty() && r[2] == key))
                .cloned()
                .expect("row")
        };
        assert_eq!(row(&kent)[3..], ["1000000", "60", "100", "40"]);
        assert_eq!(row(&surrey)[3..], ["1000000", "140", "100", "0"]);
        let south_east = geo
            .areas()
            .iter()
            .filter(|a| a.region == "South East")
            .count() as u64;
        let minimum = 100 * south_east;
        assert_eq!(
            row("South East")[3..],
            [
                (south_east * 1_000_000).to_string(),
                "200".into(),
                minimum.to_string(),
                (minimum - 200).to_string()
            ]
        );
        assert_eq!(row("Total")[4], "200");
        assert_eq!(table.rows.len(), geo.areas().len() + 11);
    }

    #[test]
    fn an_area_without_a_population_leaves_its_minimum_and_its_groups_blank() {
        let geo = Geography::reference();
        let kent = geo.find("Kent").expect("Kent").code.to_string();
        let population = BTreeMap::from([(kent.clone(), 1_864_999)]);
        let table = spaces_by_pfa(&geo, &population, &BTreeMap::new());
        let kent_row = table.rows.iter().find(|r| r[0] == kent).expect("Kent");
        assert_eq!(kent_row[3..], ["1864999", "0", "186", "186"]);
        let total = table.rows.last().expect("total");
        assert_eq!(total[1..], ["England and Wales", "Total", "", "0", "", ""]);
    }

    #[test]
    fn authorities_stand_against_their_minimum_and_unplaced_places_count_in_their_region() {
        let geo = Geography::reference();
        let now =
            frontline_geo::authorities::upper_tier_authorities_on("2024-03-31").expect("fixture");
        let population: BTreeMap<String, u64> =
            now.iter().map(|u| (u.code.clone(), 100_000)).collect();
        let kent_pfa = geo.find("Kent").expect("Kent").code.to_string();
        let places = BTreeMap::from([("E10000016".to_string(), 4), ("E06000035".to_string(), 15)]);
        let unplaced = BTreeMap::from([(kent_pfa.clone(), 3)]);
        let table = spaces_by_utla(
            &geo,
            &ByAuthority {
                authorities: &now,
                population: &population,
                family_places: &places,
                unplaced: &unplaced,
            },
        );
        assert_eq!(table.columns, SPACES_BY_AUTHORITY_COLUMNS);
        let row = |name: &str| {
            table
                .rows
                .iter()
                .find(|r| r[1] == name)
                .cloned()
                .expect(name)
        };
        assert_eq!(
            row("Kent")[..5],
            ["E10000016", "Kent", &kent_pfa, "Kent", "South East"]
        );
        assert_eq!(row("Kent")[5..], ["100000", "4", "10", "6"]);
        assert_eq!(row("Medway")[5..], ["100000", "15", "10", "0"]);
        assert_eq!(row("Kent: authority not given")[5..], ["", "3", "", ""]);
        let south_east = now
            .iter()
            .filter(|u| geo.region_of(u.pfa_code.as_str()) == Some("South East"))
            .count() as u64;
        let minimum = 10 * south_east;
        assert_eq!(
            row("South East (all authorities)")[5..],
            [
                (south_east * 100_000).to_string(),
                "22".into(),
                minimum.to_string(),
                (minimum - 22).to_string()
            ]
        );
        assert_eq!(row("England and Wales")[6], "22");
        assert_eq!(table.rows.len(), now.len() + 1 + 11);
        // One authority without a population leaves its region's and the nation's blank.
        let mut partial = population.clone();
        partial.remove("E06000035");
        let table = spaces_by_utla(
            &geo,
            &ByAuthority {
                authorities: &now,
                population: &partial,
                family_places: &places,
                unplaced: &BTreeMap::new(),
            },
        );
        let medway = table
            .rows
            .iter()
            .find(|r| r[1] == "Medway")
            .expect("Medway");
        assert_eq!(medway[5..], ["", "15", "", ""]);
        let total = table.rows.last().expect("total");
        assert_eq!(total[5..], ["", "19", "", ""]);
    }
}
