//! Splitting an answer into comments: spans of the original text (character offsets), suggested
//! at sentence and clause boundaries and adjustable by the coder, and re-cut when the respondent
//! amends the answer. The answer is never changed here.

use serde::{Deserialize, Serialize};

/// `start..end` in characters of the answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    /// The span's text.
    pub fn text(self, answer: &str) -> String {
        answer
            .chars()
            .skip(self.start)
            .take(self.end.saturating_sub(self.start))
            .collect()
    }
}

/// Words ending in a full stop that do not end a sentence.
const ABBREVIATIONS: [&str; 9] = [
    "e.g.", "i.e.", "mr.", "mrs.", "ms.", "dr.", "st.", "no.", "vs.",
];

/// Whether the full stop at `i` ends an abbreviation.
fn ends_abbreviation(chars: &[char], i: usize) -> bool {
    let start = chars[..i]
        .iter()
        .rposition(|c| c.is_whitespace())
        .map_or(0, |p| p + 1);
    let word: String = chars[start..=i].iter().collect::<String>().to_lowercase();
    ABBREVIATIONS.contains(&word.as_str())
}

/// Suggested comments: split after `.`, `!`, `?` or `;` followed by white space (not after an
/// abbreviation such as "e.g."), and at line breaks; surrounding white space is left out.
pub fn suggest(answer: &str) -> Vec<Span> {
    let chars: Vec<char> = answer.chars().collect();
    let mut spans = Vec::new();
    let mut start = 0;
    for i in 0..chars.len() {
        let boundary = chars[i] == '\n'
            || (matches!(chars[i], '.' | '!' | '?' | ';')
                && chars.get(i + 1).is_some_and(|c| c.is_whitespace())
                && !(chars[i] == '.' && ends_abbreviation(&chars, i)));
        if boundary {
            push_trimmed(&chars, start, i + 1, &mut spans);
            start = i + 1;
        }
    }
    push_trimmed(&chars, start, chars.len(), &mut spans);
    spans
}

fn push_trimmed(chars: &[char], mut start: usize, mut end: usize, spans: &mut Vec<Span>) {
    while start < end && chars[start].is_whitespace() {
        start += 1;
    }
    while end > start && chars[end - 1].is_whitespace() {
        end -= 1;
    }
    if end > start && chars[start..end].iter().any(|c| c.is_alphanumeric()) {
        spans.push(Span { start, end });
    }
}

/// Where comments start and end, marked by a coder as `|` between them in the answer's text.
pub const MARK: char = '|';

/// The answer with a [`MARK`] between each pair of comments, for a coder to move.
pub fn marked(answer: &str, spans: &[Span]) -> String {
    let mut out = String::new();
    for (i, c) in answer.chars().enumerate() {
        if i > 0 && spans.iter().any(|s| s.start == i) && spans.iter().any(|s| s.end <= i) {
            out.push(MARK);
        }
        out.push(c);
    }
    out
}

/// Reads a coder's marked text back as spans of the answer. Apart from the marks (and line
/// endings, which browsers send as CRLF) the text must be the answer exactly.
pub fn from_marked(answer: &str, marked: &str) -> Result<Vec<Span>, String> {
    let original: Vec<char> = answer.chars().collect();
    let given: Vec<char> = marked.chars().collect();
    let (mut a, mut g) = (0, 0);
    let mut cuts = vec![0];
    while a < original.len() || g < given.len() {
        match (original.get(a), given.get(g)) {
            (Some(x), Some(y)) if x == y => {
                a += 1;
                g += 1;
            }
            (_, Some(&MARK)) => {
                cuts.push(a);
                g += 1;
            }
            (Some('\r'), _) => a += 1,
            (_, Some('\r')) => g += 1,
            _ => {
                let near: String = original[a.min(original.len())..].iter().take(30).collect();
                return Err(format!(
                    "the text was changed near \"{near}\"; only add, move or remove {MARK} between comments"
                ));
            }
        }
    }
    cuts.push(original.len());
    let mut spans = Vec::new();
    for pair in cuts.windows(2) {
        push_trimmed(&original, pair[0], pair[1], &mut spans);
    }
    if spans.is_empty() {
        return Err("the answer has no comment left".into());
    }
    Ok(spans)
}

/// Checks a coder's spans: inside the answer, not empty, in order and not overlapping.
pub fn check(answer: &str, spans: &[Span]) -> Result<(), String> {
    let len = answer.chars().count();
    let mut previous_end = 0;
    for (i, s) in spans.iter().enumerate() {
        if s.start >= s.end {
            return Err(format!("comment {}: is empty", i + 1));
        }
        if s.end > len {
            return Err(format!(
                "comment {}: runs past the end of the answer ({len} characters)",
                i + 1
            ));
        }
        if s.start < previous_end {
            return Err(format!("comment {}: overlaps the comment before it", i + 1));
        }
        previous_end = s.end;
    }
    Ok(())
}

/// What becomes of an answer's comments when the respondent changes the answer after it was
/// split: comments whose text is still in the answer stay (at their new place), the others go,
/// and the answer's new text becomes new comments at suggested boundaries.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Recut {
    /// For each earlier comment, in the order given: where its text now is, or `None` when the
    /// answer no longer has it.
    pub kept: Vec<Option<Span>>,
    /// Comments for text the earlier comments do not cover, in text order.
    pub added: Vec<Span>,
}

impl Recut {
    /// Whether the re-cut leaves every comment where it was (`before`, in the order given to
    /// [`recut`]) and adds none.
    pub fn changes_nothing(&self, before: &[Span]) -> bool {
        self.added.is_empty()
            && self.kept.len() == before.len()
            && self.kept.iter().zip(before).all(|(k, b)| *k == Some(*b))
    }
}

/// Re-cuts a changed `answer` whose earlier comments had the texts `comments` (in text order).
/// Each comment keeps its place where its text is found unchanged, as whole words, in the new
/// answer — searched for after the comment kept before it, then anywhere not already taken, so
/// moved sentences keep their comments too. Text no kept comment covers is cut at the
/// [`suggest`]ed boundaries. An empty answer (withdrawn) keeps nothing and adds nothing.
pub fn recut(comments: &[&str], answer: &str) -> Recut {
    let chars: Vec<char> = answer.chars().collect();
    let mut taken: Vec<Span> = Vec::new();
    let mut kept = Vec::with_capacity(comments.len());
    let mut from = 0;
    for text in comments {
        let needle: Vec<char> = text.chars().collect();
        let found = find_free(&chars, &needle, from, &taken)
            .or_else(|| find_free(&chars, &needle, 0, &taken));
        if let Some(span) = found {
            from = span.end;
            taken.push(span);
        }
        kept.push(found);
    }
    taken.sort_unstable();
    let mut added = Vec::new();
    for span in suggest(answer) {
        uncovered(&chars, span, &taken, &mut added);
    }
    Recut { kept, added }
}

/// The first place from `from` on where `needle` stands as whole words and overlaps nothing
/// `taken`.
fn find_free(chars: &[char], needle: &[char], from: usize, taken: &[Span]) -> Option<Span> {
    if needle.is_empty() || needle.len() > chars.len() {
        return None;
    }
    (from..=chars.len() - needle.len())
        .map(|start| Span {
            start,
            end: start + needle.len(),
        })
        .find(|s| {
            chars[s.start..s.end] == *needle
                && whole_words(chars, *s)
                && !taken.iter().any(|t| s.start < t.end && t.start < s.end)
        })
}

/// Whether a span neither starts nor ends inside a word.
fn whole_words(chars: &[char], span: Span) -> bool {
    let joined = |a: Option<&char>, b: Option<&char>| {
        a.zip(b)
            .is_some_and(|(a, b)| a.is_alphanumeric() && b.is_alphanumeric())
    };
    let before = span.start.checked_sub(1).and_then(|i| chars.get(i));
    !joined(before, chars.get(span.start)) && !joined(chars.get(span.end - 1), chars.get(span.end))
}

/// The pieces of `span` outside every `taken` span (sorted), trimmed, added to `out`.
fn uncovered(chars: &[char], span: Span, taken: &[Span], out: &mut Vec<Span>) {
    let mut start = span.start;
    for t in taken
        .iter()
        .filter(|t| t.start < span.end && span.start < t.end)
    {
        push_trimmed(chars, start, t.start.max(start), out);
        start = start.max(t.end);
    }
    push_trimmed(chars, start, span.end.max(start), out);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_at_sentences_clauses_and_lines_keeping_offsets() {
        let answer =
            "Funding is short-term; we lose staff.  Housing is scarce!\nTraining for GPs. e.g. A&E";
        let spans = suggest(answer);
        let texts: Vec<String> = spans.iter().map(|s| s.text(answer)).collect();
        assert_eq!(
            texts,
            vec![
                "Funding is short-term;",
                "we lose staff.",
                "Housing is scarce!",
                "Training for GPs.",
                "e.g. A&E"
            ]
        );
        assert!(check(answer, &spans).is_ok());
    }

    #[test]
    fn marked_text_round_trips_and_refuses_edits() {
        let answer = "Funding is short-term; we lose staff.\r\nHousing is scarce!";
        let spans = suggest(answer);
        let text = marked(answer, &spans);
        assert_eq!(text.matches(MARK).count(), 2);
        assert_eq!(from_marked(answer, &text).unwrap(), spans);
        // Joining two comments: remove a mark; the browser's CRLF is accepted.
        let joined = text.replacen(MARK, "", 1).replace("\r\n", "\n");
        let two = from_marked(answer, &joined).unwrap();
        assert_eq!(two[0].text(answer), "Funding is short-term; we lose staff.");
        assert_eq!(two.len(), 2);
        let err = from_marked(answer, &text.replace("lose", "keep")).unwrap_err();
        assert!(err.contains("the text was changed"), "{err}");
    }

    #[test]
    fn counts_characters_not_bytes_and_refuses_bad_spans() {
        let answer = "Café staff – overstretched. Más apoyo.";
        let spans = suggest(answer);
        assert_eq!(spans[1].text(answer), "Más apoyo.");
        assert_eq!(
            check(answer, &[Span { start: 5, end: 3 }]),
            Err("comment 1: is empty".into())
        );
        assert!(check(answer, &[Span { start: 0, end: 99 }])
            .unwrap_err()
            .contains("past the end"));
        assert!(check(
            answer,
            &[Span { start: 0, end: 9 }, Span { start: 5, end: 12 }]
        )
        .unwrap_err()
        .contains("overlaps"));
    }

    fn texts(answer: &str, spans: &[Span]) -> Vec<String> {
        spans.iter().map(|s| s.text(answer)).collect()
    }

    #[test]
    fn an_unchanged_answer_recuts_to_the_same_comments() {
        let answer = "Funding is short-term; we lose staff. Housing is scarce!";
        let spans = suggest(answer);
        let old = texts(answer, &spans);
        let old: Vec<&str> = old.iter().map(String::as_str).collect();
        let cut = recut(&old, answer);
        assert!(cut.changes_nothing(&spans), "{cut:?}");
    }

    #[test]
    fn kept_text_moves_gone_text_goes_and_new_text_is_cut_at_suggested_boundaries() {
        let old = [
            "Funding is short-term;",
            "we lose staff.",
            "Training helps.",
        ];
        let answer = "Refuges are full. Funding is short-term; we lose managers. Training helps.";
        let cut = recut(&old, answer);
        let at = |s: Option<Span>| s.map(|s| s.text(answer));
        assert_eq!(at(cut.kept[0]).as_deref(), Some("Funding is short-term;"));
        assert_eq!(cut.kept[0].map(|s| s.start), Some(18));
        assert_eq!(cut.kept[1], None, "\"we lose staff.\" is gone");
        assert_eq!(at(cut.kept[2]).as_deref(), Some("Training helps."));
        assert_eq!(
            texts(answer, &cut.added),
            vec!["Refuges are full.", "we lose managers."]
        );
    }

    #[test]
    fn a_coders_joined_comment_is_kept_whole_and_moved_sentences_keep_theirs() {
        let old = ["Funding is short. Staff leave.", "Housing is scarce."];
        let answer = "Housing is scarce. Funding is short. Staff leave.";
        let cut = recut(&old, answer);
        assert_eq!(
            cut.kept,
            vec![
                Some(Span { start: 19, end: 49 }),
                Some(Span { start: 0, end: 18 })
            ]
        );
        assert!(cut.added.is_empty());
    }

    #[test]
    fn a_comment_is_found_only_as_whole_words_and_each_place_only_once() {
        // "staff." inside "overstaff." is not the comment; two equal comments take two places.
        let cut = recut(
            &["staff.", "Thanks.", "Thanks."],
            "We overstaff. Thanks. Thanks.",
        );
        assert_eq!(cut.kept[0], None);
        assert_eq!(cut.kept[1], Some(Span { start: 14, end: 21 }));
        assert_eq!(cut.kept[2], Some(Span { start: 22, end: 29 }));
        assert_eq!(
            texts("We overstaff. Thanks. Thanks.", &cut.added),
            vec!["We overstaff."]
        );
        let third = recut(&["Thanks.", "Thanks."], "Thanks.");
        assert_eq!(third.kept, vec![Some(Span { start: 0, end: 7 }), None]);
    }

    #[test]
    fn a_withdrawn_answer_keeps_nothing_and_adds_nothing() {
        let cut = recut(&["Funding is short.", "Staff leave."], "");
        assert_eq!(cut.kept, vec![None, None]);
        assert!(cut.added.is_empty());
        let blank = recut(&["Funding is short."], "   \n ");
        assert_eq!(blank.kept, vec![None]);
        assert!(blank.added.is_empty());
    }

    #[test]
    fn new_text_around_a_kept_clause_becomes_its_own_comments() {
        let old = ["we lose staff."];
        let answer = "Café funding – short; we lose staff. Más apoyo.";
        let cut = recut(&old, answer);
        assert_eq!(
            cut.kept[0].map(|s| s.text(answer)).as_deref(),
            Some("we lose staff.")
        );
        assert_eq!(
            texts(answer, &cut.added),
            vec!["Café funding – short;", "Más apoyo."]
        );
        let mut all: Vec<Span> = cut.added.clone();
        all.extend(cut.kept.iter().flatten());
        all.sort_unstable();
        assert!(check(answer, &all).is_ok(), "kept and added never overlap");
    }

    proptest::proptest! {
        #[test]
        fn recut_comments_never_overlap_and_cover_every_word(
            old in proptest::collection::vec("[A-Za-z ]{1,12}[.;!?]", 0..6),
            new in proptest::collection::vec("[A-Za-z ]{1,12}[.;!?]", 0..6),
        ) {
            let before = old.join(" ");
            let answer = new.join(" ");
            let comments: Vec<String> = texts(&before, &suggest(&before));
            let comments: Vec<&str> = comments.iter().map(String::as_str).collect();
            let cut = recut(&comments, &answer);
            proptest::prop_assert_eq!(cut.kept.len(), comments.len());
            let mut all: Vec<Span> = cut.added.clone();
            for (k, text) in cut.kept.iter().zip(&comments) {
                if let Some(span) = k {
                    proptest::prop_assert_eq!(span.text(&answer), text.to_string());
                    all.push(*span);
                }
            }
            all.sort_unstable();
            proptest::prop_assert!(check(&answer, &all).is_ok());
            let chars: Vec<char> = answer.chars().collect();
            for (i, c) in chars.iter().enumerate() {
                if c.is_alphanumeric() {
                    proptest::prop_assert!(all.iter().any(|s| s.start <= i && i < s.end));
                }
            }
        }
    }
}
