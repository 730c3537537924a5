//! Latitude and longitude: decimal pairs, degrees-minutes-seconds, and pairs inside map URLs.

mod decimal;
mod dms;
mod url_parameters;

use crate::finding::Detection;
use crate::scan::ScanInput;

/// Coordinates of every notation in the text.
pub(crate) fn detect(input: &ScanInput<'_>) -> Vec<Detection> {
    let mut detections = decimal::detect(input);
    detections.extend(dms::detect(input));
    detections.extend(url_parameters::detect(input));
    detections
}

/// The box, in decimal degrees, that holds Great Britain, Ireland and their islands.
pub(super) mod region {
    /// Whether `latitude` falls in the UK and Ireland.
    pub(crate) fn is_uk_latitude(latitude: f64) -> bool {
        (49.0..=61.0).contains(&latitude)
    }

    /// Whether `longitude` falls in the UK and Ireland.
    pub(crate) fn is_uk_longitude(longitude: f64) -> bool {
        (-11.0..=2.0).contains(&longitude)
    }

    /// Whether `latitude` and `longitude` name a point anywhere on Earth.
    pub(crate) fn is_on_earth(latitude: f64, longitude: f64) -> bool {
        (-90.0..=90.0).contains(&latitude) && (-180.0..=180.0).contains(&longitude)
    }
}

/// A signed decimal number with at least one decimal place (canonical text).
pub(super) const DECIMAL_DEGREES: &str = r"[-+]?[0-9]{1,3}\.[0-9]+";
