//! Look-alike letters from other scripts mapped to the Latin letters they imitate.

mod cyrillic_greek;
mod enclosed;
mod skeleton;
mod small_capitals;

/// The Latin letter that `letter` is commonly mistaken for, if it is a known look-alike.
///
/// Checked in turn: the hand-made Cyrillic and Greek table (case kept: Cyrillic `а` maps to
/// `a`, `А` to `A`), small capitals (`ᴄ` is `C`), letters in shapes (`🅒`, `🇨`), then Unicode's
/// confusables table for the scripts used to imitate Latin (Cherokee `Ꮯ` and Lisu `ꓚ` are `C`).
pub(crate) fn latin_look_alike(letter: char) -> Option<char> {
    if letter.is_ascii() {
        return None;
    }
    cyrillic_greek::cyrillic_or_greek(letter)
        .or_else(|| small_capitals::small_capital(letter))
        .or_else(|| enclosed::enclosed_letter(letter))
        .or_else(|| skeleton::confusable_letter(letter))
}

#[cfg(test)]
mod tests {
    use super::latin_look_alike;

    fn mapped(text: &str) -> String {
        text.chars()
            .map(|c| latin_look_alike(c).unwrap_or(c))
            .collect()
    }

    #[test]
    fn every_source_of_look_alikes_is_consulted() {
        assert_eq!(mapped("СТ ΑΒ ᴄᴛ 🅒🅣 ᏟᎢ ꓚꓔ"), "CT AB CT CT CT CT");
    }

    #[test]
    fn ascii_is_left_alone() {
        assert_eq!(mapped("CT1 2AB l|0"), "CT1 2AB l|0");
    }
}
