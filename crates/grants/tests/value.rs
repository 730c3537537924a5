//! The value and market tables against sums worked independently, and the dominance rule held
//! at every level whatever the grants.

use frontline_disclosure::{SuppressionRule, SUPPRESSED};
use frontline_grants::value::{
    funder_dependency, grant_value, providers_by_income, subcontracting, FundedService,
    PfaInRegion, Provider, Subcontract,
};
use proptest::prelude::*;
use std::collections::BTreeMap;

const AREAS: [PfaInRegion; 5] = [
    ("E23000032", "Kent", "South East"),
    ("E23000031", "Surrey", "South East"),
    ("E23000036", "Sussex", "South East"),
    ("E23000002", "Cumbria", "North West"),
    ("E23000006", "Lancashire", "North West"),
];
const REGIONS: [&str; 2] = ["North West", "South East"];

fn service(organisation: &str, area: &str, annual: i64, spend: i64, engaged: i64) -> FundedService {
    FundedService {
        organisation: organisation.into(),
        area: area.into(),
        by_and_for: organisation.starts_with("BF"),
        grants: 1,
        ending_within_12_months: 0,
        annual_pence: annual * 100,
        spend_pence: spend * 100,
        engaged,
    }
}

fn rule() -> SuppressionRule {
    SuppressionRule::new(5).expect("rule")
}

#[test]
fn cost_per_victim_is_spend_over_victims_engaged_and_one_organisations_money_is_hidden() {
    let services = [
        service("Harbour", "E23000032", 120_000, 100_000, 400),
        service("Oak", "E23000032", 110_000, 90_000, 300),
        service("BF Sahara", "E23000032", 60_000, 60_000, 100),
        service("Harbour", "E23000031", 50_000, 45_000, 150),
        service("Oak", "E23000031", 40_000, 40_000, 130),
        service("BF Sahara", "E23000031", 35_000, 30_000, 90),
        service("Alone", "E23000002", 80_000, 70_000, 200),
        service("Fell", "E23000006", 90_000, 80_000, 250),
        service("Moor", "E23000006", 70_000, 65_000, 210),
        service("Bay", "E23000006", 60_000, 55_000, 190),
    ];
    let table = grant_value(&AREAS, &REGIONS, &services, &rule()).expect("table");
    let row = |name: &str| -> BTreeMap<&str, String> {
        let r = table.rows.iter().find(|r| r[1] == name).expect(name);
        table
            .columns
            .iter()
            .map(String::as_str)
            .zip(r.iter().cloned())
            .collect()
    };
    // Kent: 250,000 spent on 800 victims — £312 each (whole pounds, down); independently summed.
    let kent = row("Kent");
    assert_eq!(kent["cost_per_victim_gbp"], (250_000 / 800).to_string());
    assert!(
        !kent.contains_key("spend_gbp") && !kent.contains_key("victims_engaged"),
        "neither alone"
    );
    // Kent's by-and-for money is one organisation's: hidden, and its share with it.
    assert_eq!(kent["by_and_for_value_gbp"], SUPPRESSED);
    assert_eq!(kent["pct_value_by_and_for"], SUPPRESSED);
    // Cumbria's money is one organisation's: hidden, and so is its cost per victim; its region's
    // total would give it away by subtraction, so something else in the North West is hidden.
    let cumbria = row("Cumbria");
    assert_eq!(cumbria["annual_value_gbp"], SUPPRESSED);
    assert_eq!(
        cumbria["cost_per_victim_gbp"], SUPPRESSED,
        "its spend is one organisation's"
    );
    let north_west = [row("Lancashire"), row("North West (all areas)")];
    assert!(north_west
        .iter()
        .any(|r| r["annual_value_gbp"] == SUPPRESSED));
    let total = row("England and Wales");
    assert_eq!(total["grants"], "10");
    assert!(
        !table.to_csv().expect("csv").contains("Harbour"),
        "no provider is named"
    );
}

#[test]
fn market_tables_band_providers_and_subcontracting_hides_one_leads_money() {
    let providers = [
        Provider {
            region: "South East".into(),
            streams: vec![
                ("Kent PCC".into(), 90_000 * 100),
                ("kent  pcc".into(), 5_000 * 100),
                ("Lottery".into(), 5_000 * 100),
            ],
        },
        Provider {
            region: "South East".into(),
            streams: vec![
                ("Kent PCC".into(), 600_000 * 100),
                ("Council".into(), 600_000 * 100),
            ],
        },
        Provider {
            region: "North West".into(),
            streams: vec![],
        },
    ];
    assert_eq!(
        providers[0].largest_funder_pct(),
        Some(95.0),
        "one funder however it is typed"
    );
    let dependency = funder_dependency(&REGIONS, &providers);
    assert_eq!(dependency.rows[0], ["North West", "1", "0", "0", "0", "0"]);
    assert_eq!(dependency.rows[1], ["South East", "2", "0", "1", "0", "1"]);
    assert_eq!(dependency.rows[2], ["Total", "3", "0", "1", "0", "1"]);
    let income = providers_by_income(&REGIONS, &providers);
    assert_eq!(income.rows[1], ["South East", "2", "0", "1", "0", "1", "0"]);
    let subcontracts = [
        Subcontract {
            lead_organisation: "Harbour".into(),
            area: "E23000032".into(),
            partner_by_and_for: true,
            annual_pence: 20_000 * 100,
        },
        Subcontract {
            lead_organisation: "Oak".into(),
            area: "E23000032".into(),
            partner_by_and_for: false,
            annual_pence: 15_000 * 100,
        },
        Subcontract {
            lead_organisation: "Oak".into(),
            area: "E23000031".into(),
            partner_by_and_for: false,
            annual_pence: 5_000 * 100,
        },
    ];
    let table = subcontracting(&AREAS, &REGIONS, &subcontracts).expect("table");
    let row = |name: &str| table.rows.iter().find(|r| r[1] == name).expect(name);
    assert_eq!(row("Kent")[3], "2");
    assert_eq!(row("Kent")[5], SUPPRESSED, "Harbour's alone");
    assert_eq!(row("Surrey")[4], SUPPRESSED, "Oak's alone");
    // Surrey would be the South East's total less Kent's: one of those is hidden too.
    assert!(row("Kent")[4] == SUPPRESSED || row("South East (all areas)")[4] == SUPPRESSED);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    #[test]
    fn a_dominated_amount_is_never_shown_and_cost_is_shown_only_beside_what_it_comes_from(
        given in prop::collection::vec((0usize..4, 0usize..5, 1i64..200_000, 0i64..200_000, 0i64..600), 1..14)
    ) {
        let services: Vec<FundedService> = given
            .iter()
            .map(|(org, area, annual, spend, engaged)| {
                service(&format!("Org {org}"), AREAS[*area].0, *annual, *spend, *engaged)
            })
            .collect();
        let table = grant_value(&AREAS, &REGIONS, &services, &rule()).expect("table");
        for row in &table.rows {
            let in_level: Vec<&FundedService> = services
                .iter()
                .filter(|s| {
                    let (_, name, region) = AREAS.iter().find(|a| a.0 == s.area).expect("area");
                    row[1] == *name || row[1] == format!("{region} (all areas)") || row[1] == "England and Wales"
                })
                .collect();
            let mut by_org: BTreeMap<&str, i64> = BTreeMap::new();
            for s in &in_level {
                *by_org.entry(&s.organisation).or_insert(0) += s.annual_pence;
            }
            let total: i64 = by_org.values().sum();
            let largest = by_org.values().copied().max().unwrap_or(0);
            if total > 0 && (by_org.len() == 1 || largest * 100 > total * 85) {
                prop_assert_eq!(&row[5], SUPPRESSED, "{:?}", row);
            }
            if row[8] != SUPPRESSED && !row[8].is_empty() {
                let spend: i64 = in_level.iter().map(|s| s.spend_pence).sum();
                let engaged: i64 = in_level.iter().map(|s| s.engaged).sum();
                prop_assert_eq!(&row[8], &(spend / engaged / 100).to_string());
                prop_assert!(engaged >= 5, "a cost over few victims is hidden");
            }
        }
    }
}
