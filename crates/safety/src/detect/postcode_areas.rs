//! The UK postcode areas (the one- or two-letter prefix of every postcode) and pattern pieces built from them.

/// Every UK postcode area, including Northern Ireland and the Crown dependencies.
pub(crate) const POSTCODE_AREAS: &[&str] = &[
    "AB", "AL", "B", "BA", "BB", "BD", "BH", "BL", "BN", "BR", "BS", "BT", "CA", "CB", "CF", "CH",
    "CM", "CO", "CR", "CT", "CV", "CW", "DA", "DD", "DE", "DG", "DH", "DL", "DN", "DT", "DY", "E",
    "EC", "EH", "EN", "EX", "FK", "FY", "G", "GL", "GU", "GY", "HA", "HD", "HG", "HP", "HR", "HS",
    "HU", "HX", "IG", "IM", "IP", "IV", "JE", "KA", "KT", "KW", "KY", "L", "LA", "LD", "LE", "LL",
    "LN", "LS", "LU", "M", "ME", "MK", "ML", "N", "NE", "NG", "NN", "NP", "NR", "NW", "OL", "OX",
    "PA", "PE", "PH", "PL", "PO", "PR", "RG", "RH", "RM", "S", "SA", "SE", "SG", "SK", "SL", "SM",
    "SN", "SO", "SP", "SR", "SS", "ST", "SW", "SY", "TA", "TD", "TF", "TN", "TQ", "TR", "TS", "TW",
    "UB", "W", "WA", "WC", "WD", "WF", "WN", "WR", "WS", "WV", "YO", "ZE",
];

/// Which areas a pattern should accept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AreaLetters {
    /// One- and two-letter areas.
    All,
    /// Two-letter areas only (`CT`, `ME`), which collide less with everyday tokens.
    TwoLetterOnly,
}

/// How the letters of an area may be written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AreaSpacing {
    /// `CT` only.
    Together,
    /// `CT`, `C T`, `C.T`, `C_T`, `C/T`, `C+T` or `C·T`: one space or separator between the
    /// letters.
    SeparatorsAllowed,
}

/// A regex alternation, in a non-capturing group, matching the chosen areas (upper case).
pub(crate) fn area_alternation(letters: AreaLetters, spacing: AreaSpacing) -> String {
    let separator = match spacing {
        AreaSpacing::Together => "",
        AreaSpacing::SeparatorsAllowed => "[ ._/+·•]?",
    };
    let mut areas: Vec<&str> = POSTCODE_AREAS
        .iter()
        .copied()
        .filter(|area| letters == AreaLetters::All || area.len() == 2)
        .collect();
    areas.sort_by_key(|area| std::cmp::Reverse(area.len()));
    let alternatives: Vec<String> = areas
        .iter()
        .map(|area| {
            area.chars()
                .map(String::from)
                .collect::<Vec<_>>()
                .join(separator)
        })
        .collect();
    format!("(?:{})", alternatives.join("|"))
}

#[cfg(test)]
mod tests {
    use super::{area_alternation, AreaLetters, AreaSpacing, POSTCODE_AREAS};

    #[test]
    fn there_are_124_areas_without_repeats() {
        let mut areas = POSTCODE_AREAS.to_vec();
        areas.sort_unstable();
        areas.dedup();
        assert_eq!(areas.len(), POSTCODE_AREAS.len());
        assert_eq!(areas.len(), 124);
    }

    #[test]
    fn alternation_can_allow_separators_inside_an_area() {
        let alternation = area_alternation(AreaLetters::All, AreaSpacing::SeparatorsAllowed);
        assert!(alternation.contains("C[ ._/+·•]?T|"));
        assert!(alternation.ends_with("|W)") || alternation.contains("|W|"));
    }

    #[test]
    fn two_letter_alternation_leaves_out_single_letters() {
        let alternation = area_alternation(AreaLetters::TwoLetterOnly, AreaSpacing::Together);
        assert!(!alternation.contains("|B|"));
        assert!(alternation.contains("|ME|"));
    }
}
