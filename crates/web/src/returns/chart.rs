//! A small accessible SVG line chart for trends over periods.

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

pub fn line_chart(title: &str, periods: &[String], lines: &[Line<'_>]) -> String {
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
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {H}" width="{W}" height="{H}" role="img" aria-labelledby="chart-title chart-desc" font-family="Arial, Helvetica, sans-serif" font-size="12"><title id="chart-title">{}</title><desc id="chart-desc">{}</desc><text x="{LEFT}" y="18" font-weight="bold" font-size="14">{}</text>"##,
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
