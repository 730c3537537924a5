//! Grants from the command line: importing a programme's grant agreements, writing a period's
//! monitoring files, and due diligence on providers (recording items, reminding before they
//! fall due).

use frontline_grants::diligence::Item;
use frontline_grants::kpi::Status;
use frontline_provision::Day;
use frontline_web::access::Scope;
use frontline_web::error::{AppError, AppResult};
use frontline_web::grants::import::Outcome;
use frontline_web::grants::{self, monitoring, reminders, value};
use frontline_web::store::{cycles, due_diligence, funding, programmes, services};
use frontline_web::Platform;
use std::path::Path;

/// `frontline import-grants`: every row checked before anything is stored.
pub fn import(platform: &Platform, programme: &str, file: &Path, by: &str) -> AppResult<()> {
    let text = std::fs::read_to_string(file).map_err(|e| AppError::file(file, e))?;
    let outcome = grants::import::import(
        &mut *platform.conn()?,
        &platform.geography,
        programme,
        &text,
        &Scope::Everything,
        by,
    )?;
    let done = match outcome {
        Outcome::Imported(done) => done,
        Outcome::Refused(problems) => {
            return Err(AppError::invalid(
                file.display().to_string(),
                format!("nothing was imported; fix these: {}", problems.join("; ")),
            ))
        }
    };
    println!(
        "imported {} grant(s) into {programme}: {} added, {} replaced",
        done.added + done.replaced,
        done.added,
        done.replaced
    );
    Ok(())
}

/// `frontline grant-monitoring`: the period's KPI statuses and spend, and the value and market
/// tables, as CSV files in `out`.
pub fn monitoring(platform: &Platform, programme: &str, period: &str, out: &Path) -> AppResult<()> {
    let mut conn = platform.conn()?;
    let found = programmes::by_id(&mut conn, programme)?;
    let period = found.period(period)?;
    let held = grants::visible(&mut conn, &found.id, &Scope::Everything)?;
    let report = monitoring::period_report(&mut conn, &held, &period)?;
    let mut tables = vec![report.monitoring, report.spend];
    // The market tables read the newest cycle whose funding register holds streams.
    let mut newest = None;
    for cycle in cycles::all(&mut conn)? {
        if !funding::for_cycle(&mut conn, cycle.id)?.is_empty() {
            newest = Some(cycle);
            break;
        }
    }
    if let Some(cycle) = newest.or(cycles::all(&mut conn)?.into_iter().next()) {
        let rule = cycle.suppression_rule();
        tables.extend(value::tables(
            platform,
            &mut conn,
            &cycle,
            &rule,
            value::Window::Latest,
        )?);
    }
    std::fs::create_dir_all(out).map_err(|e| AppError::file(out, e))?;
    for table in &tables {
        let path = out.join(format!("{}.csv", table.name));
        let csv = table
            .to_csv()
            .map_err(|e| AppError::Task(format!("writing {}: {e}", path.display())))?;
        std::fs::write(&path, csv).map_err(|e| AppError::file(&path, e))?;
    }
    let count = |status: Status| report.lines.iter().filter(|l| l.status() == status).count();
    println!(
        "wrote {} file(s) to {} for {period}: {} KPI(s) met, {} not met, {} with no return",
        tables.len(),
        out.display(),
        count(Status::Met),
        count(Status::NotMet),
        count(Status::NoReturn)
    );
    Ok(())
}

/// `frontline due-diligence record`.
pub fn record_diligence(
    platform: &Platform,
    organisation: &str,
    item: &str,
    reference: &str,
    due: &str,
    by: &str,
) -> AppResult<()> {
    let item = Item::parse(item).map_err(|e| AppError::invalid("item", e))?;
    let due = Day::parse(due).map_err(|e| AppError::invalid("due", e))?;
    if reference.trim().is_empty() {
        return Err(AppError::invalid(
            "reference",
            "give the document's reference (a version, policy number or certificate)",
        ));
    }
    let mut conn = platform.conn()?;
    let known = services::all(&mut conn)?;
    if !known.iter().any(|s| s.organisation == organisation) {
        return Err(AppError::invalid(
            "organisation",
            format!("no provider is called '{organisation}'"),
        ));
    }
    let id = services::organisation_id(&mut conn, organisation)?;
    due_diligence::record(&mut conn, id, item, reference.trim(), due, by)?;
    println!("recorded {} for {organisation}, due {due}", item.label());
    Ok(())
}

/// `frontline due-diligence remind`.
pub fn remind(platform: &Platform) -> AppResult<()> {
    let today = Day::parse(&frontline_web::clock::today())
        .map_err(|e| AppError::Task(format!("today: {e}")))?;
    let done = reminders::send(&mut *platform.conn()?, today)?;
    println!(
        "queued {} reminder(s); {} item(s) due have no contact to remind",
        done.queued, done.without_contact
    );
    Ok(())
}
