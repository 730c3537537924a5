//! The diverging stacked bar chart of a likert comparison, as SVG: one bar per group under each
//! statement, disagreement to the left of the centre line and agreement to the right (a neutral
//! middle band split across it). Off-scale answers ("don't know") are left off and said so. A
//! bar the disclosure rule hides is not drawn; the chart says why.

use crate::likert::LikertComparison;
use std::fmt::Write;

const WIDTH: f64 = 760.0;
const LABEL_WIDTH: f64 = 170.0;
const BAR_HEIGHT: f64 = 18.0;
const GAP: f64 = 6.0;
const STATEMENT_GAP: f64 = 28.0;
const TOP: f64 = 62.0;

/// Colours from disagreement to agreement (ColorBrewer BrBG, colour-blind safe).
fn palette(points: usize) -> Vec<&'static str> {
    match points {
        2 => vec!["#a6611a", "#018571"],
        3 => vec!["#dfc27d", "#f5f5f5", "#80cdc1"],
        4 => vec!["#a6611a", "#dfc27d", "#80cdc1", "#018571"],
        5 => vec!["#a6611a", "#dfc27d", "#f5f5f5", "#80cdc1", "#018571"],
        _ => (0..points)
            .map(|i| if i * 2 < points { "#dfc27d" } else { "#80cdc1" })
            .collect(),
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Shares (0–1) of the on-scale answers, and where the bar starts left of the centre.
fn layout(counts: &[i64]) -> Option<(Vec<f64>, f64)> {
    let total: i64 = counts.iter().sum();
    if total == 0 {
        return None;
    }
    let shares: Vec<f64> = counts.iter().map(|&n| n as f64 / total as f64).collect();
    let k = shares.len();
    let left: f64 =
        shares[..k / 2].iter().sum::<f64>() + if k % 2 == 1 { shares[k / 2] / 2.0 } else { 0.0 };
    Some((shares, left))
}

/// Renders the chart; `source` is printed under it.
pub fn diverging_bars(comparison: &LikertComparison, source: &str) -> String {
    let points: Vec<usize> = (0..comparison.bands.len()).collect();
    let colours = palette(points.len());
    let half = (WIDTH - LABEL_WIDTH - 20.0) / 2.0;
    let centre = LABEL_WIDTH + half;
    let rows: usize = comparison.statements.iter().map(|s| s.bars.len()).sum();
    let height = TOP
        + comparison.statements.len() as f64 * STATEMENT_GAP
        + rows as f64 * (BAR_HEIGHT + GAP)
        + 50.0;
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" role="img" aria-labelledby="chart-title chart-desc" font-family="sans-serif" font-size="12"><title id="chart-title">{}</title><desc id="chart-desc">Diverging stacked bars: for each statement, each group's share disagreeing (left of the centre line) and agreeing (right). The table beside this chart gives every figure.</desc><text x="0" y="16" font-size="14" font-weight="bold">{}</text>"#,
        escape(&comparison.label),
        escape(&comparison.label)
    );
    for (i, &p) in points.iter().enumerate() {
        let x = i as f64 * (WIDTH / points.len() as f64);
        let _ = write!(
            svg,
            r##"<rect x="{x:.1}" y="28" width="12" height="12" fill="{}" stroke="#555" stroke-width="0.5"/><text x="{:.1}" y="38">{}</text>"##,
            colours[i],
            x + 16.0,
            escape(&comparison.bands[p].label)
        );
    }
    let mut y = TOP;
    for statement in &comparison.statements {
        y += STATEMENT_GAP;
        let _ = write!(
            svg,
            r#"<text x="0" y="{:.1}" font-weight="bold">{}</text>"#,
            y - 8.0,
            escape(&statement.label)
        );
        for bar in &statement.bars {
            let _ = write!(
                svg,
                r#"<text x="0" y="{:.1}">{}</text>"#,
                y + 13.0,
                escape(&bar.group)
            );
            let counts: Option<Vec<i64>> = bar.respondents.as_ref().map(|r| {
                points
                    .iter()
                    .map(|&p| r.get(p).copied().unwrap_or(0))
                    .collect()
            });
            match counts.as_deref().and_then(layout) {
                Some((shares, left)) => {
                    let mut x = centre - left * half;
                    for (i, share) in shares.iter().enumerate() {
                        let w = share * half;
                        let _ = write!(
                            svg,
                            r##"<rect x="{x:.1}" y="{y:.1}" width="{w:.1}" height="{BAR_HEIGHT}" fill="{}" stroke="#555" stroke-width="0.5"><title>{}: {}%</title></rect>"##,
                            colours[i],
                            escape(&bar.group),
                            (share * 100.0).round()
                        );
                        x += w;
                    }
                }
                None => {
                    let _ = write!(
                        svg,
                        r##"<text x="{:.1}" y="{:.1}" fill="#555">Too few answers to show (see the table)</text>"##,
                        centre - half,
                        y + 13.0
                    );
                }
            }
            y += BAR_HEIGHT + GAP;
        }
    }
    let _ = write!(
        svg,
        r##"<line x1="{centre:.1}" y1="{TOP}" x2="{centre:.1}" y2="{y:.1}" stroke="#000"/><text x="0" y="{:.1}" fill="#333">Answers off the scale (such as "don't know") are left out of the bars.</text><text x="0" y="{:.1}" fill="#333">{}</text></svg>"##,
        y + 22.0,
        y + 40.0,
        escape(source)
    );
    svg
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::likert::{bands, Bar, Statement};
    use frontline_geo::tables::Table;
    use survey_engine::definition::Choice;

    fn choice(v: &str) -> Choice {
        Choice {
            value: v.into(),
            label: v.into(),
        }
    }

    #[test]
    fn a_neutral_point_straddles_the_centre_and_hidden_bars_are_not_drawn() {
        let (shares, left) = layout(&[2, 2, 4, 2]).expect("layout");
        assert_eq!(shares.len(), 4);
        assert!((left - 0.4).abs() < 1e-9);
        let (_, left) = layout(&[1, 2, 1]).expect("layout");
        assert!((left - 0.5).abs() < 1e-9);
        let c = LikertComparison {
            label: "Views <&>".into(),
            bands: bands(&[choice("disagree"), choice("agree"), choice("dont_know")]),
            statements: vec![Statement {
                label: "Long enough".into(),
                bars: vec![
                    Bar {
                        group: "A".into(),
                        respondents: Some(vec![3, 7]),
                    },
                    Bar {
                        group: "B".into(),
                        respondents: None,
                    },
                ],
            }],
            table: Table::new("t", "t", &["x"]),
        };
        let svg = diverging_bars(&c, "Source: test");
        assert!(svg.contains("Views &lt;&amp;&gt;"));
        assert!(svg.contains("A: 70%"), "{svg}");
        assert!(svg.contains("Too few answers to show"));
        assert_eq!(
            svg.matches("<rect").count(),
            2 + 2,
            "two legend keys and A's two segments"
        );
    }
}
