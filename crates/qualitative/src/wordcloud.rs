//! Word clouds: word frequencies (lower-cased, stop words and redaction placeholders left out)
//! and a deterministic layout on an Archimedean spiral with no two words overlapping, drawn as
//! SVG with its frequency table kept beside it.

use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write;

/// Common English words that say nothing on their own.
const STOP_WORDS: &[&str] = &[
    "a", "about", "all", "also", "an", "and", "any", "are", "as", "at", "be", "been", "being",
    "but", "by", "can", "could", "do", "does", "for", "from", "get", "had", "has", "have",
    "having", "he", "her", "his", "how", "i", "if", "in", "into", "is", "it", "its", "just",
    "more", "most", "much", "my", "no", "not", "of", "on", "one", "or", "our", "out", "own", "she",
    "so", "some", "such", "than", "that", "the", "their", "them", "then", "there", "these", "they",
    "this", "those", "to", "too", "up", "us", "very", "was", "we", "were", "what", "when", "where",
    "which", "while", "who", "will", "with", "would", "you", "your", "e.g", "etc",
];

/// For each word, how many of `texts` (comments) use it — a word repeated within one comment
/// counts once, so a count is a number of comments, never of uses — keeping only words used in
/// at least `min_comments` comments (the suppression threshold: a word's count is a count of
/// people's comments and is never small), most frequent first (ties alphabetical), at most
/// `limit` words.
pub fn frequencies<'a>(
    texts: impl IntoIterator<Item = &'a str>,
    limit: usize,
    min_comments: usize,
) -> Vec<(String, usize)> {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for text in texts {
        let without_placeholders = text
            .replace("[area]", " ")
            .replace("[service]", " ")
            .replace("[name]", " ");
        let words: std::collections::BTreeSet<String> = without_placeholders
            .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '-'))
            .map(|w| w.trim_matches(|c| c == '\'' || c == '-').to_lowercase())
            .filter(|w| w.chars().count() >= 3 && !w.chars().all(|c| c.is_ascii_digit()))
            .filter(|w| !STOP_WORDS.contains(&w.as_str()))
            .collect();
        for word in words {
            *counts.entry(word).or_default() += 1;
        }
    }
    let mut list: Vec<(String, usize)> = counts
        .into_iter()
        .filter(|(_, n)| *n >= min_comments.max(1))
        .collect();
    list.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    list.truncate(limit);
    list
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Placed {
    pub word: String,
    pub count: usize,
    /// Centre of the word's box.
    pub x: f64,
    pub y: f64,
    pub size: f64,
    pub width: f64,
    pub height: f64,
}

impl Placed {
    fn overlaps(&self, other: &Placed) -> bool {
        (self.x - other.x).abs() * 2.0 < self.width + other.width
            && (self.y - other.y).abs() * 2.0 < self.height + other.height
    }
}

pub const WIDTH: f64 = 640.0;
pub const HEIGHT: f64 = 360.0;

/// Places words largest first, each at the first point of a spiral from the centre where it
/// overlaps nothing placed before; words that fit nowhere are left out.
pub fn layout(words: &[(String, usize)]) -> Vec<Placed> {
    let max = words.iter().map(|w| w.1).max().unwrap_or(1) as f64;
    let min = words.iter().map(|w| w.1).min().unwrap_or(1) as f64;
    let mut placed: Vec<Placed> = Vec::new();
    for (word, count) in words {
        let t = if max > min {
            (*count as f64 - min) / (max - min)
        } else {
            1.0
        };
        let size = 13.0 + 33.0 * t.sqrt();
        let width = size * 0.58 * word.chars().count() as f64 + 4.0;
        let height = size * 1.05;
        let mut angle: f64 = 0.0;
        while angle < 200.0 {
            let r = 4.0 * angle;
            let (x, y) = (
                WIDTH / 2.0 + r * angle.cos() * 1.6,
                HEIGHT / 2.0 + r * angle.sin(),
            );
            let candidate = Placed {
                word: word.clone(),
                count: *count,
                x,
                y,
                size,
                width,
                height,
            };
            let inside = x - width / 2.0 >= 0.0
                && x + width / 2.0 <= WIDTH
                && y - height / 2.0 >= 0.0
                && y + height / 2.0 <= HEIGHT;
            if inside && !placed.iter().any(|p| p.overlaps(&candidate)) {
                placed.push(candidate);
                break;
            }
            angle += 0.1;
        }
    }
    placed
}

/// The cloud as SVG, titled, with every word's count in its tooltip.
pub fn svg(title: &str, placed: &[Placed]) -> String {
    let esc = crate::codebook::xml;
    let mut out = format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" role="img" aria-labelledby="cloud-title" font-family="Arial, Helvetica, sans-serif"><title id="cloud-title">{}</title>"##,
        esc(title)
    );
    let palette = ["#1d70b8", "#003078", "#00703c", "#4c2c92", "#505a5f"];
    for (i, p) in placed.iter().enumerate() {
        let _ = write!(
            out,
            r##"<text x="{:.1}" y="{:.1}" font-size="{:.1}" text-anchor="middle" fill="{}">{}<title>{}: {}</title></text>"##,
            p.x,
            p.y + p.size * 0.35,
            p.size,
            palette[i % palette.len()],
            esc(&p.word),
            esc(&p.word),
            p.count
        );
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_comments_not_uses_and_only_words_in_enough_comments() {
        let comments = [
            "Funding, funding and more FUNDING for [area] refuges.",
            "Refuges need funding",
            "Funding is short",
            "Partnership",
        ];
        let f = frequencies(comments, 10, 1);
        assert_eq!(
            f[0],
            ("funding".to_string(), 3),
            "three comments, five uses"
        );
        assert_eq!(f[1], ("refuges".to_string(), 2));
        assert!(f
            .iter()
            .all(|(w, _)| w != "area" && w != "and" && w != "for"));
        // With the suppression threshold: a word in fewer comments is left out altogether.
        let f = frequencies(comments, 10, 3);
        assert_eq!(f, [("funding".to_string(), 3)]);
    }

    #[test]
    fn layout_is_deterministic_and_never_overlaps() {
        let words: Vec<(String, usize)> = (0..40).map(|i| (format!("word{i}"), 40 - i)).collect();
        let a = layout(&words);
        assert_eq!(a, layout(&words));
        assert!(a.len() >= 30, "most words fit: {}", a.len());
        for (i, p) in a.iter().enumerate() {
            for q in &a[i + 1..] {
                assert!(!p.overlaps(q), "{} overlaps {}", p.word, q.word);
            }
        }
        let drawn = svg("Biggest difference", &a);
        assert!(drawn.contains("<title>word0: 40</title>"));
    }
}
