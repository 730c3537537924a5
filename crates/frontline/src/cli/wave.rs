//! `frontline wave …` and `frontline open-link`: a wave's extra instruments from the command line.

use super::WaveCommand;
use frontline_web::error::{AppError, AppResult};
use frontline_web::instruments::{invitations, open_links, wave};
use frontline_web::mail::MailSettings;
use frontline_web::Platform;
use std::path::Path;

/// Who the command line acts as in the audit log.
const ACTOR: &str = "command line";

pub fn run(platform: &Platform, mail: &MailSettings, command: WaveCommand) -> AppResult<()> {
    let mut conn = platform.conn()?;
    match command {
        WaveCommand::Add {
            cycle,
            instrument,
            group,
        } => {
            let added =
                wave::add_instrument(platform, &mut conn, cycle, &instrument, &group, ACTOR)?;
            println!(
                "the {cycle} wave holds {} ({})",
                added.instrument, added.group_name
            );
        }
        WaveCommand::Invite {
            cycle,
            instrument,
            file,
        } => {
            let list = invitations::read_list(&read(&file)?)?;
            let n = invitations::invite(
                platform,
                &mut conn,
                cycle,
                &instrument,
                &list,
                &mail.public_url,
                ACTOR,
            )?;
            println!(
                "{n} invited to {instrument} ({} already invited)",
                list.len() - n
            );
        }
    }
    Ok(())
}

/// Creates an open link and prints its URL.
pub fn open_link(
    platform: &Platform,
    mail: &MailSettings,
    cycle: i32,
    instrument: &str,
    channel: &str,
) -> AppResult<()> {
    let link = open_links::create(
        platform,
        &mut *platform.conn()?,
        cycle,
        instrument,
        channel,
        ACTOR,
    )?;
    println!("{}/o/{}", mail.public_url.trim_end_matches('/'), link.token);
    Ok(())
}

fn read(file: &Path) -> AppResult<String> {
    std::fs::read_to_string(file).map_err(|e| AppError::file(file, e))
}
