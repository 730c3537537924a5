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
//! | [`LocationKind::Postcode`] | `CT1 2AB`, `CT12AB`, `C T 1 2 A B`, `CTl 2AB` (`l`/`I` read as 1, `O` as 0 where a digit belongs) |
//! | [`LocationKind::PartialPostcode`] | `CT1 2`, `SW1A 1`, `M1 1`; districts with a two-letter area standing alone: `ME14`, `SW1A` |
//! | [`LocationKind::GridReference`] | `TR 149 577`, `TR149577`, `TQ 30 80`, `Grid ref TR 1490 5770` |
//! | [`LocationKind::Coordinates`] | `51.2802, 1.0789`, `lat 51.28 long 1.07`, `51°16'49"N 1°4'44"E`, `@51.28,1.07`, `?q=51.28,1.07` |
//! | [`LocationKind::What3Words`] | `///filled.count.soap`, `filled.count.soap` |
//! | [`LocationKind::MapLink`] | Google, Apple, Bing, OpenStreetMap, what3words, streetmap, HERE and Waze links; any URL with `@lat,long` |
//! | [`LocationKind::StreetAddress`] | `12 Acacia Avenue`, `Flat 3, 12a High St`, `Unit 4 Riverside Park`, `12 Heol y Frenhines` |
//!
//! Postcodes are matched only against the real list of UK postcode areas. Decimal coordinates
//! outside URLs must fall in the UK and Ireland (latitude 49 to 61, longitude −11 to 2) with at
//! least two decimal places; in map URLs any point on Earth counts.
//!
//! Matching runs on a canonical form of the text (see [`normalise`]): NFKC-style compatibility
//! folding (full-width `ＣＴ１` is `CT1`), upper case, no zero-width characters or soft hyphens,
//! no accents, Cyrillic and Greek look-alikes read as Latin (`СТ1 2АВ` is `CT1 2AB`), and one
//! space for any run of whitespace. Each [`Finding`] still quotes the original text, invisible
//! characters and all, so a reviewer sees exactly what was written.
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
//!   "Canterbury"); flagging every place name would flag every service description.
//! - Addresses written without the capitals or street type it relies on ("12 acacia" alone).
//! - Numbers spelt out ("fifty-one point two eight"), or a postcode split across fields.
//! - Single-letter postcode districts on their own (`B12`, `M25`, `E1`), which are too often
//!   vitamins, motorways and levels; with a sector digit (`M1 1`) or in full they are found.
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
mod finding;
pub mod normalise;
mod overlap;
mod scan;
pub mod spreadsheet;

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
