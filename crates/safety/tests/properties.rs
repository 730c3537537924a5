//! Property tests: the detector never panics, and hiding tricks do not hide a postcode.

use frontline_safety::normalise::normalise;
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

/// Letters from many scripts and styles; those whose canonical form is a given Latin capital
/// stand in for it.
const LOOK_ALIKE_POOL: &str = "ABCDEFGHJKLMNPRSTUWXYZabcdefghjklmnprstuwxyz\
    ＡＢＣＤＥＨＭＮＰＳＴＷＸ\
    АВСЕНКМОРТХ\
    ΑΒΕΗΚΜΝΡΤΧ\
    ᴀʙᴄᴅᴇɢʜᴊᴋʟᴍɴᴘʀꜱᴛᴜᴡʏᴢ\
    ᎪᏴᏟᎠᎬᏀᎻᏦᏞᎷᏢᏒᏚᎢᏔᎳᎩᏃ\
    ꓮꓐꓚꓓꓰꓝꓖꓧꓗꓡꓟꓠꓑꓣꓢꓔꓴꓪꓫꓬꓜ\
    🅐🅑🅒🅓🅔🅗🅜🅝🅟🅢🅣🅦🅧";

/// First code point of runs of ten digits from several scripts, ASCII included.
const DIGIT_ZEROS: &[u32] = &[
    0x30, 0xFF10, 0x0660, 0x06F0, 0x0966, 0x09E6, 0x0A66, 0x0E50, 0x1D7CE,
];

/// Separators that may be typed between the characters of a postcode.
const SEPARATORS: &[&str] = &["", "", "", " ", ".", "_", "/"];

/// Every way of writing `character` (an ASCII capital or digit) that reads as it.
fn spellings(character: char) -> Vec<char> {
    if let Some(value) = character.to_digit(10) {
        return DIGIT_ZEROS
            .iter()
            .filter_map(|zero| char::from_u32(zero + value))
            .collect();
    }
    LOOK_ALIKE_POOL
        .chars()
        .filter(|candidate| normalise(&candidate.to_string()).as_str() == character.to_string())
        .collect()
}

/// A known postcode with each character written in another script or style, and the same
/// separator (or none) between its characters.
fn foreign_postcode() -> impl Strategy<Value = String> {
    (
        prop::sample::select(KNOWN_POSTCODES),
        prop::collection::vec(any::<prop::sample::Index>(), 8),
        prop::sample::select(SEPARATORS),
    )
        .prop_map(|(postcode, choices, separator)| {
            let characters: Vec<char> = postcode.chars().filter(|c| *c != ' ').collect();
            let written: Vec<String> = characters
                .iter()
                .zip(choices.iter())
                .map(|(character, choice)| {
                    let options = spellings(*character);
                    options
                        .get(choice.index(options.len().max(1)))
                        .copied()
                        .unwrap_or(*character)
                        .to_string()
                })
                .collect();
            written.join(separator)
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

    #[test]
    fn postcodes_in_other_scripts_and_punctuation_are_still_found(
        postcode in foreign_postcode(),
        prefix in prop::sample::select(&["", "Address: ", "(", "refuge_"][..]),
        suffix in prop::sample::select(&["", ".", ")", " today", "@example.org"][..]),
    ) {
        let text = format!("{prefix}{postcode}{suffix}");
        let findings = find_locations(&text);
        prop_assert!(
            findings.iter().any(|finding| finding.kind == LocationKind::Postcode
                && finding.text == postcode),
            "{text:?} gave {findings:?}"
        );
    }
}

#[test]
fn the_look_alike_pool_disguises_every_postcode_character() {
    for character in KNOWN_POSTCODES.concat().chars().filter(|c| *c != ' ') {
        let options = spellings(character);
        assert!(options.len() >= 4, "{character}: {options:?}");
    }
}
