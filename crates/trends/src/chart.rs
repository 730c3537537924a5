//! A small accessible SVG line chart for figures over periods (returns' quarters, cycles), and
//! the series' charts: Idva capacity against need for England and Wales and each region.

use frontline_geo::maps::svg::esc;
use frontline_geo::tables::whole;
use std::fmt::Write;

/// One line: a name, a colour and a value per period (none where there is no data).
pub struct Line<'a> {
    pub name: &'a str,
    pub colour: &'a str,
    pub values: Vec<Option<f64>>,
}

const W: f64 = 560.0;
const H: f64 = 260.0;
const LEFT: f64 = 56.0;
const RIGHT: f64 = 150.0;
const TOP: f64 = 36.0;
const BOTTOM: f64 = 40.0;

/// A line chart; `id` names its title and description (unique on the page that shows it).
pub fn line_chart(id: &str, title: &str, periods: &[String], lines: &[Line<'_>]) -> String {
    let max = lines
        .iter()
        .flat_map(|l| l.values.iter().flatten())
        .fold(0.0_f64, |a, b| a.max(*b))
        .max(1.0);
    let step = if periods.len() > 1 {
        (W - LEFT - RIGHT) / (periods.len() - 1) as f64
    } else {
        0.0
    };
    let x = |i: usize| LEFT + step * i as f64;
    let y = |v: f64| TOP + (H - TOP - BOTTOM) * (1.0 - v / max);
    let summary: Vec<String> = lines
        .iter()
        .map(|l| {
            let values: Vec<String> = periods
                .iter()
                .zip(&l.values)
                .map(|(p, v)| format!("{p}: {}", v.map_or("no data".into(), whole)))
                .collect();
            format!("{}: {}", l.name, values.join(", "))
        })
        .collect();
    let mut svg = String::new();
    let _ = write!(
        svg,
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {H}" width="{W}" height="{H}" role="img" aria-labelledby="{id}-title {id}-desc" font-family="Arial, Helvetica, sans-serif" font-size="12"><title id="{id}-title">{}</title><desc id="{id}-desc">{}</desc><text x="{LEFT}" y="18" font-weight="bold" font-size="14">{}</text>"##,
        esc(title),
        esc(&summary.join(". ")),
        esc(title)
    );
    for tick in 0..=4 {
        let v = max * f64::from(tick) / 4.0;
        let _ = write!(
            svg,
            r##"<line x1="{LEFT}" x2="{:.1}" y1="{:.1}" y2="{:.1}" stroke="#dddddd"/><text x="{:.1}" y="{:.1}" text-anchor="end" fill="#505a5f">{v:.0}</text>"##,
            W - RIGHT,
            y(v),
            y(v),
            LEFT - 6.0,
            y(v) + 4.0
        );
    }
    for (i, p) in periods.iter().enumerate() {
        let _ = write!(
            svg,
            r##"<text x="{:.1}" y="{:.1}" text-anchor="middle" fill="#505a5f">{}</text>"##,
            x(i),
            H - BOTTOM + 18.0,
            esc(p)
        );
    }
    for (n, line) in lines.iter().enumerate() {
        let points: Vec<String> = line
            .values
            .iter()
            .enumerate()
            .filter_map(|(i, v)| v.map(|v| format!("{:.1},{:.1}", x(i), y(v))))
            .collect();
        let dash = [
            "",
            r#" stroke-dasharray="6 3""#,
            r#" stroke-dasharray="2 3""#,
        ][n % 3];
        let _ = write!(
            svg,
            r##"<polyline fill="none" stroke="{}" stroke-width="2.5"{dash} points="{}"/>"##,
            line.colour,
            points.join(" ")
        );
        for (i, v) in line.values.iter().enumerate() {
            if let Some(v) = v {
                let _ = write!(
                    svg,
                    r##"<circle cx="{:.1}" cy="{:.1}" r="3.5" fill="{}"><title>{} {}: {}</title></circle>"##,
                    x(i),
                    y(*v),
                    line.colour,
                    esc(line.name),
                    esc(&periods[i]),
                    whole(*v)
                );
            }
        }
        let ly = TOP + 18.0 * n as f64;
        let _ = write!(
            svg,
            r##"<line x1="{:.1}" x2="{:.1}" y1="{ly:.1}" y2="{ly:.1}" stroke="{}" stroke-width="2.5"{dash}/><text x="{:.1}" y="{:.1}">{}</text>"##,
            W - RIGHT + 14.0,
            W - RIGHT + 38.0,
            line.colour,
            W - RIGHT + 44.0,
            ly + 4.0,
            esc(line.name)
        );
    }
    svg.push_str("</svg>");
    svg
}

/// A series chart: its file, title, the drawing and what it shows in words.
#[derive(Debug, Clone, PartialEq)]
pub struct TrendChart {
    /// File stem, e.g. `trends-national`, `trends-north-east`.
    pub name: String,
    pub title: String,
    pub svg: String,
    /// The values in words, for readers who cannot see the chart.
    pub description: String,
    /// The lines' names, heading the chart's data table.
    pub labels: Vec<String>,
    /// The data table: a row per cycle, its year then each line's cell as published.
    pub rows: Vec<Vec<String>>,
}

/// Idva capacity for high-risk victims against the recommended FTE, for England and Wales and
/// each region, from the series (a suppressed or unpublished figure is a gap in its line).
pub fn trend_charts(series: &crate::series::Series) -> Vec<TrendChart> {
    const LINES: [(&str, &str, &str); 2] = [
        (
            "fte_idvas_high_risk",
            "Idvas for high-risk victims (FTE)",
            "#1d70b8",
        ),
        ("recommended_fte", "Recommended Idva FTE", "#d4351c"),
    ];
    // Every year from the first to the last, so a year with no release leaves a gap.
    let (Some(&first), Some(&last)) = (series.years.first(), series.years.last()) else {
        return Vec::new();
    };
    let periods: Vec<String> = (first..=last).map(|y| y.to_string()).collect();
    let mut areas = vec![("England and Wales".to_string(), &series.national, None)];
    areas.extend(
        frontline_geo::areas::REGIONS
            .iter()
            .map(|r| (r.to_string(), &series.by_region, Some(*r))),
    );
    areas
        .into_iter()
        .filter_map(|(name, table, region)| {
            let at = |column: &str| table.columns.iter().position(|c| c == column);
            let row_for = |year: &String| {
                table
                    .rows
                    .iter()
                    .find(|r| &r[0] == year && region.is_none_or(|reg| r[1] == reg))
            };
            let drawn: Vec<(usize, &str, &str)> = LINES
                .iter()
                .filter_map(|(column, label, colour)| Some((at(column)?, *label, *colour)))
                .collect();
            // Each line's cell in each year as published; none where the year has no row.
            let cells: Vec<Vec<Option<String>>> = drawn
                .iter()
                .map(|&(i, _, _)| {
                    periods
                        .iter()
                        .map(|y| row_for(y).map(|r| r[i].clone()))
                        .collect()
                })
                .collect();
            let lines: Vec<Line<'_>> = drawn
                .iter()
                .zip(&cells)
                .map(|(&(_, name, colour), cells)| Line {
                    name,
                    colour,
                    values: cells
                        .iter()
                        .map(|c| c.as_ref().and_then(|c| c.replace(',', "").parse().ok()))
                        .collect(),
                })
                .collect();
            if lines.iter().all(|l| l.values.iter().all(Option::is_none)) {
                return None;
            }
            let rows = periods
                .iter()
                .enumerate()
                .filter(|(_, y)| row_for(y).is_some())
                .map(|(p, y)| {
                    let mut row = vec![y.clone()];
                    row.extend(cells.iter().map(|c| c[p].clone().unwrap_or_default()));
                    row
                })
                .collect();
            let slug = region.map_or("national".to_string(), slug);
            let title = format!("Idva capacity against need, {name}");
            let id = format!("trends-{slug}");
            let svg = line_chart(&id, &title, &periods, &lines);
            let description = describe(&drawn, &cells, &periods);
            Some(TrendChart {
                name: id,
                title,
                svg,
                description,
                labels: drawn.iter().map(|(_, name, _)| name.to_string()).collect(),
                rows,
            })
        })
        .collect()
}

/// The lines' values in words, each cell as published: a figure, suppressed, not published,
/// or no release that year.
fn describe(
    drawn: &[(usize, &str, &str)],
    cells: &[Vec<Option<String>>],
    periods: &[String],
) -> String {
    drawn
        .iter()
        .zip(cells)
        .map(|(&(_, name, _), cells)| {
            let values: Vec<String> = periods
                .iter()
                .zip(cells)
                .map(|(p, c)| {
                    let said = match c.as_deref() {
                        None => "no release".to_string(),
                        Some("[c]") => "suppressed".to_string(),
                        Some("") => "not published".to_string(),
                        Some(figure) => figure.to_string(),
                    };
                    format!("{p}: {said}")
                })
                .collect();
            format!("{name}: {}.", values.join(", "))
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A region's name as a file name: `Yorkshire & Humber` is `yorkshire-humber`.
pub fn slug(name: &str) -> String {
    name.to_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_charts_on_one_page_name_their_parts_apart() {
        let periods = vec!["2016".to_string(), "2017".to_string()];
        let line = || Line {
            name: "FTE",
            colour: "#1d70b8",
            values: vec![Some(1.0), None],
        };
        let a = line_chart("a", "A", &periods, &[line()]);
        let b = line_chart("b", "B", &periods, &[line()]);
        assert!(a.contains(r#"id="a-title""#) && b.contains(r#"id="b-title""#));
        assert!(a.contains("2017: no data"));
    }

    #[test]
    fn region_names_become_file_names() {
        assert_eq!(slug("Yorkshire & Humber"), "yorkshire-humber");
        assert_eq!(slug("North East"), "north-east");
    }
}
