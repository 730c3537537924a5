//! Pattern pieces shared by the street-address detectors: flat and unit prefixes, house numbers.

use crate::scan::char_before;

/// `Flat 3,` / `Unit 4B` / `Apartment 12` (case-preserving text), then a comma or space.
pub(super) const UNIT_PREFIX: &str =
    r"(?:\b(?P<unit>(?i:flat|unit|apartment|apt|suite|studio|block)\.? ?[0-9]{1,4}[A-Za-z]?\b),? )";

/// A house number, optionally with a letter or as a range: `12`, `12a`, `12-14`.
pub(super) const HOUSE_NUMBER: &str =
    r"\b(?P<number>[0-9]{1,4}[A-Za-z]?(?: ?- ?[0-9]{1,4}[A-Za-z]?)?)\b";

/// Whether the number starting at byte `offset` of `text` is not money or part of a figure.
pub(super) fn number_stands_alone(text: &str, offset: usize) -> bool {
    char_before(text, offset).is_none_or(|c| {
        !matches!(c, '£' | '$' | '€' | '.' | ',' | '/' | '#') && !c.is_ascii_digit()
    })
}

#[cfg(test)]
mod tests {
    use super::number_stands_alone;

    #[test]
    fn money_and_figures_are_not_house_numbers() {
        assert!(number_stands_alone("12 Acacia Avenue", 0));
        assert!(number_stands_alone("at 12", 3));
        assert!(!number_stands_alone("£12", "£".len()));
        assert!(!number_stands_alone("1,200", 2));
    }
}
