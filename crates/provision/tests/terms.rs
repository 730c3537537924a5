//! The funding-terms table agrees with a computation of its own on random registers: each
//! region's streams, short-term streams (ending before the fifth anniversary of the start) and
//! streams ending within 12 months of the close.

use frontline_provision::money::{money_tables, MoneyTables, PfaInRegion};
use frontline_provision::terms::{funding_arrangements, funding_terms, PlacedStream};
use frontline_provision::vocabulary::{CoreCosts, FunderType, Kind, Role};
use frontline_provision::{Day, FundingStream};
use proptest::prelude::*;

const REGIONS: [&str; 3] = ["London", "Wales", "North East"];

fn day(year: u16, month: u8, d: u8) -> Day {
    Day {
        year,
        month,
        day: d,
    }
}

fn stream_strategy() -> impl Strategy<Value = PlacedStream> {
    (
        2015u16..2024,
        1u8..=12,
        1u8..=28,
        0u32..100,
        0usize..FunderType::ALL.len(),
        1i64..5_000_000,
        proptest::sample::subsequence(REGIONS.to_vec(), 1..=3),
        (any::<bool>(), 0usize..6),
    )
        .prop_map(
            |(year, month, d, months, funder, pence, regions, (day_before, service))| {
                let start = day(year, month, d);
                // An end a whole number of months on, or the day before that (a typical end date).
                let mut end = start.plus_months(months);
                if day_before && months > 0 {
                    end = previous(end);
                }
                PlacedStream {
                    stream: FundingStream {
                        service: format!("S{service}"),
                        funder_type: FunderType::ALL[funder],
                        funder: "F".into(),
                        kind: if pence % 2 == 0 {
                            Kind::Grant
                        } else {
                            Kind::Contract
                        },
                        role: Role::Sole,
                        start,
                        end,
                        annual_pence: pence,
                        core_costs_covered: CoreCosts::ALL[funder % CoreCosts::ALL.len()],
                        ring_fenced: false,
                        commissioning: Default::default(),
                    },
                    areas: regions.iter().map(|r| format!("pfa {r}")).collect(),
                    regions: regions.into_iter().map(str::to_string).collect(),
                    by_and_for: funder % 2 == 0,
                }
            },
        )
}

/// The day before, by stepping from the first of the month.
fn previous(d: Day) -> Day {
    if d.day > 1 {
        return Day {
            day: d.day - 1,
            ..d
        };
    }
    let (year, month) = if d.month == 1 {
        (d.year - 1, 12)
    } else {
        (d.year, d.month - 1)
    };
    let mut last = day(year, month, 28);
    while last.next().month == month {
        last = last.next();
    }
    last
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn the_table_matches_an_independent_count(streams in proptest::collection::vec(stream_strategy(), 0..40)) {
        let close = day(2021, 10, 31);
        let table = funding_terms(&streams, &REGIONS, close);
        for (i, label) in REGIONS.iter().chain(["England and Wales"].iter()).enumerate() {
            let here: Vec<&FundingStream> = streams
                .iter()
                .filter(|p| i == REGIONS.len() || p.regions.iter().any(|r| r == label))
                .map(|p| &p.stream)
                .collect();
            // Short-term: the day after the end falls before the fifth anniversary of the start.
            let short = here.iter().filter(|s| s.end.next() < s.start.plus_months(60)).count();
            let ending = here
                .iter()
                .filter(|s| s.end >= close && s.end <= day(2022, 10, 31))
                .count();
            let row = &table.rows[i];
            prop_assert_eq!(&row[0], label);
            prop_assert_eq!(row[1].parse::<usize>().unwrap(), here.len());
            prop_assert_eq!(row[2].parse::<usize>().unwrap(), short);
            prop_assert_eq!(row[4].parse::<usize>().unwrap(), ending);
            if !here.is_empty() {
                let pct = (100.0 * short as f64 / here.len() as f64).round() as usize;
                prop_assert_eq!(row[3].parse::<usize>().unwrap(), pct);
            }
        }
        // The funding mix's national amounts add up to the register's where none is hidden,
        // and to no more than it where some are.
        let money = tables(&streams);
        let national: Vec<&Vec<String>> = money.mix.rows.iter().filter(|r| r[0] == "England and Wales").collect();
        let shown: i64 = national.iter().filter_map(|r| pence(&r[3])).sum();
        let register: i64 = streams.iter().map(|p| p.stream.annual_pence).sum();
        if national.iter().all(|r| r[3] != "[c]") {
            prop_assert_eq!(shown, register);
        } else {
            prop_assert!(shown <= register);
        }
    }
}

/// Pounds as published, in pence; `None` for `[c]`.
fn pence(cell: &str) -> Option<i64> {
    let (pounds, pence) = cell.split_once('.')?;
    Some(pounds.parse::<i64>().ok()? * 100 + pence.parse::<i64>().ok()?)
}

/// One police force area per region, as the strategy places streams.
fn pfas() -> Vec<(String, String, String)> {
    REGIONS
        .iter()
        .map(|r| (format!("pfa {r}"), format!("Area of {r}"), r.to_string()))
        .collect()
}

fn tables(streams: &[PlacedStream]) -> MoneyTables {
    let pfas = pfas();
    let places: Vec<PfaInRegion> = pfas
        .iter()
        .map(|(c, n, r)| (c.as_str(), n.as_str(), r.as_str()))
        .collect();
    money_tables(streams, &REGIONS, &places).expect("the tables of money")
}

proptest! {
    /// By-and-for funding: the national row and each area's row equal an independent sum.
    #[test]
    fn by_and_for_funding_equals_an_independent_sum(streams in proptest::collection::vec(stream_strategy(), 0..40)) {
        let pounds = |pence: i64| survey_engine::money::pounds(pence);
        let money = tables(&streams);
        let national = money.by_and_for.rows.last().expect("the England and Wales row");
        let total: i64 = streams.iter().map(|p| p.stream.annual_pence).sum();
        let theirs: i64 = streams.iter().filter(|p| p.by_and_for).map(|p| p.stream.annual_pence).sum();
        prop_assert!(national[1] == pounds(total) || national[1] == "[c]");
        prop_assert!(national[2] == pounds(theirs) || national[2] == "[c]");
        let code = format!("pfa {}", REGIONS[0]);
        let here: i64 = streams
            .iter()
            .filter(|p| p.by_and_for && p.areas.contains(&code))
            .map(|p| p.stream.annual_pence)
            .sum();
        let cell = money.area_total(&code).map(str::to_string);
        prop_assert!(cell.is_some());
        let by_pfa = &money.by_and_for_by_pfa.rows[0];
        prop_assert!(by_pfa[3] == pounds(here) || by_pfa[3] == "[c]");
    }
}

proptest! {
    /// Grants and contracts add up to the streams, and so do the three core-costs answers.
    #[test]
    fn arrangements_add_up(streams in proptest::collection::vec(stream_strategy(), 0..40)) {
        let table = funding_arrangements(&streams, &REGIONS);
        for row in &table.rows {
            let n = |i: usize| row[i].parse::<usize>().expect("a count");
            prop_assert_eq!(n(2) + n(3), n(1), "{:?}", row);
            prop_assert_eq!(n(5) + n(6) + n(7), n(1), "{:?}", row);
        }
        let national = table.rows.last().expect("national row");
        let grants = streams.iter().filter(|p| p.stream.kind == Kind::Grant).count();
        prop_assert_eq!(national[2].parse::<usize>().expect("grants"), grants);
    }
}
