//! The findings of one coded question as published tables: comments per category and
//! subcategory (percent of coded comments, computed from counts), and comments per category by
//! region and by respondent group, all under the cycle's suppression rule.

use crate::codebook::{split_path, Codebook};
use crate::QualitativeError;
use frontline_disclosure::{CellProtector, KeyedGrid, Protection, SuppressionRule};
use frontline_geo::tables::{percent, share_pct, Table};
use std::collections::BTreeMap;

/// A comment's final code (agreed, or its first coder's) and who it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodedComment {
    /// `Category` or `Category / Subcategory`.
    pub code: String,
    /// Every region the respondent's service works in.
    pub regions: Vec<String>,
    /// The respondent's group, where the survey has groups.
    pub group: Option<String>,
}

/// The published tables of one question.
#[derive(Debug, Clone, PartialEq)]
pub struct QuestionFindings {
    pub categories: Table,
    pub by_region: Table,
    /// Only when some comment has a group.
    pub by_group: Option<Table>,
    /// Comments coded with a code that is not in the codebook (left out of every table).
    pub unknown_codes: usize,
}

impl QuestionFindings {
    /// Every table, in publishing order.
    pub fn tables(&self) -> impl Iterator<Item = &Table> {
        [&self.categories, &self.by_region]
            .into_iter()
            .chain(self.by_group.as_ref())
    }
}

/// What a question's tables are named and titled after.
pub struct QuestionLabel<'a> {
    /// File-name stem, e.g. `biggest-difference`.
    pub slug: &'a str,
    /// The question as asked.
    pub text: &'a str,
}

/// Tabulates the coded comments of a question against its codebook. The three tables (by
/// category, by region and by group) share their cells — the group table's category totals are
/// the national counts, and the regions cover them — so they are protected together, as one
/// family, by `protector`.
pub fn tabulate(
    question: &QuestionLabel,
    book: &Codebook,
    comments: &[CodedComment],
    regions: &[&str],
    protector: &dyn CellProtector,
) -> Result<QuestionFindings, QualitativeError> {
    let known: Vec<&CodedComment> = comments.iter().filter(|c| book.has_path(&c.code)).collect();
    let unknown_codes = comments.len() - known.len();
    let family = format!("comments-{}", question.slug);
    let cells = QuestionCells::build(&family, book, &known, regions);
    let shown = cells.cells.protect(protector, &family)?;
    let rule = protector.rule();
    Ok(QuestionFindings {
        categories: cells.category_table(question, book, &shown, rule),
        by_region: cells.region_table(question, book, regions, &shown, rule),
        by_group: cells.group_table(question, book, &shown, rule),
        unknown_codes,
    })
}

fn in_category(comment: &CodedComment, category: &str) -> bool {
    split_path(&comment.code).0 == category
}

fn note(rule: &SuppressionRule, extra: &str) -> String {
    format!(
        "Each answer is split into comments and each comment coded into one category; percentages are of coded comments, computed from the counts. {extra}{}",
        rule.describe()
    )
}

/// Where each published count of a question sits in its one grid.
struct QuestionCells {
    cells: KeyedGrid,
    /// Per category: its national cell and its subcategories' cells.
    national: Vec<(usize, Vec<usize>)>,
    total: usize,
    /// Per region: each category's cell and the region's total.
    regions: Vec<(Vec<usize>, usize)>,
    /// Per group (named): each category's cell and the group's total.
    groups: Vec<(String, Vec<usize>, usize)>,
    /// How the regions relate to England and Wales, for the table's note.
    region_note: &'static str,
}

impl QuestionCells {
    /// The question's counts and every relation a reader knows between them: a category is its
    /// subcategories and the comments coded to it alone (never published); the categories add
    /// up to the total; the groups add up to each category (every comment has one group, "Not
    /// stated" when none); each region's categories add up to its total; and where no comment
    /// is in two regions, the regions and the comments placed in none add up to each category,
    /// else the regions cover it (a comment counts in every region its service works in).
    fn build(family: &str, book: &Codebook, comments: &[&CodedComment], regions: &[&str]) -> Self {
        let mut g = KeyedGrid::new();
        let count = |n: usize| n as i64;
        let mut national = Vec::new();
        for code in &book.codes {
            let in_it: Vec<&&CodedComment> = comments
                .iter()
                .filter(|c| in_category(c, &code.name))
                .collect();
            let whole = g.cell(
                format!("{family}/national/{}", code.name),
                count(in_it.len()),
            );
            let mut subs = Vec::new();
            let mut alone = in_it.len();
            for sub in &code.children {
                let path = format!("{} / {}", code.name, sub.name);
                let n = in_it.iter().filter(|c| c.code == path).count();
                alone -= n;
                subs.push(g.cell(format!("{family}/national/{path}"), count(n)));
            }
            if !subs.is_empty() {
                // Never published, but a small group all the same: guarded.
                let rest = g.guarded(
                    format!("{family}/national/{}/(alone)", code.name),
                    count(alone),
                );
                let mut parts = subs.clone();
                parts.push(rest);
                let _ = g.grid.relate(whole, &parts);
            }
            national.push((whole, subs));
        }
        let whole_cells: Vec<usize> = national.iter().map(|(c, _)| *c).collect();
        let total = g.total_of(
            format!("{family}/national/All coded comments"),
            &whole_cells,
        );

        let mut by_region = Vec::new();
        for region in regions {
            let here: Vec<&&CodedComment> = comments
                .iter()
                .filter(|c| c.regions.iter().any(|r| r == region))
                .collect();
            let parts: Vec<usize> = book
                .codes
                .iter()
                .map(|code| {
                    let n = here.iter().filter(|c| in_category(c, &code.name)).count();
                    g.cell(format!("{family}/region/{region}/{}", code.name), count(n))
                })
                .collect();
            let region_total = g.total_of(
                format!("{family}/region/{region}/All coded comments"),
                &parts,
            );
            by_region.push((parts, region_total));
        }
        let placed_in = |c: &CodedComment| {
            c.regions
                .iter()
                .filter(|r| regions.contains(&r.as_str()))
                .count()
        };
        let everyone_placed = comments.iter().all(|c| placed_in(c) >= 1);
        let one_region_each = comments.iter().all(|c| placed_in(c) <= 1);
        if one_region_each && !by_region.is_empty() {
            // No comment is in two regions: the regions and the comments placed in none (never
            // published, and guarded: a group of people only a difference would show) add up
            // to each category.
            let mut unplaced_cells = Vec::new();
            for (c, (whole, _)) in national.iter().enumerate() {
                let mut parts: Vec<usize> = by_region.iter().map(|(cells, _)| cells[c]).collect();
                if !everyone_placed {
                    let n = comments
                        .iter()
                        .filter(|x| placed_in(x) == 0 && in_category(x, &book.codes[c].name))
                        .count();
                    let unplaced = g.guarded(
                        format!("{family}/region/(none)/{}", book.codes[c].name),
                        count(n),
                    );
                    unplaced_cells.push(unplaced);
                    parts.push(unplaced);
                }
                let _ = g.grid.relate(*whole, &parts);
            }
            let mut totals: Vec<usize> = by_region.iter().map(|(_, t)| *t).collect();
            if !everyone_placed {
                let n = comments.iter().filter(|x| placed_in(x) == 0).count();
                let unplaced = g.guarded(
                    format!("{family}/region/(none)/All coded comments"),
                    count(n),
                );
                let _ = g.grid.relate(unplaced, &unplaced_cells);
                totals.push(unplaced);
            }
            let _ = g.grid.relate(total, &totals);
        } else if everyone_placed && !by_region.is_empty() {
            // The regions cover each category: a comment counts in every region its service
            // works in.
            for (c, (whole, _)) in national.iter().enumerate() {
                let parts: Vec<usize> = by_region.iter().map(|(cells, _)| cells[c]).collect();
                let _ = g.grid.covered_by(*whole, &parts);
            }
            let totals: Vec<usize> = by_region.iter().map(|(_, t)| *t).collect();
            let _ = g.grid.covered_by(total, &totals);
        }

        let mut groups: Vec<(String, Vec<usize>, usize)> = Vec::new();
        if comments.iter().any(|c| c.group.is_some()) {
            let mut counts: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
            for c in comments {
                let row = counts
                    .entry(c.group.as_deref().unwrap_or("Not stated"))
                    .or_insert_with(|| vec![0; book.codes.len()]);
                if let Some(at) = book
                    .codes
                    .iter()
                    .position(|code| in_category(c, &code.name))
                {
                    row[at] += 1;
                }
            }
            for (name, row) in counts {
                let parts: Vec<usize> = book
                    .codes
                    .iter()
                    .zip(row)
                    .map(|(code, n)| {
                        g.cell(format!("{family}/group/{name}/{}", code.name), count(n))
                    })
                    .collect();
                let group_total =
                    g.total_of(format!("{family}/group/{name}/All coded comments"), &parts);
                groups.push((name.to_string(), parts, group_total));
            }
            for (c, (whole, _)) in national.iter().enumerate() {
                let parts: Vec<usize> = groups.iter().map(|(_, cells, _)| cells[c]).collect();
                let _ = g.grid.relate(*whole, &parts);
            }
            let totals: Vec<usize> = groups.iter().map(|(_, _, t)| *t).collect();
            let _ = g.grid.relate(total, &totals);
        }
        Self {
            cells: g,
            national,
            total,
            regions: by_region,
            groups,
            region_note: if one_region_each {
                "No comment counts in more than one region, so the regions add up to England and Wales less the comments placed in no region (answers about England and Wales as a whole). "
            } else {
                "A comment counts in every region its service works in, so regions add up to more than England and Wales. "
            },
        }
    }

    fn value(&self, cell: usize) -> i64 {
        self.cells.grid.value(cell)
    }

    /// A count and its percentage of `of`, as published.
    fn row(&self, shown: &Protection, cell: usize, of: usize) -> [String; 2] {
        [
            shown.show(cell, || self.value(cell).to_string()),
            shown.show_derived(&[cell, of], || {
                percent(share_pct(self.value(cell) as f64, self.value(of) as f64))
            }),
        ]
    }

    fn category_table(
        &self,
        question: &QuestionLabel,
        book: &Codebook,
        shown: &Protection,
        rule: &SuppressionRule,
    ) -> Table {
        let mut table = Table::new(
            &format!("comments-{}", question.slug),
            &format!("Comments by category: {}", question.text),
            &[
                "category",
                "subcategory",
                "comments",
                "pct_of_coded_comments",
            ],
        )
        .with_note(&note(
            rule,
            "A category's row counts all its comments, with or without a subcategory. ",
        ))
        .counting_people()
        .keyed_by(2);
        for (code, (whole, subs)) in book.codes.iter().zip(&self.national) {
            let [n, pct] = self.row(shown, *whole, self.total);
            table.push(vec![code.name.clone(), String::new(), n, pct]);
            for (sub, cell) in code.children.iter().zip(subs) {
                let [n, pct] = self.row(shown, *cell, self.total);
                table.push(vec![code.name.clone(), sub.name.clone(), n, pct]);
            }
        }
        let [n, pct] = self.row(shown, self.total, self.total);
        table.push(vec!["All coded comments".into(), String::new(), n, pct]);
        table
    }

    /// One row per region and category, and each region's total.
    fn region_table(
        &self,
        question: &QuestionLabel,
        book: &Codebook,
        regions: &[&str],
        shown: &Protection,
        rule: &SuppressionRule,
    ) -> Table {
        let mut table = Table::new(
            &format!("comments-{}-by-region", question.slug),
            &format!("Comments by category and region: {}", question.text),
            &["region", "category", "comments", "pct_of_coded_comments"],
        )
        .with_note(&note(rule, self.region_note))
        .counting_people()
        .keyed_by(2);
        for (region, (cells, total)) in regions.iter().zip(&self.regions) {
            self.push_breakdown(&mut table, region, book, cells, *total, shown);
        }
        table
    }

    /// One row per respondent group and category, and each group's total; only when some
    /// comment has a group.
    fn group_table(
        &self,
        question: &QuestionLabel,
        book: &Codebook,
        shown: &Protection,
        rule: &SuppressionRule,
    ) -> Option<Table> {
        if self.groups.is_empty() {
            return None;
        }
        let mut table = Table::new(
            &format!("comments-{}-by-group", question.slug),
            &format!(
                "Comments by category and respondent group: {}",
                question.text
            ),
            &["group", "category", "comments", "pct_of_coded_comments"],
        )
        .with_note(&note(rule, ""))
        .counting_people()
        .keyed_by(2);
        for (name, cells, total) in &self.groups {
            self.push_breakdown(&mut table, name, book, cells, *total, shown);
        }
        Some(table)
    }

    /// Rows of one region or group: each category, then its total.
    fn push_breakdown(
        &self,
        table: &mut Table,
        label: &str,
        book: &Codebook,
        cells: &[usize],
        total: usize,
        shown: &Protection,
    ) {
        for (code, &cell) in book.codes.iter().zip(cells) {
            let [n, pct] = self.row(shown, cell, total);
            table.push(vec![label.to_string(), code.name.clone(), n, pct]);
        }
        let [n, pct] = self.row(shown, total, total);
        table.push(vec![label.to_string(), "All coded comments".into(), n, pct]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use frontline_disclosure::SUPPRESSED;

    fn book() -> Codebook {
        Codebook::from_csv(
            "c.csv",
            "category,subcategory,definition,examples\nFunding,,,\nFunding,Core costs,,\nHousing,,,\nOther,,,\n",
        )
        .unwrap()
    }

    fn comments(spec: &[(&str, &str, usize)]) -> Vec<CodedComment> {
        spec.iter()
            .flat_map(|(code, region, n)| {
                std::iter::repeat_with(|| CodedComment {
                    code: code.to_string(),
                    regions: vec![region.to_string()],
                    group: None,
                })
                .take(*n)
            })
            .collect()
    }

    fn rule(n: u32) -> SuppressionRule {
        SuppressionRule::new(n).unwrap()
    }

    #[test]
    fn percentages_are_of_coded_comments_and_categories_include_subcategories() {
        let all = comments(&[
            ("Funding", "Wales", 12),
            ("Funding / Core costs", "Wales", 8),
            ("Housing", "London", 20),
            ("Not in the book", "London", 3),
        ]);
        let q = QuestionLabel {
            slug: "q",
            text: "Q?",
        };
        let f = tabulate(&q, &book(), &all, &["London", "Wales"], &rule(1)).unwrap();
        assert_eq!(f.unknown_codes, 3);
        let t = &f.categories;
        assert_eq!(t.rows[0], ["Funding", "", "20", "50"]);
        assert_eq!(t.rows[1], ["Funding", "Core costs", "8", "20"]);
        assert_eq!(t.rows[2], ["Housing", "", "20", "50"]);
        assert_eq!(t.rows[3], ["Other", "", "0", "0"]);
        assert_eq!(t.rows[4], ["All coded comments", "", "40", "100"]);
        let london: Vec<_> = f
            .by_region
            .rows
            .iter()
            .filter(|r| r[0] == "London")
            .collect();
        assert_eq!(
            london[1],
            &vec![
                "London".to_string(),
                "Housing".into(),
                "20".into(),
                "100".into()
            ]
        );
        assert!(f.by_group.is_none());
    }

    #[test]
    fn small_counts_are_hidden_with_a_complement_so_no_subtraction_finds_them() {
        let all = comments(&[
            ("Funding", "Wales", 2),
            ("Housing", "Wales", 30),
            ("Other", "Wales", 9),
        ]);
        let q = QuestionLabel {
            slug: "q",
            text: "Q?",
        };
        let f = tabulate(&q, &book(), &all, &["Wales"], &rule(5)).unwrap();
        let shown: Vec<&str> = f.by_region.rows.iter().map(|r| r[2].as_str()).collect();
        assert_eq!(shown[0], SUPPRESSED, "2 is small");
        assert_eq!(
            shown.iter().filter(|s| **s == SUPPRESSED).count(),
            2,
            "one more hidden in the region: {shown:?}"
        );
        assert_eq!(
            f.categories.rows[0][3], SUPPRESSED,
            "its percentage goes too"
        );
    }

    #[test]
    fn groups_are_protected_as_a_two_way_table() {
        let mut all = comments(&[("Funding", "Wales", 10), ("Housing", "Wales", 10)]);
        for (i, c) in all.iter_mut().enumerate() {
            c.group = Some(if i % 7 == 0 { "SARC" } else { "Provider" }.into());
        }
        let q = QuestionLabel {
            slug: "q",
            text: "Q?",
        };
        let f = tabulate(&q, &book(), &all, &["Wales"], &rule(3)).unwrap();
        let g = f.by_group.unwrap();
        let sarc: Vec<&str> = g
            .rows
            .iter()
            .filter(|r| r[0] == "SARC")
            .map(|r| r[2].as_str())
            .collect();
        assert!(sarc.contains(&SUPPRESSED), "{sarc:?}");
        for row in &g.rows {
            assert!(row[2] == SUPPRESSED || row[2].parse::<i64>().is_ok_and(|n| n == 0 || n >= 3));
        }
    }

    #[test]
    fn comments_in_one_region_each_add_up_with_those_placed_in_none() {
        // Seven regions hold one Housing comment each and two comments name no region: a
        // reader who knows a comment names one region at most sees seven cells of at least 1
        // adding up to at most 9, so each is 1 to 3, unless more is hidden.
        let regions = ["R1", "R2", "R3", "R4", "R5", "R6", "R7"];
        let mut all = Vec::new();
        for region in regions {
            all.extend(comments(&[("Housing", region, 1), ("Funding", region, 6)]));
        }
        all.extend(
            std::iter::repeat_with(|| CodedComment {
                code: "Housing".into(),
                regions: Vec::new(),
                group: None,
            })
            .take(2),
        );
        let book = book();
        let known: Vec<&CodedComment> = all.iter().collect();
        let cells = QuestionCells::build("f", &book, &known, &regions);
        assert!(cells
            .region_note
            .starts_with("No comment counts in more than one region"));
        let grid = &cells.cells.grid;
        let rule = rule(5);
        let only_small: Vec<bool> = (0..grid.len())
            .map(|c| !grid.is_unpublished(c) && rule.is_small(grid.value(c)))
            .collect();
        assert!(
            !frontline_disclosure::audit(&rule, grid, &only_small)
                .unwrap()
                .is_empty(),
            "hiding the ones alone leaves them narrow"
        );
        let shown = cells.cells.protect(&rule, "f").unwrap();
        assert!(
            frontline_disclosure::audit(&rule, grid, &shown.suppressed())
                .unwrap()
                .is_empty()
        );
    }
}
