//! Publishing from the command line: the disclosure rule, releases, and writing a release (or a
//! draft) to a folder.

use crate::bootstrap::Platform;
use crate::error::{AppError, AppResult};
use crate::http::templates::Templates;
use crate::publish::MapStyle;
use frontline_disclosure::SuppressionRule;
use std::path::Path;

pub fn set_suppression(platform: &Platform, cycle: i32, threshold: &str) -> AppResult<()> {
    let rule: SuppressionRule =
        threshold
            .parse()
            .map_err(|e: frontline_disclosure::DisclosureError| {
                AppError::invalid("threshold", e.to_string())
            })?;
    crate::estimates::freeze::set_suppression(&mut *platform.conn()?, cycle, rule, "cli")?;
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
    let written = crate::publish::publish_to_folder(platform, cycle, out, draft, style)?;
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
    let r =
        crate::publish::release::release(platform, &Templates::new()?, cycle, by, notes, style)?;
    println!(
        "released the {cycle} publication as version {} (sha256 {})",
        r.version, r.content_hash
    );
    Ok(())
}
