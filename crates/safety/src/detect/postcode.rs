//! Full UK postcodes in any spacing, reading `l`, `I` and `O` as digits where a digit belongs.

use std::sync::LazyLock;

use regex::Regex;

use super::postcode_areas::{area_alternation, AreaLetters, AreaSpacing};
use crate::finding::{Detection, LocationKind};
use crate::scan::{compile, scan, ScanInput};

/// A digit, or a letter typed for one (`l` and `I` for 1, `O` for 0), in the upper-cased text.
pub(crate) const DIGIT_OR_LOOK_ALIKE: &str = "[0-9OIL]";

/// Letters used in the last two places of a postcode (never C, I, K, M, O or V).
pub(crate) const INWARD_LETTER: &str = "[ABD-HJLNP-UW-Z]";

/// Area, district (A9, A99, AA9, AA99, A9A, AA9A), then sector digit and two unit letters,
/// with at most one space (already collapsed) between any two characters.
static FULL_POSTCODE: LazyLock<Regex> = LazyLock::new(|| {
    let area = area_alternation(AreaLetters::All, AreaSpacing::SpacesAllowed);
    let digit = DIGIT_OR_LOOK_ALIKE;
    let letter = INWARD_LETTER;
    compile(&format!(
        r"\b{area} ?{digit}(?: ?[0-9A-Z])? ?-? ?{digit} ?{letter} ?{letter}\b"
    ))
});

/// Full postcodes in the upper-cased text.
pub(crate) fn detect(input: &ScanInput<'_>) -> Vec<Detection> {
    scan(&FULL_POSTCODE, &input.folded, |captures| {
        let whole = captures.get(0)?;
        // Letters read as digits are allowed, but a postcode with no real digit at all is
        // more likely a word ("SOIL ABS").
        let has_real_digit = whole.as_str().bytes().any(|byte| byte.is_ascii_digit());
        has_real_digit.then(|| whole.range())
    })
    .into_iter()
    .map(|span| Detection::new(LocationKind::Postcode, span))
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
    fn finds_postcodes_in_any_spacing() {
        for text in [
            "CT1 2AB",
            "CT12AB",
            "C T 1 2 A B",
            "CT 1 2AB",
            "CT1 2 AB",
            "CT1 2A B",
            "ct1 2ab",
        ] {
            assert_eq!(found(text), vec![text.to_owned()], "{text}");
        }
    }

    #[test]
    fn reads_look_alike_letters_as_digits() {
        assert_eq!(found("CTl 2AB"), vec!["CTl 2AB".to_owned()]);
        assert_eq!(found("SW1A IAA"), vec!["SW1A IAA".to_owned()]);
    }

    #[test]
    fn finds_every_outward_format() {
        for text in [
            "M1 1AE", "B33 8TH", "CR2 6XH", "DN55 1PT", "W1A 0AX", "EC1A 1BB",
        ] {
            assert_eq!(found(text), vec![text.to_owned()], "{text}");
        }
    }

    #[test]
    fn finds_a_postcode_after_a_rejected_candidate() {
        assert_eq!(found("O M1 1AE"), vec!["M1 1AE".to_owned()]);
    }

    #[test]
    fn rejects_unknown_areas_and_words() {
        for text in [
            "QQ1 2AB", "A1 1AA", "SOIL ABS", "CT1 2ABC", "XCT1 2AB", "CT1 2CK",
        ] {
            assert!(found(text).is_empty(), "{text}");
        }
    }
}
