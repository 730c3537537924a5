//! Qualitative analysis from the command line: agreement between coders on a coding file.

mod support;

use std::collections::BTreeMap;
use support::web::{csrf_in, Browser};
use support::{frontline, Server, TestDb};

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

/// The first number after `marker` in `html`.
fn number_after(html: &str, marker: &str) -> Option<i32> {
    let start = html.find(marker)? + marker.len();
    html[start..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .ok()
}

/// The comment the workbench shows, if any.
fn shown_comment(html: &str, question: &str) -> Option<i32> {
    number_after(html, &format!("/coding/2018/{question}/comments/"))
}

/// Codes every comment in the coder's queue with `pick(comment id)`; returns (id, code) pairs.
fn code_queue(
    who: &Browser,
    csrf: &str,
    question: &str,
    pick: impl Fn(i32) -> &'static str,
) -> Vec<(i32, &'static str)> {
    let mut done = Vec::new();
    let mut page = who.get(&format!("/coding/2018/{question}/work"));
    while let Some(id) = shown_comment(&page.body, question) {
        assert!(
            done.iter().all(|(d, _)| *d != id),
            "comment {id} came round twice"
        );
        let code = pick(id);
        let posted = who.post(
            &format!("/coding/2018/{question}/comments/{id}/code"),
            &[("csrf", csrf), ("filter", "uncoded"), ("code", code)],
        );
        assert_eq!(posted.status, 303, "{}", posted.body);
        done.push((id, code));
        page = who.get(posted.location.as_deref().expect("where next"));
    }
    assert!(page.body.contains("Nothing left to code"), "{}", page.body);
    done
}

fn comments_csv(team: &Browser) -> Vec<BTreeMap<String, String>> {
    let text = team.get("/coding/2018/comments.csv").body;
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().unwrap().clone();
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            headers
                .iter()
                .zip(r.iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

#[test]
fn a_team_codes_double_codes_adjudicates_and_publishes_findings_and_approved_quotes() {
    let db = TestDb::new();
    let (ok, _, err) = frontline(&db.url, &["demo"]);
    assert!(ok, "{err}");
    let server = Server::start(&db.url, &[]);
    let team = Browser::new(&server.base);
    let csrf = team.sign_in("admin@example.org", "frontline-demo");
    let q = "other_comments";

    // A bad codebook is refused with the line and field named; nothing is saved.
    let bad = team.post_file(
        &format!("/coding/2018/{q}/codebook"),
        &csrf,
        "codebook.csv",
        "category,subcategory,definition,examples\nFunding,,,\n,Orphan,,\n",
    );
    assert_eq!(bad.status, 422);
    assert!(
        bad.body.contains("codebook.csv line 3: category: is empty"),
        "{}",
        bad.body
    );
    let page = team.get(&format!("/coding/2018/{q}/codebook")).body;
    assert!(
        page.contains("copied from 2017"),
        "the copied codebook stays current"
    );

    // Import a codebook of three categories as the next version.
    let book = "category,subcategory,definition,examples\n\
        Funding,,Money for services,\n\
        Funding,Core costs,Overheads,\n\
        Housing options,,Safe housing,\n\
        Other,,Anything else,\n";
    let imported = team.post_file(
        &format!("/coding/2018/{q}/codebook"),
        &csrf,
        "book.csv",
        book,
    );
    assert_eq!(imported.status, 303, "{}", imported.body);
    let page = team.get(&format!("/coding/2018/{q}/codebook")).body;
    assert!(page.contains("Version 2, imported from book.csv"), "{page}");
    let qdc = team.get(&format!("/coding/2018/{q}/codebook.qdc")).body;
    assert!(qdc.contains("urn:QDA-XML:codebook:1.0") && qdc.contains("Core costs"));

    // Split the answers into comments; then join the first answer's comments by hand.
    for question in [q, "biggest_difference"] {
        let split = team.post(
            &format!("/coding/2018/{question}/segment"),
            &[("csrf", &csrf)],
        );
        assert_eq!(split.status, 303, "{}", split.body);
    }
    let before = comments_csv(&team);
    let ours: Vec<_> = before.iter().filter(|r| r["question"] == q).collect();
    assert!(
        ours.len() >= 10,
        "the demo's 2018 answers give comments: {}",
        ours.len()
    );
    let response = &ours[0]["response_id"];
    let segments = format!("/coding/2018/{q}/answers/{response}/segments");
    let page = team.get(&segments).body;
    let marked = page
        .split("name=\"segments\" rows=\"8\">")
        .nth(1)
        .and_then(|rest| rest.split("</textarea>").next())
        .expect("the marked answer")
        .replace("&#x27;", "'")
        .replace("&amp;", "&");
    let changed = team.post(
        &segments,
        &[
            ("csrf", &csrf),
            ("segments", &format!("{marked} Extra words.")),
        ],
    );
    assert_eq!(changed.status, 422);
    assert!(
        changed.body.contains("segments: the text was changed"),
        "{}",
        changed.body
    );
    let joined = team.post(
        &segments,
        &[("csrf", &csrf), ("segments", &marked.replace('|', ""))],
    );
    assert_eq!(joined.status, 303, "{}", joined.body);
    let after = comments_csv(&team);
    let of_answer = |rows: &[BTreeMap<String, String>]| {
        rows.iter()
            .filter(|r| r["question"] == q && &r["response_id"] == response)
            .count()
    };
    assert_eq!(of_answer(&after), 1, "one comment left for that answer");

    // The first coder codes every comment from the keyboard workbench (here: by its buttons).
    let first = Browser::new(&server.base);
    first.post(
        "/login",
        &[
            ("email", "coder@example.org"),
            ("password", "frontline-demo"),
        ],
    );
    let first_csrf = csrf_in(&first.get(&format!("/coding/2018/{q}/work")).body);
    let pick_first = |id: i32| match id % 3 {
        0 => "Funding",
        1 => "Funding / Core costs",
        _ => "Housing options",
    };
    let coded = code_queue(&first, &first_csrf, q, pick_first);
    let total = coded.len();
    assert_eq!(total, after.iter().filter(|r| r["question"] == q).count());
    // A code outside the codebook is refused, naming the field.
    let (some, _) = coded[0];
    let refused = first.post(
        &format!("/coding/2018/{q}/comments/{some}/code"),
        &[
            ("csrf", &first_csrf),
            ("filter", "uncoded"),
            ("code", "Nonsense"),
        ],
    );
    assert_eq!(refused.status, 422);
    assert!(
        refused
            .body
            .contains("code: &#x27;Nonsense&#x27; is not in version 2 of the codebook"),
        "{}",
        refused.body
    );
    // Undo takes back the last code and shows that comment again.
    let undone = first.post(
        &format!("/coding/2018/{q}/undo"),
        &[("csrf", &first_csrf), ("filter", "uncoded")],
    );
    let (last, last_code) = *coded.last().unwrap();
    assert!(undone
        .location
        .as_deref()
        .unwrap()
        .ends_with(&format!("at={last}")));
    let recoded = first.post(
        &format!("/coding/2018/{q}/comments/{last}/code"),
        &[
            ("csrf", &first_csrf),
            ("filter", "uncoded"),
            ("code", last_code),
        ],
    );
    assert_eq!(recoded.status, 303);

    // Half the comments go to a second coder, who sees only them, blind.
    let sampled = team.post(
        &format!("/coding/2018/{q}/sample"),
        &[
            ("csrf", &csrf),
            ("percent", "50"),
            ("coder", "coder2@example.org"),
        ],
    );
    assert_eq!(sampled.status, 303, "{}", sampled.body);
    let second = Browser::new(&server.base);
    second.post(
        "/login",
        &[
            ("email", "coder2@example.org"),
            ("password", "frontline-demo"),
        ],
    );
    let second_page = second.get(&format!("/coding/2018/{q}/work")).body;
    assert!(second_page.contains("double-coding sample: code it blind"));
    assert!(
        !second_page.contains("your code:"),
        "blind: no one's code is shown"
    );
    let second_csrf = csrf_in(&second_page);
    // The second coder agrees except on comments whose id is a multiple of 5.
    let disagree = |id: i32| id % 5 == 0;
    let second_codes = code_queue(&second, &second_csrf, q, |id| {
        if disagree(id) {
            "Other"
        } else {
            pick_first(id)
        }
    });
    assert_eq!(second_codes.len(), total.div_ceil(2));

    // Agreement: the page's kappa and alpha are the domain's on the same codes.
    let category = |code: &str| code.split(" / ").next().unwrap().to_string();
    let mut units: frontline_qualitative::agreement::Reliability = BTreeMap::new();
    for (id, code) in &second_codes {
        units.insert(
            id.to_string(),
            [
                ("coder@example.org".to_string(), category(pick_first(*id))),
                ("coder2@example.org".to_string(), category(code)),
            ]
            .into(),
        );
    }
    let alpha = frontline_qualitative::agreement::krippendorff_alpha(&units).unwrap();
    let kappa = frontline_qualitative::agreement::cohen_kappa(
        &units,
        "coder@example.org",
        "coder2@example.org",
    )
    .unwrap();
    let agreement = team.get(&format!("/coding/2018/{q}/agreement")).body;
    assert!(
        agreement.contains(&format!("{alpha:.3}")),
        "alpha {alpha:.3}: {agreement}"
    );
    assert!(
        agreement.contains(&format!("{kappa:.3}")),
        "kappa {kappa:.3}"
    );
    let disputed: Vec<i32> = second_codes
        .iter()
        .map(|(id, _)| *id)
        .filter(|id| disagree(*id))
        .collect();
    assert!(!disputed.is_empty(), "the sample has disagreements");
    // Adjudicate the first disagreement as the second coder had it.
    let settled = team.post(
        &format!("/coding/2018/{q}/comments/{}/adjudicate", disputed[0]),
        &[("csrf", &csrf), ("code", "Other")],
    );
    assert_eq!(settled.status, 303, "{}", settled.body);

    // The findings table's counts are the final codes, and percentages come from them.
    let mut expected: BTreeMap<String, usize> = BTreeMap::new();
    for (id, code) in &coded {
        let last = if *id == disputed[0] { "Other" } else { code };
        *expected.entry(category(last)).or_default() += 1;
    }
    let draft = team
        .get("/admin/cycles/2018/draft/tables/comments-other-comments.csv")
        .body;
    let body: String = draft.lines().skip(1).collect::<Vec<_>>().join("\n");
    let mut rows = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(body.as_bytes());
    let (mut seen, mut hidden) = (0, Vec::new());
    for row in rows.records() {
        let row = row.unwrap();
        let (name, sub, count, pct) = (&row[0], &row[1], &row[2], &row[3]);
        if !sub.is_empty() || name == "All coded comments" {
            continue;
        }
        let want = expected.get(name).copied().unwrap_or(0);
        if count == "[c]" {
            hidden.push(want);
            continue;
        }
        assert_eq!(count.parse::<usize>().unwrap(), want, "{name}");
        let pct_want = (100.0 * want as f64 / total as f64).round() as usize;
        assert_eq!(pct.parse::<usize>().unwrap(), pct_want, "{name} %");
        seen += 1;
    }
    assert!(seen >= 1, "{draft}");
    assert!(
        draft.contains(&format!("All coded comments,,{total},100")),
        "{draft}"
    );
    // Hidden cells: small counts, and one more so no subtraction from the total finds them.
    assert!(
        hidden.is_empty() || (hidden.len() >= 2 && hidden.iter().any(|n| (1..5).contains(n))),
        "{hidden:?}"
    );

    // A quote naming a police force area: starred, not published until approved, then
    // published with the area redacted.
    let rows = comments_csv(&team);
    let areas = [
        "Kent",
        "Surrey",
        "Essex",
        "Cumbria",
        "Lancashire",
        "Merseyside",
        "Cheshire",
        "Durham",
        "Norfolk",
        "Suffolk",
        "Dorset",
        "Wiltshire",
        "Gwent",
        "Thames Valley",
        "West Midlands",
        "Northumbria",
        "Cleveland",
        "Sussex",
        "Hampshire",
        "Staffordshire",
    ];
    let (quote, area) = rows
        .iter()
        .filter(|r| r["question"] == "biggest_difference")
        .find_map(|r| {
            areas
                .iter()
                .find(|a| r["comment"].contains(*a))
                .map(|a| (r, *a))
        })
        .expect("a demo comment naming an area");
    let id = &quote["comment_id"];
    let starred = first.post(
        &format!("/coding/2018/biggest_difference/comments/{id}/star"),
        &[("csrf", &first_csrf), ("filter", "all")],
    );
    assert_eq!(starred.status, 303, "{}", starred.body);
    let views = "/admin/cycles/2018/draft/qualitative/index.html";
    assert!(
        !team.get(views).body.contains(&quote["comment"][..20]),
        "not published before approval"
    );
    let review = team.get("/coding/2018/quotes").body;
    assert!(review.contains(&format!("“{area}” → [area]")), "{review}");
    let approved = team.post(
        &format!("/coding/2018/quotes/{id}"),
        &[("csrf", &csrf), ("decision", "approve"), ("redact", "0")],
    );
    assert_eq!(approved.status, 303, "{}", approved.body);
    let page = team.get(views).body;
    let published = quote["comment"].replacen(area, "[area]", 1);
    assert!(
        page.contains(&published.replace('\'', "&#x27;")) || page.contains(&published),
        "{published}"
    );
    assert!(!page.contains(&quote["comment"].replace('\'', "&#x27;")));
    // Nothing of 2018 is public.
    assert_eq!(
        Browser::new(&server.base)
            .get("/publications/2018/qualitative/index.html")
            .status,
        404
    );

    // The exports: a REFI-QDA project whose codings point at its codebook.
    let out = db.folder().join("coding.qdpx");
    let (ok, _, err) = frontline(
        &db.url,
        &[
            "coding",
            "export",
            "--cycle",
            "2018",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert!(ok, "{err}");
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&out).unwrap()).unwrap();
    let mut qde = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("project.qde").unwrap(), &mut qde).unwrap();
    let doc = roxmltree::Document::parse(&qde).unwrap();
    let codes: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("Code"))
        .filter_map(|n| n.attribute("guid"))
        .collect();
    let refs: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("CodeRef"))
        .filter_map(|n| n.attribute("targetGUID"))
        .collect();
    assert!(refs.len() >= total + second_codes.len());
    assert!(refs.iter().all(|r| codes.contains(r)));
    assert!(zip.len() > 1, "the answers' texts are in sources/");
}
