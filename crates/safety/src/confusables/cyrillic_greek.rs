//! Cyrillic and Greek letters that look like Latin ones, mapped by hand with their case kept.

/// The Latin letter that `letter` is commonly mistaken for, if it is a known look-alike.
///
/// Case is kept where the look-alike has one: Cyrillic `а` maps to `a`, `А` to `A`.
/// Lower-case Cyrillic letters that look like small capitals (`в`, `к`, `м`, `н`, `т`)
/// map to the Latin letter whose capital they resemble.
pub(super) fn cyrillic_or_greek(letter: char) -> Option<char> {
    let latin = match letter {
        // Cyrillic capitals.
        'А' => 'A',
        'В' => 'B',
        'С' => 'C',
        'Е' | 'Ё' => 'E',
        'Н' => 'H',
        'І' | 'Ӏ' => 'I',
        'Ј' => 'J',
        'К' => 'K',
        'М' => 'M',
        'О' => 'O',
        'Р' => 'P',
        'Ѕ' => 'S',
        'Т' => 'T',
        'Х' => 'X',
        'У' | 'Ү' => 'Y',
        'Ԛ' => 'Q',
        'Ԝ' => 'W',
        'З' => '3',
        // Cyrillic small letters.
        'а' => 'a',
        'в' => 'b',
        'с' => 'c',
        'ԁ' => 'd',
        'е' | 'ё' => 'e',
        'һ' | 'н' => 'h',
        'і' => 'i',
        'ј' => 'j',
        'к' => 'k',
        'м' => 'm',
        'о' => 'o',
        'р' => 'p',
        'ԛ' => 'q',
        'ѕ' => 's',
        'т' => 't',
        'х' => 'x',
        'у' | 'ү' => 'y',
        'ԝ' => 'w',
        // Greek capitals.
        'Α' => 'A',
        'Β' => 'B',
        'Ε' => 'E',
        'Ζ' => 'Z',
        'Η' => 'H',
        'Ι' => 'I',
        'Κ' => 'K',
        'Μ' => 'M',
        'Ν' => 'N',
        'Ο' => 'O',
        'Ρ' => 'P',
        'Τ' => 'T',
        'Υ' => 'Y',
        'Χ' => 'X',
        // Greek small letters.
        'α' => 'a',
        'ι' => 'i',
        'κ' => 'k',
        'ν' => 'v',
        'ο' => 'o',
        'ρ' => 'p',
        'τ' => 't',
        'υ' => 'u',
        'χ' => 'x',
        _ => return None,
    };
    Some(latin)
}

#[cfg(test)]
mod tests {
    use super::cyrillic_or_greek;

    #[test]
    fn cyrillic_and_greek_capitals_map_to_latin() {
        let mapped: String = "СТАВ ΑΒΕΚΜΟΤ"
            .chars()
            .map(|c| cyrillic_or_greek(c).unwrap_or(c))
            .collect();
        assert_eq!(mapped, "CTAB ABEKMOT");
    }

    #[test]
    fn latin_letters_are_not_look_alikes() {
        assert_eq!(cyrillic_or_greek('A'), None);
        assert_eq!(cyrillic_or_greek('z'), None);
    }
}
