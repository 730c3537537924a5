//! The funding register: an import with a bad date or an unknown service is refused with the
//! line and field named and stores nothing; a good one is published as the funding-terms table,
//! whose figures follow the short-term and ending-soon rules.

mod support;

use support::web::Browser;
use support::{frontline, Server, TestDb};

const HEADER: &str =
    "service,funder_type,funder,kind,role,start,end,annual_amount,core_costs_covered,ring_fenced\n";

fn cli(db: &TestDb, args: &[&str]) -> (bool, String) {
    let (ok, out, err) = frontline(&db.url, args);
    (ok, format!("{out}{err}"))
}

#[test]
fn a_funding_import_is_all_or_nothing_and_publishes_the_funding_terms() {
    let db = TestDb::new();
    let contacts = db.folder().join("contacts.csv");
    std::fs::write(
        &contacts,
        "organisation,service,email,pfas\n\
         Harbour Trust,Harbour Advocacy,a@harbour.example.org,Kent\n\
         Willow Trust,Willow Refuge,b@willow.example.org,Kent;Surrey\n\
         Cedar Project,Cedar Outreach,c@cedar.example.org,Cumbria\n",
    )
    .unwrap();
    for args in [
        vec![
            "new-cycle",
            "--year",
            "2021",
            "--schema",
            "practitioner-survey-2017",
            "--title",
            "Survey 2021",
            "--opens",
            "2021-09-01",
            "--closes",
            "2021-10-31",
        ],
        vec![
            "import-contacts",
            "--cycle",
            "2021",
            contacts.to_str().unwrap(),
        ],
    ] {
        let (ok, out) = cli(&db, &args);
        assert!(ok, "{args:?}: {out}");
    }
    let file = db.folder().join("funding.csv");
    let bad = format!(
        "{HEADER}Harbour Advocacy,pcc,Kent PCC,grant,sole,2020-04-01,2025-03-31,45000,partly,no\n\
         Harbour Advocacy,pcc,Kent PCC,grant,sole,2021-02-30,2022-03-31,1000,no,no\n\
         Nowhere Service,pcc,Kent PCC,grant,sole,2021-04-01,2022-03-31,1000,no,no\n"
    );
    std::fs::write(&file, &bad).unwrap();
    let (ok, out) = cli(
        &db,
        &["import-funding", "--cycle", "2021", file.to_str().unwrap()],
    );
    assert!(!ok);
    assert!(
        out.contains("line 3, start: 30 February 2021 is not a real date"),
        "{out}"
    );
    assert!(out.contains("nothing was imported"), "{out}");
    // With the date fixed, the unknown service is named, and still nothing is stored.
    std::fs::write(&file, bad.replace("2021-02-30", "2021-02-28")).unwrap();
    let (ok, out) = cli(
        &db,
        &["import-funding", "--cycle", "2021", file.to_str().unwrap()],
    );
    assert!(
        !ok && out.contains("line 4, service: no service is called 'Nowhere Service'"),
        "{out}"
    );

    // Streams at the rules' boundaries (close 2021-10-31): five years exactly is not short-term;
    // ending on the close day and 12 months later both count as ending soon.
    let good = format!(
        "{HEADER}Harbour Advocacy,pcc,Kent PCC,grant,sole,2020-04-01,2025-03-31,45000,partly,no\n\
         Harbour Advocacy,local_authority,Kent CC,contract,lead_provider,2021-04-01,2021-10-31,\"12,500.50\",no,yes\n\
         Willow Refuge,charitable_trust,A Trust,grant,sole,2019-11-01,2022-10-31,20000,yes,no\n\
         Cedar Outreach,icb,North ICB,contract,sub_contractor,2018-01-01,2022-11-01,8000,no,no\n"
    );
    std::fs::write(&file, good).unwrap();
    let (ok, out) = cli(
        &db,
        &["import-funding", "--cycle", "2021", file.to_str().unwrap()],
    );
    assert!(ok && out.contains("imported 4 funding streams"), "{out}");

    let server = Server::start(&db.url, &[]);
    let team = Browser::new(&server.base);
    let csv = {
        let (ok, out, err) = frontline(
            &db.url,
            &[
                "create-account",
                "--email",
                "t@example.org",
                "--name",
                "T",
                "--role",
                "admin",
                "--password",
                "a-long-test-password",
            ],
        );
        assert!(ok, "{out}{err}");
        team.sign_in("t@example.org", "a-long-test-password");
        team.get("/admin/cycles/2021/draft/tables/funding-terms.csv")
            .body
    };
    let row = |region: &str| -> Vec<String> {
        csv.lines()
            .find(|l| l.starts_with(&format!("{region},")))
            .unwrap_or_else(|| panic!("{region} in {csv}"))
            .split(',')
            .map(str::to_string)
            .collect()
    };
    // South East (Kent, Surrey): three streams; the council's seven-month contract and the
    // trust's three-year grant are short-term; the contract ends on the close day, the grant
    // 12 months after.
    assert_eq!(row("South East"), ["South East", "3", "2", "67", "2"]);
    // North West (Cumbria): a stream of 4 years 10 months is short-term; it ends a day too late
    // to count as ending soon.
    assert_eq!(row("North West"), ["North West", "1", "1", "100", "0"]);
    assert_eq!(row("Wales"), ["Wales", "0", "0", "", "0"]);
    assert_eq!(
        row("England and Wales"),
        ["England and Wales", "4", "3", "75", "2"]
    );
}
