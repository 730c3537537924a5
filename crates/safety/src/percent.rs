//! Percent-encoded characters (`%40` for `@`, `%2C` for `,`, `%C2%B0` for `°`) read as the
//! characters they encode, so a URL-encoded location is matched like a plain one.

/// The character encoded at the start of `text` and how many bytes of `text` encode it.
///
/// `text` must start with `%`. One to four `%XX` escapes are read as the UTF-8 bytes of one
/// character. Only printable ASCII, tabs and line breaks, and well-formed multi-byte
/// characters are decoded: a lone `%` (`50% of women`), a bad escape (`100%AB`) or an
/// encoded control character is left as it is written.
pub(crate) fn decode_at(text: &str) -> Option<(char, usize)> {
    let first = escaped_byte(text)?;
    let length = match first {
        b'\t' | b'\n' | b'\r' | 0x20..=0x7E => 1,
        0xC2..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF4 => 4,
        _ => return None,
    };
    let mut bytes = [first, 0, 0, 0];
    for (index, slot) in bytes.iter_mut().enumerate().take(length).skip(1) {
        *slot = escaped_byte(text.get(index * 3..)?)?;
    }
    let decoded = std::str::from_utf8(bytes.get(..length)?).ok()?;
    let character = decoded.chars().next()?;
    Some((character, length * 3))
}

/// The byte written as `%XX` at the start of `text`.
fn escaped_byte(text: &str) -> Option<u8> {
    let hex = text.strip_prefix('%')?.get(..2)?;
    if !hex.bytes().all(|byte| byte.is_ascii_hexdigit()) {
        return None;
    }
    u8::from_str_radix(hex, 16).ok()
}

#[cfg(test)]
mod tests {
    use super::decode_at;

    #[test]
    fn ascii_and_multi_byte_escapes_are_decoded() {
        assert_eq!(decode_at("%40x"), Some(('@', 3)));
        assert_eq!(decode_at("%2c"), Some((',', 3)));
        assert_eq!(decode_at("%C2%B0N"), Some(('°', 6)));
        assert_eq!(decode_at("%E2%80%B2"), Some(('′', 9)));
    }

    #[test]
    fn bad_and_unsafe_escapes_are_left_alone() {
        for text in [
            "%",
            "% of",
            "%4",
            "%ZZ",
            "%AB",
            "%C2",
            "%C2%41",
            "%00",
            "%7F",
            "%F5%80%80%80",
        ] {
            assert_eq!(decode_at(text), None, "{text}");
        }
    }
}
