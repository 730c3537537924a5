//! Qualitative analysis: agreement between coders on a coding file from the command line; a
//! team coding, double-coding and publishing over HTTP; ids of another cycle or question
//! refused; a frozen cycle's coding kept as it is; and answers amended or withdrawn after they
//! were split re-cut in coding.

mod support;

use frontline_web::store::states::QuoteStatus;
use frontline_web::store::{accounts, codebooks, codings, comments, cycles, quotes};
use std::collections::BTreeMap;
use support::web::{csrf_in, Browser, Page};
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
    let db = TestDb::demo();
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
    first.try_sign_in("coder@example.org", "frontline-demo", "");
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
    second.try_sign_in("coder2@example.org", "frontline-demo", "");
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
    // With the regions and groups protected with it, a table this small may hide every
    // category; each is either its true count or hidden.
    assert!(seen + hidden.len() >= 2, "{draft}");
    assert_ne!(
        hidden.len(),
        1,
        "a lone hidden category is the total less the rest"
    );
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
    // Practitioners of a refuge or other safe accommodation are never quoted: pick one who is not.
    let withheld: Vec<String> = {
        let platform = db.platform();
        let mut conn = platform.conn().expect("connection");
        let cycle = frontline_web::store::cycles::by_year(&mut conn, 2018).expect("cycle");
        frontline_web::profiles::safe_accommodation::responses_of(&platform, &mut conn, &cycle)
            .expect("safe accommodation")
            .into_iter()
            .map(|id| id.to_string())
            .collect()
    };
    let naming_an_area = |refuge: bool| {
        rows.iter()
            .filter(|r| r["question"] == "biggest_difference")
            .filter(|r| withheld.contains(&r["response_id"]) == refuge)
            .find_map(|r| {
                areas
                    .iter()
                    .find(|a| r["comment"].contains(*a))
                    .map(|a| (r, *a))
            })
    };
    let (quote, area) = naming_an_area(false).expect("a demo comment naming an area");
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
    // A refuge's practitioner is never quoted, whatever the reviewer approves.
    let refuge = naming_an_area(true)
        .map(|(r, _)| r)
        .or_else(|| {
            rows.iter()
                .filter(|r| r["question"] == "biggest_difference")
                .find(|r| withheld.contains(&r["response_id"]))
        })
        .expect("a demo comment from a refuge's practitioner");
    {
        let rid = &refuge["comment_id"];
        let starred = first.post(
            &format!("/coding/2018/biggest_difference/comments/{rid}/star"),
            &[("csrf", &first_csrf), ("filter", "all")],
        );
        assert_eq!(starred.status, 303, "{}", starred.body);
        let approved = team.post(
            &format!("/coding/2018/quotes/{rid}"),
            &[("csrf", &csrf), ("decision", "approve")],
        );
        assert_eq!(approved.status, 303, "{}", approved.body);
        let page = team.get(views).body;
        let words: String = refuge["comment"].chars().take(30).collect();
        assert!(
            !page.contains(&words.replace('\'', "&#x27;")),
            "a refuge quoted: {words}"
        );
    }
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

/// Everything coding stores for every cycle, to compare before and after refused requests.
fn coding_state(db: &TestDb) -> String {
    let platform = db.platform();
    let mut conn = platform.conn().unwrap();
    let mut out = String::new();
    for cycle in cycles::all(&mut conn).unwrap() {
        out += &format!(
            "{}: {:?}\n",
            cycle.year,
            quotes::of_cycle(&mut conn, cycle.id).unwrap()
        );
        for q in frontline_web::coding::open_questions(&platform, &mut conn, &cycle).unwrap() {
            out += &format!(
                "{}\n{:?}\n{:?}\n{:?}\n{:?}\n",
                q.id,
                comments::of_question(&mut conn, cycle.id, &q.id).unwrap(),
                codings::of_question(&mut conn, cycle.id, &q.id).unwrap(),
                codings::adjudications_of_question(&mut conn, cycle.id, &q.id).unwrap(),
                codebooks::versions(&mut conn, cycle.id, &q.id)
                    .unwrap()
                    .iter()
                    .map(|v| (v.version, v.note.clone()))
                    .collect::<Vec<_>>(),
            );
        }
    }
    out
}

/// The demo, served, with the survey team signed in: (database, server, team, team's token).
fn demo_served() -> (TestDb, Server, Browser, String) {
    let db = TestDb::demo();
    let server = Server::start(&db.url, &[]);
    let team = Browser::new(&server.base);
    let csrf = team.sign_in("admin@example.org", "frontline-demo");
    (db, server, team, csrf)
}

/// The demo's first coder signed in, with their token.
fn demo_coder(server: &Server) -> (Browser, String) {
    let coder = Browser::new(&server.base);
    let signed_in = coder.try_sign_in("coder@example.org", "frontline-demo", "");
    assert_eq!(signed_in.status, 303, "{}", signed_in.body);
    let csrf = csrf_in(&coder.get("/coding").body);
    (coder, csrf)
}

/// The first code of a question's current codebook.
fn a_code(db: &TestDb, year: i32, q: &str) -> String {
    let platform = db.platform();
    let mut conn = platform.conn().unwrap();
    let cycle = cycles::by_year(&mut conn, year).unwrap();
    codebooks::latest(&mut conn, cycle.id, q)
        .unwrap()
        .expect("a codebook")
        .codebook
        .paths()[0]
        .clone()
}

fn comments_of(db: &TestDb, year: i32, q: &str) -> Vec<comments::Comment> {
    let platform = db.platform();
    let mut conn = platform.conn().unwrap();
    let cycle = cycles::by_year(&mut conn, year).unwrap();
    comments::of_question(&mut conn, cycle.id, q).unwrap()
}

#[test]
fn ids_of_another_cycle_or_question_are_not_found_on_every_coding_route_and_change_nothing() {
    let (db, server, team, csrf) = demo_served();
    let q = "other_comments";
    for question in [q, "biggest_difference"] {
        let split = team.post(
            &format!("/coding/2018/{question}/segment"),
            &[("csrf", &csrf)],
        );
        assert_eq!(split.status, 303, "{}", split.body);
    }
    let code = a_code(&db, 2018, q);
    // 2017's comments are coded, double-coded, adjudicated and quoted by the demo.
    let of_2017 = comments_of(&db, 2017, q);
    let of_2017 = of_2017
        .iter()
        .find(|c| c.second_coder_id.is_some())
        .expect("a double-coded 2017 comment");
    let other_question = comments_of(&db, 2018, "biggest_difference")[0].clone();
    let ours = comments_of(&db, 2018, q)[0].clone();
    let quote_2017 = {
        let platform = db.platform();
        let mut conn = platform.conn().unwrap();
        let cycle = cycles::by_year(&mut conn, 2017).unwrap();
        quotes::of_cycle(&mut conn, cycle.id).unwrap()[0].comment_id
    };

    // The routes work for the question's own comment…
    let coded = team.post(
        &format!("/coding/2018/{q}/comments/{}/code", ours.id),
        &[("csrf", &csrf), ("filter", "all"), ("code", &code)],
    );
    assert_eq!(coded.status, 303, "{}", coded.body);
    let before = coding_state(&db);

    // …and answer 404 for another cycle's or question's, acting on nothing.
    let not_found = |page: Page, what: &str| {
        assert_eq!(page.status, 404, "{what}: {}", page.body);
    };
    for foreign in [of_2017.id, other_question.id] {
        let base = format!("/coding/2018/{q}/comments/{foreign}");
        let form = [("csrf", csrf.as_str()), ("filter", "all"), ("code", &code)];
        not_found(team.post(&format!("{base}/code"), &form), "code");
        not_found(team.post(&format!("{base}/star"), &form), "star");
        not_found(
            team.post(&format!("{base}/adjudicate"), &form),
            "adjudicate",
        );
        not_found(
            team.get(&format!("/coding/2018/{q}/work?filter=all&at={foreign}")),
            "workbench",
        );
    }
    for decision in ["approve", "reject"] {
        not_found(
            team.post(
                &format!("/coding/2018/quotes/{quote_2017}"),
                &[("csrf", &csrf), ("decision", decision)],
            ),
            decision,
        );
    }
    let segments = format!("/coding/2018/{q}/answers/{}/segments", of_2017.response_id);
    not_found(team.get(&segments), "segments page");
    not_found(
        team.post(&segments, &[("csrf", &csrf), ("segments", &of_2017.body)]),
        "re-split",
    );
    // Undo takes back only the coder's last code on this question of this cycle: the demo
    // coder's last codes are on other cycles' questions, so there is nothing to undo here.
    let (coder, coder_csrf) = demo_coder(&server);
    let undone = coder.post(
        &format!("/coding/2018/{q}/undo"),
        &[("csrf", &coder_csrf), ("filter", "uncoded")],
    );
    assert_eq!(undone.status, 303, "{}", undone.body);
    let to = undone.location.unwrap_or_default();
    assert!(!to.contains("at="), "nothing of this question undone: {to}");

    assert_eq!(coding_state(&db), before, "nothing changed");
}

#[test]
fn a_frozen_cycle_refuses_every_coding_change_and_keeps_its_codes_and_quotes() {
    let (db, server, team, csrf) = demo_served();
    let q = "other_comments";
    let code = a_code(&db, 2017, q);
    let comment = comments_of(&db, 2017, q)[0].clone();
    let quote = {
        let platform = db.platform();
        let mut conn = platform.conn().unwrap();
        let cycle = cycles::by_year(&mut conn, 2017).unwrap();
        let all = quotes::of_cycle(&mut conn, cycle.id).unwrap();
        all.iter()
            .find(|x| x.status == QuoteStatus::Starred)
            .unwrap_or(&all[0])
            .comment_id
    };
    let code_it = || {
        team.post(
            &format!("/coding/2017/{q}/comments/{}/code", comment.id),
            &[("csrf", &csrf), ("filter", "all"), ("code", &code)],
        )
    };
    // The demo froze 2017. Re-opened (as an admin would, with a reason) it can be coded…
    let (ok, out, err) = frontline(
        &db.url,
        &[
            "freeze", "--cycle", "2017", "--reopen", "--reason", "Recode.",
        ],
    );
    assert!(ok, "{out}{err}");
    assert_eq!(code_it().status, 303);
    // …frozen again, nothing of its coding can change.
    let (ok, out, err) = frontline(
        &db.url,
        &["freeze", "--cycle", "2017", "--reason", "Coding checked."],
    );
    assert!(ok, "{out}{err}");
    let before = coding_state(&db);
    let segments = format!("/coding/2017/{q}/answers/{}/segments", comment.response_id);
    let page = team.get(&segments);
    assert_eq!(page.status, 200, "the coding can still be read");
    let (coder, coder_csrf) = demo_coder(&server);
    let base = format!("/coding/2017/{q}/comments/{}", comment.id);
    let form = [("csrf", csrf.as_str()), ("filter", "all"), ("code", &code)];
    let coder_form = [("csrf", coder_csrf.as_str()), ("filter", "all")];
    let book = "category,subcategory,definition,examples\nFunding,,,\n";
    let attempts: Vec<(&str, Page)> = vec![
        ("code", code_it()),
        (
            "undo",
            coder.post(&format!("/coding/2017/{q}/undo"), &coder_form),
        ),
        ("star", coder.post(&format!("{base}/star"), &coder_form)),
        (
            "adjudicate",
            team.post(&format!("{base}/adjudicate"), &form),
        ),
        (
            "approve",
            team.post(
                &format!("/coding/2017/quotes/{quote}"),
                &[("csrf", &csrf), ("decision", "approve")],
            ),
        ),
        (
            "reject",
            team.post(
                &format!("/coding/2017/quotes/{quote}"),
                &[("csrf", &csrf), ("decision", "reject")],
            ),
        ),
        (
            "split",
            team.post(&format!("/coding/2017/{q}/segment"), &[("csrf", &csrf)]),
        ),
        (
            "re-split",
            team.post(&segments, &[("csrf", &csrf), ("segments", &comment.body)]),
        ),
        (
            "sample",
            team.post(
                &format!("/coding/2017/{q}/sample"),
                &[
                    ("csrf", &csrf),
                    ("percent", "50"),
                    ("coder", "coder2@example.org"),
                ],
            ),
        ),
        (
            "codebook import",
            team.post_file(&format!("/coding/2017/{q}/codebook"), &csrf, "b.csv", book),
        ),
        (
            "codebook copy",
            team.post(
                &format!("/coding/2017/{q}/codebook/copy"),
                &[("csrf", &csrf)],
            ),
        ),
    ];
    for (what, page) in attempts {
        assert_eq!(page.status, 410, "{what}: {}", page.body);
        assert!(
            page.body
                .to_lowercase()
                .contains("the 2017 cycle is frozen"),
            "{what}: {}",
            page.body
        );
    }
    // The command line is refused too.
    let file = db.folder().join("book.csv");
    std::fs::write(&file, book).unwrap();
    let file = file.display().to_string();
    let refused: [&[&str]; 3] = [
        &["coding", "segment", "--cycle", "2017"],
        &["coding", "copy-codebooks", "--cycle", "2017"],
        &[
            "coding",
            "import-codebook",
            "--cycle",
            "2017",
            "--question",
            q,
            &file,
        ],
    ];
    for args in refused {
        let (ok, out, err) = frontline(&db.url, args);
        assert!(!ok && err.contains("frozen"), "{args:?}: {out}{err}");
    }
    assert_eq!(coding_state(&db), before, "nothing changed");
    let overview = team.get("/coding/2017").body;
    assert!(overview.contains("cycle is frozen"), "{overview}");
    assert!(!overview.contains(&format!("/coding/2017/{q}/segment")));
}

const PASSWORD: &str = "a long test password";

/// The team completes Harbour Idva Service's 2017 return on the phone with `other_comments`.
fn phone_return(team: &Browser, csrf: &str, service: i32, other_comments: &str) {
    let base = format!("/admin/cycles/2017/services/{service}");
    let forms: [(&str, Vec<(&str, &str)>); 4] = [
        (
            "service",
            vec![
                ("respondent_name", "Ann"),
                ("respondent_role", "Manager"),
                ("service_description", "police"),
                ("employs_practitioners", "yes"),
            ],
        ),
        (
            "practitioners",
            vec![("roles.idva.people", "2"), ("roles.idva.fte", "2")],
        ),
        (
            "areas",
            vec![("areas.E23000002", "50"), ("areas.E23000003", "50")],
        ),
        ("views", vec![("other_comments", other_comments)]),
    ];
    for (section, mut fields) in forms {
        fields.push(("csrf", csrf));
        let page = team.post(&format!("{base}/section/{section}"), &fields);
        assert_eq!(page.status, 303, "{section}: {}", page.body);
    }
    let submitted = team.post(&format!("{base}/submit"), &[("csrf", csrf)]);
    assert_eq!(submitted.status, 303, "{}", submitted.body);
}

#[test]
fn an_amended_answer_keeps_its_unchanged_comments_and_a_withdrawn_one_loses_them_all() {
    let db = TestDb::new();
    let account = vec![
        "create-account",
        "--email",
        "team@example.org",
        "--name",
        "Survey team",
        "--password",
        PASSWORD,
    ];
    for args in support::open_2017_cycle().into_iter().chain([account]) {
        let (ok, out, err) = frontline(&db.url, &args);
        assert!(ok, "{args:?}: {out}{err}");
    }
    let server = Server::start(&db.url, &[]);
    let team = Browser::new(&server.base);
    let csrf = team.sign_in("team@example.org", PASSWORD);
    let contacts = "organisation,service,email,pfas,name\n\
        Harbour Trust,Harbour Idva Service,idva@harbour.example.org,Cumbria;Lancashire,Ann Idva\n";
    let imported = team.post_file("/admin/cycles/2017/contacts", &csrf, "c.csv", contacts);
    assert_eq!(imported.status, 303, "{}", imported.body);
    let (service, me) = {
        let platform = db.platform();
        let mut conn = platform.conn().unwrap();
        let services = frontline_web::store::services::all(&mut conn).unwrap();
        let me = accounts::by_email(&mut conn, "team@example.org")
            .unwrap()
            .unwrap();
        (services[0].id, me.id)
    };
    let q = "other_comments";
    phone_return(
        &team,
        &csrf,
        service,
        "Funding is short-term. Housing is scarce. Training helps.",
    );

    // Not split yet: the workbench says so and offers the split.
    let book = "category,subcategory,definition,examples\nFunding,,,\nHousing,,,\nTraining,,,\n";
    let imported = team.post_file(&format!("/coding/2017/{q}/codebook"), &csrf, "b.csv", book);
    assert_eq!(imported.status, 303, "{}", imported.body);
    let work = team.get(&format!("/coding/2017/{q}/work")).body;
    assert!(
        work.contains("1 submitted answer is waiting to be split into comments")
            && work.contains(&format!("action=\"/coding/2017/{q}/segment\"")),
        "{work}"
    );
    let split = team.post(&format!("/coding/2017/{q}/segment"), &[("csrf", &csrf)]);
    assert_eq!(split.status, 303, "{}", split.body);
    let cut = comments_of(&db, 2017, q);
    let by_text = |text: &str| cut.iter().find(|c| c.body == text).expect(text).id;
    let (funding, housing, training) = (
        by_text("Funding is short-term."),
        by_text("Housing is scarce."),
        by_text("Training helps."),
    );
    for (id, code) in [
        (funding, "Funding"),
        (housing, "Housing"),
        (training, "Training"),
    ] {
        let base = format!("/coding/2017/{q}/comments/{id}");
        let form = [("csrf", csrf.as_str()), ("filter", "all"), ("code", code)];
        assert_eq!(team.post(&format!("{base}/code"), &form).status, 303);
    }
    for id in [funding, housing] {
        let starred = team.post(
            &format!("/coding/2017/{q}/comments/{id}/star"),
            &[("csrf", &csrf), ("filter", "all")],
        );
        assert_eq!(starred.status, 303, "{}", starred.body);
    }
    let agreed = team.post(
        &format!("/coding/2017/{q}/comments/{funding}/adjudicate"),
        &[("csrf", &csrf), ("code", "Funding")],
    );
    assert_eq!(agreed.status, 303, "{}", agreed.body);

    // The respondent takes back two sentences and adds one.
    phone_return(
        &team,
        &csrf,
        service,
        "Housing is scarce. Refuges are full.",
    );
    let platform = db.platform();
    let mut conn = platform.conn().unwrap();
    let cycle = cycles::by_year(&mut conn, 2017).unwrap();
    let now = comments::of_question(&mut conn, cycle.id, q).unwrap();
    let texts: Vec<(&str, i32)> = now
        .iter()
        .map(|c| (c.body.as_str(), c.start_char))
        .collect();
    assert_eq!(
        texts,
        [("Housing is scarce.", 0), ("Refuges are full.", 19)]
    );
    assert_eq!(
        now[0].id, housing,
        "the unchanged sentence keeps its comment"
    );
    let added = now[1].id;
    assert!(![funding, training].contains(&added));
    assert_eq!(
        codings::of_question(&mut conn, cycle.id, q).unwrap(),
        [(housing, me, "Housing".to_string())],
        "its code stays; the removed sentences' codes go; the new text is uncoded"
    );
    assert!(codings::adjudications_of_question(&mut conn, cycle.id, q)
        .unwrap()
        .is_empty());
    let quoted: Vec<i32> = quotes::of_cycle(&mut conn, cycle.id)
        .unwrap()
        .iter()
        .map(|x| x.comment_id)
        .collect();
    assert_eq!(quoted, [housing], "the removed sentence's quote goes");
    let shown = team
        .get(&format!("/coding/2017/{q}/work?filter=all&at={housing}"))
        .body;
    assert!(
        shown.contains("<mark id=\"comment\">Housing is scarce.</mark> Refuges are full.")
            && shown.contains("your code: <strong>Housing</strong>")
            && shown.contains("★ starred"),
        "{shown}"
    );
    let fresh = team
        .get(&format!("/coding/2017/{q}/work?filter=all&at={added}"))
        .body;
    assert!(
        fresh.contains("<mark id=\"comment\">Refuges are full.</mark>")
            && !fresh.contains("your code:"),
        "{fresh}"
    );
    let csv = team.get("/coding/2017/comments.csv").body;
    assert!(!csv.contains("Funding is short-term") && csv.contains("Refuges are full."));

    // A sentence put before them moves both comments (the first onto the second's old place).
    phone_return(
        &team,
        &csrf,
        service,
        "Staff are leaving. Housing is scarce. Refuges are full.",
    );
    let now = comments::of_question(&mut conn, cycle.id, q).unwrap();
    let placed: Vec<(i32, i32)> = now.iter().map(|c| (c.id, c.start_char)).collect();
    assert_eq!(placed[..2], [(housing, 19), (added, 38)]);
    assert_eq!(now[2].body, "Staff are leaving.");
    assert_eq!(
        codings::code_of(&mut conn, housing, me).unwrap().as_deref(),
        Some("Housing")
    );
    assert!(quotes::is_starred(&mut conn, housing).unwrap());

    // Withdrawn: the answer is cleared, and every comment, code and quote of it goes.
    phone_return(&team, &csrf, service, "");
    assert!(comments::of_question(&mut conn, cycle.id, q)
        .unwrap()
        .is_empty());
    assert!(codings::of_question(&mut conn, cycle.id, q)
        .unwrap()
        .is_empty());
    assert!(quotes::of_cycle(&mut conn, cycle.id).unwrap().is_empty());
    let work = team.get(&format!("/coding/2017/{q}/work")).body;
    assert!(work.contains("Nothing left to code here"), "{work}");
}

#[test]
fn an_instrument_answer_amended_by_its_private_link_is_recut_and_cleared_loses_its_comments() {
    let db = TestDb::new();
    let steps: [&[&str]; 4] = [
        &[
            "new-cycle",
            "--year",
            "2021",
            "--schema",
            "practitioner-survey-2018",
            "--title",
            "SV study 2021",
            "--opens",
            "2021-03-01",
            "--closes",
            "2021-05-28",
        ],
        &["cycle-status", "--cycle", "2021", "open"],
        &[
            "wave",
            "add",
            "--cycle",
            "2021",
            "--instrument",
            "sarc-survey-2021",
            "--group",
            "SARCs",
        ],
        &[
            "create-account",
            "--email",
            "team@example.org",
            "--name",
            "Survey team",
            "--password",
            PASSWORD,
        ],
    ];
    for args in steps {
        let (ok, out, err) = frontline(&db.url, args);
        assert!(ok, "{args:?}: {out}{err}");
    }
    let (ok, out, err) = frontline(
        &db.url,
        &[
            "open-link",
            "--cycle",
            "2021",
            "--instrument",
            "sarc-survey-2021",
            "--channel",
            "network",
        ],
    );
    assert!(ok, "{out}{err}");
    let link = out
        .trim()
        .rsplit_once("/o/")
        .map(|(_, t)| format!("/o/{t}"))
        .expect("a link");
    let server = Server::start(&db.url, &["--open-link-min-seconds", "1"]);
    let respondent = Browser::new(&server.base);
    let started = respondent.post(&link, &[("website", "")]);
    assert_eq!(started.status, 303, "{}", started.body);
    let private = started
        .location
        .expect("the private link")
        .trim_end_matches("?new=1")
        .to_string();
    std::thread::sleep(std::time::Duration::from_millis(2100));
    let statements = [
        "funding_long_enough",
        "core_costs_covered",
        "monitoring_proportionate",
        "one_template",
        "survivors_needs_understood",
        "partners_work_together",
        "by_and_for_valued",
    ];
    let views: Vec<(String, &str)> = statements
        .iter()
        .map(|st| (format!("views_commissioning.{st}"), "agree"))
        .collect();
    let sections: [(&str, Vec<(&str, &str)>); 3] = [
        (
            "profile",
            vec![
                ("respondent_role", "manager_ceo"),
                ("region", "south_east"),
                ("time_in_post", "1_5"),
                ("time_in_field", "11_15"),
                ("gender", "woman"),
                ("age_band", "41_50"),
                ("ethnicity", "white"),
            ],
        ),
        ("services", vec![("sarc_services", "forensic")]),
        (
            "views",
            views.iter().map(|(k, v)| (k.as_str(), *v)).collect(),
        ),
    ];
    for (section, mut form) in sections {
        form.push(("action", "continue"));
        let saved = respondent.post(&format!("{private}/section/{section}"), &form);
        assert_eq!(saved.status, 303, "{section}: {}", saved.body);
    }
    let answer = |text: &str| {
        let saved = respondent.post(
            &format!("{private}/section/open"),
            &[("biggest_challenge", text), ("action", "continue")],
        );
        assert_eq!(saved.status, 303, "{}", saved.body);
    };
    answer("Children wait too long for Isvas. Funding ends in March. Staff are tired.");
    let submitted = respondent.post(&format!("{private}/submit"), &[]);
    assert_eq!(submitted.status, 303, "{}", submitted.body);

    // The team splits, codes and stars the answer.
    let team = Browser::new(&server.base);
    let csrf = team.sign_in("team@example.org", PASSWORD);
    let q = "sarc-survey-2021:biggest_challenge";
    let book = "category,subcategory,definition,examples\nWaiting,,,\nFunding,,,\nWorkforce,,,\n";
    let imported = team.post_file(&format!("/coding/2021/{q}/codebook"), &csrf, "b.csv", book);
    assert_eq!(imported.status, 303, "{}", imported.body);
    let split = team.post(&format!("/coding/2021/{q}/segment"), &[("csrf", &csrf)]);
    assert_eq!(split.status, 303, "{}", split.body);
    let cut = comments_of(&db, 2021, q);
    let by_text = |text: &str| cut.iter().find(|c| c.body == text).expect(text).id;
    let (waiting, funding, staff) = (
        by_text("Children wait too long for Isvas."),
        by_text("Funding ends in March."),
        by_text("Staff are tired."),
    );
    for (id, code) in [
        (waiting, "Waiting"),
        (funding, "Funding"),
        (staff, "Workforce"),
    ] {
        let form = [("csrf", csrf.as_str()), ("filter", "all"), ("code", code)];
        let coded = team.post(&format!("/coding/2021/{q}/comments/{id}/code"), &form);
        assert_eq!(coded.status, 303, "{}", coded.body);
    }
    for id in [waiting, funding] {
        let starred = team.post(
            &format!("/coding/2021/{q}/comments/{id}/star"),
            &[("csrf", &csrf), ("filter", "all")],
        );
        assert_eq!(starred.status, 303, "{}", starred.body);
    }

    // The respondent changes the answer by their private link.
    answer("Children wait too long for Isvas. Funding ends in June.");
    let now = comments_of(&db, 2021, q);
    let texts: Vec<(i32, &str)> = now.iter().map(|c| (c.id, c.body.as_str())).collect();
    assert_eq!(texts[0], (waiting, "Children wait too long for Isvas."));
    assert_eq!(texts.len(), 2, "{texts:?}");
    assert_eq!(texts[1].1, "Funding ends in June.");
    assert!(![funding, staff].contains(&texts[1].0));
    let platform = db.platform();
    let mut conn = platform.conn().unwrap();
    let cycle = cycles::by_year(&mut conn, 2021).unwrap();
    let coded: Vec<(i32, String)> = codings::of_question(&mut conn, cycle.id, q)
        .unwrap()
        .into_iter()
        .map(|(comment, _, code)| (comment, code))
        .collect();
    assert_eq!(coded, [(waiting, "Waiting".to_string())]);
    let quoted: Vec<i32> = quotes::of_cycle(&mut conn, cycle.id)
        .unwrap()
        .iter()
        .map(|x| x.comment_id)
        .collect();
    assert_eq!(quoted, [waiting]);

    // Cleared: its comments, codes and quotes go.
    answer("");
    assert!(comments::of_question(&mut conn, cycle.id, q)
        .unwrap()
        .is_empty());
    assert!(codings::of_question(&mut conn, cycle.id, q)
        .unwrap()
        .is_empty());
    assert!(quotes::of_cycle(&mut conn, cycle.id).unwrap().is_empty());
}
