//! what3words addresses: `///filled.count.soap` or `filled.count.soap`.
//!
//! With the `///` prefix any three dotted words count. Without it the words must be lower
//! case, at least two letters each, not part of a longer dotted name, an e-mail address or a
//! path, and the last word must not be a common web domain ending (`www.example.org`,
//! `kent.gov.uk`) or file extension (`report.final.pdf`).

use std::sync::LazyLock;

use regex::{Captures, Regex};

use crate::finding::{Detection, LocationKind};
use crate::scan::{char_at, char_before, compile, scan, ScanInput};

/// Three dotted words, optionally after `///`, in the case-preserving text.
static THREE_WORDS: LazyLock<Regex> =
    LazyLock::new(|| compile(r"(?P<slashes>/// ?)?\b(?P<words>\p{L}+\.\p{L}+\.\p{L}+)\b"));

/// Last parts that make a dotted name a web domain.
const DOMAIN_ENDINGS: &[&str] = &[
    "ac", "ai", "app", "au", "biz", "ca", "charity", "co", "com", "cymru", "de", "dev", "edu",
    "es", "eu", "fr", "gov", "ie", "in", "info", "int", "io", "it", "london", "ltd", "me", "mil",
    "mod", "net", "ngo", "nhs", "nl", "nz", "online", "org", "plc", "police", "sch", "scot",
    "site", "tv", "uk", "us", "wales", "xyz",
];

/// Last parts that make a dotted name a file name.
const FILE_EXTENSIONS: &[&str] = &[
    "csv", "doc", "docx", "exe", "gif", "gz", "htm", "html", "jpeg", "jpg", "js", "json", "md",
    "mov", "mp3", "mp4", "msi", "odt", "ods", "pdf", "png", "ppt", "pptx", "py", "rs", "rtf",
    "svg", "tar", "toml", "txt", "wav", "xls", "xlsx", "xml", "yaml", "yml", "zip",
];

/// Characters that, touching the words, show they belong to an address, path or longer name.
const ATTACHED: &[char] = &['.', '@', '/', '\\', '-', '_', ':', '#', '=', '&', '?', '%'];

/// what3words addresses in the case-preserving text.
pub(crate) fn detect(input: &ScanInput<'_>) -> Vec<Detection> {
    let text = input.cased.as_str();
    scan(&THREE_WORDS, &input.cased, |captures| {
        let whole = captures.get(0)?;
        let prefixed = captures.name("slashes").is_some();
        (prefixed || is_bare_address(text, captures)).then(|| whole.range())
    })
    .into_iter()
    .map(|span| Detection::new(LocationKind::What3Words, span))
    .collect()
}

/// Whether three dotted words without `///` read as a what3words address.
fn is_bare_address(text: &str, captures: &Captures<'_>) -> bool {
    let Some(words) = captures.name("words") else {
        return false;
    };
    let parts: Vec<&str> = words.as_str().split('.').collect();
    let shaped_like_words = parts
        .iter()
        .all(|part| part.chars().count() >= 2 && part.chars().all(char::is_lowercase));
    let last = parts.last().copied().unwrap_or_default();
    let first = parts.first().copied().unwrap_or_default();
    let named_like_a_file_or_site =
        first == "www" || DOMAIN_ENDINGS.contains(&last) || FILE_EXTENSIONS.contains(&last);
    let attached_before = char_before(text, words.start()).is_some_and(|c| ATTACHED.contains(&c));
    let attached_after = char_at(text, words.end()).is_some_and(|c| {
        let continues_name =
            c == '.' && char_at(text, words.end() + 1).is_some_and(char::is_alphanumeric);
        continues_name || (c != '.' && ATTACHED.contains(&c))
    });
    shaped_like_words && !named_like_a_file_or_site && !attached_before && !attached_after
}

#[cfg(test)]
mod tests {
    use super::detect;
    use crate::scan::ScanInput;

    fn found(text: &str) -> Vec<String> {
        let input = ScanInput::new(text);
        detect(&input)
            .into_iter()
            .filter_map(|detection| text.get(detection.span).map(str::to_owned))
            .collect()
    }

    #[test]
    fn finds_addresses_with_and_without_slashes() {
        assert_eq!(found("///filled.count.soap"), vec!["///filled.count.soap"]);
        assert_eq!(found("at filled.count.soap."), vec!["filled.count.soap"]);
        assert_eq!(
            found("/// Filled.Count.Soap"),
            vec!["/// Filled.Count.Soap"]
        );
        assert_eq!(found("///index.home.raft"), vec!["///index.home.raft"]);
    }

    #[test]
    fn ignores_domains_files_and_abbreviations() {
        for text in [
            "www.example.org",
            "https://www.example.org/contact",
            "kent.police.uk",
            "info@mail.example.com",
            "e.g. counselling",
            "i.e. the service",
            "report.final.pdf",
            "Filled.Count.Soap",
            "a.b.c",
            "first.second.third.fourth",
            "https://example.net/one.two.three",
        ] {
            assert!(found(text).is_empty(), "{text}: {:?}", found(text));
        }
    }
}
