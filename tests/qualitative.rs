//! Qualitative analysis from the command line: agreement between coders on a coding file.

mod support;

use support::{frontline, TestDb};

fn write(db: &TestDb, name: &str, rows: &[(&str, &str)]) -> String {
    let mut csv = String::from("unit,coder,code\n");
    for (coder, codes) in rows {
        for (u, code) in codes.split_whitespace().enumerate() {
            let code = if code == "." { "" } else { code };
            csv.push_str(&format!("{},{coder},{code}\n", u + 1));
        }
    }
    let path = db.folder().join(name);
    std::fs::write(&path, csv).unwrap();
    path.display().to_string()
}

#[test]
fn agreement_prints_alpha_for_any_coders_and_kappa_for_two() {
    let db = TestDb::new();
    // Krippendorff (2011), example C: four coders, missing values, nominal α = 0.743.
    let four = write(
        &db,
        "four.csv",
        &[
            ("A", "1 2 3 3 2 1 4 1 2 . . ."),
            ("B", "1 2 3 3 2 2 4 1 2 5 . 3"),
            ("C", ". 3 3 3 2 3 4 2 2 5 1 ."),
            ("D", "1 2 3 3 2 4 4 1 2 5 1 ."),
        ],
    );
    let (ok, out, err) = frontline(&db.url, &["coding", "agreement", &four]);
    assert!(ok, "{err}");
    assert_eq!(out.trim(), "units=12 coders=4 krippendorff_alpha=0.743");
    // Example A: two coders, so Cohen's kappa too.
    let two = write(
        &db,
        "two.csv",
        &[("A", "0 1 0 0 0 0 0 0 1 0"), ("B", "1 1 1 0 0 1 0 0 0 0")],
    );
    let (ok, out, _) = frontline(&db.url, &["coding", "agreement", &two]);
    assert!(ok);
    assert_eq!(
        out.trim(),
        "units=10 coders=2 krippendorff_alpha=0.095 cohen_kappa=0.091"
    );
    // A coder coding a unit twice is an error naming the line.
    let bad = db.folder().join("bad.csv");
    std::fs::write(&bad, "unit,coder,code\n1,ann,a\n1,ann,b\n").unwrap();
    let (ok, _, err) = frontline(&db.url, &["coding", "agreement", bad.to_str().unwrap()]);
    assert!(
        !ok && err.contains("line 3: coder 'ann' has already coded unit '1'"),
        "{err}"
    );
}
