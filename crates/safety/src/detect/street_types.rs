//! The words that make an English-style street address: street types and their abbreviations,
//! and the words that show a number and capitalised words are something else.

/// Street types that follow the street name. Where one spelling starts another, the longer
/// comes first (`street` before `st`).
pub(super) const STREET_TYPES: &[&str] = &[
    "street",
    "st",
    "road",
    "rd",
    "avenue",
    "ave",
    "av",
    "lane",
    "ln",
    "close",
    "cl",
    "drive",
    "dr",
    "way",
    "crescent",
    "cres",
    "place",
    "pl",
    "gardens",
    "gdns",
    "grove",
    "terrace",
    "terr",
    "tce",
    "court",
    "crt",
    "ct",
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
    "blvd",
    "vale",
    "meadows",
    "meadow",
    "heights",
    "embankment",
    "broadway",
    "approach",
    "villas",
    "croft",
    "circus",
    "esplanade",
    "gate",
    "hollow",
    "mount",
    "oval",
    "pathway",
    "promenade",
    "wynd",
    "chase",
];

/// Street types that name a whole street on their own (`12 Broadway`, `7 Esplanade`).
pub(super) const STANDALONE_STREET_TYPES: &[&str] =
    &["broadway", "embankment", "esplanade", "promenade"];

/// Street types unambiguous enough to trust when the whole address is in lower case.
pub(super) const LOWER_CASE_STREET_TYPES: &str =
    "street|road|avenue|lane|crescent|terrace|gardens|mews";

/// Street types trusted in lower case inside a URL, e-mail address or file name, where words
/// are joined by `_`, `-` or `.` (`12-acacia-close`), which prose seldom is.
pub(super) const URL_STREET_TYPES: &str = "street|st|road|rd|avenue|ave|lane|crescent|terrace|gardens|mews|close|drive|grove|court|place|square|villas|parade";

/// Street types that are also words for a way of working (`a 5 Step Approach`, `Tier 2 Care
/// Pathway`): with one of [`METHOD_WORDS`] as a name word they are not a street.
pub(super) const METHOD_STREET_TYPES: &[&str] = &["approach", "pathway", "gate", "chase"];

/// Name words that, before a street type in [`METHOD_STREET_TYPES`], make a way of working.
pub(super) const METHOD_WORDS: &[&str] = &[
    "Agency",
    "Care",
    "Core",
    "Family",
    "Key",
    "Level",
    "Multi",
    "Part",
    "Partnership",
    "Person",
    "Phase",
    "Pillar",
    "Point",
    "Recovery",
    "Referral",
    "Service",
    "Stage",
    "Step",
    "Support",
    "System",
    "Team",
    "Tier",
    "Trauma",
    "Treatment",
    "Whole",
];

/// Words before "Court" that name a court of law, not a street.
pub(super) const COURTS_OF_LAW: &[&str] = &[
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

/// Spellings of "Court" checked against [`COURTS_OF_LAW`].
pub(super) const COURT_TYPES: &[&str] = &["court", "crt", "ct"];

/// Words that, just before a number, show it is a count, a rank or a level rather than a house
/// number (`Tier 2 Care Pathway`, `our 3 Step Approach`, `a 5 Step Approach`).
pub(super) const COUNTING_WORDS: &[&str] = &[
    "a",
    "about",
    "all",
    "an",
    "approximately",
    "around",
    "band",
    "bed",
    "beds",
    "cohort",
    "each",
    "every",
    "first",
    "grade",
    "group",
    "her",
    "his",
    "its",
    "just",
    "last",
    "level",
    "module",
    "my",
    "nearly",
    "only",
    "option",
    "our",
    "over",
    "page",
    "part",
    "phase",
    "priority",
    "room",
    "rooms",
    "round",
    "section",
    "session",
    "sessions",
    "some",
    "stage",
    "step",
    "team",
    "than",
    "the",
    "their",
    "these",
    "this",
    "those",
    "tier",
    "top",
    "under",
    "version",
    "wave",
    "week",
    "weeks",
    "year",
    "years",
    "your",
];

/// Everyday words that do not make a street name (for lower-case addresses).
pub(super) const NOT_STREET_NAME_WORDS: &[&str] = &[
    "a",
    "across",
    "along",
    "an",
    "and",
    "at",
    "bed",
    "bedroom",
    "but",
    "by",
    "children",
    "clients",
    "day",
    "days",
    "down",
    "each",
    "every",
    "families",
    "for",
    "from",
    "her",
    "his",
    "hour",
    "hours",
    "in",
    "into",
    "its",
    "mile",
    "miles",
    "minute",
    "minutes",
    "month",
    "months",
    "my",
    "near",
    "of",
    "off",
    "on",
    "one",
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
    "storey",
    "survivors",
    "that",
    "the",
    "their",
    "them",
    "these",
    "they",
    "this",
    "those",
    "time",
    "times",
    "to",
    "two",
    "up",
    "victims",
    "way",
    "we",
    "week",
    "weeks",
    "which",
    "who",
    "with",
    "women",
    "year",
    "years",
    "your",
];

#[cfg(test)]
mod tests {
    use super::{STANDALONE_STREET_TYPES, STREET_TYPES};

    #[test]
    fn longer_spellings_come_before_their_prefixes() {
        for (index, short) in STREET_TYPES.iter().enumerate() {
            let later_longer = STREET_TYPES
                .iter()
                .skip(index + 1)
                .find(|long| long.starts_with(short) && long != &short);
            assert!(later_longer.is_none(), "{short} before {later_longer:?}");
        }
    }

    #[test]
    fn standalone_types_are_street_types() {
        for street_type in STANDALONE_STREET_TYPES {
            assert!(STREET_TYPES.contains(street_type), "{street_type}");
        }
    }
}
