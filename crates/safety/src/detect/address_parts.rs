//! Pattern pieces shared by the street-address detectors: flat and unit prefixes, house numbers.

use crate::scan::char_before;

/// `Flat 3,` / `Unit 4B` / `Apartment 12` (case-preserving text), then a comma or space.
pub(super) const UNIT_PREFIX: &str =
    r"(?:\b(?P<unit>(?i:flat|unit|apartment|apt|suite|studio|block)\.? ?[0-9]{1,4}[A-Za-z]?\b),? )";

/// A house number, optionally with a letter or as a range: `12`, `12a`, `12-14`.
pub(super) const HOUSE_NUMBER: &str =
    r"\b(?P<number>[0-9]{1,4}[A-Za-z]?(?: ?- ?[0-9]{1,4}[A-Za-z]?)?)\b";

/// The word just before byte `offset` of `text`, past any spaces, commas and colons.
pub(super) fn word_before(text: &str, offset: usize) -> &str {
    let head = text.get(..offset).unwrap_or_default();
    let head = head.trim_end_matches([' ', ',', ':']);
    let start = head
        .char_indices()
        .rev()
        .find(|(_, c)| !c.is_alphanumeric() && *c != '\'')
        .map_or(0, |(index, c)| index + c.len_utf8());
    head.get(start..).unwrap_or_default()
}

/// Whether the number starting at byte `offset` of `text` is not money or part of a figure.
pub(super) fn number_stands_alone(text: &str, offset: usize) -> bool {
    char_before(text, offset).is_none_or(|c| {
        !matches!(c, '£' | '$' | '€' | '.' | ',' | '/' | '#') && !c.is_ascii_digit()
    })
}

#[cfg(test)]
mod tests {
    use super::{number_stands_alone, word_before};

    #[test]
    fn money_and_figures_are_not_house_numbers() {
        assert!(number_stands_alone("12 Acacia Avenue", 0));
        assert!(number_stands_alone("at 12", 3));
        assert!(!number_stands_alone("£12", "£".len()));
        assert!(!number_stands_alone("1,200", 2));
    }

    #[test]
    fn the_word_before_a_number_is_found() {
        assert_eq!(word_before("Tier 2 Care", 5), "Tier");
        assert_eq!(word_before("our: 3", 5), "our");
        assert_eq!(word_before("3", 0), "");
        assert_eq!(word_before("x.org/2", 6), "");
        assert_eq!(word_before("café 2", "café ".len()), "café");
    }
}
