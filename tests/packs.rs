//! Needs-assessment packs on both backends: a population import is all or nothing; a crafted
//! area's pack agrees with the national tables and with figures worked out here by hand, and
//! lists what to chase (a service rolled forward, a funded service with no VFS return, no Marac
//! figures); a PCC office reads its own area's draft and is refused (and audited) for another;
//! the public reads packs only once released; the released pack prints to A4 in Chromium with
//! the toolkit's four questions.

mod support;

use frontline_geo::Geography;
use frontline_web::estimates::roll_forward::{self, Decision};
use frontline_web::store::states::Role;
use frontline_web::store::{accounts, audit, cycles, populations, services};
use std::collections::BTreeMap;
use support::web::Browser;
use support::{frontline, Server, TestDb};

const RETURNS: &str = "service,pfa,share,idva_people,idva_fte,idva_high_risk_fte,outreach_fte,refuge_fte,isva_fte,ypva_fte,children_fte,perpetrator_fte,other_fte,volunteers,source\n";
const FUNDING: &str =
    "service,funder_type,funder,kind,role,start,end,annual_amount,core_costs_covered,ring_fenced\n";
const PASSWORD: &str = "a long test password";
const KENT: &str = "E23000032";
const KENT_WOMEN: u64 = 800_000;

fn cli(db: &TestDb, args: &[&str]) -> String {
    let (ok, out, err) = frontline(&db.url, args);
    assert!(ok, "{args:?}: {out}{err}");
    out
}

fn write(db: &TestDb, name: &str, text: &str) -> String {
    let path = db.folder().join(name);
    std::fs::write(&path, text).expect("write");
    path.to_str().expect("path").to_string()
}

/// 2016: three services; 2017: only Kent Idva answered, Medway Outreach rolled forward.
fn crafted(db: &TestDb) {
    let y2016 = write(
        db,
        "2016.csv",
        &format!(
            "{RETURNS}Kent Idva,Kent,1,3,3,2,,,,,,,,,survey\n\
             Medway Outreach,Kent,1,2,2,1.5,1,,,,,,,,survey\n\
             Fells Idva,Cumbria,1,2,2,2,,,,,,,,,survey\n"
        ),
    );
    cli(db, &["import-returns", "--cycle", "2016", &y2016]);
    let y2017 = write(
        db,
        "2017.csv",
        &format!("{RETURNS}Kent Idva,Kent,1,4,3.5,2.5,,,,,,,,,survey\n"),
    );
    cli(db, &["import-returns", "--cycle", "2017", &y2017]);
    let platform = db.platform();
    let mut conn = platform.conn().expect("connection");
    let medway = services::all(&mut conn)
        .expect("services")
        .into_iter()
        .find(|s| s.name == "Medway Outreach")
        .expect("Medway");
    roll_forward::decide(
        &platform,
        &mut conn,
        2017,
        medway.id,
        Decision::RollForward,
        "analyst@example.org",
    )
    .expect("rolled forward");
    let funding = write(
        db,
        "funding.csv",
        &format!(
            "{FUNDING}Kent Idva,pcc,Kent PCC,grant,sole,2017-04-01,2018-03-31,40000,partly,no\n\
             Kent Idva,local_authority,Kent County Council,contract,sole,2015-04-01,2022-03-31,60000,yes,yes\n"
        ),
    );
    cli(db, &["import-funding", "--cycle", "2017", &funding]);
    cli(
        db,
        &[
            "new-programme",
            "--id",
            "kent-grants",
            "--name",
            "Kent PCC grants",
            "--first-period",
            "2017-Q3",
        ],
    );
    cli(
        db,
        &[
            "programme-services",
            "--programme",
            "kent-grants",
            "Kent Idva",
        ],
    );
}

/// A CSV's rows by their first cell, skipping a draft's mark line.
fn rows(text: &str) -> BTreeMap<String, BTreeMap<String, String>> {
    let body = match text.lines().next() {
        Some(first) if first.starts_with("DRAFT") => &text[first.len() + 1..],
        _ => text,
    };
    let mut reader = csv::Reader::from_reader(body.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .expect("header")
        .iter()
        .map(str::to_string)
        .collect();
    reader
        .records()
        .map(|r| {
            let r = r.expect("row");
            let row: BTreeMap<String, String> = header
                .iter()
                .cloned()
                .zip(r.iter().map(str::to_string))
                .collect();
            (r[0].to_string(), row)
        })
        .collect()
}

fn population_import_is_all_or_nothing(db: &TestDb) {
    let bad = write(
        db,
        "population-bad.csv",
        "pfa,females_16_plus,males_16_plus,children_0_15\nKent,800000,760000,320000\nAtlantis,1,2,3\n",
    );
    let (ok, out, err) = frontline(
        &db.url,
        &[
            "import-population",
            "--cycle",
            "2017",
            &bad,
            "--source",
            "Test figures",
        ],
    );
    assert!(!ok);
    assert!(
        err.contains("line 3, pfa: 'Atlantis' is not a police force area"),
        "{out}{err}"
    );
    let platform = db.platform();
    let mut conn = platform.conn().expect("connection");
    assert!(
        populations::for_year(&mut conn, 2017)
            .expect("populations")
            .is_empty(),
        "nothing stored from a refused file"
    );
    let good = write(
        db,
        "population.csv",
        &format!(
            "pfa,females_16_plus,males_16_plus,children_0_15\nKent,{KENT_WOMEN},760000,320000\n"
        ),
    );
    cli(
        db,
        &[
            "import-population",
            "--cycle",
            "2017",
            &good,
            "--source",
            "Test figures 2017",
        ],
    );
}

/// Entering rates: each needs its source; the first keeps the reference defaults beside it and a
/// second keeps the first.
fn rates_are_entered_with_their_sources(db: &TestDb) {
    let rate = |id: &str, percent: &str, source: &str| {
        frontline(
            &db.url,
            &[
                "prevalence-rate",
                "--cycle",
                "2017",
                "--id",
                id,
                "--label",
                "A test rate",
                "--applies-to",
                "adults_16_plus",
                "--percent",
                percent,
                "--source",
                source,
            ],
        )
    };
    let (ok, _, err) = rate("stalking_last_year_adults", "3.6", " ");
    assert!(
        !ok && err.contains("every rate needs its source and year"),
        "{err}"
    );
    assert!(rate("stalking_last_year_adults", "3.6", "CSEW 2022").0);
    assert!(rate("harassment_last_year_adults", "4.0", "A test survey 2023").0);
    let platform = db.platform();
    let mut conn = platform.conn().expect("connection");
    let cycle = cycles::by_year(&mut conn, 2017).expect("cycle");
    let ids: Vec<String> = populations::rates(&mut conn, cycle.id)
        .expect("rates")
        .into_iter()
        .map(|r| r.id)
        .collect();
    assert_eq!(
        ids.len(),
        6,
        "the four defaults and the two entered: {ids:?}"
    );
    assert!(ids.contains(&"stalking_last_year_adults".to_string()));
}

#[test]
fn a_pack_agrees_with_the_national_tables_lists_its_gaps_and_is_public_only_once_released() {
    let db = TestDb::new();
    crafted(&db);
    population_import_is_all_or_nothing(&db);
    rates_are_entered_with_their_sources(&db);

    // The draft pack and the draft publication, from the same live data.
    let pack = db.folder().join("pack");
    let site = db.folder().join("site");
    cli(
        &db,
        &[
            "pack",
            "--cycle",
            "2017",
            "--pfa",
            "Kent",
            "--draft",
            "--out",
            pack.to_str().unwrap(),
        ],
    );
    cli(
        &db,
        &[
            "publish",
            "--cycle",
            "2017",
            "--draft",
            "--out",
            site.to_str().unwrap(),
        ],
    );
    let read = |path: std::path::PathBuf| std::fs::read_to_string(&path).expect("file");
    let indicators = rows(&read(pack.join("indicators.csv")));
    let coverage = rows(&read(site.join("tables/pfa-coverage.csv")));
    let regional = rows(&read(site.join("tables/regional-capacity.csv")));
    let terms = rows(&read(site.join("tables/funding-terms-by-pfa.csv")));
    let kent = &coverage[KENT];
    let indicator = |id: &str, column: &str| indicators[id][column].clone();
    assert_eq!(indicator("idva_coverage_pct", "area"), kent["coverage_pct"]);
    assert_eq!(indicator("idva_fte", "area"), kent["fte_idvas"]);
    assert_eq!(
        indicator("idva_coverage_pct", "region"),
        regional["South East"]["coverage_pct"]
    );
    assert_eq!(
        indicator("idva_coverage_pct", "england_and_wales"),
        regional["Total"]["coverage_pct"]
    );
    assert_eq!(
        indicator("short_term_streams_pct", "area"),
        terms[KENT]["short_term_pct"],
        "the funding figure is the national funding table's"
    );
    assert_eq!(indicator("short_term_streams_pct", "area"), "50");
    let volunteers = rows(&read(site.join("tables/volunteers-by-pfa.csv")));
    assert_eq!(
        indicator("volunteers", "area"),
        volunteers[KENT]["volunteers"],
        "volunteers are the published (suppressed) cell"
    );

    // Worked out here: Kent's Idva FTE is its own 3.5 and Medway's rolled-forward 2; the South
    // East's women are Kent's imported 800,000 and the other areas' need-model figures.
    let geo = Geography::reference();
    let idva_fte = 3.5 + 2.0;
    assert_eq!(
        indicator("fte_idva_per_100k_women", "area"),
        format!("{:.1}", idva_fte / KENT_WOMEN as f64 * 100_000.0)
    );
    let south_east_women: f64 = geo
        .areas()
        .iter()
        .filter(|a| a.region == "South East")
        .map(|a| {
            if a.code == KENT {
                KENT_WOMEN as f64
            } else {
                a.adult_females as f64
            }
        })
        .sum();
    assert_eq!(
        indicator("fte_idva_per_100k_women", "region"),
        format!("{:.1}", idva_fte / south_east_women * 100_000.0),
        "a region is its summed FTE over its summed women, not a mean of rates"
    );
    assert_eq!(indicator("fte_idva_per_100k_women", "rank"), "1");
    assert_eq!(
        indicator("estimated_sexual_assault_last_year_women", "area"),
        "23200",
        "2.9% of 800,000"
    );
    assert_eq!(
        indicator(
            "estimated_sexual_assault_last_year_women",
            "england_and_wales"
        ),
        "",
        "not summed over areas without a population"
    );

    let html = read(pack.join("index.html"));
    for heading in [
        "What does the community say it needs?",
        "Which needs are not being met?",
        "Does provision fit the strategy, and is its funding secure?",
        "Were survivors consulted?",
        "Gaps in the data",
        "DRAFT",
    ] {
        assert!(html.contains(heading), "the pack has {heading}");
    }
    let gaps = &html[html.find("id=\"gaps\"").expect("gaps section")..];
    assert!(
        gaps.contains("Figures rolled forward") && gaps.contains("Medway Outreach"),
        "{gaps}"
    );
    assert!(
        gaps.contains("No VFS returns") && gaps.contains("Kent Idva"),
        "{gaps}"
    );
    assert!(gaps.contains("No Marac figures"), "{gaps}");
    assert!(pack.join("comparison.svg").exists() && pack.join("coverage-map.svg").exists());
    let workbook = std::fs::read(pack.join("needs-assessment-E23000032-2017.xlsx")).expect("xlsx");
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(workbook)).expect("xlsx opens");
    let sheets = book.sheet_names();
    // The pack's funding by funder type is the national funding-mix table's cells for the
    // area, [c] and all: Kent Idva's PCC grant and council contract are one service's money,
    // so neither is published under Kent's name, nor is either percentage.
    let mix = read(site.join("tables/funding-mix-by-pfa.csv"));
    let body = mix.split_once('\n').map_or("", |(_, b)| b);
    let mut reader = csv::Reader::from_reader(body.as_bytes());
    let national: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.expect("row").iter().map(String::from).collect::<Vec<_>>())
        .filter(|r| r[0] == KENT)
        .map(|r| r[2..].to_vec())
        .collect();
    assert_eq!(national.len(), 9, "one row per funder type");
    let pcc = &national[0];
    assert_eq!(
        pcc[..],
        ["Police and crime commissioner", "1", "[c]", "[c]"]
    );
    assert_eq!(national[1][2], "[c]", "the council's contract");
    let sheet = book
        .worksheet_range("funding-by-funder-type")
        .expect("sheet");
    let in_pack: Vec<Vec<String>> = sheet
        .rows()
        .skip(4)
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    calamine::Data::Float(f) => format!("{f:.2}"),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect();
    let as_read = |cell: &str| match cell.parse::<f64>() {
        Ok(n) => format!("{n:.2}"),
        Err(_) => cell.to_string(),
    };
    for (pack_row, national_row) in in_pack.iter().zip(&national) {
        let national_row: Vec<String> = national_row.iter().map(|c| as_read(c)).collect();
        assert_eq!(pack_row, &national_row, "the pack shows the national cells");
    }
    let all = in_pack.last().expect("the all-funders row");
    assert_eq!(all[0], "All funders");
    let by_and_for = rows(&read(site.join("tables/funding-by-and-for-by-pfa.csv")));
    assert_eq!(all[2], as_read(&by_and_for[KENT]["annual_funding"]));
    for sheet in [
        "Cover",
        "Notes",
        "idva-provision",
        "funding-security",
        "comparison",
        "gaps-in-the-data",
    ] {
        assert!(sheets.iter().any(|s| s == sheet), "{sheet} in {sheets:?}");
    }

    // An unknown area is named.
    let (ok, _, err) = frontline(
        &db.url,
        &[
            "pack",
            "--cycle",
            "2017",
            "--pfa",
            "Atlantis",
            "--draft",
            "--out",
            pack.to_str().unwrap(),
        ],
    );
    assert!(
        !ok && err.contains("'Atlantis' is not a police force area"),
        "{err}"
    );

    access_and_release(&db);
}

fn sign_in(office: &Browser, email: &str) {
    let page = office.try_sign_in(email, PASSWORD, "");
    assert_eq!(page.status, 303, "{}", page.body);
}

fn access_and_release(db: &TestDb) {
    {
        let platform = db.platform();
        let mut conn = platform.conn().expect("connection");
        for (email, area) in [
            ("pcc@kent.example.org", KENT),
            ("pcc@cumbria.example.org", "E23000002"),
        ] {
            let pcc = accounts::upsert(&mut conn, email, "PCC office", Role::PccReviewer, PASSWORD)
                .expect("account");
            accounts::set_areas(&mut conn, pcc.id, &[area.to_string()]).expect("areas");
        }
    }
    let server = Server::start(&db.url, &[]);
    let kent_office = Browser::new(&server.base);
    sign_in(&kent_office, "pcc@kent.example.org");
    let own = kent_office.get(&format!("/packs/2017/{KENT}/"));
    assert_eq!(own.status, 200, "{}", own.body);
    assert!(own.body.contains("DRAFT") && own.body.contains("Needs-assessment pack: Kent"));
    let listed = kent_office.get("/packs/2017");
    assert!(listed.body.contains("Kent") && !listed.body.contains("Cumbria"));

    let cumbria_office = Browser::new(&server.base);
    sign_in(&cumbria_office, "pcc@cumbria.example.org");
    let refused = cumbria_office.get(&format!("/packs/2017/{KENT}/indicators.csv"));
    assert_eq!(refused.status, 403);
    let platform = db.platform();
    let mut conn = platform.conn().expect("connection");
    let denied = audit::for_entity(&mut conn, "police_force_area", KENT).expect("audit");
    assert!(
        denied
            .iter()
            .any(|e| e.action == "access.denied" && e.actor == "pcc@cumbria.example.org"),
        "the refusal is audited"
    );

    // Nothing public before the release; then the released pack, unmarked.
    let public = format!("/publications/2017/packs/{KENT}/index.html");
    assert_eq!(server.get(&public).0, 404);
    let (_, anonymous) = server.get(&format!("/packs/2017/{KENT}/"));
    assert!(
        !anonymous.contains("Needs-assessment pack: Kent"),
        "draft packs are for signed-in staff only"
    );
    cli(db, &["freeze", "--cycle", "2017", "--reason", "checked"]);
    cli(
        db,
        &["release", "--cycle", "2017", "--notes", "First release."],
    );
    let (status, body) = server.get(&public);
    assert_eq!(status, 200);
    assert!(!body.contains("DRAFT") && body.contains("Released data, version 1"));
    let cycle = cycles::by_year(&mut conn, 2017).expect("cycle");
    assert!(cycle.is_frozen());
    print_released_pack(&server.base, &public);
}

/// The released pack printed from headless Chromium: A4 pages holding every section.
fn print_released_pack(base: &str, path: &str) {
    let chromium = std::path::Path::new("/usr/bin/chromium");
    let pdftotext = std::path::Path::new("/usr/bin/pdftotext");
    if !chromium.exists() || !pdftotext.exists() {
        assert!(
            std::env::var("FRONTLINE_REQUIRE_BROWSER").is_err(),
            "chromium and pdftotext are required (apt-get install chromium poppler-utils)"
        );
        eprintln!("skipped printing: chromium or pdftotext not installed (CI installs them)");
        return;
    }
    let folder = tempfile::tempdir().expect("temp folder");
    let pdf = folder.path().join("pack.pdf");
    let printed = std::process::Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
        ])
        .arg(format!(
            "--user-data-dir={}",
            folder.path().join("profile").display()
        ))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("{base}{path}"))
        .output()
        .expect("chromium runs");
    assert!(pdf.exists(), "{}", String::from_utf8_lossy(&printed.stderr));
    let text = std::process::Command::new(pdftotext)
        .args(["-layout"])
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    let text = String::from_utf8_lossy(&text.stdout);
    for section in [
        "1. What does the community say it needs?",
        "2. Which needs are not being met?",
        "3. Does provision fit the strategy",
        "4. Were survivors consulted?",
        "Gaps in the data",
        "Idva provision and the need model",
    ] {
        assert!(text.contains(section), "the printed pack has {section}");
    }
    let info = std::process::Command::new("/usr/bin/pdfinfo")
        .arg(&pdf)
        .output()
        .expect("pdfinfo runs");
    let info = String::from_utf8_lossy(&info.stdout);
    assert!(info.contains("(A4)"), "A4 pages: {info}");
}

/// The VFS return columns, as `import-vfs-returns` reads them.
const VFS_COLUMNS: &str = "service,pfa,waiting_list,waiting_weeks_median,referrals_new,engaged_new,engaged_existing,referred_on_victim_services,referred_on_financial,referred_on_housing,referred_on_health,referred_on_complex_needs,reported_active,reported_non_active,left_concluded,left_dropped_out,age_17_under,age_18_34,age_35_54,age_55_74,age_75_over,age_not_stated,gender_woman,gender_man,gender_non_binary,gender_not_stated,orientation_heterosexual,orientation_gay,orientation_lesbian,orientation_bisexual,orientation_other,orientation_not_stated,ethnicity_white,ethnicity_asian,ethnicity_black,ethnicity_mixed,ethnicity_other,ethnicity_not_stated,disability_yes,disability_no,disability_not_stated,coped_asked,coped_improved,informed_asked,informed_improved,support_asked,support_improved,cjs_asked,cjs_improved";

#[test]
fn who_is_missing_sets_the_returns_groups_beside_the_residents() {
    let db = TestDb::new();
    crafted(&db);
    // Kent Idva's return: 110 engaged; ethnicity, age and disability as below.
    let given: BTreeMap<&str, &str> = BTreeMap::from([
        ("waiting_list", "4"),
        ("referrals_new", "120"),
        ("engaged_new", "100"),
        ("engaged_existing", "10"),
        ("age_18_34", "40"),
        ("age_35_54", "50"),
        ("age_55_74", "10"),
        ("age_not_stated", "10"),
        ("gender_woman", "100"),
        ("gender_man", "5"),
        ("gender_not_stated", "5"),
        ("orientation_not_stated", "110"),
        ("ethnicity_white", "80"),
        ("ethnicity_asian", "5"),
        ("ethnicity_black", "6"),
        ("ethnicity_mixed", "5"),
        ("ethnicity_other", "5"),
        ("ethnicity_not_stated", "9"),
        ("disability_yes", "10"),
        ("disability_no", "90"),
        ("disability_not_stated", "10"),
    ]);
    let cells: Vec<&str> = VFS_COLUMNS
        .split(',')
        .skip(2)
        .map(|c| given.get(c).copied().unwrap_or("0"))
        .collect();
    let returns = write(
        &db,
        "vfs.csv",
        &format!("{VFS_COLUMNS}\nKent Idva,Kent,{}\n", cells.join(",")),
    );
    cli(
        &db,
        &[
            "import-vfs-returns",
            "--programme",
            "kent-grants",
            "--period",
            "2017-Q3",
            &returns,
        ],
    );
    // Kent's residents: 1,550,000 in every breakdown.
    let residents = write(
        &db,
        "groups.csv",
        "pfa,age_17_under,age_18_34,age_35_54,age_55_74,age_75_over,gender_woman,gender_man,ethnicity_white,ethnicity_asian,ethnicity_black,ethnicity_mixed,ethnicity_other,disability_yes,disability_no\n\
         Kent,400000,350000,400000,300000,100000,800000,750000,1400000,70000,40000,30000,10000,300000,1250000\n",
    );
    let (ok, _, err) = frontline(
        &db.url,
        &[
            "import-population-groups",
            "--cycle",
            "2017",
            "--source",
            "",
            &residents,
        ],
    );
    assert!(!ok && err.contains("source"), "a source is required: {err}");
    cli(
        &db,
        &[
            "import-population-groups",
            "--cycle",
            "2017",
            "--source",
            "Test census 2021",
            &residents,
        ],
    );
    let pack = db.folder().join("pack");
    cli(
        &db,
        &[
            "pack",
            "--cycle",
            "2017",
            "--pfa",
            "Kent",
            "--draft",
            "--out",
            pack.to_str().unwrap(),
        ],
    );
    let html = std::fs::read_to_string(pack.join("index.html")).expect("pack");
    let row = |label: &str| -> String {
        let at = html
            .find(label)
            .unwrap_or_else(|| panic!("{label} in the pack"));
        let end = html[at..].find("</tr>").expect("row end") + at;
        html[at..end].to_string()
    };
    // Worked out here: of the 100 whose disability was stated, 10 (10.0%) have one, against
    // 300,000 of 1,550,000 residents (19.4%): 0.52, under-represented.
    let (supported, population) = (10.0_f64, 100.0 * 300_000.0 / 1_550_000.0);
    let disabled = row("Disability: has a disability");
    for expected in [
        format!("{supported:.1}"),
        format!("{population:.1}"),
        format!("{:.2}", supported / population),
        "yes".to_string(),
    ] {
        assert!(disabled.contains(&expected), "{expected} in {disabled}");
    }
    // 5 of the 101 whose ethnicity was stated are Asian (5.0%) against 4.5% of residents: 1.10.
    let asian = row("Ethnicity: Asian or Asian British");
    let (supported, population) = (100.0 * 5.0 / 101.0, 100.0 * 70_000.0 / 1_550_000.0);
    assert!(
        asian.contains(&format!("{:.2}", supported / population)),
        "{asian}"
    );
    assert!(!asian.contains(">yes<"), "not under-represented: {asian}");
    assert!(html.contains("Test census 2021"), "the source is named");
}
