//! Links to mapping services (Google, Apple, Bing, OpenStreetMap, what3words, plus codes,
//! geohash, HERE, Waze and others), links through a URL shortener (whose target cannot be
//! seen, so it may well be a map), and any URL that carries an `@latitude,longitude` point.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::finding::{Detection, LocationKind};
use crate::scan::{compile, scan, ScanInput};

/// Host (and, where the host also serves other things, path) of each mapping service.
const MAP_SERVICES: &[&str] = &[
    r"MAPS\.GOOGLE\.[A-Z]{2,3}(?:\.[A-Z]{2})?\b",
    r"GOOGLE\.[A-Z]{2,3}(?:\.[A-Z]{2})?/MAPS\b",
    r"MAPS\.APP\.GOO\.GL\b",
    r"G\.CO/KGS\b",
    r"OPENSTREETMAP\.[A-Z]{2,3}\b",
    r"OSM\.ORG\b",
    r"BING\.COM/MAPS\b",
    r"MAPS\.APPLE\.COM\b",
    r"MAPS\.APPLE\b",
    r"WHAT3WORDS\.COM\b",
    r"W3W\.CO\b",
    r"PLUS\.CODES\b",
    r"GEOHASH\.ORG\b",
    r"STREETMAP\.[A-Z]{2,3}(?:\.[A-Z]{2})?\b",
    r"MAPCARTA\.COM\b",
    r"HERE\.COM\b",
    r"WAZE\.COM\b",
    r"MAPQUEST\.COM\b",
    r"OSMAPS\.COM\b",
    r"GRIDREFERENCEFINDER\.COM\b",
    r"GEOHACK\.TOOLFORGE\.ORG\b",
    r"(?:TOOLFORGE|WMFLABS)\.ORG/GEOHACK\b",
];

/// URL shorteners, each followed by the start of a path: any of their links may lead to a map.
const SHORTENERS: &[&str] = &[
    r"GOO\.GL",
    r"BIT\.LY",
    r"BITLY\.COM",
    r"TINYURL\.COM",
    r"T\.CO",
    r"OW\.LY",
    r"IS\.GD",
    r"BUFF\.LY",
    r"REBRAND\.LY",
    r"CUTT\.LY",
    r"SHORTURL\.AT",
    r"TINY\.CC",
    r"RB\.GY",
    r"T\.LY",
    r"LNKD\.IN",
];

/// A URL (scheme optional for known services) running to the next space or quote.
static MAP_LINK: LazyLock<Regex> = LazyLock::new(|| {
    let shorteners = SHORTENERS.join("|");
    let services = format!("{}|(?:{shorteners})/[A-Z0-9]", MAP_SERVICES.join("|"));
    let point = r"@[-+]?[0-9]{1,2}\.[0-9]+,[-+]?[0-9]{1,3}\.[0-9]+";
    compile(&format!(
        r#"\b(?:(?:HTTPS?://)?(?:[A-Z0-9-]+\.)*(?:{services})|HTTPS?://[^\s<>"]*?{point})[^\s<>"]*"#
    ))
});

/// Trailing characters more likely to be sentence punctuation than part of the link.
const TRAILING_PUNCTUATION: &[char] = &['.', ',', ';', ':', '!', '?', ')', ']', '}', '\'', '"'];

/// Map links in the upper-cased text, each running on to the end of the link as written (a
/// percent-encoded space, decoded for matching, does not end it).
pub(crate) fn detect(input: &ScanInput<'_>) -> Vec<Detection> {
    scan(&MAP_LINK, &input.folded, |captures| {
        captures.get(0).map(|whole| whole.range())
    })
    .into_iter()
    .map(|span| Detection::new(LocationKind::MapLink, to_end_of_link(input.original, span)))
    .collect()
}

/// `span` of `original` run on to the next space, `<`, `>` or `"`, less trailing punctuation.
fn to_end_of_link(original: &str, span: Range<usize>) -> Range<usize> {
    let rest = original.get(span.start..).unwrap_or_default();
    let link_length = rest
        .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"'))
        .unwrap_or(rest.len());
    let link = rest.get(..link_length).unwrap_or_default();
    match link.trim_end_matches(TRAILING_PUNCTUATION).len() {
        0 => span,
        length => span.start..span.start + length,
    }
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
    fn finds_links_to_map_services() {
        for link in [
            "https://www.google.com/maps/place/x/@51.2802,1.0789,17z",
            "https://maps.google.co.uk/?q=CT1",
            "goo.gl/maps/abc123",
            "https://maps.app.goo.gl/xyz",
            "https://www.openstreetmap.org/#map=17/51.28/1.07",
            "bing.com/maps?cp=51~1",
            "https://maps.apple.com/?ll=51.28,1.07",
            "https://what3words.com/filled.count.soap",
            "streetmap.co.uk/map?x=1",
            "https://wego.here.com/x",
            "https://waze.com/ul?ll=51,1",
            "https://example.org/visit/@51.2802,1.0789",
            "https://goo.gl/AbCd12",
            "bit.ly/3xYzAb",
            "https://tinyurl.com/2p8abcd",
            "https://t.co/AbC123",
            "https://mapcarta.com/W12345678",
            "https://www.streetmap.co.uk/map.srf?x=614900&y=157700",
            "https://gridreferencefinder.com/?gr=TR1490057700",
            "https://geohack.toolforge.org/geohack.php?params=51_16_49_N",
            "https://www.openstreetmap.de/karte/",
            "https://www.google.co.uk/maps/place/Canterbury",
            "https://maps.apple/p/AbCdEf",
            "https://w3w.co/filled.count.soap",
            "https://plus.codes/9F32CJ8H+8V",
            "http://geohash.org/gcpvj0duq",
            "https://maps.google.com/?q=12%20Acacia%20Avenue",
        ] {
            let text = format!("See {link}.");
            assert_eq!(found(&text), vec![link.to_owned()], "{link}");
        }
    }

    #[test]
    fn ignores_other_links() {
        for text in [
            "https://www.example.org/contact",
            "https://www.google.com/search?q=refuge",
            "somewhere.com",
            "info@example.org",
            "https://example.org/@handle",
            "see bit.ly for short links",
            "chat.co/abc",
            "https://www.example.org/t.co",
        ] {
            assert!(found(text).is_empty(), "{text}: {:?}", found(text));
        }
    }
}
