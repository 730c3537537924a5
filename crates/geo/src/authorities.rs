//! The upper-tier local authorities of England and Wales and the police force area each lies in,
//! from the ONS lookups (see `fixtures/README.md`): a service names the ones it serves, and
//! commissioners read provision at that level.

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
    pub pfa_code: String,
}

/// Every upper-tier authority, by code; the embedded fixture is read once per process.
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
    fn every_authority_lies_in_a_known_area_and_every_area_has_one() {
        let all = upper_tier_authorities().expect("fixture");
        assert_eq!(all.len(), 173);
        let geo = Geography::reference();
        assert!(all.iter().all(|u| geo.find(&u.pfa_code).is_some()));
        for area in geo.areas() {
            assert!(all.iter().any(|u| u.pfa_code == area.code), "{}", area.name);
        }
        let kent: Vec<&str> = all
            .iter()
            .filter(|u| u.pfa_code == "E23000032")
            .map(|u| u.name.as_str())
            .collect();
        assert_eq!(kent, ["Medway", "Kent"]);
    }
}
