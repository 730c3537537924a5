//! Assembles every file of a cycle's publication.

use super::maps::{coverage_geojson, render_maps, women_by_area};
use crate::bootstrap::Platform;
use crate::error::{AppError, AppResult};
use crate::estimates;
use crate::http::templates::Templates;
use crate::store::{cycles, need_inputs};
use frontline_geo::maps::boundaries;
use frontline_geo::maps::tiles::tile_map;
use frontline_geo::maps::ShapeKind;
use frontline_geo::publication::{build, Publication};
use serde::Serialize;
use serde_json::json;
use std::collections::BTreeMap;

#[derive(Debug, Clone)]
pub struct SiteFile {
    /// Path relative to the site's root, with `/` separators.
    pub path: String,
    pub content: Vec<u8>,
}

impl SiteFile {
    fn text(path: impl Into<String>, content: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            content: content.into().into_bytes(),
        }
    }

    pub fn content_type(&self) -> &'static str {
        match self.path.rsplit('.').next() {
            Some("html") => "text/html; charset=utf-8",
            Some("csv") => "text/csv; charset=utf-8",
            Some("svg") => "image/svg+xml",
            Some("geojson") => "application/geo+json",
            _ => "application/octet-stream",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Site {
    pub files: Vec<SiteFile>,
    pub publication: Publication,
}

impl Site {
    pub fn file(&self, path: &str) -> Option<&SiteFile> {
        self.files.iter().find(|f| f.path == path)
    }
}

#[derive(Serialize)]
struct Download {
    path: String,
    label: String,
}

/// Builds the whole site for the cycle `year`. `boundaries` is GeoJSON text of PFA boundaries.
pub fn build_site(
    platform: &Platform,
    templates: &Templates,
    year: i32,
    boundaries: Option<&str>,
) -> AppResult<Site> {
    let geo = &platform.geography;
    let (cycle, estimates, inputs) = {
        let mut conn = platform.conn()?;
        let cycle = cycles::by_year(&mut conn, year)?;
        let estimates = estimates::for_cycle(platform, &mut conn, cycle.id)?;
        let inputs = need_inputs::for_cycle(&mut conn, cycle.id)?;
        (cycle, estimates, inputs)
    };
    let publication = build(year, geo, &estimates, &inputs, cycle.need_parameters())?;

    let mut boundary_notes = Vec::new();
    let shapes = match boundaries {
        Some(text) => {
            let b = boundaries::from_geojson(geo, text)?;
            if !b.missing_areas.is_empty() {
                boundary_notes.push(format!(
                    "No boundary was given for: {}.",
                    b.missing_areas.join(", ")
                ));
            }
            if !b.unmatched_features.is_empty() {
                boundary_notes.push(format!(
                    "{} feature(s) in the boundary file matched no police force area.",
                    b.unmatched_features.len()
                ));
            }
            b.shapes
        }
        None => tile_map()?,
    };
    let women = women_by_area(geo, &inputs);
    let marac: BTreeMap<String, i32> = inputs
        .iter()
        .map(|i| (i.pfa_code.clone(), i.marac_cases))
        .collect();

    let mut files = Vec::new();
    let mut downloads = Vec::new();
    for table in &publication.tables {
        let csv = table
            .to_csv()
            .map_err(|e| AppError::Task(format!("writing {}: {e}", table.name)))?;
        files.push(SiteFile::text(format!("tables/{}.csv", table.name), csv));
        files.push(SiteFile::text(
            format!("tables/{}.html", table.name),
            templates.render("table.html", json!({ "year": year, "table": table }))?,
        ));
        downloads.push(Download {
            path: format!("tables/{}.csv", table.name),
            label: table.title.clone(),
        });
    }
    let need_csv = need_model_csv(&publication, geo, &women, &marac)?;
    files.push(SiteFile::text("tables/need-model.csv", need_csv));
    downloads.push(Download {
        path: "tables/need-model.csv".into(),
        label: "Need model by police force area (unrounded inputs and results)".into(),
    });

    let maps = render_maps(&publication, &shapes, &women);
    for map in &maps {
        files.push(SiteFile::text(map.file.clone(), map.svg.clone()));
    }
    files.push(SiteFile::text(
        "coverage.geojson",
        coverage_geojson(&publication, geo, &shapes, &women, &marac),
    ));
    downloads.push(Download {
        path: "coverage.geojson".into(),
        label: if shapes.kind == ShapeKind::Boundaries {
            "Coverage by police force area (GeoJSON, boundaries)".into()
        } else {
            "Coverage by police force area (GeoJSON, tile map)".into()
        },
    });

    let index = templates.render(
        "publication.html",
        json!({
            "year": year,
            "cycle": cycle,
            "publication": &publication,
            "tables": &publication.tables,
            "maps": maps.iter().map(|m| json!({"file": m.file, "title": m.title})).collect::<Vec<_>>(),
            "downloads": downloads,
            "boundaries": shapes.kind == ShapeKind::Boundaries,
            "boundary_notes": boundary_notes,
        }),
    )?;
    files.push(SiteFile::text("index.html", index));
    Ok(Site { files, publication })
}

fn need_model_csv(
    publication: &Publication,
    geo: &frontline_geo::Geography,
    women: &BTreeMap<String, i64>,
    marac: &BTreeMap<String, i32>,
) -> AppResult<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let fail = |e: csv::Error| AppError::Task(format!("writing need-model.csv: {e}"));
    w.write_record([
        "pfa_code",
        "pfa",
        "region",
        "adult_females",
        "marac_cases",
        "marac_based_fte",
        "population_based_fte",
        "uplift_fte",
        "required_fte",
        "fte_idvas_high_risk",
    ])
    .map_err(fail)?;
    for area in geo.areas() {
        let Some(need) = publication.needs.get(&area.code) else {
            continue;
        };
        let hr = publication
            .rollup
            .pfas
            .get(&area.code)
            .map_or(0.0, |f| f.idva_high_risk_fte);
        w.write_record([
            area.code.clone(),
            area.name.clone(),
            area.region.clone(),
            women.get(&area.code).copied().unwrap_or(0).to_string(),
            marac.get(&area.code).copied().unwrap_or(0).to_string(),
            format!("{:.2}", need.marac_based_fte),
            format!("{:.2}", need.population_based_fte),
            format!("{:.2}", need.uplift_fte),
            format!("{:.2}", need.required_fte),
            format!("{hr:.2}"),
        ])
        .map_err(fail)?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| AppError::Task(format!("writing need-model.csv: {e}")))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
