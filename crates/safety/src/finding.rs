//! What the detector reports: the kind of location found and the original text it was found in.

use std::fmt;
use std::ops::Range;

/// A kind of text that could locate a place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum LocationKind {
    /// A full UK postcode (`CT1 2AB`).
    Postcode,
    /// A postcode district or sector (`ME14`, `CT1 2`).
    PartialPostcode,
    /// An Ordnance Survey grid reference (`TR 149 577`).
    GridReference,
    /// Latitude and longitude, decimal or degrees-minutes-seconds.
    Coordinates,
    /// A what3words address (`///filled.count.soap`).
    What3Words,
    /// A link to a mapping service.
    MapLink,
    /// A house number and street (`12 Acacia Avenue`, `4 Heol y Frenhines`).
    StreetAddress,
    /// An Open Location Code, or plus code (`9F32CJ8H+8V`, `CJ8H+8V`).
    PlusCode,
}

impl fmt::Display for LocationKind {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = match self {
            Self::Postcode => "a postcode",
            Self::PartialPostcode => "a partial postcode",
            Self::GridReference => "an OS grid reference",
            Self::Coordinates => "coordinates",
            Self::What3Words => "a what3words address",
            Self::MapLink => "a map link",
            Self::StreetAddress => "a street address",
            Self::PlusCode => "a plus code",
        };
        formatter.write_str(name)
    }
}

/// Something in a text that could locate a place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// What kind of location it is.
    pub kind: LocationKind,
    /// The substring of the original text it was found in, exactly as written there.
    pub text: String,
}

impl fmt::Display for Finding {
    /// For error messages: `a postcode ("CT1 2AB")`. Invisible characters are shown escaped.
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "{} ({:?})", self.kind, self.text)
    }
}

/// A detector's raw result: a kind and a byte range of the original text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Detection {
    pub(crate) kind: LocationKind,
    pub(crate) span: Range<usize>,
}

impl Detection {
    pub(crate) fn new(kind: LocationKind, span: Range<usize>) -> Self {
        Self { kind, span }
    }
}

#[cfg(test)]
mod tests {
    use super::{Finding, LocationKind};

    #[test]
    fn finding_display_names_the_kind_and_quotes_the_text() {
        let finding = Finding {
            kind: LocationKind::Postcode,
            text: "CT1 2AB".to_owned(),
        };
        assert_eq!(finding.to_string(), r#"a postcode ("CT1 2AB")"#);
    }

    #[test]
    fn finding_display_escapes_invisible_characters() {
        let finding = Finding {
            kind: LocationKind::Postcode,
            text: "CT1\u{200B}2AB".to_owned(),
        };
        assert_eq!(finding.to_string(), r#"a postcode ("CT1\u{200b}2AB")"#);
    }

    #[test]
    fn every_kind_has_a_plain_english_name() {
        assert_eq!(
            LocationKind::GridReference.to_string(),
            "an OS grid reference"
        );
        assert_eq!(LocationKind::What3Words.to_string(), "a what3words address");
        assert_eq!(LocationKind::MapLink.to_string(), "a map link");
        assert_eq!(LocationKind::StreetAddress.to_string(), "a street address");
        assert_eq!(
            LocationKind::PartialPostcode.to_string(),
            "a partial postcode"
        );
        assert_eq!(LocationKind::Coordinates.to_string(), "coordinates");
        assert_eq!(LocationKind::PlusCode.to_string(), "a plus code");
    }
}
