//! Property tests: the detector never panics, and hiding tricks do not hide a postcode.

use frontline_safety::{find_locations, LocationKind};
use proptest::prelude::*;

/// Postcodes of every outward format.
const KNOWN_POSTCODES: &[&str] = &[
    "CT1 2AB", "SW1A 1AA", "M1 1AE", "B33 8TH", "ME14 1XX", "CR2 6XH", "W1A 0AX", "DN55 1PT",
];

/// Characters that render as nothing.
const ZERO_WIDTH: &[char] = &[
    '\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}', '\u{00AD}',
];

/// A known postcode with its letters' case changed and zero-width characters slipped in.
fn disguised_postcode() -> impl Strategy<Value = String> {
    (
        prop::sample::select(KNOWN_POSTCODES),
        prop::collection::vec(any::<bool>(), 8),
        prop::collection::vec(prop::option::of(prop::sample::select(ZERO_WIDTH)), 9),
    )
        .prop_map(|(postcode, lower_case, insertions)| {
            let mut disguised = String::new();
            for (index, character) in postcode.chars().enumerate() {
                if let Some(Some(invisible)) = insertions.get(index) {
                    disguised.push(*invisible);
                }
                if lower_case.get(index).copied().unwrap_or(false) {
                    disguised.extend(character.to_lowercase());
                } else {
                    disguised.push(character);
                }
            }
            disguised
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn never_panics_on_arbitrary_text(text in any::<String>()) {
        let findings = find_locations(&text);
        for finding in findings {
            prop_assert!(text.contains(&finding.text));
        }
    }

    #[test]
    fn never_panics_on_text_made_of_tricky_characters(
        text in "[0-9A-Za-z .,/@°'\"′″\u{200B}\u{00AD}ＣＴ１СТАВ-]{0,60}"
    ) {
        let _ = find_locations(&text);
    }

    #[test]
    fn disguised_postcodes_are_still_found(
        postcode in disguised_postcode(),
        prefix in prop::sample::select(&["", "Address: ", "English, Polish, ", "(", "at "][..]),
        suffix in prop::sample::select(&["", ".", ")", " today", ", Kent"][..]),
    ) {
        let text = format!("{prefix}{postcode}{suffix}");
        let findings = find_locations(&text);
        prop_assert!(
            findings.iter().any(|finding| finding.kind == LocationKind::Postcode
                && finding.text.contains(postcode.trim_start_matches(ZERO_WIDTH))),
            "{text:?} gave {findings:?}"
        );
    }
}
