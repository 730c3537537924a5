//! The controlled vocabularies of the funding register, as stored (`snake_case`) and as shown.

/// Declares a closed vocabulary: its codes as stored, its labels as shown, and parsing whose
/// error names the codes allowed. Every domain crate's vocabularies use it
/// (`frontline_provision::vocabulary!`).
#[macro_export]
macro_rules! vocabulary {
    ($(#[$doc:meta])* $name:ident { $($variant:ident => ($code:literal, $label:literal)),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, ::serde::Serialize, ::serde::Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// As stored and imported.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            /// As a page or table shows it.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }

            /// From its code; the error lists the codes allowed (and quotes at most 40
            /// characters of what was given).
            pub fn parse(text: &str) -> Result<Self, String> {
                let wanted = text.trim().to_ascii_lowercase();
                Self::ALL
                    .iter()
                    .copied()
                    .find(|v| v.code() == wanted)
                    .ok_or_else(|| {
                        let codes: Vec<&str> = Self::ALL.iter().map(|v| v.code()).collect();
                        let given: String = text.trim().chars().take(40).collect();
                        format!("'{given}' is not one of {}", codes.join(", "))
                    })
            }
        }
    };
}

vocabulary! {
    /// Who pays.
    FunderType {
        Pcc => ("pcc", "Police and crime commissioner"),
        LocalAuthority => ("local_authority", "Local authority"),
        Icb => ("icb", "Integrated care board"),
        NhsEngland => ("nhs_england", "NHS England"),
        Moj => ("moj", "Ministry of Justice"),
        HomeOffice => ("home_office", "Home Office"),
        CharitableTrust => ("charitable_trust", "Charitable trust or lottery"),
        OwnFundraising => ("own_fundraising", "Own fundraising"),
        Other => ("other", "Other"),
    }
}

vocabulary! {
    /// How the money is given.
    Kind {
        Grant => ("grant", "Grant"),
        Contract => ("contract", "Contract"),
    }
}

vocabulary! {
    /// The service's part in the arrangement.
    Role {
        Sole => ("sole", "Sole provider"),
        LeadProvider => ("lead_provider", "Lead provider"),
        ConsortiumMember => ("consortium_member", "Consortium member"),
        SubContractor => ("sub_contractor", "Sub-contractor"),
    }
}

vocabulary! {
    /// Whether the stream pays for core costs (management, premises, supervision, overheads).
    CoreCosts {
        Yes => ("yes", "Yes"),
        Partly => ("partly", "Partly"),
        No => ("no", "No"),
    }
}

vocabulary! {
    /// What a service offers; each has a definition (see [`ServiceType::definition`]).
    ServiceType {
        Idva => ("idva", "Idva"),
        Isva => ("isva", "Isva"),
        Chisva => ("chisva", "ChISVA"),
        Chidva => ("chidva", "ChIDVA"),
        CommunityOutreach => ("community_outreach", "Community outreach"),
        Refuge => ("refuge", "Refuge"),
        OtherSafeAccommodation => ("other_safe_accommodation", "Other safe accommodation"),
        Counselling => ("counselling", "Counselling or therapy"),
        Helpline => ("helpline", "Helpline"),
        Advocacy => ("advocacy", "Advocacy"),
        PerpetratorProgramme => ("perpetrator_programme", "Perpetrator programme"),
        PeerSupport => ("peer_support", "Peer support"),
        CseGangsAdvocacy => ("cse_gangs_advocacy", "CSE and gangs advocacy"),
        Sarc => ("sarc", "Sexual assault referral centre"),
    }
}

impl ServiceType {
    /// What the term means in the provision map.
    pub fn definition(self) -> &'static str {
        match self {
            ServiceType::Idva => "Independent domestic violence adviser: advocacy for victims at high risk of serious harm.",
            ServiceType::Isva => "Independent sexual violence adviser: advocacy for survivors of sexual violence, including through the justice process.",
            ServiceType::Chisva => "Children's Isva: an Isva for children and young people.",
            ServiceType::Chidva => "Children's Idva: an Idva for children and young people experiencing abuse in their own relationships or at home.",
            ServiceType::CommunityOutreach => "Support in the community for victims who are not in refuge.",
            ServiceType::Refuge => "Safe accommodation with specialist support at a confidential address.",
            ServiceType::OtherSafeAccommodation => "Dispersed, sanctuary or second-stage accommodation other than refuge.",
            ServiceType::Counselling => "Counselling or therapy for survivors.",
            ServiceType::Helpline => "Support and information by telephone, text or online chat.",
            ServiceType::Advocacy => "Advocacy other than Idva or Isva, e.g. for medium-risk victims.",
            ServiceType::PerpetratorProgramme => "An accredited programme working with people who cause harm, with partner support.",
            ServiceType::PeerSupport => "Groups or mentoring led by survivors.",
            ServiceType::CseGangsAdvocacy => "Advocacy for young people at risk of child sexual exploitation or gang-related abuse.",
            ServiceType::Sarc => "Sexual assault referral centre: forensic, medical and emotional support after sexual assault.",
        }
    }
}

vocabulary! {
    /// Crimes a service supports victims of.
    CrimeType {
        DomesticAbuse => ("domestic_abuse", "Domestic abuse"),
        RecentSexualViolence => ("recent_sexual_violence", "Recent sexual violence"),
        NonRecentSexualViolence => ("non_recent_sexual_violence", "Non-recent sexual violence"),
        Stalking => ("stalking", "Stalking"),
        HonourBasedAbuse => ("honour_based_abuse", "Honour-based abuse"),
        Fgm => ("fgm", "Female genital mutilation"),
        Cse => ("cse", "Child sexual exploitation"),
    }
}

vocabulary! {
    /// Genders a service supports.
    Gender {
        Women => ("women", "Women"),
        Men => ("men", "Men"),
        NonBinary => ("non_binary", "Non-binary people"),
    }
}

vocabulary! {
    /// By-and-for: run by and for the community it serves.
    Community {
        BlackAndMinoritised => ("black_and_minoritised", "Black and minoritised"),
        Lgbt => ("lgbt", "LGBT+"),
        DeafAndDisabled => ("deaf_and_disabled", "Deaf and disabled"),
        MenAndBoys => ("men_and_boys", "Men and boys"),
        Other => ("other", "Other"),
    }
}

vocabulary! {
    /// How people reach a service.
    ReferralRoute {
        SelfReferral => ("self", "Self-referral"),
        Police => ("police", "Police"),
        Health => ("health", "Health"),
        SocialCare => ("social_care", "Social care"),
        Other => ("other", "Other agencies"),
    }
}

vocabulary! {
    /// Sector accreditations and standards a service may hold.
    Accreditation {
        WomensAidQualityStandards => ("womens_aid_quality_standards", "Women's Aid National Quality Standards"),
        RapeCrisisStandards => ("rape_crisis_standards", "Rape Crisis National Service Standards"),
        SafelivesLeadingLights => ("safelives_leading_lights", "SafeLives Leading Lights"),
        RespectAccreditation => ("respect_accreditation", "Respect accreditation"),
        ImkaanAccreditation => ("imkaan_accreditation", "Imkaan accreditation"),
    }
}

vocabulary! {
    /// Additional needs a service supports.
    AdditionalNeed {
        MentalHealth => ("mental_health", "Mental health"),
        SubstanceUse => ("substance_use", "Substance use"),
        LearningDisability => ("learning_disability", "Learning disability"),
        PhysicalDisability => ("physical_disability", "Physical disability"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_errors_list_the_choices() {
        for t in FunderType::ALL {
            assert_eq!(FunderType::parse(t.code()), Ok(*t));
        }
        assert_eq!(Kind::parse(" Grant "), Ok(Kind::Grant));
        assert!(ServiceType::ALL
            .iter()
            .all(|t| t.definition().ends_with('.')));
        assert_eq!(
            Kind::parse("loan").unwrap_err(),
            "'loan' is not one of grant, contract"
        );
    }
}

vocabulary! {
    /// When support is available outside office hours.
    Opening {
        Evenings => ("evenings", "Evenings"),
        Weekends => ("weekends", "Weekends"),
    }
}

vocabulary! {
    /// How support is given.
    SupportMode {
        Phone => ("phone", "By phone"),
        Online => ("online", "Online"),
        InPerson => ("in_person", "In person"),
    }
}
