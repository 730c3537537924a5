//! What makes text safe to publish: a location detector that finds anything in text about to
//! be published that could locate a place, and CSV cells no spreadsheet reads as a formula
//! ([`spreadsheet`]).
//!
//! Refuge (safe-accommodation) locations must never be published. Before a text becomes
//! public, [`find_locations`] lists every part of it that looks like a location, and
//! [`is_clean`] says whether there is none.
//!
//! # What is detected
//!
//! | Kind | Examples |
//! | --- | --- |
//! | [`LocationKind::Postcode`] | `CT1 2AB`, `CT12AB`, `C T 1 2 A B`, `CT1_2AB`, `CT1.2AB`, `M1/1AE`, `C.T.1 2.A.B`, `ct1.2ab@…`, `CTl 2AB` (`l`/`I` read as 1, `O` as 0 where a digit belongs, when spaced with spaces alone), `CT one 2AB`, `CT1 two AB` (`zero` to `nine` and `oh` as digits) |
//! | [`LocationKind::PartialPostcode`] | `CT1 2`, `SW1A 1`, `M1 1`; districts with a two-letter area standing alone: `ME14`, `SW1A` |
//! | [`LocationKind::GridReference`] | `TR 149 577`, `TR149577`, `TQ 30 80`, `Grid ref TR 1490 5770`; `easting 614900 northing 157700`, `E 614900 N 157700`, and `614900, 157700` with the words "easting" and "northing" close by |
//! | [`LocationKind::Coordinates`] | `51.2802, 1.0789`, `51,2802 1,0789`, `51.2802 \| 1.0789`, `51.2802;1.0789`, `N51.2802 E1.0789`, `51.2802N 1.0789E`, `lat 51.28 long 1.07`, `51°16'49"N 1°4'44"E`, `@51.28,1.07`, `?q=51.28,1.07`, `q=51.28%2C1.07`, `%4051.28%2C1.07` |
//! | [`LocationKind::PlusCode`] | `9F32CJ8H+8V`, `9C4X+2V`, `CJ8H+8V Canterbury` (the code is reported) |
//! | [`LocationKind::What3Words`] | `///filled.count.soap`, `filled.count.soap`, `Filled.Count.Soap`, `filled·count·soap`, `filled•count•soap` |
//! | [`LocationKind::MapLink`] | Google (`google.*/maps`, `maps.google.*`), Apple, Bing, OpenStreetMap, what3words, `w3w.co`, `plus.codes`, `geohash.org`, streetmap, mapcarta, gridreferencefinder, geohack, HERE and Waze links; any link through a URL shortener (`goo.gl/…`, `bit.ly/…`, `tinyurl.com/…`, `t.co/…` and others: where it leads cannot be seen); any URL with `@lat,long` |
//! | [`LocationKind::StreetAddress`] | `12 Acacia Avenue`, `Flat 3, 12a High St`, `Unit 4 Riverside Park`, `12 Station Approach`, `12 Broadway`, `3 Rose Villas`, `12 Acacia Cl`; Welsh `12 Heol y Frenhines`, `7 Heol-y-Frenhines`, `3 Clos Llanfair`, `6 Sgwâr y Farchnad`; in a URL, e-mail address or file name: `…/Refuge_at_12_Acacia_Avenue`, `…/12-acacia-avenue`, `12.acacia.avenue@…` |
//!
//! Street types after the name: Street/St, Road/Rd, Avenue/Ave/Av, Lane/Ln, Close/Cl, Drive/Dr,
//! Way, Crescent/Cres, Place/Pl, Gardens/Gdns, Grove, Terrace/Terr/Tce, Court/Crt/Ct,
//! Square/Sq, Hill, Mews, Row, Walk, Parade/Pde, Green, Park, Rise, View, Yard, Wharf, Quay,
//! Boulevard/Blvd, Vale, Meadow(s), Heights, Embankment, Broadway, Approach, Villas, Croft,
//! Circus, Esplanade, Gate, Hollow, Mount, Oval, Pathway, Promenade, Wynd and Chase. Welsh
//! types before the name: Heol, Ffordd, Stryd/Stryt, Rhodfa, Cilgant, Teras, Llwybr, Lôn, Maes,
//! Clos, Rhes, Cwrt and Sgwâr.
//!
//! Postcodes are matched only against the real list of UK postcode areas. Decimal coordinates
//! outside URLs must fall in the UK and Ireland (latitude 49 to 61, longitude −11 to 2) with at
//! least two decimal places (four with a decimal comma, so that `51,280` stays a number); in
//! map URLs any point on Earth counts. Grid eastings and northings must lie on the National
//! Grid (up to 700 km east, 1,300 km north).
//!
//! Matching runs on a canonical form of the text (see [`normalise`]): percent-encoding decoded
//! (`%2C` is `,`), NFKC-style compatibility folding (full-width `ＣＴ１` is `CT1`), upper case,
//! no zero-width characters or soft hyphens, no accents, the decimal digits of every script read
//! as ASCII (`CT١ ٢AB` is `CT1 2AB`), and look-alike letters read as Latin: Cyrillic and Greek
//! (`СТ1 2АВ`), small capitals (`ᴄᴛ1 2ᴀʙ`), enclosed letters (`🅒🅣`), and, through Unicode's
//! confusables table, Cherokee (`ᏟᎢ1 2ᎪᏴ`), Lisu (`ꓚꓔ1 2ꓮꓐ`), Canadian syllabics and other
//! scripts used to imitate Latin; one space stands for any run of whitespace. Each [`Finding`]
//! still quotes the original text, invisible characters and all, so a reviewer sees exactly
//! what was written.
//!
//! # Defence in depth, not the guarantee
//!
//! The real guarantee that refuge locations stay private is that public outputs are built only
//! from an allow-list of fields that are public by design. This detector is a second line: it
//! catches a location typed into a free-text answer ("English, Polish, CT1 2AB"), an
//! accreditation name ("Leading Lights (ME14 1XX)") or any other field that slipped through.
//!
//! # What it cannot catch
//!
//! - Locations in prose: "the house behind the church", "opposite the Co-op on the high street",
//!   "the old vicarage in Little Snoring".
//! - Place names, landmarks and building names without a house number ("Acacia House",
//!   "Canterbury", "The Croft Project"); flagging every place name would flag every service
//!   description.
//! - Addresses written without the capitals or street type it relies on ("12 acacia" alone), or
//!   with a type it trusts only in capitals written in lower case in prose ("12 kings gate");
//!   streets whose type comes first in English ("12 Mount Pleasant").
//! - A house number after a counting word ("Tier 2 Care Pathway", "our 3 Rose Villas") or a
//!   way of working ("5 Step Approach"), which are taken as counts, not addresses.
//! - Numbers spelt out beyond single postcode digits ("fifty-one point two eight"), or a
//!   postcode split across fields.
//! - Single-letter postcode districts on their own (`B12`, `M25`, `E1`), which are too often
//!   vitamins, motorways and levels; with a sector digit (`M1 1`) or in full they are found.
//! - Letters read as digits (`CTl 2AB`) in a postcode split by `.`, `_` or `/` (`w3.org` is a
//!   web address); number words joined by `_` (`CT_one_2AB`).
//! - what3words addresses with spaces between the words (`filled count soap`) or in capitals
//!   (`FILLED.COUNT.SOAP`), which read as prose and acronyms; and, the other way round, three
//!   words joined by dots or bullets are flagged even when they are a menu path or a list
//!   (`counselling•advocacy•outreach`).
//! - Look-alike letters from scripts people write their own languages in (Arabic, Hebrew,
//!   Armenian, Georgian, the Indic scripts): reading them as Latin would turn ordinary answers
//!   into noise. Their digits are read.
//! - Where a short link leads: any link through a URL shortener is flagged, map or not.
//!
//! # Example
//!
//! ```
//! use frontline_safety::{find_locations, is_clean, LocationKind};
//!
//! let findings = find_locations("Languages: English, Polish, CT1 2AB");
//! assert_eq!(findings.len(), 1);
//! assert_eq!(findings[0].kind, LocationKind::Postcode);
//! assert_eq!(findings[0].to_string(), r#"a postcode ("CT1 2AB")"#);
//!
//! assert!(is_clean("We support women and children across Kent and Medway."));
//! ```

mod confusables;
mod detect;
mod digits;
mod finding;
pub mod normalise;
mod overlap;
mod pattern;
mod percent;
mod scan;
pub mod spreadsheet;
mod url_words;

pub use finding::{Finding, LocationKind};

use scan::ScanInput;

/// Every part of `text` that could locate a place, in order of where it starts.
///
/// A detection lying wholly inside another (the sector `CT1 2` inside the postcode `CT1 2AB`,
/// the coordinates inside a map link) is reported once, as the outer one.
pub fn find_locations(text: &str) -> Vec<Finding> {
    let input = ScanInput::new(text);
    overlap::outermost(detect::all(&input))
        .into_iter()
        .filter_map(|detection| {
            let original = text.get(detection.span)?;
            Some(Finding {
                kind: detection.kind,
                text: original.to_owned(),
            })
        })
        .collect()
}

/// Whether `text` contains nothing that could locate a place.
pub fn is_clean(text: &str) -> bool {
    find_locations(text).is_empty()
}
