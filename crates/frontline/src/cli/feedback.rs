//! Survivors' feedback from the command line: a service's feedback link and its QR code.

use frontline_web::error::{AppError, AppResult};
use frontline_web::mail::MailSettings;
use frontline_web::voice::links;
use frontline_web::Platform;
use std::path::Path;

/// Makes a link for `service`, prints its URL and, with `qr`, writes its QR code there.
pub fn link(
    platform: &Platform,
    mail: &MailSettings,
    service: &str,
    qr: Option<&Path>,
    by: &str,
) -> AppResult<()> {
    if let Some(path) = qr {
        if path.extension().is_none_or(|e| e != "svg") {
            return Err(AppError::invalid(
                "qr",
                format!("'{}' should be an .svg file", path.display()),
            ));
        }
    }
    let made = links::create_by_name(&mut *platform.conn()?, service, by)?;
    let url = mail.feedback_link(&made.token);
    if let Some(path) = qr {
        let svg = frontline_web::qr::svg(&url, links::QR_SIZE)?;
        std::fs::write(path, svg).map_err(|e| AppError::file(path, e))?;
        eprintln!("QR code written to {}", path.display());
    }
    println!("{url}");
    Ok(())
}
