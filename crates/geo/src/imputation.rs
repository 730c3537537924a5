//! Ratio imputation for services that gave no figures this cycle and have none earlier to roll
//! forward (the method of Women's Aid's annual survey; ONS calls it ratio imputation): each is
//! estimated from the services that did answer in its class — the same type, size band and
//! region — as its own size times their figures per unit of size. Size is a service's annual
//! funding this cycle (the funding register), known for answering and silent services alike.

use serde::Serialize;
use std::collections::BTreeMap;
use survey_engine::figures::{PractitionerFigures, RoleFigures, Roles};

/// A service's type for imputation, from the kinds of support its profile says it offers:
/// advocacy first (Idvas, Isvas and other advocates are what the survey counts most), then safe
/// accommodation, then any other support.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ServiceType {
    Advocacy,
    SafeAccommodation,
    OtherSupport,
}

const ADVOCACY: [&str; 6] = [
    "idva",
    "isva",
    "chidva",
    "chisva",
    "advocacy",
    "cse_gangs_advocacy",
];
const SAFE_ACCOMMODATION: [&str; 2] = ["refuge", "other_safe_accommodation"];

impl ServiceType {
    /// The type of a service offering `offered` (the profile's `services_offered` values).
    pub fn of<'a>(offered: impl IntoIterator<Item = &'a str>) -> Self {
        let offered: Vec<&str> = offered.into_iter().collect();
        if offered.iter().any(|o| ADVOCACY.contains(o)) {
            ServiceType::Advocacy
        } else if offered.iter().any(|o| SAFE_ACCOMMODATION.contains(o)) {
            ServiceType::SafeAccommodation
        } else {
            ServiceType::OtherSupport
        }
    }

    pub fn in_words(self) -> &'static str {
        match self {
            ServiceType::Advocacy => "advocacy",
            ServiceType::SafeAccommodation => "safe accommodation",
            ServiceType::OtherSupport => "other support",
        }
    }
}

/// Bands of annual funding, in pence: a band holds amounts from its lower bound up to, not
/// including, the next band's.
const BANDS_PENCE: [(i64, &str); 5] = [
    (0, "under £100,000"),
    (10_000_000, "£100,000 to £249,999"),
    (25_000_000, "£250,000 to £499,999"),
    (50_000_000, "£500,000 to £999,999"),
    (100_000_000, "£1 million or more"),
];

/// A size band of annual funding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct SizeBand(usize);

impl SizeBand {
    /// The band of an annual funding of `pence` (0 or more).
    pub fn of(pence: i64) -> Self {
        SizeBand(
            BANDS_PENCE
                .iter()
                .rposition(|(lower, _)| pence >= *lower)
                .unwrap_or(0),
        )
    }

    pub fn in_words(self) -> &'static str {
        BANDS_PENCE.get(self.0).map_or("", |(_, words)| words)
    }
}

/// The services one is estimated from: the same type, size band and region.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Class {
    pub service_type: ServiceType,
    pub size_band: SizeBand,
    pub region: String,
}

impl Class {
    pub fn new(service_type: ServiceType, annual_pence: i64, region: &str) -> Self {
        Class {
            service_type,
            size_band: SizeBand::of(annual_pence),
            region: region.to_string(),
        }
    }

    pub fn in_words(&self) -> String {
        format!(
            "{} services funded {} a year in {}",
            self.service_type.in_words(),
            self.size_band.in_words(),
            self.region
        )
    }
}

/// A service that answered this cycle: its class, size and figures.
#[derive(Debug, Clone)]
pub struct Donor {
    pub class: Class,
    pub annual_pence: i64,
    pub figures: PractitionerFigures,
}

/// A service with no figures this cycle or earlier: its class and size.
#[derive(Debug, Clone)]
pub struct Recipient {
    pub service_id: i64,
    pub class: Class,
    pub annual_pence: i64,
}

/// What imputation gives a recipient.
// Figures hold each role's slot inline (a few hundred bytes); there is one of these per silent
// service, so the difference in size from `NoDonors` is not worth a box.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Imputed {
    /// Figures estimated from `donors` services of its class.
    Estimated {
        figures: PractitionerFigures,
        donors: usize,
    },
    /// Fewer than [`MIN_DONORS`] services of its class answered (or none of them has any funding
    /// to scale by): the service stays without figures.
    NoDonors,
}

/// The fewest answering services of its class a service is estimated from: fewer would make
/// the estimate one service's figures scaled, which anyone knowing the recipient's funding could
/// turn back into that service's figures per pound.
pub const MIN_DONORS: usize = 3;

/// The source a carried imputed figure records, in plain words (no count of donors: published
/// beside one area's row, it would say something of other areas).
pub fn source_in_words(class: &Class) -> String {
    format!(
        "imputed: ratio to annual funding of the answering {}",
        class.in_words()
    )
}

/// Estimates each recipient from the donors of its class: every figure is the recipient's
/// annual funding times the class's total of that figure over its total funding. FTE is kept
/// to two decimal places and people to whole persons (rounded half up, never fewer than the FTE
/// needs); the high-risk share of Idva FTE cannot exceed the Idva FTE.
pub fn impute(donors: &[Donor], recipients: &[Recipient]) -> BTreeMap<i64, Imputed> {
    let mut by_class: BTreeMap<&Class, Vec<&Donor>> = BTreeMap::new();
    for d in donors {
        by_class.entry(&d.class).or_default().push(d);
    }
    recipients
        .iter()
        .map(|r| {
            let imputed = match by_class.get(&r.class) {
                Some(class) if class.len() >= MIN_DONORS => ratio_estimate(class, r.annual_pence),
                _ => Imputed::NoDonors,
            };
            (r.service_id, imputed)
        })
        .collect()
}

fn ratio_estimate(donors: &[&Donor], annual_pence: i64) -> Imputed {
    let total_size: f64 = donors.iter().map(|d| d.annual_pence.max(0) as f64).sum();
    if total_size <= 0.0 {
        return Imputed::NoDonors;
    }
    let scale = annual_pence.max(0) as f64 / total_size;
    let mut figures = PractitionerFigures::default();
    let mut totals = Roles::default();
    for d in donors {
        for (role, f) in d.figures.roles.iter() {
            let t = totals.of(role);
            totals.insert(
                role,
                RoleFigures {
                    people: t.people + f.people,
                    fte: t.fte + f.fte,
                },
            );
        }
    }
    for (role, t) in totals.iter() {
        let fte = two_places(t.fte * scale);
        let people = (t.people * scale + 0.5).floor().max(fte.ceil());
        figures.roles.insert(role, RoleFigures { people, fte });
    }
    let high_risk: f64 = donors.iter().map(|d| d.figures.idva_high_risk_fte).sum();
    figures.idva_high_risk_fte = two_places(high_risk * scale).min(figures.role("idva").fte);
    let volunteers: f64 = donors.iter().map(|d| d.figures.volunteers).sum();
    figures.volunteers = (volunteers * scale + 0.5).floor();
    Imputed::Estimated {
        figures,
        donors: donors.len(),
    }
}

fn two_places(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use survey_engine::figures::Role;

    fn figures(idva_people: f64, idva_fte: f64, high_risk: f64) -> PractitionerFigures {
        let mut f = PractitionerFigures::default();
        f.roles.insert(
            Role::Idva,
            RoleFigures {
                people: idva_people,
                fte: idva_fte,
            },
        );
        f.idva_high_risk_fte = high_risk;
        f
    }

    fn class(region: &str, pence: i64) -> Class {
        Class::new(ServiceType::Advocacy, pence, region)
    }

    #[test]
    fn a_recipient_gets_its_size_times_its_classs_figures_per_pound() {
        // Three South East advocacy services funded £150,000, £210,000 and £240,000 have 3, 4.2
        // and 7.2 Idva FTE: 14.4 FTE per £600,000. A silent one funded £120,000 gets
        // 14.4 × 120/600 = 2.88 FTE.
        let given = [
            Donor {
                class: class("South East", 15_000_000),
                annual_pence: 15_000_000,
                figures: figures(4.0, 3.0, 2.0),
            },
            Donor {
                class: class("South East", 21_000_000),
                annual_pence: 21_000_000,
                figures: figures(5.0, 4.2, 3.0),
            },
            Donor {
                class: class("South East", 24_000_000),
                annual_pence: 24_000_000,
                figures: figures(6.0, 7.2, 5.0),
            },
            // Another region's: not of its class.
            Donor {
                class: class("Wales", 15_000_000),
                annual_pence: 15_000_000,
                figures: figures(9.0, 9.0, 9.0),
            },
        ];
        let recipients = [
            Recipient {
                service_id: 7,
                class: class("South East", 12_000_000),
                annual_pence: 12_000_000,
            },
            Recipient {
                service_id: 8,
                class: class("London", 12_000_000),
                annual_pence: 12_000_000,
            },
        ];
        let out = impute(&given, &recipients);
        let Imputed::Estimated { figures, donors } = &out[&7] else {
            panic!("{out:?}");
        };
        assert_eq!(*donors, 3);
        assert_eq!(figures.role("idva").fte, 2.88);
        // 15 people × 1/5 = 3; high-risk 10 × 1/5 = 2.
        assert_eq!(figures.role("idva").people, 3.0);
        assert_eq!(figures.idva_high_risk_fte, 2.0);
        assert_eq!(out[&8], Imputed::NoDonors);
        // Two donors are too few: the estimate would be one service's figures scaled.
        let out = impute(&given[1..], &recipients[..1]);
        assert_eq!(out[&7], Imputed::NoDonors);
    }

    #[test]
    fn bands_and_types_are_read_as_documented() {
        assert_eq!(SizeBand::of(9_999_999).in_words(), "under £100,000");
        assert_eq!(SizeBand::of(10_000_000).in_words(), "£100,000 to £249,999");
        assert_eq!(SizeBand::of(100_000_000).in_words(), "£1 million or more");
        assert_eq!(ServiceType::of(["refuge", "idva"]), ServiceType::Advocacy);
        assert_eq!(ServiceType::of(["refuge"]), ServiceType::SafeAccommodation);
        assert_eq!(ServiceType::of(["helpline"]), ServiceType::OtherSupport);
    }
}
