//! Qualitative coding from the command line: agreement statistics on a coding file.

use crate::error::{AppError, AppResult};
use frontline_qualitative::agreement::{coders, cohen_kappa, krippendorff_alpha, read_csv};
use std::path::Path;

pub fn agreement(file: &Path) -> AppResult<()> {
    let text = std::fs::read_to_string(file).map_err(|e| AppError::file(file, e))?;
    let units = read_csv(&file.display().to_string(), &text)
        .map_err(|e| AppError::invalid("file", e.to_string()))?;
    println!("{}", agreement_line(&units));
    Ok(())
}

/// `units=N coders=K krippendorff_alpha=0.xxx[ cohen_kappa=0.xxx]`; an undefined statistic
/// (no pairable values, or no variation) prints as `undefined`.
pub fn agreement_line(units: &frontline_qualitative::agreement::Reliability) -> String {
    let show = |x: Option<f64>| x.map_or("undefined".to_string(), |v| format!("{v:.3}"));
    let who: Vec<&str> = coders(units).into_iter().collect();
    let mut line = format!(
        "units={} coders={} krippendorff_alpha={}",
        units.len(),
        who.len(),
        show(krippendorff_alpha(units))
    );
    if let [a, b] = who.as_slice() {
        line.push_str(&format!(" cohen_kappa={}", show(cohen_kappa(units, a, b))));
    }
    line
}
