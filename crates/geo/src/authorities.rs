//! The upper-tier local authorities of England and Wales and the police force area each lies in,
//! from the ONS lookups (see `fixtures/README.md`), each with the dates it was in force: a
//! service names the ones it serves, commissioners read provision at that level, and each cycle
//! keeps the geography of its year, so earlier cycles still add up after a reorganisation.

use crate::code::PfaCode;
use crate::error::GeoError;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

const UTLA_FIXTURE: &str = include_str!("../../../fixtures/upper-tier-local-authorities.csv");

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpperTierAuthority {
    #[serde(rename = "utla_code")]
    pub code: String,
    #[serde(rename = "utla_name")]
    pub name: String,
    pub pfa_code: PfaCode,
    /// The first day the authority existed (`YYYY-MM-DD`); none when it predates the fixture.
    #[serde(default, deserialize_with = "blank_is_none")]
    pub valid_from: Option<String>,
    /// The last day it existed; none while it still does.
    #[serde(default, deserialize_with = "blank_is_none")]
    pub valid_to: Option<String>,
}

fn blank_is_none<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let given = Option::<String>::deserialize(d)?;
    Ok(given.filter(|s| !s.trim().is_empty()))
}

impl UpperTierAuthority {
    /// Whether the authority existed on `day` (`YYYY-MM-DD`; ISO dates compare as text).
    pub fn in_force_on(&self, day: &str) -> bool {
        self.valid_from.as_deref().is_none_or(|from| from <= day)
            && self.valid_to.as_deref().is_none_or(|to| day <= to)
    }
}

/// The codes `code` stands for on `day`: itself while in force; once abolished, the authorities
/// in force on `day` that began after it ended in the same police force area (all of them where
/// it was split, since a service naming the old authority served some of each); an unknown
/// code stands for nothing.
pub fn successors_on(code: &str, day: &str) -> Result<Vec<&'static UpperTierAuthority>, GeoError> {
    let all = upper_tier_authorities()?;
    let Some(old) = all.iter().find(|u| u.code == code) else {
        return Ok(Vec::new());
    };
    if old.in_force_on(day) {
        return Ok(vec![old]);
    }
    let Some(ended) = old.valid_to.as_deref() else {
        return Ok(Vec::new());
    };
    let mut found = Vec::new();
    for u in all
        .iter()
        .filter(|u| u.pfa_code == old.pfa_code && u.in_force_on(day))
    {
        if u.valid_from.as_deref().is_some_and(|from| from > ended) {
            found.push(u);
        }
    }
    Ok(found)
}

/// The authorities in force on `day` (a cycle's close, say): the geography of that year.
pub fn upper_tier_authorities_on(day: &str) -> Result<Vec<&'static UpperTierAuthority>, GeoError> {
    Ok(upper_tier_authorities()?
        .iter()
        .filter(|u| u.in_force_on(day))
        .collect())
}

/// Every upper-tier authority that has existed since the fixture's start, by code (for names of
/// codes given in any year); the embedded fixture is read once per process.
pub fn upper_tier_authorities() -> Result<&'static [UpperTierAuthority], GeoError> {
    static READ: OnceLock<Vec<UpperTierAuthority>> = OnceLock::new();
    if let Some(all) = READ.get() {
        return Ok(all);
    }
    let all = read_fixture()?;
    Ok(READ.get_or_init(|| all))
}

fn read_fixture() -> Result<Vec<UpperTierAuthority>, GeoError> {
    let mut reader = csv::Reader::from_reader(UTLA_FIXTURE.as_bytes());
    let mut out = Vec::new();
    for (i, row) in reader.deserialize().enumerate() {
        out.push(row.map_err(|e: csv::Error| GeoError::BadRow {
            file: "upper-tier-local-authorities.csv".into(),
            line: i as u64 + 2,
            problem: e.to_string(),
        })?);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Geography;

    #[test]
    fn every_authority_lies_in_a_known_area_and_every_area_has_one_on_every_date() {
        let all = upper_tier_authorities().expect("fixture");
        let geo = Geography::reference();
        assert!(all.iter().all(|u| geo.find(u.pfa_code.as_str()).is_some()));
        for day in [
            "2019-04-01",
            "2020-04-01",
            "2021-04-01",
            "2023-03-31",
            "2023-04-01",
            "2026-12-06",
        ] {
            let now = upper_tier_authorities_on(day).expect("fixture");
            for area in geo.areas() {
                assert!(
                    now.iter().any(|u| u.pfa_code == area.code),
                    "{} on {day}",
                    area.name
                );
            }
            let mut codes: Vec<&str> = now.iter().map(|u| u.code.as_str()).collect();
            codes.sort_unstable();
            codes.dedup();
            assert_eq!(codes.len(), now.len(), "a code once on {day}");
        }
        let kent: Vec<&str> = all
            .iter()
            .filter(|u| u.pfa_code == "E23000032")
            .map(|u| u.name.as_str())
            .collect();
        assert_eq!(kent, ["Medway", "Kent"]);
    }

    #[test]
    fn each_cycle_keeps_the_authorities_of_its_year() {
        let names = |day: &str, pfa: &str| -> Vec<String> {
            upper_tier_authorities_on(day)
                .expect("fixture")
                .into_iter()
                .filter(|u| u.pfa_code == pfa)
                .map(|u| u.name.clone())
                .collect()
        };
        // 174 before April 2019 (Bournemouth, Poole and Dorset's county); 173 in April 2019
        // (Bournemouth, Christchurch and Poole, and Dorset) and 2020 (Buckinghamshire's unitary
        // replaces the county), 174 from
        // 2021 (Northamptonshire split in two), 175 from 2023 (Cumbria split in two; North
        // Yorkshire and Somerset unitary).
        assert_eq!(
            upper_tier_authorities_on("2019-10-31").expect("2019").len(),
            173
        );
        assert_eq!(
            upper_tier_authorities_on("2021-10-31").expect("2021").len(),
            174
        );
        assert_eq!(
            upper_tier_authorities_on("2023-10-31").expect("2023").len(),
            175
        );
        assert_eq!(names("2022-10-31", "E23000002"), ["Cumbria"]);
        assert_eq!(
            names("2023-10-31", "E23000002"),
            ["Cumberland", "Westmorland and Furness"]
        );
        assert_eq!(
            names("2021-10-31", "E23000022"),
            ["North Northamptonshire", "West Northamptonshire"]
        );
        let bucks = |day| {
            upper_tier_authorities_on(day)
                .expect("fixture")
                .into_iter()
                .find(|u| u.name == "Buckinghamshire")
                .map(|u| u.code.clone())
        };
        assert_eq!(bucks("2020-03-31").as_deref(), Some("E10000002"));
        assert_eq!(bucks("2020-04-01").as_deref(), Some("E06000060"));
    }

    #[test]
    fn an_abolished_authority_stands_for_its_successors() {
        let codes = |code: &str, day: &str| -> Vec<String> {
            successors_on(code, day)
                .expect("fixture")
                .into_iter()
                .map(|u| u.code.clone())
                .collect()
        };
        assert_eq!(
            codes("E10000006", "2022-10-31"),
            ["E10000006"],
            "still in force"
        );
        assert_eq!(
            codes("E10000006", "2023-10-31"),
            ["E06000063", "E06000064"],
            "Cumbria split"
        );
        assert_eq!(codes("E10000002", "2021-10-31"), ["E06000060"]);
        // Dorset's county ended in 2019: both of the area's new unitaries cover part of it.
        assert_eq!(codes("E10000009", "2019-10-31"), ["E06000058", "E06000059"]);
        // Kent was never abolished; an unknown code stands for nothing.
        assert_eq!(codes("E10000016", "2023-10-31"), ["E10000016"]);
        assert!(codes("E99999999", "2023-10-31").is_empty());
    }
}
