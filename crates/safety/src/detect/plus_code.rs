//! Open Location Codes ("plus codes"): full `9F32CJ8H+8V` (eight characters, `+`, then usually
//! two or three more; padded `9F320000+`), and short `CJ8H+8V` (four or six characters, `+`,
//! two or more), often followed by a locality ("CJ8H+8V Canterbury").
//!
//! The code alphabet is `23456789CFGHJMPQRVWX`. It has no vowels, so words never match, but
//! numbers can (`2345+67`): a code must hold at least one letter and one digit. Its letters
//! must be all capitals or all small letters, as a code is written, unlike a run of Base64
//! (`…/9fGh+2V/…`).

use std::ops::Range;
use std::sync::LazyLock;

use regex::{Captures, Regex};

use crate::finding::{Detection, LocationKind};
use crate::scan::{char_at, char_before, compile, scan, ScanInput};

/// The 20 characters of the code alphabet, in value order.
const ALPHABET: &str = "23456789CFGHJMPQRVWX";

/// Characters before the `+` (padding zeros included), then the `+` and what follows it.
static CODE: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r"(?P<head>[{ALPHABET}0]{{4,8}})\+(?P<tail>[{ALPHABET}]{{0,7}})"
    ))
});

/// Plus codes in the upper-cased text.
pub(crate) fn detect(input: &ScanInput<'_>) -> Vec<Detection> {
    let text = input.folded.as_str();
    scan(&CODE, &input.folded, |captures| {
        let range = accept(text, captures)?;
        let written = input.original_text(&input.folded, range.clone());
        let letters = || written.chars().filter(|c| c.is_alphabetic());
        let one_case = letters().all(char::is_uppercase) || letters().all(char::is_lowercase);
        one_case.then_some(range)
    })
    .into_iter()
    .map(|span| Detection::new(LocationKind::PlusCode, span))
    .collect()
}

/// The range of a well-formed plus code standing on its own.
fn accept(text: &str, captures: &Captures<'_>) -> Option<Range<usize>> {
    let whole = captures.get(0)?;
    let head = captures.name("head")?.as_str();
    let tail = captures.name("tail")?.as_str();
    let attached = |c: char| c.is_alphanumeric() || c == '+';
    let stands_alone = char_before(text, whole.start()).is_none_or(|c| !attached(c))
        && char_at(text, whole.end()).is_none_or(|c| !attached(c));
    let code: String = [head, tail].concat();
    let has_letter = code.bytes().any(|byte| byte.is_ascii_alphabetic());
    let has_digit = code.bytes().any(|byte| byte.is_ascii_digit());
    let well_formed = match head.len() {
        8 => is_full_code(head, tail),
        4 | 6 => !head.contains('0') && tail.len() >= 2,
        _ => false,
    };
    (stands_alone && has_letter && has_digit && well_formed).then(|| whole.range())
}

/// Whether `head` (eight characters before the `+`) and `tail` make a valid full code.
///
/// The first character encodes latitude (at most 9 steps of 20°), the second longitude (at
/// most 18); zeros may only pad the end, two at a time, and a padded code ends at the `+`.
fn is_full_code(head: &str, tail: &str) -> bool {
    let value = |index: usize| {
        head.get(index..=index)
            .and_then(|digit| ALPHABET.find(digit))
    };
    let in_range = value(0).is_some_and(|latitude| latitude < 9)
        && value(1).is_some_and(|longitude| longitude < 18);
    let digits = head.trim_end_matches('0');
    let padding = head.len() - digits.len();
    let padding_ok = if padding == 0 {
        tail.is_empty() || tail.len() >= 2
    } else {
        padding.is_multiple_of(2) && digits.len() >= 2 && tail.is_empty()
    };
    in_range && padding_ok && !digits.contains('0')
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
    fn finds_full_short_and_padded_codes() {
        for (text, expected) in [
            ("9F32CJ8H+8V", "9F32CJ8H+8V"),
            ("9F32CJ8H+8VQ", "9F32CJ8H+8VQ"),
            ("9f32cj8h+8v", "9f32cj8h+8v"),
            ("9C4X+2V", "9C4X+2V"),
            ("CJ8H+8V Canterbury", "CJ8H+8V"),
            ("32CJ8H+8V, Kent", "32CJ8H+8V"),
            ("9F320000+", "9F320000+"),
            ("9F32CJ8H+", "9F32CJ8H+"),
        ] {
            assert_eq!(found(text), vec![expected.to_owned()], "{text}");
        }
    }

    #[test]
    fn ignores_numbers_and_malformed_codes() {
        for text in [
            "2345+67",
            "£2500+VAT",
            "18+",
            "C++",
            "CJ8+8V",
            "CJ8H+8",
            "XX2345CF+22",
            "9F3200CJ+8V",
            "9F32000+",
            "FFGH+JJ",
            "a9C4X+2V",
            "9C4X+2V+3",
            "9fGh+2V",
            "/9Fg2+8v/",
        ] {
            assert!(found(text).is_empty(), "{text}: {:?}", found(text));
        }
    }
}
