//! The demo's publication history: 2016 released, then corrected as version 2 (so the versions
//! page has a change to show); 2017's silent services without earlier figures imputed and its
//! estimates frozen and ready to release; 2018 in fieldwork with nothing public.

use frontline_web::error::{AppError, AppResult};
use frontline_web::estimates::{freeze, imputation};
use frontline_web::publish::release::release;
use frontline_web::publish::MapStyle;
use frontline_web::store::{cycles, need_inputs};
use frontline_web::templates::Templates;
use frontline_web::Platform;

const TEAM: &str = "admin@example.org";
/// The area whose Marac count the demo corrects.
const CORRECTED_AREA: &str = "E23000002";

pub fn publication_history(platform: &Platform) -> AppResult<String> {
    let templates = Templates::new()?;
    let style = MapStyle::Boundaries;
    release(
        platform,
        &templates,
        2016,
        TEAM,
        "First release of the 2016 figures.",
        &style,
    )?;
    let (before, after) = correct_marac_cases(platform)?;
    release(
        platform,
        &templates,
        2016,
        TEAM,
        &format!(
            "Correction: Cumbria's Marac cases for the 12 months were mis-keyed as {before} and are corrected to {after}; Cumbria's recommended provision and coverage change, and the regional and national totals with them."
        ),
        &style,
    )?;
    // Silent services with no earlier figures, estimated from those of their class that answered.
    let imputed = match imputation::impute_all(platform, &mut *platform.conn()?, 2017, TEAM) {
        Ok(n) => n,
        Err(AppError::Invalid { .. }) => 0,
        Err(e) => return Err(e),
    };
    freeze::freeze(
        &mut *platform.conn()?,
        2017,
        TEAM,
        "Demo: estimates checked with PCC offices and ready to release.",
    )?;
    Ok(format!(
        "2016 released (version 2 corrects version 1); 2017: {imputed} silent services imputed, frozen and ready to release"
    ))
}

/// Re-opens 2016, corrects one area's Marac count and freezes it again, as a team would.
fn correct_marac_cases(platform: &Platform) -> AppResult<(i32, i32)> {
    let mut conn = platform.conn()?;
    let reason = "Cumbria's Marac count was mis-keyed in the need inputs.";
    freeze::reopen(&mut conn, 2016, TEAM, reason)?;
    let cycle = cycles::by_year(&mut conn, 2016)?;
    let mut inputs = need_inputs::for_cycle(&mut conn, cycle.id)?;
    let row = inputs
        .iter_mut()
        .find(|i| i.pfa_code == CORRECTED_AREA)
        .ok_or_else(|| AppError::NotFound("the demo's Cumbria need inputs".into()))?;
    let before = row.marac_cases;
    row.marac_cases = before + before / 2;
    let after = row.marac_cases;
    need_inputs::replace(&mut conn, cycle.id, &inputs)?;
    freeze::freeze(&mut conn, 2016, TEAM, "Corrected need inputs checked.")?;
    Ok((before, after))
}
