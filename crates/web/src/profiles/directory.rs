//! The directory's entries for a cycle (every service with a profile) and its published files:
//! the CSV, a GeoJSON of service counts per area and type (area boundaries only, never a
//! point), a tile-map choropleth per service type, and a page with all of them.

use super::saving;
use crate::db::DbConnection;
use crate::error::{AppError, AppResult};
use crate::store::cycles::Cycle;
use crate::store::{profiles, services};
use crate::Platform;
use frontline_geo::authorities::upper_tier_authorities;
use frontline_geo::maps::boundaries;
use frontline_geo::maps::classes::Classes;
use frontline_geo::maps::geojson_out::feature_collection;
use frontline_geo::maps::svg::{render, Choropleth};
use frontline_geo::maps::tiles::tile_map;
use frontline_geo::maps::MapShapes;
use frontline_geo::tables::Precision;
use frontline_provision::directory::{self, Entry, PublicProfile};
use frontline_provision::vocabulary::ServiceType;
use serde::Serialize;
use std::collections::BTreeMap;
use survey_engine::Answers;

/// The cycle's entries, by organisation and service name: each from the public part of its
/// profile only, as the current profile definition marks it (see [`PublicProfile`]).
pub fn entries(
    platform: &Platform,
    conn: &mut DbConnection,
    cycle: &Cycle,
) -> AppResult<Vec<Entry>> {
    let def = saving::definition(platform)?;
    let stored: BTreeMap<i32, String> = profiles::for_cycle(conn, cycle.id)?
        .into_iter()
        .map(|p| (p.service_id, p.answers))
        .collect();
    let mut out = Vec::new();
    for s in services::profiled_in(conn, cycle.id)? {
        if let Some(answers) = stored.get(&s.id) {
            let answers = Answers::from_json(answers)?;
            let authorities: Vec<String> = answers
                .choices(saving::UTLAS)
                .into_iter()
                .map(str::to_string)
                .collect();
            out.push(Entry::from_profile(
                &s.organisation,
                &s.name,
                &s.areas,
                &authorities,
                &PublicProfile::new(def, &answers),
            ));
        }
    }
    out.sort_by(|a, b| (&a.organisation, &a.service).cmp(&(&b.organisation, &b.service)));
    Ok(out)
}

/// An entry as pages show it: labels instead of codes, area names instead of codes.
pub fn view(platform: &Platform, e: &Entry) -> serde_json::Value {
    let names = |codes: &[String]| -> Vec<String> {
        codes
            .iter()
            .map(|c| {
                platform
                    .geography
                    .find(c)
                    .map_or(c.clone(), |a| a.name.clone())
            })
            .collect()
    };
    let authorities = upper_tier_authorities().unwrap_or_default();
    let local: Vec<&str> = e
        .local_authorities
        .iter()
        .map(|c| {
            authorities
                .iter()
                .find(|u| &u.code == c)
                .map_or(c.as_str(), |u| u.name.as_str())
        })
        .collect();
    serde_json::json!({
        "organisation": e.organisation,
        "service": e.service,
        "areas": names(&e.areas),
        "local_authorities": local,
        "offers": e.offers.iter().map(|o| o.label()).collect::<Vec<_>>(),
        "definitions": e.offers.iter().map(|o| (o.label(), o.definition())).collect::<Vec<_>>(),
        "crime_types": e.crime_types.iter().map(|c| c.label()).collect::<Vec<_>>(),
        "genders": e.genders.iter().map(|g| g.label()).collect::<Vec<_>>(),
        "min_age": e.min_age,
        "max_age": e.max_age,
        "by_and_for": e.by_and_for.iter().map(|c| c.label()).collect::<Vec<_>>(),
        "children_as_victims": e.children_as_victims,
        "no_recourse": e.no_recourse,
        "additional_needs": e.additional_needs.iter().map(|n| n.label()).collect::<Vec<_>>(),
        "languages": e.language_names(),
        "bsl": e.bsl,
        "accreditations": e.accreditations.iter().map(|a| a.label()).collect::<Vec<_>>(),
        "referral_routes": e.referral_routes.iter().map(|r| r.label()).collect::<Vec<_>>(),
        "support_modes": e.support_modes.iter().map(|m| m.label()).collect::<Vec<_>>(),
        "opening": e.opening.iter().map(|o| o.label()).collect::<Vec<_>>(),
        "phone": e.phone,
        "email": e.email,
        "website": e.website,
        "safe_accommodation": e.is_safe_accommodation(),
    })
}

/// One service type's map.
#[derive(Debug, Clone, Serialize)]
pub struct TypeMap {
    pub code: &'static str,
    pub label: &'static str,
    pub definition: &'static str,
    pub file: String,
    pub services: usize,
    #[serde(skip)]
    pub svg: String,
}

/// Classes for small counts of services: none, one, two or three, four to seven, eight or more.
fn count_classes() -> Classes {
    Classes {
        breaks: vec![1.0, 2.0, 4.0, 8.0],
        labels: ["none", "1", "2 or 3", "4 to 7", "8 or more"]
            .map(String::from)
            .to_vec(),
        method: "counts of services".into(),
    }
}

/// The files of the directory.
pub struct DirectoryFiles {
    pub csv: String,
    pub geojson: String,
    pub maps: Vec<TypeMap>,
}

/// Builds the directory's files from `entries`.
pub fn files(
    platform: &Platform,
    entries: &[Entry],
    credits: &[String],
    watermark: Option<&str>,
) -> AppResult<DirectoryFiles> {
    let csv = directory::to_csv(entries)
        .map_err(|e| AppError::Task(format!("writing the directory: {e}")))?;
    let shapes: MapShapes = tile_map()?;
    let mut maps = Vec::new();
    let mut properties: BTreeMap<String, serde_json::Map<String, serde_json::Value>> = platform
        .geography
        .areas()
        .iter()
        .map(|a| (a.code.to_string(), serde_json::Map::new()))
        .collect();
    for kind in ServiceType::ALL.iter().copied() {
        let counts = directory::counts_by_area(entries, kind);
        for (code, props) in properties.iter_mut() {
            let n = counts.get(code).copied().unwrap_or(0);
            props.insert(format!("profiled_services_{}", kind.code()), n.into());
        }
        let values = platform
            .geography
            .areas()
            .iter()
            .map(|a| {
                (
                    a.code.to_string(),
                    Some(counts.get(a.code.as_str()).copied().unwrap_or(0) as f64),
                )
            })
            .collect();
        let svg = render(
            &shapes,
            &Choropleth {
                title: format!("Services offering {}", kind.label()),
                subtitle: "By police force area: a service counts in every area it works in".into(),
                legend_title: "Services".into(),
                values,
                classes: count_classes(),
                unit: " services".into(),
                precision: Precision::Whole,
                credits: credits.to_vec(),
                watermark: watermark.map(str::to_string),
                highlight: None,
                notes: Default::default(),
            },
        );
        maps.push(TypeMap {
            code: kind.code(),
            label: kind.label(),
            definition: kind.definition(),
            file: format!("directory/maps/{}.svg", kind.code()),
            services: entries.iter().filter(|e| e.offers.contains(&kind)).count(),
            svg,
        });
    }
    // The download carries the real boundaries (areas only); the maps use the tile map.
    let boundaries = boundaries::reference(&platform.geography)?;
    let geojson = feature_collection(&boundaries.shapes, &properties).to_string();
    Ok(DirectoryFiles { csv, geojson, maps })
}
