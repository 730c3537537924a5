//! Writes the map's areas as a GeoJSON FeatureCollection (RFC 7946) with figures as properties.

use super::MapShapes;
use geojson::{Feature, FeatureCollection, Geometry, GeometryValue, JsonObject};
use std::collections::BTreeMap;

/// One feature per area that has properties, with `pfa_code`, `pfa` and every property given.
pub fn feature_collection(
    shapes: &MapShapes,
    properties: &BTreeMap<String, JsonObject>,
) -> FeatureCollection {
    let features = shapes
        .areas
        .iter()
        .filter_map(|area| Some((area, properties.get(area.code.as_str())?)))
        .map(|(area, extra)| {
            let mut props = JsonObject::new();
            props.insert("pfa_code".into(), area.code.to_string().into());
            props.insert("pfa".into(), area.name.clone().into());
            props.extend(extra.clone());
            Feature {
                bbox: None,
                geometry: Some(Geometry::new(GeometryValue::from(&area.geometry))),
                id: Some(geojson::feature::Id::String(area.code.to_string())),
                properties: Some(props),
                foreign_members: None,
            }
        })
        .collect();
    FeatureCollection {
        bbox: None,
        features,
        foreign_members: None,
    }
}
