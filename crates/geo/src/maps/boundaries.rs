//! Real police force area boundaries from a GeoJSON file (e.g. ONS "Police Force Areas"),
//! joined to the reference areas on ONS code or name, simplified for drawing and repaired where
//! the outline crosses itself, so published GeoJSON is valid everywhere.

use super::{AreaShape, MapShapes, ShapeKind};
use crate::areas::Geography;
use crate::error::GeoError;
use geo::{BooleanOps, BoundingRect, MultiPolygon, Simplify, Validation};

/// ONS Police Force Areas (December 2020) EW, generalised; see `fixtures/README.md`.
const REFERENCE_BOUNDARIES: &str =
    include_str!("../../../../fixtures/police-force-areas-2020-ew-generalised.geojson");

/// What every map drawn from the ONS boundaries must carry (Open Government Licence v3.0).
pub const ONS_ATTRIBUTION: [&str; 2] = [
    "Source: Office for National Statistics licensed under the Open Government Licence v.3.0.",
    "Contains OS data © Crown copyright and database right 2020.",
];

/// Boundaries prepared for a set of areas (each area's code and name, a line each).
type Prepared = (String, Arc<Boundaries>);

/// The shipped ONS boundaries of the 43 areas, matched to `geo`'s areas. They never change
/// while the process runs, so they are prepared (parsed, matched, simplified and repaired: most
/// of the cost of drawing a map) once for each set of areas and shared by every map after.
pub fn reference(geo: &Geography) -> Result<Arc<Boundaries>, GeoError> {
    static PREPARED: OnceLock<Mutex<Vec<Prepared>>> = OnceLock::new();
    let areas: String = geo
        .areas()
        .iter()
        .map(|a| format!("{}={}\n", a.code, a.name))
        .collect();
    let mut prepared = PREPARED
        .get_or_init(Mutex::default)
        .lock()
        .unwrap_or_else(PoisonError::into_inner);
    if let Some((_, boundaries)) = prepared.iter().find(|(of, _)| *of == areas) {
        return Ok(Arc::clone(boundaries));
    }
    let fresh = Arc::new(from_geojson(geo, REFERENCE_BOUNDARIES)?);
    prepared.push((areas, Arc::clone(&fresh)));
    Ok(fresh)
}
use geojson::{GeoJson, GeometryValue};
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

/// Boundaries matched to areas, with what could not be matched.
#[derive(Debug, Clone)]
pub struct Boundaries {
    pub shapes: MapShapes,
    /// Features whose code or name matched no area.
    pub unmatched_features: Vec<String>,
    /// Areas with no feature in the file.
    pub missing_areas: Vec<String>,
}

/// Parses a GeoJSON FeatureCollection in longitude/latitude (WGS 84), matches each feature
/// to an area by any property holding an ONS code (`PFA23CD`, …) or force name (`PFA23NM`, …),
/// and simplifies the outlines to about 1/3000 of the map's extent.
pub fn from_geojson(geo: &Geography, text: &str) -> Result<Boundaries, GeoError> {
    let parsed: GeoJson = text
        .parse()
        .map_err(|e| GeoError::Boundaries(format!("not valid GeoJSON: {e}")))?;
    let GeoJson::FeatureCollection(collection) = parsed else {
        return Err(GeoError::Boundaries(
            "expected a FeatureCollection of police force areas".into(),
        ));
    };
    let mut matched: BTreeMap<String, MultiPolygon<f64>> = BTreeMap::new();
    let mut unmatched_features = Vec::new();
    for (i, feature) in collection.features.iter().enumerate() {
        let area = feature.properties.as_ref().and_then(|props| {
            props
                .values()
                .filter_map(|v| v.as_str())
                .find_map(|s| geo.find(s))
        });
        let Some(area) = area else {
            unmatched_features.push(format!("feature {}", i + 1));
            continue;
        };
        let Some(geometry) = &feature.geometry else {
            continue;
        };
        let bad =
            |e: geojson::Error| GeoError::Boundaries(format!("{}: bad geometry: {e}", area.name));
        // The geojson crate indexes x and y without checking: a position is refused here first.
        if let Some(short) = short_position(&geometry.value) {
            return Err(GeoError::Boundaries(format!(
                "{}: bad geometry: a position has {short} number(s); each needs a longitude and a latitude",
                area.name
            )));
        }
        let shape: MultiPolygon<f64> = match &geometry.value {
            GeometryValue::Polygon { .. } => {
                MultiPolygon::new(vec![geo::Polygon::try_from(&geometry.value).map_err(bad)?])
            }
            GeometryValue::MultiPolygon { .. } => {
                MultiPolygon::try_from(&geometry.value).map_err(bad)?
            }
            _ => {
                return Err(GeoError::Boundaries(format!(
                    "{}: geometry must be a Polygon or MultiPolygon",
                    area.name
                )))
            }
        };
        matched
            .entry(area.code.to_string())
            .or_insert_with(|| MultiPolygon::new(vec![]))
            .0
            .extend(shape.0);
    }
    if matched.is_empty() {
        return Err(GeoError::Boundaries(
            "no feature matched a police force area by ONS code or name".into(),
        ));
    }
    let all = MultiPolygon::new(matched.values().flat_map(|m| m.0.clone()).collect());
    let rect = all
        .bounding_rect()
        .ok_or_else(|| GeoError::Boundaries("boundaries have no extent".into()))?;
    if rect.min().x < -180.0 || rect.max().x > 180.0 || rect.min().y < -90.0 || rect.max().y > 90.0
    {
        return Err(GeoError::Boundaries(
            "coordinates are not longitude/latitude; download the boundaries in WGS 84 (EPSG:4326)"
                .into(),
        ));
    }
    let epsilon = rect.width().max(rect.height()) / 3000.0;
    let areas = geo
        .areas()
        .iter()
        .filter_map(|a| {
            matched.get(a.code.as_str()).map(|shape| AreaShape {
                code: a.code.clone(),
                name: a.name.clone(),
                label: None,
                geometry: repaired(shape.simplify(epsilon)),
            })
        })
        .collect();
    let missing_areas = geo
        .areas()
        .iter()
        .filter(|a| !matched.contains_key(a.code.as_str()))
        .map(|a| a.name.clone())
        .collect();
    Ok(Boundaries {
        shapes: MapShapes {
            areas,
            kind: ShapeKind::Boundaries,
        },
        unmatched_features,
        missing_areas,
    })
}

/// A self-intersecting outline (the ONS generalised Hampshire has one; simplifying can make
/// more) is rebuilt by an overlay union, which resolves crossings into valid rings.
fn repaired(shape: MultiPolygon<f64>) -> MultiPolygon<f64> {
    if shape.is_valid() {
        shape
    } else {
        shape.union(&MultiPolygon::new(vec![]))
    }
}

/// How many numbers the first position with fewer than two has, in a polygon's rings.
fn short_position(value: &GeometryValue) -> Option<usize> {
    let rings: Vec<&Vec<geojson::Position>> = match value {
        GeometryValue::Polygon { coordinates } => coordinates.iter().collect(),
        GeometryValue::MultiPolygon { coordinates } => coordinates.iter().flatten().collect(),
        _ => Vec::new(),
    };
    rings
        .into_iter()
        .flatten()
        .map(|p| p.len())
        .find(|n| *n < 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_boundaries_are_prepared_once_for_each_set_of_areas() {
        let geo = Geography::reference();
        let first = reference(&geo).unwrap();
        assert!(Arc::ptr_eq(&first, &reference(&geo).unwrap()), "shared");
        // Fewer areas: the boundaries matched to them, not those of the 43.
        let fewer = Geography::new(geo.areas().iter().take(5).cloned().collect());
        let matched = reference(&fewer).unwrap();
        assert_eq!(matched.shapes.areas.len(), 5);
        assert_eq!(first.shapes.areas.len(), 43);
    }

    #[test]
    fn the_shipped_boundaries_cover_all_43_areas_with_valid_shapes() {
        let geo = Geography::reference();
        let b = reference(&geo).unwrap();
        assert_eq!(b.shapes.areas.len(), 43);
        assert!(b.missing_areas.is_empty() && b.unmatched_features.is_empty());
        for area in &b.shapes.areas {
            assert!(area.geometry.is_valid(), "{} is invalid", area.name);
        }
        let city = b
            .shapes
            .areas
            .iter()
            .find(|a| a.code == "E23000034")
            .unwrap();
        assert!(
            !city.geometry.0.is_empty(),
            "City of London survives simplifying"
        );
    }

    fn square(lon: f64, lat: f64) -> String {
        format!(
            "[[[{lon},{lat}],[{},{lat}],[{},{}],[{lon},{}],[{lon},{lat}]]]",
            lon + 0.5,
            lon + 0.5,
            lat + 0.5,
            lat + 0.5
        )
    }

    #[test]
    fn a_position_without_a_latitude_is_refused_not_a_panic() {
        // Found by the hostile-input property test: the geojson crate indexes x and y unchecked.
        let text = r#"{"type":"FeatureCollection","features":[{"type":"Feature",
            "properties":{"PFA20CD":"E23000032"},
            "geometry":{"type":"Polygon","coordinates":[[[1.0],[1.5,51.0],[1.5,51.5],[1.0]]]}}]}"#;
        let err = from_geojson(&Geography::reference(), text).expect_err("refused");
        assert!(
            err.to_string()
                .contains("Kent: bad geometry: a position has 1 number(s)"),
            "{err}"
        );
    }

    #[test]
    fn joins_on_code_or_name_and_reports_the_rest() {
        let text = format!(
            r#"{{"type":"FeatureCollection","features":[
            {{"type":"Feature","properties":{{"PFA23CD":"E23000002","PFA23NM":"Cumbria"}},"geometry":{{"type":"Polygon","coordinates":{}}}}},
            {{"type":"Feature","properties":{{"name":"Kent Police"}},"geometry":{{"type":"Polygon","coordinates":{}}}}},
            {{"type":"Feature","properties":{{"name":"Atlantis"}},"geometry":{{"type":"Polygon","coordinates":{}}}}}]}}"#,
            square(-3.0, 54.5),
            square(0.8, 51.2),
            square(-20.0, 40.0)
        );
        let b = from_geojson(&Geography::reference(), &text).unwrap();
        let codes: Vec<_> = b.shapes.areas.iter().map(|a| a.code.as_str()).collect();
        assert_eq!(codes, vec!["E23000002", "E23000032"]);
        assert_eq!(b.unmatched_features, vec!["feature 3"]);
        assert_eq!(b.missing_areas.len(), 41);
    }

    #[test]
    fn refuses_projected_coordinates_with_a_clear_message() {
        let text = r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"n":"Kent"},
            "geometry":{"type":"Polygon","coordinates":[[[550000,150000],[560000,150000],[560000,160000],[550000,150000]]]}}]}"#;
        let err = from_geojson(&Geography::reference(), text).unwrap_err();
        assert!(err.to_string().contains("WGS 84"));
    }
}
