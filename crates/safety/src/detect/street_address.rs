//! English-style street addresses: a house number (or flat/unit), capitalised name words and a
//! street type: `12 Acacia Avenue`, `Flat 3, 12a High St`, `Unit 4 Riverside Park`,
//! `12 Station Approach`, and a few types that stand alone (`12 Broadway`).
//!
//! Capitals are what separate an address from prose ("2 women in the park"), so the name words
//! and the street type must start with a capital. An all-lower-case address is still found when
//! its street type is unambiguous (street, road, avenue, lane, crescent, terrace, gardens,
//! mews) and its name words are not everyday words ("3 miles down the road" is not an address).
//! Inside a URL, e-mail address or file name, whose words are joined by `_`, `-` or `.`
//! (`Refuge_at_12_Acacia_Avenue`, `12-acacia-close`), a few more lower-case types are trusted.
//!
//! A number after a counting word ("Tier 2 Care Pathway", "our 3 Step Approach") is not a house
//! number, and a way of working ("5 Step Approach") or a court of law ("40 Family Court cases")
//! is not a street.

use std::sync::LazyLock;

use regex::{Captures, Regex};

use super::address_parts::{number_stands_alone, word_before, HOUSE_NUMBER, UNIT_PREFIX};
use super::street_types::{
    COUNTING_WORDS, COURTS_OF_LAW, COURT_TYPES, LOWER_CASE_STREET_TYPES, METHOD_STREET_TYPES,
    METHOD_WORDS, NOT_STREET_NAME_WORDS, STANDALONE_STREET_TYPES, STREET_TYPES, URL_STREET_TYPES,
};
use crate::finding::{Detection, LocationKind};
use crate::normalise::NormalisedText;
use crate::scan::{compile, scan, ScanInput};

/// Flat/unit and optional number, or a number alone; capitalised name words; street type.
static CAPITALISED_ADDRESS: LazyLock<Regex> = LazyLock::new(|| {
    let name_word = r"\p{Lu}[\p{L}'.-]*";
    let types = STREET_TYPES.join("|");
    let number_after_unit = HOUSE_NUMBER.replace("?P<number>", "?P<number_after_unit>");
    compile(&format!(
        r"(?:{UNIT_PREFIX}(?:{number_after_unit},? )?|{HOUSE_NUMBER},? )(?P<name>(?:{name_word} ){{0,4}})\b(?P<type>(?i:{types}))\b"
    ))
});

/// A house number, lower-case name words and an unambiguous street type.
static LOWER_CASE_ADDRESS: LazyLock<Regex> =
    LazyLock::new(|| lower_case_address(LOWER_CASE_STREET_TYPES));

/// The same inside URLs, e-mail addresses and file names, with more types trusted.
static URL_LOWER_CASE_ADDRESS: LazyLock<Regex> =
    LazyLock::new(|| lower_case_address(URL_STREET_TYPES));

/// A lower-case address pattern ending in one of `types` (a regex alternation).
fn lower_case_address(types: &str) -> Regex {
    compile(&format!(
        r"{UNIT_PREFIX}?{HOUSE_NUMBER},? (?P<name>(?:[a-z][a-z'-]+ ){{1,3}})(?P<type>(?i:{types}))\b"
    ))
}

/// Street addresses in the case-preserving text and in its URLs, e-mail addresses and file
/// names.
pub(crate) fn detect(input: &ScanInput<'_>) -> Vec<Detection> {
    let mut spans = in_view(&input.cased, &LOWER_CASE_ADDRESS);
    if let Some(url_words) = &input.cased_url_words {
        spans.extend(in_view(url_words, &URL_LOWER_CASE_ADDRESS));
    }
    spans
        .into_iter()
        .map(|span| Detection::new(LocationKind::StreetAddress, span))
        .collect()
}

/// Spans of capitalised addresses, and of lower-case ones matched by `lower_case`, in `view`.
fn in_view(view: &NormalisedText, lower_case: &Regex) -> Vec<std::ops::Range<usize>> {
    let text = view.as_str();
    let mut spans = scan(&CAPITALISED_ADDRESS, view, |captures| {
        let whole = captures.get(0)?;
        let street_type = captures.name("type")?.as_str();
        let type_capitalised = street_type.starts_with(|c: char| c.is_uppercase());
        let name_words = name_words(captures);
        let named = !name_words.is_empty()
            || STANDALONE_STREET_TYPES.contains(&street_type.to_lowercase().as_str());
        (type_capitalised
            && named
            && is_located(text, captures)
            && !names_a_court_of_law(street_type, &name_words)
            && !names_a_way_of_working(street_type, &name_words))
        .then(|| whole.range())
    });
    spans.extend(scan(lower_case, view, |captures| {
        let whole = captures.get(0)?;
        let name_is_a_name = name_words(captures)
            .iter()
            .all(|word| !NOT_STREET_NAME_WORDS.contains(word));
        (name_is_a_name && is_located(text, captures)).then(|| whole.range())
    }));
    spans
}

/// The name words of a match.
fn name_words<'t>(captures: &Captures<'t>) -> Vec<&'t str> {
    captures
        .name("name")
        .map(|name| name.as_str().split_whitespace().collect())
        .unwrap_or_default()
}

/// Whether the match has a flat/unit, or a house number that is not money, part of a figure,
/// a date in a URL path (`2024/03/12`) or a count (`Tier 2`, `our 3`).
fn is_located(text: &str, captures: &Captures<'_>) -> bool {
    match (captures.name("number"), captures.name("unit")) {
        (_, Some(_)) => true,
        (Some(number), None) => {
            let before = word_before(text, number.start());
            let after_a_figure =
                !before.is_empty() && before.bytes().all(|byte| byte.is_ascii_digit());
            let counted = COUNTING_WORDS.contains(&before.to_lowercase().as_str());
            number_stands_alone(text, number.start()) && !after_a_figure && !counted
        }
        (None, None) => false,
    }
}

/// Whether the match is "Family Court", "Crown Ct" and the like.
fn names_a_court_of_law(street_type: &str, name_words: &[&str]) -> bool {
    COURT_TYPES.contains(&street_type.to_lowercase().as_str())
        && name_words
            .last()
            .is_some_and(|word| COURTS_OF_LAW.contains(word))
}

/// Whether the match is a way of working ("5 Step Approach", "Care Pathway").
fn names_a_way_of_working(street_type: &str, name_words: &[&str]) -> bool {
    METHOD_STREET_TYPES.contains(&street_type.to_lowercase().as_str())
        && name_words.iter().any(|word| METHOD_WORDS.contains(word))
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
            ("12 Station Approach", "12 Station Approach"),
            ("12 Broadway, Canterbury", "12 Broadway"),
            ("7 The Esplanade", "7 The Esplanade"),
            ("3 Rose Villas", "3 Rose Villas"),
            ("17 Hunters Chase", "17 Hunters Chase"),
            ("12 Acacia Cl.", "12 Acacia Cl"),
            ("moved to 12 Acacia Ct", "12 Acacia Ct"),
            ("No 12 Acacia Avenue", "12 Acacia Avenue"),
        ] {
            assert_eq!(found(text), vec![expected.to_owned()], "{text}");
        }
    }

    #[test]
    fn finds_addresses_in_urls_and_e_mail_addresses() {
        for (text, expected) in [
            (
                "https://x.org/Refuge_at_12_Acacia_Avenue_CT1",
                "12_Acacia_Avenue",
            ),
            (
                "https://x.org/refuge-at-12-acacia-avenue",
                "12-acacia-avenue",
            ),
            ("x.org/12-acacia-close", "12-acacia-close"),
            ("12.acacia.avenue@x.org", "12.acacia.avenue"),
            ("Refuge_12_Acacia_Avenue.jpg", "12_Acacia_Avenue"),
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
            "12 cases at the Family Ct",
            "Acacia Avenue",
            "£12 Green Park",
            "3 staff who walk",
            "Tier 2 Service",
            "Tier 2 Care Pathway",
            "a 5 Step Approach",
            "5 Step Approach",
            "Our 3 Step Approach",
            "the 2 Main Gates",
            "Level 3 Gate",
            "The Croft Project",
            "a trauma-informed approach",
            "3 Street",
            "a 2 way street",
            "a two-way street",
            "£12.50 Green Park",
            "https://x.org/news/2024/03/12/new-high-street-hub",
            "https://x.org/3-close-friends",
        ] {
            assert!(found(text).is_empty(), "{text}: {:?}", found(text));
        }
    }
}
