//! Needs-assessment packs, glued to storage, templates and files: read a cycle's inputs once,
//! build any area's pack with the `frontline-needs` crate, and write it as files — live and
//! marked DRAFT for the team and an area's PCC office, or into a release for the public.

pub mod files;
pub mod gather;

use crate::access::Scope;
use crate::error::{AppError, AppResult};
use crate::publication::trends::Trends;
use crate::publication::{data_source, read_inputs, Inputs as SiteInputs, SiteFile};
use crate::publication::{write_files, Edition};
use crate::store::{cycles, releases};
use crate::templates::Templates;
use crate::Platform;
use files::PackBuild;
use frontline_geo::maps::boundaries::{self, ONS_ATTRIBUTION};
use frontline_needs::pack::{Packs, ReleasedComparators};
use gather::Gathered;
use rayon::prelude::*;
use serde_json::json;
use std::path::Path;

/// Which areas to build.
#[derive(Debug, Clone)]
pub enum Areas {
    One(String),
    All,
}

fn task(e: frontline_needs::NeedsError) -> AppError {
    match e {
        frontline_needs::NeedsError::UnknownArea(_) => AppError::invalid("pfa", e.to_string()),
        other => AppError::Task(other.to_string()),
    }
}

/// The files of the packs of `areas` in the cycle `year`, read now, as an account of `scope`
/// may see them.
pub fn build_for_year(
    platform: &Platform,
    templates: &Templates,
    year: i32,
    edition: &Edition,
    scope: &Scope,
    areas: &Areas,
    home: &str,
) -> AppResult<Vec<SiteFile>> {
    let site = read_inputs(platform, year)?;
    let from = Sources {
        site: &site,
        trends: None,
    };
    build(platform, templates, &from, edition, scope, areas, home)
}

/// The comparators an account limited to its own areas sees beside an unreleased pack of
/// `code`: the latest release's pack of the same area (this cycle's, else the latest earlier
/// cycle's that has packs), or none.
fn released_comparators(
    platform: &Platform,
    year: i32,
    code: &str,
) -> AppResult<Option<ReleasedComparators>> {
    let mut conn = platform.conn()?;
    let path = format!("packs/{code}/indicators.csv");
    let mut cycles: Vec<_> = cycles::all(&mut conn)?
        .into_iter()
        .filter(|c| c.year <= year)
        .collect();
    cycles.sort_by_key(|c| std::cmp::Reverse(c.year));
    for cycle in cycles {
        let Some(release) = releases::latest_public(&mut conn, cycle.id)? else {
            continue;
        };
        if let Some((_, content)) = releases::files(&mut conn, release.id)?
            .into_iter()
            .find(|(p, _)| *p == path)
        {
            let label = format!("the {} release (version {})", cycle.year, release.version);
            let text = String::from_utf8_lossy(&content);
            return ReleasedComparators::from_indicators_csv(&label, &text)
                .map(Some)
                .map_err(task);
        }
    }
    Ok(None)
}

/// What packs are built from: the publication's inputs, and its series since the first cycle
/// where the site has built them already (otherwise they are read for the packs).
pub(crate) struct Sources<'a> {
    pub site: &'a SiteInputs,
    pub trends: Option<&'a Trends>,
}

/// The files of the packs of `areas`, from `from` (a release passes its own inputs and series,
/// so they are read once), as an account of `scope` may see them; with every area, each under
/// `packs/CODE/`.
pub(crate) fn build(
    platform: &Platform,
    templates: &Templates,
    from: &Sources,
    edition: &Edition,
    scope: &Scope,
    areas: &Areas,
    home: &str,
) -> AppResult<Vec<SiteFile>> {
    let own_areas_only = scope.areas().is_some() && edition.release().is_none();
    let site = from.site;
    let gathered = Gathered::read(platform, site, from.trends, edition.release().is_some())?;
    let boundaries = boundaries::reference(&platform.geography)?;
    let shapes = &boundaries.shapes;
    let mut credits = vec![data_source(gathered.cycle())];
    credits.extend(ONS_ATTRIBUTION.iter().map(|s| s.to_string()));
    let inputs = gathered.inputs(platform);
    let packs = Packs::new(&inputs).map_err(task)?;
    let build = PackBuild {
        platform,
        templates,
        gathered: &gathered,
        edition,
        shapes,
        credits: &credits,
        home,
        scope,
    };
    let codes: Vec<String> = match areas {
        Areas::One(code) => vec![code.clone()],
        Areas::All => platform
            .geography
            .areas()
            .iter()
            .map(|a| a.code.to_string())
            .collect(),
    };
    let nested = matches!(areas, Areas::All);
    let codes: Vec<String> = codes.into_iter().filter(|c| scope.includes(c)).collect();
    // Each area's pack is built on its own, so on every core; files keep the areas' order.
    let each: Vec<Vec<SiteFile>> = codes
        .par_iter()
        .map(|code| {
            let mut pack = packs.pack(code).map_err(task)?;
            if own_areas_only {
                let released = released_comparators(platform, site.cycle.year, &pack.area.code)?;
                pack = pack.for_own_areas(released.as_ref());
            }
            let prefix = if nested {
                format!("packs/{}/", pack.area.code)
            } else {
                String::new()
            };
            build.files(&pack, &prefix)
        })
        .collect::<AppResult<_>>()?;
    let mut out: Vec<SiteFile> = each.into_iter().flatten().collect();
    if nested {
        out.push(index(platform, templates, &gathered, edition, &credits)?);
    }
    Ok(out)
}

/// `packs/index.html`: every area's pack.
fn index(
    platform: &Platform,
    templates: &Templates,
    gathered: &Gathered,
    edition: &Edition,
    credits: &[String],
) -> AppResult<SiteFile> {
    let html = templates.render(
        "publication_packs.html",
        json!({
            "year": gathered.cycle().year,
            "cycle": gathered.cycle(),
            "areas": platform.geography.areas(),
            "watermark": edition.watermark(),
            "banner": edition.banner(),
            "credits": credits,
        }),
    )?;
    Ok(SiteFile::text("packs/index.html", html))
}

/// `frontline pack`: writes the packs of `areas` into `out` — from the cycle's latest release,
/// byte for byte, or with `draft` built now from live data and marked DRAFT. Returns the
/// number of files written.
pub fn write_to_folder(
    platform: &Platform,
    year: i32,
    areas: &Areas,
    out: &Path,
    draft: bool,
) -> AppResult<usize> {
    let files = if draft {
        build_for_year(
            platform,
            &Templates::new()?,
            year,
            &Edition::Draft,
            &Scope::Everything,
            areas,
            "../",
        )?
    } else {
        released(platform, year, areas)?
    };
    write_files(out, &files)
}

/// The released packs of `areas`, from the latest release's stored files.
fn released(platform: &Platform, year: i32, areas: &Areas) -> AppResult<Vec<SiteFile>> {
    let mut conn = platform.conn()?;
    let cycle = cycles::by_year(&mut conn, year)?;
    let release = releases::latest_public(&mut conn, cycle.id)?.ok_or_else(|| {
        AppError::invalid(
            "cycle",
            format!("the {year} publication has not been released, so it has no public packs; write draft packs with --draft"),
        )
    })?;
    let prefix = match areas {
        Areas::All => "packs/".to_string(),
        Areas::One(code) => {
            let area = platform
                .geography
                .find(code)
                .ok_or_else(|| task(frontline_needs::NeedsError::UnknownArea(code.clone())))?;
            format!("packs/{}/", area.code)
        }
    };
    let files: Vec<SiteFile> = releases::files(&mut conn, release.id)?
        .into_iter()
        .filter(|(path, _)| path.starts_with(&prefix))
        .map(|(path, content)| SiteFile {
            path: match areas {
                Areas::One(_) => path[prefix.len()..].to_string(),
                Areas::All => path,
            },
            content,
        })
        .collect();
    if files.is_empty() {
        return Err(AppError::invalid(
            "cycle",
            format!("release {} of {year} holds no packs (it was released before packs were published); release a new version or use --draft", release.version),
        ));
    }
    Ok(files)
}
