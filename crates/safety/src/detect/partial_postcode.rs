//! Postcode districts and sectors standing on their own: `CT1 2`, `SW1A 1`, `ME14`, `SW1A`.
//!
//! These are matched more strictly than full postcodes because short letter-digit tokens are
//! everywhere: digits must be real digits, the area must be written without spaces, and a bare
//! district must have a two-letter area. Single-letter districts on their own (`B12`, `M25`,
//! `E1`, `N95`, `B2` as a language level) are too often vitamins, motorways, masks and levels to
//! flag; they are caught when followed by a sector digit (`M1 1`) or a full inward code.

use std::sync::LazyLock;

use regex::Regex;

use super::postcode::INWARD_LETTER;
use super::postcode_areas::{area_alternation, AreaLetters, AreaSpacing};
use crate::finding::{Detection, LocationKind};
use crate::scan::{compile, scan, ScanInput};

/// Letters allowed as the last character of a two-letter area's district (`SW1A`, `EC2M`).
const DISTRICT_SUFFIX_LETTER: &str = "[ABEHMNPRVWXY]";

/// An outward code, a space and a sector digit, optionally followed by the first unit letter.
static SECTOR: LazyLock<Regex> = LazyLock::new(|| {
    let area = area_alternation(AreaLetters::All, AreaSpacing::Together);
    compile(&format!(r"\b{area}[0-9][0-9A-Z]? [0-9]{INWARD_LETTER}?\b"))
});

/// A two-letter-area district standing as a token of its own.
static DISTRICT: LazyLock<Regex> = LazyLock::new(|| {
    let area = area_alternation(AreaLetters::TwoLetterOnly, AreaSpacing::Together);
    compile(&format!(
        r"\b{area}[0-9](?:[0-9]|{DISTRICT_SUFFIX_LETTER})?\b"
    ))
});

/// Tokens shaped like a district that almost always mean something else.
const NOT_DISTRICTS: &[&str] = &["CO2", "SO2", "CH4", "HS2"];

/// Postcode sectors and bare districts in the upper-cased text.
pub(crate) fn detect(input: &ScanInput<'_>) -> Vec<Detection> {
    let sectors = scan(&SECTOR, &input.folded, |captures| {
        captures.get(0).map(|whole| whole.range())
    });
    let districts = scan(&DISTRICT, &input.folded, |captures| {
        let whole = captures.get(0)?;
        let token = whole.as_str();
        let followed_by_decimal = input
            .folded
            .as_str()
            .get(whole.end()..)
            .and_then(|rest| rest.strip_prefix('.'))
            .is_some_and(|decimals| decimals.starts_with(|c: char| c.is_ascii_digit()));
        (!NOT_DISTRICTS.contains(&token) && !followed_by_decimal).then(|| whole.range())
    });
    sectors
        .into_iter()
        .chain(districts)
        .map(|span| Detection::new(LocationKind::PartialPostcode, span))
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
    fn finds_sectors() {
        for text in ["CT1 2", "SW1A 1", "M1 1", "B33 8", "CT1 2A"] {
            assert!(found(text).contains(&text.to_owned()), "{text}");
        }
    }

    #[test]
    fn finds_two_letter_districts() {
        for text in ["CT1", "ME14", "SW1A", "in ME14, Kent"] {
            assert_eq!(found(text).len(), 1, "{text}");
        }
    }

    #[test]
    fn a_sector_needs_a_single_digit() {
        assert_eq!(found("CT1 24/7"), vec!["CT1".to_owned()]);
        assert_eq!(found("ME14 2017"), vec!["ME14".to_owned()]);
    }

    #[test]
    fn ignores_look_alike_tokens() {
        for text in [
            "B12",
            "M25",
            "N95",
            "English B2",
            "CO2",
            "HS2",
            "Tier 2",
            "Level 3",
            "COVID-19",
            "SE1.5",
        ] {
            assert!(found(text).is_empty(), "{text}: {:?}", found(text));
        }
    }
}
