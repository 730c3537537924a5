//! The languages support can be given in: ISO 639-1, with English names, from
//! `fixtures/languages-iso-639-1.csv` (Debian's iso-codes; see `fixtures/README.md`).

use std::sync::OnceLock;

const LIST: &str = include_str!("../../../fixtures/languages-iso-639-1.csv");

/// `(code, name)` for every language, in the order of the list (by name).
pub fn all() -> &'static [(String, String)] {
    static ALL: OnceLock<Vec<(String, String)>> = OnceLock::new();
    ALL.get_or_init(|| {
        LIST.lines()
            .skip(1)
            .filter_map(|line| {
                let (code, name) = line.split_once(',')?;
                Some((
                    code.trim().to_string(),
                    name.trim().trim_matches('"').to_string(),
                ))
            })
            .collect()
    })
}

/// A language's English name (its first, where the list gives several), or `None` for a code
/// not in the list.
pub fn name_of(code: &str) -> Option<&'static str> {
    all()
        .iter()
        .find(|(c, _)| c == code)
        .map(|(_, name)| name.split(" / ").next().unwrap_or(name))
}

/// The code of a language given by code or by any of its English names.
pub fn code_of(given: &str) -> Option<&'static str> {
    let given = given.trim();
    all()
        .iter()
        .find(|(code, name)| {
            code.eq_ignore_ascii_case(given)
                || name.split(" / ").any(|n| n.eq_ignore_ascii_case(given))
        })
        .map(|(code, _)| code.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_names_both_ways() {
        assert_eq!(all().len(), 184);
        assert_eq!(code_of("punjabi"), Some("pa"));
        assert_eq!(code_of("Welsh"), Some("cy"));
        assert_eq!(name_of("pa"), Some("Panjabi"));
        assert_eq!(code_of("Klingon"), None);
    }
}
