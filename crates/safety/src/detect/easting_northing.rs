//! Ordnance Survey grid references written as metres east and north of the grid's origin:
//! `easting 614900 northing 157700`, `E 614900 N 157700`, and a bare `614900, 157700` when the
//! words "easting" and "northing" are close by.

use std::ops::Range;
use std::sync::LazyLock;

use regex::{Captures, Regex};

use crate::finding::{Detection, LocationKind};
use crate::scan::{char_at, char_before, compile, scan, ScanInput};

/// An easting: six digits, optionally grouped (`614,900`), with optional decimals and metres.
const EASTING: &str = r"(?P<east>[0-9]{3},?[0-9]{3})(?:\.[0-9]+)?(?: ?M\b)?";

/// A northing: six or seven digits (Shetland lies beyond 1,000 km north), written likewise.
const NORTHING: &str = r"(?P<north>(?:[0-9],?)?[0-9]{3},?[0-9]{3})(?:\.[0-9]+)?(?: ?M\b)?";

/// `EASTING 614900 NORTHING 157700`, `E: 614900, N: 157700`, `E614900 N157700`,
/// `easting=614900&northing=157700`.
static LABELLED: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r"\b(?:EASTINGS?|E)(?: ?[:=])? ?{EASTING}(?: ?[,;/&] ?| )(?:AND )?(?:NORTHINGS?|N)(?: ?[:=])? ?{NORTHING}"
    ))
});

/// `614900, 157700`: taken only with both words near it.
static BARE: LazyLock<Regex> =
    LazyLock::new(|| compile(&format!(r"\b{EASTING}(?: ?[,;/] ?| ){NORTHING}")));

/// How far, in bytes, the words "easting" and "northing" are looked for around a bare pair.
const WORD_REACH: usize = 80;

/// The largest easting and northing on the National Grid, in metres.
const GRID_EXTENT: (u32, u32) = (700_000, 1_300_000);

/// Easting/northing grid references in the upper-cased text.
pub(crate) fn detect(input: &ScanInput<'_>) -> Vec<Detection> {
    let text = input.folded.as_str();
    let labelled = scan(&LABELLED, &input.folded, |captures| accept(text, captures));
    let bare = scan(&BARE, &input.folded, |captures| {
        let range = accept(text, captures)?;
        words_nearby(text, range.clone()).then_some(range)
    });
    labelled
        .into_iter()
        .chain(bare)
        .map(|span| Detection::new(LocationKind::GridReference, span))
        .collect()
}

/// The range of a pair of numbers on the grid that is not part of a longer number.
fn accept(text: &str, captures: &Captures<'_>) -> Option<Range<usize>> {
    let whole = captures.get(0)?;
    let metres = |name: &str| {
        captures
            .name(name)
            .and_then(|found| found.as_str().replace(',', "").parse::<u32>().ok())
    };
    let on_grid = metres("east").is_some_and(|east| east <= GRID_EXTENT.0)
        && metres("north").is_some_and(|north| north <= GRID_EXTENT.1);
    let before_ok =
        char_before(text, whole.start()).is_none_or(|c| !c.is_ascii_digit() && c != '.');
    let after_ok = char_at(text, whole.end()).is_none_or(|c| !c.is_ascii_digit());
    (on_grid && before_ok && after_ok).then(|| whole.range())
}

/// Whether "EASTING" and "NORTHING" both appear within reach of `range` of `text`.
fn words_nearby(text: &str, range: Range<usize>) -> bool {
    let mut start = range.start.saturating_sub(WORD_REACH);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = (range.end + WORD_REACH).min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    let window = text.get(start..end).unwrap_or_default();
    window.contains("EASTING") && window.contains("NORTHING")
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
    fn finds_labelled_eastings_and_northings() {
        for text in [
            "easting 614900 northing 157700",
            "E 614900 N 157700",
            "E614900 N157700",
            "Easting: 614,900m, Northing: 157,700m",
            "eastings 461234 and northings 1141234",
            "easting=614900&northing=157700",
        ] {
            assert_eq!(found(text), vec![text.to_owned()], "{text}");
        }
    }

    #[test]
    fn finds_a_bare_pair_only_beside_the_words() {
        assert_eq!(
            found("Easting, northing: 614900, 157700"),
            vec!["614900, 157700"]
        );
        assert_eq!(
            found("614900 157700 (easting and northing)"),
            vec!["614900 157700"]
        );
        assert!(found("614900, 157700").is_empty());
        assert!(found("easting only: 614900, 157700").is_empty());
    }

    #[test]
    fn ignores_numbers_off_the_grid_and_phone_numbers() {
        for text in [
            "E 914900 N 157700",
            "E 614900",
            "call 01227 614900 or 01227 157700",
            "E 1614900 N 157700",
        ] {
            assert!(found(text).is_empty(), "{text}: {:?}", found(text));
        }
    }
}
