//! Small capitals (`ᴄᴛ`, from the phonetic blocks) read as the Latin capitals they are drawn as.

/// The Latin capital that the small capital `letter` is drawn as, if it is one.
///
/// Small capitals have no compatibility decomposition and Unicode's confusables list leaves
/// most of them out, yet "fancy text" generators use them to write `ᴄᴛ1 2ᴀʙ`.
pub(super) fn small_capital(letter: char) -> Option<char> {
    let latin = match letter {
        'ᴀ' => 'A',
        'ʙ' => 'B',
        'ᴄ' => 'C',
        'ᴅ' => 'D',
        'ᴇ' => 'E',
        'ꜰ' => 'F',
        'ɢ' => 'G',
        'ʜ' => 'H',
        'ɪ' => 'I',
        'ᴊ' => 'J',
        'ᴋ' => 'K',
        'ʟ' => 'L',
        'ᴍ' => 'M',
        'ɴ' => 'N',
        'ᴏ' => 'O',
        'ᴘ' => 'P',
        'ꞯ' => 'Q',
        'ʀ' => 'R',
        'ꜱ' => 'S',
        'ᴛ' => 'T',
        'ᴜ' => 'U',
        'ᴠ' => 'V',
        'ᴡ' => 'W',
        'ʏ' => 'Y',
        'ᴢ' => 'Z',
        _ => return None,
    };
    Some(latin)
}

#[cfg(test)]
mod tests {
    use super::small_capital;

    #[test]
    fn small_capitals_read_as_capitals() {
        let mapped: String = "ᴄᴛ ᴀʙ ꜱᴡ"
            .chars()
            .map(|c| small_capital(c).unwrap_or(c))
            .collect();
        assert_eq!(mapped, "CT AB SW");
    }

    #[test]
    fn ordinary_letters_are_not_small_capitals() {
        assert_eq!(small_capital('c'), None);
        assert_eq!(small_capital('C'), None);
    }
}
