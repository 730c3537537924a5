//! The year before Frontline: figures for 2015 as a charity printed them in its report (national
//! and regional, a few columns, one count suppressed), imported so the series starts in 2015.
//! Synthetic: drawn a little below the 2016 figures.

use frontline_disclosure::SuppressionRule;
use frontline_trends::published::read;
use frontline_trends::SeriesSpec;
use frontline_web::error::{AppError, AppResult};
use frontline_web::publication::read_inputs;
use frontline_web::store::published;
use frontline_web::Platform;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

const TEAM: &str = "admin@example.org";
pub const SOURCE: &str =
    "Demo: the 2015 practitioner survey report, tables 1 to 3, as printed (synthetic)";
/// The regions whose 2015 volunteers were printed as [c].
const HIDDEN: [&str; 2] = ["North East", "Wales"];
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
    let mut csv = String::from("level,area,measure,value\n");
    for (table, columns) in PRINTED {
        let Some(t) = inputs.publication.tables.iter().find(|t| t.name == table) else {
            continue;
        };
        for column in columns {
            let Some(at) = t.columns.iter().position(|c| c == column) else {
                continue;
            };
            for row in &t.rows {
                let Ok(now) = row[at].parse::<f64>() else {
                    continue;
                };
                let then = (now * rng.gen_range(0.86..0.97)).round();
                let (level, area, value) = match row[0].as_str() {
                    // The report printed no England and Wales total of volunteers: with two
                    // regions hidden, the total would have narrowed them down.
                    "Total" if *column == "volunteers" => continue,
                    "Total" => ("national", "", then.to_string()),
                    // The North East's volunteers were too few to print in 2015, and Wales'
                    // were hidden beside them.
                    region if *column == "volunteers" && HIDDEN.contains(&region) => {
                        ("region", region, "[c]".to_string())
                    }
                    region => ("region", region, then.to_string()),
                };
                csv.push_str(&format!("{level},{area},{column},{value}\n"));
            }
        }
    }
    let figures = read(
        SeriesSpec::practitioner(),
        &platform.geography,
        &SuppressionRule::default(),
        &csv,
    )
    .map_err(|e| AppError::invalid("the demo's 2015 figures", e.to_string()))?;
    let n = published::import(&mut *platform.conn()?, 2015, SOURCE, &figures, TEAM)?;
    Ok(format!("{n} figures published for 2015, before Frontline"))
}
