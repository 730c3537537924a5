//! Estimates from the command line: past returns, need inputs, the funding register, freezing
//! and re-opening.

use frontline_web::error::{AppError, AppResult};
use frontline_web::Platform;
use std::path::Path;

pub fn import_returns(platform: &Platform, cycle: i32, file: &Path) -> AppResult<()> {
    let text = std::fs::read_to_string(file).map_err(|e| AppError::file(file, e))?;
    let returns = frontline_web::estimates::import_returns::parse(
        &platform.geography,
        &file.display().to_string(),
        &text,
    )?;
    let n = frontline_web::estimates::import_returns::import(
        platform,
        &mut *platform.conn()?,
        cycle,
        &returns,
        "cli",
    )?;
    println!("imported returns for {n} services into {cycle}");
    Ok(())
}

pub fn freeze(platform: &Platform, cycle: i32, reopen: bool, reason: &str) -> AppResult<()> {
    let mut conn = platform.conn()?;
    if reopen {
        frontline_web::estimates::freeze::reopen(&mut conn, cycle, "cli", reason)?;
        println!("the {cycle} estimates are re-opened");
    } else {
        frontline_web::estimates::freeze::freeze(&mut conn, cycle, "cli", reason)?;
        println!("the {cycle} estimates are frozen");
    }
    Ok(())
}

pub fn import_need(platform: &Platform, cycle: i32, file: &Path) -> AppResult<()> {
    let count = frontline_web::import_need::import_file(platform, cycle, file)?;
    println!("imported need inputs for {count} police force areas into cycle {cycle}");
    Ok(())
}

pub fn import_funding(platform: &Platform, cycle: i32, file: &Path) -> AppResult<()> {
    let text = std::fs::read_to_string(file).map_err(|e| AppError::file(file, e))?;
    let name = file.display().to_string();
    let n = frontline_web::funding::import::import_funding(
        &mut *platform.conn()?,
        cycle,
        &name,
        &text,
        "cli",
    )?;
    println!("imported {n} funding streams into cycle {cycle}");
    Ok(())
}
