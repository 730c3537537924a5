//! The year before Frontline: figures for 2015 as a charity printed them in its report (national
//! and regional, a few columns, one count suppressed), imported so the series starts in 2015.
//! Synthetic: drawn a little below the 2016 figures.

use frontline_trends::figures::PublishedFigure;
use frontline_trends::Level;
use frontline_web::error::AppResult;
use frontline_web::publication::read_inputs;
use frontline_web::store::published;
use frontline_web::Platform;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

const TEAM: &str = "admin@example.org";
pub const SOURCE: &str =
    "Demo: the 2015 practitioner survey report, tables 1 to 3, as printed (synthetic)";
/// The columns the 2015 report printed, by the table they are in now.
const PRINTED: [(&str, &[&str]); 3] = [
    (
        "regional-capacity",
        &["idva_services", "fte_idvas", "fte_idvas_high_risk"],
    ),
    ("practitioners-by-region", &["all"]),
    ("volunteers", &["volunteers"]),
];

pub fn create(platform: &Platform, seed: u64) -> AppResult<String> {
    let mut rng = StdRng::seed_from_u64(seed ^ 0x2015);
    let inputs = read_inputs(platform, 2016)?;
    let mut figures = Vec::new();
    for (table, columns) in PRINTED {
        let Some(t) = inputs.publication.tables.iter().find(|t| t.name == table) else {
            continue;
        };
        for row in &t.rows {
            let (level, area) = match row[0].as_str() {
                "Total" => (Level::National, String::new()),
                region => (Level::Region, region.to_string()),
            };
            for column in columns {
                let Some(at) = t.columns.iter().position(|c| c == column) else {
                    continue;
                };
                let Ok(now) = row[at].parse::<f64>() else {
                    continue;
                };
                // The North East's volunteers were too few to print in 2015, and Wales' were
                // hidden beside them so the total less the others could not give them away.
                let value = if *column == "volunteers"
                    && ["North East", "Wales"].contains(&area.as_str())
                {
                    "[c]".to_string()
                } else {
                    (now * rng.gen_range(0.86..0.97)).round().to_string()
                };
                figures.push(PublishedFigure {
                    level,
                    area: area.clone(),
                    measure: column.to_string(),
                    value,
                });
            }
        }
    }
    let n = published::import(&mut *platform.conn()?, 2015, SOURCE, &figures, TEAM)?;
    Ok(format!("{n} figures published for 2015, before Frontline"))
}
