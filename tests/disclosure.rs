//! A disclosure review's attacks, re-run on every version of the demo's releases by an
//! independent reader: an integer program built only from what the release publishes — its
//! tables of people as CSV, the relations their layout tells a reader (rows add up to their
//! totals, groups to the national figures, regions cover them, breakdowns add up to the people
//! engaged), counts whole and hidden ones at least 1 — and the word lists beside them. No hidden
//! count may be worked out exactly, and none may be pinned down as a small count (1 to
//! threshold − 1) to fewer values than the protection level.

mod support;

use frontline_disclosure::SUPPRESSED;
use frontline_web::store::{cycles, releases};
use good_lp::{
    constraint, default_solver, variable, Expression, ProblemVariables, Solution, SolverModel,
    Variable,
};
use std::collections::BTreeMap;
use support::{frontline, TestDb};

/// A cell as a reader sees it: a number, or an unknown at least 1.
#[derive(Debug, Clone, Copy)]
enum Term {
    Known(i64),
    Hidden(usize),
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    /// total = Σ parts
    Sum,
    /// every part ≤ total, Σ parts ≥ total
    Cover,
    /// total ≥ Σ parts (a remainder never published)
    AtLeast,
}

/// What one release lets a reader write down.
#[derive(Default)]
struct Reader {
    /// Each hidden cell's name.
    hidden: Vec<String>,
    /// Hidden cells a reader knows may be zero (a group hidden whole, zeros included).
    may_be_zero: Vec<bool>,
    /// (left, right, kind): Σ left = Σ right (a sum), Σ left ≥ Σ right, or a covering of the
    /// single left total by the right parts.
    relations: Vec<(Vec<Term>, Vec<Term>, Kind)>,
}

impl Reader {
    fn term(&mut self, name: &str, cell: &str) -> Option<Term> {
        let cell = cell.trim();
        if cell == SUPPRESSED {
            self.hidden.push(name.to_string());
            self.may_be_zero.push(false);
            return Some(Term::Hidden(self.hidden.len() - 1));
        }
        cell.replace(',', "").parse::<i64>().ok().map(Term::Known)
    }

    fn relate(&mut self, total: Option<Term>, parts: Vec<Option<Term>>, kind: Kind) {
        if let Some(total) = total {
            let parts: Vec<Term> = parts.into_iter().flatten().collect();
            if !parts.is_empty() {
                self.relations.push((vec![total], parts, kind));
            }
        }
    }

    /// Every hidden cell a reader narrows too far: (name, lowest, highest).
    fn exposed(&self, threshold: i64) -> Vec<(String, i64, i64)> {
        let level = (threshold - 1).max(1);
        let mut out = Vec::new();
        for (i, name) in self.hidden.iter().enumerate() {
            let (Some(low), high) = (self.extreme(i, false), self.extreme(i, true)) else {
                continue;
            };
            let exact = high == Some(low);
            let small_and_narrow = high.is_some_and(|h| h < threshold && h - low < level);
            if exact || small_and_narrow {
                out.push((name.clone(), low, high.unwrap_or(i64::MAX)));
            }
        }
        out
    }

    /// The relations that reach hidden cell `k` through other hidden cells: a reader's problem
    /// about `k` needs nothing else.
    fn component(&self, k: usize) -> Vec<usize> {
        let hidden_in = |r: &(Vec<Term>, Vec<Term>, Kind)| -> Vec<usize> {
            r.0.iter()
                .chain(&r.1)
                .filter_map(|t| match t {
                    Term::Hidden(i) => Some(*i),
                    Term::Known(_) => None,
                })
                .collect()
        };
        let mut cells = std::collections::BTreeSet::from([k]);
        let mut relations = std::collections::BTreeSet::new();
        loop {
            let before = (cells.len(), relations.len());
            for (r, relation) in self.relations.iter().enumerate() {
                let touched = hidden_in(relation);
                if touched.iter().any(|c| cells.contains(c)) {
                    relations.insert(r);
                    cells.extend(touched);
                }
            }
            if (cells.len(), relations.len()) == before {
                return relations.into_iter().collect();
            }
        }
    }

    /// The smallest (or largest) whole value hidden cell `k` can take; none when unbounded.
    fn extreme(&self, k: usize, largest: bool) -> Option<i64> {
        let mut problem = ProblemVariables::new();
        let vars: Vec<Variable> = (0..self.hidden.len())
            .map(|i| {
                let low = if self.may_be_zero[i] { 0 } else { 1 };
                problem.add(variable().integer().min(low).max(1_000_000))
            })
            .collect();
        let value = |t: &Term| -> Expression {
            match t {
                Term::Known(n) => Expression::from(*n as f64),
                Term::Hidden(i) => vars[*i].into(),
            }
        };
        let objective: Expression = vars[k].into();
        let model = if largest {
            problem.maximise(objective.clone())
        } else {
            problem.minimise(objective.clone())
        };
        let mut model = model.using(default_solver);
        for (left, parts, kind) in self.component(k).into_iter().map(|r| &self.relations[r]) {
            let total: Expression = left.iter().map(value).sum();
            let sum: Expression = parts.iter().map(value).sum();
            match kind {
                Kind::Sum => model = model.with(constraint!(total == sum)),
                Kind::AtLeast => model = model.with(constraint!(total >= sum)),
                Kind::Cover => {
                    model = model.with(constraint!(sum >= total.clone()));
                    for p in parts {
                        model = model.with(constraint!(value(p) <= total.clone()));
                    }
                }
            }
        }
        let solved = match model.solve() {
            Ok(solved) => solved,
            // The true values satisfy every relation, so a reader's problem always has a
            // solution; none means this reader's model of the tables is wrong.
            Err(e) => panic!("no solution around {}: {e}", self.hidden[k]),
        };
        let found = solved.eval(objective).round() as i64;
        (!(largest && found >= 1_000_000)).then_some(found)
    }
}

/// A published CSV: header and rows.
struct Csv {
    rows: Vec<Vec<String>>,
    header: Vec<String>,
}

impl Csv {
    fn parse(text: &str) -> Self {
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let header = reader
            .headers()
            .expect("header")
            .iter()
            .map(str::to_string)
            .collect();
        let rows = reader
            .records()
            .map(|r| r.expect("row").iter().map(str::to_string).collect())
            .collect();
        Self { rows, header }
    }

    fn column(&self, name: &str) -> usize {
        self.header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("no column {name} in {:?}", self.header))
    }
}

/// The comment tables of one question: by category, by region, by group, read together.
fn comments(reader: &mut Reader, file: &str, files: &BTreeMap<String, String>) {
    let national = Csv::parse(&files[file]);
    let n = national.column("comments");
    let stem = file.trim_end_matches(".csv");
    let mut category: BTreeMap<String, Option<Term>> = BTreeMap::new();
    let mut subs: BTreeMap<String, Vec<Option<Term>>> = BTreeMap::new();
    for row in &national.rows {
        let name = format!("{stem}: {} {}", row[0], row[1]);
        let term = reader.term(&name, &row[n]);
        if row[1].is_empty() {
            category.insert(row[0].clone(), term);
        } else {
            subs.entry(row[0].clone()).or_default().push(term);
        }
    }
    let total = category.remove("All coded comments").flatten();
    reader.relate(total, category.values().copied().collect(), Kind::Sum);
    for (c, parts) in subs {
        reader.relate(category.get(&c).copied().flatten(), parts, Kind::AtLeast);
    }
    for (suffix, kind) in [("-by-region", Kind::Cover), ("-by-group", Kind::Sum)] {
        let Some(text) = files.get(&format!("{stem}{suffix}.csv")) else {
            continue;
        };
        let t = Csv::parse(text);
        let n = t.column("comments");
        let mut blocks: BTreeMap<String, BTreeMap<String, Option<Term>>> = BTreeMap::new();
        for row in &t.rows {
            let term = reader.term(&format!("{stem}{suffix}: {} {}", row[0], row[1]), &row[n]);
            blocks
                .entry(row[0].clone())
                .or_default()
                .insert(row[1].clone(), term);
        }
        for cells in blocks.values() {
            let block_total = cells.get("All coded comments").copied().flatten();
            let parts = cells
                .iter()
                .filter(|(c, _)| *c != "All coded comments")
                .map(|(_, t)| *t)
                .collect();
            reader.relate(block_total, parts, Kind::Sum);
        }
        for c in category
            .keys()
            .map(String::as_str)
            .chain(["All coded comments"])
        {
            let whole = if c == "All coded comments" {
                total
            } else {
                category.get(c).copied().flatten()
            };
            let parts = blocks
                .values()
                .map(|b| b.get(c).copied().flatten())
                .collect();
            reader.relate(whole, parts, kind);
        }
    }
}

/// A comparison table: each group's answers and its "All answering" (a sum for one answer each,
/// a covering when respondents could choose several).
fn comparison(reader: &mut Reader, file: &str, text: &str, several: bool) {
    let t = Csv::parse(text);
    let n = t.column("respondents");
    let statement = t.header.first().is_some_and(|h| h == "statement");
    let mut blocks: BTreeMap<String, (Option<Term>, Vec<Option<Term>>)> = BTreeMap::new();
    for row in &t.rows {
        let (block, answer) = if statement {
            (format!("{} / {}", row[0], row[1]), &row[2])
        } else {
            (row[0].clone(), &row[1])
        };
        let term = reader.term(&format!("{file}: {block} {answer}"), &row[n]);
        let entry = blocks.entry(block).or_default();
        if answer == "All answering" {
            entry.0 = term;
        } else {
            entry.1.push(term);
        }
    }
    let kind = if several { Kind::Cover } else { Kind::Sum };
    for (total, parts) in blocks.into_values() {
        // A group hidden whole (zeros too): each of its cells may be zero.
        let terms: Vec<Term> = parts.iter().chain([&total]).flatten().copied().collect();
        if terms.iter().all(|t| matches!(t, Term::Hidden(_))) {
            for t in &terms {
                if let Term::Hidden(i) = t {
                    reader.may_be_zero[*i] = true;
                }
            }
        }
        reader.relate(total, parts, kind);
    }
}

/// Responses by group and channel with every margin.
fn by_channel(reader: &mut Reader, text: &str) {
    let t = Csv::parse(text);
    let n = t.column("responses");
    let mut cells: BTreeMap<(String, String), Option<Term>> = BTreeMap::new();
    for row in &t.rows {
        let term = reader.term(&format!("by channel: {} {}", row[0], row[1]), &row[n]);
        cells.insert((row[0].clone(), row[1].clone()), term);
    }
    let groups: Vec<String> = cells
        .keys()
        .map(|(g, _)| g.clone())
        .filter(|g| g != "All groups")
        .collect();
    let mut group_totals = Vec::new();
    for g in &groups {
        let parts = cells
            .iter()
            .filter(|((gg, c), _)| gg == g && c != "All channels")
            .map(|(_, t)| *t)
            .collect();
        let total = cells
            .get(&(g.clone(), "All channels".into()))
            .copied()
            .flatten();
        group_totals.push(total);
        reader.relate(total, parts, Kind::Sum);
    }
    let grand = cells
        .get(&("All groups".into(), "All channels".into()))
        .copied()
        .flatten();
    reader.relate(grand, group_totals, Kind::Sum);
}

/// Volunteers by region and by area: areas add up to their region, regions to the total.
fn volunteers(reader: &mut Reader, files: &BTreeMap<String, String>) {
    let (Some(by_region), Some(by_pfa)) = (
        files.get("tables/volunteers.csv"),
        files.get("tables/volunteers-by-pfa.csv"),
    ) else {
        return;
    };
    let regions = Csv::parse(by_region);
    let v = regions.column("volunteers");
    let mut region: BTreeMap<String, Option<Term>> = BTreeMap::new();
    for row in &regions.rows {
        let term = reader.term(&format!("volunteers: {}", row[0]), &row[v]);
        region.insert(row[0].clone(), term);
    }
    let total = region.remove("Total").flatten();
    reader.relate(total, region.values().copied().collect(), Kind::Sum);
    let areas = Csv::parse(by_pfa);
    let (v, r) = (areas.column("volunteers"), areas.column("region"));
    let mut within: BTreeMap<String, Vec<Option<Term>>> = BTreeMap::new();
    for row in &areas.rows {
        let term = reader.term(&format!("volunteers: {}", row[1]), &row[v]);
        within.entry(row[r].clone()).or_default().push(term);
    }
    for (name, parts) in within {
        reader.relate(region.get(&name).copied().flatten(), parts, Kind::Sum);
    }
}

/// Every version of every release of the demo, as its files.
fn releases_of_demo(db: &TestDb) -> Vec<(String, u32, BTreeMap<String, String>)> {
    let platform = db.platform();
    let mut conn = platform.conn().expect("connection");
    let mut out = Vec::new();
    for cycle in cycles::all(&mut conn).expect("cycles") {
        for release in releases::for_cycle(&mut conn, cycle.id).expect("releases") {
            let files: BTreeMap<String, String> = releases::files(&mut conn, release.id)
                .expect("files")
                .into_iter()
                .filter(|(p, _)| p.ends_with(".csv") || p.ends_with(".svg"))
                .map(|(p, c)| (p, String::from_utf8_lossy(&c).into_owned()))
                .collect();
            out.push((
                format!("{} v{}", cycle.year, release.version),
                cycle.suppression_threshold as u32,
                files,
            ));
        }
    }
    out
}

/// The demo, built now; or, when `FRONTLINE_ATTACK_DB` names one, another database's releases
/// (to re-run the attack on a deployment, or on a demo built by an older Frontline).
fn demo_or_given() -> TestDb {
    match std::env::var("FRONTLINE_ATTACK_DB") {
        Ok(url) => TestDb::existing(&url),
        Err(_) => TestDb::demo(),
    }
}

#[test]
fn no_hidden_count_in_the_demos_releases_can_be_worked_out_or_pinned_down() {
    let db = demo_or_given();
    let releases = releases_of_demo(&db);
    assert!(releases.len() >= 3, "2016 v1 and v2 and the 2021 study");
    let mut checked = 0;
    for (release, threshold, files) in &releases {
        let mut reader = Reader::default();
        volunteers(&mut reader, files);
        for (path, text) in files {
            let name = path.trim_start_matches("tables/");
            if !path.starts_with("tables/") {
                continue;
            }
            if name.starts_with("comments-")
                && !name.ends_with("-by-region.csv")
                && !name.ends_with("-by-group.csv")
            {
                comments(&mut reader, path, files);
            } else if name == "wave-responses-by-channel.csv" {
                by_channel(&mut reader, text);
            } else if Csv::parse(text).header.iter().any(|h| h == "respondents") {
                let several = files
                    .get(&path.replace(".csv", ".html"))
                    .is_some_and(|html| html.contains("more than one answer"));
                comparison(&mut reader, path, text, several);
            }
        }
        let exposed = reader.exposed(i64::from(*threshold));
        assert!(
            exposed.is_empty(),
            "{release}: a reader works out {} hidden cell(s): {exposed:?}",
            exposed.len()
        );
        checked += reader.hidden.len();
        // Word lists: every word in at least the threshold's comments, and a category's own
        // cloud only where its count is published.
        for (path, svg) in files.iter().filter(|(p, _)| p.starts_with("qualitative/")) {
            for piece in svg.split("<title>").skip(1) {
                let title: String = piece.chars().take_while(|c| *c != '<').collect();
                if let Some((_, n)) = title.rsplit_once(": ") {
                    if let Ok(n) = n.parse::<u32>() {
                        assert!(n >= *threshold, "{release} {path}: {title}");
                    }
                }
            }
        }
    }
    assert!(checked > 20, "the attack met hidden cells ({checked})");
}

/// A period's returns by area as the export writes them: each breakdown adds up to the people
/// engaged (new + existing), and each column's areas to the England and Wales row.
fn returns_by_area(reader: &mut Reader, label: &str, text: &str) {
    use frontline_returns::metrics::{BREAKDOWNS, METRICS};
    let t = Csv::parse(text);
    let people: Vec<&str> = METRICS
        .iter()
        .filter(|m| m.measure == frontline_returns::metrics::Measure::People)
        .map(|m| m.column)
        .collect();
    let mut rows: Vec<BTreeMap<&str, Option<Term>>> = Vec::new();
    for row in &t.rows {
        let mut cells = BTreeMap::new();
        for c in &people {
            let name = format!("{label}: {} {c}", row[1]);
            cells.insert(*c, reader.term(&name, &row[t.column(c)]));
        }
        rows.push(cells);
    }
    for cells in &rows {
        // Each breakdown adds up to the people engaged, new and existing.
        let engaged: Vec<Term> = [cells["engaged_new"], cells["engaged_existing"]]
            .into_iter()
            .flatten()
            .collect();
        for b in BREAKDOWNS {
            let parts: Vec<Term> = b.columns.iter().filter_map(|c| cells[c]).collect();
            if engaged.len() == 2 && parts.len() == b.columns.len() {
                reader.relations.push((engaged.clone(), parts, Kind::Sum));
            }
        }
    }
    if let Some((total, areas)) = rows.split_last() {
        for c in &people {
            reader.relate(total[c], areas.iter().map(|a| a[c]).collect(), Kind::Sum);
        }
    }
}

#[test]
fn no_hidden_count_in_the_demos_returns_exports_can_be_worked_out() {
    let db = TestDb::demo();
    let platform = db.platform();
    let mut conn = platform.conn().expect("connection");
    let mut checked = 0;
    for programme in frontline_web::store::programmes::all(&mut conn).expect("programmes") {
        for (period, _) in
            frontline_web::store::programmes::periods(&mut conn, &programme.id).expect("periods")
        {
            let period = period.to_string();
            let out = db.folder().join(format!("{}-{period}", programme.id));
            let (ok, _, err) = frontline(
                &db.url,
                &[
                    "export-vfs",
                    "--programme",
                    &programme.id,
                    "--period",
                    &period,
                    "--out",
                    out.to_str().expect("path"),
                ],
            );
            assert!(ok, "{err}");
            let text = std::fs::read_to_string(out.join("vfs-by-pfa.csv")).expect("export");
            let mut reader = Reader::default();
            returns_by_area(&mut reader, &format!("{} {period}", programme.id), &text);
            let exposed = reader.exposed(5);
            assert!(exposed.is_empty(), "{} {period}: {exposed:?}", programme.id);
            checked += reader.hidden.len();
        }
    }
    assert!(checked > 5, "the attack met hidden cells ({checked})");
}
