//! Trends across cycles: each earlier cycle in a series is what its latest release says, cell
//! for cell (a correction shows, with its note); the years before Frontline come from what was
//! published then; a changed question breaks its series; headline changes add up.

mod support;

use std::collections::BTreeMap;
use std::path::Path;
use support::{frontline, TestDb};

fn cli(db: &TestDb, args: &[&str]) -> String {
    let (ok, out, err) = frontline(&db.url, args);
    assert!(ok, "{args:?}: {out}{err}");
    out
}

/// Which build of a cycle `publish` writes.
enum Edition {
    /// The latest release, byte for byte.
    Released,
    /// A draft built now from live data.
    Draft,
}

/// Writes cycle `year`'s publication, as `edition`, to the folder `out`.
fn publish(db: &TestDb, year: i32, edition: Edition, out: &Path) {
    let (year, out) = (year.to_string(), out.to_str().expect("path"));
    let mut args = vec!["publish", "--cycle", &year, "--out", out];
    if let Edition::Draft = edition {
        args.push("--draft");
    }
    cli(db, &args);
}

/// A CSV the publication wrote: its header and rows, the DRAFT banner line left out.
fn csv_at(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let text = std::fs::read_to_string(path).expect("csv");
    let body: String = text
        .lines()
        .skip_while(|l| l.starts_with("DRAFT"))
        .map(|l| format!("{l}\n"))
        .collect();
    let mut reader = csv::Reader::from_reader(body.as_bytes());
    let header = reader
        .headers()
        .expect("header")
        .iter()
        .map(String::from)
        .collect();
    let rows = reader
        .records()
        .map(|r| r.expect("row").iter().map(String::from).collect())
        .collect();
    (header, rows)
}

/// Each row of a table as column → cell, keyed by its first cell.
fn by_key(path: &Path) -> BTreeMap<String, BTreeMap<String, String>> {
    let (header, rows) = csv_at(path);
    rows.into_iter()
        .map(|r| {
            let cells = header.iter().cloned().zip(r.iter().cloned()).collect();
            (r[0].clone(), cells)
        })
        .collect()
}

/// A whole number as the sentences print it: 1,059.
fn thousands(cell: &str) -> String {
    let digits: Vec<char> = cell.chars().collect();
    let mut out = String::new();
    for (i, d) in digits.iter().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(*d);
    }
    out
}

/// Every cell of `year`'s rows in a series equals the cell of the released table it follows.
fn assert_series_follows(series: &Path, year: &str, key: &str, released: &[&Path]) {
    let (header, rows) = csv_at(series);
    let released: Vec<_> = released.iter().map(|p| by_key(p)).collect();
    let mut compared = 0;
    for row in rows.iter().filter(|r| r[0] == year) {
        let cells: BTreeMap<&str, &str> = header
            .iter()
            .map(String::as_str)
            .zip(row.iter().map(String::as_str))
            .collect();
        let area = cells.get(key).copied().unwrap_or("Total");
        for table in &released {
            let Some(published) = table.get(area) else {
                continue;
            };
            for (column, cell) in published {
                if let Some(in_series) = cells.get(column.as_str()) {
                    assert_eq!(
                        in_series,
                        cell,
                        "{year} {area} {column} in {}",
                        series.display()
                    );
                    compared += 1;
                }
            }
        }
    }
    assert!(
        compared > 0,
        "nothing of {year} compared in {}",
        series.display()
    );
}

#[test]
fn each_cycle_of_a_series_is_its_latest_release_and_a_correction_shows_with_its_note() {
    let db = TestDb::demo();
    let dir = db.folder();
    let (released, draft) = (dir.join("released-2016"), dir.join("draft-2017"));
    publish(&db, 2016, Edition::Released, &released);
    publish(&db, 2017, Edition::Draft, &draft);
    let t = |root: &Path, name: &str| root.join("tables").join(format!("{name}.csv"));
    // Each series and the released tables it follows.
    let regional = [
        "regional-capacity",
        "practitioners-by-region",
        "volunteers",
        "idva-people",
        "marac-cases",
    ];
    for (series, key, followed) in [
        ("trends-national", "", &regional[..]),
        ("trends-by-region", "region", &regional[..]),
        (
            "trends-by-pfa",
            "pfa_code",
            &["pfa-coverage", "volunteers-by-pfa"][..],
        ),
    ] {
        let released: Vec<_> = followed.iter().map(|name| t(&released, name)).collect();
        let released: Vec<&Path> = released.iter().map(|p| p.as_path()).collect();
        assert_series_follows(&t(&draft, series), "2016", key, &released);
    }
    // Refuge places follow the released table of places against the minimum: each area's row,
    // each region's "(all areas)" row and England and Wales.
    let (header, places) = csv_at(&t(&released, "refuge-spaces-by-pfa"));
    let at = |name: &str| header.iter().position(|c| c == name).expect(name);
    let (code, region, family) = (at("pfa_code"), at("region"), at("family_places"));
    let released_places = |wanted: &dyn Fn(&Vec<String>) -> bool| {
        places
            .iter()
            .find(|r| wanted(r))
            .map(|r| r[family].clone())
            .expect("a row of places")
    };
    let series_places = |name: &str, key: &str, value: &str| {
        let (header, rows) = csv_at(&t(&draft, name));
        let (k, f) = (
            header.iter().position(|c| c == key),
            header
                .iter()
                .position(|c| c == "family_places")
                .expect("family_places"),
        );
        rows.iter()
            .find(|r| r[0] == "2016" && k.is_none_or(|k| r[k] == value))
            .map(|r| r[f].clone())
            .expect("a 2016 row")
    };
    assert_eq!(
        series_places("trends-national", "", ""),
        released_places(&|r| r[region] == "Total")
    );
    assert_eq!(
        series_places("trends-by-region", "region", "Wales"),
        released_places(&|r| r[region] == "Wales" && r[code].is_empty())
    );
    assert_eq!(
        series_places("trends-by-pfa", "pfa_code", "E23000032"),
        released_places(&|r| r[code] == "E23000032")
    );

    // Each area's Marac cases in the series are the need model's, as released.
    let need = by_key(&t(&released, "need-model"));
    let (header, rows) = csv_at(&t(&draft, "trends-by-pfa"));
    let at = |name: &str| header.iter().position(|c| c == name).expect(name);
    let (code, marac) = (at("pfa_code"), at("marac_cases"));
    let earlier: Vec<&Vec<String>> = rows.iter().filter(|r| r[0] == "2016").collect();
    assert_eq!(earlier.len(), 43);
    for r in earlier {
        assert_eq!(r[marac], need[&r[code]]["marac_cases"], "{}", r[code]);
    }
    // This cycle's rows are this edition's own tables.
    assert_series_follows(
        &t(&draft, "trends-by-region"),
        "2017",
        "region",
        &[&t(&draft, "regional-capacity")],
    );

    // Headline changes add up: this cycle less the previous is the change.
    let (header, rows) = csv_at(&t(&draft, "headlines"));
    assert_eq!(
        header,
        [
            "measure",
            "cycle",
            "value",
            "previous_cycle",
            "previous_value",
            "change",
            "change_pct"
        ]
    );
    assert!(rows.len() >= 10, "{rows:?}");
    for r in &rows {
        assert_eq!((r[1].as_str(), r[3].as_str()), ("2017", "2016"));
        let [value, previous, change]: [f64; 3] =
            [2, 4, 5].map(|i| r[i].parse().unwrap_or_else(|_| panic!("{r:?}")));
        assert!((previous + change - value).abs() < 1e-9, "{r:?}");
    }
    let index = std::fs::read_to_string(draft.join("index.html")).expect("index");
    assert!(
        index.contains("Change since the last cycle"),
        "the index leads with change"
    );
    // The report's findings lead the index, each read from its table as published, and the
    // change in Marac cases from the headlines.
    assert!(index.contains("Key findings"));
    let people = &by_key(&t(&draft, "idva-people"))["Total"];
    assert!(
        index.contains(&format!(
            "Around {} Idvas work in England and Wales, the equivalent of {} full-time Idvas.",
            thousands(&people["idvas"]),
            thousands(&people["fte_idvas"])
        )),
        "{people:?}"
    );
    let marac = rows
        .iter()
        .find(|r| r[0] == "marac_cases")
        .expect("a Marac cases headline");
    let cases = |root: &Path| by_key(&t(root, "marac-cases"))["Total"]["marac_cases"].clone();
    assert_eq!((&marac[2], &marac[4]), (&cases(&draft), &cases(&released)));
    assert!(
        index.contains(&format!("Marac cases: {} in 2017", thousands(&marac[2]))),
        "the Marac change is a key finding"
    );
    let trends_page = std::fs::read_to_string(draft.join("trends.html")).expect("trends page");
    assert!(
        trends_page.contains("charts/trends-national.svg")
            && trends_page.contains("Data for the chart")
    );
    assert!(draft.join("charts/trends-wales.svg").exists());

    // A correction to 2016, released as version 3, is what the 2017 series shows, with a note.
    let need = dir.join("need-2016.csv");
    std::fs::write(&need, "pfa,adult_females,marac_cases\nE23000032,,9999\n").expect("need file");
    cli(
        &db,
        &[
            "freeze",
            "--cycle",
            "2016",
            "--reopen",
            "--reason",
            "Kent's Marac count was wrong",
        ],
    );
    cli(
        &db,
        &[
            "import-need",
            "--cycle",
            "2016",
            need.to_str().expect("path"),
        ],
    );
    cli(
        &db,
        &[
            "freeze",
            "--cycle",
            "2016",
            "--reason",
            "corrected need inputs",
        ],
    );
    cli(
        &db,
        &[
            "release",
            "--cycle",
            "2016",
            "--notes",
            "Correction: Kent's Marac cases.",
        ],
    );
    let (v3, after) = (dir.join("released-2016-v3"), dir.join("draft-2017-after"));
    publish(&db, 2016, Edition::Released, &v3);
    publish(&db, 2017, Edition::Draft, &after);
    assert_ne!(
        by_key(&t(&released, "pfa-coverage"))["E23000032"]["recommended_fte"],
        by_key(&t(&v3, "pfa-coverage"))["E23000032"]["recommended_fte"],
        "the correction changed Kent's recommended FTE"
    );
    assert_series_follows(
        &t(&after, "trends-by-pfa"),
        "2016",
        "pfa_code",
        &[&t(&v3, "pfa-coverage")],
    );
    let national = by_key(&t(&after, "trends-national"));
    assert!(
        national["2016"]["notes"].contains("corrected in version 3"),
        "{:?}",
        national["2016"]
    );
    assert!(national["2016"]["source"].contains("version 3"));

    // Withdrawn, version 3 leaves the series, which says so rather than quietly going back.
    cli(
        &db,
        &[
            "withdraw",
            "--cycle",
            "2016",
            "--version",
            "3",
            "--reason",
            "published in error",
        ],
    );
    let withdrawn = dir.join("draft-2017-withdrawn");
    publish(&db, 2017, Edition::Draft, &withdrawn);
    let national = by_key(&t(&withdrawn, "trends-national"));
    assert!(
        national["2016"]["source"].contains("version 2"),
        "{:?}",
        national["2016"]
    );
    assert!(
        national["2016"]["notes"].contains("version 3, which followed it, was withdrawn"),
        "{:?}",
        national["2016"]
    );
}

#[test]
fn years_before_frontline_start_the_series_and_a_changed_question_breaks_it() {
    let db = TestDb::demo();
    let dir = db.folder();

    // Imports `text` for `year` with `source`: whether it worked, and what was said on stderr.
    let import = |name: &str, year: &str, source: Option<&str>, text: &str| {
        let file = dir.join(name);
        std::fs::write(&file, text).expect("file");
        let mut args = vec!["import-published", "--cycle", year];
        if let Some(source) = source {
            args.extend(["--source", source]);
        }
        let path = file.to_str().expect("path").to_string();
        args.push(&path);
        let (ok, _, err) = frontline(&db.url, &args);
        (ok, err)
    };
    // A file with problems is refused whole, every problem named by line and field.
    let (ok, err) = import(
        "bad.csv",
        "2014",
        Some("Report 2014"),
        "level,area,measure,value\nnational,,fte_idvas,590\nregion,Atlantis,fte_idvas,12\nnational,,idva_count,3\n",
    );
    assert!(!ok, "{err}");
    assert!(
        err.contains("line 3, area: 'Atlantis' is not one of the 10 regions"),
        "{err}"
    );
    assert!(
        err.contains("line 4, measure: 'idva_count' is not a figure of the national series"),
        "{err}"
    );
    let good =
        "level,area,measure,value\nnational,,fte_idvas,\"1,590\"\nregion,Wales,volunteers,[c]\n";
    let (ok, err) = import("good.csv", "2014", None, good);
    assert!(
        !ok && err.contains("--source"),
        "a source is required: {err}"
    );
    // A year Frontline surveyed joins the series through its release, never an import.
    let (ok, err) = import("good.csv", "2017", Some("typed from the draft"), good);
    assert!(
        !ok && err.contains("2017 is not before Frontline's first cycle (2016)"),
        "{err}"
    );
    // A small count of people printed as a figure is refused: the rule holds in every format.
    let small = "level,area,measure,value\npfa,Surrey,volunteers,2\n";
    let (ok, err) = import("small.csv", "2014", Some("Report 2014"), small);
    assert!(
        !ok && err.contains("line 2, value: 2 is a count of people under 5"),
        "{err}"
    );
    let (ok, err) = import("good.csv", "2014", Some("Report 2014, table 1"), good);
    assert!(ok, "{err}");

    let draft = dir.join("draft-2018");
    publish(&db, 2018, Edition::Draft, &draft);
    let national = by_key(&draft.join("tables/trends-national.csv"));
    assert_eq!(national["2014"]["fte_idvas"], "1590");
    assert!(national["2014"]["source"].contains("Report 2014, table 1"));
    assert!(
        national["2015"]["source"].contains("2015 practitioner survey report"),
        "the demo's year before Frontline"
    );
    let regions = csv_at(&draft.join("tables/trends-by-region.csv")).1;
    assert!(regions
        .iter()
        .any(|r| r[0] == "2014" && r[1] == "Wales" && r.contains(&"[c]".to_string())));
    // 2017 is frozen but not released: the series goes from 2016 to 2018.
    assert!(
        !national.contains_key("2017"),
        "an unreleased cycle is not in a series"
    );
    // The 2018 survey counts volunteers as people: the series breaks there, and says why.
    assert!(
        national["2018"]["notes"].contains("Series break in services_with_volunteers, volunteers")
    );
    assert!(
        national["2016"]["notes"].contains("corrected in version 2"),
        "{:?}",
        national["2016"]
    );
    let headlines = by_key(&draft.join("tables/headlines.csv"));
    assert_eq!(headlines["volunteers"]["previous_cycle"], "2016");
    assert_eq!(
        headlines["volunteers"]["change"], "",
        "no change across a break"
    );
    assert_ne!(headlines["fte_idvas"]["change"], "");
}
