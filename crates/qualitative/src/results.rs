//! The findings of one coded question as published tables: comments per category and
//! subcategory (percent of coded comments, computed from counts), and comments per category by
//! region and by respondent group, all under the cycle's suppression rule.

use crate::codebook::{split_path, Codebook};
use crate::QualitativeError;
use frontline_disclosure::{protect, Grid, SuppressionRule};
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

/// Tabulates the coded comments of a question against its codebook.
pub fn tabulate(
    question: &QuestionLabel,
    book: &Codebook,
    comments: &[CodedComment],
    regions: &[&str],
    rule: &SuppressionRule,
) -> Result<QuestionFindings, QualitativeError> {
    let known: Vec<&CodedComment> = comments.iter().filter(|c| book.has_path(&c.code)).collect();
    let unknown_codes = comments.len() - known.len();
    let categories = category_table(question, book, &known, rule)?;
    let by_region = region_table(question, book, &known, regions, rule)?;
    let by_group = if known.iter().any(|c| c.group.is_some()) {
        Some(group_table(question, book, &known, rule)?)
    } else {
        None
    };
    Ok(QuestionFindings {
        categories,
        by_region,
        by_group,
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

/// Categories and their subcategories. The categories and the total are protected together;
/// a subcategory stands alone, since the comments coded to its category without a subcategory
/// are never published, so no subtraction recovers a hidden subcategory.
fn category_table(
    question: &QuestionLabel,
    book: &Codebook,
    comments: &[&CodedComment],
    rule: &SuppressionRule,
) -> Result<Table, QualitativeError> {
    let mut grid = Grid::new();
    let mut rows: Vec<(String, String, usize)> = Vec::new();
    let mut category_cells = Vec::new();
    for code in &book.codes {
        let total = grid.cell(
            comments
                .iter()
                .filter(|c| in_category(c, &code.name))
                .count() as i64,
        );
        category_cells.push(total);
        rows.push((code.name.clone(), String::new(), total));
        for sub in &code.children {
            let path = format!("{} / {}", code.name, sub.name);
            let cell = grid.cell(comments.iter().filter(|c| c.code == path).count() as i64);
            rows.push((code.name.clone(), sub.name.clone(), cell));
        }
    }
    let all = grid.total_of(&category_cells);
    let shown = protect(rule, &grid)?;
    let total = grid.values()[all] as f64;
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
    for (category, sub, cell) in rows {
        let value = grid.values()[cell];
        table.push(vec![
            category,
            sub,
            shown.show(cell, || value.to_string()),
            shown.show_derived(&[cell, all], || percent(share_pct(value as f64, total))),
        ]);
    }
    table.push(vec![
        "All coded comments".into(),
        String::new(),
        shown.show(all, || grid.values()[all].to_string()),
        shown.show(all, || percent(share_pct(total, total))),
    ]);
    Ok(table)
}

/// One row per region and category, and each region's total. A comment counts in every region
/// its service works in, so regions are not summed to a national figure; within a region the
/// categories add up to the region's total, and are protected as such.
fn region_table(
    question: &QuestionLabel,
    book: &Codebook,
    comments: &[&CodedComment],
    regions: &[&str],
    rule: &SuppressionRule,
) -> Result<Table, QualitativeError> {
    let mut table = Table::new(
        &format!("comments-{}-by-region", question.slug),
        &format!("Comments by category and region: {}", question.text),
        &["region", "category", "comments", "pct_of_coded_comments"],
    )
    .with_note(&note(
        rule,
        "A comment counts in every region its service works in, so regions add up to more than England and Wales. ",
    ))
    .counting_people()
    .keyed_by(2);
    for region in regions {
        let here: Vec<&&CodedComment> = comments
            .iter()
            .filter(|c| c.regions.iter().any(|r| r == region))
            .collect();
        let counts: Vec<i64> = book
            .codes
            .iter()
            .map(|code| here.iter().filter(|c| in_category(c, &code.name)).count() as i64)
            .collect();
        push_breakdown(&mut table, region, book, &counts, rule)?;
    }
    Ok(table)
}

/// One row per respondent group and category, and each group's total. Every comment has one
/// group, so groups add up to the national counts: the group cells, their totals and the
/// category margins are protected as one two-way table.
fn group_table(
    question: &QuestionLabel,
    book: &Codebook,
    comments: &[&CodedComment],
    rule: &SuppressionRule,
) -> Result<Table, QualitativeError> {
    let mut groups: BTreeMap<&str, Vec<i64>> = BTreeMap::new();
    for c in comments {
        let group = c.group.as_deref().unwrap_or("Not stated");
        let row = groups
            .entry(group)
            .or_insert_with(|| vec![0; book.codes.len()]);
        if let Some(at) = book
            .codes
            .iter()
            .position(|code| in_category(c, &code.name))
        {
            row[at] += 1;
        }
    }
    let names: Vec<&str> = groups.keys().copied().collect();
    let rows: Vec<Vec<i64>> = groups.into_values().collect();
    let (grid, at) = Grid::two_way(&rows);
    let shown = protect(rule, &grid)?;
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
    let value = |cell: usize| grid.values()[cell];
    for (g, name) in names.iter().enumerate() {
        let total = at.row_totals[g];
        for (c, code) in book.codes.iter().enumerate() {
            let cell = at.interior[g][c];
            table.push(vec![
                name.to_string(),
                code.name.clone(),
                shown.show(cell, || value(cell).to_string()),
                shown.show_derived(&[cell, total], || {
                    percent(share_pct(value(cell) as f64, value(total) as f64))
                }),
            ]);
        }
        table.push(vec![
            name.to_string(),
            "All coded comments".into(),
            shown.show(total, || value(total).to_string()),
            shown.show(total, || percent(share_pct(1.0, 1.0))),
        ]);
    }
    Ok(table)
}

/// Rows of one region: each category and the total, protected within the region.
fn push_breakdown(
    table: &mut Table,
    label: &str,
    book: &Codebook,
    counts: &[i64],
    rule: &SuppressionRule,
) -> Result<(), QualitativeError> {
    let mut grid = Grid::new();
    let cells: Vec<usize> = counts.iter().map(|&n| grid.cell(n)).collect();
    let total = grid.total_of(&cells);
    let shown = protect(rule, &grid)?;
    let value = |cell: usize| grid.values()[cell];
    for (code, &cell) in book.codes.iter().zip(&cells) {
        table.push(vec![
            label.to_string(),
            code.name.clone(),
            shown.show(cell, || value(cell).to_string()),
            shown.show_derived(&[cell, total], || {
                percent(share_pct(value(cell) as f64, value(total) as f64))
            }),
        ]);
    }
    table.push(vec![
        label.to_string(),
        "All coded comments".into(),
        shown.show(total, || value(total).to_string()),
        shown.show(total, || {
            percent(share_pct(value(total) as f64, value(total) as f64))
        }),
    ]);
    Ok(())
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
}
