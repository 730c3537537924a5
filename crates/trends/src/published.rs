//! Figures a charity published before Frontline, as imported: `level,area,measure,value`, one
//! row per figure — `level` national, region or pfa; `area` blank for England and Wales, a
//! region's name, or an area's ONS code or force name; `measure` a column of that level's
//! series; `value` the figure as printed (a number, or `[c]` where it was suppressed). Read all
//! or nothing, every problem named by line and field.

use crate::figures::PublishedFigure;
use crate::spec::{Level, SeriesSpec};
use frontline_csv_import::{Columns, Problem, Refused};
use frontline_geo::areas::{Geography, REGIONS};
use std::collections::BTreeSet;

pub const COLUMNS: Columns<'static> = Columns {
    required: &["level", "area", "measure", "value"],
    optional: &[],
};

/// A suppressed figure, as the publications print it.
pub const SUPPRESSED: &str = "[c]";

/// Every figure in `text`, or every problem in it: a row that cannot be read, or a `[c]` that
/// the other figures give away (see [`lone_hidden`]).
pub fn read(
    spec: &SeriesSpec,
    geo: &Geography,
    text: &str,
) -> Result<Vec<PublishedFigure>, Refused> {
    let rows = read_rows(spec, geo, text)?;
    let problems = lone_hidden(geo, &rows);
    if !problems.is_empty() {
        return Err(Refused(problems));
    }
    Ok(rows.into_iter().map(|(_, f)| f).collect())
}

/// Each figure with its line.
fn read_rows(
    spec: &SeriesSpec,
    geo: &Geography,
    text: &str,
) -> Result<Vec<(u64, PublishedFigure)>, Refused> {
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
        Some((
            row.line(),
            PublishedFigure {
                level,
                area,
                measure,
                value,
            },
        ))
    })
}

/// A `[c]` that is the only hidden figure among its siblings (the regions under England and
/// Wales, the areas of a region) while their total and every other sibling are given: the total
/// less the others gives it away, so the import is refused until another sibling is hidden too
/// or the total is left out. Frontline's own tables never publish one (secondary suppression);
/// a year published before it must not bring one in.
fn lone_hidden(geo: &Geography, rows: &[(u64, PublishedFigure)]) -> Vec<Problem> {
    let value = |level: Level, area: &str, measure: &str| {
        rows.iter()
            .find(|(_, f)| f.level == level && f.area == area && f.measure == measure)
    };
    let mut families: Vec<(Level, String, Level, Vec<String>)> = vec![(
        Level::National,
        String::new(),
        Level::Region,
        REGIONS.iter().map(|r| r.to_string()).collect(),
    )];
    for region in REGIONS {
        let areas = geo
            .areas()
            .iter()
            .filter(|a| a.region == region)
            .map(|a| a.code.to_string())
            .collect();
        families.push((Level::Region, region.to_string(), Level::Pfa, areas));
    }
    let measures: BTreeSet<&str> = rows.iter().map(|(_, f)| f.measure.as_str()).collect();
    let mut problems = Vec::new();
    for (parent_level, parent, child_level, children) in &families {
        for measure in &measures {
            let Some((_, total)) = value(*parent_level, parent, measure) else {
                continue;
            };
            if total.value == SUPPRESSED {
                continue;
            }
            let given: Vec<_> = children
                .iter()
                .map(|c| value(*child_level, c, measure))
                .collect();
            if given.iter().any(Option::is_none) {
                continue;
            }
            let hidden: Vec<_> = given
                .iter()
                .flatten()
                .filter(|(_, f)| f.value == SUPPRESSED)
                .collect();
            if let [(line, lone)] = hidden[..] {
                let whole = if parent.is_empty() {
                    "England and Wales"
                } else {
                    parent
                };
                problems.push(Problem {
                    line: *line,
                    field: "value".into(),
                    message: format!(
                        "{}'s [c] for {measure} can be worked out from {whole}'s figure less the others; hide another of them too, or leave {whole}'s figure out",
                        if lone.level == Level::Pfa {
                            geo.find(&lone.area).map_or(lone.area.clone(), |a| a.name.clone())
                        } else {
                            lone.area.clone()
                        }
                    ),
                });
            }
        }
    }
    problems.sort_by_key(|p| p.line);
    problems
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
    fn a_lone_hidden_region_under_a_printed_total_is_refused() {
        let mut text = String::from("level,area,measure,value\nnational,,volunteers,900\n");
        for (i, region) in REGIONS.iter().enumerate() {
            let value = if i == 3 {
                "[c]".to_string()
            } else {
                "90".to_string()
            };
            text.push_str(&format!("region,{region},volunteers,{value}\n"));
        }
        let e = read_text(&text).expect_err("North East given away");
        assert!(
            e.to_string().contains("line 6, value: North East's [c] for volunteers can be worked out from England and Wales's figure"),
            "{e}"
        );
        // Hiding a second region protects both.
        let protected = text.replace("region,Wales,volunteers,90", "region,Wales,volunteers,[c]");
        assert!(read_text(&protected).is_ok());
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
