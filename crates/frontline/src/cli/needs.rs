//! Needs assessment from the command line: a cycle's populations (by area and by authority) and
//! prevalence rates, writing areas' packs to a folder, and the Part 4 safe-accommodation report
//! by authority.

use frontline_geo::authorities::upper_tier_authorities_on;
use frontline_needs::prevalence::{AppliesTo, Rate};
use frontline_web::error::{AppError, AppResult};
use frontline_web::packs::{write_to_folder, Areas};
use frontline_web::store::{cycles, populations};
use frontline_web::Platform;
use std::collections::BTreeMap;
use std::path::Path;

/// What an import of figures by area reads and stores.
type Read<R> =
    fn(&frontline_geo::Geography, &str) -> Result<BTreeMap<String, R>, frontline_needs::NeedsError>;
type Store<R> = fn(
    &mut frontline_web::db::DbConnection,
    i32,
    i32,
    &BTreeMap<String, R>,
    &str,
    &str,
) -> Result<(), frontline_web::store::StoreError>;

/// Reads `file` with `read` (every row checked before any is stored) and stores it for the cycle
/// with `store`; says how many areas, as `what`.
fn import_by_area<R>(
    platform: &Platform,
    (cycle, file, source, by): (i32, &Path, &str, &str),
    read: Read<R>,
    store: Store<R>,
    what: &str,
) -> AppResult<()> {
    let text = std::fs::read_to_string(file).map_err(|e| AppError::file(file, e))?;
    let rows = read(&platform.geography, &text)
        .map_err(|e| AppError::invalid(file.display().to_string(), e.to_string()))?;
    let mut conn = platform.conn()?;
    let found = cycles::by_year(&mut conn, cycle)?;
    store(&mut conn, found.id, cycle, &rows, source, by)?;
    println!(
        "imported {what} of {} police force area(s) into cycle {cycle}",
        rows.len()
    );
    Ok(())
}

/// `frontline import-population`: every row checked before any is stored.
pub fn import_population(
    platform: &Platform,
    cycle: i32,
    file: &Path,
    source: &str,
    by: &str,
) -> AppResult<()> {
    import_by_area(
        platform,
        (cycle, file, source, by),
        frontline_needs::population::read_csv,
        populations::import,
        "the population",
    )
}

/// `frontline import-population-groups`: residents by group, all or nothing.
pub fn import_population_groups(
    platform: &Platform,
    cycle: i32,
    file: &Path,
    source: &str,
    by: &str,
) -> AppResult<()> {
    import_by_area(
        platform,
        (cycle, file, source, by),
        frontline_needs::groups::read_csv,
        populations::import_groups,
        "the residents by group",
    )
}

/// `frontline import-authority-population`: all-age population by upper-tier authority of the
/// cycle's year, every row checked before any is stored.
pub fn import_authority_population(
    platform: &Platform,
    year: i32,
    file: &Path,
    source: &str,
    by: &str,
) -> AppResult<()> {
    let text = std::fs::read_to_string(file).map_err(|e| AppError::file(file, e))?;
    let mut conn = platform.conn()?;
    let cycle = cycles::by_year(&mut conn, year)?;
    let in_force = upper_tier_authorities_on(&cycle.closes_on)?;
    let rows = frontline_needs::authority_population::read_csv(&in_force, &cycle.closes_on, &text)
        .map_err(|e| AppError::invalid(file.display().to_string(), e.to_string()))?;
    populations::import_authorities(&mut conn, cycle.id, year, &rows, source, by)?;
    println!(
        "imported the population of {} upper-tier local authority(ies) into cycle {year}",
        rows.len()
    );
    Ok(())
}

/// What `frontline prevalence-rate` sets.
pub struct RateArgs<'a> {
    pub id: &'a str,
    pub label: &'a str,
    pub applies_to: &'a str,
    pub percent: f64,
    pub source: &'a str,
}

/// `frontline prevalence-rate`: sets one of the cycle's rates, with its source.
pub fn set_rate(platform: &Platform, cycle: i32, args: &RateArgs, by: &str) -> AppResult<()> {
    let applies_to =
        AppliesTo::parse(args.applies_to).map_err(|e| AppError::invalid("applies-to", e))?;
    if args.id.trim().is_empty() || args.label.trim().is_empty() {
        return Err(AppError::invalid(
            "id",
            "give the rate an id and a label (e.g. --id stalking_last_year --label \"Adults stalked in the last year\")",
        ));
    }
    let rate = Rate {
        id: args.id.trim().to_string(),
        label: args.label.trim().to_string(),
        applies_to,
        percent: args.percent,
        source: args.source.trim().to_string(),
    };
    let mut conn = platform.conn()?;
    let found = cycles::by_year(&mut conn, cycle)?;
    populations::set_rate(&mut conn, found.id, cycle, &rate, by)?;
    println!(
        "the {cycle} cycle's rate {} is now {}% of {}",
        rate.id,
        rate.percent,
        applies_to.label()
    );
    Ok(())
}

/// `frontline pack`: one area's pack, or every area's with `--all`.
pub fn pack(
    platform: &Platform,
    cycle: i32,
    pfa: Option<&str>,
    all: bool,
    out: &Path,
    draft: bool,
) -> AppResult<()> {
    let areas = match (pfa, all) {
        (Some(code), false) => Areas::One(code.to_string()),
        (None, true) => Areas::All,
        _ => return Err(AppError::invalid(
            "pfa",
            "give one area with --pfa CODE (an ONS code or force name), or --all for every area",
        )),
    };
    let started = std::time::Instant::now();
    let written = write_to_folder(platform, cycle, &areas, out, draft)?;
    let what = if draft { "draft" } else { "released" };
    println!(
        "wrote {written} files of the {cycle} {what} pack(s) to {} in {:.2} s",
        out.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// `frontline part4`: the cycle's report by English tier-1 authority, as CSV.
pub fn part4(
    platform: &Platform,
    year: i32,
    authority: Option<&str>,
    by: &str,
    out: Option<&Path>,
) -> AppResult<()> {
    let mut conn = platform.conn()?;
    let cycle = cycles::by_year(&mut conn, year)?;
    let table = frontline_web::profiles::safe_accommodation::part4_report(
        &mut conn, &cycle, authority, by,
    )?;
    let csv = table
        .to_csv()
        .map_err(|e| AppError::Task(format!("writing the Part 4 report: {e}")))?;
    match out {
        Some(path) => std::fs::write(path, csv).map_err(|e| AppError::file(path, e))?,
        None => print!("{csv}"),
    }
    Ok(())
}

/// `frontline refuge-places-by-authority`: the cycle's table by authority, as CSV (audited).
pub fn refuge_places_by_authority(
    platform: &Platform,
    year: i32,
    by: &str,
    out: Option<&Path>,
) -> AppResult<()> {
    let mut conn = platform.conn()?;
    let cycle = cycles::by_year(&mut conn, year)?;
    let table = frontline_web::profiles::safe_accommodation::spaces_by_authority_export(
        platform, &mut conn, &cycle, by,
    )?;
    let csv = table
        .to_csv()
        .map_err(|e| AppError::Task(format!("writing refuge places by authority: {e}")))?;
    match out {
        Some(path) => std::fs::write(path, csv).map_err(|e| AppError::file(path, e))?,
        None => print!("{csv}"),
    }
    Ok(())
}
