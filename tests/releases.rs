//! Releases: nothing unreleased is public; staff see a DRAFT and PCC offices a PROVISIONAL view of
//! their own areas; releasing needs frozen estimates; a released version never changes; the
//! workbook, data package, GeoJSON and zip say the same as the CSVs, suppression included.

mod support;

use diesel::RunQueryDsl;
use frontline_web::publish::release::content_hash;
use frontline_web::store::{audit, cycles, releases};
use geo::Validation;
use std::collections::BTreeMap;
use std::io::Cursor;
use support::web::{csrf_in, Browser};
use support::{frontline, Server, TestDb};

fn demo() -> TestDb {
    TestDb::demo()
}

fn cli(db: &TestDb, args: &[&str]) -> String {
    let (ok, out, err) = frontline(&db.url, args);
    assert!(ok, "{args:?}: {out}{err}");
    out
}

fn raw(url: &str) -> (u16, Vec<u8>) {
    let response = reqwest::blocking::get(url).expect("GET");
    (
        response.status().as_u16(),
        response.bytes().expect("body").to_vec(),
    )
}

#[test]
fn unreleased_figures_are_hidden_from_the_public_and_marked_for_staff_and_pcc_offices() {
    let db = demo();
    let server = Server::start(&db.url, &[]);
    let public = Browser::new(&server.base);
    for path in [
        "/publications/2018/",
        "/publications/2018/tables/pfa-coverage.csv",
        "/publications/2017/",
        "/publications/2017/versions",
        "/publications/2017/v1/",
        "/publications/1999/",
    ] {
        assert_eq!(public.get(path).status, 404, "{path} must not be public");
    }
    let home = public.get("/").body;
    assert!(home.contains("/publications/2016/") && !home.contains("/publications/2017/"));
    let released = public.get("/publications/2016/").body;
    assert!(released.contains("Version 2") && !released.contains("DRAFT"));
    assert!(released.contains("Contains OS data © Crown copyright and database right 2020."));

    // The survey team previews a draft of a cycle in fieldwork, marked on every page and file.
    let team = Browser::new(&server.base);
    let csrf = team.sign_in("admin@example.org", "frontline-demo");
    let page = team.get("/admin/cycles/2018/draft/");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("DRAFT — built live"), "{}", page.body);
    let csv = team
        .get("/admin/cycles/2018/draft/tables/pfa-coverage.csv")
        .body;
    assert!(csv.starts_with("DRAFT"), "{csv}");
    let svg = team
        .get("/admin/cycles/2018/draft/maps/idva-coverage.svg")
        .body;
    assert!(svg.contains("data-watermark=\"true\">DRAFT<"));
    let package = team.get("/admin/cycles/2018/draft/datapackage.json").body;
    assert!(package.contains("\"status\": \"DRAFT\""));

    // The threshold is set per cycle from the page, checked, and fixed once frozen.
    let bad = team.post(
        "/admin/cycles/2018/suppression",
        &[("csrf", &csrf), ("threshold", "five")],
    );
    assert_eq!(bad.status, 422);
    assert!(bad
        .body
        .contains("threshold: suppression threshold: five is not a whole number"));
    let set = team.post(
        "/admin/cycles/2018/suppression",
        &[("csrf", &csrf), ("threshold", "10")],
    );
    assert_eq!(set.status, 303);
    assert!(team
        .get("/admin/cycles/2018/publication")
        .body
        .contains("Counts of 1 to 9 people"));
    // The draft was kept for the data's revision; the change moves it, so the draft rebuilds.
    let rebuilt = team.get("/admin/cycles/2018/draft/").body;
    assert!(
        !page.body.contains("1 to 9") && rebuilt.contains("1 to 9"),
        "{}",
        rebuilt
    );
    let frozen = team.post(
        "/admin/cycles/2017/suppression",
        &[("csrf", &csrf), ("threshold", "10")],
    );
    assert_eq!(frozen.status, 403, "{}", frozen.body);

    // Releasing from the page: notes are required, linked to their field, and only from frozen
    // estimates; nothing is released without the check page's confirmation.
    let refused = team.post(
        "/admin/cycles/2017/releases/check",
        &[("csrf", &csrf), ("notes", " ")],
    );
    assert_eq!(refused.status, 422);
    assert!(refused.body.contains("notes: say what this release is"));
    assert!(
        refused.body.contains("href=\"#notes\"") && refused.body.contains("id=\"notes-error\""),
        "{}",
        refused.body
    );
    let refused = team.post(
        "/admin/cycles/2018/releases/check",
        &[("csrf", &csrf), ("notes", "Too early")],
    );
    assert_eq!(refused.status, 422);
    assert!(refused.body.contains("not frozen"), "{}", refused.body);
    let unconfirmed = team.post(
        "/admin/cycles/2017/releases",
        &[("csrf", &csrf), ("notes", "No check")],
    );
    assert_eq!(unconfirmed.status, 422);
    assert!(unconfirmed.body.contains("check the release first"));
    assert_eq!(public.get("/publications/2017/").status, 404);

    // The Kent PCC office sees the frozen 2017 figures for Kent only, marked PROVISIONAL.
    let pcc = Browser::new(&server.base);
    let signed_in = pcc.try_sign_in("pcc.kent@example.org", "frontline-demo", "");
    assert_eq!(signed_in.status, 303);
    let page = pcc.get("/pcc/2017/provisional/");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("PROVISIONAL") && page.body.contains("Kent"));
    assert!(!page.body.contains("Surrey") && !page.body.contains("regional-capacity"));
    let csv = pcc
        .get("/pcc/2017/provisional/tables/pfa-coverage.csv")
        .body;
    let rows: Vec<&str> = csv.lines().collect();
    assert!(rows[0].starts_with("PROVISIONAL"));
    assert_eq!(rows.len(), 3, "banner, header and Kent: {csv}");
    assert!(rows[2].starts_with("E23000032,Kent,"));
    // No note or description speaks of another area's figures (the City of London's coverage
    // outlier is explained beside its own row, which Kent's view does not have).
    for path in [
        "/pcc/2017/provisional/",
        "/pcc/2017/provisional/tables/pfa-coverage.html",
        "/pcc/2017/provisional/datapackage.json",
    ] {
        let body = pcc.get(path).body;
        assert!(
            !body.contains("City of London") && !body.contains("above 200"),
            "{path} speaks of another area"
        );
    }
    assert_eq!(
        pcc.get("/pcc/2017/provisional/tables/regional-capacity.csv")
            .status,
        404
    );
    assert_eq!(
        pcc.get("/pcc/2018/provisional/").status,
        404,
        "not frozen: not shared"
    );
    assert_eq!(pcc.get("/admin/cycles/2018/draft/").status, 403);
    let pcc_csrf = csrf_in(&pcc.get("/pcc").body);
    for step in ["releases/check", "releases"] {
        let refused = pcc.post(
            &format!("/admin/cycles/2017/{step}"),
            &[("csrf", &pcc_csrf), ("notes", "mine"), ("confirm", "yes")],
        );
        assert_eq!(refused.status, 403);
    }

    // The team checks the release, sees what will be public, and confirms; now the public sees it.
    let notes = "First release of the 2017 figures.";
    let check = team.post(
        "/admin/cycles/2017/releases/check",
        &[("csrf", &csrf), ("notes", notes)],
    );
    assert_eq!(check.status, 200, "{}", check.body);
    assert!(check.body.contains("Release version 1 to the public"));
    assert!(check.body.contains("pfa-coverage.csv"), "{}", check.body);
    assert_eq!(
        public.get("/publications/2017/").status,
        404,
        "checking releases nothing"
    );
    let confirm = [
        ("csrf", csrf.as_str()),
        ("notes", notes),
        ("confirm", "yes"),
        ("version", "1"),
    ];
    // Confirmed twice at once (a double click): one press releases it, the other is told so.
    let (done, again) = std::thread::scope(|scope| {
        let presses: Vec<_> = (0..2)
            .map(|_| scope.spawn(|| team.post("/admin/cycles/2017/releases", &confirm)))
            .collect();
        let mut pages: Vec<_> = presses.into_iter().map(|p| p.join().unwrap()).collect();
        pages.sort_by_key(|p| p.status);
        let again = pages.pop().expect("two presses");
        (pages.pop().expect("two presses"), again)
    });
    assert_eq!(done.status, 303, "{}", done.body);
    assert_eq!(again.status, 422, "{}", again.body);
    // Back, then confirm again: the checked version is released already, nothing more is.
    let again = team.post("/admin/cycles/2017/releases", &confirm);
    assert_eq!(again.status, 422);
    assert!(
        again.body.contains("version 1 is already released"),
        "{}",
        again.body
    );
    let confirmed = done.location.as_deref().unwrap_or_default();
    assert_eq!(confirmed, "/admin/cycles/2017/publication?released=1");
    let page = team.get(confirmed);
    assert!(page.body.contains("Version 1 is released"), "{}", page.body);
    let made_up = team.get("/admin/cycles/2017/publication?released=99");
    assert!(!made_up.body.contains("Version 99 is released"));
    assert!(!page.body.contains("provisional pages"), "{}", page.body);
    let page = public.get("/publications/2017/");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("First release of the 2017 figures."));
    assert!(public.get("/").body.contains("/publications/2017/"));
}

#[test]
fn a_release_needs_frozen_estimates_and_a_released_version_never_changes() {
    let db = demo();
    let (ok, _, err) = frontline(&db.url, &["release", "--cycle", "2018", "--notes", "x"]);
    assert!(!ok);
    assert!(
        err.contains("cycle: the 2018 estimates are open, not frozen; freeze them first"),
        "{err}"
    );
    let (ok, _, err) = frontline(&db.url, &["release", "--cycle", "2017", "--notes", ""]);
    assert!(!ok && err.contains("notes:"), "{err}");
    let out = cli(
        &db,
        &["release", "--cycle", "2017", "--notes", "First release."],
    );
    assert!(out.contains("as version 1"), "{out}");

    let server = Server::start(&db.url, &[]);
    let url = |p: &str| format!("{}/publications/2017/{p}", server.base);
    let (status, v1_index) = raw(&url(""));
    assert_eq!(status, 200);
    let (_, v1_coverage) = raw(&url("tables/pfa-coverage.csv"));
    let (_, v1_workbook) = raw(&url("frontline-provision-2017.xlsx"));

    // A late correction: re-open, change Kent's Marac cases, freeze again.
    cli(
        &db,
        &[
            "freeze",
            "--cycle",
            "2017",
            "--reopen",
            "--reason",
            "Kent's Marac count was wrong",
        ],
    );
    let need = db.folder().join("need.csv");
    std::fs::write(&need, "pfa,adult_females,marac_cases\nKent,700000,4000\n").unwrap();
    cli(
        &db,
        &["import-need", "--cycle", "2017", need.to_str().unwrap()],
    );
    cli(&db, &["freeze", "--cycle", "2017", "--reason", "corrected"]);
    assert_eq!(
        raw(&url("")).1,
        v1_index,
        "the release did not move with the data"
    );
    assert_eq!(raw(&url("tables/pfa-coverage.csv")).1, v1_coverage);

    let out = cli(
        &db,
        &[
            "release",
            "--cycle",
            "2017",
            "--notes",
            "Correction: Kent's Marac cases.",
        ],
    );
    assert!(out.contains("as version 2"), "{out}");
    // Beside the human note, every changed cell, listed automatically: the command says how
    // many, the release stores them (changes.csv, notes.html), main tables before the need
    // model's per-area cells; the first version has nothing to compare with.
    assert!(out.contains("cells changed since version 1"), "{out}");
    assert!(out.contains("tables/pfa-coverage.csv ("), "{out}");
    let (status, changes) = raw(&url("changes.csv"));
    assert_eq!(status, 200);
    let changes = String::from_utf8(changes).unwrap();
    let listed: Vec<&str> = changes.lines().skip(1).collect();
    assert!(
        listed
            .iter()
            .any(|l| l.starts_with("tables/pfa-coverage.csv,E23000032,recommended_fte,")),
        "{changes}"
    );
    let first_need_model = listed
        .iter()
        .position(|l| l.starts_with("tables/need-model.csv,"))
        .expect("the need model's cells");
    let last_main = listed
        .iter()
        .rposition(|l| l.starts_with("tables/") && !l.starts_with("tables/need-model.csv,"))
        .expect("the main tables' cells");
    assert!(last_main < first_need_model, "main tables first: {changes}");
    assert!(
        listed
            .iter()
            .filter(|l| l.starts_with("tables/need-model.csv,"))
            .any(|l| !l.contains(",E23000032,")),
        "other areas' need-model cells change too (the uplift is shared), and are listed"
    );
    let notes = String::from_utf8(raw(&url("notes.html")).1).unwrap();
    assert!(
        notes.contains("Correction: Kent&#x27;s Marac cases.")
            || notes.contains("Correction: Kent's Marac cases."),
        "{notes}"
    );
    assert!(notes.contains("Every cell that changed since version 1"));
    let index = String::from_utf8(raw(&url("")).1).unwrap();
    assert!(index.contains("changed since version 1") && index.contains("notes.html"));
    assert_eq!(raw(&url("v1/changes.csv")).0, 404);
    assert!(String::from_utf8(raw(&url("v1/notes.html")).1)
        .unwrap()
        .contains("This is the first version"));
    let (_, v2_coverage) = raw(&url("tables/pfa-coverage.csv"));
    assert_ne!(v2_coverage, v1_coverage);
    assert_eq!(raw(&url("v1/tables/pfa-coverage.csv")).1, v1_coverage);
    assert_eq!(raw(&url("v1/")).1, v1_index, "version 1 is byte-identical");
    assert_eq!(raw(&url("v1/frontline-provision-2017.xlsx")).1, v1_workbook);
    assert_eq!(raw(&url("v3/")).0, 404);
    let versions = String::from_utf8(raw(&url("versions")).1).unwrap();
    assert!(
        versions.contains("What changed since version 1"),
        "{versions}"
    );
    assert!(versions.contains("E23000032") && versions.contains("Correction: Kent"));
    assert!(
        versions.contains("tables&#x2f;need-model.csv")
            || versions.contains("tables/need-model.csv"),
        "the versions page lists the need model's cells too"
    );

    // `publish` writes the latest release exactly as served.
    let folder = db.folder().join("site");
    cli(
        &db,
        &[
            "publish",
            "--cycle",
            "2017",
            "--out",
            folder.to_str().unwrap(),
        ],
    );
    assert_eq!(
        std::fs::read(folder.join("tables/pfa-coverage.csv")).unwrap(),
        v2_coverage
    );
    let (ok, _, err) = frontline(
        &db.url,
        &[
            "publish",
            "--cycle",
            "2018",
            "--out",
            folder.to_str().unwrap(),
        ],
    );
    assert!(!ok && err.contains("has not been released"), "{err}");

    // Stored once, hashed, audited, and the database refuses to alter a snapshot.
    let platform = db.platform();
    let mut conn = platform.conn().unwrap();
    let cycle = cycles::by_year(&mut conn, 2017).unwrap();
    let all = releases::for_cycle(&mut conn, cycle.id).unwrap();
    assert_eq!(
        all.iter().map(|r| r.version).collect::<Vec<_>>(),
        vec![2, 1]
    );
    let files = releases::files(&mut conn, all[1].id).unwrap();
    assert_eq!(content_hash(&files), all[1].content_hash);
    let events = audit::for_entity(&mut conn, "cycle", "2017").unwrap();
    let released: Vec<_> = events
        .iter()
        .filter(|e| e.action == "publication.released")
        .collect();
    assert_eq!(released.len(), 2);
    assert!(events.iter().any(|e| e.action == "cycle.reopened"));
    for statement in [
        "UPDATE release_files SET content = content",
        "DELETE FROM release_files",
        "UPDATE releases SET notes = 'changed'",
        "DELETE FROM releases",
    ] {
        let result = diesel::sql_query(statement).execute(&mut *conn);
        assert!(result.is_err(), "{statement} must be refused");
    }
    assert_eq!(releases::files(&mut conn, all[1].id).unwrap(), files);
}

#[test]
fn every_format_of_a_release_says_the_same_as_its_csvs() {
    let db = demo();
    cli(
        &db,
        &["set-suppression", "--cycle", "2018", "--threshold", "3"],
    );
    let (ok, _, err) = frontline(
        &db.url,
        &["set-suppression", "--cycle", "2017", "--threshold", "0"],
    );
    assert!(!ok && err.contains("threshold"), "{err}");
    cli(
        &db,
        &["release", "--cycle", "2017", "--notes", "First release."],
    );
    let platform = db.platform();
    let mut conn = platform.conn().unwrap();
    let cycle = cycles::by_year(&mut conn, 2017).unwrap();
    let release = releases::latest(&mut conn, cycle.id).unwrap().unwrap();
    let files: BTreeMap<String, Vec<u8>> = releases::files(&mut conn, release.id)
        .unwrap()
        .into_iter()
        .collect();
    let text = |p: &str| String::from_utf8(files[p].clone()).unwrap();
    let csvs: Vec<&String> = files
        .keys()
        .filter(|p| p.starts_with("tables/") && p.ends_with(".csv"))
        .collect();
    // Seventeen tables of provision (six of them the report's findings beyond coverage); seven of funding (terms, mix and by-and-for, by region and by
    // police force area, and arrangements); refuge places against the Council of Europe
    // minimum (by police force area: by authority it is never published); survivors' feedback (support wanted and received, and the outcomes); the
    // headlines (national and by region) and three series since the first cycle; three of coded
    // comments for each of three open questions, and two (overall and by region) for each of
    // survivors' three (feedback's two free-text questions and consultations' transcripts).
    assert_eq!(csvs.len(), 47);
    assert!(csvs.contains(&&"tables/idva-people.csv".to_string()));
    assert!(csvs.contains(&&"tables/headlines.csv".to_string()));
    assert!(csvs.contains(&&"tables/trends-by-pfa.csv".to_string()));
    assert!(csvs.contains(&&"tables/survivor-feedback-support.csv".to_string()));
    assert!(csvs.contains(&&"tables/refuge-spaces-by-pfa.csv".to_string()));
    assert!(!csvs.contains(&&"tables/refuge-spaces-by-utla.csv".to_string()));
    assert!(csvs.contains(&&"tables/funding-terms.csv".to_string()));
    assert_eq!(
        csvs.iter()
            .filter(|p| p.starts_with("tables/comments-"))
            .count(),
        15
    );
    assert!(csvs.contains(&&"tables/comments-survivors-consultations.csv".to_string()));
    // Sheet names are table names cut to Excel's 31 characters, kept unique, in the data
    // package's order.
    let package: serde_json::Value = serde_json::from_str(&text("datapackage.json")).unwrap();
    let order: Vec<String> = package["resources"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["path"].as_str())
        .filter_map(|p| p.strip_prefix("tables/")?.strip_suffix(".csv"))
        .filter(|n| *n != "need-model")
        .map(String::from)
        .collect();
    let tables: Vec<frontline_geo::tables::Table> = order
        .iter()
        .map(|n| frontline_geo::tables::Table::new(n, "", &[]))
        .collect();
    let sheet_of: BTreeMap<String, String> = order
        .into_iter()
        .zip(frontline_web::publication::workbook::sheet_names(&tables))
        .collect();

    // The workbook: cover, notes, contents, then one sheet per table matching its CSV.
    use calamine::{Data, Reader};
    let mut book: calamine::Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(
        files["frontline-provision-2017.xlsx"].clone(),
    ))
    .expect("the workbook opens");
    let sheets = book.sheet_names();
    assert_eq!(&sheets[..3], &["Cover", "Notes", "Contents"]);
    let cover = book.worksheet_range("Cover").unwrap();
    let cover_text: Vec<String> = cover.rows().flatten().map(|c| c.to_string()).collect();
    for expected in ["Release date", "Source", "Contact", "First release."] {
        assert!(
            cover_text.iter().any(|c| c.contains(expected)),
            "cover lacks {expected}"
        );
    }
    let mut compared = 0;
    for path in &csvs {
        let name = path.trim_start_matches("tables/").trim_end_matches(".csv");
        if name == "need-model" {
            continue;
        }
        let sheet = book
            .worksheet_range(&sheet_of[name])
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let cells: Vec<Vec<String>> = sheet
            .rows()
            .skip(3)
            .map(|row| {
                row.iter()
                    .map(|c| match c {
                        Data::Float(f) => format!("{f}"),
                        Data::Int(i) => i.to_string(),
                        Data::Empty => String::new(),
                        other => other.to_string(),
                    })
                    .collect()
            })
            .collect();
        let mut reader = csv::Reader::from_reader(files[*path].as_slice());
        let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
        assert_eq!(cells[0], header, "{name}: header row");
        let rows: Vec<Vec<String>> = reader
            .records()
            .map(|r| r.unwrap().iter().map(String::from).collect())
            .collect();
        assert_eq!(cells.len() - 1, rows.len(), "{name}: row count");
        for (got, want) in cells[1..].iter().zip(&rows) {
            for (g, w) in got.iter().zip(want) {
                let same = match (g.parse::<f64>(), w.parse::<f64>()) {
                    (Ok(a), Ok(b)) => (a - b).abs() < 1e-9,
                    _ => g == w,
                };
                assert!(same, "{name}: sheet has {g}, CSV has {w}");
            }
        }
        compared += 1;
    }
    assert_eq!(compared, 46);

    // Suppression is the same everywhere: the CSV, the sheet and the GeoJSON show [c].
    let volunteers = text("tables/volunteers-by-pfa.csv");
    let hidden: Vec<&str> = volunteers
        .lines()
        .filter(|l| l.contains("[c]"))
        .map(|l| l.split(',').next().unwrap())
        .collect();
    assert!(
        hidden.len() >= 2,
        "the demo has small counts of volunteers: {volunteers}"
    );
    let sheet = book.worksheet_range("volunteers-by-pfa").unwrap();
    let suppressed_in_sheet = sheet
        .rows()
        .filter(|r| r.iter().any(|c| matches!(c, Data::String(s) if s == "[c]")))
        .count();
    assert_eq!(suppressed_in_sheet, hidden.len());
    let geojson: serde_json::Value = serde_json::from_str(&text("coverage.geojson")).unwrap();
    for feature in geojson["features"].as_array().unwrap() {
        let code = feature["properties"]["pfa_code"].as_str().unwrap();
        let properties = &feature["properties"];
        let shown = &properties["volunteers"];
        // Hidden: null (the property stays numeric) with the reason beside it.
        let hidden_here = shown.is_null() && properties["volunteers_status"] == "[c]";
        assert_eq!(hidden_here, hidden.contains(&code), "{code}: {shown}");
        assert!(shown.is_null() || shown.is_u64(), "{code}: {shown}");
        // Every role's FTE in every area, Idvas once.
        assert!(properties["fte_perpetrator"].is_number(), "{code}");
        assert!(properties.get("fte_idva").is_none(), "{code}");
    }
    assert!(geojson["attribution"]
        .as_str()
        .unwrap()
        .contains("Office for National Statistics"));
    let collection: geojson::FeatureCollection = text("coverage.geojson").parse().unwrap();
    for feature in collection.features {
        let shape: geo::Geometry<f64> = feature.geometry.unwrap().try_into().unwrap();
        assert!(shape.is_valid(), "published boundaries are valid");
    }

    // The data package describes every CSV, field by field.
    let package: serde_json::Value = serde_json::from_str(&text("datapackage.json")).unwrap();
    assert_eq!(package["licenses"][0]["name"], "OGL-UK-3.0");
    let resources = package["resources"].as_array().unwrap();
    let every_csv: std::collections::BTreeSet<&str> = files
        .keys()
        .filter(|p| p.ends_with(".csv"))
        .map(String::as_str)
        .collect();
    let listed: std::collections::BTreeSet<&str> = resources
        .iter()
        .map(|r| r["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        listed, every_csv,
        "the data package lists exactly the release's CSVs"
    );
    assert!(every_csv.contains("directory/services.csv"));
    assert!(every_csv.contains("packs/E23000032/indicators.csv"));
    for resource in resources {
        let path = resource["path"].as_str().unwrap();
        let mut reader = csv::Reader::from_reader(files[path].as_slice());
        let header: Vec<&str> = reader.headers().unwrap().iter().collect();
        let fields: Vec<&str> = resource["schema"]["fields"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["name"].as_str().unwrap())
            .collect();
        assert_eq!(fields, header, "{path}");
        assert!(resource["schema"]["fields"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["description"].as_str().is_some_and(|d| !d.is_empty())));
    }

    // One figure reads the same in every format: each area's Idva coverage and high-risk FTE
    // in the CSV, the table's HTML page, the index page's table, the maps' titles and the data
    // tables beside them, the GeoJSON and the workbook.
    let coverage = text("tables/pfa-coverage.csv");
    let page = text("tables/pfa-coverage.html");
    let index = text("index.html");
    let map_table = |title: &str| -> BTreeMap<String, String> {
        let start = index
            .find(&format!("<caption>Data for the map: {title}</caption>"))
            .unwrap_or_else(|| panic!("the data table of {title}"));
        let body = &index[start..start + index[start..].find("</table>").unwrap()];
        body.split("<tr><th scope=\"row\">")
            .skip(1)
            .map(|row| {
                let (name, rest) = row.split_once("</th>").unwrap();
                let value = rest
                    .trim_start_matches("<td class=\"num\">")
                    .split('<')
                    .next()
                    .unwrap()
                    .replace(',', "");
                (name.to_string(), value)
            })
            .collect()
    };
    let coverage_beside = map_table("Idva coverage of recommended provision");
    let fte_beside = map_table("FTE Idvas working with high-risk victims");
    let cells_in = |html: &str, code: &str| -> Vec<String> {
        // The row whose code cell is `code`: every cell after it (the area's name is the row's
        // heading), figures without the separators readers see.
        let at = html
            .find(&format!(">{code}</td>"))
            .unwrap_or_else(|| panic!("{code} in the HTML"));
        let start = html[..at].rfind("<tr").unwrap();
        let row = &html[start..at + html[at..].find("</tr>").unwrap()];
        row.split("<t")
            .filter(|c| c.starts_with('d') || c.starts_with('h'))
            .skip(1)
            .map(|c| {
                let content = c.split_once('>').map_or("", |(_, rest)| rest);
                content
                    .split('<')
                    .next()
                    .unwrap()
                    .replace("&amp;", "&")
                    .replace(',', "")
            })
            .collect()
    };
    let svg_titles = |map: &str| text(&format!("maps/{map}.svg"));
    let (coverage_svg, fte_svg) = (
        svg_titles("idva-coverage"),
        svg_titles("idva-fte-high-risk"),
    );
    let features: BTreeMap<String, serde_json::Value> = geojson["features"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let p = &f["properties"];
            (p["pfa_code"].as_str().unwrap().to_string(), p.clone())
        })
        .collect();
    let sheet = book.worksheet_range(&sheet_of["pfa-coverage"]).unwrap();
    let sheet_rows: BTreeMap<String, Vec<String>> = sheet
        .rows()
        .skip(4)
        .map(|r| {
            let cells: Vec<String> = r
                .iter()
                .map(|c| match c {
                    Data::Float(f) => format!("{f}"),
                    other => other.to_string(),
                })
                .collect();
            (cells[0].clone(), cells)
        })
        .collect();
    let mut reader = csv::Reader::from_reader(coverage.as_bytes());
    let mut areas = 0;
    for row in reader.records() {
        let row: Vec<String> = row.unwrap().iter().map(String::from).collect();
        let (code, name, fte_hr, pct) = (&row[0], &row[1], &row[5], &row[7]);
        let html_name = name.replace('&', "&amp;");
        assert_eq!(
            cells_in(&page, code),
            row[1..].to_vec(),
            "{code}: table page"
        );
        let index_table = &index[index.find("<table id=\"pfa-coverage\">").unwrap()..];
        assert_eq!(
            cells_in(index_table, code),
            row[1..].to_vec(),
            "{code}: index page"
        );
        let shown_pct = if pct.is_empty() {
            "no data".to_string()
        } else {
            format!("{pct}%")
        };
        // An area whose figures include imputed ones says so after its value.
        let titled = |svg: &str, shown: &str| {
            [
                format!("<title>{html_name}: {shown}</title>"),
                format!("<title>{html_name}: {shown} (includes imputed figures)</title>"),
            ]
            .iter()
            .any(|title| svg.contains(title))
        };
        assert!(
            titled(&coverage_svg, &shown_pct),
            "{code}: coverage map title, CSV {pct}"
        );
        assert!(
            titled(&fte_svg, &format!("{fte_hr} FTE")),
            "{code}: FTE map title, CSV {fte_hr}"
        );
        if !pct.is_empty() {
            assert_eq!(&coverage_beside[&html_name], pct, "{code}: beside the map");
            assert_eq!(
                features[code]["coverage_pct"].to_string(),
                *pct,
                "{code}: GeoJSON"
            );
        }
        assert_eq!(
            &fte_beside[&html_name], fte_hr,
            "{code}: beside the FTE map"
        );
        assert_eq!(
            features[code]["fte_idvas_high_risk"].to_string(),
            *fte_hr,
            "{code}: GeoJSON"
        );
        assert_eq!(&sheet_rows[code][5], fte_hr, "{code}: workbook");
        assert_eq!(&sheet_rows[code][7], pct, "{code}: workbook");
        areas += 1;
    }
    assert_eq!(areas, 43);

    // The zip holds every other file, unchanged.
    let mut zip = zip::ZipArchive::new(Cursor::new(files["frontline-provision-2017.zip"].clone()))
        .expect("the zip opens");
    assert_eq!(zip.len(), files.len() - 1);
    let mut inside = Vec::new();
    std::io::Read::read_to_end(
        &mut zip
            .by_name("frontline-provision-2017/tables/pfa-coverage.csv")
            .unwrap(),
        &mut inside,
    )
    .unwrap();
    assert_eq!(inside, files["tables/pfa-coverage.csv"]);
}

#[test]
fn a_release_data_package_lists_exactly_its_files() {
    // The demo releases 2016 (two versions) and the 2021 study, which counted no practitioners
    // and so publishes no need model.
    let db = demo();
    let platform = db.platform();
    let mut conn = platform.conn().unwrap();
    for year in [2016, 2021] {
        let cycle = cycles::by_year(&mut conn, year).unwrap();
        for release in releases::for_cycle(&mut conn, cycle.id).unwrap() {
            let files: BTreeMap<String, Vec<u8>> = releases::files(&mut conn, release.id)
                .unwrap()
                .into_iter()
                .collect();
            let package: serde_json::Value =
                serde_json::from_slice(&files["datapackage.json"]).unwrap();
            let listed: Vec<&str> = package["resources"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| r["path"].as_str().unwrap())
                .collect();
            let what = format!("{year} v{}", release.version);
            for path in &listed {
                assert!(
                    files.contains_key(*path),
                    "{what}: {path} is listed but not released"
                );
            }
            for path in files.keys().filter(|p| p.ends_with(".csv")) {
                assert!(
                    listed.contains(&path.as_str()),
                    "{what}: {path} is not listed"
                );
            }
            let has_need_model = listed.contains(&"tables/need-model.csv");
            assert_eq!(has_need_model, year == 2016, "{what}: need model");
            assert_eq!(
                listed.contains(&"changes.csv"),
                release.version > 1,
                "{what}: a second version lists its changes"
            );
        }
    }
}
