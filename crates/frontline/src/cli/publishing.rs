//! Publishing from the command line: the disclosure rule, releases, and writing a release (or a
//! draft) to a folder.

use frontline_disclosure::SuppressionRule;
use frontline_web::error::{AppError, AppResult};
use frontline_web::publish::MapStyle;
use frontline_web::templates::Templates;
use frontline_web::Platform;
use std::path::Path;

pub fn set_suppression(platform: &Platform, cycle: i32, threshold: &str) -> AppResult<()> {
    let rule: SuppressionRule =
        threshold
            .parse()
            .map_err(|e: frontline_disclosure::DisclosureError| {
                AppError::invalid("threshold", e.to_string())
            })?;
    frontline_web::estimates::freeze::set_suppression(&mut *platform.conn()?, cycle, rule, "cli")?;
    println!("the {cycle} cycle now has {rule}");
    Ok(())
}

pub fn publish(
    platform: &Platform,
    cycle: i32,
    out: &Path,
    draft: bool,
    style: &MapStyle,
) -> AppResult<()> {
    let written = frontline_web::publish::publish_to_folder(platform, cycle, out, draft, style)?;
    let what = if draft { "draft" } else { "latest release" };
    println!(
        "wrote {written} files of the {cycle} {what} to {}",
        out.display()
    );
    Ok(())
}

pub fn release(
    platform: &Platform,
    cycle: i32,
    by: &str,
    notes: &str,
    style: &MapStyle,
) -> AppResult<()> {
    let r = frontline_web::publish::release::release(
        platform,
        &Templates::new()?,
        cycle,
        by,
        notes,
        style,
    )?;
    println!(
        "released the {cycle} publication as version {} (sha256 {})",
        r.version, r.content_hash
    );
    // Beside the notes, what changed: every cell is listed in the release's changes.csv.
    if r.version > 1 {
        let mut conn = platform.conn()?;
        let previous =
            frontline_web::store::releases::version(&mut conn, r.cycle_id, r.version - 1)?;
        let log = frontline_web::publish::versions::changes_between(&mut conn, &previous, &r)?;
        println!("{}", log.summary());
    }
    Ok(())
}

/// `frontline safety-scan`: prints every stored text that could locate a place, and fails when
/// any of it would be published.
pub fn safety_scan(platform: &Platform, cycle: Option<i32>) -> AppResult<()> {
    use frontline_web::publish::safety;
    let mut conn = platform.conn()?;
    let cycles: Vec<_> = frontline_web::store::cycles::all(&mut conn)?
        .into_iter()
        .filter(|c| cycle.is_none_or(|y| c.year == y))
        .collect();
    if cycles.is_empty() {
        return Err(AppError::invalid(
            "cycle",
            format!(
                "there is no {} cycle",
                cycle.map(|y| y.to_string()).unwrap_or_default()
            ),
        ));
    }
    let mut public = 0;
    let mut staff_only = 0;
    for c in &cycles {
        let mut texts = safety::public_texts(platform, &mut conn, c)?;
        texts.extend(safety::profile_texts(platform, &mut conn, c)?);
        texts.dedup();
        for hit in safety::scan(texts) {
            if hit.text.public {
                public += 1;
            } else {
                staff_only += 1;
            }
            println!("{}: {hit}", c.year);
        }
    }
    println!("{public} that would be published, {staff_only} seen only by staff");
    if public > 0 {
        return Err(AppError::invalid(
            "safety-scan",
            format!("{public} text(s) that a release would publish could locate a place; a release is refused until they are changed"),
        ));
    }
    Ok(())
}

/// `frontline withdraw`.
pub fn withdraw(
    platform: &Platform,
    cycle: i32,
    version: i32,
    reason: &str,
    by: &str,
) -> AppResult<()> {
    frontline_web::publish::withdraw(platform, cycle, version, by, reason)?;
    println!("withdrew version {version} of the {cycle} publication; it is no longer served");
    Ok(())
}

/// `frontline rename-service`.
pub fn rename_service(platform: &Platform, service: &str, name: &str, by: &str) -> AppResult<()> {
    let mut conn = platform.conn()?;
    let id = frontline_web::store::services::rename(&mut conn, service, name, by)?;
    println!("service {id} is now called {}", name.trim());
    Ok(())
}

/// `frontline import-published`: figures a charity published before Frontline, for the series
/// since the first cycle; every row checked before any is stored, the year's figures replaced.
pub fn import_published(
    platform: &Platform,
    year: i32,
    file: &Path,
    source: &str,
    by: &str,
) -> AppResult<()> {
    let bytes = std::fs::read(file).map_err(|e| AppError::file(file, e))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        AppError::invalid(
            file.display().to_string(),
            format!(
                "nothing was imported: the file is not UTF-8 text (the first bad byte is at byte {}); save it as CSV UTF-8",
                e.utf8_error().valid_up_to() + 1
            ),
        )
    })?;
    let mut conn = platform.conn()?;
    let cycles = frontline_web::store::cycles::all(&mut conn)?;
    // Only years before Frontline: a cycle's own figures reach a series through its release.
    if let Some(first) = cycles.iter().map(|c| c.year).min() {
        if year >= first {
            return Err(AppError::invalid(
                "cycle",
                format!("{year} is not before Frontline's first cycle ({first}); a cycle's figures join the series through its release"),
            ));
        }
    }
    // The strictest rule any cycle here publishes by.
    let rule = cycles
        .iter()
        .map(|c| c.suppression_rule())
        .max_by_key(|r| r.threshold())
        .unwrap_or_default();
    let spec = frontline_trends::SeriesSpec::practitioner();
    let figures = frontline_trends::published::read(spec, &platform.geography, &rule, &text)
        .map_err(|e| AppError::invalid(file.display().to_string(), e.to_string()))?;
    let n = frontline_web::store::published::import(&mut conn, year, source, &figures, by)?;
    println!("imported {n} figure(s) published for {year}");
    Ok(())
}
