//! The pack's comparison chart: for each rate, three bars — the area, its region, England and
//! Wales — each labelled with its value, drawn as plain SVG that prints cleanly.

use super::comparison::Indicator;
use frontline_geo::maps::svg::{self, esc};
use std::fmt::Write;

const WIDTH: f64 = 720.0;
const LABEL_WIDTH: f64 = 300.0;
const BAR_AREA: f64 = 330.0;
const BAR: f64 = 12.0;
const ROW: f64 = 3.0 * BAR + 22.0;
const TOP: f64 = 70.0;
/// Characters of a 12-pixel label that fit the label column (Arial averages under 6.5 px).
const LABEL_CHARS: usize = 44;
/// Lines of label a row has room for.
const ROW_LINES: usize = 3;
const COLOURS: [(&str, &str); 3] = [
    ("#1d70b8", "Area"),
    ("#85994b", "Region"),
    ("#505a5f", "England and Wales"),
];

/// A chart of `indicators` for an area, its region and England and Wales.
pub fn comparison_chart(
    title: &str,
    area: &str,
    region: &str,
    indicators: &[&Indicator],
    credits: &[String],
    watermark: Option<&str>,
) -> String {
    let height = TOP + ROW * indicators.len() as f64 + 30.0 + 16.0 * credits.len() as f64;
    let mut s = String::new();
    let _ = write!(
        s,
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height:.0}" width="{WIDTH}" height="{height:.0}" role="img" aria-labelledby="chart-title" font-family="Arial, sans-serif"><title id="chart-title">{}</title><rect width="100%" height="100%" fill="#fff"/><text x="10" y="24" font-size="17" font-weight="bold">{}</text>"##,
        esc(title),
        esc(title)
    );
    let names = [area, region, "England and Wales"];
    for (i, ((colour, _), name)) in COLOURS.iter().zip(names).enumerate() {
        let x = 10.0 + 230.0 * i as f64;
        let _ = write!(
            s,
            r##"<rect x="{x:.0}" y="38" width="12" height="12" fill="{colour}"/><text x="{:.0}" y="49" font-size="12">{}</text>"##,
            x + 16.0,
            esc(name)
        );
    }
    for (row, indicator) in indicators.iter().enumerate() {
        let y = TOP + ROW * row as f64;
        let v = &indicator.values;
        let values = [v.area, v.region, v.england_and_wales];
        let shown = [
            &indicator.area,
            &indicator.region,
            &indicator.england_and_wales,
        ];
        let max = values.iter().flatten().copied().fold(0.0_f64, f64::max);
        // The label wraps within its column, so it never runs under the bars.
        let _ = write!(s, r##"<text x="10" y="{:.0}" font-size="12">"##, y + 12.0);
        for (n, line) in wrap(&indicator.label, LABEL_CHARS, ROW_LINES)
            .iter()
            .enumerate()
        {
            let dy = if n == 0 { 0.0 } else { 14.0 };
            let _ = write!(s, r##"<tspan x="10" dy="{dy:.0}">{}</tspan>"##, esc(line));
        }
        s.push_str("</text>");
        for (i, (value, text)) in values.iter().zip(shown).enumerate() {
            let top = y + BAR * i as f64 + 2.0;
            let length = match value {
                Some(x) if max > 0.0 => BAR_AREA * x / max,
                _ => 0.0,
            };
            let label = if text.is_empty() {
                "no data"
            } else {
                text.as_str()
            };
            let _ = write!(
                s,
                r##"<rect x="{LABEL_WIDTH}" y="{top:.1}" width="{length:.1}" height="{:.0}" fill="{}"><title>{}: {}</title></rect><text x="{:.1}" y="{:.1}" font-size="10">{}</text>"##,
                BAR - 2.0,
                COLOURS[i].0,
                esc(names[i]),
                esc(label),
                LABEL_WIDTH + length + 4.0,
                top + BAR - 3.0,
                esc(label)
            );
        }
    }
    let mut y = TOP + ROW * indicators.len() as f64 + 16.0;
    for line in credits {
        let _ = write!(
            s,
            r##"<text x="10" y="{y:.0}" font-size="10" fill="#505a5f">{}</text>"##,
            esc(line)
        );
        y += 16.0;
    }
    if let Some(mark) = watermark {
        s.push_str(&svg::watermark(WIDTH, height, mark));
    }
    s.push_str("</svg>");
    s
}

/// `text` in lines of at most `width` characters, broken between words, at most `lines` of
/// them (the last ends in "…" when the text is longer).
fn wrap(text: &str, width: usize, lines: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        let fits =
            current.is_empty() || current.chars().count() + 1 + word.chars().count() <= width;
        if !fits {
            out.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
    }
    if !current.is_empty() {
        out.push(current);
    }
    if out.len() > lines {
        out.truncate(lines);
        if let Some(last) = out.last_mut() {
            let kept: String = last.chars().take(width.saturating_sub(1)).collect();
            *last = format!("{kept}…");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn labels_wrap_between_words_within_their_column() {
        let label = "Estimated women aged 16 and over who experienced domestic abuse in the last year, per 1,000";
        let lines = wrap(label, 44, 3);
        assert!(lines.len() > 1 && lines.len() <= 3, "{lines:?}");
        assert!(lines.iter().all(|l| l.chars().count() <= 44), "{lines:?}");
        assert_eq!(lines.join(" "), label);
        let long = "word ".repeat(60);
        let cut = wrap(&long, 20, 2);
        assert_eq!(cut.len(), 2);
        assert!(cut[1].ends_with('…'));
    }
}
