//! Welsh street addresses, where the street type comes before the name: `12 Heol y Frenhines`,
//! `3 Ffordd Pentre`, `Flat 1, 7 Stryd Fawr`, `5 Lôn Las`.

use std::sync::LazyLock;

use regex::Regex;

use super::address_parts::{number_stands_alone, HOUSE_NUMBER, UNIT_PREFIX};
use crate::finding::{Detection, LocationKind};
use crate::scan::{compile, scan, ScanInput};

/// Welsh street types, already stripped of accents (`Lôn` is matched as `Lon`).
const WELSH_STREET_TYPES: &str = "heol|ffordd|stryd|stryt|rhodfa|cilgant|teras|llwybr|lon|maes";

/// Welsh street types unmistakable enough to accept without a capital.
const DISTINCTIVE_WELSH_STREET_TYPES: &[&str] =
    &["heol", "ffordd", "stryd", "stryt", "rhodfa", "cilgant"];

/// Number, Welsh street type, optional article, capitalised name.
static WELSH_ADDRESS: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r"{UNIT_PREFIX}?{HOUSE_NUMBER},? (?P<type>(?i:{WELSH_STREET_TYPES})) (?:(?:y|yr|Y|Yr) )?(?P<name>\p{{Lu}}[\p{{L}}'-]*)"
    ))
});

/// Welsh street addresses in the case-preserving text.
pub(crate) fn detect(input: &ScanInput<'_>) -> Vec<Detection> {
    let text = input.cased.as_str();
    scan(&WELSH_ADDRESS, &input.cased, |captures| {
        let whole = captures.get(0)?;
        let street_type = captures.name("type")?.as_str();
        let type_ok = street_type.starts_with(|c: char| c.is_uppercase())
            || DISTINCTIVE_WELSH_STREET_TYPES.contains(&street_type.to_lowercase().as_str());
        let number = captures.name("number")?;
        (type_ok && number_stands_alone(text, number.start())).then(|| whole.range())
    })
    .into_iter()
    .map(|span| Detection::new(LocationKind::StreetAddress, span))
    .collect()
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
            ("3 Ffordd Pentre", "3 Ffordd Pentre"),
            ("Flat 1, 7 Stryd Fawr", "Flat 1, 7 Stryd Fawr"),
            ("5 Lôn Las", "5 Lôn Las"),
            ("22 heol Dŵr", "22 heol Dŵr"),
        ] {
            assert_eq!(found(text), vec![expected.to_owned()], "{text}");
        }
    }

    #[test]
    fn ignores_counts_and_lower_case_words() {
        for text in ["2 maes Awyr", "5 lon Tom", "12 Idvas", "£3 Heol Fawr"] {
            assert!(found(text).is_empty(), "{text}: {:?}", found(text));
        }
    }
}
