//! Figures a charity published before Frontline, as imported: `level,area,measure,value`, one
//! row per figure — `level` national, region or pfa; `area` blank for England and Wales, a
//! region's name, or an area's ONS code or force name; `measure` a column of that level's
//! series; `value` the figure as printed (a number, or `[c]` where it was suppressed). Read all
//! or nothing, every problem named by line and field.

use crate::figures::PublishedFigure;
use crate::spec::{Level, SeriesSpec};
use frontline_csv_import::{Columns, Refused};
use frontline_geo::areas::{Geography, REGIONS};
use std::collections::BTreeSet;

pub const COLUMNS: Columns<'static> = Columns {
    required: &["level", "area", "measure", "value"],
    optional: &[],
};

/// A suppressed figure, as the publications print it.
pub const SUPPRESSED: &str = "[c]";

/// Every figure in `text`, or every problem in it.
pub fn read(
    spec: &SeriesSpec,
    geo: &Geography,
    text: &str,
) -> Result<Vec<PublishedFigure>, Refused> {
    let mut seen = BTreeSet::new();
    frontline_csv_import::read(text, COLUMNS, |row| {
        let level = row.check("level", Level::parse);
        let area = level.and_then(|level| row.check("area", |given| area(geo, level, given)));
        let measure = level.and_then(|level| {
            row.check("measure", |given| {
                let columns = &spec.level(level).columns;
                columns
                    .iter()
                    .find(|c| c.as_str() == given.trim())
                    .cloned()
                    .ok_or_else(|| {
                        format!(
                            "'{given}' is not a figure of the {} series; expected one of: {}",
                            level.code(),
                            columns.join(", ")
                        )
                    })
            })
        });
        let value = row.check("value", value);
        let (level, area, measure, value) = (level?, area?, measure?, value?);
        if !seen.insert((level, area.clone(), measure.clone())) {
            row.problem(
                "measure",
                format!("{measure} for this area is given more than once"),
            );
            return None;
        }
        Some(PublishedFigure {
            level,
            area,
            measure,
            value,
        })
    })
}

/// The area's key in the series: empty for England and Wales, a region's name, an area's code.
fn area(geo: &Geography, level: Level, given: &str) -> Result<String, String> {
    let given = given.trim();
    match level {
        Level::National if given.is_empty() || given.eq_ignore_ascii_case("England and Wales") => {
            Ok(String::new())
        }
        Level::National => Err(format!(
            "'{given}' is not England and Wales; leave the area blank for national figures"
        )),
        Level::Region => REGIONS
            .iter()
            .find(|r| r.eq_ignore_ascii_case(given))
            .map(|r| r.to_string())
            .ok_or_else(|| {
                format!(
                    "'{given}' is not one of the 10 regions ({})",
                    REGIONS.join(", ")
                )
            }),
        Level::Pfa => geo
            .resolve(given)
            .map(|a| a.code.to_string())
            .map_err(|e| e.to_string()),
    }
}

/// A figure as printed: a number of 0 or more (commas allowed), or [c].
fn value(given: &str) -> Result<String, String> {
    let given = given.trim();
    if given == SUPPRESSED {
        return Ok(given.to_string());
    }
    let plain = given.replace(',', "");
    match plain.parse::<f64>() {
        Ok(x) if x.is_finite() && x >= 0.0 => Ok(plain),
        _ if given.is_empty() => Err("is empty; give the figure as printed, or [c]".into()),
        _ => Err(format!(
            "'{given}' is not a figure of 0 or more (or [c] for one suppressed)"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_text(text: &str) -> Result<Vec<PublishedFigure>, Refused> {
        read(SeriesSpec::practitioner(), &Geography::reference(), text)
    }

    #[test]
    fn national_regional_and_area_figures_read_by_name_or_code() {
        let rows = read_text(
            "level,area,measure,value\nnational,,fte_idvas,\"1,610\"\nregion,wales,fte_idvas,31\npfa,Kent,volunteers,[c]\n",
        )
        .expect("good file");
        assert_eq!(rows[0].value, "1610");
        assert_eq!(rows[1].area, "Wales");
        assert_eq!(
            (rows[2].area.as_str(), rows[2].value.as_str()),
            ("E23000032", "[c]")
        );
    }

    #[test]
    fn every_problem_is_named_by_line_and_field_and_nothing_is_read() {
        let e = read_text(
            "level,area,measure,value\ncounty,,fte_idvas,1\nregion,Narnia,fte_idvas,2\nnational,,idvas,3\nnational,,fte_idvas,-4\nnational,,fte_idvas,5\nnational,,fte_idvas,6\n",
        )
        .expect_err("bad file");
        let said = e.to_string();
        for expected in [
            "line 2, level: 'county' is not a level",
            "line 3, area: 'Narnia' is not one of the 10 regions",
            "line 4, measure: 'idvas' is not a figure of the national series",
            "line 5, value: '-4' is not a figure of 0 or more",
            "line 7, measure: fte_idvas for this area is given more than once",
        ] {
            assert!(said.contains(expected), "{expected} in {said}");
        }
    }
}
