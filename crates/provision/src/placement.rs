//! The upper-tier local authority a safe-accommodation service's places count in: the one it
//! names, else the only one it could be — the only authority it serves within its places' police
//! force area, or the only authority of that area when it names none there.

use frontline_geo::authorities::UpperTierAuthority;

/// Why a service's places have no authority to count in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unplaced {
    /// Several authorities could hold them and the service has not said which.
    NotNamed,
    /// The authority named is not one of those that could.
    NotACandidate(String),
}

/// The authorities that could hold the places of a service whose places are in the police force
/// area `pfa`: those it serves there, or every authority of the area when it names none there.
/// `in_force` are the authorities of the cycle's year.
pub fn candidates<'a>(
    pfa: &str,
    served: &[&str],
    in_force: &[&'a UpperTierAuthority],
) -> Vec<&'a UpperTierAuthority> {
    let here: Vec<&UpperTierAuthority> = in_force
        .iter()
        .copied()
        .filter(|u| u.pfa_code == pfa)
        .collect();
    let served_here: Vec<&UpperTierAuthority> = here
        .iter()
        .copied()
        .filter(|u| served.contains(&u.code.as_str()))
        .collect();
    if served_here.is_empty() {
        here
    } else {
        served_here
    }
}

/// The authority the places count in: `named` when it is a candidate, else the only candidate.
pub fn places_authority<'a>(
    pfa: &str,
    served: &[&str],
    named: Option<&str>,
    in_force: &[&'a UpperTierAuthority],
) -> Result<&'a UpperTierAuthority, Unplaced> {
    let could = candidates(pfa, served, in_force);
    match (named, could.as_slice()) {
        (Some(code), _) => could
            .into_iter()
            .find(|u| u.code == code)
            .ok_or_else(|| Unplaced::NotACandidate(code.to_string())),
        (None, [only]) => Ok(only),
        (None, _) => Err(Unplaced::NotNamed),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use frontline_geo::authorities::upper_tier_authorities_on;

    const KENT_PFA: &str = "E23000032";
    const KENT: &str = "E10000016";
    const MEDWAY: &str = "E06000035";

    #[test]
    fn places_count_in_the_authority_named_or_the_only_one_they_could_be_in() {
        let now = upper_tier_authorities_on("2024-03-31").expect("fixture");
        let code = |r: Result<&UpperTierAuthority, Unplaced>| r.map(|u| u.code.clone());
        // Kent's police force area holds Kent and Medway.
        assert_eq!(
            code(places_authority(KENT_PFA, &[], None, &now)),
            Err(Unplaced::NotNamed)
        );
        assert_eq!(
            code(places_authority(KENT_PFA, &[MEDWAY], None, &now)),
            Ok(MEDWAY.into())
        );
        assert_eq!(
            code(places_authority(
                KENT_PFA,
                &[KENT, MEDWAY],
                Some(KENT),
                &now
            )),
            Ok(KENT.into())
        );
        // An authority the service does not serve, or of another area, is not a candidate.
        assert_eq!(
            code(places_authority(KENT_PFA, &[MEDWAY], Some(KENT), &now)),
            Err(Unplaced::NotACandidate(KENT.into()))
        );
        assert_eq!(
            code(places_authority(KENT_PFA, &[], Some("E10000014"), &now)),
            Err(Unplaced::NotACandidate("E10000014".into()))
        );
        // Authorities served in other areas leave every authority of the places' area open.
        assert_eq!(candidates(KENT_PFA, &["E10000014"], &now).len(), 2);
    }
}
