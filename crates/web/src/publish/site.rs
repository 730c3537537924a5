//! Assembles every file of a cycle's publication in memory, for one edition (draft, provisional
//! or release).

use super::edition::{Edition, MapStyle};
use super::maps::{coverage_geojson, render_maps, women_by_area, MapContext};
use super::{archive, datapackage, workbook};
use crate::bootstrap::Platform;
use crate::error::{AppError, AppResult};
use crate::estimates;
use crate::http::templates::Templates;
use crate::store::cycles::{self, Cycle};
use crate::store::need_inputs;
use frontline_geo::maps::boundaries::{self, ONS_ATTRIBUTION};
use frontline_geo::maps::tiles::tile_map;
use frontline_geo::maps::{MapShapes, ShapeKind};
use frontline_geo::need::AreaNeedInput;
use frontline_geo::publication::{build, Publication};
use frontline_geo::tables::Table;
use frontline_geo::Geography;
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
    pub(crate) fn text(path: impl Into<String>, content: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            content: content.into().into_bytes(),
        }
    }

    pub fn content_type(&self) -> &'static str {
        content_type(&self.path)
    }
}

/// The media type served for a publication file.
pub fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next() {
        Some("html") => "text/html; charset=utf-8",
        Some("csv") => "text/csv; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("geojson") => "application/geo+json",
        Some("json") => "application/json",
        Some("xlsx") => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        Some("zip") => "application/zip",
        _ => "application/octet-stream",
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

/// The published source line, on every page, map and file.
pub fn data_source(cycle: &Cycle) -> String {
    format!(
        "Data: {} (Frontline), police force areas of England and Wales.",
        cycle.title
    )
}

/// Everything read from the database for one build.
struct Inputs {
    cycle: Cycle,
    publication: Publication,
    need: Vec<AreaNeedInput>,
}

fn read_inputs(platform: &Platform, year: i32) -> AppResult<Inputs> {
    let mut conn = platform.conn()?;
    let cycle = cycles::by_year(&mut conn, year)?;
    let estimates = estimates::for_cycle(platform, &mut conn, cycle.id)?;
    let need = need_inputs::for_cycle(&mut conn, cycle.id)?;
    let publication = build(
        year,
        &platform.geography,
        &estimates,
        &need,
        cycle.need_parameters(),
        cycle.suppression_rule(),
    )?;
    Ok(Inputs {
        cycle,
        publication,
        need,
    })
}

/// The map shapes for a style, with notes on anything a boundary file lacked.
fn shapes_for(geo: &Geography, style: &MapStyle) -> AppResult<(MapShapes, Vec<String>)> {
    let loaded = match style {
        MapStyle::Tiles => return Ok((tile_map()?, Vec::new())),
        MapStyle::Boundaries => boundaries::reference(geo)?,
        MapStyle::File(text) => boundaries::from_geojson(geo, text)?,
    };
    let mut notes = Vec::new();
    if !loaded.missing_areas.is_empty() {
        notes.push(format!(
            "No boundary was given for: {}.",
            loaded.missing_areas.join(", ")
        ));
    }
    if !loaded.unmatched_features.is_empty() {
        notes.push(format!(
            "{} feature(s) in the boundary file matched no police force area.",
            loaded.unmatched_features.len()
        ));
    }
    Ok((loaded.shapes, notes))
}

/// Keeps only the rows of the edition's areas (tables without a `pfa_code` column are national
/// or regional and leave a provisional view entirely).
fn tables_for(edition: &Edition, tables: &[Table]) -> Vec<Table> {
    let Some(areas) = edition.areas() else {
        return tables.to_vec();
    };
    tables
        .iter()
        .filter_map(|t| {
            let col = t.columns.iter().position(|c| c == "pfa_code")?;
            let mut t = t.clone();
            t.rows
                .retain(|r| r.get(col).is_some_and(|c| areas.contains(c)));
            Some(t)
        })
        .collect()
}

/// A CSV as this edition publishes it: drafts carry their mark on the first line.
fn csv_file(edition: &Edition, path: String, csv: String) -> SiteFile {
    match edition.banner() {
        Some(banner) => SiteFile::text(path, format!("{banner}\n{csv}")),
        None => SiteFile::text(path, csv),
    }
}

/// Builds the whole site for the cycle `year`.
pub fn build_site(
    platform: &Platform,
    templates: &Templates,
    year: i32,
    edition: &Edition,
    style: &MapStyle,
) -> AppResult<Site> {
    let geo = &platform.geography;
    let Inputs {
        cycle,
        publication,
        need,
    } = read_inputs(platform, year)?;
    let (shapes, boundary_notes) = shapes_for(geo, style)?;
    let real_shapes = shapes.kind == ShapeKind::Boundaries;
    let women = women_by_area(geo, &need);
    let marac: BTreeMap<String, i32> = need
        .iter()
        .map(|i| (i.pfa_code.clone(), i.marac_cases))
        .collect();
    let tables = tables_for(edition, &publication.tables);
    let source = data_source(&cycle);
    let mut credits = vec![source.clone()];
    if real_shapes {
        credits.extend(ONS_ATTRIBUTION.iter().map(|s| s.to_string()));
    }
    let page = json!({
        "year": year,
        "cycle": &cycle,
        "watermark": edition.watermark(),
        "banner": edition.banner(),
        "release": edition.release(),
        "credits": &credits,
    });

    let mut files = Vec::new();
    let mut downloads = Vec::new();
    for table in &tables {
        let csv = table
            .to_csv()
            .map_err(|e| AppError::Task(format!("writing {}: {e}", table.name)))?;
        files.push(csv_file(edition, format!("tables/{}.csv", table.name), csv));
        let mut ctx = page.clone();
        ctx["table"] = json!(table);
        files.push(SiteFile::text(
            format!("tables/{}.html", table.name),
            templates.render("table.html", ctx)?,
        ));
        downloads.push(Download {
            path: format!("tables/{}.csv", table.name),
            label: table.title.clone(),
        });
    }
    let need_csv = need_model_csv(&publication, geo, edition, &women, &marac)?;
    files.push(csv_file(edition, "tables/need-model.csv".into(), need_csv));
    downloads.push(Download {
        path: "tables/need-model.csv".into(),
        label: "Need model by police force area (unrounded inputs and results)".into(),
    });

    let maps = render_maps(&MapContext {
        publication: &publication,
        shapes: &shapes,
        women: &women,
        areas: edition.areas(),
        credits: &credits,
        watermark: edition.watermark(),
    });
    for map in &maps {
        files.push(SiteFile::text(map.file.clone(), map.svg.clone()));
    }
    files.push(SiteFile::text(
        "coverage.geojson",
        coverage_geojson(
            &publication,
            geo,
            &shapes,
            &women,
            &marac,
            edition,
            &credits,
        ),
    ));
    downloads.push(Download {
        path: "coverage.geojson".into(),
        label: if real_shapes {
            "Coverage by police force area (GeoJSON, boundaries)".into()
        } else {
            "Coverage by police force area (GeoJSON, tile map)".into()
        },
    });

    let stem = format!("frontline-provision-{year}");
    files.push(SiteFile {
        path: format!("{stem}.xlsx"),
        content: workbook::write(&workbook::Workbook {
            title: &format!("Frontline practitioners and Idva provision, {year}"),
            cycle: &cycle,
            edition,
            source: &source,
            tables: &tables,
            credits: &credits,
        })?,
    });
    downloads.push(Download {
        path: format!("{stem}.xlsx"),
        label: "Every table in one spreadsheet (.xlsx)".into(),
    });
    files.push(SiteFile::text(
        "datapackage.json",
        datapackage::describe(&cycle, edition, &tables, &source)?,
    ));
    downloads.push(Download {
        path: "datapackage.json".into(),
        label: "Data package: what every CSV column means (Frictionless datapackage.json)".into(),
    });
    downloads.push(Download {
        path: format!("{stem}.zip"),
        label: "All of the above in one zip".into(),
    });

    let mut ctx = page;
    ctx["publication"] = json!(&publication);
    ctx["tables"] = json!(&tables);
    ctx["maps"] = json!(&maps);
    ctx["downloads"] = json!(downloads);
    ctx["boundaries"] = json!(real_shapes);
    ctx["boundary_notes"] = json!(boundary_notes);
    ctx["national"] = json!(edition.areas().is_none());
    ctx["suppression"] = json!(cycle.suppression_rule().describe());
    files.push(SiteFile::text(
        "index.html",
        templates.render("publication.html", ctx)?,
    ));
    let zip = archive::zip(&stem, &files)?;
    files.push(SiteFile {
        path: format!("{stem}.zip"),
        content: zip,
    });
    Ok(Site { files, publication })
}

fn need_model_csv(
    publication: &Publication,
    geo: &Geography,
    edition: &Edition,
    women: &BTreeMap<String, i64>,
    marac: &BTreeMap<String, i32>,
) -> AppResult<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let fail = |e: csv::Error| AppError::Task(format!("writing need-model.csv: {e}"));
    w.write_record(datapackage::NEED_MODEL_COLUMNS)
        .map_err(fail)?;
    for area in geo.areas() {
        if edition.areas().is_some_and(|a| !a.contains(&area.code)) {
            continue;
        }
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
