//! Decimal digits of every script (`١`, `۲`, `३`, `৪`, `๕`…) read as the ASCII digits they mean.

/// The digit zero of every run of ten decimal digits (general category Nd) outside ASCII, in
/// code point order, as of Unicode 16. Each run holds the digits zero to nine in order, so a
/// digit's value is its distance from its run's zero. A unit test checks this list against the
/// `regex` crate's own `\p{Nd}` table, so a newer Unicode release shows up as a failing test.
const ZEROS: &[char] = &[
    '\u{0660}',
    '\u{06F0}',
    '\u{07C0}',
    '\u{0966}',
    '\u{09E6}',
    '\u{0A66}',
    '\u{0AE6}',
    '\u{0B66}',
    '\u{0BE6}',
    '\u{0C66}',
    '\u{0CE6}',
    '\u{0D66}',
    '\u{0DE6}',
    '\u{0E50}',
    '\u{0ED0}',
    '\u{0F20}',
    '\u{1040}',
    '\u{1090}',
    '\u{17E0}',
    '\u{1810}',
    '\u{1946}',
    '\u{19D0}',
    '\u{1A80}',
    '\u{1A90}',
    '\u{1B50}',
    '\u{1BB0}',
    '\u{1C40}',
    '\u{1C50}',
    '\u{A620}',
    '\u{A8D0}',
    '\u{A900}',
    '\u{A9D0}',
    '\u{A9F0}',
    '\u{AA50}',
    '\u{ABF0}',
    '\u{FF10}',
    '\u{104A0}',
    '\u{10D30}',
    '\u{10D40}',
    '\u{11066}',
    '\u{110F0}',
    '\u{11136}',
    '\u{111D0}',
    '\u{112F0}',
    '\u{11450}',
    '\u{114D0}',
    '\u{11650}',
    '\u{116C0}',
    '\u{116D0}',
    '\u{116DA}',
    '\u{11730}',
    '\u{118E0}',
    '\u{11950}',
    '\u{11BF0}',
    '\u{11C50}',
    '\u{11D50}',
    '\u{11DA0}',
    '\u{11F50}',
    '\u{16130}',
    '\u{16A60}',
    '\u{16AC0}',
    '\u{16B50}',
    '\u{16D70}',
    '\u{1CCF0}',
    '\u{1D7CE}',
    '\u{1D7D8}',
    '\u{1D7E2}',
    '\u{1D7EC}',
    '\u{1D7F6}',
    '\u{1E140}',
    '\u{1E2F0}',
    '\u{1E4F0}',
    '\u{1E5F1}',
    '\u{1E950}',
    '\u{1FBF0}',
];

/// The ASCII digit that the decimal digit `digit` of another script stands for.
pub(crate) fn ascii_digit(digit: char) -> Option<char> {
    if digit.is_ascii() {
        return None;
    }
    let after = ZEROS.partition_point(|zero| *zero <= digit);
    let zero = ZEROS.get(after.checked_sub(1)?)?;
    let value = u32::from(digit) - u32::from(*zero);
    (value < 10).then(|| char::from_digit(value, 10)).flatten()
}

#[cfg(test)]
mod tests {
    use super::ascii_digit;
    use crate::pattern::compile;

    #[test]
    fn digits_of_other_scripts_read_as_ascii() {
        let mapped: String = "١٢ ۳۴ ५६ ৭৮ ๙๐ ５"
            .chars()
            .map(|c| ascii_digit(c).unwrap_or(c))
            .collect();
        assert_eq!(mapped, "12 34 56 78 90 5");
    }

    #[test]
    fn every_decimal_digit_is_covered_and_nothing_else() {
        let decimal_digit = compile(r"^\p{Nd}$");
        let mut buffer = [0; 4];
        for code in 0x80..=0x10FFFF {
            let Some(character) = char::from_u32(code) else {
                continue;
            };
            let is_digit = decimal_digit.is_match(character.encode_utf8(&mut buffer));
            assert_eq!(ascii_digit(character).is_some(), is_digit, "U+{code:04X}");
        }
    }

    #[test]
    fn ascii_and_letters_are_not_mapped() {
        assert_eq!(ascii_digit('7'), None);
        assert_eq!(ascii_digit('A'), None);
        assert_eq!(ascii_digit('\u{0669}'), Some('9'));
        assert_eq!(ascii_digit('\u{066A}'), None);
    }
}
