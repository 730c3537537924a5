//! The detectors, one module per kind of location, and the list that runs them all.

mod address_parts;
mod coordinates;
mod easting_northing;
mod grid_reference;
mod map_link;
mod partial_postcode;
mod plus_code;
mod postcode;
mod postcode_areas;
mod street_address;
mod street_types;
mod welsh_address;
mod what3words;

use crate::finding::Detection;
use crate::scan::ScanInput;

/// Everything every detector finds, overlaps included.
pub(crate) fn all(input: &ScanInput<'_>) -> Vec<Detection> {
    let detectors: [fn(&ScanInput<'_>) -> Vec<Detection>; 10] = [
        postcode::detect,
        partial_postcode::detect,
        grid_reference::detect,
        easting_northing::detect,
        coordinates::detect,
        plus_code::detect,
        what3words::detect,
        map_link::detect,
        street_address::detect,
        welsh_address::detect,
    ];
    detectors.iter().flat_map(|detect| detect(input)).collect()
}
