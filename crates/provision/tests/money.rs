//! The tables of money under the dominance rule: an amount one service (or, by-and-for, one
//! stream) makes up more than 85% of is `[c]`, as is any amount that would give it away from the
//! totals published with it, and every percentage of a hidden amount; on random registers, no
//! published amount is dominated and no area's row leaves a single amount to subtract.

use frontline_provision::money::{exposed_amounts, money_tables, MoneyTables, PfaInRegion};
use frontline_provision::terms::PlacedStream;
use frontline_provision::vocabulary::{CoreCosts, FunderType, Kind, Role};
use frontline_provision::{Day, FundingStream};
use proptest::prelude::*;
use std::collections::BTreeMap;

const REGIONS: [&str; 2] = ["South East", "Wales"];
const PFAS: [PfaInRegion; 4] = [
    ("E23000032", "Kent", "South East"),
    ("E23000035", "Surrey", "South East"),
    ("W15000004", "Dyfed-Powys", "Wales"),
    ("W15000002", "Gwent", "Wales"),
];

fn stream(service: &str, funder: FunderType, pounds: i64, areas: &[&str]) -> PlacedStream {
    let region_of = |code: &&str| PFAS.iter().find(|p| p.0 == *code).map(|p| p.2.to_string());
    let mut regions: Vec<String> = areas.iter().filter_map(region_of).collect();
    regions.dedup();
    PlacedStream {
        stream: FundingStream {
            service: service.into(),
            funder_type: funder,
            funder: format!("{} funder", funder.label()),
            kind: Kind::Grant,
            role: Role::Sole,
            start: Day {
                year: 2017,
                month: 4,
                day: 1,
            },
            end: Day {
                year: 2018,
                month: 3,
                day: 31,
            },
            annual_pence: pounds * 100,
            core_costs_covered: CoreCosts::Partly,
            ring_fenced: false,
            commissioning: Default::default(),
        },
        regions,
        areas: areas.iter().map(|a| a.to_string()).collect(),
        by_and_for: false,
    }
}

fn mix_row<'t>(t: &'t MoneyTables, code: &str, funder: FunderType) -> &'t [String] {
    t.mix_by_pfa
        .rows
        .iter()
        .find(|r| r[0] == code && r[2] == funder.label())
        .expect("the row")
}

#[test]
fn one_services_grant_is_not_published_under_its_areas_name() {
    // Kent: Harbour's PCC grant of £45,000 is the only PCC money there, so Kent's PCC amount
    // would be Harbour's grant. Kent's annual funding is published, so another of Kent's
    // amounts must be hidden with it.
    let streams = vec![
        stream("Harbour", FunderType::Pcc, 45_000, &["E23000032"]),
        stream(
            "Harbour",
            FunderType::LocalAuthority,
            60_000,
            &["E23000032"],
        ),
        stream(
            "Beacon",
            FunderType::LocalAuthority,
            50_000,
            &["E23000032", "E23000035"],
        ),
        stream(
            "Beacon",
            FunderType::CharitableTrust,
            8_000,
            &["E23000032", "E23000035"],
        ),
        stream("Cwtch", FunderType::Pcc, 30_000, &["W15000004"]),
        stream("Gwent Aid", FunderType::Pcc, 31_000, &["W15000002"]),
    ];
    let t = money_tables(&streams, &REGIONS, &PFAS).expect("tables");
    let pcc = mix_row(&t, "E23000032", FunderType::Pcc);
    assert_eq!(pcc[3], "1");
    assert_eq!((pcc[4].as_str(), pcc[5].as_str()), ("[c]", "[c]"));
    // The trust money is one service's (Beacon's) in Kent: sensitive in its own right, and
    // enough of a complement once Surrey's total, Beacon's alone, is hidden too: with Kent's
    // council money shown, the PCC grant is anywhere up to £53,000.
    let trust = mix_row(&t, "E23000032", FunderType::CharitableTrust);
    assert_eq!(trust[4], "[c]");
    assert_eq!(trust[5], "[c]", "a hidden amount's percentage is hidden");
    assert_eq!(t.area_total("E23000035"), Some("[c]"));
    assert!(exposed_amounts(&streams, &REGIONS, &PFAS)
        .expect("audit")
        .is_empty());
    // Kent's annual funding, shown, is what the amounts add up to.
    assert_eq!(t.area_total("E23000032"), Some("163000.00"));
    // Surrey's amounts are all Beacon's: every one of them, and its total, is one service's.
    assert_eq!(
        mix_row(&t, "E23000035", FunderType::LocalAuthority)[4],
        "[c]"
    );
    // Zeros are shown.
    assert_eq!(mix_row(&t, "E23000032", FunderType::Moj)[4], "0.00");
    // The area's rows, for the pack, are the national table's without the key.
    let kent = t.area_mix("E23000032");
    assert_eq!(kent.len(), FunderType::ALL.len());
    assert_eq!(kent[0], pcc[2..].to_vec());
    // Wales: two areas of one PCC grant each; the region's PCC amount is two services'
    // (£30,000 and £31,000, neither over 85%), but each area's is one service's.
    for code in ["W15000004", "W15000002"] {
        assert_eq!(mix_row(&t, code, FunderType::Pcc)[4], "[c]");
    }
    // The South East's PCC money is Harbour's alone, and England and Wales' is the three
    // services' PCC grants: with it and Wales' £61,000 shown, the South East's would be
    // £106,000 − £61,000, so one of them is hidden too.
    let pcc_in = |region: &str| {
        t.mix
            .rows
            .iter()
            .find(|r| r[0] == region && r[1] == FunderType::Pcc.label())
            .map(|r| r[3].clone())
            .unwrap()
    };
    assert_eq!(pcc_in("South East"), "[c]");
    assert!(pcc_in("Wales") == "[c]" || pcc_in("England and Wales") == "[c]");
    assert!(t.mix.note.contains("more than 85%"));
}

#[test]
fn a_region_that_is_its_areas_added_up_gives_no_area_away() {
    // Surrey's one trust grant (£66,841) is hidden; Kent's five services' trust money and the
    // South East's are large and many-handed. No service works in both areas, and a reader can
    // tell (the directory and the stream counts say so): the region is exactly Kent plus
    // Surrey, so showing both would give Surrey's grant away. One of them is hidden too.
    let mut streams: Vec<PlacedStream> = (0..5)
        .map(|i| {
            stream(
                &format!("Kent {i}"),
                FunderType::CharitableTrust,
                90_000 + 1_000 * i,
                &["E23000032"],
            )
        })
        .collect();
    streams.push(stream(
        "Surrey Aid",
        FunderType::CharitableTrust,
        66_841,
        &["E23000035"],
    ));
    let t = money_tables(&streams, &REGIONS, &PFAS).expect("tables");
    let trust_in = |code: &str| mix_row(&t, code, FunderType::CharitableTrust)[4].clone();
    let region = t
        .mix
        .rows
        .iter()
        .find(|r| r[0] == "South East" && r[1] == FunderType::CharitableTrust.label())
        .map(|r| r[3].clone())
        .expect("the region's row");
    assert_eq!(trust_in("E23000035"), "[c]");
    assert!(
        trust_in("E23000032") == "[c]" || region == "[c]",
        "Kent {} and the South East {region} would give Surrey away",
        trust_in("E23000032")
    );
    assert!(exposed_amounts(&streams, &REGIONS, &PFAS)
        .expect("audit")
        .is_empty());
}

#[test]
fn by_and_for_funding_of_one_stream_is_hidden() {
    let mut led = stream("Sisters", FunderType::Pcc, 20_000, &["E23000032"]);
    led.by_and_for = true;
    let streams = vec![
        led,
        stream("Harbour", FunderType::Pcc, 45_000, &["E23000032"]),
        stream("Beacon", FunderType::Pcc, 50_000, &["E23000032"]),
    ];
    let t = money_tables(&streams, &REGIONS, &PFAS).expect("tables");
    let kent = &t.by_and_for_by_pfa.rows[0];
    assert_eq!(kent[0], "E23000032");
    assert_eq!(kent[3], "[c]", "one stream's by-and-for funding: {kent:?}");
    assert_eq!(kent[4], "[c]", "and its share of the area's funding");
    // Kent's total must then be hidden (else total − the rest… the rest is not published, so
    // the total alone does not give it away): the audit decides; either way the pct is hidden.
    let pcc = mix_row(&t, "E23000032", FunderType::Pcc);
    assert_eq!(pcc[4], "115000.00", "three services, none over 85%");
}

fn random_stream() -> impl Strategy<Value = PlacedStream> {
    (
        0usize..5,
        0usize..FunderType::ALL.len(),
        1i64..200_000,
        proptest::sample::subsequence(PFAS.iter().map(|p| p.0).collect::<Vec<_>>(), 1..=2),
        any::<bool>(),
    )
        .prop_map(|(service, funder, pounds, areas, led)| {
            let mut s = stream(
                &format!("S{service}"),
                FunderType::ALL[funder],
                pounds,
                &areas,
            );
            s.by_and_for = led;
            s
        })
}

/// An amount's contributions by service, independently of the crate.
fn dominated(parts: &BTreeMap<&str, i64>) -> bool {
    let total: i64 = parts.values().sum();
    let largest = parts.values().copied().max().unwrap_or(0);
    parts.len() == 1 || (parts.len() > 1 && largest * 100 > 85 * total)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(60))]

    #[test]
    fn no_published_amount_is_dominated_and_no_row_leaves_one_to_subtract(streams in proptest::collection::vec(random_stream(), 0..14)) {
        let t = money_tables(&streams, &REGIONS, &PFAS).expect("tables");
        for (code, _, _) in PFAS {
            let rows: Vec<&Vec<String>> = t.mix_by_pfa.rows.iter().filter(|r| r[0] == code).collect();
            let total = t.area_total(code).expect("total");
            for r in &rows {
                let mut parts: BTreeMap<&str, i64> = BTreeMap::new();
                for s in streams.iter().filter(|s| s.areas.iter().any(|a| a == code) && s.stream.funder_type.label() == r[2]) {
                    *parts.entry(s.stream.service.as_str()).or_default() += s.stream.annual_pence;
                }
                if dominated(&parts) {
                    prop_assert_eq!(&r[4], "[c]", "{:?}", r);
                }
                if r[4] == "[c]" || total == "[c]" {
                    prop_assert_eq!(&r[5], "[c]");
                }
            }
            let hidden = rows.iter().filter(|r| r[4] == "[c]").count() + usize::from(total == "[c]");
            prop_assert!(hidden != 1, "{} leaves one amount to subtract: {:?} total {}", code, rows, total);
        }
        // And no combination of the published amounts narrows a hidden one to within 10%.
        let exposed = exposed_amounts(&streams, &REGIONS, &PFAS).expect("audit");
        prop_assert!(exposed.is_empty(), "{:?}", exposed);
    }
}
