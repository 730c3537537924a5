//! English-style street addresses: a house number (or flat/unit), capitalised name words and a
//! street type: `12 Acacia Avenue`, `Flat 3, 12a High St`, `Unit 4 Riverside Park`.
//!
//! Capitals are what separate an address from prose ("2 women in the park"), so the name words
//! and the street type must start with a capital. An all-lower-case address is still found when
//! its street type is unambiguous (street, road, avenue, lane, crescent, terrace, gardens,
//! mews) and its name words are not everyday words ("3 miles down the road" is not an address).

use std::sync::LazyLock;

use regex::{Captures, Regex};

use super::address_parts::{number_stands_alone, HOUSE_NUMBER, UNIT_PREFIX};
use crate::finding::{Detection, LocationKind};
use crate::scan::{compile, scan, ScanInput};

/// Street types that follow the street name, longest spelling first.
const STREET_TYPES: &[&str] = &[
    "street",
    "st",
    "road",
    "rd",
    "avenue",
    "ave",
    "lane",
    "ln",
    "close",
    "drive",
    "dr",
    "way",
    "crescent",
    "cres",
    "place",
    "gardens",
    "gdns",
    "grove",
    "terrace",
    "tce",
    "court",
    "square",
    "sq",
    "hill",
    "mews",
    "row",
    "walk",
    "parade",
    "pde",
    "green",
    "park",
    "rise",
    "view",
    "yard",
    "wharf",
    "quay",
    "boulevard",
    "vale",
    "meadows",
    "heights",
    "embankment",
    "broadway",
];

/// Street types unambiguous enough to trust when the whole address is in lower case.
const LOWER_CASE_STREET_TYPES: &str = "street|road|avenue|lane|crescent|terrace|gardens|mews";

/// Words before "Court" that name a court of law, not a street.
const COURTS_OF_LAW: &[&str] = &[
    "Abuse",
    "Appeal",
    "Civil",
    "Combined",
    "Coroners",
    "Coroner's",
    "County",
    "Criminal",
    "Crown",
    "Family",
    "High",
    "Magistrates",
    "Magistrates'",
    "Supreme",
    "Violence",
    "Youth",
];

/// Everyday words that do not make a street name (for lower-case addresses).
const NOT_STREET_NAME_WORDS: &[&str] = &[
    "a",
    "across",
    "along",
    "an",
    "and",
    "at",
    "but",
    "by",
    "children",
    "clients",
    "days",
    "down",
    "each",
    "every",
    "families",
    "for",
    "from",
    "her",
    "his",
    "hours",
    "in",
    "into",
    "its",
    "miles",
    "minutes",
    "months",
    "my",
    "near",
    "of",
    "off",
    "on",
    "onto",
    "or",
    "other",
    "our",
    "over",
    "past",
    "people",
    "per",
    "round",
    "same",
    "staff",
    "survivors",
    "that",
    "the",
    "their",
    "them",
    "these",
    "they",
    "this",
    "those",
    "to",
    "up",
    "victims",
    "we",
    "weeks",
    "which",
    "who",
    "with",
    "women",
    "years",
    "your",
];

/// Number or flat/unit (or both), capitalised name words, street type.
static CAPITALISED_ADDRESS: LazyLock<Regex> = LazyLock::new(|| {
    let name_word = r"\p{Lu}[\p{L}'.-]*";
    let types = STREET_TYPES.join("|");
    compile(&format!(
        r"{UNIT_PREFIX}?(?:{HOUSE_NUMBER},? )?(?P<name>(?:{name_word} ){{1,4}})(?P<type>(?i:{types}))\b"
    ))
});

/// A house number, lower-case name words and an unambiguous street type.
static LOWER_CASE_ADDRESS: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r"{UNIT_PREFIX}?{HOUSE_NUMBER},? (?P<name>(?:[a-z][a-z'-]+ ){{1,3}})(?P<type>(?i:{LOWER_CASE_STREET_TYPES}))\b"
    ))
});

/// Street addresses in the case-preserving text.
pub(crate) fn detect(input: &ScanInput<'_>) -> Vec<Detection> {
    let text = input.cased.as_str();
    let capitalised = scan(&CAPITALISED_ADDRESS, &input.cased, |captures| {
        let whole = captures.get(0)?;
        let type_capitalised = captures
            .name("type")?
            .as_str()
            .starts_with(|c: char| c.is_uppercase());
        (type_capitalised && is_located(text, captures) && !names_a_court_of_law(captures))
            .then(|| whole.range())
    });
    let lower_case = scan(&LOWER_CASE_ADDRESS, &input.cased, |captures| {
        let whole = captures.get(0)?;
        let name_is_a_name = captures
            .name("name")?
            .as_str()
            .split_whitespace()
            .all(|word| !NOT_STREET_NAME_WORDS.contains(&word));
        (name_is_a_name && is_located(text, captures)).then(|| whole.range())
    });
    capitalised
        .into_iter()
        .chain(lower_case)
        .map(|span| Detection::new(LocationKind::StreetAddress, span))
        .collect()
}

/// Whether the match has a house number or flat/unit, and a number that is not money.
fn is_located(text: &str, captures: &Captures<'_>) -> bool {
    match (captures.name("number"), captures.name("unit")) {
        (Some(number), _) => number_stands_alone(text, number.start()),
        (None, Some(_)) => true,
        (None, None) => false,
    }
}

/// Whether the match is "Family Court", "Crown Court" and the like.
fn names_a_court_of_law(captures: &Captures<'_>) -> bool {
    let is_court = captures
        .name("type")
        .is_some_and(|street_type| street_type.as_str().eq_ignore_ascii_case("court"));
    let last_name_word = captures
        .name("name")
        .and_then(|name| name.as_str().split_whitespace().next_back());
    is_court && last_name_word.is_some_and(|word| COURTS_OF_LAW.contains(&word))
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
    fn finds_numbered_streets() {
        for (text, expected) in [
            ("12 Acacia Avenue, Canterbury", "12 Acacia Avenue"),
            ("at 12a High St.", "12a High St"),
            ("12-14 Church Road", "12-14 Church Road"),
            ("Flat 3, 12 Acacia Avenue", "Flat 3, 12 Acacia Avenue"),
            ("Unit 4 Riverside Park", "Unit 4 Riverside Park"),
            ("Flat 2B St Mary's Court", "Flat 2B St Mary's Court"),
            ("7 The Green", "7 The Green"),
            ("12, Acacia Avenue", "12, Acacia Avenue"),
            ("10 DOWNING STREET", "10 DOWNING STREET"),
            ("12 acacia avenue", "12 acacia avenue"),
        ] {
            assert_eq!(found(text), vec![expected.to_owned()], "{text}");
        }
    }

    #[test]
    fn ignores_counts_and_prose() {
        for text in [
            "12 Idvas",
            "2 days a week",
            "10 practitioners",
            "2 women in the park",
            "3 miles down the road",
            "we supported 40 Family Court cases",
            "Acacia Avenue",
            "£12 Green Park",
            "3 staff who walk",
            "Tier 2 Service",
        ] {
            assert!(found(text).is_empty(), "{text}: {:?}", found(text));
        }
    }
}
