//! Splitting an answer into comments: spans of the original text (character offsets), suggested
//! at sentence and clause boundaries and adjustable by the coder. The answer is never changed.

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
}
