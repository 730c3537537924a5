//! Gap flags for a police force area: provision the area lacks, each flag with the rule that
//! raised it, from the profiles of the services working there and their funding.

use crate::stream::FundingStream;
use crate::vocabulary::{Community, Gender, Opening, ReferralRoute, ServiceType};
use serde::Serialize;
use std::collections::BTreeSet;

/// What the provision map knows of a service for gap flags.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ServiceProfile {
    pub offers: BTreeSet<ServiceType>,
    pub genders: BTreeSet<Gender>,
    pub by_and_for: BTreeSet<Community>,
    pub referral_routes: BTreeSet<ReferralRoute>,
    /// Whether it supports people with no recourse to public funds; none when not answered.
    pub no_recourse: Option<bool>,
    /// When it is open outside office hours; none when the profile was not asked.
    pub opening: Option<BTreeSet<Opening>>,
    /// A safe-accommodation service's accessible units; none when it gives no places.
    pub accessible_units: Option<u64>,
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
    NoProvisionForNoRecourse,
    NothingEveningsOrWeekends,
    NoAccessibleRefugePlace,
}

impl Gap {
    pub const ALL: [Gap; 9] = [
        Gap::NoServiceForMen,
        Gap::NoByAndForBlackAndMinoritised,
        Gap::NoDeafAndDisabledLed,
        Gap::NoChildrensAdvocate,
        Gap::NoSelfReferral,
        Gap::AllFundingShortTerm,
        Gap::NoProvisionForNoRecourse,
        Gap::NothingEveningsOrWeekends,
        Gap::NoAccessibleRefugePlace,
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
            Gap::NoProvisionForNoRecourse => {
                "No provision for women with no recourse to public funds"
            }
            Gap::NothingEveningsOrWeekends => "Nothing open evenings or weekends",
            Gap::NoAccessibleRefugePlace => "No accessible refuge place",
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
            Gap::NoProvisionForNoRecourse => "Every service working in the area says whether it supports people with no recourse to public funds, and none that supports women does.",
            Gap::NothingEveningsOrWeekends => "Every service working in the area says when it is open, and none is open in the evenings or at weekends.",
            Gap::NoAccessibleRefugePlace => "Every refuge or other safe accommodation working in the area gives its places, and none has an accessible unit.",
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
    found.extend(flags_where_every_service_was_asked(services));
    found
}

/// The flags raised only where every service was asked: an area where some profile predates
/// the question (or left it blank) is not flagged for it, so no flag rests on an unknown.
fn flags_where_every_service_was_asked(services: &[&ServiceProfile]) -> Vec<Gap> {
    let all_answered = |asked: &dyn Fn(&ServiceProfile) -> bool| {
        !services.is_empty() && services.iter().all(|s| asked(s))
    };
    let any = |test: &dyn Fn(&ServiceProfile) -> bool| services.iter().any(|s| test(s));
    let mut found = Vec::new();
    if all_answered(&|s| s.no_recourse.is_some())
        && !any(&|s| s.no_recourse == Some(true) && s.genders.contains(&Gender::Women))
    {
        found.push(Gap::NoProvisionForNoRecourse);
    }
    if all_answered(&|s| s.opening.is_some())
        && !any(&|s| s.opening.as_ref().is_some_and(|o| !o.is_empty()))
    {
        found.push(Gap::NothingEveningsOrWeekends);
    }
    let safe: Vec<&&ServiceProfile> = services
        .iter()
        .filter(|s| s.is_safe_accommodation())
        .collect();
    if !safe.is_empty()
        && safe.iter().all(|s| s.accessible_units.is_some())
        && !safe
            .iter()
            .any(|s| s.accessible_units.is_some_and(|n| n > 0))
    {
        found.push(Gap::NoAccessibleRefugePlace);
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
            ..Default::default()
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

    #[test]
    fn flags_from_newer_questions_are_raised_only_where_services_were_asked() {
        let base = profile(
            &[ServiceType::Refuge],
            &[Gender::Women, Gender::Men],
            &[Community::DeafAndDisabled, Community::BlackAndMinoritised],
            &[ReferralRoute::SelfReferral],
        );
        let with_chidva = ServiceProfile {
            offers: [ServiceType::Chidva].into_iter().collect(),
            ..base.clone()
        };
        // Never asked: no flag for what was not asked.
        assert_eq!(gaps(&[&base, &with_chidva], &[]), vec![]);
        // Asked, and every answer says no: each flag raised.
        let said_no = ServiceProfile {
            no_recourse: Some(false),
            opening: Some(BTreeSet::new()),
            accessible_units: Some(0),
            ..base.clone()
        };
        let chidva_said_no = ServiceProfile {
            accessible_units: None,
            ..ServiceProfile {
                offers: [ServiceType::Chidva].into_iter().collect(),
                ..said_no.clone()
            }
        };
        // One service never asked: no flag rests on its unknown answer.
        assert_eq!(
            gaps(&[&said_no, &with_chidva], &[]),
            vec![Gap::NoAccessibleRefugePlace]
        );
        assert_eq!(
            gaps(&[&said_no, &chidva_said_no], &[]),
            vec![
                Gap::NoProvisionForNoRecourse,
                Gap::NothingEveningsOrWeekends,
                Gap::NoAccessibleRefugePlace
            ]
        );
        // A men-only service taking people with no recourse does not lift the women's flag.
        let men_only = ServiceProfile {
            genders: [Gender::Men].into_iter().collect(),
            no_recourse: Some(true),
            ..base.clone()
        };
        assert!(gaps(&[&said_no, &chidva_said_no, &men_only], &[])
            .contains(&Gap::NoProvisionForNoRecourse));
        // One service open at weekends with an accessible unit, taking women with no recourse.
        let open = ServiceProfile {
            no_recourse: Some(true),
            opening: Some([Opening::Weekends].into_iter().collect()),
            accessible_units: Some(1),
            ..base.clone()
        };
        assert_eq!(gaps(&[&said_no, &chidva_said_no, &open], &[]), vec![]);
    }
}
