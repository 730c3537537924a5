//! VFS returns from the command line: programmes, their services, requests and reminders,
//! importing and exporting a period's returns.

use frontline_disclosure::SuppressionRule;
use frontline_returns::{Frequency, Period, ReturnsError};
use frontline_web::error::{AppError, AppResult};
use frontline_web::mail::MailSettings;
use frontline_web::returns::{export as vfs_export, import as vfs_import, requests};
use frontline_web::store::{programmes, services};
use frontline_web::Platform;
use std::path::Path;

pub fn new_programme(
    platform: &Platform,
    id: &str,
    name: &str,
    frequency: &str,
    first_period: &str,
) -> AppResult<()> {
    let frequency: Frequency = frequency
        .parse()
        .map_err(|e: ReturnsError| AppError::invalid("frequency", e.to_string()))?;
    let first: Period = first_period
        .parse()
        .map_err(|e: ReturnsError| AppError::invalid("first-period", e.to_string()))?;
    let p = programmes::create(&mut *platform.conn()?, id, name, frequency, first)?;
    println!(
        "created programme {} ({}), {} returns from {}",
        p.id, p.name, p.frequency, p.first_period
    );
    Ok(())
}

pub fn add_services(platform: &Platform, programme: &str, names: &[String]) -> AppResult<()> {
    let mut conn = platform.conn()?;
    programmes::by_id(&mut conn, programme)?;
    let all = services::all(&mut conn)?;
    let mut ids = Vec::new();
    for name in names {
        let matching: Vec<i32> = all
            .iter()
            .filter(|s| s.name == *name || format!("{} – {}", s.organisation, s.name) == *name)
            .map(|s| s.id)
            .collect();
        match matching.as_slice() {
            [id] => ids.push(*id),
            [] => {
                return Err(AppError::invalid(
                    "service",
                    format!("no service is called '{name}'"),
                ))
            }
            several => {
                return Err(AppError::invalid(
                    "service",
                    format!(
                        "'{name}' names {} services; give it as 'Organisation – Service'",
                        several.len()
                    ),
                ))
            }
        }
    }
    programmes::add_services(&mut conn, programme, &ids)?;
    println!(
        "programme {programme} now has {} services",
        programmes::service_ids(&mut conn, programme)?.len()
    );
    Ok(())
}

pub fn send_requests(
    platform: &Platform,
    mail: &MailSettings,
    programme: &str,
    period: &str,
) -> AppResult<()> {
    let n = requests::send(&mut *platform.conn()?, mail, programme, period)?;
    println!("queued {n} requests for {period}; they go out when `frontline serve` or `frontline send-mail` runs");
    Ok(())
}

pub fn send_reminders(
    platform: &Platform,
    mail: &MailSettings,
    programme: &str,
    period: &str,
) -> AppResult<()> {
    let n = requests::remind(
        &mut *platform.conn()?,
        mail,
        programme,
        period,
        &frontline_web::clock::today(),
    )?;
    println!("queued {n} reminders for {period}");
    Ok(())
}

pub fn import(platform: &Platform, programme: &str, period: &str, file: &Path) -> AppResult<()> {
    let text = std::fs::read_to_string(file).map_err(|e| AppError::file(file, e))?;
    let rows = vfs_import::parse(&platform.geography, &file.display().to_string(), &text)?;
    let (stored, created) =
        vfs_import::import(&mut *platform.conn()?, programme, period, &rows, "cli")?;
    println!("imported {stored} returns for {period} ({created} new services)");
    Ok(())
}

pub fn export(
    platform: &Platform,
    programme: &str,
    period: &str,
    by: &str,
    out: &Path,
) -> AppResult<()> {
    if by != "pfa" {
        return Err(AppError::invalid(
            "by",
            format!("'{by}' is not a grouping; give pfa"),
        ));
    }
    let table = vfs_export::programme_period(
        &mut *platform.conn()?,
        &platform.geography,
        programme,
        period,
        &SuppressionRule::default(),
    )?;
    let csv = vfs_export::by_pfa_csv(&platform.geography, &table)?;
    std::fs::create_dir_all(out).map_err(|e| AppError::file(out, e))?;
    let path = out.join("vfs-by-pfa.csv");
    std::fs::write(&path, csv).map_err(|e| AppError::file(&path, e))?;
    println!(
        "wrote {} ({} police force area(s) and England and Wales)",
        path.display(),
        table.by_area.len()
    );
    Ok(())
}
