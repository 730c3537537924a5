//! Links to mapping services (Google, Apple, Bing, OpenStreetMap, what3words, HERE, Waze and
//! others), and any URL that carries an `@latitude,longitude` point.

use std::sync::LazyLock;

use regex::Regex;

use crate::finding::{Detection, LocationKind};
use crate::scan::{compile, scan, ScanInput};

/// Host (and, where the host also serves other things, path) of each mapping service.
const MAP_SERVICES: &[&str] = &[
    r"MAPS\.GOOGLE\.[A-Z]{2,3}(?:\.[A-Z]{2})?\b",
    r"GOOGLE\.[A-Z]{2,3}(?:\.[A-Z]{2})?/MAPS\b",
    r"GOO\.GL/MAPS\b",
    r"MAPS\.APP\.GOO\.GL\b",
    r"G\.CO/KGS\b",
    r"OPENSTREETMAP\.ORG\b",
    r"OSM\.ORG\b",
    r"BING\.COM/MAPS\b",
    r"MAPS\.APPLE\.COM\b",
    r"MAPS\.APPLE\b",
    r"WHAT3WORDS\.COM\b",
    r"W3W\.CO\b",
    r"STREETMAP\.CO\.UK\b",
    r"HERE\.COM\b",
    r"WAZE\.COM\b",
    r"MAPQUEST\.COM\b",
    r"OSMAPS\.COM\b",
    r"GRIDREFERENCEFINDER\.COM\b",
];

/// A URL (scheme optional for known services) running to the next space or quote.
static MAP_LINK: LazyLock<Regex> = LazyLock::new(|| {
    let services = MAP_SERVICES.join("|");
    let point = r"@[-+]?[0-9]{1,2}\.[0-9]+,[-+]?[0-9]{1,3}\.[0-9]+";
    compile(&format!(
        r#"\b(?:(?:HTTPS?://)?(?:[A-Z0-9-]+\.)*(?:{services})|HTTPS?://[^\s<>"]*?{point})[^\s<>"]*"#
    ))
});

/// Trailing characters more likely to be sentence punctuation than part of the link.
const TRAILING_PUNCTUATION: &[char] = &['.', ',', ';', ':', '!', '?', ')', ']', '}', '\'', '"'];

/// Map links in the upper-cased text.
pub(crate) fn detect(input: &ScanInput<'_>) -> Vec<Detection> {
    scan(&MAP_LINK, &input.folded, |captures| {
        let whole = captures.get(0)?;
        let trimmed = whole.as_str().trim_end_matches(TRAILING_PUNCTUATION);
        Some(whole.start()..whole.start() + trimmed.len())
    })
    .into_iter()
    .map(|span| Detection::new(LocationKind::MapLink, span))
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
        ] {
            assert!(found(text).is_empty(), "{text}: {:?}", found(text));
        }
    }
}
