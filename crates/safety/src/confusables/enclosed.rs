//! Letters drawn inside shapes that compatibility decomposition leaves alone: negative circled
//! `🅒`, negative squared `🅲` and regional indicator `🇨` letters.

/// First code point of each run of 26 enclosed capitals, A to Z.
const ENCLOSED_ALPHABETS: [u32; 3] = [
    0x1F150, // Negative circled capitals.
    0x1F170, // Negative squared capitals.
    0x1F1E6, // Regional indicator symbols.
];

/// The Latin capital drawn inside `symbol`, if it is an enclosed letter.
pub(super) fn enclosed_letter(symbol: char) -> Option<char> {
    let code = u32::from(symbol);
    ENCLOSED_ALPHABETS.iter().find_map(|&first| {
        let offset = code.checked_sub(first).filter(|offset| *offset < 26)?;
        char::from_u32(u32::from('A') + offset)
    })
}

#[cfg(test)]
mod tests {
    use super::enclosed_letter;

    #[test]
    fn enclosed_letters_read_as_capitals() {
        let mapped: String = "🅒🅣 🅰🅱 🇨🇹"
            .chars()
            .map(|c| enclosed_letter(c).unwrap_or(c))
            .collect();
        assert_eq!(mapped, "CT AB CT");
    }

    #[test]
    fn neighbouring_symbols_are_not_letters() {
        assert_eq!(enclosed_letter('\u{1F16A}'), None);
        assert_eq!(enclosed_letter('\u{1F200}'), None);
        assert_eq!(enclosed_letter('A'), None);
    }
}
