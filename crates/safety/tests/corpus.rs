//! Corpus of location-bearing texts: every variant must be found, as the right kind.

use frontline_safety::{find_locations, is_clean, Finding, LocationKind};

/// A text and the findings it must yield, in order.
struct Case {
    text: &'static str,
    expected: &'static [(LocationKind, &'static str)],
}

use LocationKind::{
    Coordinates, GridReference, MapLink, PartialPostcode, PlusCode, Postcode, StreetAddress,
    What3Words,
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
    // Postcodes split by punctuation.
    Case {
        text: "CT1_2AB",
        expected: &[(Postcode, "CT1_2AB")],
    },
    Case {
        text: "CT1.2AB",
        expected: &[(Postcode, "CT1.2AB")],
    },
    Case {
        text: "M1/1AE",
        expected: &[(Postcode, "M1/1AE")],
    },
    Case {
        text: "C.T.1 2.A.B",
        expected: &[(Postcode, "C.T.1 2.A.B")],
    },
    Case {
        text: "B33.8TH",
        expected: &[(Postcode, "B33.8TH")],
    },
    Case {
        text: "ct1-2ab",
        expected: &[(Postcode, "ct1-2ab")],
    },
    // Look-alike letters beyond Cyrillic and Greek.
    // Small capitals ᴄ ᴛ ᴀ ʙ.
    Case {
        text: "\u{1D04}\u{1D1B}1 2\u{1D00}\u{0299}",
        expected: &[(Postcode, "ᴄᴛ1 2ᴀʙ")],
    },
    // Cherokee Ꮯ Ꭲ Ꭺ Ᏼ.
    Case {
        text: "\u{13DF}\u{13A2}1 2\u{13AA}\u{13F4}",
        expected: &[(Postcode, "ᏟᎢ1 2ᎪᏴ")],
    },
    // Lisu ꓚ ꓔ ꓮ ꓐ.
    Case {
        text: "\u{A4DA}\u{A4D4}1 2\u{A4EE}\u{A4D0}",
        expected: &[(Postcode, "ꓚꓔ1 2ꓮꓐ")],
    },
    // Negative circled letters.
    Case {
        text: "🅒🅣1 2🅐🅑",
        expected: &[(Postcode, "🅒🅣1 2🅐🅑")],
    },
    // Digits from other scripts.
    // Arabic-Indic.
    Case {
        text: "CT١ ٢AB",
        expected: &[(Postcode, "CT١ ٢AB")],
    },
    // Extended Arabic-Indic.
    Case {
        text: "CT۱ ۲AB",
        expected: &[(Postcode, "CT۱ ۲AB")],
    },
    // Devanagari.
    Case {
        text: "CT१ २AB",
        expected: &[(Postcode, "CT१ २AB")],
    },
    // Bengali.
    Case {
        text: "CT১ ২AB",
        expected: &[(Postcode, "CT১ ২AB")],
    },
    // Gurmukhi.
    Case {
        text: "CT੧ ੨AB",
        expected: &[(Postcode, "CT੧ ੨AB")],
    },
    // Thai.
    Case {
        text: "CT๑ ๒AB",
        expected: &[(Postcode, "CT๑ ๒AB")],
    },
    // Number words in digit positions.
    Case {
        text: "CT one 2AB",
        expected: &[(Postcode, "CT one 2AB")],
    },
    Case {
        text: "CT1 two AB",
        expected: &[(Postcode, "CT1 two AB")],
    },
    Case {
        text: "SW1A oh AX",
        expected: &[(Postcode, "SW1A oh AX")],
    },
    // Coordinates in more notations.
    Case {
        text: "51,2802 1,0789",
        expected: &[(Coordinates, "51,2802 1,0789")],
    },
    Case {
        text: "51.2802 | 1.0789",
        expected: &[(Coordinates, "51.2802 | 1.0789")],
    },
    Case {
        text: "51.2802;1.0789",
        expected: &[(Coordinates, "51.2802;1.0789")],
    },
    Case {
        text: "N51.2802 E1.0789",
        expected: &[(Coordinates, "N51.2802 E1.0789")],
    },
    Case {
        text: "51.2802N 1.0789E",
        expected: &[(Coordinates, "51.2802N 1.0789E")],
    },
    Case {
        text: "N 51.2802, W 1.0789",
        expected: &[(Coordinates, "N 51.2802, W 1.0789")],
    },
    Case {
        text: "%4051.2802%2C1.0789",
        expected: &[(Coordinates, "%4051.2802%2C1.0789")],
    },
    Case {
        text: "q=51.2802%2C1.0789",
        expected: &[(Coordinates, "q=51.2802%2C1.0789")],
    },
    // Grid references as easting and northing.
    Case {
        text: "easting 614900 northing 157700",
        expected: &[(GridReference, "easting 614900 northing 157700")],
    },
    Case {
        text: "E 614900 N 157700",
        expected: &[(GridReference, "E 614900 N 157700")],
    },
    Case {
        text: "Easting: 614,900m, Northing: 157,700m",
        expected: &[(GridReference, "Easting: 614,900m, Northing: 157,700m")],
    },
    Case {
        text: "Easting, northing: 614900, 157700",
        expected: &[(GridReference, "614900, 157700")],
    },
    // Plus codes.
    Case {
        text: "9F32CJ8H+8V",
        expected: &[(PlusCode, "9F32CJ8H+8V")],
    },
    Case {
        text: "9C4X+2V",
        expected: &[(PlusCode, "9C4X+2V")],
    },
    Case {
        text: "9f32cj8h+8v",
        expected: &[(PlusCode, "9f32cj8h+8v")],
    },
    Case {
        text: "CJ8H+8V Canterbury",
        expected: &[(PlusCode, "CJ8H+8V")],
    },
    // Map and short links.
    Case {
        text: "https://goo.gl/AbCd12",
        expected: &[(MapLink, "https://goo.gl/AbCd12")],
    },
    Case {
        text: "bit.ly/3xYzAb",
        expected: &[(MapLink, "bit.ly/3xYzAb")],
    },
    Case {
        text: "https://tinyurl.com/2p8abcd",
        expected: &[(MapLink, "https://tinyurl.com/2p8abcd")],
    },
    Case {
        text: "https://t.co/AbC123",
        expected: &[(MapLink, "https://t.co/AbC123")],
    },
    Case {
        text: "https://mapcarta.com/W12345678",
        expected: &[(MapLink, "https://mapcarta.com/W12345678")],
    },
    Case {
        text: "http://www.streetmap.co.uk/map.srf?x=614900&y=157700",
        expected: &[(
            MapLink,
            "http://www.streetmap.co.uk/map.srf?x=614900&y=157700",
        )],
    },
    Case {
        text: "https://gridreferencefinder.com/?gr=TR1490057700",
        expected: &[(MapLink, "https://gridreferencefinder.com/?gr=TR1490057700")],
    },
    Case {
        text: "https://geohack.toolforge.org/geohack.php?params=51_16_49_N_1_4_44_E",
        expected: &[(
            MapLink,
            "https://geohack.toolforge.org/geohack.php?params=51_16_49_N_1_4_44_E",
        )],
    },
    Case {
        text: "https://www.openstreetmap.org/way/12345",
        expected: &[(MapLink, "https://www.openstreetmap.org/way/12345")],
    },
    Case {
        text: "https://www.google.co.uk/maps/place/Canterbury",
        expected: &[(MapLink, "https://www.google.co.uk/maps/place/Canterbury")],
    },
    Case {
        text: "https://maps.apple/p/AbCdEf",
        expected: &[(MapLink, "https://maps.apple/p/AbCdEf")],
    },
    Case {
        text: "https://what3words.com/filled.count.soap",
        expected: &[(MapLink, "https://what3words.com/filled.count.soap")],
    },
    Case {
        text: "https://w3w.co/filled.count.soap",
        expected: &[(MapLink, "https://w3w.co/filled.count.soap")],
    },
    Case {
        text: "https://plus.codes/9F32CJ8H+8V",
        expected: &[(MapLink, "https://plus.codes/9F32CJ8H+8V")],
    },
    Case {
        text: "http://geohash.org/gcpvj0duq",
        expected: &[(MapLink, "http://geohash.org/gcpvj0duq")],
    },
    // what3words with capitals and other separators.
    Case {
        text: "Filled.Count.Soap",
        expected: &[(What3Words, "Filled.Count.Soap")],
    },
    Case {
        text: "filled·count·soap",
        expected: &[(What3Words, "filled·count·soap")],
    },
    Case {
        text: "filled•count•soap",
        expected: &[(What3Words, "filled•count•soap")],
    },
    // Street types and abbreviations.
    Case {
        text: "12 Acacia Cl",
        expected: &[(StreetAddress, "12 Acacia Cl")],
    },
    Case {
        text: "12 Acacia Ct",
        expected: &[(StreetAddress, "12 Acacia Ct")],
    },
    Case {
        text: "12 Acacia Crt",
        expected: &[(StreetAddress, "12 Acacia Crt")],
    },
    Case {
        text: "12 Acacia Av",
        expected: &[(StreetAddress, "12 Acacia Av")],
    },
    Case {
        text: "12 Station Approach",
        expected: &[(StreetAddress, "12 Station Approach")],
    },
    Case {
        text: "3 Rose Villas",
        expected: &[(StreetAddress, "3 Rose Villas")],
    },
    Case {
        text: "4 The Croft",
        expected: &[(StreetAddress, "4 The Croft")],
    },
    Case {
        text: "12 Broadway",
        expected: &[(StreetAddress, "12 Broadway")],
    },
    Case {
        text: "1 Oxford Circus",
        expected: &[(StreetAddress, "1 Oxford Circus")],
    },
    Case {
        text: "5 Victoria Embankment",
        expected: &[(StreetAddress, "5 Victoria Embankment")],
    },
    Case {
        text: "7 The Esplanade",
        expected: &[(StreetAddress, "7 The Esplanade")],
    },
    Case {
        text: "9 Kings Gate",
        expected: &[(StreetAddress, "9 Kings Gate")],
    },
    Case {
        text: "2 Beech Hollow",
        expected: &[(StreetAddress, "2 Beech Hollow")],
    },
    Case {
        text: "6 Acacia Meadow",
        expected: &[(StreetAddress, "6 Acacia Meadow")],
    },
    Case {
        text: "6 Acacia Meadows",
        expected: &[(StreetAddress, "6 Acacia Meadows")],
    },
    Case {
        text: "8 Richmond Mount",
        expected: &[(StreetAddress, "8 Richmond Mount")],
    },
    Case {
        text: "10 The Oval",
        expected: &[(StreetAddress, "10 The Oval")],
    },
    Case {
        text: "11 River Pathway",
        expected: &[(StreetAddress, "11 River Pathway")],
    },
    Case {
        text: "14 Marine Promenade",
        expected: &[(StreetAddress, "14 Marine Promenade")],
    },
    Case {
        text: "15 Acacia Vale",
        expected: &[(StreetAddress, "15 Acacia Vale")],
    },
    Case {
        text: "16 Kirk Wynd",
        expected: &[(StreetAddress, "16 Kirk Wynd")],
    },
    Case {
        text: "17 Hunters Chase",
        expected: &[(StreetAddress, "17 Hunters Chase")],
    },
    Case {
        text: "18 Acacia Boulevard",
        expected: &[(StreetAddress, "18 Acacia Boulevard")],
    },
    Case {
        text: "19 Acacia Blvd",
        expected: &[(StreetAddress, "19 Acacia Blvd")],
    },
    Case {
        text: "20 Acacia Crescent",
        expected: &[(StreetAddress, "20 Acacia Crescent")],
    },
    Case {
        text: "21 Acacia Cres",
        expected: &[(StreetAddress, "21 Acacia Cres")],
    },
    Case {
        text: "22 Acacia Gardens",
        expected: &[(StreetAddress, "22 Acacia Gardens")],
    },
    Case {
        text: "23 Acacia Gdns",
        expected: &[(StreetAddress, "23 Acacia Gdns")],
    },
    Case {
        text: "24 Acacia Terrace",
        expected: &[(StreetAddress, "24 Acacia Terrace")],
    },
    Case {
        text: "25 Acacia Terr",
        expected: &[(StreetAddress, "25 Acacia Terr")],
    },
    Case {
        text: "26 Acacia Parade",
        expected: &[(StreetAddress, "26 Acacia Parade")],
    },
    Case {
        text: "27 Acacia Pde",
        expected: &[(StreetAddress, "27 Acacia Pde")],
    },
    Case {
        text: "28 Acacia Place",
        expected: &[(StreetAddress, "28 Acacia Place")],
    },
    Case {
        text: "29 Acacia Pl",
        expected: &[(StreetAddress, "29 Acacia Pl")],
    },
    Case {
        text: "30 Acacia Square",
        expected: &[(StreetAddress, "30 Acacia Square")],
    },
    Case {
        text: "31 Acacia Sq",
        expected: &[(StreetAddress, "31 Acacia Sq")],
    },
    Case {
        text: "32 Acacia Lane",
        expected: &[(StreetAddress, "32 Acacia Lane")],
    },
    Case {
        text: "33 Acacia Ln",
        expected: &[(StreetAddress, "33 Acacia Ln")],
    },
    Case {
        text: "34 Acacia Road",
        expected: &[(StreetAddress, "34 Acacia Road")],
    },
    Case {
        text: "35 Acacia Rd",
        expected: &[(StreetAddress, "35 Acacia Rd")],
    },
    Case {
        text: "36 Acacia Street",
        expected: &[(StreetAddress, "36 Acacia Street")],
    },
    Case {
        text: "37 Acacia St",
        expected: &[(StreetAddress, "37 Acacia St")],
    },
    // Welsh street words.
    Case {
        text: "3 Clos Llanfair",
        expected: &[(StreetAddress, "3 Clos Llanfair")],
    },
    Case {
        text: "4 Rhes Glan",
        expected: &[(StreetAddress, "4 Rhes Glan")],
    },
    Case {
        text: "5 Cwrt Dewi",
        expected: &[(StreetAddress, "5 Cwrt Dewi")],
    },
    Case {
        text: "6 Sgwâr y Farchnad",
        expected: &[(StreetAddress, "6 Sgwâr y Farchnad")],
    },
    Case {
        text: "7 Heol-y-Frenhines",
        expected: &[(StreetAddress, "7 Heol-y-Frenhines")],
    },
    Case {
        text: "8 Ffordd Pentre",
        expected: &[(StreetAddress, "8 Ffordd Pentre")],
    },
    Case {
        text: "9 Stryd Fawr",
        expected: &[(StreetAddress, "9 Stryd Fawr")],
    },
    Case {
        text: "10 Lôn Las",
        expected: &[(StreetAddress, "10 Lôn Las")],
    },
    // An address in a URL path or an e-mail address.
    Case {
        text: "https://cedar.example.org/Refuge_at_12_Acacia_Avenue_CT1_2AB",
        expected: &[(StreetAddress, "12_Acacia_Avenue"), (Postcode, "CT1_2AB")],
    },
    Case {
        text: "https://cedar.example.org/refuge-at-12-acacia-avenue-ct1-2ab",
        expected: &[(StreetAddress, "12-acacia-avenue"), (Postcode, "ct1-2ab")],
    },
    Case {
        text: "https://cedar.example.org/12%20Acacia%20Avenue",
        expected: &[(StreetAddress, "12%20Acacia%20Avenue")],
    },
    Case {
        text: "ct1.2ab@cedar.example.org",
        expected: &[(Postcode, "ct1.2ab")],
    },
    Case {
        text: "12.acacia.avenue@cedar.example.org",
        expected: &[(StreetAddress, "12.acacia.avenue")],
    },
    // Disguises combined, and more separators.
    Case {
        text: "\u{13DF}\u{13A2}\u{0661} \u{0662}\u{13AA}\u{13F4}",
        expected: &[(Postcode, "ᏟᎢ١ ٢ᎪᏴ")],
    },
    Case {
        text: "https://example.org/search?q=CT1+2AB",
        expected: &[(Postcode, "CT1+2AB")],
    },
    Case {
        text: "CT1·2AB",
        expected: &[(Postcode, "CT1·2AB")],
    },
    Case {
        text: "CT1%202AB",
        expected: &[(Postcode, "CT1%202AB")],
    },
    Case {
        text: "https://maps.google.com/?q=12%20Acacia%20Avenue",
        expected: &[(MapLink, "https://maps.google.com/?q=12%20Acacia%20Avenue")],
    },
    Case {
        text: "easting=614900&northing=157700",
        expected: &[(GridReference, "easting=614900&northing=157700")],
    },
    Case {
        text: "Plus code: https://plus.codes/9F32CJ8H+8V or CJ8H+8V Canterbury",
        expected: &[
            (MapLink, "https://plus.codes/9F32CJ8H+8V"),
            (PlusCode, "CJ8H+8V"),
        ],
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
