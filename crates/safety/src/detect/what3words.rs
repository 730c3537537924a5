//! what3words addresses: `///filled.count.soap`, `filled.count.soap`, `Filled.Count.Soap`, and
//! with a middle dot or bullet between the words (`filled·count·soap`, `filled•count•soap`).
//!
//! With the `///` prefix any three dotted words count. Without it the words must be all lower
//! case or all capitalised, at least two letters each, not part of a longer dotted name, an
//! e-mail address or a path, and the last word must not be a common web domain ending
//! (`www.example.org`, `kent.gov.uk`) or file extension (`report.final.pdf`). Three words with
//! spaces between them (`filled count soap`) are prose and never match.

use std::sync::LazyLock;

use regex::{Captures, Regex};

use crate::finding::{Detection, LocationKind};
use crate::scan::{char_at, char_before, compile, scan, ScanInput};

/// What may stand between the words: a full stop, or a middle dot, bullet or similar point.
const SEPARATORS: &str = ".·•∙⋅・‧。";

/// Three words joined by separators, optionally after `///`, in the case-preserving text.
static THREE_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    let separator = format!("[{SEPARATORS}]");
    compile(&format!(
        r"(?P<slashes>/// ?)?\b(?P<words>\p{{L}}+{separator}\p{{L}}+{separator}\p{{L}}+)\b"
    ))
});

/// Titles that start a dotted name (`Mr.Smith.Jones`) rather than an address.
const TITLES: &[&str] = &["dr", "miss", "mr", "mrs", "ms", "mx", "prof", "rev", "st"];

/// Day and month abbreviations: three of them in a row are a schedule (`Mon·Wed·Fri`).
const CALENDAR_WORDS: &[&str] = &[
    "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "jan", "feb", "mar",
    "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
];

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
    let parts: Vec<&str> = words.as_str().split(|c| SEPARATORS.contains(c)).collect();
    let long_enough = parts.iter().all(|part| part.chars().count() >= 2);
    let lower_case = parts
        .iter()
        .all(|part| part.chars().all(char::is_lowercase));
    let capitalised = parts.iter().all(|part| is_capitalised(part));
    let lowered: Vec<String> = parts.iter().map(|part| part.to_lowercase()).collect();
    let first = lowered.first().map_or("", String::as_str);
    let last = lowered.last().map_or("", String::as_str);
    let named_like_something_else = first == "www"
        || DOMAIN_ENDINGS.contains(&last)
        || FILE_EXTENSIONS.contains(&last)
        || TITLES.contains(&first)
        || lowered
            .iter()
            .all(|word| CALENDAR_WORDS.contains(&word.as_str()));
    let attached_before = char_before(text, words.start())
        .is_some_and(|c| ATTACHED.contains(&c) || SEPARATORS.contains(c));
    let attached_after = char_at(text, words.end()).is_some_and(|c| {
        let separator_then_more = SEPARATORS.contains(c)
            && char_at(text, words.end() + c.len_utf8()).is_some_and(char::is_alphanumeric);
        separator_then_more || (!SEPARATORS.contains(c) && ATTACHED.contains(&c))
    });
    long_enough
        && (lower_case || capitalised)
        && !named_like_something_else
        && !attached_before
        && !attached_after
}

/// Whether `word` is one capital followed by lower-case letters (`Filled`).
fn is_capitalised(word: &str) -> bool {
    let mut letters = word.chars();
    letters.next().is_some_and(char::is_uppercase) && letters.all(char::is_lowercase)
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
        assert_eq!(found("Filled.Count.Soap"), vec!["Filled.Count.Soap"]);
    }

    #[test]
    fn finds_addresses_with_points_between_the_words() {
        for text in [
            "filled·count·soap",
            "filled•count•soap",
            "filled∙count∙soap",
        ] {
            assert_eq!(found(text), vec![text.to_owned()], "{text}");
        }
        assert_eq!(found("at filled·count·soap."), vec!["filled·count·soap"]);
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
            "filled count soap",
            "filled · count · soap",
            "English • Polish • Urdu",
            "Mon·Wed·Fri",
            "Mr.Smith.Jones",
            "Www.Example.Org",
            "FILLED.COUNT.SOAP",
            "Filled.count.Soap",
            "a.b.c",
            "first.second.third.fourth",
            "first·second·third·fourth",
            "https://example.net/one.two.three",
        ] {
            assert!(found(text).is_empty(), "{text}: {:?}", found(text));
        }
    }
}
