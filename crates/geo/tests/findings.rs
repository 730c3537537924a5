//! The findings' tables and sentences from a handful of services, built as the publication builds them.

use frontline_disclosure::SuppressionRule;
use frontline_geo::allocation::{Given, Provenance, ServiceEstimate};
use frontline_geo::findings::names;
use frontline_geo::need::{AreaNeedInput, NeedParameters};
use frontline_geo::publication::{build, Publication};
use frontline_geo::Geography;
use survey_engine::figures::{PractitionerFigures, Role, RoleFigures};

const KENT: &str = "E23000032";
const SUSSEX: &str = "E23000033";
const CUMBRIA: &str = "E23000002";
const DYFED: &str = "W15000004";

/// A service answering online with `people` Idvas of `fte` FTE, all working with high-risk
/// victims, split over `areas`.
fn service(id: i64, people: f64, fte: f64, areas: &[(&str, f64)], cases: &str) -> ServiceEstimate {
    let mut figures = PractitionerFigures::default();
    figures
        .roles
        .insert(Role::Idva, RoleFigures { people, fte });
    figures.idva_high_risk_fte = fte;
    figures.idva_cases = (!cases.is_empty()).then(|| cases.to_string());
    ServiceEstimate {
        service_id: id,
        service: format!("Service {id}"),
        figures,
        shares: areas.iter().map(|(k, v)| (k.to_string(), *v)).collect(),
        provenance: Provenance {
            kind: Given::Online,
            source: "survey".into(),
        },
    }
}

fn publish(estimates: &[ServiceEstimate], inputs: &[AreaNeedInput]) -> Publication {
    let rule = SuppressionRule::default();
    build(
        2017,
        &Geography::reference(),
        estimates,
        inputs,
        NeedParameters::default(),
        &rule,
    )
    .expect("builds")
}

fn cell<'a>(p: &'a Publication, table: &str, key: &str, column: &str) -> &'a str {
    p.table(table)
        .and_then(|t| t.cell(key, column))
        .unwrap_or_else(|| panic!("{table}: no {column} for {key}"))
}

fn sentence<'a>(p: &'a Publication, table: &str) -> Option<&'a str> {
    p.findings
        .iter()
        .find(|f| f.table == table)
        .map(|f| f.sentence.as_str())
}

/// Many Idvas in the South East and Wales, two lone Idvas (one across Kent and Sussex).
fn services() -> Vec<ServiceEstimate> {
    vec![
        service(1, 1.0, 0.8, &[(KENT, 0.5), (SUSSEX, 0.5)], "both"),
        service(2, 12.0, 10.0, &[(KENT, 1.0)], "both"),
        service(3, 1.0, 1.0, &[(CUMBRIA, 1.0)], "marac"),
        service(4, 30.0, 27.5, &[(DYFED, 1.0)], "court"),
        service(5, 9.0, 8.0, &[(KENT, 1.0)], ""),
    ]
}

#[test]
fn lone_idvas_are_counted_with_those_across_areas_and_said_in_a_sentence() {
    let p = publish(&services(), &[]);
    let t = names::SINGLE_IDVA_SERVICES;
    assert_eq!(cell(&p, t, "Total", "single_idva_services"), "2");
    assert_eq!(
        cell(&p, t, "Total", "single_idva_services_across_areas"),
        "1"
    );
    assert_eq!(cell(&p, t, "South East", "single_idva_services"), "1");
    assert_eq!(cell(&p, t, "North West", "single_idva_services"), "1");
    assert_eq!(cell(&p, t, "Wales", "single_idva_services"), "0");
    assert_eq!(
        sentence(&p, t),
        Some("2 services have a single Idva, who works alone; 1 of them works across more than one police force area.")
    );
}

#[test]
fn areas_whose_idvas_all_work_in_one_service_are_those_with_one_idva_service() {
    let p = publish(&services(), &[]);
    let t = names::IDVA_SERVICE_CONCENTRATION;
    // Sussex (service 1 only), Cumbria and Dyfed-Powys; Kent has three services.
    assert_eq!(cell(&p, t, "South East", "pfas_with_one_idva_service"), "1");
    assert_eq!(cell(&p, t, "Total", "pfas"), "43");
    assert_eq!(cell(&p, t, "Total", "pfas_with_one_idva_service"), "3");
    assert_eq!(
        sentence(&p, t),
        Some("In 3 of the 43 police force areas all Idvas work in one service.")
    );
}

#[test]
fn cases_supported_add_up_to_the_idva_services_with_those_that_did_not_say() {
    let p = publish(&services(), &[]);
    let t = names::IDVA_CASES;
    assert_eq!(
        cell(&p, t, "Both Marac and court cases", "idva_services"),
        "2"
    );
    assert_eq!(
        cell(&p, t, "Marac cases only", "pct_of_all_idva_services"),
        "20"
    );
    assert_eq!(cell(&p, t, "Not known", "idva_services"), "1");
    assert_eq!(cell(&p, t, "Total", "idva_services"), "5");
    assert_eq!(
        sentence(&p, t),
        Some("Of 5 services employing Idvas, 2 (40%) support both Marac and court cases, 1 (20%) Marac cases only and 1 (20%) court cases only; 1 did not say.")
    );
}

#[test]
fn idvas_as_people_sit_beside_their_fte_and_the_total_is_the_sum_of_regions() {
    let p = publish(&services(), &[]);
    let t = names::IDVA_PEOPLE;
    // Kent's and Sussex's share of services 1, 2 and 5, Cumbria's lone Idva, Dyfed-Powys: a
    // workforce figure, published whole like the FTE beside it.
    for (region, people) in [
        ("South East", "22"),
        ("North West", "1"),
        ("Wales", "30"),
        ("Total", "53"),
    ] {
        assert_eq!(cell(&p, t, region, "idvas"), people, "{region}");
    }
    assert_eq!(cell(&p, t, "South East", "fte_idvas"), "19");
    assert_eq!(
        sentence(&p, t),
        Some("Around 53 Idvas work in England and Wales, the equivalent of 47 full-time Idvas.")
    );
}

#[test]
fn the_people_sentence_reads_the_published_total() {
    let mut many = services();
    many.push(service(6, 6.0, 5.0, &[(CUMBRIA, 1.0)], "both"));
    let p = publish(&many, &[]);
    let t = names::IDVA_PEOPLE;
    assert_eq!(cell(&p, t, "North West", "idvas"), "7");
    assert_eq!(cell(&p, t, "Total", "idvas"), "59");
    assert_eq!(
        sentence(&p, t),
        Some("Around 59 Idvas work in England and Wales, the equivalent of 52 full-time Idvas.")
    );
}

#[test]
fn the_postcode_lottery_names_the_role_whose_share_differs_most_between_regions() {
    let p = publish(&services(), &[]);
    let t = names::SERVICES_BY_ROLE_BY_REGION;
    assert_eq!(
        p.table(t)
            .and_then(|t| t.rows.iter().find(|r| r[0] == "Wales" && r[1] == "Idva"))
            .map(|r| r[4].as_str()),
        Some("100")
    );
    // Every service here employs Idvas and nothing else: no spread, no sentence.
    assert!(sentence(&p, t).is_none());
    let mut isva = service(7, 2.0, 2.0, &[(DYFED, 1.0)], "both");
    isva.figures.roles.insert(
        Role::Isva,
        RoleFigures {
            people: 1.0,
            fte: 1.0,
        },
    );
    let mut with_isva = services();
    with_isva.push(isva);
    let p = publish(&with_isva, &[]);
    assert_eq!(
        sentence(&p, t),
        Some("The share of services employing Isvas differs most between regions: from 0% in the North West to 50% in Wales.")
    );
}

#[test]
fn marac_cases_sum_a_regions_areas_and_are_blank_where_any_area_was_not_given() {
    let geo = Geography::reference();
    let input = |code: &str, cases: i32| AreaNeedInput {
        pfa_code: geo.resolve(code).expect("area").code.clone(),
        adult_females: 500_000,
        marac_cases: cases,
    };
    let mut all: Vec<AreaNeedInput> = geo
        .areas()
        .iter()
        .map(|a| input(a.code.as_str(), 100))
        .collect();
    let p = publish(&services(), &all);
    let t = names::MARAC_CASES;
    // Five areas in the South East, four in Wales, 43 in all.
    assert_eq!(cell(&p, t, "South East", "marac_cases"), "500");
    assert_eq!(cell(&p, t, "Wales", "marac_cases"), "400");
    assert_eq!(cell(&p, t, "Total", "marac_cases"), "4300");
    all.retain(|i| i.pfa_code.as_str() != KENT);
    let partial = publish(&services(), &all);
    assert_eq!(cell(&partial, t, "South East", "marac_cases"), "");
    assert_eq!(cell(&partial, t, "Wales", "marac_cases"), "400");
    assert_eq!(
        cell(&partial, t, "Total", "marac_cases"),
        "",
        "never a partial total"
    );
    let none = publish(&services(), &[]);
    assert_eq!(cell(&none, t, "Total", "marac_cases"), "");
}
