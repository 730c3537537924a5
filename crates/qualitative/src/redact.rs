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
        // which thousands of names are far from — and then the names are searched one by one.
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
        match &self.automaton {
            Some(automaton) => self.find_in_one_pass(automaton, text),
            None => self.find_name_by_name(text),
        }
    }

    /// [`Redactor::find`] with one pass of the automaton over the text.
    fn find_in_one_pass(&self, automaton: &AhoCorasick, text: &str) -> Vec<Redaction> {
        let mut found = Found::new(text);
        // Every occurrence of every name (overlapping ones too), by name in order of precedence.
        let mut occurrences: BTreeMap<usize, Vec<(usize, usize)>> = BTreeMap::new();
        for m in automaton.find_overlapping_iter(&found.haystack) {
            occurrences
                .entry(m.pattern().as_usize())
                .or_default()
                .push((m.start(), m.end()));
        }
        for (name, mut spans) in occurrences {
            let kind = self.names[name].1;
            spans.sort_unstable();
            let mut from = 0;
            for (start, end) in spans {
                if start >= from {
                    from = end;
                    found.offer(start, end, kind);
                }
            }
        }
        found.in_text_order()
    }

    /// [`Redactor::find`] searching the text once per name.
    fn find_name_by_name(&self, text: &str) -> Vec<Redaction> {
        let mut found = Found::new(text);
        for (name, kind) in &self.names {
            let mut from = 0;
            while let Some(pos) = found.haystack[from..].find(name.as_str()) {
                let (start, end) = (from + pos, from + pos + name.len());
                from = end;
                found.offer(start, end, *kind);
            }
        }
        found.in_text_order()
    }
}

/// The redactions found in a text so far, and the spans they take.
struct Found<'t> {
    text: &'t str,
    /// The text in ASCII lower case (same byte offsets).
    haystack: String,
    taken: Vec<(usize, usize)>,
    redactions: Vec<Redaction>,
}

impl<'t> Found<'t> {
    fn new(text: &'t str) -> Self {
        Found {
            text,
            haystack: text.to_ascii_lowercase(),
            taken: Vec::new(),
            redactions: Vec::new(),
        }
    }

    /// Takes the occurrence `start..end` of a name when it is a whole word and overlaps
    /// nothing taken before (by a longer name, or earlier in the text).
    fn offer(&mut self, start: usize, end: usize, kind: NameKind) {
        let before = self.haystack[..start].chars().next_back();
        let after = self.haystack[end..].chars().next();
        let whole =
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric);
        if whole && !self.taken.iter().any(|(s, e)| start < *e && *s < end) {
            self.taken.push((start, end));
            self.redactions.push(Redaction {
                start,
                end,
                found: self.text[start..end].to_string(),
                replacement: kind.placeholder().to_string(),
            });
        }
    }

    fn in_text_order(mut self) -> Vec<Redaction> {
        self.redactions.sort_by_key(|r| r.start);
        self.redactions
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

    proptest::proptest! {
        #[test]
        fn one_pass_finds_what_a_search_per_name_finds(
            names in proptest::collection::vec("[a-cA-C ]{2,6}", 0..8),
            text in "[a-cA-C .é]{0,60}",
        ) {
            let redactor = Redactor::new(names.into_iter().map(|n| (n, NameKind::Area)));
            // The automaton is there whenever there are names: the two searches are compared.
            proptest::prop_assert_eq!(redactor.automaton.is_some(), !redactor.names.is_empty());
            proptest::prop_assert_eq!(redactor.find(&text), redactor.find_name_by_name(&text));
        }
    }

    #[test]
    fn approving_only_some_redactions_applies_only_those() {
        let text = "York and Kent";
        let found = redactor().find(text);
        assert_eq!(apply(text, &found[1..]), "York and [area]");
    }
}
