//! Due diligence on a provider: its safeguarding and whistleblowing policies, its insurance and
//! its accreditations from a controlled list, each with the day it is next due for review (or
//! expires), and which are due soon or overdue.

use frontline_provision::Day;
use serde::Serialize;
use std::fmt;

/// What is held on a provider.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Item {
    SafeguardingPolicy,
    WhistleblowingPolicy,
    Insurance,
    WomensAidQualityStandards,
    RapeCrisisStandards,
    SafelivesLeadingLights,
    RespectAccreditation,
    ImkaanAccreditation,
}

impl Item {
    pub const ALL: [Item; 8] = [
        Item::SafeguardingPolicy,
        Item::WhistleblowingPolicy,
        Item::Insurance,
        Item::WomensAidQualityStandards,
        Item::RapeCrisisStandards,
        Item::SafelivesLeadingLights,
        Item::RespectAccreditation,
        Item::ImkaanAccreditation,
    ];

    /// The code, the same as the service profile's accreditation choices where it is one.
    pub fn as_str(&self) -> &'static str {
        match self {
            Item::SafeguardingPolicy => "safeguarding_policy",
            Item::WhistleblowingPolicy => "whistleblowing_policy",
            Item::Insurance => "insurance",
            Item::WomensAidQualityStandards => "womens_aid_quality_standards",
            Item::RapeCrisisStandards => "rape_crisis_standards",
            Item::SafelivesLeadingLights => "safelives_leading_lights",
            Item::RespectAccreditation => "respect_accreditation",
            Item::ImkaanAccreditation => "imkaan_accreditation",
        }
    }

    pub fn label(&self) -> &'static str {
        match self {
            Item::SafeguardingPolicy => "Safeguarding policy",
            Item::WhistleblowingPolicy => "Whistleblowing policy",
            Item::Insurance => "Insurance (public and employer's liability)",
            Item::WomensAidQualityStandards => "Women's Aid National Quality Standards",
            Item::RapeCrisisStandards => "Rape Crisis National Service Standards",
            Item::SafelivesLeadingLights => "SafeLives Leading Lights",
            Item::RespectAccreditation => "Respect accreditation",
            Item::ImkaanAccreditation => "Imkaan accreditation",
        }
    }

    pub fn is_accreditation(&self) -> bool {
        !matches!(
            self,
            Item::SafeguardingPolicy | Item::WhistleblowingPolicy | Item::Insurance
        )
    }

    pub fn parse(given: &str) -> Result<Self, String> {
        let given = given.trim();
        Item::ALL
            .into_iter()
            .find(|i| i.as_str() == given)
            .ok_or_else(|| {
                let all: Vec<&str> = Item::ALL.iter().map(Item::as_str).collect();
                format!("'{given}' is not one of {}", all.join(", "))
            })
    }
}

impl fmt::Display for Item {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// Reminders go this many days before an item falls due.
pub const REMIND_DAYS_BEFORE: u32 = 60;

/// Where an item stands on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Standing {
    Current,
    /// Due within [`REMIND_DAYS_BEFORE`] days: the provider is reminded.
    DueSoon,
    Overdue,
}

impl Standing {
    /// An item due on `due`, as it stands on `today`.
    pub fn on(today: Day, due: Day) -> Self {
        if due < today {
            Standing::Overdue
        } else if due <= plus_days(today, REMIND_DAYS_BEFORE) {
            Standing::DueSoon
        } else {
            Standing::Current
        }
    }

    pub fn label(&self) -> &'static str {
        match self {
            Standing::Current => "current",
            Standing::DueSoon => "due within 60 days",
            Standing::Overdue => "overdue",
        }
    }
}

fn plus_days(mut day: Day, days: u32) -> Day {
    for _ in 0..days {
        day = day.next();
    }
    day
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_fall_due_with_a_reminder_60_days_before() {
        let day = |d: &str| Day::parse(d).expect("day");
        let today = day("2026-01-01");
        assert_eq!(Standing::on(today, day("2025-12-31")), Standing::Overdue);
        assert_eq!(Standing::on(today, day("2026-01-01")), Standing::DueSoon);
        assert_eq!(
            Standing::on(today, day("2026-03-02")),
            Standing::DueSoon,
            "60 days on"
        );
        assert_eq!(Standing::on(today, day("2026-03-03")), Standing::Current);
        assert_eq!(Item::parse("insurance"), Ok(Item::Insurance));
        assert!(Item::parse("iso9001")
            .expect_err("unknown")
            .contains("safeguarding_policy"));
        assert!(Item::RespectAccreditation.is_accreditation());
        assert!(!Item::Insurance.is_accreditation());
    }
}
