//! Coordinates written into map URLs, anywhere on Earth: `@51.28,1.07,17z`, `?q=51.28,1.07`,
//! `ll=51.28,1.07`, `mlat=51.28&mlon=1.07`, `#map=17/51.28/1.07`, `geo:51.28,1.07`, and the
//! same percent-encoded (`q=51.28%2C1.07`, `%4051.28%2C1.07`), which normalisation decodes.

use std::sync::LazyLock;

use regex::Regex;

use super::region::is_on_earth;
use super::DECIMAL_DEGREES;
use crate::finding::{Detection, LocationKind};
use crate::scan::{compile, scan, ScanInput};

/// Every URL notation for a point, each with the groups `lat` and `long`.
static URL_NOTATIONS: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    let lat = format!("(?P<lat>{DECIMAL_DEGREES})");
    let long = format!("(?P<long>{DECIMAL_DEGREES})");
    let query_keys = "Q|LL|SLL|CENTER|CENTRE|DADDR|SADDR|DESTINATION|ORIGIN|QUERY|LATLNG|LATLON|POINT|CP|WHERE|COORDS?|LOCATION|POS";
    [
        format!("@{lat},{long}"),
        format!(r"(?:[?&;#]|\b)(?:{query_keys})=(?:LOC:)?{lat}(?:,|\+|~| ){long}"),
        format!(r"\bMLAT={lat}&MLON={long}"),
        format!(r"\bMAP=[0-9]{{1,2}}/{lat}/{long}"),
        format!(r"\bGEO:{lat},{long}"),
    ]
    .iter()
    .map(|pattern| compile(pattern))
    .collect()
});

/// Coordinates inside URLs in the upper-cased text.
pub(crate) fn detect(input: &ScanInput<'_>) -> Vec<Detection> {
    URL_NOTATIONS
        .iter()
        .flat_map(|notation| {
            scan(notation, &input.folded, |captures| {
                let latitude = captures.name("lat")?.as_str().parse::<f64>().ok()?;
                let longitude = captures.name("long")?.as_str().parse::<f64>().ok()?;
                let whole = captures.get(0)?;
                is_on_earth(latitude, longitude).then(|| whole.range())
            })
        })
        .map(|span| Detection::new(LocationKind::Coordinates, span))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::detect;
    use crate::scan::ScanInput;

    fn found(text: &str) -> Vec<String> {
        let input = ScanInput::new(text);
        detect(&input)
            .into_iter()
            .filter_map(|detection| text.get(detection.span).map(str::to_owned))
            .collect()
    }

    #[test]
    fn finds_coordinates_in_urls() {
        for (text, expected) in [
            ("x/@51.2802,1.0789,17z", "@51.2802,1.0789"),
            ("maps?q=51.28,1.07", "?q=51.28,1.07"),
            ("?foo=1&ll=51.28,1.07", "&ll=51.28,1.07"),
            ("?mlat=51.28&mlon=1.07", "mlat=51.28&mlon=1.07"),
            ("#map=17/51.28/1.07", "map=17/51.28/1.07"),
            ("geo:51.28,1.07", "geo:51.28,1.07"),
            ("?cp=40.7~-74.0", "?cp=40.7~-74.0"),
            ("q=51.2802%2C1.0789", "q=51.2802%2C1.0789"),
            ("%4051.2802%2C1.0789", "%4051.2802%2C1.0789"),
            ("x?q=51.28%2c1.07", "?q=51.28%2c1.07"),
        ] {
            assert_eq!(found(text), vec![expected.to_owned()], "{text}");
        }
    }

    #[test]
    fn ignores_impossible_points_and_plain_parameters() {
        assert!(found("@95.0,1.0").is_empty());
        assert!(found("?page=2&q=refuge").is_empty());
    }
}
