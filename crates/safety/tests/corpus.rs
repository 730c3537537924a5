//! Corpus of location-bearing texts: every variant must be found, as the right kind.

use frontline_safety::{find_locations, is_clean, Finding, LocationKind};

/// A text and the findings it must yield, in order.
struct Case {
    text: &'static str,
    expected: &'static [(LocationKind, &'static str)],
}

use LocationKind::{
    Coordinates, GridReference, MapLink, PartialPostcode, Postcode, StreetAddress, What3Words,
};

const CORPUS: &[Case] = &[
    Case {
        text: "12 Acacia Avenue, Canterbury CT 1 2AB (51.2802, 1.0789)",
        expected: &[
            (StreetAddress, "12 Acacia Avenue"),
            (Postcode, "CT 1 2AB"),
            (Coordinates, "51.2802, 1.0789"),
        ],
    },
    Case {
        text: "C T 1 2 A B",
        expected: &[(Postcode, "C T 1 2 A B")],
    },
    Case {
        text: "CT 1 2AB",
        expected: &[(Postcode, "CT 1 2AB")],
    },
    Case {
        text: "CT1 2 AB",
        expected: &[(Postcode, "CT1 2 AB")],
    },
    Case {
        text: "CTl 2AB",
        expected: &[(Postcode, "CTl 2AB")],
    },
    Case {
        text: "CT1 2A B",
        expected: &[(Postcode, "CT1 2A B")],
    },
    Case {
        text: "CT12AB",
        expected: &[(Postcode, "CT12AB")],
    },
    Case {
        text: "ＣＴ１ ２ＡＢ",
        expected: &[(Postcode, "ＣＴ１ ２ＡＢ")],
    },
    // Cyrillic С, Т, А and В.
    Case {
        text: "\u{0421}\u{0422}1 2\u{0410}\u{0412}",
        expected: &[(Postcode, "СТ1 2АВ")],
    },
    // Greek Τ and Β mixed with Latin.
    Case {
        text: "C\u{03A4}1 2A\u{0392}",
        expected: &[(Postcode, "CΤ1 2AΒ")],
    },
    Case {
        text: "CT1\u{200B}2AB",
        expected: &[(Postcode, "CT1\u{200B}2AB")],
    },
    Case {
        text: "CT1\u{00A0}2AB",
        expected: &[(Postcode, "CT1\u{00A0}2AB")],
    },
    Case {
        text: "C\u{00AD}T1 2\u{FEFF}AB",
        expected: &[(Postcode, "C\u{00AD}T1 2\u{FEFF}AB")],
    },
    Case {
        text: "12 Acacia Avenue",
        expected: &[(StreetAddress, "12 Acacia Avenue")],
    },
    Case {
        text: "51.2802, 1.0789",
        expected: &[(Coordinates, "51.2802, 1.0789")],
    },
    Case {
        text: "51.2802,-1.0789",
        expected: &[(Coordinates, "51.2802,-1.0789")],
    },
    Case {
        text: "(51.28, 1.07)",
        expected: &[(Coordinates, "51.28, 1.07")],
    },
    Case {
        text: "lat 51.28 long 1.07",
        expected: &[(Coordinates, "lat 51.28 long 1.07")],
    },
    Case {
        text: "51°16'49\"N 1°4'44\"E",
        expected: &[(Coordinates, "51°16'49\"N 1°4'44\"E")],
    },
    Case {
        text: "51° 16′ 49″ N",
        expected: &[(Coordinates, "51° 16′ 49″ N")],
    },
    Case {
        text: "Grid ref TR 149 577",
        expected: &[(GridReference, "TR 149 577")],
    },
    Case {
        text: "TR149577",
        expected: &[(GridReference, "TR149577")],
    },
    Case {
        text: "Grid ref TR 1490 5770",
        expected: &[(GridReference, "TR 1490 5770")],
    },
    Case {
        text: "TQ 30 80",
        expected: &[(GridReference, "TQ 30 80")],
    },
    Case {
        text: "///filled.count.soap",
        expected: &[(What3Words, "///filled.count.soap")],
    },
    Case {
        text: "Meet at filled.count.soap today",
        expected: &[(What3Words, "filled.count.soap")],
    },
    Case {
        text: "https://www.google.com/maps/place/x/@51.2802,1.0789,17z",
        expected: &[(
            MapLink,
            "https://www.google.com/maps/place/x/@51.2802,1.0789,17z",
        )],
    },
    Case {
        text: "Directions: https://maps.app.goo.gl/AbCdEf.",
        expected: &[(MapLink, "https://maps.app.goo.gl/AbCdEf")],
    },
    Case {
        text: "https://www.openstreetmap.org/?mlat=51.28&mlon=1.07",
        expected: &[(
            MapLink,
            "https://www.openstreetmap.org/?mlat=51.28&mlon=1.07",
        )],
    },
    Case {
        text: "maps?q=51.28,1.07",
        expected: &[(Coordinates, "?q=51.28,1.07")],
    },
    Case {
        text: "English, Polish, CT1 2AB",
        expected: &[(Postcode, "CT1 2AB")],
    },
    Case {
        text: "Leading Lights (ME14 1XX)",
        expected: &[(Postcode, "ME14 1XX")],
    },
    Case {
        text: "SW1A 1AA",
        expected: &[(Postcode, "SW1A 1AA")],
    },
    Case {
        text: "M1 1AE",
        expected: &[(Postcode, "M1 1AE")],
    },
    Case {
        text: "B33 8TH",
        expected: &[(Postcode, "B33 8TH")],
    },
    Case {
        text: "EC1A 1BB",
        expected: &[(Postcode, "EC1A 1BB")],
    },
    Case {
        text: "cf10 1aa",
        expected: &[(Postcode, "cf10 1aa")],
    },
    Case {
        text: "Our office is in CT1 2.",
        expected: &[(PartialPostcode, "CT1 2")],
    },
    Case {
        text: "Based in ME14, Maidstone",
        expected: &[(PartialPostcode, "ME14")],
    },
    Case {
        text: "SW1A 1",
        expected: &[(PartialPostcode, "SW1A 1")],
    },
    Case {
        text: "12 Heol y Frenhines, Caerdydd",
        expected: &[(StreetAddress, "12 Heol y Frenhines")],
    },
    Case {
        text: "3 Ffordd Pentre",
        expected: &[(StreetAddress, "3 Ffordd Pentre")],
    },
    Case {
        text: "7 Stryd Fawr, Bangor",
        expected: &[(StreetAddress, "7 Stryd Fawr")],
    },
    Case {
        text: "Flat 3, 12a High Street",
        expected: &[(StreetAddress, "Flat 3, 12a High Street")],
    },
    Case {
        text: "Unit 4 Riverside Park",
        expected: &[(StreetAddress, "Unit 4 Riverside Park")],
    },
    Case {
        text: "12-14 Church Road",
        expected: &[(StreetAddress, "12-14 Church Road")],
    },
    Case {
        text: "12 Ａcacia Аvenue",
        expected: &[(StreetAddress, "12 Ａcacia Аvenue")],
    },
    Case {
        text: "12 acacia Avenue",
        expected: &[(StreetAddress, "12 acacia Avenue")],
    },
];

fn kinds_and_texts(findings: &[Finding]) -> Vec<(LocationKind, &str)> {
    findings
        .iter()
        .map(|finding| (finding.kind, finding.text.as_str()))
        .collect()
}

#[test]
fn every_corpus_variant_is_found_as_expected() {
    let mut failures = Vec::new();
    for case in CORPUS {
        let findings = find_locations(case.text);
        if kinds_and_texts(&findings) != case.expected {
            failures.push(format!("{:?}: found {findings:?}", case.text));
        }
        if is_clean(case.text) {
            failures.push(format!("{:?}: reported clean", case.text));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn findings_read_well_in_an_error_message() {
    let findings = find_locations("Leading Lights (ME14 1XX)");
    let messages: Vec<String> = findings.iter().map(ToString::to_string).collect();
    assert_eq!(messages, vec![r#"a postcode ("ME14 1XX")"#]);
}
