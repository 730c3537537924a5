//! Full UK postcodes in any spacing or punctuation (`CT1 2AB`, `CT1_2AB`, `C.T.1 2.A.B`,
//! `M1/1AE`, `CT1+2AB`), reading `l`, `I` and `O` as digits where a digit belongs, and number words
//! (`CT one 2AB`) too.

use std::ops::Range;
use std::sync::LazyLock;

use regex::{Captures, Regex};

use super::postcode_areas::{area_alternation, AreaLetters, AreaSpacing};
use crate::finding::{Detection, LocationKind};
use crate::scan::{char_before, compile, scan, ScanInput};

/// A digit, or a letter typed for one (`l` and `I` for 1, `O` for 0), in the upper-cased text.
pub(crate) const DIGIT_OR_LOOK_ALIKE: &str = "[0-9OIL]";

/// Letters used in the last two places of a postcode (never C, I, K, M, O or V).
pub(crate) const INWARD_LETTER: &str = "[ABD-HJLNP-UW-Z]";

/// Digits spelt out, as whole words. `OH` is read as zero but, like the letter `O`, does not
/// count as a real digit.
const NUMBER_WORDS: &[&str] = &[
    "ZERO", "ONE", "TWO", "THREE", "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT", "NINE",
];

/// What may stand between two characters of a postcode: nothing, a space, `.`, `_`, `/`, `+`
/// (a space in a web form's query), or a middle dot or bullet.
const SEPARATOR: &str = "[ ._/+·•]?";

/// Separators that are punctuation rather than spacing.
const PUNCTUATION: &[char] = &['.', '_', '/', '+', '·', '•'];

/// What may stand between the outward and inward codes: also a hyphen, and spaces around it.
const MIDDLE: &str = "(?: ?[-._/+·•] ?| )?";

/// Area, district (A9, A99, AA9, AA99, A9A, AA9A), then sector digit and two unit letters,
/// with at most one separator between any two characters, not inside a longer word. The
/// district digit, the district's optional second character and the sector digit are captured
/// as `district`, `second` and `sector`.
static FULL_POSTCODE: LazyLock<Regex> = LazyLock::new(|| {
    let area = area_alternation(AreaLetters::All, AreaSpacing::SeparatorsAllowed);
    let words = NUMBER_WORDS.join("|");
    let digit = |group: &str| format!(r"(?P<{group}>{DIGIT_OR_LOOK_ALIKE}|\b(?:{words}|OH)\b)");
    let (district, sector) = (digit("district"), digit("sector"));
    let letter = INWARD_LETTER;
    let s = SEPARATOR;
    compile(&format!(
        r"(?:\b|_)(?P<postcode>{area}{s}{district}(?:{s}(?P<second>[0-9A-Z]))?{MIDDLE}{sector}{s}{letter}{s}{letter})(?:\b|_)"
    ))
});

/// Full postcodes in the upper-cased text.
pub(crate) fn detect(input: &ScanInput<'_>) -> Vec<Detection> {
    let text = input.folded.as_str();
    scan(&FULL_POSTCODE, &input.folded, |captures| {
        accept(text, captures)
    })
    .into_iter()
    .map(|span| Detection::new(LocationKind::Postcode, span))
    .collect()
}

/// What stands in one of a postcode's digit positions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DigitWritten {
    /// A digit, written (`1`) or spelt out (`one`).
    Real,
    /// A letter or word typed for a digit (`l`, `I`, `O`, `oh`).
    LookAlike,
    /// A letter that belongs there (`A` in `SW1A`).
    Letter,
}

/// How the digit position captured as `group` is written, if the match has it.
fn digit_written(captures: &Captures<'_>, group: &str) -> Option<DigitWritten> {
    let found = captures.name(group)?.as_str();
    Some(
        if found.bytes().all(|byte| byte.is_ascii_digit()) || NUMBER_WORDS.contains(&found) {
            DigitWritten::Real
        } else if matches!(found, "O" | "I" | "L" | "OH") {
            DigitWritten::LookAlike
        } else {
            DigitWritten::Letter
        },
    )
}

/// The postcode's range, if it starts a word and reads as one.
///
/// A postcode needs a real digit, written or spelt out, and letters read as digits (`CTl 2AB`)
/// are allowed only in a postcode spaced with spaces (and hyphens) alone: otherwise words pass
/// for one
/// ("SOIL ABS", "not one", "w3.org", "b.0.len").
fn accept(text: &str, captures: &Captures<'_>) -> Option<Range<usize>> {
    let postcode = captures.name("postcode")?;
    let starts_a_word = char_before(text, postcode.start()).is_none_or(|c| !c.is_alphanumeric());
    let digits: Vec<DigitWritten> = ["district", "second", "sector"]
        .iter()
        .filter_map(|group| digit_written(captures, group))
        .collect();
    let has_real_digit = digits.contains(&DigitWritten::Real);
    let has_look_alike = digits.contains(&DigitWritten::LookAlike);
    let punctuated = postcode.as_str().contains(PUNCTUATION);
    (starts_a_word && has_real_digit && !(punctuated && has_look_alike)).then(|| postcode.range())
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
            "CT1 - 2AB",
        ] {
            assert_eq!(found(text), vec![text.to_owned()], "{text}");
        }
    }

    #[test]
    fn finds_postcodes_split_by_punctuation() {
        for text in [
            "CT1_2AB",
            "CT1.2AB",
            "M1/1AE",
            "C.T.1 2.A.B",
            "B33.8TH",
            "ct1-2ab",
            "C_T_1_2_A_B",
            "CT1+2AB",
            "CT1·2AB",
            "C·T·1 2·A·B",
            "CT1 • 2AB",
        ] {
            assert_eq!(found(text), vec![text.to_owned()], "{text}");
        }
        assert_eq!(found("refuge_CT1_2AB_front.jpg"), vec!["CT1_2AB"]);
        assert_eq!(found("ct1.2ab@example.org"), vec!["ct1.2ab"]);
        assert_eq!(found("CT1 2AB,CT2 3DE"), vec!["CT1 2AB", "CT2 3DE"]);
        assert_eq!(found("CT1_2AB_CT2_3DE"), vec!["CT1_2AB", "CT2_3DE"]);
    }

    #[test]
    fn reads_look_alike_letters_and_number_words_as_digits() {
        assert_eq!(found("CTl 2AB"), vec!["CTl 2AB".to_owned()]);
        assert_eq!(found("SW1A IAA"), vec!["SW1A IAA".to_owned()]);
        assert_eq!(found("CT one 2AB"), vec!["CT one 2AB".to_owned()]);
        assert_eq!(found("CT1 two AB"), vec!["CT1 two AB".to_owned()]);
        assert_eq!(found("CT one two AB"), vec!["CT one two AB".to_owned()]);
        assert_eq!(found("W1A oh AX"), vec!["W1A oh AX".to_owned()]);
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
            "QQ1 2AB",
            "A1 1AA",
            "SOIL ABS",
            "CT1 2ABC",
            "XCT1 2AB",
            "CT1 2CK",
            "SO OH TO AB",
            "done 2 AB",
            "CTONE2AB",
            "Sun 9.30am",
            "English B2/C1 level",
            "it is not one of them",
            "no one else",
            "two more items",
            "go one directory up",
            "http://www.w3.org/2000/svg",
            "b.0.len()",
            "g1.len()",
            "de_19 old spelling",
            "lcs_eol_one",
            "so+one+more",
            "C++ and B2+",
        ] {
            assert!(found(text).is_empty(), "{text}: {:?}", found(text));
        }
    }
}
