//! The text under scan in both canonical forms, and the loop that runs one pattern over it.

use std::ops::Range;

use regex::{Captures, Regex};

pub(crate) use crate::pattern::compile;

use crate::normalise::{normalise_with, CaseMode, NormalisedText};
use crate::url_words::url_words;

/// The text being checked, in the two canonical forms the detectors match against.
pub(crate) struct ScanInput<'a> {
    /// The text exactly as given.
    pub(crate) original: &'a str,
    /// Canonical form, upper-cased: for case-blind patterns.
    pub(crate) folded: NormalisedText,
    /// Canonical form, case kept: for patterns that rely on capitals or lower case.
    pub(crate) cased: NormalisedText,
    /// The case-kept form with the `_`, `-`, `.`, `+` and `/` of URLs, e-mail addresses and
    /// file names read as spaces, when the text holds any.
    pub(crate) cased_url_words: Option<NormalisedText>,
}

impl<'a> ScanInput<'a> {
    pub(crate) fn new(original: &'a str) -> Self {
        let cased = normalise_with(original, CaseMode::Preserve);
        Self {
            original,
            folded: normalise_with(original, CaseMode::Upper),
            cased_url_words: url_words(&cased),
            cased,
        }
    }

    /// The original text behind the canonical bytes `normalised` of `view`.
    pub(crate) fn original_text(&self, view: &NormalisedText, normalised: Range<usize>) -> &'a str {
        view.original_span(normalised)
            .and_then(|span| self.original.get(span))
            .unwrap_or_default()
    }
}

/// Original-text spans of every match of `pattern` in `view` that `accept` keeps.
///
/// `accept` sees each candidate's captures and returns the canonical byte range to report
/// (usually the whole match, sometimes trimmed) or `None` to reject it. After an acceptance
/// the search resumes where the reported range ends, so a character a pattern reads only as a
/// boundary (the `_` in `CT1 2AB_CT2 3DE`) can start the next match. After a rejection it
/// resumes one character after the candidate's start, so a valid match overlapping a rejected
/// one is still found.
pub(crate) fn scan<F>(pattern: &Regex, view: &NormalisedText, mut accept: F) -> Vec<Range<usize>>
where
    F: FnMut(&Captures<'_>) -> Option<Range<usize>>,
{
    let haystack = view.as_str();
    let mut spans = Vec::new();
    let mut position = 0;
    while position < haystack.len() {
        let Some(captures) = pattern.captures_at(haystack, position) else {
            break;
        };
        let Some(whole) = captures.get(0) else {
            break;
        };
        let next_start = after_first_char(haystack, whole.start());
        match accept(&captures) {
            Some(accepted) => {
                position = accepted.end.max(next_start);
                spans.extend(view.original_span(accepted));
            }
            None => position = next_start,
        }
    }
    spans
}

/// The byte offset just after the character starting at `offset`.
fn after_first_char(text: &str, offset: usize) -> usize {
    let width = text
        .get(offset..)
        .and_then(|rest| rest.chars().next())
        .map_or(1, char::len_utf8);
    offset + width
}

/// The character just before byte `offset` of `text`, if any.
pub(crate) fn char_before(text: &str, offset: usize) -> Option<char> {
    text.get(..offset).and_then(|head| head.chars().next_back())
}

/// The character starting at byte `offset` of `text`, if any.
pub(crate) fn char_at(text: &str, offset: usize) -> Option<char> {
    text.get(offset..).and_then(|tail| tail.chars().next())
}

#[cfg(test)]
mod tests {
    use super::{char_at, char_before, scan, ScanInput};
    use crate::pattern::compile;

    #[test]
    fn rejected_candidates_do_not_hide_overlapping_matches() {
        let pattern = compile(r"[A-Z]{2}[0-9]");
        let input = ScanInput::new("XCT1");
        let spans = scan(&pattern, &input.folded, |captures| {
            let whole = captures.get(0)?;
            (!whole.as_str().starts_with('X')).then(|| whole.range())
        });
        assert_eq!(spans, vec![1..4]);
    }

    #[test]
    fn neighbouring_characters_are_read_safely() {
        assert_eq!(char_before("é1", 2), Some('é'));
        assert_eq!(char_before("é1", 1), None);
        assert_eq!(char_at("é1", 2), Some('1'));
        assert_eq!(char_at("é1", 9), None);
    }
}
