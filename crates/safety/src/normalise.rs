//! Canonical form of text for matching, with a map from every canonical character back to the original text.
//!
//! The canonical form is built one original character at a time:
//!
//! 1. a percent-encoded character (`%40`, `%2C`, `%C2%B0`) is read as the character it encodes;
//! 2. invisible characters (zero-width spaces and joiners, word joiner, byte-order mark, soft
//!    hyphen, direction marks) are dropped;
//! 3. look-alike punctuation is unified: primes and curly quotes become `'` and `"`, dashes
//!    and the minus sign become `-`, the ordinal indicator `º` and ring `˚` become `°`;
//! 4. the character is decomposed for compatibility (NFKD: full-width `Ｃ` becomes `C`,
//!    `①` becomes `1`) and combining marks are dropped, leaving base letters (`é` becomes `e`);
//! 5. a decimal digit of any script (`١`, `۲`, `३`) becomes the ASCII digit it stands for;
//! 6. look-alike letters become the Latin letters they imitate: Cyrillic and Greek, small
//!    capitals (`ᴄ`), letters in shapes (`🅒`), and the scripts Unicode's confusables table
//!    knows as Latin disguises (Cherokee `Ꮯ`, Lisu `ꓚ`);
//! 7. the result is upper-cased ([`CaseMode::Upper`]) or left as it is ([`CaseMode::Preserve`]);
//! 8. any run of Unicode whitespace, including no-break spaces, becomes one ASCII space.
//!
//! Dropping marks after a compatibility decomposition gives the same base letters as NFKC
//! followed by mark removal, without a recomposition step the matchers would undo.

use std::ops::Range;

use unicode_normalization::char::{decompose_compatible, is_combining_mark};

use crate::confusables::latin_look_alike;
use crate::digits::ascii_digit;
use crate::percent;

/// Whether the canonical form is upper-cased.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CaseMode {
    /// Fold to upper case, so matching ignores case.
    Upper,
    /// Keep the case of the original, for matchers that rely on capitals or lower case.
    Preserve,
}

/// Text in canonical form, remembering where each of its characters came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NormalisedText {
    text: String,
    origins: Vec<CharOrigin>,
}

/// Where one character of the canonical text came from in the original.
#[derive(Debug, Clone, PartialEq, Eq)]
struct CharOrigin {
    /// Byte offset of the character in the canonical text.
    normalised_start: usize,
    /// Byte range, in the original text, of the character that produced it.
    original: Range<usize>,
}

/// Canonical, upper-cased form of `original` (see the module documentation).
pub fn normalise(original: &str) -> NormalisedText {
    normalise_with(original, CaseMode::Upper)
}

/// Canonical form of `original`, upper-cased or not as `case` says.
pub fn normalise_with(original: &str, case: CaseMode) -> NormalisedText {
    let mut builder = Builder {
        case,
        text: String::with_capacity(original.len()),
        origins: Vec::with_capacity(original.len()),
    };
    let mut start = 0;
    while let Some(character) = original.get(start..).and_then(|rest| rest.chars().next()) {
        let (character, length) = match character {
            '%' => original
                .get(start..)
                .and_then(percent::decode_at)
                .unwrap_or((character, 1)),
            _ => (character, character.len_utf8()),
        };
        builder.push_original(character, start..start + length);
        start += length;
    }
    NormalisedText {
        text: builder.text,
        origins: builder.origins,
    }
}

impl NormalisedText {
    /// The canonical text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The byte range of the original text that produced the canonical bytes `normalised`.
    ///
    /// The range runs from the start of the original character behind the first canonical
    /// character to the end of the one behind the last, so it also covers anything dropped in
    /// between (zero-width characters, extra spaces). `None` for an empty or out-of-range span.
    pub fn original_span(&self, normalised: Range<usize>) -> Option<Range<usize>> {
        if normalised.start >= normalised.end || normalised.end > self.text.len() {
            return None;
        }
        let first = self
            .origins
            .partition_point(|origin| origin.normalised_start < normalised.start);
        let after_last = self
            .origins
            .partition_point(|origin| origin.normalised_start < normalised.end);
        let first_origin = self.origins.get(first)?;
        let last_origin = self.origins.get(after_last.checked_sub(1)?)?;
        Some(first_origin.original.start..last_origin.original.end)
    }

    /// This text with the ASCII characters at byte `offsets` made spaces; every other
    /// character, and so every span, stays where it was.
    pub(crate) fn with_spaces_at(&self, offsets: &[usize]) -> NormalisedText {
        let mut bytes = self.text.clone().into_bytes();
        for offset in offsets {
            if let Some(byte) = bytes.get_mut(*offset).filter(|byte| byte.is_ascii()) {
                *byte = b' ';
            }
        }
        NormalisedText {
            // Only ASCII bytes were replaced, by ASCII, so the text is still UTF-8.
            text: String::from_utf8(bytes).unwrap_or_else(|_| self.text.clone()),
            origins: self.origins.clone(),
        }
    }
}

/// Accumulates the canonical text and its origins.
struct Builder {
    case: CaseMode,
    text: String,
    origins: Vec<CharOrigin>,
}

impl Builder {
    fn push_original(&mut self, character: char, source: Range<usize>) {
        if is_invisible(character) {
            return;
        }
        decompose_compatible(unify_punctuation(character), |part| {
            self.push_decomposed(part, &source);
        });
    }

    fn push_decomposed(&mut self, part: char, source: &Range<usize>) {
        if is_invisible(part) || is_combining_mark(part) {
            return;
        }
        if part.is_whitespace() {
            if !self.text.ends_with(' ') {
                self.push_char(' ', source);
            }
            return;
        }
        let latin = ascii_digit(part)
            .or_else(|| latin_look_alike(part))
            .unwrap_or_else(|| unify_punctuation(part));
        match self.case {
            CaseMode::Upper => {
                for upper in latin.to_uppercase() {
                    self.push_char(upper, source);
                }
            }
            CaseMode::Preserve => self.push_char(latin, source),
        }
    }

    fn push_char(&mut self, character: char, source: &Range<usize>) {
        self.origins.push(CharOrigin {
            normalised_start: self.text.len(),
            original: source.clone(),
        });
        self.text.push(character);
    }
}

/// Characters that render as nothing and can be slipped inside a word to defeat matching.
fn is_invisible(character: char) -> bool {
    matches!(
        character,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{061C}'
            | '\u{115F}'
            | '\u{1160}'
            | '\u{17B4}'
            | '\u{17B5}'
            | '\u{180B}'..='\u{180F}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206F}'
            | '\u{3164}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{FFA0}'
    )
}

/// One spelling for punctuation that comes in look-alike forms.
fn unify_punctuation(character: char) -> char {
    match character {
        '′' | '‘' | '’' | '‚' | '‛' | '`' | '´' | 'ʹ' | 'ʻ' | 'ʼ' | 'ʾ' | '＇' => {
            '\''
        }
        '″' | '“' | '”' | '„' | '‟' | 'ʺ' | '˝' | '〃' | '＂' => '"',
        'º' | '˚' | '⁰' => '°',
        '‐' | '‑' | '‒' | '–' | '—' | '―' | '−' | '﹘' | '﹣' | '－' => '-',
        _ => character,
    }
}

#[cfg(test)]
mod tests {
    use super::{normalise, normalise_with, CaseMode};

    #[test]
    fn full_width_becomes_ascii_upper_case() {
        assert_eq!(normalise("ｃｔ１ ２ａｂ").as_str(), "CT1 2AB");
    }

    #[test]
    fn zero_width_and_soft_hyphen_are_dropped() {
        assert_eq!(
            normalise("C\u{200B}T\u{00AD}1\u{FEFF} 2\u{2060}AB").as_str(),
            "CT1 2AB"
        );
    }

    #[test]
    fn accents_are_dropped_and_look_alikes_mapped() {
        assert_eq!(normalise("Café СТ1 ΑΒ").as_str(), "CAFE CT1 AB");
    }

    #[test]
    fn whitespace_runs_collapse_to_one_space() {
        assert_eq!(normalise("a \u{00A0}\t\n b\u{2003}c").as_str(), "A B C");
    }

    #[test]
    fn primes_and_dashes_are_unified() {
        assert_eq!(
            normalise("51° 16′ 49″ N – x").as_str(),
            "51° 16' 49\" N - X"
        );
    }

    #[test]
    fn preserve_mode_keeps_case() {
        assert_eq!(
            normalise_with("Ａcacia Аvenue", CaseMode::Preserve).as_str(),
            "Acacia Avenue"
        );
    }

    #[test]
    fn spans_map_back_to_the_original() {
        let original = "x ＣＴ１\u{200B}２ＡＢ y";
        let normalised = normalise(original);
        let start = normalised.as_str().find("CT1").unwrap_or_default();
        let end = start + "CT12AB".len();
        let span = normalised.original_span(start..end);
        assert_eq!(
            span.and_then(|span| original.get(span)),
            Some("ＣＴ１\u{200B}２ＡＢ")
        );
    }

    #[test]
    fn expansions_map_to_the_character_they_came_from() {
        let original = "Straße";
        let normalised = normalise(original);
        assert_eq!(normalised.as_str(), "STRASSE");
        assert_eq!(normalised.original_span(5..6), Some(4..6));
    }

    #[test]
    fn digits_of_every_script_become_ascii() {
        assert_eq!(normalise("CT١ ٢AB ۳ ४ ৫").as_str(), "CT1 2AB 3 4 5");
    }

    #[test]
    fn small_capitals_cherokee_and_lisu_become_latin() {
        assert_eq!(normalise("ᴄᴛ1 ᏟᎢ ꓚꓔ").as_str(), "CT1 CT CT");
        assert_eq!(
            normalise_with("ᴀᴄᴀᴄɪᴀ", CaseMode::Preserve).as_str(),
            "ACACIA"
        );
    }

    #[test]
    fn percent_escapes_are_decoded_and_map_back_whole() {
        let original = "x%4051.28%2C1.07";
        let normalised = normalise(original);
        assert_eq!(normalised.as_str(), "X@51.28,1.07");
        assert_eq!(normalised.original_span(1..2), Some(1..4));
        assert_eq!(normalise("50% of 100%AB").as_str(), "50% OF 100%AB");
    }

    #[test]
    fn empty_and_out_of_range_spans_have_no_origin() {
        let normalised = normalise("abc");
        assert_eq!(normalised.original_span(1..1), None);
        assert_eq!(normalised.original_span(0..9), None);
    }
}
