//! The controlled vocabularies of the funding register, as stored (`snake_case`) and as shown.

use serde::{Deserialize, Serialize};

macro_rules! vocabulary {
    ($(#[$doc:meta])* $name:ident { $($variant:ident => ($code:literal, $label:literal)),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
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

            /// From its code; the error lists the codes allowed.
            pub fn parse(text: &str) -> Result<Self, String> {
                let wanted = text.trim().to_ascii_lowercase();
                Self::ALL
                    .iter()
                    .copied()
                    .find(|v| v.code() == wanted)
                    .ok_or_else(|| {
                        let codes: Vec<&str> = Self::ALL.iter().map(|v| v.code()).collect();
                        format!("'{}' is not one of {}", text.trim(), codes.join(", "))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_errors_list_the_choices() {
        for t in FunderType::ALL {
            assert_eq!(FunderType::parse(t.code()), Ok(*t));
        }
        assert_eq!(Kind::parse(" Grant "), Ok(Kind::Grant));
        assert_eq!(
            Kind::parse("loan").unwrap_err(),
            "'loan' is not one of grant, contract"
        );
    }
}
