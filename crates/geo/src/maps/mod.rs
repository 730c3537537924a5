//! Choropleth maps of police force areas: shapes (tiles or boundaries), classes, SVG and GeoJSON.

pub mod boundaries;
pub mod classes;
pub mod geojson_out;
pub mod svg;
pub mod tiles;

use geo::MultiPolygon;

/// One police force area's drawable shape, in map units (x east, y north).
#[derive(Debug, Clone)]
pub struct AreaShape {
    pub code: crate::PfaCode,
    pub name: String,
    /// A short label drawn on tiles; none for real boundaries.
    pub label: Option<String>,
    pub geometry: MultiPolygon<f64>,
}

/// The shapes a map is drawn with, and whether they are real boundaries (longitude/latitude)
/// or the built-in tile map.
#[derive(Debug, Clone)]
pub struct MapShapes {
    pub areas: Vec<AreaShape>,
    pub kind: ShapeKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShapeKind {
    Tiles,
    Boundaries,
}
