//! The 43 territorial police force areas of England and Wales and the 10 reporting regions.

use crate::code::PfaCode;
use crate::error::GeoError;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// The reference fixture, embedded so every binary carries the same geography.
const PFA_FIXTURE: &str = include_str!("../../../fixtures/police-force-areas.csv");

/// The 10 reporting regions, in the order the report lists them.
pub const REGIONS: [&str; 10] = [
    "East Midlands",
    "Eastern",
    "London",
    "North East",
    "North West",
    "South East",
    "South West",
    "Wales",
    "West Midlands",
    "Yorkshire & Humber",
];

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PoliceForceArea {
    /// ONS code, e.g. `E23000001`.
    pub code: PfaCode,
    pub name: String,
    pub region: String,
    /// Resident female population aged 16 and over.
    pub adult_females: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Region {
    pub name: String,
    pub sort_order: i32,
}

/// The set of police force areas and regions, with look-up by code or name.
#[derive(Debug, Clone)]
pub struct Geography {
    areas: Vec<PoliceForceArea>,
    /// Lower-case codes and normalised names → position in `areas`.
    index: HashMap<String, usize>,
    /// Codes exactly as given → position in `areas`.
    by_code: HashMap<String, usize>,
}

impl Geography {
    /// The reference geography shipped in `fixtures/police-force-areas.csv`.
    pub fn reference() -> Self {
        Self::from_csv("police-force-areas.csv", PFA_FIXTURE.as_bytes())
            .expect("the embedded police force area fixture is valid")
    }

    /// Reads `code,name,region,adult_females` rows, checking each region is one of the ten.
    pub fn from_csv(file: &str, reader: impl std::io::Read) -> Result<Self, GeoError> {
        let mut rows = csv::Reader::from_reader(reader);
        let mut areas = Vec::new();
        for (i, record) in rows.deserialize::<PoliceForceArea>().enumerate() {
            let line = i as u64 + 2;
            let area = record.map_err(|e| GeoError::BadRow {
                file: file.to_string(),
                line,
                problem: e.to_string(),
            })?;
            if !REGIONS.contains(&area.region.as_str()) {
                return Err(GeoError::BadRow {
                    file: file.to_string(),
                    line,
                    problem: format!("region '{}' is not one of the 10 regions", area.region),
                });
            }
            areas.push(area);
        }
        Ok(Self::new(areas))
    }

    pub fn new(areas: Vec<PoliceForceArea>) -> Self {
        let mut index = HashMap::new();
        let mut by_code = HashMap::new();
        for (i, area) in areas.iter().enumerate() {
            by_code.insert(area.code.to_string(), i);
            index.insert(area.code.as_str().to_ascii_lowercase(), i);
            index.insert(normalise_name(&area.name), i);
        }
        Self {
            areas,
            index,
            by_code,
        }
    }

    pub fn areas(&self) -> &[PoliceForceArea] {
        &self.areas
    }

    pub fn regions(&self) -> Vec<Region> {
        REGIONS
            .iter()
            .enumerate()
            .map(|(i, name)| Region {
                name: name.to_string(),
                sort_order: i as i32,
            })
            .collect()
    }

    /// Finds an area by ONS code or by name (case, spacing and "&"/"and" insensitive).
    pub fn find(&self, code_or_name: &str) -> Option<&PoliceForceArea> {
        let key = code_or_name.trim();
        // A code as stored (the usual case) is found without making a lower-case copy.
        if let Some(&i) = self.by_code.get(key) {
            return Some(&self.areas[i]);
        }
        self.index
            .get(&key.to_ascii_lowercase())
            .or_else(|| self.index.get(&normalise_name(key)))
            .map(|&i| &self.areas[i])
    }

    /// Like [`Geography::find`], but an unknown area is an error naming it.
    pub fn resolve(&self, code_or_name: &str) -> Result<&PoliceForceArea, GeoError> {
        self.find(code_or_name)
            .ok_or_else(|| GeoError::UnknownArea(code_or_name.trim().to_string()))
    }

    pub fn region_of(&self, code: &str) -> Option<&str> {
        self.find(code).map(|a| a.region.as_str())
    }
}

fn normalise_name(name: &str) -> String {
    let lower = name.to_lowercase().replace('&', " and ");
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && *w != "police" && *w != "constabulary")
        .collect();
    format!("name:{}", words.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reference_has_43_areas_in_10_regions() {
        let geo = Geography::reference();
        assert_eq!(geo.areas().len(), 43);
        for region in REGIONS {
            assert!(
                geo.areas().iter().any(|a| a.region == region),
                "{region} has no areas"
            );
        }
        assert!(geo.areas().iter().all(|a| a.adult_females > 0));
    }

    #[test]
    fn finds_by_code_or_name_variants() {
        let geo = Geography::reference();
        assert_eq!(
            geo.find("E23000001").map(|a| a.name.as_str()),
            Some("Metropolitan Police")
        );
        assert_eq!(
            geo.find("metropolitan").map(|a| a.code.as_str()),
            Some("E23000001")
        );
        assert_eq!(
            geo.find("Devon and Cornwall").map(|a| a.code.as_str()),
            Some("E23000035")
        );
        assert_eq!(
            geo.find("Avon & Somerset").map(|a| a.code.as_str()),
            Some("E23000036")
        );
        assert!(geo.find("Atlantis").is_none());
        assert!(geo
            .resolve("Atlantis")
            .unwrap_err()
            .to_string()
            .contains("Atlantis"));
    }

    #[test]
    fn rejects_unknown_region_with_line_number() {
        let csv = "code,name,region,adult_females\nE23000099,Somewhere,Narnia,10\n";
        let err = Geography::from_csv("test.csv", csv.as_bytes()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "test.csv line 2: region 'Narnia' is not one of the 10 regions"
        );
    }

    #[test]
    fn rejects_a_code_that_is_no_area_code_with_line_number() {
        let csv = "code,name,region,adult_females\nX1,Somewhere,Wales,10\n";
        let err = Geography::from_csv("test.csv", csv.as_bytes()).unwrap_err();
        let said = err.to_string();
        assert!(said.starts_with("test.csv line 2:"), "{said}");
        assert!(
            said.contains("'X1' is not a police force area code"),
            "{said}"
        );
    }
}
