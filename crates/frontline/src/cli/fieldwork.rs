//! Fieldwork from the command line: cycles, contacts, invitations, reminders, mail, responses.

use frontline_web::error::{AppError, AppResult};
use frontline_web::fieldwork;
use frontline_web::mail::{MailSettings, Mailer};
use frontline_web::store::cycles;
use frontline_web::store::states::CycleStatus;
use frontline_web::Platform;
use std::path::Path;

pub fn new_cycle(
    platform: &Platform,
    year: i32,
    schema: &str,
    title: &str,
    opens: &str,
    closes: &str,
) -> AppResult<()> {
    platform.catalogue.get(schema)?;
    for (field, date) in [("opens", opens), ("closes", closes)] {
        fieldwork::reminders::parse_dates(date).map_err(|_| {
            AppError::invalid(field, format!("'{date}' is not a date like 2026-12-01"))
        })?;
    }
    let cycle = cycles::create(
        &mut *platform.conn()?,
        &cycles::NewCycle {
            year,
            title,
            schema_id: schema,
            opens_on: opens,
            closes_on: closes,
            status: CycleStatus::Draft,
        },
    )?;
    println!(
        "created the {} cycle ({}), status draft",
        cycle.year, cycle.schema_id
    );
    Ok(())
}

pub fn cycle_status(platform: &Platform, cycle: i32, status: &str) -> AppResult<()> {
    fieldwork::cycle_state::set_status(&mut *platform.conn()?, cycle, status, "cli")?;
    println!("the {cycle} cycle is now {status}");
    Ok(())
}

pub fn import_contacts(platform: &Platform, cycle: i32, file: &Path) -> AppResult<()> {
    let text = std::fs::read_to_string(file).map_err(|e| AppError::file(file, e))?;
    let rows = fieldwork::contacts::parse(&platform.geography, &file.display().to_string(), &text)?;
    let summary = fieldwork::contacts::import(&mut *platform.conn()?, cycle, &rows)?;
    println!(
        "imported {} contact rows ({} new services); the cycle has {} invitations",
        summary.rows, summary.services_created, summary.invitations
    );
    Ok(())
}

pub fn send_invitations(platform: &Platform, mail: &MailSettings, cycle: i32) -> AppResult<()> {
    let n = fieldwork::invitations::send(&mut *platform.conn()?, mail, cycle, "command line")?;
    println!(
        "queued {n} invitations; they go out when `frontline serve` or `frontline send-mail` runs"
    );
    Ok(())
}

pub fn send_reminders(platform: &Platform, mail: &MailSettings, cycle: i32) -> AppResult<()> {
    let mut conn = platform.conn()?;
    let c = cycles::by_year(&mut conn, cycle)?;
    let n = fieldwork::reminders::send(&mut conn, mail, &c, &frontline_web::clock::today())?;
    println!("queued {n} reminders");
    Ok(())
}

pub fn send_mail(platform: &Platform, mail: &MailSettings) -> AppResult<()> {
    let mailer = Mailer::new(mail)?;
    let n = fieldwork::mail_round::run_once(platform, mail, &mailer)?;
    println!("sent {n} messages via {}", mail.describe());
    Ok(())
}

pub fn export_responses(platform: &Platform, cycle: i32, out: Option<&Path>) -> AppResult<()> {
    let csv = fieldwork::export::responses_csv(&mut *platform.conn()?, &platform.catalogue, cycle)?;
    match out {
        Some(path) => std::fs::write(path, csv).map_err(|e| AppError::file(path, e))?,
        None => print!("{csv}"),
    }
    Ok(())
}
