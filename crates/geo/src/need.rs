//! The Idva need model: required FTE per police force area, from Marac cases and population.

use crate::code::PfaCode;
use serde::{Deserialize, Serialize};

/// Parameters of the need model, set per cycle and published beside the results.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct NeedParameters {
    /// Cases one FTE Idva can support in a year.
    pub cases_per_idva: f64,
    /// Expected high-risk cases a year per 10,000 adult females.
    pub high_risk_per_10k_women: f64,
    /// FTE nationally for high-risk victims never seen at Marac, spread by Marac cases.
    pub unseen_high_risk_uplift_fte: f64,
}

impl Default for NeedParameters {
    fn default() -> Self {
        Self {
            cases_per_idva: 100.0,
            high_risk_per_10k_women: 40.0,
            unseen_high_risk_uplift_fte: 200.0,
        }
    }
}

/// One area's inputs for a cycle.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AreaNeedInput {
    pub pfa_code: PfaCode,
    pub adult_females: i64,
    /// Marac cases heard in the 12 months.
    pub marac_cases: i32,
}

/// One area's required Idva FTE and how it was reached.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AreaNeed {
    pub pfa_code: PfaCode,
    pub marac_based_fte: f64,
    pub population_based_fte: f64,
    pub uplift_fte: f64,
    /// The greater of the two bases plus the uplift.
    pub required_fte: f64,
}

/// Computes need for every area given: required = max(Marac ÷ cases per Idva,
/// women × rate ÷ 10,000 ÷ cases per Idva) + the area's Marac-proportional share of the uplift.
pub fn compute(params: &NeedParameters, inputs: &[AreaNeedInput]) -> Vec<AreaNeed> {
    let total_marac: f64 = inputs.iter().map(|i| f64::from(i.marac_cases.max(0))).sum();
    inputs
        .iter()
        .map(|input| {
            let marac = f64::from(input.marac_cases.max(0));
            let marac_based_fte = marac / params.cases_per_idva;
            let population_based_fte = input.adult_females as f64 * params.high_risk_per_10k_women
                / 10_000.0
                / params.cases_per_idva;
            let uplift_fte = if total_marac > 0.0 {
                params.unseen_high_risk_uplift_fte * marac / total_marac
            } else {
                0.0
            };
            AreaNeed {
                pfa_code: input.pfa_code.clone(),
                marac_based_fte,
                population_based_fte,
                uplift_fte,
                required_fte: marac_based_fte.max(population_based_fte) + uplift_fte,
            }
        })
        .collect()
}

/// Coverage as a percentage: FTE working with high-risk victims ÷ required; none when nothing is required.
pub fn coverage_pct(high_risk_fte: f64, required_fte: f64) -> Option<f64> {
    (required_fte > 0.0).then(|| 100.0 * high_risk_fte / required_fte)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(code: &str, women: i64, marac: i32) -> AreaNeedInput {
        AreaNeedInput {
            pfa_code: PfaCode::parse(code).expect("a code"),
            adult_females: women,
            marac_cases: marac,
        }
    }

    #[test]
    fn takes_the_greater_basis_and_spreads_the_uplift_by_marac_cases() {
        // A: 500,000 women → 2,000 high-risk cases → 20 FTE; 1,500 Marac cases → 15 FTE.
        // B: 100,000 women → 4 FTE; 2,500 Marac cases → 25 FTE.
        // Uplift 200 FTE split 1,500 : 2,500 → 75 and 125.
        let needs = compute(
            &NeedParameters::default(),
            &[
                input("E23000001", 500_000, 1_500),
                input("E23000002", 100_000, 2_500),
            ],
        );
        assert_eq!(needs[0].population_based_fte, 20.0);
        assert_eq!(needs[0].marac_based_fte, 15.0);
        assert_eq!(needs[0].uplift_fte, 75.0);
        assert_eq!(needs[0].required_fte, 95.0);
        assert_eq!(needs[1].population_based_fte, 4.0);
        assert_eq!(needs[1].required_fte, 25.0 + 125.0);
    }

    #[test]
    fn parameters_change_the_result() {
        let params = NeedParameters {
            cases_per_idva: 50.0,
            high_risk_per_10k_women: 40.0,
            unseen_high_risk_uplift_fte: 0.0,
        };
        let needs = compute(&params, &[input("E23000001", 100_000, 100)]);
        assert_eq!(needs[0].population_based_fte, 8.0);
        assert_eq!(needs[0].required_fte, 8.0);
    }

    #[test]
    fn no_marac_cases_means_no_uplift_and_coverage_needs_a_requirement() {
        let needs = compute(&NeedParameters::default(), &[input("E23000001", 0, 0)]);
        assert_eq!(needs[0].required_fte, 0.0);
        assert_eq!(coverage_pct(3.0, 0.0), None);
        assert_eq!(coverage_pct(3.0, 4.0), Some(75.0));
    }
}
