//! Which cases a service's Idvas support — Marac cases, court cases or both — and the table of
//! Idva services by that answer.

use crate::allocation::ServiceEstimate;
use crate::tables::{percent, share_pct, Table};

/// The cases a service's Idvas support, as the survey asks it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum CaseMix {
    Both,
    MaracOnly,
    CourtOnly,
}

impl CaseMix {
    /// In the order the report gives them.
    pub const ALL: [CaseMix; 3] = [CaseMix::Both, CaseMix::MaracOnly, CaseMix::CourtOnly];

    /// The survey's answer value (`both`, `marac`, `court`); none for anything else.
    pub fn from_answer(value: &str) -> Option<CaseMix> {
        match value {
            "both" => Some(CaseMix::Both),
            "marac" => Some(CaseMix::MaracOnly),
            "court" => Some(CaseMix::CourtOnly),
            _ => None,
        }
    }

    /// The row label the table publishes.
    pub fn label(self) -> &'static str {
        match self {
            CaseMix::Both => "Both Marac and court cases",
            CaseMix::MaracOnly => "Marac cases only",
            CaseMix::CourtOnly => "Court cases only",
        }
    }
}

/// The row of services that did not say.
pub const NOT_KNOWN: &str = "Not known";

/// Idva services by the cases their Idvas support, with a total.
pub fn idva_cases(estimates: &[ServiceEstimate]) -> Table {
    let mut t = Table::new(
        super::names::IDVA_CASES,
        "Cases Idva services support: Marac cases, court cases or both",
        &["cases", "idva_services", "pct_of_all_idva_services"],
    )
    .with_note("Each service employing Idvas counted once, by its answer to \"Which cases do your Idvas support?\"; services whose figures were not given this year are counted by the answer carried with them, or as not known.");
    let mixes: Vec<Option<CaseMix>> = estimates
        .iter()
        .filter(|e| e.employs("idva"))
        .map(|e| {
            e.figures
                .idva_cases
                .as_deref()
                .and_then(CaseMix::from_answer)
        })
        .collect();
    let total = mixes.len();
    let mut row = |label: &str, n: usize| {
        t.push(vec![
            label.to_string(),
            n.to_string(),
            percent(share_pct(n as f64, total as f64)),
        ]);
    };
    for mix in CaseMix::ALL {
        row(
            mix.label(),
            mixes.iter().filter(|m| **m == Some(mix)).count(),
        );
    }
    row(NOT_KNOWN, mixes.iter().filter(|m| m.is_none()).count());
    row("Total", total);
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_read_as_the_survey_gives_them_and_nothing_else() {
        assert_eq!(CaseMix::from_answer("both"), Some(CaseMix::Both));
        assert_eq!(CaseMix::from_answer("marac"), Some(CaseMix::MaracOnly));
        assert_eq!(CaseMix::from_answer("court"), Some(CaseMix::CourtOnly));
        assert_eq!(CaseMix::from_answer("Both"), None);
    }
}
