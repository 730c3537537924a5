//! Publication: a golden regional-capacity table worked out by hand, every published file for
//! the demo, valid SVG and GeoJSON, and need-input import that stores all rows or none.

mod support;

use frontline_geo::Geography;
use frontline_web::store::responses::NewAnswers;
use frontline_web::store::states::{CarriedKind, Channel, CycleStatus, Outcome, ResponseStatus};
use frontline_web::store::{carried, cycles, need_inputs, responses, services};
use serde_json::json;
use std::path::Path;
use support::{frontline, Server, TestDb};
use survey_engine::{PractitionerFigures, Role, RoleFigures, SubmittedAnswers};

const SCHEMA: &str = "practitioner-survey-2017@2017.1";

fn answered(idva: (u32, f64), high_risk: f64, areas: serde_json::Value) -> String {
    json!({
        "respondent_name": "Test", "respondent_role": "Manager",
        "service_description": "specialist_da", "employs_practitioners": "yes",
        "roles": {"idva": {"people": idva.0, "fte": idva.1}},
        "idva_high_risk_fte": high_risk, "idva_cases": "both",
        "idva_locations": ["specialist_da"], "areas": areas
    })
    .to_string()
}

/// Writes a need CSV: every area 250,000 adult women and 500 Marac cases, Cumbria 1,500.
fn write_need_csv(folder: &Path) -> std::path::PathBuf {
    let mut csv = String::from("pfa,adult_females,marac_cases\n");
    for area in Geography::reference().areas() {
        let marac = if area.name == "Cumbria" { 1500 } else { 500 };
        csv.push_str(&format!("{},250000,{marac}\n", area.code));
    }
    let path = folder.join("need.csv");
    std::fs::write(&path, csv).unwrap();
    path
}

/// The golden cycle: seven services exercising split areas, declines, partial answers and roll-forward.
fn golden_cycle(db: &TestDb) {
    let platform = db.platform();
    let mut conn = platform.conn().unwrap();
    let cycle = cycles::create(
        &mut conn,
        &cycles::NewCycle {
            year: 2030,
            title: "Golden",
            schema_id: "practitioner-survey-2017",
            opens_on: "2030-09-01",
            closes_on: "2030-09-30",
            status: CycleStatus::Closed,
        },
    )
    .unwrap();
    let mut service = |name: &str, areas: &[&str]| {
        let areas: Vec<String> = areas.iter().map(|a| a.to_string()).collect();
        services::create(&mut conn, "Golden Org", name, &areas)
            .unwrap()
            .id
    };
    let s1 = service("S1 Cumbria", &["E23000002"]);
    let s2 = service(
        "S2 Cheshire and West Yorkshire",
        &["E23000006", "E23000010"],
    );
    let s3 = service("S3 Met", &["E23000001"]);
    let s4 = service("S4 Kent outreach", &["E23000032"]);
    let s5 = service("S5 Kent none", &["E23000032"]);
    let s6 = service("S6 Kent rolled", &["E23000032"]);
    let s7 = service("S7 Gwent partial", &["W15000002"]);
    let mut conn = platform.conn().unwrap();
    let def = platform.catalogue.get("practitioner-survey-2017").unwrap();
    let mut respond =
        |service_id: i32, status: ResponseStatus, outcome: Outcome, answers: String| {
            let answers = match status {
                ResponseStatus::Submitted => {
                    NewAnswers::Submitted(SubmittedAnswers::read(def, &answers).unwrap())
                }
                _ => NewAnswers::Partial(answers),
            };
            responses::insert(
                &mut conn,
                responses::NewResponse {
                    cycle_id: cycle.id,
                    service_id,
                    schema_version: SCHEMA,
                    channel: Channel::Online,
                    outcome,
                    answers,
                },
            )
            .unwrap();
        };
    respond(
        s1,
        ResponseStatus::Submitted,
        Outcome::Answered,
        answered((4, 3.5), 3.0, json!({"E23000002": 100})),
    );
    respond(
        s2,
        ResponseStatus::Submitted,
        Outcome::Answered,
        answered((6, 5.0), 4.0, json!({"E23000006": 50, "E23000010": 50})),
    );
    respond(
        s3,
        ResponseStatus::Submitted,
        Outcome::Answered,
        answered((10, 9.0), 8.0, json!({"E23000001": 100})),
    );
    respond(
        s4,
        ResponseStatus::Submitted,
        Outcome::Answered,
        json!({"employs_practitioners": "yes", "roles": {"outreach": {"people": 2, "fte": 2.0}},
               "areas": {"E23000032": 100}})
        .to_string(),
    );
    respond(
        s5,
        ResponseStatus::Submitted,
        Outcome::NoPractitioners,
        json!({"employs_practitioners": "no"}).to_string(),
    );
    respond(
        s7,
        ResponseStatus::Partial,
        Outcome::Answered,
        answered((3, 3.0), 3.0, json!({"W15000002": 100})),
    );
    let mut figures = PractitionerFigures::default();
    figures.roles.insert(
        Role::Idva,
        RoleFigures {
            people: 2.0,
            fte: 1.5,
        },
    );
    figures.idva_high_risk_fte = 1.5;
    carried::insert(
        &mut conn,
        carried::NewCarried {
            cycle_id: cycle.id,
            service_id: s6,
            kind: CarriedKind::RolledForward,
            source: "2029 survey results",
            original_cycle_year: Some(2029),
            figures: &figures,
            created_by: "test",
        },
    )
    .unwrap();
}

/// Freezes a closed cycle and releases it from the CLI, as the team would.
fn release(db: &TestDb, year: i32) {
    let year = year.to_string();
    for args in [
        vec!["freeze", "--cycle", &year, "--reason", "checked"],
        vec!["release", "--cycle", &year, "--notes", "First release."],
    ] {
        let (ok, out, err) = frontline(&db.url, &args);
        assert!(ok, "{args:?}: {out}{err}");
    }
}

#[test]
fn regional_capacity_matches_the_figures_worked_by_hand() {
    let db = TestDb::new();
    golden_cycle(&db);
    let need = write_need_csv(&db.folder());
    let (ok, stdout, stderr) = frontline(
        &db.url,
        &["import-need", "--cycle", "2030", need.to_str().unwrap()],
    );
    assert!(ok, "{stderr}");
    assert!(stdout.contains("imported need inputs for 43 police force areas"));
    release(&db, 2030);
    let out = db.folder().join("site");
    let (ok, _, stderr) = frontline(
        &db.url,
        &["publish", "--cycle", "2030", "--out", out.to_str().unwrap()],
    );
    assert!(ok, "{stderr}");

    // Need: every area 250,000 women → 10 FTE by population; 500 Marac cases → 5 FTE, so 10.
    // Cumbria's 1,500 cases → 15 FTE. Uplift 200 FTE over 22,500 cases: 4.444 per ordinary area,
    // 13.333 for Cumbria. Required: 14.444 per ordinary area, 28.333 for Cumbria, 635.0 in all.
    // Idva services: S1 Cumbria (3.5 FTE, 3.0 high-risk), S2 half Cheshire half West Yorkshire
    // (5.0, 4.0), S3 Met (9.0, 8.0), S6 Kent rolled forward (1.5, 1.5). S4 has no Idvas, S5 employs
    // none, S7 only saved a draft. S2 counts in North West and in Yorkshire & Humber, once in total.
    let expected = "\
region,idva_services,fte_idvas,fte_idvas_high_risk,recommended_fte,coverage_pct,imputed_fte_idvas_high_risk,coverage_pct_without_imputed
East Midlands,0,0,0,72,0,0,0
Eastern,0,0,0,87,0,0,0
London,1,9,8,29,28,0,28
North East,0,0,0,43,0,0,0
North West,2,6,5,86,6,0,6
South East,1,2,2,72,2,0,2
South West,0,0,0,72,0,0,0
Wales,0,0,0,58,0,0,0
West Midlands,0,0,0,58,0,0,0
Yorkshire & Humber,1,3,2,58,3,0,3
Total,4,19,17,635,3,0,3
";
    let actual = std::fs::read_to_string(out.join("tables/regional-capacity.csv")).unwrap();
    for (line, (got, want)) in actual.lines().zip(expected.lines()).enumerate() {
        for (col, (g, w)) in got.split(',').zip(want.split(',')).enumerate() {
            assert_eq!(g, w, "row {line}, column {col}: got '{got}', want '{want}'");
        }
    }
    assert_eq!(actual.lines().count(), expected.lines().count());

    let appendix = std::fs::read_to_string(out.join("tables/rolled-forward.csv")).unwrap();
    assert_eq!(
        appendix,
        "service,pfa_code,pfa,fte_idvas,fte_idvas_high_risk,source\n\
         Golden Org – S6 Kent rolled,E23000032,Kent,1.5,1.5,2029 survey results\n"
    );
}

/// The figures stored when a response is submitted give the estimates its answers give; where
/// none were stored (responses submitted before), or they were read under another figure map or
/// reading, the answers are read again.
#[test]
fn figures_stored_at_submission_give_the_estimates_the_answers_give() {
    use diesel::RunQueryDsl;
    let db = TestDb::new();
    golden_cycle(&db);
    let platform = db.platform();
    let mut conn = platform.conn().unwrap();
    let cycle = cycles::by_year(&mut conn, 2030).unwrap();
    let estimates = |conn: &mut _| {
        frontline_web::estimates::for_cycle(&platform, conn, cycle.id).expect("estimates")
    };
    let stored = estimates(&mut conn);
    let rows = responses::submitted_figures(&mut conn, cycle.id).unwrap();
    assert!(rows.len() >= 4, "the golden cycle's answered responses");
    assert!(
        rows.iter()
            .all(|r| r.figures.is_some() && r.answers.is_none()),
        "each submitted response has its figures stored, and its answers are not read"
    );

    diesel::sql_query("UPDATE responses SET figures = NULL, figures_key = NULL WHERE id % 2 = 0")
        .execute(&mut *conn)
        .unwrap();
    diesel::sql_query("UPDATE responses SET figures_key = '0-another-reading' WHERE id % 2 = 1")
        .execute(&mut *conn)
        .unwrap();
    assert_eq!(estimates(&mut conn), stored);
    diesel::sql_query(
        "UPDATE responses SET figures = '{\"roles\":{\"idva\":{\"people\":99,\"fte\":99}}}'",
    )
    .execute(&mut *conn)
    .unwrap();
    assert_eq!(
        estimates(&mut conn),
        stored,
        "figures stored under another key are not used, whatever they say"
    );
}

#[test]
fn a_bad_need_file_is_reported_by_line_and_stores_nothing() {
    let db = TestDb::new();
    golden_cycle(&db);
    let good = write_need_csv(&db.folder());
    assert!(
        frontline(
            &db.url,
            &["import-need", "--cycle", "2030", good.to_str().unwrap()]
        )
        .0
    );
    let bad = db.folder().join("bad.csv");
    std::fs::write(
        &bad,
        "pfa,adult_females,marac_cases\nKent,100,200\nCumbria,100,-5\n",
    )
    .unwrap();
    let (ok, _, stderr) = frontline(
        &db.url,
        &["import-need", "--cycle", "2030", bad.to_str().unwrap()],
    );
    assert!(!ok);
    assert!(
        stderr.contains("bad.csv: nothing was imported; fix these rows: line 3, marac_cases: '-5' is not a whole number of 0 or more"),
        "{stderr}"
    );
    let platform = db.platform();
    let mut conn = platform.conn().unwrap();
    let cycle = cycles::by_year(&mut conn, 2030).unwrap();
    let stored = need_inputs::for_cycle(&mut conn, cycle.id).unwrap();
    assert_eq!(stored.len(), 43, "the earlier import is intact");
    assert!(stored.iter().all(|r| r.adult_females == 250_000));
}

#[test]
fn publishing_the_demo_writes_every_file_with_valid_svg_and_geojson() {
    let db = TestDb::demo();
    let (ok, _, stderr) = frontline(
        &db.url,
        &["release", "--cycle", "2017", "--notes", "First release."],
    );
    assert!(ok, "{stderr}");
    let out = db.folder().join("site");
    let (ok, stdout, stderr) = frontline(
        &db.url,
        &["publish", "--cycle", "2017", "--out", out.to_str().unwrap()],
    );
    assert!(ok, "{stderr}");
    assert!(stdout.starts_with("wrote "));
    for table in [
        "regional-capacity",
        "pfa-coverage",
        "service-size",
        "fte-by-service-size",
        "idva-locations",
        "practitioners-by-region",
        "services-by-role",
        "volunteers",
        "volunteers-by-pfa",
        "rolled-forward",
    ] {
        for ext in ["csv", "html"] {
            let path = out.join(format!("tables/{table}.{ext}"));
            assert!(path.is_file(), "{} missing", path.display());
        }
    }
    let pfa = std::fs::read_to_string(out.join("tables/pfa-coverage.csv")).unwrap();
    assert!(pfa.starts_with(
        "pfa_code,pfa,region,idva_services,fte_idvas,fte_idvas_high_risk,recommended_fte,coverage_pct,imputed_fte_idvas_high_risk,coverage_pct_without_imputed\n"
    ));
    assert_eq!(pfa.lines().count(), 44);

    for map in [
        "idva-coverage",
        "idva-fte-high-risk",
        "outreach-per-100k-women",
        "cyp-workers-per-100k-women",
    ] {
        let svg = std::fs::read_to_string(out.join(format!("maps/{map}.svg"))).unwrap();
        let doc = roxmltree::Document::parse(&svg)
            .unwrap_or_else(|e| panic!("{map}.svg is not XML: {e}"));
        assert_eq!(doc.root_element().tag_name().name(), "svg");
        let codes: std::collections::BTreeSet<&str> = doc
            .descendants()
            .filter(|n| n.has_tag_name("path"))
            .filter_map(|n| n.attribute("data-code"))
            .collect();
        assert_eq!(codes.len(), 43, "{map}: one shape per area");
        assert!(
            svg.contains("No data") && svg.contains("Classes:"),
            "{map}: legend"
        );
        assert!(
            svg.contains("Contains OS data © Crown copyright and database right 2020.")
                && svg.contains("City of London"),
            "{map}: ONS attribution and the City of London inset"
        );
    }

    let text = std::fs::read_to_string(out.join("coverage.geojson")).unwrap();
    assert_valid_geojson(&text);

    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    for expected in [
        "FTE Idvas",
        "of recommended provision",
        "Method and parameters",
        "regional-capacity.csv",
        "idva-coverage.svg",
        "Cases per Idva per year",
    ] {
        assert!(index.contains(expected), "index.html lacks '{expected}'");
    }

    // Survivors' voice: the year's feedback as support wanted against received, and Kent's pack
    // answers "Were survivors consulted?" from the demo's feedback links and its focus group.
    let support =
        std::fs::read_to_string(out.join("tables/survivor-feedback-support.csv")).unwrap();
    assert!(support.starts_with("region,support,wanted,received,not_received,received_pct\n"));
    assert!(support.contains("England and Wales,Counselling or therapy,"));
    let kent = std::fs::read_to_string(out.join("packs/E23000032/index.html")).unwrap();
    assert!(
        kent.contains("Focus group, 2017-03-08: 8 people (Women survivors, Black and minoritised survivors, People with no recourse to public funds)"),
        "the demo's consultation in Kent's pack"
    );
    assert!(kent.contains("services working in the area have a feedback link"));
    assert!(!kent.contains("Not held by Frontline"));

    // The web app serves the same publication.
    let server = Server::start(&db.url, &[]);
    let (status, served) = server.get("/publications/2017/tables/regional-capacity.csv");
    assert_eq!(status, 200);
    assert_eq!(
        served,
        std::fs::read_to_string(out.join("tables/regional-capacity.csv")).unwrap()
    );
    let (status, page) = server.get("/publications/2017/");
    assert_eq!(status, 200);
    assert!(page.contains("Frontline practitioners and Idva provision in England and Wales, 2017"));
    assert_eq!(server.get("/publications/2017/nothing.txt").0, 404);
}

/// RFC 7946: a FeatureCollection, one Feature per area, polygons with closed rings of
/// longitude/latitude positions, the exterior ring first.
fn assert_valid_geojson(text: &str) {
    let gj: geojson::GeoJson = text.parse().expect("coverage.geojson parses as GeoJSON");
    let geojson::GeoJson::FeatureCollection(fc) = gj else {
        panic!("not a FeatureCollection")
    };
    assert_eq!(fc.features.len(), 43);
    for f in &fc.features {
        let props = f.properties.as_ref().expect("properties");
        for key in [
            "pfa_code",
            "pfa",
            "region",
            "fte_idvas",
            "fte_idvas_high_risk",
            "recommended_fte",
            "coverage_pct",
        ] {
            assert!(props.contains_key(key), "feature lacks {key}");
        }
        let geometry = f.geometry.as_ref().expect("geometry");
        let geojson::GeometryValue::MultiPolygon { coordinates } = &geometry.value else {
            panic!("expected MultiPolygon")
        };
        for polygon in coordinates {
            for ring in polygon {
                assert!(ring.len() >= 4, "a ring has at least four positions");
                assert_eq!(ring.first(), ring.last(), "rings are closed");
                for p in ring {
                    let (lon, lat) = (p[0], p[1]);
                    assert!((-180.0..=180.0).contains(&lon) && (-90.0..=90.0).contains(&lat));
                }
            }
        }
    }
}

#[test]
fn a_boundary_file_draws_real_shapes_joined_on_code_or_name() {
    let db = TestDb::demo();
    // A boundary file as a user downloads one: ONS-style properties, one polygon per force,
    // joined on code for most and on name for the last few; one feature matches nothing.
    let geo = Geography::reference();
    let mut features: Vec<serde_json::Value> = geo
        .areas()
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let (x, y) = (-5.0 + (i % 7) as f64 * 1.1, 50.2 + (i / 7) as f64 * 0.8);
            let props = if i < 40 {
                json!({"PFA23CD": a.code, "PFA23NM": a.name})
            } else {
                json!({"name": a.name.to_uppercase()})
            };
            json!({"type": "Feature", "properties": props, "geometry": {"type": "Polygon",
                "coordinates": [[[x, y], [x + 1.0, y], [x + 1.0, y + 0.7], [x + 0.5, y + 0.75], [x, y + 0.7], [x, y]]]}})
        })
        .collect();
    features.push(json!({"type": "Feature", "properties": {"PFA23NM": "Isle of Man"},
        "geometry": {"type": "Polygon", "coordinates": [[[-4.5, 54.1], [-4.3, 54.1], [-4.3, 54.3], [-4.5, 54.1]]]}}));
    let file = db.folder().join("pfa.geojson");
    std::fs::write(
        &file,
        json!({"type": "FeatureCollection", "features": features}).to_string(),
    )
    .unwrap();

    let out = db.folder().join("site");
    let (ok, _, stderr) = frontline(
        &db.url,
        &[
            "publish",
            "--cycle",
            "2017",
            "--draft",
            "--out",
            out.to_str().unwrap(),
            "--boundaries",
            file.to_str().unwrap(),
        ],
    );
    assert!(ok, "{stderr}");
    let svg = std::fs::read_to_string(out.join("maps/idva-coverage.svg")).unwrap();
    roxmltree::Document::parse(&svg).expect("valid XML");
    assert_eq!(
        svg.matches("<path ").count(),
        45,
        "43 areas and 2 in the London inset"
    );
    assert!(
        !svg.contains("aria-hidden=\"true\">MET<"),
        "no tile labels on real shapes"
    );
    let text = std::fs::read_to_string(out.join("coverage.geojson")).unwrap();
    assert_valid_geojson(&text);
    assert!(
        text.contains("-5.0") || text.contains("-5,"),
        "real coordinates carried through"
    );
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(index.contains("1 feature(s) in the boundary file matched no police force area."));
    assert!(index.contains("(GeoJSON, boundaries)"));

    let bad = db.folder().join("bad.geojson");
    std::fs::write(&bad, "{\"type\": \"Feature\"").unwrap();
    let (ok, _, stderr) = frontline(
        &db.url,
        &[
            "publish",
            "--cycle",
            "2017",
            "--draft",
            "--out",
            out.to_str().unwrap(),
            "--boundaries",
            bad.to_str().unwrap(),
        ],
    );
    assert!(!ok);
    assert!(
        stderr.starts_with("frontline: boundary file: not valid GeoJSON"),
        "{stderr}"
    );
}
