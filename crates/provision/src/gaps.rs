//! Gap flags for a police force area: provision the area lacks, each flag with the rule that
//! raised it, from the profiles of the services working there and their funding.

use crate::stream::FundingStream;
use crate::vocabulary::{Community, Gender, ReferralRoute, ServiceType};
use serde::Serialize;
use std::collections::BTreeSet;

/// What the provision map knows of a service for gap flags.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ServiceProfile {
    pub offers: BTreeSet<ServiceType>,
    pub genders: BTreeSet<Gender>,
    pub by_and_for: BTreeSet<Community>,
    pub referral_routes: BTreeSet<ReferralRoute>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Gap {
    NoServiceForMen,
    NoByAndForBlackAndMinoritised,
    NoDeafAndDisabledLed,
    NoChildrensAdvocate,
    NoSelfReferral,
    AllFundingShortTerm,
}

impl Gap {
    pub const ALL: [Gap; 6] = [
        Gap::NoServiceForMen,
        Gap::NoByAndForBlackAndMinoritised,
        Gap::NoDeafAndDisabledLed,
        Gap::NoChildrensAdvocate,
        Gap::NoSelfReferral,
        Gap::AllFundingShortTerm,
    ];

    /// The flag as a commissioner reads it.
    pub fn label(self) -> &'static str {
        match self {
            Gap::NoServiceForMen => "No service for men",
            Gap::NoByAndForBlackAndMinoritised => {
                "No by-and-for provision for Black and minoritised women"
            }
            Gap::NoDeafAndDisabledLed => "No Deaf- or disabled-led provision",
            Gap::NoChildrensAdvocate => "No ChISVA or ChIDVA",
            Gap::NoSelfReferral => "No self-referral route",
            Gap::AllFundingShortTerm => "All funding short-term",
        }
    }

    /// The rule that raises it, shown beside the flag.
    pub fn rule(self) -> &'static str {
        match self {
            Gap::NoServiceForMen => "No service working in the area supports men.",
            Gap::NoByAndForBlackAndMinoritised => "No service working in the area is by and for Black and minoritised communities and supports women.",
            Gap::NoDeafAndDisabledLed => "No service working in the area is by and for Deaf and disabled people.",
            Gap::NoChildrensAdvocate => "No service working in the area offers a ChISVA or a ChIDVA.",
            Gap::NoSelfReferral => "No service working in the area takes self-referrals.",
            Gap::AllFundingShortTerm => "The area's services have funding streams, and every one runs under five years.",
        }
    }
}

/// The gaps of an area with these services and funding streams. An area with no services has
/// every provision gap; the funding flag needs at least one stream.
pub fn gaps(services: &[&ServiceProfile], streams: &[&FundingStream]) -> Vec<Gap> {
    let any = |test: &dyn Fn(&ServiceProfile) -> bool| services.iter().any(|s| test(s));
    let mut found = Vec::new();
    if !any(&|s| s.genders.contains(&Gender::Men)) {
        found.push(Gap::NoServiceForMen);
    }
    if !any(&|s| {
        s.by_and_for.contains(&Community::BlackAndMinoritised) && s.genders.contains(&Gender::Women)
    }) {
        found.push(Gap::NoByAndForBlackAndMinoritised);
    }
    if !any(&|s| s.by_and_for.contains(&Community::DeafAndDisabled)) {
        found.push(Gap::NoDeafAndDisabledLed);
    }
    if !any(&|s| s.offers.contains(&ServiceType::Chisva) || s.offers.contains(&ServiceType::Chidva))
    {
        found.push(Gap::NoChildrensAdvocate);
    }
    if !any(&|s| s.referral_routes.contains(&ReferralRoute::SelfReferral)) {
        found.push(Gap::NoSelfReferral);
    }
    if !streams.is_empty() && streams.iter().all(|s| s.is_short_term()) {
        found.push(Gap::AllFundingShortTerm);
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stream::Day;
    use crate::vocabulary::{CoreCosts, FunderType, Kind, Role};

    fn profile(
        offers: &[ServiceType],
        genders: &[Gender],
        by_and_for: &[Community],
        routes: &[ReferralRoute],
    ) -> ServiceProfile {
        ServiceProfile {
            offers: offers.iter().copied().collect(),
            genders: genders.iter().copied().collect(),
            by_and_for: by_and_for.iter().copied().collect(),
            referral_routes: routes.iter().copied().collect(),
        }
    }

    fn stream(start: &str, end: &str) -> FundingStream {
        FundingStream {
            service: "S".into(),
            funder_type: FunderType::Pcc,
            funder: "PCC".into(),
            kind: Kind::Grant,
            role: Role::Sole,
            start: Day::parse(start).unwrap(),
            end: Day::parse(end).unwrap(),
            annual_pence: 1,
            core_costs_covered: CoreCosts::No,
            ring_fenced: false,
            commissioning: Default::default(),
        }
    }

    #[test]
    fn a_crafted_area_raises_exactly_its_gaps() {
        // Women's services only, one of them by and for Black and minoritised women, with a
        // ChIDVA, no self-referral, and only short grants.
        let a = profile(
            &[ServiceType::Idva, ServiceType::Chidva],
            &[Gender::Women],
            &[],
            &[ReferralRoute::Police],
        );
        let b = profile(
            &[ServiceType::Advocacy],
            &[Gender::Women],
            &[Community::BlackAndMinoritised],
            &[ReferralRoute::Health],
        );
        let short = [
            stream("2021-04-01", "2022-03-31"),
            stream("2020-04-01", "2023-03-31"),
        ];
        assert_eq!(
            gaps(&[&a, &b], &short.iter().collect::<Vec<_>>()),
            vec![
                Gap::NoServiceForMen,
                Gap::NoDeafAndDisabledLed,
                Gap::NoSelfReferral,
                Gap::AllFundingShortTerm
            ]
        );
        // One five-year stream lifts the funding flag; a men's self-referral service two more.
        let long = stream("2020-04-01", "2025-03-31");
        let men = profile(
            &[ServiceType::Helpline],
            &[Gender::Men],
            &[Community::DeafAndDisabled],
            &[ReferralRoute::SelfReferral],
        );
        let all: Vec<&FundingStream> = short.iter().chain([&long]).collect();
        assert!(gaps(&[&a, &b, &men], &all).is_empty());
        // No services at all: every provision gap, and no funding flag without streams.
        assert_eq!(gaps(&[], &[]).len(), 5);
        assert!(Gap::ALL
            .iter()
            .all(|g| !g.rule().is_empty() && !g.label().is_empty()));
    }
}
