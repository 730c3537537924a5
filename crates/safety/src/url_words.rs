//! URLs, e-mail addresses and file names read as words: inside them `_`, `-`, `.`, `+` and `/`
//! stand for spaces (`Refuge_at_12_Acacia_Avenue`, `12-acacia-avenue`, `12.acacia.avenue@…`).

use crate::normalise::NormalisedText;

/// Characters read as a space inside a URL, e-mail address or file name.
const WORD_SEPARATORS: &[char] = &['_', '-', '.', '+', '/'];

/// `view` with the word separators of its URLs, e-mail addresses and file names made spaces,
/// or `None` when it holds none of those. Byte offsets are unchanged, so spans map back.
pub(crate) fn url_words(view: &NormalisedText) -> Option<NormalisedText> {
    let text = view.as_str();
    let mut offsets = Vec::new();
    let mut token_start = 0;
    for token in text.split(' ') {
        if is_url_like(token) {
            offsets.extend(
                token
                    .char_indices()
                    .filter(|(_, c)| WORD_SEPARATORS.contains(c))
                    .map(|(offset, _)| token_start + offset),
            );
        }
        token_start += token.len() + 1;
    }
    (!offsets.is_empty()).then(|| view.with_spaces_at(&offsets))
}

/// Whether `token` (no spaces) is a URL, path, e-mail address or a name joined by underscores.
fn is_url_like(token: &str) -> bool {
    token.contains("://")
        || token.contains('@')
        || token.contains('_')
        || token.to_ascii_lowercase().starts_with("www.")
        || (token.contains('/') && token.contains('.'))
}

#[cfg(test)]
mod tests {
    use super::url_words;
    use crate::normalise::{normalise_with, CaseMode};

    fn read(text: &str) -> Option<String> {
        url_words(&normalise_with(text, CaseMode::Preserve)).map(|view| view.as_str().to_owned())
    }

    #[test]
    fn separators_in_urls_and_addresses_become_spaces() {
        assert_eq!(
            read("See https://x.org/Refuge_at_12_Acacia_Avenue now").as_deref(),
            Some("See https:  x org Refuge at 12 Acacia Avenue now")
        );
        assert_eq!(
            read("12.acacia.avenue@x.org").as_deref(),
            Some("12 acacia avenue@x org")
        );
        assert_eq!(
            read("x.org/12-acacia-avenue").as_deref(),
            Some("x org 12 acacia avenue")
        );
    }

    #[test]
    fn prose_is_left_alone() {
        for text in [
            "£12.50 Green Park",
            "a two-way street",
            "24/7 helpline",
            "e.g. this",
        ] {
            assert_eq!(read(text), None, "{text}");
        }
    }
}
