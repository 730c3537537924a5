//! Ordnance Survey grid references: a 100 km square (`TR`) and an even number of digits.
//!
//! To keep words like "on 12", "so 1234" and "HR 2023" out, the square letters must be written
//! in capitals and a lone four-digit group that reads as a year is ignored, unless a cue such as
//! "grid ref", "NGR" or "OS" comes just before. Two digits (a 10 km square) also need the cue.

use std::ops::Range;
use std::sync::LazyLock;

use regex::{Captures, Regex};

use crate::finding::{Detection, LocationKind};
use crate::scan::{compile, scan, ScanInput};

/// Square letters (first H, N, O, S or T; second any but I), then one or two digit groups.
static GRID_REFERENCE: LazyLock<Regex> = LazyLock::new(|| {
    compile(r"\b(?P<square>[HNOST][A-HJ-Z]) ?(?P<first>[0-9]{1,10})(?: (?P<second>[0-9]{1,5}))?\b")
});

/// Words that announce a grid reference, looked for just before it.
const CUES: &[&str] = &["GRID", "NGR", "OS REF", "OSGB", "O.S.", "OS "];

/// How far back, in characters, a cue is looked for.
const CUE_REACH: usize = 24;

/// Grid references in the upper-cased text.
pub(crate) fn detect(input: &ScanInput<'_>) -> Vec<Detection> {
    scan(&GRID_REFERENCE, &input.folded, |captures| {
        accept(input, captures)
    })
    .into_iter()
    .map(|span| Detection::new(LocationKind::GridReference, span))
    .collect()
}

/// The canonical range of a plausible grid reference among `captures`, if there is one.
fn accept(input: &ScanInput<'_>, captures: &Captures<'_>) -> Option<Range<usize>> {
    let square = captures.get(1)?;
    let first = captures.get(2)?;
    let digits_end = match captures.get(3) {
        Some(second) if second.len() == first.len() => second.end(),
        _ => first.end(),
    };
    let digit_count = captures
        .get(0)?
        .as_str()
        .get(..digits_end - square.start())?
        .bytes()
        .filter(u8::is_ascii_digit)
        .count();
    if digit_count % 2 != 0 || !(2..=10).contains(&digit_count) {
        return None;
    }
    let cued = has_cue_before(input.folded.as_str(), square.start());
    let square_in_capitals = input
        .original_text(&input.folded, square.range())
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(char::is_uppercase);
    let lone_year = captures
        .get(3)
        .is_none_or(|second| second.len() != first.len())
        && first.len() == 4
        && (first.as_str().starts_with("19") || first.as_str().starts_with("20"));
    let needs_cue = !square_in_capitals || digit_count == 2 || lone_year;
    (cued || !needs_cue).then_some(square.start()..digits_end)
}

/// Whether a grid-reference cue appears shortly before byte `offset` of `text`.
fn has_cue_before(text: &str, offset: usize) -> bool {
    let head = text.get(..offset).unwrap_or_default();
    let reach_start = head
        .char_indices()
        .rev()
        .nth(CUE_REACH - 1)
        .map_or(0, |(index, _)| index);
    let window = head.get(reach_start..).unwrap_or_default();
    CUES.iter().any(|cue| window.contains(cue))
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
    fn finds_grid_references_with_and_without_spaces() {
        assert_eq!(found("Grid ref TR 149 577"), vec!["TR 149 577"]);
        assert_eq!(found("at TR149577."), vec!["TR149577"]);
        assert_eq!(found("Grid ref TR 1490 5770"), vec!["TR 1490 5770"]);
        assert_eq!(found("TQ 30 80"), vec!["TQ 30 80"]);
        assert_eq!(found("SU 12345 67890"), vec!["SU 12345 67890"]);
    }

    #[test]
    fn lower_case_squares_need_a_cue() {
        assert!(found("so 1234 women").is_empty());
        assert!(found("on 12 May").is_empty());
        assert_eq!(found("grid ref tr 149 577"), vec!["tr 149 577"]);
    }

    #[test]
    fn years_and_odd_digit_counts_are_not_grid_references() {
        for text in [
            "HR 2023",
            "SE 1",
            "TV 123",
            "NHS 111",
            "ST 12",
            "NN 01604 123456",
        ] {
            assert!(found(text).is_empty(), "{text}: {:?}", found(text));
        }
        assert_eq!(found("NGR SE 10"), vec!["SE 10"]);
        assert_eq!(found("OS grid TV 2020"), vec!["TV 2020"]);
    }

    #[test]
    fn unequal_groups_fall_back_to_the_first() {
        assert_eq!(found("TQ 3080 123"), vec!["TQ 3080"]);
    }
}
