//! Assembles every file of a cycle's publication in memory, for one edition (draft, provisional
//! or release).

use super::datapackage;
use super::maps::{coverage_geojson, refuge_shortfall_map, render_maps, women_by_area, MapContext};
use crate::coding;
use crate::error::{AppError, AppResult};
use crate::funding;
use crate::instruments;
use crate::profiles;
use crate::publication::edition::{Edition, MapStyle};
use crate::publication::trends::{self, Trends};
use crate::publication::{archive, data_source, read_inputs_protected, workbook, Inputs, SiteFile};
use crate::store::cycles::Cycle;
use crate::templates::Templates;
use crate::Platform;
use frontline_disclosure::ReleaseProtector;
use frontline_geo::findings::Finding;
use frontline_geo::maps::boundaries::{self, ONS_ATTRIBUTION};
use frontline_geo::maps::tiles::tile_map;
use frontline_geo::maps::{MapShapes, ShapeKind};
use frontline_geo::need::AreaNeedInput;
use frontline_geo::publication::Publication;
use frontline_geo::tables::Table;
use frontline_geo::Geography;
use frontline_trends::headlines;
use serde::Serialize;
use serde_json::json;
use std::collections::BTreeMap;
use std::sync::Arc;

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

/// The map shapes for a style, with notes on anything a boundary file lacked.
fn shapes_for(geo: &Geography, style: &MapStyle) -> AppResult<(MapShapes, Vec<String>)> {
    let loaded = match style {
        MapStyle::Tiles => return Ok((tile_map()?, Vec::new())),
        MapStyle::Boundaries => boundaries::reference(geo)?,
        MapStyle::File(text) => Arc::new(boundaries::from_geojson(geo, text)?),
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
    Ok((loaded.shapes.clone(), notes))
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
            t.retain_rows(|r| r.get(col).is_some_and(|c| areas.contains(c)));
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

/// The files built so far, and the downloads the index page offers.
#[derive(Default)]
struct Output {
    files: Vec<SiteFile>,
    downloads: Vec<Download>,
}

impl Output {
    /// Adds a file; with a label, the index page offers it as a download.
    fn add(&mut self, file: SiteFile, label: Option<&str>) {
        if let Some(label) = label {
            self.downloads.push(Download {
                path: file.path.clone(),
                label: label.to_string(),
            });
        }
        self.files.push(file);
    }
}

/// What every page of one build shares.
struct Build<'a> {
    edition: &'a Edition,
    templates: &'a Templates,
    cycle: &'a Cycle,
    publication: &'a Publication,
    tables: Vec<Table>,
    credits: Vec<String>,
    source: String,
    /// The template context every page starts from.
    page: serde_json::Value,
}

/// Builds the whole site for the cycle `year`.
pub fn build_site(
    platform: &Platform,
    templates: &Templates,
    year: i32,
    edition: &Edition,
    style: &MapStyle,
) -> AppResult<Site> {
    build_site_protected(platform, templates, year, edition, style, None)
}

/// [`build_site`], every table of people protected by a release's `protector` when given.
pub fn build_site_protected(
    platform: &Platform,
    templates: &Templates,
    year: i32,
    edition: &Edition,
    style: &MapStyle,
    release: Option<Arc<ReleaseProtector>>,
) -> AppResult<Site> {
    let geo = &platform.geography;
    let inputs = read_inputs_protected(platform, year, release)?;
    let Inputs {
        cycle,
        publication,
        need,
        counts_practitioners,
        ..
    } = &inputs;
    let counts_practitioners = *counts_practitioners;
    let (shapes, boundary_notes) = shapes_for(geo, style)?;
    let real_shapes = shapes.kind == ShapeKind::Boundaries;
    let source = data_source(cycle);
    let mut credits = vec![source.clone()];
    if real_shapes {
        credits.extend(ONS_ATTRIBUTION.iter().map(|s| s.to_string()));
    }
    // Coded comments are national findings: a PCC office's provisional view leaves them out.
    let findings = if edition.areas().is_none() {
        coding::findings::for_cycle(
            platform,
            &mut *platform.conn()?,
            cycle,
            inputs.protector.as_ref(),
        )?
    } else {
        Vec::new()
    };
    // The wave's other instruments compared: national findings too.
    let wave = if edition.areas().is_none() {
        instruments::results::for_cycle(
            platform,
            &mut *platform.conn()?,
            cycle,
            &source,
            inputs.protector.as_ref(),
        )?
    } else {
        None
    };
    // The service directory, from the cycle's profiles: national too.
    let directory = if edition.areas().is_none() {
        profiles::directory::entries(platform, &mut *platform.conn()?, cycle)?
    } else {
        Vec::new()
    };
    let mut tables = if counts_practitioners {
        tables_for(edition, &publication.tables)
    } else {
        Vec::new()
    };
    if edition.areas().is_none() {
        tables.extend(funding::tables::for_cycle(
            platform,
            &mut *platform.conn()?,
            cycle,
        )?);
        tables.extend(profiles::safe_accommodation::spaces_table(
            platform,
            &mut *platform.conn()?,
            cycle,
        )?);
        tables.extend(crate::grants::value::published(
            platform,
            &mut *platform.conn()?,
            cycle,
            inputs.protector.as_ref(),
        )?);
        tables.extend(crate::voice::publication::tables(
            &mut *platform.conn()?,
            cycle,
            inputs.protector.as_ref(),
        )?);
    }
    // The series since the first cycle, from what each cycle published and this edition's tables.
    let trends = if counts_practitioners {
        trends::for_edition(platform, &mut *platform.conn()?, cycle, edition, &tables)?
    } else {
        None
    };
    let provision_tables = tables.len();
    tables.extend(trends.iter().flat_map(Trends::tables));
    tables.extend(findings.iter().flat_map(|f| f.tables.tables().cloned()));
    tables.extend(wave.iter().flat_map(|w| w.tables().cloned()));
    let build = Build {
        edition,
        templates,
        cycle,
        publication,
        tables,
        page: json!({
            "year": year,
            "cycle": &cycle,
            "watermark": edition.watermark(),
            "banner": edition.banner(),
            "release": edition.release(),
            "credits": &credits,
        }),
        credits,
        source,
    };
    let mut out = Output::default();
    build.tables(&mut out)?;
    let maps = if counts_practitioners {
        build.maps(&mut out, geo, &shapes, need)
    } else {
        Vec::new()
    };
    if let Some(trends) = &trends {
        build.trends(&mut out, trends)?;
    }
    build.findings(&mut out, &findings)?;
    if let Some(wave) = &wave {
        build.wave(&mut out, wave)?;
    }
    if !directory.is_empty() {
        build.directory(&mut out, platform, &directory)?;
    }
    // Each area's needs-assessment pack: public only through a release.
    if counts_practitioners && edition.release().is_some() {
        build.packs(&mut out, platform, &inputs, trends.as_ref())?;
    }
    // A release lists every cell that changed since the version before, beside its notes.
    let notes = super::changelog::release_notes(
        platform,
        templates,
        edition,
        cycle,
        &build.tables,
        &build.page,
        &out.files,
    )?;
    let changelog = notes.as_ref().and_then(|n| n.changelog.clone());
    for (file, label) in notes.map(|n| n.files).unwrap_or_default() {
        out.add(file, Some(&label));
    }
    build.bundles(&mut out)?;

    let mut ctx = build.page.clone();
    // What the page shows of the publication: not its roll-up (every service's id, by area).
    ctx["publication"] = json!({
        "headlines": &publication.headlines,
        "parameters": &publication.parameters,
    });
    ctx["key_findings"] = json!(key_findings(edition, publication, trends.as_ref()));
    ctx["tables"] = json!(&build.tables[..provision_tables]);
    ctx["findings"] = json!(&findings);
    ctx["wave"] = json!(&wave);
    ctx["trends"] = json!(trends.as_ref().map(trends_context));
    ctx["counts_practitioners"] = json!(counts_practitioners);
    ctx["directory_services"] = json!(directory.len());
    ctx["maps"] = json!(&maps);
    ctx["downloads"] = json!(out.downloads);
    ctx["changelog"] = json!(changelog);
    ctx["boundaries"] = json!(real_shapes);
    ctx["boundary_notes"] = json!(boundary_notes);
    ctx["national"] = json!(edition.areas().is_none());
    ctx["suppression"] = json!(cycle.suppression_rule().describe());
    out.add(
        SiteFile::text("index.html", templates.render("publication.html", ctx)?),
        None,
    );
    let stem = format!("frontline-provision-{year}");
    let zip = archive::zip(&stem, &out.files)?;
    out.add(
        SiteFile {
            path: format!("{stem}.zip"),
            content: zip,
        },
        None,
    );
    let files = out.files;
    Ok(Site {
        files,
        publication: inputs.publication,
    })
}

impl Build<'_> {
    /// A CSV and an HTML page per table.
    fn tables(&self, out: &mut Output) -> AppResult<()> {
        for table in &self.tables {
            let csv = table
                .to_csv()
                .map_err(|e| AppError::Task(format!("writing {}: {e}", table.name)))?;
            out.add(
                csv_file(self.edition, format!("tables/{}.csv", table.name), csv),
                Some(&table.title),
            );
            let mut ctx = self.page.clone();
            ctx["table"] = json!(table);
            out.add(
                SiteFile::text(
                    format!("tables/{}.html", table.name),
                    self.templates.render("table.html", ctx)?,
                ),
                None,
            );
        }
        Ok(())
    }

    /// The four maps (five with refuge places) and the coverage GeoJSON.
    fn maps(
        &self,
        out: &mut Output,
        geo: &Geography,
        shapes: &MapShapes,
        need: &[AreaNeedInput],
    ) -> Vec<super::maps::RenderedMap> {
        let women = women_by_area(geo, need);
        let context = MapContext {
            publication: self.publication,
            shapes,
            women: &women,
            areas: self.edition.areas(),
            credits: &self.credits,
            watermark: self.edition.watermark(),
        };
        let mut maps = render_maps(&context);
        // Refuge family places short of the minimum, when the build has the table.
        if let Some(spaces) = self
            .tables
            .iter()
            .find(|t| t.name == "refuge-spaces-by-pfa")
        {
            maps.push(refuge_shortfall_map(&context, spaces));
        }
        for map in &maps {
            out.add(SiteFile::text(map.file.clone(), map.svg.clone()), None);
        }
        let geojson = coverage_geojson(
            self.publication,
            geo,
            shapes,
            &women,
            &marac_by_area(need),
            self.edition,
            &self.credits,
        );
        let label = if shapes.kind == ShapeKind::Boundaries {
            "Coverage by police force area (GeoJSON, boundaries)"
        } else {
            "Coverage by police force area (GeoJSON, tile map)"
        };
        out.add(SiteFile::text("coverage.geojson", geojson), Some(label));
        maps
    }

    /// Practitioners' views and survivors' words: a page of the coded open answers (tables, word
    /// clouds with their frequency tables, approved quotes) and each cloud as SVG.
    fn findings(&self, out: &mut Output, findings: &[coding::findings::Findings]) -> AppResult<()> {
        if findings.is_empty() {
            return Ok(());
        }
        for cloud in findings.iter().flat_map(|f| &f.clouds) {
            out.add(SiteFile::text(cloud.file.clone(), cloud.svg.clone()), None);
        }
        let questions: Vec<serde_json::Value> = findings
            .iter()
            .map(|f| {
                let mut q = json!(f);
                q["tables"] = json!(f.tables.tables().collect::<Vec<_>>());
                q
            })
            .collect();
        let mut ctx = self.page.clone();
        ctx["questions"] = json!(questions);
        ctx["suppression"] = json!(self.cycle.suppression_rule().describe());
        out.add(
            SiteFile::text(
                "qualitative/index.html",
                self.templates.render("publication_qualitative.html", ctx)?,
            ),
            Some("Practitioners' views and survivors' words: coded open answers, word clouds and quotes"),
        );
        Ok(())
    }

    /// The series: each chart as SVG and a page of them all with their data.
    fn trends(&self, out: &mut Output, trends: &Trends) -> AppResult<()> {
        for chart in &trends.charts {
            out.add(
                SiteFile::text(format!("charts/{}.svg", chart.name), chart.svg.clone()),
                None,
            );
        }
        let mut ctx = self.page.clone();
        ctx["trends"] = trends_context(trends);
        out.add(
            SiteFile::text("trends.html", self.templates.render("trends.html", ctx)?),
            Some("Change since the last cycle and the series since the first, with charts"),
        );
        Ok(())
    }

    /// The wave's other instruments compared: a page of the comparisons and each chart as SVG.
    fn wave(&self, out: &mut Output, wave: &instruments::results::WaveResults) -> AppResult<()> {
        for chart in &wave.charts {
            out.add(SiteFile::text(chart.file.clone(), chart.svg.clone()), None);
        }
        let mut ctx = self.page.clone();
        ctx["wave"] = json!(wave);
        ctx["by_channel"] = json!(&wave.by_channel);
        ctx["compared"] = json!(&wave.compared);
        ctx["own"] = json!(&wave.own);
        ctx["suppression"] = json!(self.cycle.suppression_rule().describe());
        out.add(
            SiteFile::text(
                "instruments/index.html",
                self.templates.render("publication_instruments.html", ctx)?,
            ),
            Some("The wave's surveys compared: respondent profiles, shared questions and charts"),
        );
        Ok(())
    }

    /// The service directory: its CSV, GeoJSON, a map per service type and a page of them all.
    fn directory(
        &self,
        out: &mut Output,
        platform: &Platform,
        entries: &[frontline_provision::directory::Entry],
    ) -> AppResult<()> {
        let files =
            profiles::directory::files(platform, entries, &self.credits, self.edition.watermark())?;
        out.add(
            csv_file(self.edition, "directory/services.csv".into(), files.csv),
            Some("Directory of services: what each offers, to whom and how to reach it (CSV)"),
        );
        out.add(
            SiteFile::text("directory/coverage.geojson", files.geojson),
            Some("Services of each type by police force area (GeoJSON, boundaries)"),
        );
        for map in &files.maps {
            out.add(SiteFile::text(map.file.clone(), map.svg.clone()), None);
        }
        let mut ctx = self.page.clone();
        ctx["entries"] = json!(entries
            .iter()
            .map(|e| profiles::directory::view(platform, e))
            .collect::<Vec<_>>());
        ctx["maps"] = json!(files.maps);
        out.add(
            SiteFile::text(
                "directory/index.html",
                self.templates.render("publication_directory.html", ctx)?,
            ),
            Some("Directory of services, with maps of each service type"),
        );
        Ok(())
    }

    /// Every area's needs-assessment pack, built from the same inputs as the tables.
    fn packs(
        &self,
        out: &mut Output,
        platform: &Platform,
        inputs: &Inputs,
        trends: Option<&Trends>,
    ) -> AppResult<()> {
        let from = crate::packs::Sources {
            site: inputs,
            trends,
        };
        let files = crate::packs::build(
            platform,
            self.templates,
            &from,
            self.edition,
            &crate::access::Scope::Everything,
            &crate::packs::Areas::All,
            "../../index.html",
        )?;
        for file in files {
            let label = (file.path == "packs/index.html")
                .then_some("Needs-assessment packs: one per police force area");
            out.add(file, label);
        }
        Ok(())
    }

    /// The workbook and the data package (the zip is added last, around everything).
    fn bundles(&self, out: &mut Output) -> AppResult<()> {
        let year = self.cycle.year;
        let stem = format!("frontline-provision-{year}");
        let workbook = workbook::write(&workbook::Workbook {
            title: &format!("Frontline practitioners and Idva provision, {year}"),
            cycle: self.cycle,
            edition: self.edition,
            source: &self.source,
            tables: &self.tables,
            credits: &self.credits,
        })?;
        out.add(
            SiteFile {
                path: format!("{stem}.xlsx"),
                content: workbook,
            },
            Some("Every table in one spreadsheet (.xlsx)"),
        );
        out.add(
            SiteFile::text(
                "datapackage.json",
                datapackage::describe(
                    self.cycle,
                    self.edition,
                    &self.tables,
                    &out.files,
                    &self.source,
                )?,
            ),
            Some("Data package: what every CSV column means (Frictionless datapackage.json)"),
        );
        out.downloads.push(Download {
            path: format!("{stem}.zip"),
            label: "All of the above in one zip".into(),
        });
        Ok(())
    }
}

fn marac_by_area(need: &[AreaNeedInput]) -> BTreeMap<String, i32> {
    need.iter()
        .map(|i| (i.pfa_code.to_string(), i.marac_cases))
        .collect()
}

/// The report's sentences beyond coverage, then the change in Marac cases from the series where
/// both cycles published a total: national findings, so none in a view of some areas.
fn key_findings(
    edition: &Edition,
    publication: &Publication,
    trends: Option<&Trends>,
) -> Vec<Finding> {
    if edition.areas().is_some() {
        return Vec::new();
    }
    let mut out = publication.findings.clone();
    out.extend(
        trends
            .iter()
            .flat_map(|t| &t.headlines)
            .filter(|h| h.measure == "marac_cases" && h.change.is_some())
            .map(|h| Finding {
                sentence: h.sentence(),
                table: headlines::TABLE.to_string(),
                title: headlines::TITLE.to_string(),
            }),
    );
    out
}

/// What the index and the trends page show of the series.
fn trends_context(trends: &Trends) -> serde_json::Value {
    json!({
        "sentences": trends.headlines.iter().map(|h| h.sentence()).collect::<Vec<_>>(),
        "years": &trends.series.years,
        "charts": trends.charts.iter().map(|c| json!({
            "name": c.name, "title": c.title, "description": c.description,
            "labels": c.labels, "rows": c.rows,
        })).collect::<Vec<_>>(),
        "tables": trends.tables().iter().map(|t| json!({"name": t.name, "title": t.title})).collect::<Vec<_>>(),
    })
}
