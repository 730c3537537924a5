//! Decimal latitude/longitude pairs in the UK and Ireland: `51.2802, 1.0789`, `51,2802 1,0789`,
//! `N51.2802 E1.0789`, `lat 51.28 long 1.07`.

use std::ops::Range;
use std::sync::LazyLock;

use regex::{Captures, Regex};

use super::region::{is_on_earth, is_uk_latitude, is_uk_longitude};
use super::DECIMAL_DEGREES;
use crate::finding::{Detection, LocationKind};
use crate::scan::{char_at, char_before, compile, scan, ScanInput};

/// Two numbers with at least two decimal places each (a decimal comma needs four, so that
/// thousands such as `51,280` are not read as degrees), separated by a comma, semicolon,
/// slash, bar or space, each with an optional hemisphere letter before it or `°` and a
/// hemisphere letter after it: `51.2802, 1.0789`, `51,2802 1,0789`, `N51.2802 E1.0789`.
static BARE_PAIR: LazyLock<Regex> = LazyLock::new(|| {
    let number = r"[-+]?[0-9]{1,3}(?:\.[0-9]{2,}|,[0-9]{4,})";
    let side = |name: &str| {
        format!(
            r"(?:\b(?P<{name}p>[NSEW]) ?)?(?P<{name}>{number})(?: ?°)?(?: ?(?P<{name}h>[NSEW])\b)?"
        )
    };
    compile(&format!(r"{}(?: ?[,;/|] ?| ){}", side("a"), side("b")))
});

/// `lat 51.28 long 1.07`, `latitude: 51.28, longitude: -1.07`.
static LABELLED_PAIR: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r"\bLAT(?:ITUDE)?\.? ?[:=]? ?(?P<a>{DECIMAL_DEGREES})°?(?: ?[,;&/] ?| )(?:LONG(?:ITUDE)?|LNG|LON)\.? ?[:=]? ?(?P<b>{DECIMAL_DEGREES})°?"
    ))
});

/// Decimal coordinate pairs in the upper-cased text.
pub(crate) fn detect(input: &ScanInput<'_>) -> Vec<Detection> {
    let text = input.folded.as_str();
    let bare = scan(&BARE_PAIR, &input.folded, |captures| {
        accept_bare_pair(text, captures)
    });
    let labelled = scan(&LABELLED_PAIR, &input.folded, |captures| {
        let latitude = captures.name("a")?.as_str().parse::<f64>().ok()?;
        let longitude = captures.name("b")?.as_str().parse::<f64>().ok()?;
        let whole = captures.get(0)?;
        (is_on_earth(latitude, longitude) && stands_alone(text, whole.range()))
            .then(|| whole.range())
    });
    bare.into_iter()
        .chain(labelled)
        .map(|span| Detection::new(LocationKind::Coordinates, span))
        .collect()
}

/// The range of a bare pair that reads as a UK latitude and longitude, in either order.
fn accept_bare_pair(text: &str, captures: &Captures<'_>) -> Option<Range<usize>> {
    let whole = captures.get(0)?;
    if !stands_alone(text, whole.range()) {
        return None;
    }
    let first = signed_degrees(captures, "a")?;
    let second = signed_degrees(captures, "b")?;
    let lat_long = is_uk_latitude(first) && is_uk_longitude(second);
    // Longitude first (GeoJSON order) is taken only with GPS-like precision, so that a list
    // of amounts ("1.20, 51.30") is not read as a point.
    let precise = decimal_places(captures, "a") >= 3 && decimal_places(captures, "b") >= 3;
    let long_lat = precise && is_uk_longitude(first) && is_uk_latitude(second);
    (lat_long || long_lat).then(|| whole.range())
}

/// The number in group `number` (a decimal comma read as a point), negated when its
/// hemisphere letter, before (`{number}p`) or after (`{number}h`) it, is S or W.
fn signed_degrees(captures: &Captures<'_>, number: &str) -> Option<f64> {
    let value = captures
        .name(number)?
        .as_str()
        .replace(',', ".")
        .parse::<f64>()
        .ok()?;
    let negative = [format!("{number}p"), format!("{number}h")]
        .iter()
        .filter_map(|hemisphere| captures.name(hemisphere))
        .any(|letter| matches!(letter.as_str(), "S" | "W"));
    Some(if negative { -value.abs() } else { value })
}

/// How many decimal places the number in group `number` has.
fn decimal_places(captures: &Captures<'_>, number: &str) -> usize {
    captures
        .name(number)
        .and_then(|found| found.as_str().split_once(['.', ',']))
        .map_or(0, |(_, decimals)| decimals.len())
}

/// Whether `range` of `text` is not part of a longer number (`12,500.50`, `1.2.3`).
fn stands_alone(text: &str, range: Range<usize>) -> bool {
    let before_ok = char_before(text, range.start)
        .is_none_or(|c| !(c.is_ascii_digit() || c == '.' || c == ','));
    let after = text.get(range.end..).unwrap_or_default();
    let after_ok = !after.starts_with(|c: char| c.is_ascii_digit())
        && !after
            .strip_prefix(['.', ','])
            .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()));
    before_ok && after_ok && char_at(text, range.start).is_some()
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
    fn finds_decimal_pairs() {
        assert_eq!(found("51.2802, 1.0789"), vec!["51.2802, 1.0789"]);
        assert_eq!(found("51.2802,-1.0789"), vec!["51.2802,-1.0789"]);
        assert_eq!(found("(51.28, 1.07)"), vec!["51.28, 1.07"]);
        assert_eq!(found("51.28 1.07"), vec!["51.28 1.07"]);
        assert_eq!(
            found("51.2802° N, 1.0789° W"),
            vec!["51.2802° N, 1.0789° W"]
        );
        assert_eq!(found("-1.0789, 51.2802"), vec!["-1.0789, 51.2802"]);
        assert_eq!(found("51.2802，1.0789"), vec!["51.2802，1.0789"]);
    }

    #[test]
    fn finds_pairs_in_other_notations() {
        for text in [
            "51,2802 1,0789",
            "51,2802; -1,0789",
            "51.2802 | 1.0789",
            "51.2802;1.0789",
            "N51.2802 E1.0789",
            "N 51.2802, W 1.0789",
            "51.2802N 1.0789E",
            "N51.28 W7.07",
        ] {
            assert_eq!(found(text), vec![text.to_owned()], "{text}");
        }
    }

    #[test]
    fn finds_labelled_pairs() {
        assert_eq!(found("lat 51.28 long 1.07"), vec!["lat 51.28 long 1.07"]);
        assert_eq!(
            found("Latitude: 51.2, Longitude: -1.1"),
            vec!["Latitude: 51.2, Longitude: -1.1"]
        );
    }

    #[test]
    fn ignores_numbers_outside_the_uk_and_money() {
        for text in [
            "£12,500.50",
            "12.50, 1.20",
            "51.2, 1.0",
            "40.7128, -74.0060",
            "version 51.20.1, 1.02",
            "£51.50, £1.20",
            "51.281.07",
            "1.20, 51.30",
            "£51,280 1,078",
            "12,345 1,2345",
            "2.5, 3.0",
            "51.28",
        ] {
            assert!(found(text).is_empty(), "{text}: {:?}", found(text));
        }
    }
}
