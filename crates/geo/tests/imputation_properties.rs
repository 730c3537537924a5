//! Ratio imputation's invariants for any donors and recipients: estimates are never negative,
//! people are whole and enough to work the FTE, high-risk FTE never exceeds Idva FTE, a class
//! with fewer than three donors imputes nothing, and a recipient funded like a donor class's
//! whole total gets (to rounding) the class's whole total.

use frontline_geo::imputation::{
    impute, Class, Donor, Imputed, Recipient, ServiceType, MIN_DONORS,
};
use proptest::prelude::*;
use survey_engine::figures::{PractitionerFigures, Role, RoleFigures};

const BAND_POUNDS: i64 = 120_000;

fn class() -> Class {
    Class::new(ServiceType::Advocacy, BAND_POUNDS * 100, "South East")
}

fn donor(people: u8, fte_hundredths: u16, high_risk_share: u8, pounds: i64) -> Donor {
    let fte = (f64::from(fte_hundredths) / 100.0).min(f64::from(people));
    let mut figures = PractitionerFigures::default();
    figures.roles.insert(
        Role::Idva,
        RoleFigures {
            people: f64::from(people),
            fte,
        },
    );
    figures.idva_high_risk_fte = (fte * f64::from(high_risk_share) / 100.0 * 100.0).round() / 100.0;
    Donor {
        class: class(),
        annual_pence: pounds * 100,
        figures,
    }
}

proptest! {
    #[test]
    fn estimates_are_whole_people_enough_for_the_fte_and_high_risk_within_idva(
        donors in prop::collection::vec((1u8..20, 0u16..2000, 0u8..=100, 100_000i64..249_999), 0..8),
        recipient_pounds in 100_000i64..249_999,
    ) {
        let donors: Vec<Donor> = donors
            .into_iter()
            .map(|(p, f, h, pounds)| donor(p, f, h, pounds))
            .collect();
        let recipient = Recipient { service_id: 1, class: class(), annual_pence: recipient_pounds * 100 };
        let out = impute(&donors, &[recipient]);
        match &out[&1] {
            Imputed::NoDonors => prop_assert!(donors.len() < MIN_DONORS),
            Imputed::Estimated { figures, donors: used } => {
                prop_assert!(*used >= MIN_DONORS);
                prop_assert_eq!(*used, donors.len());
                let idva = figures.role("idva");
                prop_assert!(idva.fte >= 0.0 && idva.people >= 0.0);
                prop_assert_eq!(idva.people, idva.people.round());
                prop_assert!(idva.people >= idva.fte.ceil());
                prop_assert!(figures.idva_high_risk_fte <= idva.fte + 1e-9);
                // Linear in funding: its FTE is its share of the class's funding times the
                // class's FTE, to two decimal places.
                let total_fte: f64 = donors.iter().map(|d| d.figures.role("idva").fte).sum();
                let total_pence: f64 = donors.iter().map(|d| d.annual_pence as f64).sum();
                let expected = total_fte * (recipient_pounds * 100) as f64 / total_pence;
                prop_assert!((idva.fte - expected).abs() <= 0.005 + 1e-9, "{} vs {}", idva.fte, expected);
            }
        }
    }
}
