//! Redaction of quotes before publication: names the platform knows (police force areas, local
//! authorities, services, organisations, people) are found as whole words, case-insensitively,
//! and replaced by `[area]`, `[service]` or `[name]`. Each redaction is proposed for a reviewer
//! to approve; the answer itself is never changed.

use aho_corasick::AhoCorasick;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NameKind {
    /// A police force area, local authority or other place.
    Area,
    /// A service or organisation.
    Service,
    /// A person.
    Person,
}

impl NameKind {
    pub fn placeholder(self) -> &'static str {
        match self {
            NameKind::Area => "[area]",
            NameKind::Service => "[service]",
            NameKind::Person => "[name]",
        }
    }
}

/// A proposed redaction: `start..end` in bytes of the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Redaction {
    pub start: usize,
    pub end: usize,
    pub found: String,
    pub replacement: String,
}

/// The names to look for, and one automaton that finds them all in a single pass of a text.
#[derive(Debug, Clone, Default)]
pub struct Redactor {
    /// (lower-cased name, kind), longest first so "West Yorkshire" wins over "York".
    names: Vec<(String, NameKind)>,
    /// Finds every occurrence of every name (pattern `i` is `names[i]`); none without names.
    automaton: Option<AhoCorasick>,
}

impl Redactor {
    pub fn new(names: impl IntoIterator<Item = (String, NameKind)>) -> Self {
        let mut names: Vec<(String, NameKind)> = names
            .into_iter()
            .map(|(n, k)| (n.trim().to_ascii_lowercase(), k))
            .filter(|(n, _)| n.chars().count() >= 3)
            .collect();
        names.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
        names.dedup_by(|a, b| a.0 == b.0);
        // Names are plain lower-case text; an automaton is refused only past its size limits,
        // which thousands of names are far from (then no name is found rather than a failure).
        let automaton = (!names.is_empty())
            .then(|| AhoCorasick::new(names.iter().map(|(n, _)| n)).ok())
            .flatten();
        Self { names, automaton }
    }

    /// Every known name in `text`, as whole words, without overlaps, in text order. Matching
    /// ignores ASCII case (which keeps byte offsets the same in the text and its lower case).
    /// Longer names are taken first; each name's occurrences are read left to right, each
    /// search going on after the last occurrence found.
    pub fn find(&self, text: &str) -> Vec<Redaction> {
        let Some(automaton) = &self.automaton else {
            return Vec::new();
        };
        let haystack = text.to_ascii_lowercase();
        // Every occurrence of every name (overlapping ones too), by name in order of precedence.
        let mut occurrences: BTreeMap<usize, Vec<(usize, usize)>> = BTreeMap::new();
        for m in automaton.find_overlapping_iter(&haystack) {
            occurrences
                .entry(m.pattern().as_usize())
                .or_default()
                .push((m.start(), m.end()));
        }
        let mut taken: Vec<(usize, usize)> = Vec::new();
        let mut found = Vec::new();
        for (name, mut spans) in occurrences {
            let kind = self.names[name].1;
            spans.sort_unstable();
            let mut from = 0;
            for (start, end) in spans {
                if start < from {
                    continue;
                }
                from = end;
                let before = haystack[..start].chars().next_back();
                let after = haystack[end..].chars().next();
                let whole = !before.is_some_and(char::is_alphanumeric)
                    && !after.is_some_and(char::is_alphanumeric);
                if whole && !taken.iter().any(|(s, e)| start < *e && *s < end) {
                    taken.push((start, end));
                    found.push(Redaction {
                        start,
                        end,
                        found: text[start..end].to_string(),
                        replacement: kind.placeholder().to_string(),
                    });
                }
            }
        }
        found.sort_by_key(|r| r.start);
        found
    }
}

/// The text with the given redactions applied.
pub fn apply(text: &str, redactions: &[Redaction]) -> String {
    let mut sorted: Vec<&Redaction> = redactions.iter().collect();
    sorted.sort_by_key(|r| r.start);
    let mut out = String::new();
    let mut at = 0;
    for r in sorted {
        if r.start < at || r.end > text.len() {
            continue;
        }
        out.push_str(&text[at..r.start]);
        out.push_str(&r.replacement);
        at = r.end;
    }
    out.push_str(&text[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn redactor() -> Redactor {
        Redactor::new([
            ("West Yorkshire".to_string(), NameKind::Area),
            ("York".to_string(), NameKind::Area),
            ("Kent".to_string(), NameKind::Area),
            ("Harbour Idva Service".to_string(), NameKind::Service),
            ("Ann Idva".to_string(), NameKind::Person),
        ])
    }

    #[test]
    fn whole_known_names_become_placeholders() {
        let text = "In west yorkshire and Kent, the Harbour Idva Service (Ann Idva) helped; Kentish towns too.";
        let found = redactor().find(text);
        assert_eq!(
            found.iter().map(|r| r.found.as_str()).collect::<Vec<_>>(),
            vec!["west yorkshire", "Kent", "Harbour Idva Service", "Ann Idva"]
        );
        assert_eq!(
            apply(text, &found),
            "In [area] and [area], the [service] ([name]) helped; Kentish towns too."
        );
    }

    /// The search as it was first written, one name at a time: the automaton must agree.
    fn one_name_at_a_time(redactor: &Redactor, text: &str) -> Vec<Redaction> {
        let haystack = text.to_ascii_lowercase();
        let mut taken: Vec<(usize, usize)> = Vec::new();
        let mut found = Vec::new();
        for (name, kind) in &redactor.names {
            let mut from = 0;
            while let Some(pos) = haystack[from..].find(name.as_str()) {
                let (start, end) = (from + pos, from + pos + name.len());
                from = end;
                let before = haystack[..start].chars().next_back();
                let after = haystack[end..].chars().next();
                let whole = !before.is_some_and(char::is_alphanumeric)
                    && !after.is_some_and(char::is_alphanumeric);
                if whole && !taken.iter().any(|(s, e)| start < *e && *s < end) {
                    taken.push((start, end));
                    found.push(Redaction {
                        start,
                        end,
                        found: text[start..end].to_string(),
                        replacement: kind.placeholder().to_string(),
                    });
                }
            }
        }
        found.sort_by_key(|r| r.start);
        found
    }

    proptest::proptest! {
        #[test]
        fn one_pass_finds_what_a_search_per_name_finds(
            names in proptest::collection::vec("[a-cA-C ]{2,6}", 0..8),
            text in "[a-cA-C .é]{0,60}",
        ) {
            let redactor = Redactor::new(names.into_iter().map(|n| (n, NameKind::Area)));
            proptest::prop_assert_eq!(redactor.find(&text), one_name_at_a_time(&redactor, &text));
        }
    }

    #[test]
    fn approving_only_some_redactions_applies_only_those() {
        let text = "York and Kent";
        let found = redactor().find(text);
        assert_eq!(apply(text, &found[1..]), "York and [area]");
    }
}
