//! The states a stored record can be in, as types: each is kept as text (the words the
//! migrations' `CHECK` constraints allow) and read back into its enum, so no code compares a
//! state with a string and a word the database does not allow cannot be written.

use diesel::backend::Backend;
use diesel::deserialize::{self, FromSql, FromSqlRow};
use diesel::expression::AsExpression;
use diesel::serialize::{self, Output, ToSql};
use diesel::sql_types::Text;
use frontline_geo::allocation::Given;
use std::fmt;
use std::str::FromStr;
use survey_engine::figures::Reported;

/// A word that names none of a state's values.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{word}' is not a {what}; expected one of: {expected}")]
pub struct UnknownState {
    pub what: &'static str,
    pub word: String,
    pub expected: String,
}

/// Declares a state: an enum of unit variants, each stored as its word.
macro_rules! stored_state {
    (
        $(#[$meta:meta])*
        $name:ident ($what:literal) {
            $( $(#[$vmeta:meta])* $variant:ident = $word:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord,
            AsExpression, FromSqlRow, serde::Serialize, serde::Deserialize,
        )]
        #[diesel(sql_type = Text)]
        #[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
        pub enum $name {
            $(
                $(#[$vmeta])*
                #[serde(rename = $word)]
                #[cfg_attr(feature = "cli", value(name = $word))]
                $variant,
            )+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The word stored for the value.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $word,)+
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $name {
            type Err = UnknownState;

            fn from_str(word: &str) -> Result<Self, UnknownState> {
                match word {
                    $($word => Ok($name::$variant),)+
                    _ => Err(UnknownState {
                        what: $what,
                        word: word.to_string(),
                        expected: [$($word),+].join(", "),
                    }),
                }
            }
        }

        impl<DB> ToSql<Text, DB> for $name
        where
            DB: Backend,
            str: ToSql<Text, DB>,
        {
            fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, DB>) -> serialize::Result {
                self.as_str().to_sql(out)
            }
        }

        impl<DB> FromSql<Text, DB> for $name
        where
            DB: Backend,
            String: FromSql<Text, DB>,
        {
            fn from_sql(bytes: DB::RawValue<'_>) -> deserialize::Result<Self> {
                let word = String::from_sql(bytes)?;
                Ok(word.parse::<$name>()?)
            }
        }
    };
}

stored_state! {
    /// Where a survey cycle is in its year.
    CycleStatus ("cycle status") {
        /// Set up, not yet open to respondents.
        Draft = "draft",
        /// In fieldwork: invitations out, answers coming in.
        Open = "open",
        /// Fieldwork over; estimates being made.
        Closed = "closed",
        /// Estimates frozen: ready for PCC review and release.
        Frozen = "frozen",
    }
}

stored_state! {
    /// Whether a response (practitioner survey, VFS return) is finished.
    ResponseStatus ("response status") {
        /// Saved part-way.
        Partial = "partial",
        /// Sent by the respondent (still amendable until close).
        Submitted = "submitted",
    }
}

stored_state! {
    /// How a practitioner-survey response reached the team.
    Channel ("response channel") {
        Online = "online",
        /// Completed by the team with the service on the phone.
        Phone = "phone",
        /// Loaded from a file.
        Import = "import",
    }
}

stored_state! {
    /// What a service's response says about it.
    Outcome ("response outcome") {
        /// The service answered the questions.
        Answered = "answered",
        /// The service has no practitioners this year.
        NoPractitioners = "no_practitioners",
        /// The service has closed.
        ServiceClosed = "service_closed",
    }
}

stored_state! {
    /// Where a carried (not reported) figure comes from.
    CarriedKind ("carried figure kind") {
        /// A non-responder's figures from its last response.
        RolledForward = "rolled_forward",
        /// Figures a third party gave for the service.
        ThirdParty = "third_party",
        /// A non-responder with no earlier figures, estimated from the services of its class
        /// that answered (ratio imputation).
        Imputed = "imputed",
    }
}

stored_state! {
    /// What a PCC office asks of a provisional figure.
    ReviewAction ("review action") {
        Confirm = "confirm",
        Revise = "revise",
    }
}

stored_state! {
    /// Where a PCC office's review stands.
    ReviewStatus ("review status") {
        /// A revision waiting for the survey team.
        Pending = "pending",
        Accepted = "accepted",
        Rejected = "rejected",
    }
}

stored_state! {
    /// Where a queued message stands.
    MailStatus ("mail status") {
        Pending = "pending",
        /// Claimed by a sender (a lease; retried if the sender stops).
        Sending = "sending",
        Sent = "sent",
        /// Failed; retried later.
        Failed = "failed",
    }
}

stored_state! {
    /// What a staff account may do.
    Role ("role") {
        /// Runs the platform: accounts, cycles, releases.
        Admin = "admin",
        /// Runs the survey and its outputs.
        Analyst = "analyst",
        /// A PCC office reviewing its own areas' figures.
        PccReviewer = "pcc_reviewer",
        /// Codes free-text answers.
        Coder = "coder",
        /// A professional who refers survivors to refuges: sees the live vacancy board, and
        /// nothing else.
        Referrer = "referrer",
    }
}

stored_state! {
    /// Where a quote stands in review.
    QuoteStatus ("quote status") {
        /// Marked by a coder as a candidate.
        Starred = "starred",
        /// Approved for publication.
        Approved = "approved",
        Rejected = "rejected",
    }
}

stored_state! {
    /// Where a response to an instrument of a wave (SV provider, SARC, commissioner) stands.
    InstrumentStatus ("instrument response status") {
        /// Opened, nothing saved yet.
        Started = "started",
        Partial = "partial",
        Submitted = "submitted",
    }
}

stored_state! {
    /// How a VFS return reached the platform.
    ReturnChannel ("return channel") {
        Online = "online",
        Import = "import",
    }
}

stored_state! {
    /// Who gave a service's profile.
    ProfileSource ("profile source") {
        /// The service, through its link.
        Service = "service",
        /// The survey team.
        Staff = "staff",
        /// The service's profile of the cycle before.
        RolledForward = "rolled_forward",
    }
}

impl Role {
    /// Whether holders of the role code open answers.
    pub fn codes_comments(self) -> bool {
        matches!(self, Role::Admin | Role::Analyst | Role::Coder)
    }
}

impl From<Channel> for Given {
    fn from(channel: Channel) -> Given {
        match channel {
            Channel::Online => Given::Online,
            Channel::Phone => Given::Phone,
            Channel::Import => Given::Import,
        }
    }
}

impl From<Reported> for Outcome {
    fn from(reported: Reported) -> Outcome {
        match reported {
            Reported::Answered => Outcome::Answered,
            Reported::NoPractitioners => Outcome::NoPractitioners,
        }
    }
}

impl From<CarriedKind> for Given {
    fn from(kind: CarriedKind) -> Given {
        match kind {
            CarriedKind::RolledForward => Given::RolledForward,
            CarriedKind::ThirdParty => Given::ThirdParty,
            CarriedKind::Imputed => Given::Imputed,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_state_reads_back_the_word_it_is_stored_as() {
        for role in Role::ALL {
            assert_eq!(role.as_str().parse::<Role>(), Ok(*role));
        }
        assert_eq!(CycleStatus::Frozen.to_string(), "frozen");
        assert_eq!(Outcome::NoPractitioners.as_str(), "no_practitioners");
        let unknown = "finished".parse::<CycleStatus>().unwrap_err();
        assert_eq!(
            unknown.to_string(),
            "'finished' is not a cycle status; expected one of: draft, open, closed, frozen"
        );
        assert_eq!(
            serde_json::to_string(&Role::PccReviewer).unwrap(),
            "\"pcc_reviewer\""
        );
    }
}
