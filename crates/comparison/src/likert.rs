//! A likert question compared across groups: for each statement, each group's respondents who
//! disagree (strongly or not), are neutral or agree (strongly or not), and their percentage of
//! those who rated it, protected as one two-way table (groups × answers) per statement. Answers
//! off the scale ("don't know") are not published: they are not a rating, and a small count of
//! them would force a second hidden cell into every bar. Points
//! are banded before they are published, as is usual for small groups: a five-point scale cut
//! into twenty cells per statement would leave most of them too small to show. The chart draws
//! only what the table shows.

use crate::{ComparisonError, Group};
use frontline_disclosure::{CellProtector, KeyedGrid, SUPPRESSED};
use frontline_geo::tables::{percent, share_pct, Table};
use serde::Serialize;
use survey_engine::definition::Choice;
use survey_engine::QuestionKind;

pub const COLUMNS: [&str; 5] = [
    "statement",
    "group",
    "answer",
    "respondents",
    "pct_of_group",
];

/// Scale points that are not an opinion on the scale: counted in the table, left off the chart.
const OFF_SCALE: [&str; 3] = ["dont_know", "not_applicable", "prefer_not_to_say"];

/// Whether a scale point is an opinion on the ordered scale.
pub fn on_scale(point: &Choice) -> bool {
    !OFF_SCALE.contains(&point.value.as_str())
}

/// The answers a scale is published as: its points banded into disagree / neutral / agree.
/// Each band lists the scale points it holds.
#[derive(Debug, Clone, Serialize)]
pub struct Band {
    pub label: String,
    pub points: Vec<usize>,
}

/// Bands `scale`'s on-scale points: those below its middle, the middle point (odd scales), those
/// above it.
pub fn bands(scale: &[Choice]) -> Vec<Band> {
    let on: Vec<usize> = (0..scale.len()).filter(|&p| on_scale(&scale[p])).collect();
    let k = on.len();
    let join = |points: &[usize]| {
        let labels: Vec<&str> = points.iter().map(|&p| scale[p].label.as_str()).collect();
        labels.join(" or ")
    };
    let mut out = Vec::new();
    let mut band = |points: &[usize]| {
        if !points.is_empty() {
            out.push(Band {
                label: join(points),
                points: points.to_vec(),
            });
        }
    };
    band(&on[..k / 2]);
    if k % 2 == 1 {
        band(&on[k / 2..k / 2 + 1]);
    }
    band(&on[k.div_ceil(2)..]);
    out
}

/// One group's bar for one statement: respondents per band, or none when the disclosure rule
/// hides any of them (the chart then says so instead of drawing).
#[derive(Debug, Clone, Serialize)]
pub struct Bar {
    pub group: String,
    pub respondents: Option<Vec<i64>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Statement {
    pub label: String,
    pub bars: Vec<Bar>,
}

/// The comparison of one likert question: its table and what its chart may draw.
#[derive(Debug, Clone, Serialize)]
pub struct LikertComparison {
    pub label: String,
    pub bands: Vec<Band>,
    pub statements: Vec<Statement>,
    pub table: Table,
}

/// Compares the likert question `key` (a bank reference or question id) across `groups`.
pub fn compare(
    key: &str,
    name: &str,
    groups: &[Group],
    protector: &dyn CellProtector,
) -> Result<LikertComparison, ComparisonError> {
    let rule = protector.rule();
    let asked: Vec<(&Group, &str)> = groups
        .iter()
        .filter_map(|g| g.question(key).map(|q| (g, q.id.as_str())))
        .collect();
    let (label, statements, scale) = groups
        .iter()
        .filter_map(|g| g.question(key))
        .find_map(|q| match &q.kind {
            QuestionKind::Likert { statements, scale } => {
                Some((q.label.clone(), statements.clone(), scale.clone()))
            }
            _ => None,
        })
        .ok_or_else(|| ComparisonError::NotLikert(key.to_string()))?;
    let mut table = Table::new(name, &label, &COLUMNS)
        .with_note(&format!(
            "Percentages are of the group's respondents who rated the statement; answers off the scale (such as don't know) are left out. {} A group with fewer than {} people rating a statement is not shown for it, zeros included.",
            rule.describe(),
            rule.threshold()
        ))
        .counting_people()
        .keyed_by(3);
    let banded = bands(&scale);
    let mut out = Vec::new();
    for statement in &statements {
        let rows: Vec<Vec<i64>> = asked
            .iter()
            .map(|(g, id)| {
                let points = ratings(g, id, &statement.value, &scale);
                banded
                    .iter()
                    .map(|b| b.points.iter().map(|&p| points[p]).sum())
                    .collect()
            })
            .collect();
        let named: Vec<(String, Vec<i64>)> = asked
            .iter()
            .map(|(g, _)| g.name.clone())
            .zip(rows.iter().cloned())
            .collect();
        let columns: Vec<String> = banded.iter().map(|b| b.label.clone()).collect();
        let stem = format!("{name}/{}", statement.value);
        let (keyed, at) = KeyedGrid::two_way(&stem, &named, &columns, "All groups", "All rating");
        let shown = keyed.protect(protector, &stem)?;
        let grid = keyed.grid;
        let value = |cell: usize| grid.values()[cell];
        let mut bars = Vec::new();
        for (g, (group, _)) in asked.iter().enumerate() {
            let total = at.row_totals[g];
            // Fewer raters than the threshold: the group's row is hidden whole, zeros too.
            let whole_group_hidden = rule.is_small(value(total));
            for (b, band) in banded.iter().enumerate() {
                let cell = at.interior[g][b];
                let (count, pct) = if whole_group_hidden {
                    (SUPPRESSED.to_string(), SUPPRESSED.to_string())
                } else {
                    (
                        shown.show(cell, || value(cell).to_string()),
                        shown.show_derived(&[cell, total], || {
                            percent(share_pct(value(cell) as f64, value(total) as f64))
                        }),
                    )
                };
                table.push(vec![
                    statement.label.clone(),
                    group.name.clone(),
                    band.label.clone(),
                    count,
                    pct,
                ]);
            }
            let hidden =
                whole_group_hidden || at.interior[g].iter().any(|&c| shown.is_suppressed(c));
            bars.push(Bar {
                group: group.name.clone(),
                respondents: (!hidden).then(|| rows[g].clone()),
            });
        }
        out.push(Statement {
            label: statement.label.clone(),
            bars,
        });
    }
    Ok(LikertComparison {
        label,
        bands: banded,
        statements: out,
        table,
    })
}

/// Respondents in `group` per scale point for one statement.
fn ratings(group: &Group, question: &str, statement: &str, scale: &[Choice]) -> Vec<i64> {
    let mut counts = vec![0; scale.len()];
    for a in &group.answers {
        let rating = a
            .get(question)
            .and_then(|v| v.get(statement))
            .and_then(|v| v.as_str());
        if let Some(at) = rating.and_then(|r| scale.iter().position(|p| p.value == r)) {
            counts[at] += 1;
        }
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;
    use frontline_disclosure::SuppressionRule;
    use serde_json::json;
    use survey_engine::{Answers, SurveyDefinition};

    fn definition(id: &str) -> SurveyDefinition {
        SurveyDefinition::from_json(
            "test.json",
            &json!({
                "id": id, "version": "1", "title": id,
                "sections": [{"id": "views", "title": "Views", "questions": [
                    {"id": "views", "type": "likert", "label": "Views", "bank": "views@1",
                     "statements": [{"value": "long", "label": "Funding is long enough"}],
                     "scale": [{"value": "disagree", "label": "Disagree"}, {"value": "neither", "label": "Neither"},
                               {"value": "agree", "label": "Agree"}, {"value": "dont_know", "label": "Don't know"}]}
                ]}]
            })
            .to_string(),
        )
        .expect("definition")
    }

    fn rated(spec: &[(&str, usize)]) -> Vec<Answers> {
        spec.iter()
            .flat_map(|(r, n)| std::iter::repeat_n(*r, *n))
            .map(|r| {
                Answers::from_json(&json!({"views": {"long": r}}).to_string()).expect("answers")
            })
            .collect()
    }

    fn choices(values: &[&str]) -> Vec<Choice> {
        values
            .iter()
            .map(|v| Choice {
                value: v.to_string(),
                label: v.to_string(),
            })
            .collect()
    }

    #[test]
    fn five_points_band_into_three_and_off_scale_points_stand_alone() {
        let b = bands(&choices(&["sd", "d", "n", "a", "sa", "dont_know"]));
        let labels: Vec<&str> = b.iter().map(|b| b.label.as_str()).collect();
        assert_eq!(labels, ["sd or d", "n", "a or sa"]);
        assert_eq!(b[2].points, [3, 4]);
        let even: Vec<String> = bands(&choices(&["sd", "d", "a", "sa"]))
            .into_iter()
            .map(|b| b.label)
            .collect();
        assert_eq!(even, ["sd or d", "a or sa"]);
    }

    #[test]
    fn groups_sit_side_by_side_and_hidden_cells_hide_the_bar() {
        let (a, b) = (definition("a"), definition("b"));
        let groups = [
            Group {
                name: "Providers".into(),
                definition: &a,
                answers: rated(&[
                    ("disagree", 12),
                    ("neither", 6),
                    ("agree", 10),
                    ("dont_know", 7),
                ]),
            },
            Group {
                name: "SARCs".into(),
                definition: &b,
                answers: rated(&[
                    ("disagree", 1),
                    ("neither", 9),
                    ("agree", 8),
                    ("dont_know", 6),
                ]),
            },
        ];
        let c = compare(
            "views@1",
            "views",
            &groups,
            &SuppressionRule::new(3).expect("rule"),
        )
        .expect("compare");
        let bars = &c.statements[0].bars;
        assert_eq!(
            bars[0].respondents, None,
            "the complement of SARCs' 1 sits in the Providers row"
        );
        assert_eq!(bars[1].respondents, None);
        let cell = |g: &str, p: &str| {
            c.table
                .rows
                .iter()
                .find(|r| r[1] == g && r[2] == p)
                .map(|r| r[3].clone())
                .expect("row")
        };
        assert_eq!(cell("SARCs", "Disagree"), SUPPRESSED);
        let open = compare(
            "views@1",
            "views",
            &groups,
            &SuppressionRule::new(1).expect("rule"),
        )
        .expect("compare");
        assert_eq!(
            open.statements[0].bars[0].respondents,
            Some(vec![12, 6, 10]),
            "don't know is not a rating"
        );
        assert_eq!(open.bands.len(), 3);
    }
}
