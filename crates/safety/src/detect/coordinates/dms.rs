//! Degrees-minutes-seconds coordinates: `51°16'49"N 1°4'44"E`, `N 51° 16.8'`, `51° 16′ 49″ N`.
//!
//! Primes, curly quotes and `º` have already been unified to `'`, `"` and `°` by normalisation;
//! a seconds mark typed as two apostrophes (`''`) is accepted too. A single angle needs a
//! hemisphere letter (N, S, E, W, or the word); two angles in a row need none.

use std::sync::LazyLock;

use regex::{Captures, Regex};

use crate::finding::{Detection, LocationKind};
use crate::scan::{compile, scan, ScanInput};

/// One angle: degrees, minutes, optional seconds, with its own capture-name suffix.
fn angle(suffix: &str) -> String {
    format!(
        r#"(?P<deg{suffix}>[0-9]{{1,3}}) ?° ?(?P<min{suffix}>[0-9]{{1,2}}(?:\.[0-9]+)?) ?'(?: ?(?P<sec{suffix}>[0-9]{{1,2}}(?:\.[0-9]+)?) ?(?:"|''))?"#
    )
}

/// A hemisphere letter or word, captured under `name`.
fn hemisphere(name: &str) -> String {
    format!(r"(?P<{name}>NORTH|SOUTH|EAST|WEST|[NSEW])\b")
}

/// One angle with an optional hemisphere before or after it, then optionally a second.
static DMS: LazyLock<Regex> = LazyLock::new(|| {
    let first = format!(
        r"(?:\b{} ?)?{}(?: ?{})?",
        hemisphere("h1pre"),
        angle("1"),
        hemisphere("h1post")
    );
    let second = format!(
        r"(?:\b{} ?)?{}(?: ?{})?",
        hemisphere("h2pre"),
        angle("2"),
        hemisphere("h2post")
    );
    compile(&format!(r"{first}(?: ?[,;/]? ?{second})?"))
});

/// Degrees-minutes-seconds coordinates in the upper-cased text.
pub(crate) fn detect(input: &ScanInput<'_>) -> Vec<Detection> {
    scan(&DMS, &input.folded, |captures| {
        let whole = captures.get(0)?;
        let has_second_angle = captures.name("deg2").is_some();
        let has_hemisphere = ["h1pre", "h1post", "h2pre", "h2post"]
            .iter()
            .any(|name| captures.name(name).is_some());
        let in_range = angles_in_range(captures, "1") && angles_in_range(captures, "2");
        ((has_second_angle || has_hemisphere) && in_range).then(|| whole.range())
    })
    .into_iter()
    .map(|span| Detection::new(LocationKind::Coordinates, span))
    .collect()
}

/// Whether the angle with capture suffix `suffix` (if present) has sane degrees and minutes.
fn angles_in_range(captures: &Captures<'_>, suffix: &str) -> bool {
    let value = |part: &str| {
        captures
            .name(&format!("{part}{suffix}"))
            .and_then(|found| found.as_str().parse::<f64>().ok())
    };
    let degrees_ok = value("deg").is_none_or(|degrees| degrees <= 180.0);
    let minutes_ok = value("min").is_none_or(|minutes| minutes < 60.0);
    let seconds_ok = value("sec").is_none_or(|seconds| seconds < 60.0);
    degrees_ok && minutes_ok && seconds_ok
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
    fn finds_degrees_minutes_seconds() {
        for text in [
            r#"51°16'49"N 1°4'44"E"#,
            "51° 16′ 49″ N",
            "51º16’49”N",
            "N 51° 16.8'",
            "51°16'49'' North",
            "51°16' 1°4'",
        ] {
            assert_eq!(found(text), vec![text.to_owned()], "{text}");
        }
    }

    #[test]
    fn needs_a_hemisphere_or_a_second_angle() {
        assert!(found("turn 90° 5' left").is_empty());
        assert!(found("it was 20°C").is_empty());
        assert!(found(r#"51°75'49"N"#).is_empty());
    }
}
