//! What a tier-1 local authority in England reports each year for its duty to assess and meet
//! the need for support in safe accommodation (Part 4 of the Domestic Abuse Act 2021), from the
//! profiles held: the safe-accommodation services naming the authority, their places by kind of
//! accommodation, households supported and referrals declined with the reasons. For the
//! authority and the team only: referrals are counts of households, never published.

use crate::safe_accommodation::{DeclineReason, SafeAccommodation};
use frontline_geo::authorities::UpperTierAuthority;
use frontline_geo::tables::Table;

/// A safe-accommodation service as the duty's report reads it.
#[derive(Debug, Clone)]
pub struct ServiceInAuthorities {
    pub refuge: bool,
    pub other_safe_accommodation: bool,
    /// The upper-tier authorities its profile names.
    pub authorities: Vec<String>,
    pub given: SafeAccommodation,
}

/// The report's columns.
pub const COLUMNS: [&str; 15] = [
    "utla_code",
    "local_authority",
    "pfa_code",
    "refuge_services",
    "other_safe_accommodation_services",
    "family_places",
    "single_women_places",
    "other_places",
    "accessible_units",
    "households_supported",
    "referrals_received",
    "declined_no_space",
    "declined_needs_not_met",
    "declined_risk",
    "declined_no_recourse",
];

/// Whether an authority is one the duty falls on: English (codes beginning `E`).
fn in_england(authority: &UpperTierAuthority) -> bool {
    authority.code.starts_with('E')
}

/// One row per English tier-1 authority in `authorities` (those in force for the cycle), adding
/// up the services that name it. A service naming several authorities counts whole in each, as
/// each authority commissions against it; a service naming none counts in none (the note says
/// how many).
pub fn report(authorities: &[&UpperTierAuthority], services: &[ServiceInAuthorities]) -> Table {
    // A service naming only authorities abolished before the close (an older profile rolled
    // forward) counts in no row: the note says so rather than losing it silently.
    let unnamed = services
        .iter()
        .filter(|s| {
            !s.authorities
                .iter()
                .any(|code| authorities.iter().any(|a| a.code == *code))
        })
        .count();
    let mut table = Table::new(
        "part4-safe-accommodation",
        "Support in safe accommodation by tier-1 local authority (Part 4)",
        &COLUMNS,
    )
    .with_note(&format!(
        "From the profiles of safe-accommodation services naming the authority: places today, \
         and households supported (referrals accepted) and referrals declined in the last 12 \
         months. A service naming several authorities counts whole in each. {unnamed} \
         safe-accommodation service(s) name no authority in force at the cycle's close and \
         count in none. Not for \
         publication: small counts of households are not suppressed here."
    ));
    for authority in authorities.iter().filter(|a| in_england(a)) {
        let here: Vec<&ServiceInAuthorities> = services
            .iter()
            .filter(|s| s.authorities.contains(&authority.code))
            .collect();
        let total = SafeAccommodation::sum(here.iter().map(|s| &s.given));
        let (p, r) = (&total.places, &total.referrals);
        let declined = |reason| r.declined.get(&reason).copied().unwrap_or(0).to_string();
        table.push(vec![
            authority.code.to_string(),
            authority.name.clone(),
            authority.pfa_code.to_string(),
            here.iter().filter(|s| s.refuge).count().to_string(),
            here.iter()
                .filter(|s| s.other_safe_accommodation)
                .count()
                .to_string(),
            p.family.to_string(),
            p.single_women.to_string(),
            (p.men + p.lgbt).to_string(),
            p.accessible.to_string(),
            r.accepted.to_string(),
            r.received.to_string(),
            declined(DeclineReason::NoSpace),
            declined(DeclineReason::NeedsNotMet),
            declined(DeclineReason::Risk),
            declined(DeclineReason::NoRecourse),
        ]);
    }
    table
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::safe_accommodation::{Places, Referrals};

    fn authority(code: &str, name: &str) -> UpperTierAuthority {
        UpperTierAuthority {
            code: code.into(),
            name: name.into(),
            pfa_code: frontline_geo::PfaCode::parse("E23000032").expect("Kent"),
            valid_from: None,
            valid_to: None,
        }
    }

    fn service(
        refuge: bool,
        authorities: &[&str],
        family: u64,
        accepted: u64,
    ) -> ServiceInAuthorities {
        ServiceInAuthorities {
            refuge,
            other_safe_accommodation: !refuge,
            authorities: authorities.iter().map(|a| a.to_string()).collect(),
            given: SafeAccommodation {
                places: Places {
                    family,
                    ..Default::default()
                },
                referrals: Referrals {
                    received: accepted * 3,
                    accepted,
                    declined: [(DeclineReason::NoSpace, accepted)].into_iter().collect(),
                    from_out_of_area: 0,
                },
            },
        }
    }

    #[test]
    fn each_english_authority_adds_up_the_services_naming_it() {
        let kent = authority("E10000016", "Kent");
        let medway = authority("E06000035", "Medway");
        let cardiff = authority("W06000015", "Cardiff");
        let services = [
            service(true, &["E10000016"], 12, 30),
            service(false, &["E10000016", "E06000035"], 4, 10),
            service(true, &[], 9, 20),
        ];
        let table = report(&[&kent, &medway, &cardiff], &services);
        assert_eq!(table.columns, COLUMNS);
        assert_eq!(
            table.rows.len(),
            2,
            "Part 4 is England's duty: no Welsh row"
        );
        assert_eq!(
            table.rows[0],
            [
                "E10000016",
                "Kent",
                "E23000032",
                "1",
                "1",
                "16",
                "0",
                "0",
                "0",
                "40",
                "120",
                "40",
                "0",
                "0",
                "0"
            ]
        );
        assert_eq!(table.rows[1][3..6], ["0", "1", "4"]);
        assert!(table
            .note
            .contains("1 safe-accommodation service(s) name no authority"));
    }
}
