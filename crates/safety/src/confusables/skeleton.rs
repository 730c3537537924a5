//! Look-alike letters from the scripts used to imitate Latin (Cherokee, Lisu, Canadian
//! syllabics, Coptic, Tifinagh, runes, extended Latin and phonetic letters), read through the
//! Unicode confusables table (UTS #39 skeletons, from the `unicode-security` crate).
//!
//! Only scripts whose letters serve as Latin disguises are read this way. Scripts that people
//! write their own languages in (Arabic, Hebrew, the Indic scripts, Armenian, Georgian, Han and
//! others) are left alone: the table maps many of their everyday letters to `l` and `o`, which
//! would turn ordinary answers into Latin noise. Cyrillic and Greek have their own hand-made
//! table. A letter is only ever read as a Latin letter, never as a digit (`б` is not `6`).

use std::ops::RangeInclusive;

use unicode_normalization::char::is_combining_mark;
use unicode_security::skeleton;

/// Blocks whose letters are read through the confusables table.
const IMITATING_BLOCKS: &[RangeInclusive<char>] = &[
    '\u{0080}'..='\u{02AF}', // Latin-1 Supplement, Latin Extended-A and -B, IPA Extensions.
    '\u{13A0}'..='\u{13FF}', // Cherokee.
    '\u{1400}'..='\u{167F}', // Unified Canadian Aboriginal Syllabics.
    '\u{16A0}'..='\u{16FF}', // Runic.
    '\u{1D00}'..='\u{1DBF}', // Phonetic Extensions and their Supplement.
    '\u{1E00}'..='\u{1EFF}', // Latin Extended Additional.
    '\u{2100}'..='\u{214F}', // Letterlike Symbols.
    '\u{2C60}'..='\u{2CFF}', // Latin Extended-C, Coptic.
    '\u{2D30}'..='\u{2D7F}', // Tifinagh.
    '\u{A4D0}'..='\u{A4FF}', // Lisu.
    '\u{A720}'..='\u{A7FF}', // Latin Extended-D.
    '\u{AB30}'..='\u{ABBF}', // Latin Extended-E, Cherokee Supplement.
];

/// The ASCII letter that Unicode's confusables table gives for `letter`, if `letter` is a
/// letter of an imitating script whose skeleton is a single ASCII letter (marks ignored).
///
/// A letter that is not lower case and whose skeleton is `l` (Lisu `ꓲ`, which imitates `I`)
/// is read as `I`.
pub(super) fn confusable_letter(letter: char) -> Option<char> {
    if letter.is_ascii()
        || !letter.is_alphabetic()
        || !IMITATING_BLOCKS.iter().any(|block| block.contains(&letter))
    {
        return None;
    }
    let mut buffer = [0; 4];
    let mut prototype =
        skeleton(letter.encode_utf8(&mut buffer)).filter(|c| !is_combining_mark(*c));
    let latin = prototype.next().filter(char::is_ascii_alphabetic)?;
    if prototype.next().is_some() {
        return None;
    }
    Some(if latin == 'l' && !letter.is_lowercase() {
        'I'
    } else {
        latin
    })
}

#[cfg(test)]
mod tests {
    use super::confusable_letter;

    fn mapped(text: &str) -> String {
        text.chars()
            .map(|c| confusable_letter(c).unwrap_or(c))
            .collect()
    }

    #[test]
    fn cherokee_and_lisu_read_as_latin() {
        assert_eq!(mapped("ᏟᎢ ᎪᏴ"), "CT AB");
        assert_eq!(mapped("ꓚꓔ ꓮꓐ ꓲ"), "CT AB I");
    }

    #[test]
    fn other_latin_letters_read_as_plain_latin() {
        assert_eq!(mapped("ø Ø ł ı ȷ ℓ"), "o O l i j l");
    }

    #[test]
    fn everyday_scripts_and_digits_are_left_alone() {
        for text in [
            "سلام",
            "שלום",
            "नमस्ते",
            "Բարեւ",
            "ა",
            "中",
            "б",
            "Ʒ",
            "×",
            "|",
        ] {
            assert_eq!(mapped(text), text, "{text}");
        }
    }
}
