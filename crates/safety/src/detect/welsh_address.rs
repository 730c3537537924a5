//! Welsh street addresses, where the street type comes before the name: `12 Heol y Frenhines`,
//! `12 Heol-y-Frenhines`, `3 Ffordd Pentre`, `Flat 1, 7 Stryd Fawr`, `5 Lôn Las`,
//! `3 Clos Llanfair`, `6 Sgwâr y Farchnad`; also inside URLs and file names
//! (`12_Heol_y_Frenhines`).

use std::sync::LazyLock;

use regex::Regex;

use super::address_parts::{number_stands_alone, HOUSE_NUMBER, UNIT_PREFIX};
use crate::finding::{Detection, LocationKind};
use crate::normalise::NormalisedText;
use crate::scan::{compile, scan, ScanInput};

/// Welsh street types, already stripped of accents (`Lôn` is matched as `Lon`, `Sgwâr` as
/// `Sgwar`).
const WELSH_STREET_TYPES: &str =
    "heol|ffordd|stryd|stryt|rhodfa|cilgant|teras|llwybr|lon|maes|clos|rhes|cwrt|sgwar";

/// Welsh street types unmistakable enough to accept without a capital.
const DISTINCTIVE_WELSH_STREET_TYPES: &[&str] =
    &["heol", "ffordd", "stryd", "stryt", "rhodfa", "cilgant"];

/// Number, Welsh street type, optional article, capitalised name; words joined by a space or a
/// hyphen.
static WELSH_ADDRESS: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r"{UNIT_PREFIX}?{HOUSE_NUMBER},? (?P<type>(?i:{WELSH_STREET_TYPES}))[ -](?:(?:y|yr|Y|Yr)[ -])?(?P<name>\p{{Lu}}[\p{{L}}'-]*)"
    ))
});

/// Welsh street addresses in the case-preserving text and in its URLs and file names.
pub(crate) fn detect(input: &ScanInput<'_>) -> Vec<Detection> {
    let mut spans = in_view(&input.cased);
    if let Some(url_words) = &input.cased_url_words {
        spans.extend(in_view(url_words));
    }
    spans
        .into_iter()
        .map(|span| Detection::new(LocationKind::StreetAddress, span))
        .collect()
}

/// Spans of Welsh addresses in `view`.
fn in_view(view: &NormalisedText) -> Vec<std::ops::Range<usize>> {
    let text = view.as_str();
    scan(&WELSH_ADDRESS, view, |captures| {
        let whole = captures.get(0)?;
        let street_type = captures.name("type")?.as_str();
        let type_ok = street_type.starts_with(|c: char| c.is_uppercase())
            || DISTINCTIVE_WELSH_STREET_TYPES.contains(&street_type.to_lowercase().as_str());
        let number = captures.name("number")?;
        (type_ok && number_stands_alone(text, number.start())).then(|| whole.range())
    })
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
    fn finds_welsh_streets() {
        for (text, expected) in [
            ("12 Heol y Frenhines, Caerdydd", "12 Heol y Frenhines"),
            ("12 Heol-y-Frenhines", "12 Heol-y-Frenhines"),
            ("3 Ffordd Pentre", "3 Ffordd Pentre"),
            ("Flat 1, 7 Stryd Fawr", "Flat 1, 7 Stryd Fawr"),
            ("5 Lôn Las", "5 Lôn Las"),
            ("22 heol Dŵr", "22 heol Dŵr"),
            ("3 Clos Llanfair", "3 Clos Llanfair"),
            ("4 Rhes Glan", "4 Rhes Glan"),
            ("5 Cwrt Dewi", "5 Cwrt Dewi"),
            ("6 Sgwâr y Farchnad", "6 Sgwâr y Farchnad"),
            ("x.org/12_Heol_y_Frenhines", "12_Heol_y_Frenhines"),
        ] {
            assert_eq!(found(text), vec![expected.to_owned()], "{text}");
        }
    }

    #[test]
    fn ignores_counts_and_lower_case_words() {
        for text in [
            "2 maes Awyr",
            "5 lon Tom",
            "12 Idvas",
            "£3 Heol Fawr",
            "3 clos Llanfair",
        ] {
            assert!(found(text).is_empty(), "{text}: {:?}", found(text));
        }
    }
}
