//! Renders a choropleth to SVG: title, areas filled by class, a legend stating the breaks.

use super::classes::Classes;
use super::{MapShapes, ShapeKind};
use crate::tables::Precision;
use geo::{BoundingRect, Coord, MultiPolygon};
use std::collections::BTreeMap;
use std::fmt::Write;

/// What one map shows.
#[derive(Debug, Clone)]
pub struct Choropleth {
    pub title: String,
    pub subtitle: String,
    /// The legend's heading, e.g. "% coverage".
    pub legend_title: String,
    /// PFA code → value; a missing or `None` value is drawn as "no data".
    pub values: BTreeMap<String, Option<f64>>,
    pub classes: Classes,
    /// Written after a value in its tooltip, e.g. `%` or ` FTE`.
    pub unit: String,
    /// How values are written in titles: as the table beside the map publishes them.
    pub precision: Precision,
    /// Source and attribution lines printed under the map.
    pub credits: Vec<String>,
    /// A large diagonal mark such as `DRAFT`, for anything not yet released.
    pub watermark: Option<String>,
    /// An area to mark with a heavy outline (the area a pack is about), named in the legend.
    pub highlight: Option<String>,
    /// PFA code → words said after its value, e.g. "includes imputed figures".
    pub notes: BTreeMap<String, String>,
}

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 800.0;
const MAP_LEFT: f64 = 20.0;
const MAP_TOP: f64 = 80.0;
const MAP_WIDTH: f64 = 420.0;
const MAP_HEIGHT: f64 = 640.0;
/// Longitude is scaled by cos(52.5°), the middle of England and Wales, so shapes keep their proportions.
const LON_SCALE: f64 = 0.6088;

pub fn render(shapes: &MapShapes, map: &Choropleth) -> String {
    let projected: Vec<MultiPolygon<f64>> = shapes
        .areas
        .iter()
        .map(|a| {
            a.geometry.map_coords_flat(|c| Coord {
                x: c.x * LON_SCALE,
                y: c.y,
            })
        })
        .collect();
    let all = MultiPolygon::new(projected.iter().flat_map(|m| m.0.clone()).collect());
    let (min, max) = all
        .bounding_rect()
        .map(|r| (r.min(), r.max()))
        .unwrap_or((Coord { x: 0.0, y: 0.0 }, Coord { x: 1.0, y: 1.0 }));
    let scale = (MAP_WIDTH / (max.x - min.x).max(1e-9)).min(MAP_HEIGHT / (max.y - min.y).max(1e-9));
    let to_px = |c: Coord<f64>| {
        (
            MAP_LEFT + (c.x - min.x) * scale,
            MAP_TOP + (max.y - c.y) * scale,
        )
    };

    let mut svg = String::new();
    let _ = write!(
        svg,
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" role="img" aria-labelledby="map-title map-desc" font-family="Arial, Helvetica, sans-serif">
<title id="map-title">{}</title>
<desc id="map-desc">{}</desc>
<defs><pattern id="no-data" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/><line x1="0" y1="0" x2="0" y2="6" stroke="#666666" stroke-width="1.5"/></pattern></defs>
<rect width="100%" height="100%" fill="#ffffff"/>
<text x="{MAP_LEFT}" y="34" font-size="20" font-weight="bold" fill="#0b0c0c">{}</text>
<text x="{MAP_LEFT}" y="58" font-size="13" fill="#505a5f">{}</text>
<g stroke="#ffffff" stroke-width="0.8" stroke-linejoin="round">
"##,
        esc(&map.title),
        esc(&format!(
            "{}. {}",
            map.subtitle,
            scale_description(&map.classes)
        )),
        esc(&map.title),
        esc(&map.subtitle)
    );
    for (area, shape) in shapes.areas.iter().zip(&projected) {
        draw_area(&mut svg, map, area.code.as_str(), &area.name, shape, to_px);
    }
    svg.push_str("</g>\n");
    let marked = shapes
        .areas
        .iter()
        .zip(&projected)
        .find(|(area, _)| map.highlight.as_deref() == Some(area.code.as_str()));
    if let Some((area, shape)) = marked {
        let _ = write!(
            svg,
            r##"<path data-highlight="{}" fill="none" stroke="#0b0c0c" stroke-width="3" stroke-linejoin="round" aria-hidden="true" d=""##,
            esc(area.code.as_str())
        );
        outline(&mut svg, shape, to_px);
        svg.push_str("\"/>\n");
    }

    // Labels on tiles.
    for (area, shape) in shapes.areas.iter().zip(&projected) {
        let (Some(label), Some(rect)) = (&area.label, shape.bounding_rect()) else {
            continue;
        };
        let (x, y) = to_px(rect.center());
        let light = map
            .values
            .get(area.code.as_str())
            .copied()
            .flatten()
            .is_some_and(|v| map.classes.needs_light_text(v));
        let _ = writeln!(
            svg,
            r##"<text x="{x:.1}" y="{:.1}" font-size="15" font-weight="bold" text-anchor="middle" fill="{}" aria-hidden="true">{}</text>"##,
            y + 5.0,
            if light { "#ffffff" } else { "#0b0c0c" },
            esc(label)
        );
    }

    // Legend.
    let lx = MAP_LEFT + MAP_WIDTH + 30.0;
    let mut ly = MAP_TOP + 10.0;
    let _ = writeln!(
        svg,
        r##"<g font-size="12" fill="#0b0c0c"><text x="{lx}" y="{ly}" font-weight="bold">{}</text>"##,
        esc(&map.legend_title)
    );
    ly += 14.0;
    let colours = map.classes.colours();
    for (colour, label) in colours.iter().zip(&map.classes.labels) {
        let _ = writeln!(
            svg,
            r##"<rect x="{lx}" y="{ly}" width="18" height="18" fill="{colour}" stroke="#505a5f" stroke-width="0.5"/><text x="{}" y="{}">{}</text>"##,
            lx + 26.0,
            ly + 13.0,
            esc(label)
        );
        ly += 26.0;
    }
    let _ = writeln!(
        svg,
        r##"<rect x="{lx}" y="{ly}" width="18" height="18" fill="url(#no-data)" stroke="#505a5f" stroke-width="0.5"/><text x="{}" y="{}">No data</text>"##,
        lx + 26.0,
        ly + 13.0
    );
    ly += 40.0;
    for line in wrap(&format!("Classes: {}.", map.classes.method), 26) {
        let _ = writeln!(
            svg,
            r##"<text x="{lx}" y="{ly}" fill="#505a5f">{}</text>"##,
            esc(&line)
        );
        ly += 16.0;
    }
    svg.push_str("</g>\n");
    if shapes.kind == ShapeKind::Boundaries {
        draw_london_inset(&mut svg, shapes, &projected, map, lx, ly + 10.0);
    }
    let mut cy = MAP_TOP + MAP_HEIGHT + 22.0;
    for line in &map.credits {
        let _ = writeln!(
            svg,
            r##"<text x="{MAP_LEFT}" y="{cy}" font-size="11" fill="#505a5f">{}</text>"##,
            esc(line)
        );
        cy += 15.0;
    }
    if let Some(mark) = &map.watermark {
        let _ = writeln!(svg, "{}", watermark(WIDTH, HEIGHT, mark));
    }
    svg.push_str("</svg>\n");
    svg
}

/// The colour scale in words, for screen readers and anyone printing in greyscale.
pub fn scale_description(classes: &Classes) -> String {
    format!(
        "Colour scale of {} classes ({}), from light yellow for the lowest to dark purple for the highest, ordered by lightness so it reads in greyscale; hatched areas have no data",
        classes.labels.len(),
        classes.labels.join("; ")
    )
}

/// One area's path, filled by its class, with a tooltip of its value.
fn draw_area(
    svg: &mut String,
    map: &Choropleth,
    code: &str,
    name: &str,
    shape: &MultiPolygon<f64>,
    to_px: impl Fn(Coord<f64>) -> (f64, f64),
) {
    let value = map.values.get(code).copied().flatten();
    let fill = value.map_or("url(#no-data)", |v| map.classes.colour_of(v));
    let mut shown = value.map_or("no data".to_string(), |v| {
        format!("{}{}", map.precision.format(v), map.unit)
    });
    if let Some(note) = map.notes.get(code) {
        shown = format!("{shown} ({note})");
    }
    let _ = write!(
        svg,
        r#"<path data-code="{}" fill="{}" d=""#,
        esc(code),
        fill
    );
    outline(svg, shape, &to_px);
    let _ = writeln!(
        svg,
        r#""><title>{}: {}</title></path>"#,
        esc(name),
        esc(&shown)
    );
}

/// A shape's rings as path data.
fn outline(svg: &mut String, shape: &MultiPolygon<f64>, to_px: impl Fn(Coord<f64>) -> (f64, f64)) {
    for polygon in &shape.0 {
        for ring in std::iter::once(polygon.exterior()).chain(polygon.interiors()) {
            for (i, c) in ring.0.iter().enumerate() {
                let (x, y) = to_px(*c);
                let _ = write!(svg, "{}{x:.1} {y:.1}", if i == 0 { "M" } else { "L" });
            }
            svg.push('Z');
        }
    }
}

/// Codes of the London inset: the Metropolitan Police area and the City of London inside it.
const LONDON: [&str; 2] = ["E23000001", "E23000034"];
const CITY_OF_LONDON: &str = "E23000034";

/// London enlarged beside the legend, so the City of London (a few pixels on the national map)
/// can be seen and hovered; the City is outlined.
fn draw_london_inset(
    svg: &mut String,
    shapes: &MapShapes,
    projected: &[MultiPolygon<f64>],
    map: &Choropleth,
    left: f64,
    top: f64,
) {
    let london: Vec<(&super::AreaShape, &MultiPolygon<f64>)> = shapes
        .areas
        .iter()
        .zip(projected)
        .filter(|(a, _)| LONDON.contains(&a.code.as_str()))
        .collect();
    let all = MultiPolygon::new(london.iter().flat_map(|(_, m)| m.0.clone()).collect());
    let Some(rect) = all.bounding_rect() else {
        return;
    };
    let (size_w, size_h) = (150.0, 120.0);
    let scale = (size_w / rect.width().max(1e-9)).min(size_h / rect.height().max(1e-9));
    let (min, max) = (rect.min(), rect.max());
    let to_px = |c: Coord<f64>| {
        (
            left + (c.x - min.x) * scale,
            top + 20.0 + (max.y - c.y) * scale,
        )
    };
    let _ = writeln!(
        svg,
        r##"<g aria-label="Inset: London"><text x="{left}" y="{:.0}" font-size="12" font-weight="bold" fill="#0b0c0c">London (enlarged)</text><g stroke="#ffffff" stroke-width="0.8">"##,
        top + 12.0
    );
    for (area, shape) in &london {
        draw_area(svg, map, area.code.as_str(), &area.name, shape, to_px);
    }
    svg.push_str("</g>");
    if let Some((_, city)) = london.iter().find(|(a, _)| a.code == CITY_OF_LONDON) {
        if let Some(c) = city.bounding_rect() {
            let (x, y) = to_px(c.center());
            // The label sits on a white halo, so it reads over any class colour, under the
            // circle and kept inside the inset's frame.
            const HALF_LABEL: f64 = 46.0;
            let label_x = x.clamp(left + HALF_LABEL, left + size_w - HALF_LABEL);
            let label_y = (y + 20.0).min(top + 18.0 + size_h - 6.0);
            let _ = writeln!(
                svg,
                r##"<circle cx="{x:.1}" cy="{y:.1}" r="7" fill="none" stroke="#0b0c0c" stroke-width="1.5"/><text x="{label_x:.1}" y="{label_y:.1}" font-size="11" font-weight="bold" fill="#0b0c0c" stroke="#ffffff" stroke-width="3" paint-order="stroke" text-anchor="middle">City of London</text>"##
            );
        }
    }
    let _ = writeln!(
        svg,
        r##"<rect x="{left}" y="{:.0}" width="{size_w}" height="{size_h}" fill="none" stroke="#b1b4b6"/></g>"##,
        top + 18.0
    );
}

trait MapCoords {
    fn map_coords_flat(&self, f: impl Fn(Coord<f64>) -> Coord<f64> + Copy) -> MultiPolygon<f64>;
}

impl MapCoords for MultiPolygon<f64> {
    fn map_coords_flat(&self, f: impl Fn(Coord<f64>) -> Coord<f64> + Copy) -> MultiPolygon<f64> {
        use geo::MapCoords as _;
        self.map_coords(f)
    }
}

fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = vec![String::new()];
    for word in text.split_whitespace() {
        let last = lines.last_mut().expect("lines starts non-empty");
        if !last.is_empty() && last.len() + word.len() + 1 > width {
            lines.push(word.to_string());
        } else {
            if !last.is_empty() {
                last.push(' ');
            }
            last.push_str(word);
        }
    }
    lines
}

/// A large diagonal mark such as `DRAFT` across the middle of a `width` × `height` drawing, for
/// anything not yet released.
pub fn watermark(width: f64, height: f64, mark: &str) -> String {
    let (x, y) = (width / 2.0, height / 2.0);
    format!(
        r##"<text x="{x:.0}" y="{y:.0}" font-size="72" font-weight="bold" fill="#d4351c" fill-opacity="0.25" text-anchor="middle" transform="rotate(-30 {x:.0} {y:.0})" data-watermark="true">{}</text>"##,
        esc(mark)
    )
}

/// Escapes text for XML content and attributes.
pub fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::maps::tiles::tile_map;

    #[test]
    fn draws_every_area_with_its_class_colour_and_a_legend() {
        let shapes = tile_map().unwrap();
        let mut values = BTreeMap::new();
        values.insert("E23000001".to_string(), Some(120.0));
        values.insert("E23000002".to_string(), Some(30.0));
        let map = Choropleth {
            title: "Idva coverage & need".into(),
            subtitle: "2017".into(),
            legend_title: "% coverage".into(),
            values,
            classes: Classes::fixed(&[50.0, 70.0, 90.0, 100.0], "%"),
            unit: "%".into(),
            precision: Precision::Whole,
            credits: vec!["Data: a test".into()],
            watermark: Some("DRAFT".into()),
            highlight: None,
            notes: Default::default(),
        };
        let svg = render(&shapes, &map);
        assert!(svg.contains(">Data: a test</text>") && svg.contains(">DRAFT</text>"));
        assert_eq!(svg.matches("<path ").count(), 43);
        assert!(!svg.contains("data-highlight"));
        let marked = render(
            &shapes,
            &Choropleth {
                highlight: Some("E23000002".into()),
                ..map.clone()
            },
        );
        assert!(
            marked.contains(r##"<path data-highlight="E23000002" fill="none" stroke="#0b0c0c""##)
        );
        assert!(svg.contains(r##"data-code="E23000001" fill="#440154""##));
        assert!(svg.contains(r##"data-code="E23000002" fill="#fde725""##));
        assert!(svg.contains(r##"data-code="E23000003" fill="url(#no-data)""##));
        assert!(svg.contains("Idva coverage &amp; need"));
        assert!(svg.contains("100% or more"));
        assert!(svg.contains("Metropolitan Police: 120%"));
    }
}
