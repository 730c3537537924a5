//! The built-in tile map: one square per police force area, arranged roughly geographically.

use super::{AreaShape, MapShapes, ShapeKind};
use crate::error::GeoError;
use geo::{polygon, MultiPolygon};
use serde::Deserialize;

const TILE_FIXTURE: &str = include_str!("../../../../fixtures/pfa-tile-map.csv");

#[derive(Debug, Deserialize)]
struct TileRow {
    code: crate::PfaCode,
    name: String,
    abbr: String,
    col: u32,
    row: u32,
}

/// Tiles are placed over England and Wales in longitude/latitude, so the tile map is valid GeoJSON too.
const ORIGIN_LON: f64 = -5.6;
const ORIGIN_LAT: f64 = 55.9;
const STEP_LON: f64 = 0.9;
const STEP_LAT: f64 = 0.62;
const GAP: f64 = 0.06;

pub fn tile_map() -> Result<MapShapes, GeoError> {
    let mut reader = csv::Reader::from_reader(TILE_FIXTURE.as_bytes());
    let mut areas = Vec::new();
    for (i, row) in reader.deserialize::<TileRow>().enumerate() {
        let t = row.map_err(|e| GeoError::BadRow {
            file: "pfa-tile-map.csv".into(),
            line: i as u64 + 2,
            problem: e.to_string(),
        })?;
        let x0 = ORIGIN_LON + f64::from(t.col) * STEP_LON;
        let y1 = ORIGIN_LAT - f64::from(t.row) * STEP_LAT;
        let (x1, y0) = (x0 + STEP_LON - GAP, y1 - STEP_LAT + GAP);
        let square = polygon![(x: x0, y: y0), (x: x1, y: y0), (x: x1, y: y1), (x: x0, y: y1), (x: x0, y: y0)];
        areas.push(AreaShape {
            code: t.code,
            name: t.name,
            label: Some(t.abbr),
            geometry: MultiPolygon::new(vec![square]),
        });
    }
    Ok(MapShapes {
        areas,
        kind: ShapeKind::Tiles,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Geography;
    use std::collections::BTreeSet;

    #[test]
    fn one_tile_per_area_and_no_two_tiles_share_a_cell() {
        let tiles = tile_map().unwrap();
        let geo = Geography::reference();
        let codes: BTreeSet<_> = tiles.areas.iter().map(|a| a.code.as_str()).collect();
        let expected: BTreeSet<_> = geo.areas().iter().map(|a| a.code.as_str()).collect();
        assert_eq!(codes, expected);
        let cells: BTreeSet<String> = tiles
            .areas
            .iter()
            .map(|a| format!("{:?}", a.geometry.0[0].exterior().0[0]))
            .collect();
        assert_eq!(cells.len(), 43);
    }
}
